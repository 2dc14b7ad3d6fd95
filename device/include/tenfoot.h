/* tenfoot.h: the C ABI of tenfoot-device (device/src/ffi.rs), for a C host linking the shared
 * library (libtenfoot_device.so) or calling the same functions as wasm exports.
 * docs/embedding.md has the guide and the memory-ownership rules; in short:
 *  - buffers you pass in are yours; the engine copies what it keeps before returning;
 *  - results (stream bytes, JSON, text) are in the engine's result buffer: a call returns the
 *    length, tf_result_ptr() the address, valid until the next call on that engine;
 *  - one engine per tf_create, freed by tf_destroy; use an engine from one thread only.
 * Times are microseconds of the host's monotonic clock, passed as double. */
#ifndef TENFOOT_H
#define TENFOOT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct TfEngine TfEngine;

#define TF_OK 0
#define TF_ERR_ARGUMENT (-1)
#define TF_ERR_BROKEN (-2)

/* tf_frame flags */
#define TF_FRAME_PAINTED 1   /* a frame record was added to the stream */
#define TF_FRAME_FULL 2      /* ... and it is a full frame */
#define TF_FRAME_ANIMATING 4 /* ask for the next frame soon */
#define TF_FRAME_ERRORS 8    /* tf_take_errors has lines */

/* Remote keys for tf_key */
enum { TF_KEY_UP, TF_KEY_DOWN, TF_KEY_LEFT, TF_KEY_RIGHT, TF_KEY_SELECT, TF_KEY_BACK, TF_KEY_MENU,
       TF_KEY_PLAY_PAUSE, TF_KEY_REWIND, TF_KEY_FAST_FORWARD, TF_KEY_DELETE };

uint8_t *tf_alloc(uint32_t len);
void tf_free(uint8_t *ptr, uint32_t len);

/* app_id: "sample" or "chaos". NULL on failure: tf_create_error() bytes at tf_global_ptr(0). */
TfEngine *tf_create(uint32_t width, uint32_t height, const uint8_t *app_id, uint32_t app_id_len);
void tf_destroy(TfEngine *e);
uint32_t tf_create_error(void);
uint32_t tf_last_panic(void);              /* bytes at tf_global_ptr(1) */
const uint8_t *tf_global_ptr(uint32_t which);

const uint8_t *tf_result_ptr(TfEngine *e);
uint32_t tf_last_error(TfEngine *e);       /* the message, in the result buffer */

int32_t tf_key(TfEngine *e, uint32_t key, uint32_t pressed, double at_us);
int32_t tf_frame(TfEngine *e, double now_us); /* flags above, or < 0 */
double tf_next_wakeup(TfEngine *e);        /* microseconds, or -1: sleep until a key */
uint32_t tf_take_stream(TfEngine *e);      /* display-list stream bytes since the last take */
int32_t tf_force_full(TfEngine *e);

uint32_t tf_take_outbox(TfEngine *e);      /* JSON array of envelopes (docs/host-bus.md) */
int32_t tf_deliver(TfEngine *e, const uint8_t *json, uint32_t len); /* one envelope or an array */

int32_t tf_register_asset(TfEngine *e, const uint8_t *path, uint32_t path_len, const uint8_t *data, uint32_t data_len);
int32_t tf_register_font(TfEngine *e, const uint8_t *path, uint32_t path_len, const uint8_t *data, uint32_t data_len);

uint32_t tf_focus_path(TfEngine *e);       /* text; 0 when nothing is focused */
uint32_t tf_snapshot(TfEngine *e);         /* JSON: {"screens", "focus", "signals"} */
int32_t tf_restore(TfEngine *e, const uint8_t *json, uint32_t len);

uint32_t tf_take_errors(TfEngine *e);      /* one line per frame error */
double tf_panics_caught(TfEngine *e);
double tf_frames(TfEngine *e);
uint32_t tf_last_frame_bytes(TfEngine *e);
int32_t tf_take_unhandled(TfEngine *e);    /* a key nothing handled (Back on the bottom screen), or -1 */
int32_t tf_panic_in_frame(TfEngine *e, uint32_t n); /* crash drill */

#ifdef __cplusplus
}
#endif
#endif
