/* A minimal C host of tenfoot-device (device/tests/c_host.rs builds and runs it): creates the
 * sample app, answers nothing (its first request is printed), presses Right on the loading
 * screen, runs frames, and checks the stream, the outbox, the focus path and the error path.
 * Prints one `name value` line per check; exits non-zero on the first failed one. */
#include <stdio.h>
#include <string.h>

#include "tenfoot.h"

static int fail(const char *what) {
  fprintf(stderr, "c host: %s\n", what);
  return 1;
}

int main(void) {
  TfEngine *bad = tf_create(1920, 1080, (const uint8_t *)"tetris", 6);
  if (bad != NULL) return fail("tf_create accepted an unknown app");
  printf("create_error %.*s\n", (int)tf_create_error(), (const char *)tf_global_ptr(0));

  TfEngine *e = tf_create(1920, 1080, (const uint8_t *)"sample", 6);
  if (e == NULL) return fail("tf_create failed");
  double t = 0;
  int flags = tf_frame(e, t);
  if (!(flags & TF_FRAME_PAINTED) || !(flags & TF_FRAME_FULL)) return fail("the first frame is not a full one");
  uint32_t n = tf_take_stream(e);
  if (n < 8 || memcmp(tf_result_ptr(e), "TFDL", 4) != 0) return fail("the stream does not start with TFDL");
  printf("stream_bytes %u\n", n);
  n = tf_take_outbox(e);
  if (n == 0 || strstr((const char *)tf_result_ptr(e), "catalog.profiles") == NULL) return fail("no profiles request");
  printf("outbox %.*s\n", (int)n, (const char *)tf_result_ptr(e));
  if (tf_key(e, 99, 1, t) != TF_ERR_ARGUMENT) return fail("key 99 was accepted");
  n = tf_last_error(e);
  printf("key_error %.*s\n", (int)n, (const char *)tf_result_ptr(e));
  for (int i = 1; i <= 30; i++) {
    t += 16667;
    if (tf_frame(e, t) < 0) return fail("tf_frame failed");
    (void)tf_take_stream(e);
  }
  n = tf_focus_path(e);
  printf("focus %.*s\n", (int)n, (const char *)tf_result_ptr(e));
  if (n == 0) return fail("nothing focused");
  printf("frames %.0f\n", tf_frames(e));
  tf_destroy(e);
  return 0;
}
