/*
 * tenfoot display-list stream, version 1.1: a reference device layer in C99, written from
 * docs/display-list.md. It decodes full and delta frames, keeps the chunk table and the
 * resources (font files by hash, glyph mask atlases, image data), and rasterizes every
 * frame into a premultiplied RGBA buffer: rects with per-corner radii, borders, linear
 * gradients, box shadows (three box blurs), images (area-averaged when shrunk, bilinear when
 * enlarged, corners cut), glyph masks from the atlas, clips, opacity layers, translation and
 * scale, and video planes (as the reference placeholder, or as transparent holes).
 *
 *     reader STREAM [--out DIR] [--size WxH] [--ppm] [--video-hole]
 *
 * prints one line per frame (`frame <seq> <full|delta> <commands> <Kind>=<n> ...`, kinds in
 * alphabetical order) and, with --out, writes DIR/frame-NNNNN.png (or .ppm). Build:
 *
 *     cc -std=c99 -O2 -DTF_PNG -o reader reader.c -lpng -lz -lm    (PNG in and out)
 *     cc -std=c99 -O2 -o reader reader.c -lm                       (PPM out; PNG images skipped)
 *
 * It is as strict as the Rust decoder: the same limits, every count checked against the bytes
 * left before anything is allocated, hash tables for every id lookup, checked totals. A bad
 * stream prints "error at byte N: ..." to stderr and exits with status 1.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef TF_PNG
#include <png.h>
#endif

/* Limits (docs/display-list.md, "Validation and limits"). */
#define MAX_RECORD_LEN (16u << 20)
#define MAX_FRAME_COMMANDS (1u << 18)
#define MAX_FRAME_BYTES (16u << 20)
#define MAX_CHUNKS (1u << 18)
#define MAX_GLYPHS_PER_RUN 65535u
#define MAX_STOPS 256u
#define MAX_PATH 1024u
#define MAX_FONT_ID (1u << 16)
#define MAX_IMAGE_ID (1u << 20)
#define MAX_IMAGE_SIDE 8192u
#define MAX_IMAGE_ALLOC (256ull << 20)
#define MAX_LOGICAL 16384.0f
#define MAX_NESTING 256
#define MAX_ATLAS_SIDE 4096u
#define MAX_ATLAS_ID (1u << 16)
#define MAX_ATLAS_GLYPHS 65535u
#define MAX_LIVE_GLYPHS (1u << 18)
#define MAX_RESOURCE_BYTES (256ull << 20)
#define MAX_VIDEO 64u
/* Drawing bounds of this reader (not format limits). */
#define MAX_LAYERS 32
#define MAX_MASKS 32

enum { KINDS = 13 };
static const char *const NAMES[KINDS] = {
    "FillRect", "LinearGradient", "Border", "BoxShadow", "Image", "GlyphRun", "PushClip",
    "PopClip", "PushOpacity", "PopOpacity", "PushTransform", "PopTransform", "Video",
};
static const int ALPHABETICAL[KINDS] = {2, 3, 0, 5, 4, 1, 7, 9, 11, 6, 8, 10, 12};
enum { T_FILL = 1, T_GRAD, T_BORDER, T_SHADOW, T_IMAGE, T_GLYPHS, T_PUSH_CLIP, T_POP_CLIP,
       T_PUSH_OPACITY, T_POP_OPACITY, T_PUSH_TRANSFORM, T_POP_TRANSFORM, T_VIDEO };

/* ---------------------------------------------------------------- reading bytes */

typedef struct {
    const uint8_t *data;
    size_t len, pos, base; /* base: stream offset of data[0] */
    const char *error;
    size_t error_at;
} Reader;

static int fail(Reader *r, const char *message) {
    if (!r->error) {
        r->error = message;
        r->error_at = r->base + r->pos;
    }
    return 0;
}
static size_t left(const Reader *r) { return r->len - r->pos; }
static int need(Reader *r, size_t n) { return left(r) < n ? fail(r, "truncated") : 1; }
static int u8(Reader *r, uint8_t *out) {
    if (!need(r, 1)) return 0;
    *out = r->data[r->pos++];
    return 1;
}
static int bytes(Reader *r, size_t n, const uint8_t **out) {
    if (!need(r, n)) return 0;
    *out = r->data + r->pos;
    r->pos += n;
    return 1;
}
static uint32_t le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static int u32le(Reader *r, uint32_t *out) {
    const uint8_t *p;
    if (!bytes(r, 4, &p)) return 0;
    *out = le32(p);
    return 1;
}
static int u64le(Reader *r, uint64_t *out) {
    const uint8_t *p;
    if (!bytes(r, 8, &p)) return 0;
    *out = (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
    return 1;
}
/* LEB128, at most 64 bits, shortest form only. */
static int varint(Reader *r, uint64_t *out) {
    uint64_t v = 0;
    for (int i = 0; i < 10; i++) {
        uint8_t b;
        if (!u8(r, &b)) return 0;
        if (i == 9 && b > 1) return fail(r, "varint over 64 bits");
        v |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            if (i > 0 && b == 0) return fail(r, "overlong varint");
            *out = v;
            return 1;
        }
    }
    return fail(r, "varint too long");
}
static int vmax(Reader *r, uint64_t max, uint64_t *out) {
    if (!varint(r, out)) return 0;
    return *out > max ? fail(r, "value over its limit") : 1;
}
/* A count of items of at least min_bytes each: within max and the bytes left. */
static int count(Reader *r, uint64_t max, size_t min_bytes, size_t *out) {
    uint64_t n;
    if (!vmax(r, max, &n)) return 0;
    if (n > left(r) / (min_bytes ? min_bytes : 1)) return fail(r, "count larger than the bytes left");
    *out = (size_t)n;
    return 1;
}
static int zvarint(Reader *r, int64_t max, int32_t *out) {
    uint64_t z;
    if (!varint(r, &z)) return 0;
    int64_t v = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
    if (v > max || v < -max) return fail(r, "signed value over its limit");
    *out = (int32_t)v;
    return 1;
}
static float f32_from(const uint8_t *p) {
    uint32_t b = le32(p);
    float f;
    memcpy(&f, &b, 4);
    return f;
}
static int is_short(float v) {
    return isfinite(v) && truncf(v) == v && fabsf(v) <= 16777216.0f && !(v == 0.0f && signbit(v));
}
/* Compact float: even varint = zigzag integer << 1; 1 = four raw bytes follow. */
static int fval(Reader *r, float *out) {
    uint64_t u;
    if (!varint(r, &u)) return 0;
    if ((u & 1) == 0) {
        uint64_t z = u >> 1;
        int64_t n = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
        if (n > 16777216 || n < -16777216) return fail(r, "float integer out of range");
        *out = (float)n;
        return 1;
    }
    if (u != 1) return fail(r, "unknown float form");
    const uint8_t *p;
    if (!bytes(r, 4, &p)) return 0;
    float v = f32_from(p);
    if (!isfinite(v)) return fail(r, "float is not finite");
    if (is_short(v)) return fail(r, "float should use the short form");
    *out = v;
    return 1;
}
static int raw_f(Reader *r, float *out) {
    const uint8_t *p;
    if (!bytes(r, 4, &p)) return 0;
    *out = f32_from(p);
    return isfinite(*out) ? 1 : fail(r, "raw float is not finite");
}
static int fvals(Reader *r, float *out, int n) {
    for (int i = 0; i < n; i++)
        if (!fval(r, &out[i])) return 0;
    return 1;
}
static int color(Reader *r, uint8_t out[4]) {
    const uint8_t *p;
    if (!bytes(r, 4, &p)) return 0;
    memcpy(out, p, 4);
    return 1;
}
/* A string: validated as UTF-8, copied NUL-terminated into out (MAX_PATH + 1 bytes). */
static int string(Reader *r, char *out) {
    uint64_t n;
    const uint8_t *p;
    if (!vmax(r, MAX_PATH, &n) || !bytes(r, (size_t)n, &p)) return 0;
    for (size_t i = 0; i < n;) {
        uint8_t c = p[i];
        size_t k = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
        if (k == 0 || i + k > n || (k == 2 && c < 0xc2) || c > 0xf4) return fail(r, "string is not valid UTF-8");
        if (k > 2) { /* no overlong forms, surrogates or code points past U+10FFFF */
            uint8_t d = p[i + 1];
            if ((c == 0xe0 && d < 0xa0) || (c == 0xed && d >= 0xa0) || (c == 0xf0 && d < 0x90) || (c == 0xf4 && d >= 0x90))
                return fail(r, "string is not valid UTF-8");
        }
        for (size_t j = 1; j < k; j++)
            if ((p[i + j] & 0xc0) != 0x80) return fail(r, "string is not valid UTF-8");
        i += k;
    }
    if (out) {
        memcpy(out, p, (size_t)n);
        out[n] = 0;
    }
    return 1;
}

/* ---------------------------------------------------------------- hash table */

/* Open addressing, linear probing: (key, tag) -> value. Used for every id lookup. */
typedef struct { uint64_t key; uint32_t tag, val; uint8_t state; } Slot; /* 0 empty, 1 used, 2 deleted */
typedef struct { Slot *s; size_t cap, used, dead; } Map;

static uint64_t mix(uint64_t k, uint32_t t) {
    k ^= (uint64_t)t * 0x9e3779b97f4a7c15ull;
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ull;
    return k ^ (k >> 33);
}
static Slot *map_find(const Map *m, uint64_t key, uint32_t tag) {
    if (!m->cap) return NULL;
    for (size_t i = mix(key, tag) & (m->cap - 1), n = 0; n < m->cap; i = (i + 1) & (m->cap - 1), n++) {
        Slot *s = &m->s[i];
        if (s->state == 0) return NULL;
        if (s->state == 1 && s->key == key && s->tag == tag) return s;
    }
    return NULL;
}
static int map_put(Map *m, uint64_t key, uint32_t tag, uint32_t val);
static int map_grow(Map *m) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    if ((m->used + 1) * 2 <= m->cap) cap = m->cap; /* only tombstones: rehash in place size */
    Slot *old = m->s;
    size_t old_cap = m->cap;
    m->s = calloc(cap, sizeof *m->s);
    if (!m->s) {
        m->s = old;
        return 0;
    }
    m->cap = cap;
    m->used = m->dead = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].state == 1) map_put(m, old[i].key, old[i].tag, old[i].val);
    free(old);
    return 1;
}
static int map_put(Map *m, uint64_t key, uint32_t tag, uint32_t val) {
    Slot *s = map_find(m, key, tag);
    if (s) {
        s->val = val;
        return 1;
    }
    if ((m->used + m->dead + 1) * 2 > m->cap && !map_grow(m)) return 0;
    for (size_t i = mix(key, tag) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        s = &m->s[i];
        if (s->state != 1) {
            if (s->state == 2) m->dead--;
            s->key = key;
            s->tag = tag;
            s->val = val;
            s->state = 1;
            m->used++;
            return 1;
        }
    }
}
static void map_del(Map *m, uint64_t key, uint32_t tag) {
    Slot *s = map_find(m, key, tag);
    if (s) {
        s->state = 2;
        m->used--;
        m->dead++;
    }
}
static void map_clear(Map *m) {
    free(m->s);
    memset(m, 0, sizeof *m);
}

/* ---------------------------------------------------------------- state */

typedef struct { float x, y; uint16_t id; } Glyph;
typedef struct { float offset; uint8_t color[4]; } Stop;
typedef struct {
    uint8_t tag, fit;
    float rect[4], radii[4], f[6];
    uint8_t color[4];
    uint32_t id, n;
    void *items; /* Stop[] or Glyph[] */
    const char *label;
} Cmd;
typedef struct { uint32_t id, n, bytes; Cmd *cmds; } Chunk;

typedef struct { int32_t left, top; uint32_t x, y, w, h; uint32_t font, atlas; uint16_t glyph; uint32_t size_bits; uint8_t bin; } Entry;
typedef struct { uint32_t id, w, h, n; uint8_t *px; Entry *entries; } Atlas;
typedef struct { uint32_t id, w, h; uint8_t *px; size_t held; } Image; /* px premultiplied RGBA */
typedef struct { uint32_t id, weight; uint64_t hash; char family[MAX_PATH + 1]; } Font;

typedef struct {
    /* frame state (reset by full frames) */
    Chunk *chunks;
    size_t nchunks, cap_chunks, live_cmds, live_bytes;
    Map chunk_ids, frame_fonts, frame_images;
    int synced;
    /* resources (kept across frames until released) */
    Atlas *atlases;
    size_t natlases, cap_atlases;
    Map atlas_ids, glyphs; /* glyph key -> (atlas index << 16 | entry) stored as two maps */
    Map glyph_entry;
    Image *images;
    size_t nimages, cap_images;
    Map image_ids;
    Font *fonts;
    size_t nfonts, cap_fonts;
    Map font_ids;
    uint64_t resource_bytes, live_glyphs;
    /* the next frame's video planes */
    Cmd video[MAX_VIDEO];
    char video_labels[MAX_VIDEO][MAX_PATH + 1];
    size_t nvideo;
} State;

static int grow(void **items, size_t *cap, size_t len, size_t size) {
    if (len < *cap) return 1;
    size_t n = *cap ? *cap * 2 : 16;
    void *p = realloc(*items, n * size);
    if (!p) return 0;
    *items = p;
    *cap = n;
    return 1;
}
static void free_chunk(Chunk *c) {
    for (uint32_t i = 0; i < c->n; i++) free(c->cmds[i].items);
    free(c->cmds);
}
static void reset_frames(State *s) {
    for (size_t i = 0; i < s->nchunks; i++) free_chunk(&s->chunks[i]);
    s->nchunks = s->live_cmds = s->live_bytes = 0;
    map_clear(&s->chunk_ids);
    map_clear(&s->frame_fonts);
    map_clear(&s->frame_images);
    s->synced = 0;
}
static void remove_chunk(State *s, size_t index) {
    Chunk *c = &s->chunks[index];
    s->live_cmds -= c->n;
    s->live_bytes -= c->bytes;
    map_del(&s->chunk_ids, c->id, 0);
    free_chunk(c);
    if (index != s->nchunks - 1) {
        *c = s->chunks[s->nchunks - 1];
        map_put(&s->chunk_ids, c->id, 0, (uint32_t)index);
    }
    s->nchunks--;
}

/* ---------------------------------------------------------------- commands */

static int radii(Reader *r, float out[4]) {
    uint8_t form;
    if (!u8(r, &form)) return 0;
    switch (form) {
    case 0: out[0] = out[1] = out[2] = out[3] = 0.0f; return 1;
    case 1:
        if (!fval(r, &out[0])) return 0;
        if (out[0] == 0.0f && !signbit(out[0])) return fail(r, "uniform radii of zero should use the zero form");
        out[1] = out[2] = out[3] = out[0];
        return 1;
    case 2: {
        if (!fvals(r, out, 4)) return 0;
        uint32_t b[4];
        memcpy(b, out, sizeof b);
        if (b[0] == b[1] && b[1] == b[2] && b[2] == b[3]) return fail(r, "four equal radii should use the uniform form");
        return 1;
    }
    default: return fail(r, "unknown radii form");
    }
}

static int command(State *s, Reader *r, Cmd *c) {
    size_t n;
    uint64_t v;
    memset(c, 0, sizeof *c);
    if (!u8(r, &c->tag)) return 0;
    switch (c->tag) {
    case T_FILL: return fvals(r, c->rect, 4) && radii(r, c->radii) && color(r, c->color);
    case T_GRAD: {
        if (!fvals(r, c->rect, 4) || !radii(r, c->radii) || !fvals(r, c->f, 4) || !count(r, MAX_STOPS, 5, &n)) return 0;
        Stop *stops = calloc(n ? n : 1, sizeof *stops);
        if (!stops) return fail(r, "out of memory");
        c->items = stops;
        c->n = (uint32_t)n;
        for (size_t i = 0; i < n; i++)
            if (!fval(r, &stops[i].offset) || !color(r, stops[i].color)) return 0;
        return 1;
    }
    case T_BORDER: return fvals(r, c->rect, 4) && radii(r, c->radii) && fval(r, &c->f[0]) && color(r, c->color);
    case T_SHADOW: return fvals(r, c->rect, 4) && radii(r, c->radii) && fvals(r, c->f, 4) && color(r, c->color);
    case T_IMAGE:
        if (!vmax(r, UINT32_MAX, &v)) return 0;
        if (!map_find(&s->frame_images, v, 0)) return fail(r, "image is not defined");
        c->id = (uint32_t)v;
        if (!fvals(r, c->rect, 4) || !u8(r, &c->fit)) return 0;
        if (c->fit > 2) return fail(r, "unknown image fit");
        return radii(r, c->radii) && fval(r, &c->f[0]);
    case T_GLYPHS: {
        if (!vmax(r, UINT32_MAX, &v)) return 0;
        if (!map_find(&s->frame_fonts, v, 0)) return fail(r, "font is not defined");
        c->id = (uint32_t)v;
        if (!fval(r, &c->f[0]) || !color(r, c->color) || !fvals(r, &c->f[1], 2) || !count(r, MAX_GLYPHS_PER_RUN, 5, &n))
            return 0;
        Glyph *g = calloc(n ? n : 1, sizeof *g);
        if (!g) return fail(r, "out of memory");
        c->items = g;
        c->n = (uint32_t)n;
        float y = 0.0f;
        for (size_t i = 0; i < n; i++) {
            if (!vmax(r, 131071, &v) || !raw_f(r, &g[i].x)) return 0;
            g[i].id = (uint16_t)(v >> 1);
            if (v & 1) {
                float ny;
                if (!raw_f(r, &ny)) return 0;
                if (memcmp(&ny, &y, 4) == 0) return fail(r, "glyph y flag repeats the previous y");
                y = ny;
            }
            g[i].y = y;
        }
        return 1;
    }
    case T_PUSH_CLIP: return fvals(r, c->rect, 4) && radii(r, c->radii);
    case T_PUSH_OPACITY: return fval(r, &c->f[0]);
    case T_PUSH_TRANSFORM: return fvals(r, c->f, 6);
    case T_POP_CLIP: case T_POP_OPACITY: case T_POP_TRANSFORM: return 1;
    default: return fail(r, "unknown command tag");
    }
}

/* ---------------------------------------------------------------- resource records */

static uint64_t fnv1a(const uint8_t *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}
static int charge(State *s, Reader *r, uint64_t add, uint64_t freed) {
    uint64_t next = s->resource_bytes - (freed < s->resource_bytes ? freed : s->resource_bytes) + add;
    if (next > MAX_RESOURCE_BYTES) return fail(r, "resources over the byte limit");
    s->resource_bytes = next;
    return 1;
}
static uint64_t glyph_key(uint32_t font, uint16_t glyph, uint32_t size_bits) {
    return (uint64_t)font << 48 | (uint64_t)glyph << 32 | size_bits;
}
static void release_atlas(State *s, uint32_t id) {
    Slot *slot = map_find(&s->atlas_ids, id, 0);
    if (!slot) return;
    size_t index = slot->val;
    Atlas *a = &s->atlases[index];
    for (uint32_t i = 0; i < a->n; i++) {
        Entry *e = &a->entries[i];
        Slot *g = map_find(&s->glyphs, glyph_key(e->font, e->glyph, e->size_bits), e->bin);
        if (g && g->val == id) {
            map_del(&s->glyphs, glyph_key(e->font, e->glyph, e->size_bits), e->bin);
            map_del(&s->glyph_entry, glyph_key(e->font, e->glyph, e->size_bits), e->bin);
            s->live_glyphs--;
        }
    }
    s->resource_bytes -= (uint64_t)a->w * a->h;
    free(a->px);
    free(a->entries);
    map_del(&s->atlas_ids, id, 0);
    if (index != s->natlases - 1) {
        *a = s->atlases[s->natlases - 1];
        map_put(&s->atlas_ids, a->id, 0, (uint32_t)index);
    }
    s->natlases--;
}
static void release_image(State *s, uint32_t id) {
    Slot *slot = map_find(&s->image_ids, id, 0);
    if (!slot) return;
    size_t index = slot->val;
    Image *im = &s->images[index];
    s->resource_bytes -= im->held;
    free(im->px);
    map_del(&s->image_ids, id, 0);
    if (index != s->nimages - 1) {
        *im = s->images[s->nimages - 1];
        map_put(&s->image_ids, im->id, 0, (uint32_t)index);
    }
    s->nimages--;
}
static void release_all(State *s) {
    while (s->natlases) release_atlas(s, s->atlases[0].id);
    while (s->nimages) release_image(s, s->images[0].id);
    s->nfonts = 0;
    map_clear(&s->font_ids);
}

static void premultiply(uint8_t *px, size_t n) {
    for (size_t i = 0; i < n; i++, px += 4) {
        unsigned a = px[3];
        if (a == 255) continue;
        for (int c = 0; c < 3; c++) px[c] = (uint8_t)((px[c] * a + 127) / 255);
    }
}

/* Decodes an encoded image (PNG with libpng) to premultiplied RGBA of exactly w x h. */
static uint8_t *decode_image(const uint8_t *data, size_t len, uint32_t w, uint32_t h) {
#ifdef TF_PNG
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, data, len)) return NULL;
    if (img.width != w || img.height != h) {
        png_image_free(&img);
        return NULL;
    }
    img.format = PNG_FORMAT_RGBA;
    uint8_t *px = malloc((size_t)w * h * 4);
    if (px && !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        free(px);
        px = NULL;
    }
    png_image_free(&img);
    if (px) premultiply(px, (size_t)w * h);
    return px;
#else
    (void)data, (void)len, (void)w, (void)h;
    return NULL; /* built without libpng: the image draws as a placeholder */
#endif
}

static int resource_record(State *s, Reader *r, uint8_t tag) {
    uint64_t v, id, w, h, weight, hash;
    size_t n;
    switch (tag) {
    case 0x80: { /* font file */
        Font f;
        if (!vmax(r, MAX_FONT_ID - 1, &id) || !vmax(r, 1000, &weight) || !u64le(r, &hash) || !vmax(r, 1ull << 32, &v) ||
            !string(r, f.family) || !string(r, NULL))
            return 0;
        if (weight == 0) return fail(r, "font weight 0");
        if (left(r)) return fail(r, "bytes after the font record");
        f.id = (uint32_t)id;
        f.weight = (uint32_t)weight;
        f.hash = hash;
        Slot *slot = map_find(&s->font_ids, id, 0);
        if (slot) {
            s->fonts[slot->val] = f;
            return 1;
        }
        if (!grow((void **)&s->fonts, &s->cap_fonts, s->nfonts, sizeof f)) return fail(r, "out of memory");
        s->fonts[s->nfonts] = f;
        if (!map_put(&s->font_ids, id, 0, (uint32_t)s->nfonts)) return fail(r, "out of memory");
        s->nfonts++;
        return 1;
    }
    case 0x81: { /* glyph atlas */
        if (!vmax(r, MAX_ATLAS_ID - 1, &id) || !vmax(r, MAX_ATLAS_SIDE, &w) || !vmax(r, MAX_ATLAS_SIDE, &h) ||
            !count(r, MAX_ATLAS_GLYPHS, 13, &n))
            return 0;
        Entry *entries = calloc(n ? n : 1, sizeof *entries);
        if (!entries) return fail(r, "out of memory");
        for (size_t i = 0; i < n; i++) {
            Entry *e = &entries[i];
            uint64_t font, glyph, x, y, ew, eh;
            uint8_t bin;
            float size;
            if (!vmax(r, MAX_FONT_ID - 1, &font) || !vmax(r, 65535, &glyph) || !raw_f(r, &size) || !u8(r, &bin) ||
                !zvarint(r, MAX_ATLAS_SIDE * 4, &e->left) || !zvarint(r, MAX_ATLAS_SIDE * 4, &e->top) ||
                !vmax(r, MAX_ATLAS_SIDE, &x) || !vmax(r, MAX_ATLAS_SIDE, &y) || !vmax(r, MAX_ATLAS_SIDE, &ew) ||
                !vmax(r, MAX_ATLAS_SIDE, &eh)) {
                free(entries);
                return 0;
            }
            if (!(size > 0.0f && size <= 2048.0f) || bin > 3 || x + ew > w || y + eh > h) {
                free(entries);
                return fail(r, bin > 3 ? "glyph bin over 3" : size > 0.0f && size <= 2048.0f ? "glyph mask outside its atlas" : "glyph size out of range");
            }
            e->font = (uint32_t)font;
            e->glyph = (uint16_t)glyph;
            memcpy(&e->size_bits, &size, 4);
            e->bin = bin;
            e->x = (uint32_t)x, e->y = (uint32_t)y, e->w = (uint32_t)ew, e->h = (uint32_t)eh;
            e->atlas = (uint32_t)id;
        }
        const uint8_t *px;
        size_t len = (size_t)w * (size_t)h;
        if (left(r) != len || !bytes(r, len, &px)) {
            free(entries);
            return fail(r, "atlas coverage bytes do not match its size");
        }
        if (s->live_glyphs + n > MAX_LIVE_GLYPHS) {
            free(entries);
            return fail(r, "glyph masks over the limit");
        }
        Slot *old = map_find(&s->atlas_ids, id, 0);
        uint64_t freed = old ? (uint64_t)s->atlases[old->val].w * s->atlases[old->val].h : 0;
        if (!charge(s, r, len, freed)) {
            free(entries);
            return 0;
        }
        if (old) {
            s->resource_bytes += freed; /* release_atlas takes it off again */
            release_atlas(s, (uint32_t)id);
        }
        uint8_t *copy = malloc(len ? len : 1);
        if (!copy || !grow((void **)&s->atlases, &s->cap_atlases, s->natlases, sizeof(Atlas))) {
            free(copy);
            free(entries);
            return fail(r, "out of memory");
        }
        memcpy(copy, px, len);
        Atlas *a = &s->atlases[s->natlases];
        a->id = (uint32_t)id, a->w = (uint32_t)w, a->h = (uint32_t)h, a->n = (uint32_t)n, a->px = copy, a->entries = entries;
        if (!map_put(&s->atlas_ids, id, 0, (uint32_t)s->natlases)) return fail(r, "out of memory");
        s->natlases++;
        for (size_t i = 0; i < n; i++) {
            Entry *e = &entries[i];
            uint64_t k = glyph_key(e->font, e->glyph, e->size_bits);
            if (!map_find(&s->glyphs, k, e->bin)) s->live_glyphs++;
            if (!map_put(&s->glyphs, k, e->bin, (uint32_t)id) || !map_put(&s->glyph_entry, k, e->bin, (uint32_t)i))
                return fail(r, "out of memory");
        }
        return 1;
    }
    case 0x82: { /* image data */
        uint8_t form;
        const uint8_t *data;
        if (!vmax(r, MAX_IMAGE_ID - 1, &id) || !u64le(r, &hash) || !vmax(r, MAX_IMAGE_SIDE, &w) ||
            !vmax(r, MAX_IMAGE_SIDE, &h) || !u8(r, &form))
            return 0;
        if (form > 2) return fail(r, "unknown image form");
        if (!vmax(r, left(r), &v)) return 0;
        uint64_t decoded = w * h * 4;
        if (decoded > MAX_IMAGE_ALLOC) return fail(r, "image too large");
        int ok = form == 0 ? v == 0 : form == 1 ? v > 0 && w > 0 && h > 0 : v == decoded && v > 0;
        if (!ok) return fail(r, "image byte length does not match its form and size");
        if (!bytes(r, (size_t)v, &data)) return 0;
        if (form == 1 && fnv1a(data, (size_t)v) != hash) return fail(r, "image bytes do not match its hash");
        if (left(r)) return fail(r, "bytes after the image record");
        uint64_t held = form == 0 ? 0 : form == 1 ? v + decoded : v;
        Slot *old = map_find(&s->image_ids, id, 0);
        if (!charge(s, r, held, old ? s->images[old->val].held : 0)) return 0;
        if (old) {
            s->resource_bytes += s->images[old->val].held;
            release_image(s, (uint32_t)id);
        }
        uint8_t *px = NULL;
        if (form == 2) {
            px = malloc((size_t)v);
            if (px) memcpy(px, data, (size_t)v);
        } else if (form == 1) {
            px = decode_image(data, (size_t)v, (uint32_t)w, (uint32_t)h);
        }
        if (!grow((void **)&s->images, &s->cap_images, s->nimages, sizeof(Image))) {
            free(px);
            return fail(r, "out of memory");
        }
        Image *im = &s->images[s->nimages];
        im->id = (uint32_t)id, im->w = (uint32_t)w, im->h = (uint32_t)h, im->px = px, im->held = (size_t)held;
        if (!map_put(&s->image_ids, id, 0, (uint32_t)s->nimages)) return fail(r, "out of memory");
        s->nimages++;
        return 1;
    }
    case 0x83: { /* release */
        if (!count(r, MAX_IMAGE_ID, 2, &n)) return 0;
        for (size_t i = 0; i < n; i++) {
            uint8_t kind;
            if (!u8(r, &kind) || !vmax(r, UINT32_MAX, &id)) return 0;
            if (kind == 0) {
                Slot *slot = map_find(&s->font_ids, id, 0);
                if (slot) {
                    size_t index = slot->val;
                    map_del(&s->font_ids, id, 0);
                    if (index != s->nfonts - 1) {
                        s->fonts[index] = s->fonts[s->nfonts - 1];
                        map_put(&s->font_ids, s->fonts[index].id, 0, (uint32_t)index);
                    }
                    s->nfonts--;
                }
            } else if (kind == 1) release_image(s, (uint32_t)id);
            else if (kind == 2) release_atlas(s, (uint32_t)id);
            else if (kind == 0xff) release_all(s);
            else return fail(r, "unknown release kind");
        }
        return left(r) ? fail(r, "bytes after the release record") : 1;
    }
    case 0x84: { /* video planes of the next frame */
        if (!count(r, MAX_VIDEO, 6, &n)) return 0;
        s->nvideo = 0;
        for (size_t i = 0; i < n; i++) {
            Cmd *c = &s->video[i];
            memset(c, 0, sizeof *c);
            if (!vmax(r, MAX_FRAME_COMMANDS, &v) || !fvals(r, c->rect, 4) || !string(r, s->video_labels[i])) return 0;
            if (i > 0 && v < s->video[i - 1].id) return fail(r, "video planes out of order");
            if (c->rect[2] < 0.0f || c->rect[3] < 0.0f) return fail(r, "video plane with a negative size");
            c->tag = T_VIDEO;
            c->id = (uint32_t)v;
            c->label = s->video_labels[i];
        }
        s->nvideo = n;
        return left(r) ? fail(r, "bytes after the video record") : 1;
    }
    default: return 1;
    }
}

/* ---------------------------------------------------------------- raster */

typedef struct { int w, h; uint8_t *px; } Canvas;
typedef struct { float sx, ky, kx, sy, tx, ty; } Xf;
typedef struct { int x0, y0, x1, y1; uint8_t *mask; } Clip; /* mask: canvas-sized A8 or NULL */

typedef struct {
    Canvas base;
    Canvas layers[MAX_LAYERS];
    float layer_opacity[MAX_LAYERS];
    int nlayers;
    int skipped_layers;
    Xf xf[MAX_NESTING + 2];
    int nxf;
    Clip clips[MAX_NESTING + 2];
    int nclips;
    int masks;
    int video_hole;
    long missing_glyphs;
    State *s;
} Raster;

static Xf xf_then(Xf a, Xf b) {
    Xf r;
    r.sx = a.sx * b.sx + a.kx * b.ky;
    r.ky = a.ky * b.sx + a.sy * b.ky;
    r.kx = a.sx * b.kx + a.kx * b.sy;
    r.sy = a.ky * b.kx + a.sy * b.sy;
    r.tx = a.sx * b.tx + a.kx * b.ty + a.tx;
    r.ty = a.ky * b.tx + a.sy * b.ty + a.ty;
    return r;
}
static void xf_apply(const Xf *t, float x, float y, float *ox, float *oy) {
    *ox = t->sx * x + t->kx * y + t->tx;
    *oy = t->ky * x + t->sy * y + t->ty;
}
/* Bounding box of a rect after t: x0 y0 x1 y1. */
static void map_rect(const Xf *t, const float r[4], float out[4]) {
    float xs[4], ys[4];
    xf_apply(t, r[0], r[1], &xs[0], &ys[0]);
    xf_apply(t, r[0] + r[2], r[1], &xs[1], &ys[1]);
    xf_apply(t, r[0], r[1] + r[3], &xs[2], &ys[2]);
    xf_apply(t, r[0] + r[2], r[1] + r[3], &xs[3], &ys[3]);
    out[0] = out[2] = xs[0];
    out[1] = out[3] = ys[0];
    for (int i = 1; i < 4; i++) {
        out[0] = fminf(out[0], xs[i]), out[2] = fmaxf(out[2], xs[i]);
        out[1] = fminf(out[1], ys[i]), out[3] = fmaxf(out[3], ys[i]);
    }
}
static int clampi(float v) { return v != v ? 0 : v < -1e8f ? -100000000 : v > 1e8f ? 100000000 : (int)v; }
static int roundi(float v) { return clampi(roundf(v)); }

static Canvas *target(Raster *rs) { return rs->nlayers ? &rs->layers[rs->nlayers - 1] : &rs->base; }
static Clip *clip(Raster *rs) { return &rs->clips[rs->nclips - 1]; }

/* A rounded rectangle in pixel space, corners as ellipses (rx, ry per corner). */
typedef struct { float x0, y0, x1, y1, rx[4], ry[4]; } RRect; /* corners: tl tr br bl */

static RRect rrect(float x0, float y0, float x1, float y1, const float radii[4], float sx, float sy) {
    RRect q = {x0, y0, x1, y1, {0}, {0}};
    float lw = (x1 - x0) / (sx > 0 ? sx : 1), lh = (y1 - y0) / (sy > 0 ? sy : 1);
    float max = fminf(lw, lh) / 2.0f;
    for (int i = 0; i < 4; i++) {
        float r = isfinite(radii[i]) ? fminf(fmaxf(radii[i], 0.0f), max) : 0.0f;
        q.rx[i] = r * sx;
        q.ry[i] = r * sy;
    }
    return q;
}
static int inside(const RRect *q, float x, float y) {
    if (x < q->x0 || x >= q->x1 || y < q->y0 || y >= q->y1) return 0;
    float cx, cy, rx, ry;
    if (x < q->x0 + q->rx[0] && y < q->y0 + q->ry[0]) rx = q->rx[0], ry = q->ry[0], cx = q->x0 + rx, cy = q->y0 + ry;
    else if (x >= q->x1 - q->rx[1] && y < q->y0 + q->ry[1]) rx = q->rx[1], ry = q->ry[1], cx = q->x1 - rx, cy = q->y0 + ry;
    else if (x >= q->x1 - q->rx[2] && y >= q->y1 - q->ry[2]) rx = q->rx[2], ry = q->ry[2], cx = q->x1 - rx, cy = q->y1 - ry;
    else if (x < q->x0 + q->rx[3] && y >= q->y1 - q->ry[3]) rx = q->rx[3], ry = q->ry[3], cx = q->x0 + rx, cy = q->y1 - ry;
    else return 1;
    float dx = (x - cx) / rx, dy = (y - cy) / ry;
    return dx * dx + dy * dy <= 1.0f;
}
/* Coverage (0..1) of pixel (px, py): exact area on straight edges, 16x16 samples in corners. */
static float coverage(const RRect *q, int px, int py) {
    float ox = fminf(q->x1, (float)px + 1) - fmaxf(q->x0, (float)px);
    float oy = fminf(q->y1, (float)py + 1) - fmaxf(q->y0, (float)py);
    if (ox <= 0 || oy <= 0) return 0;
    int corner = 0;
    for (int i = 0; i < 4 && !corner; i++) {
        if (q->rx[i] <= 0 || q->ry[i] <= 0) continue;
        float cx0 = (i == 0 || i == 3) ? q->x0 : q->x1 - q->rx[i], cy0 = i < 2 ? q->y0 : q->y1 - q->ry[i];
        if (px + 1 > cx0 && px < cx0 + q->rx[i] && py + 1 > cy0 && py < cy0 + q->ry[i]) corner = 1;
    }
    if (!corner) return fminf(ox, 1) * fminf(oy, 1);
    int hits = 0;
    for (int j = 0; j < 16; j++)
        for (int i = 0; i < 16; i++) hits += inside(q, px + (i + 0.5f) / 16, py + (j + 0.5f) / 16);
    return hits / 256.0f;
}
static uint8_t clip_at(const Clip *c, int w, int x, int y) {
    if (x < c->x0 || x >= c->x1 || y < c->y0 || y >= c->y1) return 0;
    return c->mask ? c->mask[(size_t)y * w + x] : 255;
}
/* Source-over of a straight colour at coverage cov (0..1). */
static void blend(uint8_t *p, const uint8_t col[4], float cov) {
    float a = col[3] / 255.0f * cov;
    for (int c = 0; c < 3; c++) p[c] = (uint8_t)fminf(255.0f, col[c] * a + p[c] * (1 - a) + 0.5f);
    p[3] = (uint8_t)fminf(255.0f, a * 255.0f + p[3] * (1 - a) + 0.5f);
}
/* Premultiplied source-over with the CPU backend's integer rounding. */
static unsigned div255(unsigned v) { return (v + 128 + ((v + 128) >> 8)) >> 8; }
static void over(uint8_t *d, const uint8_t *s) {
    unsigned inv = 255 - s[3];
    for (int c = 0; c < 4; c++) d[c] = (uint8_t)(s[c] + div255(d[c] * inv));
}

/* The pixel rows/cols [x0,x1) x [y0,y1) limited to the canvas and the clip's box. */
static void limit(Raster *rs, int *x0, int *y0, int *x1, int *y1) {
    Canvas *t = target(rs);
    Clip *c = clip(rs);
    if (*x0 < c->x0) *x0 = c->x0;
    if (*y0 < c->y0) *y0 = c->y0;
    if (*x1 > c->x1) *x1 = c->x1;
    if (*y1 > c->y1) *y1 = c->y1;
    if (*x0 < 0) *x0 = 0;
    if (*y0 < 0) *y0 = 0;
    if (*x1 > t->w) *x1 = t->w;
    if (*y1 > t->h) *y1 = t->h;
}

/* Fills a rounded rect (pixel space) with col; hard: pixel centres only (no antialiasing). */
static void fill_rrect(Raster *rs, const RRect *q, const uint8_t col[4], int hard) {
    Canvas *t = target(rs);
    Clip *c = clip(rs);
    int x0, y0, x1, y1;
    if (hard) {
        x0 = clampi(floorf(q->x0 + 0.5f)), y0 = clampi(floorf(q->y0 + 0.5f));
        x1 = clampi(floorf(q->x1 + 0.5f)), y1 = clampi(floorf(q->y1 + 0.5f));
    } else {
        x0 = clampi(floorf(q->x0)), y0 = clampi(floorf(q->y0)), x1 = clampi(ceilf(q->x1)), y1 = clampi(ceilf(q->y1));
    }
    limit(rs, &x0, &y0, &x1, &y1);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            float cov = hard ? 1.0f : coverage(q, x, y);
            uint8_t m = clip_at(c, t->w, x, y);
            if (cov <= 0 || !m) continue;
            blend(&t->px[((size_t)y * t->w + x) * 4], col, cov * m / 255.0f);
        }
}
/* Blits a premultiplied w x h pixmap at (x, y) with opacity. */
static void blit(Raster *rs, const uint8_t *src, int w, int h, int x, int y, float opacity) {
    Canvas *t = target(rs);
    Clip *c = clip(rs);
    int x0 = x, y0 = y, x1 = x + w, y1 = y + h;
    unsigned o = (unsigned)roundf(fminf(fmaxf(opacity, 0), 1) * 256.0f);
    if (!o) return;
    limit(rs, &x0, &y0, &x1, &y1);
    for (int yy = y0; yy < y1; yy++)
        for (int xx = x0; xx < x1; xx++) {
            const uint8_t *sp = &src[((size_t)(yy - y) * w + (xx - x)) * 4];
            uint8_t *dp = &t->px[((size_t)yy * t->w + xx) * 4];
            uint8_t m = clip_at(c, t->w, xx, yy);
            if (!m || !sp[3]) continue;
            uint8_t s[4];
            for (int k = 0; k < 4; k++) {
                unsigned v = o >= 256 ? sp[k] : (sp[k] * o) >> 8;
                s[k] = (uint8_t)(m == 255 ? v : div255(v * m));
            }
            over(dp, s);
        }
}

/* Three box blurs per axis (the CPU backend's blur, integer for integer). */
static void box_pass(uint8_t *line, size_t step, size_t n, size_t r, uint8_t *tmp) {
    uint32_t win = (uint32_t)(2 * r + 1), sum = 0;
    for (size_t i = 0; i <= r && i < n; i++) sum += line[i * step];
    for (size_t i = 0; i < n; i++) {
        tmp[i] = (uint8_t)((sum + win / 2) / win);
        if (i + r + 1 < n) sum += line[(i + r + 1) * step];
        if (i >= r) sum -= line[(i - r) * step];
    }
    for (size_t i = 0; i < n; i++) line[i * step] = tmp[i];
}
static void blur(uint8_t *data, size_t w, size_t h, float sigma) {
    if (sigma < 0.5f || !w || !h) return;
    float d = floorf(sigma * 3.0f * sqrtf(2.0f * 3.14159274f) / 4.0f + 0.5f);
    size_t r = (size_t)(d < 1 ? 1 : d) / 2;
    uint8_t *tmp = malloc(w > h ? w : h);
    if (!tmp) return;
    for (int k = 0; k < 3; k++) {
        for (size_t y = 0; y < h; y++) box_pass(data + y * w, 1, w, r, tmp);
        for (size_t x = 0; x < w; x++) box_pass(data + x, w, h, r, tmp);
    }
    free(tmp);
}

static void draw_shadow(Raster *rs, const Xf *t, const Cmd *c) {
    float blur_r = fminf(fmaxf(c->f[2], 0), 500), spread = fminf(fmaxf(c->f[3], -500), 500);
    float shape[4] = {c->rect[0] + c->f[0] - spread, c->rect[1] + c->f[1] - spread, c->rect[2] + 2 * spread, c->rect[3] + 2 * spread};
    if (c->color[3] == 0 || !(shape[2] > 0) || !(shape[3] > 0)) return;
    float s = sqrtf(t->sx * t->sx + t->ky * t->ky), m[4];
    map_rect(t, shape, m);
    int pad = clampi(ceilf(blur_r * s)) + 1;
    int x = roundi(m[0]) - pad, y = roundi(m[1]) - pad;
    long w = (long)roundi(m[2] - m[0]) + 2L * pad, h = (long)roundi(m[3] - m[1]) + 2L * pad;
    if (w < 1) w = 1;
    if (h < 1) h = 1;
    Canvas *tg = target(rs);
    if (w > 8192 || h > 8192 || w * h > 4L * tg->w * tg->h) return;
    uint8_t *mask = calloc((size_t)w * h, 1);
    uint8_t *px = malloc((size_t)w * h * 4);
    if (!mask || !px) goto done;
    float radii[4];
    for (int i = 0; i < 4; i++) radii[i] = fmaxf(c->radii[i] + spread, 0) * s;
    RRect q = rrect((float)pad, (float)pad, (float)(w - pad), (float)(h - pad), radii, 1, 1);
    for (long yy = 0; yy < h; yy++)
        for (long xx = 0; xx < w; xx++) mask[yy * w + xx] = (uint8_t)(coverage(&q, (int)xx, (int)yy) * 255.0f + 0.5f);
    blur(mask, (size_t)w, (size_t)h, blur_r * s / 2.0f);
    for (long i = 0; i < w * h; i++) {
        unsigned a = (mask[i] * (unsigned)c->color[3] + 127) / 255;
        px[i * 4] = (uint8_t)((c->color[0] * a + 127) / 255);
        px[i * 4 + 1] = (uint8_t)((c->color[1] * a + 127) / 255);
        px[i * 4 + 2] = (uint8_t)((c->color[2] * a + 127) / 255);
        px[i * 4 + 3] = (uint8_t)a;
    }
    blit(rs, px, (int)w, (int)h, x, y, 1.0f);
done:
    free(mask);
    free(px);
}

static void draw_gradient(Raster *rs, const Xf *t, const Cmd *c) {
    const Stop *stops = c->items;
    if (!c->n) return;
    float d[4];
    map_rect(t, c->rect, d);
    int x = roundi(d[0]), y = roundi(d[1]);
    int w = roundi(d[2]) - x, h = roundi(d[3]) - y;
    if (w < 1) w = 1;
    if (h < 1) h = 1;
    if (w > 16384 || h > 16384) return;
    float rw = fmaxf(c->rect[2], 1e-3f), rh = fmaxf(c->rect[3], 1e-3f);
    RRect q = rrect(0, 0, (float)w, (float)h, c->radii, w / rw, h / rh);
    float dx = c->f[2] - c->f[0], dy = c->f[3] - c->f[1], len2 = dx * dx + dy * dy;
    if (c->n > 1 && len2 <= 0) return;
    int x0 = x, y0 = y, x1 = x + w, y1 = y + h;
    limit(rs, &x0, &y0, &x1, &y1);
    Canvas *tg = target(rs);
    Clip *cl = clip(rs);
    for (int yy = y0; yy < y1; yy++)
        for (int xx = x0; xx < x1; xx++) {
            int i = xx - x, j = yy - y;
            float cov = coverage(&q, i, j);
            uint8_t m = clip_at(cl, tg->w, xx, yy);
            if (cov <= 0 || !m) continue;
            float qx = c->rect[0] + (i + 0.5f) * rw / w, qy = c->rect[1] + (j + 0.5f) * rh / h;
            float col[4];
            if (c->n == 1) {
                for (int k = 0; k < 4; k++) col[k] = stops[0].color[k];
            } else {
                float u = ((qx - c->f[0]) * dx + (qy - c->f[1]) * dy) / len2;
                u = fminf(fmaxf(u, 0), 1);
                uint32_t k = 0;
                float prev = 0;
                while (k + 1 < c->n && fmaxf(fminf(fmaxf(stops[k + 1].offset, 0), 1), prev) < u)
                    prev = fmaxf(fminf(fmaxf(stops[k + 1].offset, 0), 1), prev), k++;
                float a = fminf(fmaxf(stops[k].offset, 0), 1);
                if (k + 1 >= c->n || u <= a) {
                    for (int e = 0; e < 4; e++) col[e] = stops[k].color[e];
                } else {
                    float b = fmaxf(fminf(fmaxf(stops[k + 1].offset, 0), 1), a), f = b > a ? (u - a) / (b - a) : 1;
                    for (int e = 0; e < 4; e++) col[e] = stops[k].color[e] + (stops[k + 1].color[e] - stops[k].color[e]) * f;
                }
            }
            /* The CPU backend caches the gradient as premultiplied pixels, then blits them. */
            uint8_t p[4];
            float a = col[3] / 255.0f * cov;
            for (int e = 0; e < 3; e++) p[e] = (uint8_t)(col[e] * a + 0.5f);
            p[3] = (uint8_t)(a * 255.0f + 0.5f);
            if (m != 255)
                for (int e = 0; e < 4; e++) p[e] = (uint8_t)div255(p[e] * m);
            over(&tg->px[((size_t)yy * tg->w + xx) * 4], p);
        }
}

/* ---- images: the CPU backend's pre-scaling, ported */
typedef struct { size_t first, n; uint32_t w[64]; } Taps;

static void fixed(Taps *t, size_t first, const float *wf, size_t n) {
    uint32_t sum = 0, *big = NULL;
    t->first = first;
    t->n = n;
    for (size_t i = 0; i < n; i++) {
        t->w[i] = (uint32_t)(wf[i] * 16384.0f + 0.5f);
        sum += t->w[i];
        if (!big || t->w[i] >= *big) big = &t->w[i]; /* the last of equal maxima, as Rust's max() */
    }
    if (big) *big = *big + 16384 > sum ? *big + 16384 - sum : 0;
}
/* Taps for n_out outputs over [start, start + len) of an axis of n_src pixels; NULL when a
 * shrink is steeper than this reader supports (64 source pixels per output). */
static Taps *taps(size_t n_out, size_t n_src, float start, float len) {
    Taps *out = calloc(n_out, sizeof *out);
    if (!out) return NULL;
    float scale = len / (float)n_out, last = (float)(n_src ? n_src - 1 : 0);
    for (size_t i = 0; i < n_out; i++) {
        float wf[64];
        if (scale >= 1.0f) {
            float a = fminf(fmaxf(start + (float)i * scale, 0), (float)n_src);
            float b = fminf(fmaxf(start + (float)(i + 1) * scale, 0), (float)n_src);
            size_t first = (size_t)floorf(a);
            if (first > n_src - 1) first = n_src - 1;
            size_t end = (size_t)ceilf(b);
            if (end < first + 1) end = first + 1;
            size_t hi = n_src > first + 1 ? n_src : first + 1;
            if (end > hi) end = hi;
            if (end - first > 64) {
                free(out);
                return NULL;
            }
            float sum = 0;
            for (size_t j = first; j < end; j++) {
                wf[j - first] = fmaxf(fminf(b, (float)j + 1) - fmaxf(a, (float)j), 0);
                sum += wf[j - first];
            }
            if (sum > 0) {
                for (size_t j = 0; j < end - first; j++) wf[j] /= sum;
                fixed(&out[i], first, wf, end - first);
            } else {
                wf[0] = 1;
                fixed(&out[i], first, wf, 1);
            }
        } else {
            float cc = fminf(fmaxf(start + ((float)i + 0.5f) * scale - 0.5f, 0), last);
            float j = floorf(cc), f = cc - j;
            size_t first = (size_t)j;
            if (f <= 0 || first + 1 >= n_src) {
                wf[0] = 1;
                fixed(&out[i], first, wf, 1);
            } else {
                wf[0] = 1 - f, wf[1] = f;
                fixed(&out[i], first, wf, 2);
            }
        }
    }
    return out;
}
static uint8_t *resample(const Image *im, float wx, float wy, float ww, float wh, size_t w, size_t h) {
    size_t sw = im->w, sh = im->h;
    Taps *xt = taps(w, sw, wx, ww), *yt = taps(h, sh, wy, wh);
    uint16_t *mid = NULL;
    uint8_t *out = NULL;
    if (!xt || !yt) goto done;
    size_t lo = SIZE_MAX, hi = 0;
    for (size_t i = 0; i < h; i++) {
        if (yt[i].first < lo) lo = yt[i].first;
        if (yt[i].first + yt[i].n > hi) hi = yt[i].first + yt[i].n;
    }
    if (hi > sh) hi = sh;
    if (lo >= hi) goto done;
    mid = malloc((hi - lo) * w * 4 * sizeof *mid);
    out = calloc(w * h, 4);
    if (!mid || !out) goto done;
    for (size_t sy = lo; sy < hi; sy++) {
        const uint8_t *srow = im->px + sy * sw * 4;
        uint16_t *mrow = mid + (sy - lo) * w * 4;
        for (size_t x = 0; x < w; x++) {
            uint32_t acc[4] = {0};
            for (size_t k = 0; k < xt[x].n; k++)
                for (int c = 0; c < 4; c++) acc[c] += srow[(xt[x].first + k) * 4 + c] * xt[x].w[k];
            for (int c = 0; c < 4; c++) mrow[x * 4 + c] = (uint16_t)((acc[c] + (1u << 5)) >> 6);
        }
    }
    for (size_t y = 0; y < h; y++) {
        for (size_t x = 0; x < w; x++) {
            uint32_t acc[4] = {0};
            for (size_t k = 0; k < yt[y].n && yt[y].first + k < hi; k++)
                for (int c = 0; c < 4; c++) acc[c] += mid[((yt[y].first + k - lo) * w + x) * 4 + c] * yt[y].w[k];
            uint32_t a = (acc[3] + (1u << 21)) >> 22;
            if (a > 255) a = 255;
            out[(y * w + x) * 4 + 3] = (uint8_t)a;
            for (int c = 0; c < 3; c++) {
                uint32_t v = (acc[c] + (1u << 21)) >> 22;
                out[(y * w + x) * 4 + c] = (uint8_t)(v < a ? v : a);
            }
        }
    }
done:
    free(xt);
    free(yt);
    free(mid);
    return out;
}

static void draw_image(Raster *rs, const Xf *t, const Cmd *c) {
    float opacity = fminf(c->f[0], 1);
    if (!(opacity > 0)) return;
    Slot *slot = map_find(&rs->s->image_ids, c->id, 0);
    const Image *im = slot ? &rs->s->images[slot->val] : NULL;
    float d[4];
    map_rect(t, c->rect, d);
    if (!im || !im->px) {
        /* No pixels (not sent, or no decoder): a neutral tile, as the CPU backend's placeholder. */
        static const uint8_t grey[4] = {58, 62, 72, 255};
        RRect q = rrect(d[0], d[1], d[2], d[3], c->radii, t->sx, t->sy);
        fill_rrect(rs, &q, grey, 0);
        return;
    }
    int x = roundi(d[0]), y = roundi(d[1]);
    long w = roundi(d[2]) - x, h = roundi(d[3]) - y;
    if (w < 1) w = 1;
    if (h < 1) h = 1;
    Canvas *tg = target(rs);
    if (w > 16384 || h > 16384 || w * h > 4L * tg->w * tg->h) return;
    /* fit_transform over the output rect (0, 0, w, h) */
    float iw = (float)im->w, ih = (float)im->h, sx, sy;
    if (c->fit == 2) sx = (float)w / iw, sy = (float)h / ih;
    else if (c->fit == 0) sx = sy = fmaxf((float)w / iw, (float)h / ih);
    else sx = sy = fminf((float)w / iw, (float)h / ih);
    float dw = iw * sx, dh = ih * sy, ox = ((float)w - dw) / 2, oy = ((float)h - dh) / 2;
    float cov[4] = {0, 0, (float)w, (float)h};
    if (c->fit == 1) cov[0] = ox, cov[1] = oy, cov[2] = dw, cov[3] = dh;
    float x0 = fmaxf(roundf(cov[0]), 0), y0 = fmaxf(roundf(cov[1]), 0);
    float cw = fmaxf(fminf(roundf(cov[0] + cov[2]), (float)w) - x0, 1);
    float ch = fmaxf(fminf(roundf(cov[1] + cov[3]), (float)h) - y0, 1);
    uint8_t *scaled = resample(im, (x0 - ox) / sx, (y0 - oy) / sy, cw / sx, ch / sy, (size_t)cw, (size_t)ch);
    uint8_t *px = calloc((size_t)w * h, 4);
    if (!scaled || !px) goto done;
    for (long j = 0; j < (long)ch; j++)
        for (long i = 0; i < (long)cw; i++) {
            long X = (long)x0 + i, Y = (long)y0 + j;
            if (X < w && Y < h) memcpy(&px[(Y * w + X) * 4], &scaled[(j * (long)cw + i) * 4], 4);
        }
    /* Corners cut with an antialiased rounded rect over the covered area. */
    float rad[4];
    for (int i = 0; i < 4; i++) rad[i] = c->radii[i] * fabsf(t->sx);
    int plain = rad[0] == 0 && rad[1] == 0 && rad[2] == 0 && rad[3] == 0 && cov[0] <= 0 && cov[1] <= 0 &&
                cov[0] + cov[2] >= (float)w && cov[1] + cov[3] >= (float)h;
    if (!plain) {
        RRect q = rrect(cov[0], cov[1], cov[0] + cov[2], cov[1] + cov[3], rad, 1, 1);
        for (long j = 0; j < h; j++)
            for (long i = 0; i < w; i++) {
                unsigned m = (unsigned)(coverage(&q, (int)i, (int)j) * 255.0f + 0.5f);
                if (m == 255) continue;
                for (int k = 0; k < 4; k++) px[(j * w + i) * 4 + k] = (uint8_t)((px[(j * w + i) * 4 + k] * m + 127) / 255);
            }
    }
    blit(rs, px, (int)w, (int)h, x, y, opacity);
done:
    free(scaled);
    free(px);
}

/* cosmic-text's subpixel binning: quarter pixels in x, whole pixels in y. */
static int bin_x(float pos, int *ix) {
    int trunc = (int)pos;
    float fract = pos - (float)trunc;
    if (signbit(pos)) {
        if (fract > -0.125f) return *ix = trunc, 0;
        if (fract > -0.375f) return *ix = trunc - 1, 3;
        if (fract > -0.625f) return *ix = trunc - 1, 2;
        if (fract > -0.875f) return *ix = trunc - 1, 1;
        return *ix = trunc - 1, 0;
    }
    if (fract < 0.125f) return *ix = trunc, 0;
    if (fract < 0.375f) return *ix = trunc, 1;
    if (fract < 0.625f) return *ix = trunc, 2;
    if (fract < 0.875f) return *ix = trunc, 3;
    return *ix = trunc + 1, 0;
}

static void draw_glyphs(Raster *rs, const Xf *t, const Cmd *c) {
    if (c->color[3] == 0 || !(c->f[0] > 0)) return;
    float size = fminf(c->f[0] * sqrtf(t->sx * t->sx + t->ky * t->ky), 2048.0f);
    uint32_t bits;
    memcpy(&bits, &size, 4);
    const Glyph *g = c->items;
    Canvas *tg = target(rs);
    Clip *cl = clip(rs);
    unsigned cr = c->color[0], cg = c->color[1], cb = c->color[2], ca = c->color[3];
    for (uint32_t i = 0; i < c->n; i++) {
        float px, py;
        xf_apply(t, c->f[1] + g[i].x, c->f[2] + g[i].y, &px, &py);
        if (!isfinite(px) || !isfinite(py) || fabsf(px) > 1e7f || fabsf(py) > 1e7f) continue;
        int ix, iy = (int)truncf(py);
        int bin = bin_x(px, &ix);
        uint64_t key = glyph_key(c->id, g[i].id, bits);
        Slot *a = map_find(&rs->s->glyphs, key, (uint32_t)bin), *e = map_find(&rs->s->glyph_entry, key, (uint32_t)bin);
        Slot *as = a ? map_find(&rs->s->atlas_ids, a->val, 0) : NULL;
        if (!as || !e) {
            rs->missing_glyphs++;
            continue;
        }
        const Atlas *at = &rs->s->atlases[as->val];
        if (e->val >= at->n) continue;
        const Entry *en = &at->entries[e->val];
        int gx = ix + en->left, gy = iy - en->top;
        for (uint32_t row = 0; row < en->h; row++) {
            int yy = gy + (int)row;
            if (yy < 0 || yy >= tg->h || yy < cl->y0 || yy >= cl->y1) continue;
            for (uint32_t col = 0; col < en->w; col++) {
                int xx = gx + (int)col;
                if (xx < 0 || xx >= tg->w) continue;
                unsigned cov = at->px[(size_t)(en->y + row) * at->w + en->x + col];
                unsigned m = clip_at(cl, tg->w, xx, yy);
                if (m != 255) cov = cov * m / 255;
                if (!cov) continue;
                unsigned al = (cov * ca + 127) / 255, inv = 255 - al;
                uint8_t *p = &tg->px[((size_t)yy * tg->w + xx) * 4];
                p[0] = (uint8_t)((cr * al + p[0] * inv + 127) / 255);
                p[1] = (uint8_t)((cg * al + p[1] * inv + 127) / 255);
                p[2] = (uint8_t)((cb * al + p[2] * inv + 127) / 255);
                p[3] = (uint8_t)(al + (p[3] * inv + 127) / 255);
            }
        }
    }
}

/* The reference video placeholder (docs/display-list.md, "Video placeholder"). */
static const char FONT_CHARS[] = " ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:./?";
static const uint8_t FONT[42][7] = {
    {0, 0, 0, 0, 0, 0, 0}, {14, 17, 17, 31, 17, 17, 17}, {30, 17, 17, 30, 17, 17, 30}, {14, 17, 16, 16, 16, 17, 14},
    {30, 17, 17, 17, 17, 17, 30}, {31, 16, 16, 30, 16, 16, 31}, {31, 16, 16, 30, 16, 16, 16}, {14, 17, 16, 23, 17, 17, 15},
    {17, 17, 17, 31, 17, 17, 17}, {14, 4, 4, 4, 4, 4, 14}, {7, 2, 2, 2, 2, 18, 12}, {17, 18, 20, 24, 20, 18, 17},
    {16, 16, 16, 16, 16, 16, 31}, {17, 27, 21, 21, 17, 17, 17}, {17, 17, 25, 21, 19, 17, 17}, {14, 17, 17, 17, 17, 17, 14},
    {30, 17, 17, 30, 16, 16, 16}, {14, 17, 17, 17, 21, 18, 13}, {30, 17, 17, 30, 20, 18, 17}, {15, 16, 16, 14, 1, 1, 30},
    {31, 4, 4, 4, 4, 4, 4}, {17, 17, 17, 17, 17, 17, 14}, {17, 17, 17, 17, 17, 10, 4}, {17, 17, 17, 21, 21, 21, 10},
    {17, 17, 10, 4, 10, 17, 17}, {17, 17, 17, 10, 4, 4, 4}, {31, 1, 2, 4, 8, 16, 31}, {14, 17, 19, 21, 25, 17, 14},
    {4, 12, 4, 4, 4, 4, 14}, {14, 17, 1, 2, 4, 8, 31}, {31, 2, 4, 2, 1, 17, 14}, {2, 6, 10, 18, 31, 2, 2},
    {31, 16, 30, 1, 1, 17, 14}, {6, 8, 16, 30, 17, 17, 14}, {31, 1, 2, 4, 8, 8, 8}, {14, 17, 17, 14, 17, 17, 14},
    {14, 17, 17, 15, 1, 2, 12}, {0, 0, 0, 31, 0, 0, 0}, {0, 12, 12, 0, 12, 12, 0}, {0, 0, 0, 0, 0, 12, 12},
    {0, 1, 2, 4, 8, 16, 0}, {14, 17, 1, 2, 4, 0, 4},
};
static void draw_command(Raster *rs, const Cmd *c);
static void draw_video(Raster *rs, const Cmd *c) {
    const Xf *t = &rs->xf[rs->nxf - 1];
    if (rs->video_hole) { /* a device: clear to transparent, the video plane shows through */
        float d[4];
        map_rect(t, c->rect, d);
        int x0 = clampi(floorf(d[0] + 0.5f)), y0 = clampi(floorf(d[1] + 0.5f)), x1 = clampi(floorf(d[2] + 0.5f)),
            y1 = clampi(floorf(d[3] + 0.5f));
        limit(rs, &x0, &y0, &x1, &y1);
        Canvas *tg = target(rs);
        for (int y = y0; y < y1; y++) memset(&tg->px[((size_t)y * tg->w + x0) * 4], 0, (size_t)(x1 > x0 ? x1 - x0 : 0) * 4);
        return;
    }
    Cmd k;
    memset(&k, 0, sizeof k);
    memcpy(k.rect, c->rect, sizeof k.rect);
    k.tag = T_FILL;
    k.color[0] = 24, k.color[1] = 26, k.color[2] = 32, k.color[3] = 255;
    draw_command(rs, &k);
    float w = c->rect[2], h = c->rect[3];
    if (!(w >= 8 && h >= 8)) return;
    k.tag = T_BORDER;
    k.f[0] = 4;
    k.color[0] = 96, k.color[1] = 104, k.color[2] = 120;
    draw_command(rs, &k);
    char text[MAX_PATH + 8];
    if (c->label && c->label[0]) snprintf(text, sizeof text, "VIDEO %s", c->label);
    else snprintf(text, sizeof text, "VIDEO");
    /* Characters, not bytes: a UTF-8 sequence is one character (drawn as '?'). */
    size_t chars = 0;
    for (const char *p = text; *p; p++) chars += ((uint8_t)*p & 0xc0) != 0x80;
    float u = fminf(fmaxf(floorf(fminf(w, h) / 120.0f), 1), 8);
    float fits = fmaxf(floorf((w - 2 * u) / (6 * u)), 0);
    size_t n = chars < (size_t)fits ? chars : (size_t)fits;
    if (n == 0 || 7 * u > h) return;
    float tw = (float)n * 6 * u - u;
    float x0 = floorf(c->rect[0] + (w - tw) / 2), y0 = floorf(c->rect[1] + (h - 7 * u) / 2);
    k.tag = T_FILL;
    k.color[0] = 200, k.color[1] = 206, k.color[2] = 218;
    size_t i = 0;
    for (const char *p = text; *p && i < n; p++) {
        if (((uint8_t)*p & 0xc0) == 0x80) continue;
        char ch = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
        const char *f = ((uint8_t)ch < 0x80 && ch) ? strchr(FONT_CHARS, ch) : NULL;
        const uint8_t *rows = FONT[f ? f - FONT_CHARS : 41];
        for (int row = 0; row < 7; row++)
            for (int col = 0; col < 5;) {
                if (!(rows[row] & (0x10 >> col))) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < 5 && (rows[row] & (0x10 >> col))) col++;
                k.rect[0] = x0 + (float)(6 * i + (size_t)start) * u;
                k.rect[1] = y0 + (float)row * u;
                k.rect[2] = (float)(col - start) * u;
                k.rect[3] = u;
                draw_command(rs, &k);
            }
        i++;
    }
}

/* A plain clip (square corners, no rotation) outside any shaped clip is a pixel rectangle
 * (pixel centres, like a hard-edged fill); anything else gets a canvas-sized coverage mask
 * (at most MAX_MASKS at once; deeper shaped clips fall back to their bounding rectangle). */
static void push_clip(Raster *rs, const Xf *t, const Cmd *c) {
    Clip prev = *clip(rs), next = prev;
    float d[4];
    map_rect(t, c->rect, d);
    int plain = c->radii[0] == 0 && c->radii[1] == 0 && c->radii[2] == 0 && c->radii[3] == 0 && t->kx == 0 && t->ky == 0;
    Canvas *tg = target(rs);
    int hx0 = clampi(floorf(d[0] + 0.5f)), hy0 = clampi(floorf(d[1] + 0.5f));
    int hx1 = clampi(floorf(d[2] + 0.5f)), hy1 = clampi(floorf(d[3] + 0.5f));
    uint8_t *mask = (plain && !prev.mask) || rs->masks >= MAX_MASKS ? NULL : calloc((size_t)tg->w * tg->h, 1);
    if (!mask) {
        if (hx0 > next.x0) next.x0 = hx0;
        if (hy0 > next.y0) next.y0 = hy0;
        if (hx1 < next.x1) next.x1 = hx1;
        if (hy1 < next.y1) next.y1 = hy1;
        rs->clips[rs->nclips++] = next; /* keeps prev.mask: popping frees nothing */
        return;
    }
    RRect q = rrect(d[0], d[1], d[2], d[3], c->radii, fabsf(t->sx), fabsf(t->sy));
    int x0 = plain ? hx0 : clampi(floorf(d[0])), y0 = plain ? hy0 : clampi(floorf(d[1]));
    int x1 = plain ? hx1 : clampi(ceilf(d[2])), y1 = plain ? hy1 : clampi(ceilf(d[3]));
    if (x0 > next.x0) next.x0 = x0;
    if (y0 > next.y0) next.y0 = y0;
    if (x1 < next.x1) next.x1 = x1;
    if (y1 < next.y1) next.y1 = y1;
    for (int y = next.y0 > 0 ? next.y0 : 0; y < next.y1 && y < tg->h; y++)
        for (int x = next.x0 > 0 ? next.x0 : 0; x < next.x1 && x < tg->w; x++) {
            unsigned m = plain ? 255 : (unsigned)(coverage(&q, x, y) * 255.0f + 0.5f);
            mask[(size_t)y * tg->w + x] = (uint8_t)(m * clip_at(&prev, tg->w, x, y) / 255);
        }
    next.mask = mask;
    rs->masks++;
    rs->clips[rs->nclips++] = next;
}

static void draw_command(Raster *rs, const Cmd *c) {
    const Xf *t = &rs->xf[rs->nxf - 1];
    float d[4];
    switch (c->tag) {
    case T_FILL: {
        if (c->color[3] == 0) return;
        map_rect(t, c->rect, d);
        int square = c->radii[0] == 0 && c->radii[1] == 0 && c->radii[2] == 0 && c->radii[3] == 0;
        RRect q = rrect(d[0], d[1], d[2], d[3], c->radii, fabsf(t->sx), fabsf(t->sy));
        fill_rrect(rs, &q, c->color, square && t->kx == 0 && t->ky == 0);
        return;
    }
    case T_BORDER: {
        if (!(c->f[0] > 0) || c->color[3] == 0 || !(c->rect[2] > 0) || !(c->rect[3] > 0)) return;
        float w = fminf(fminf(c->f[0], c->rect[2] / 2), c->rect[3] / 2);
        float in[4] = {c->rect[0] + w, c->rect[1] + w, c->rect[2] - 2 * w, c->rect[3] - 2 * w}, ir[4], di[4];
        for (int i = 0; i < 4; i++) ir[i] = fmaxf(c->radii[i] - w, 0);
        map_rect(t, c->rect, d);
        map_rect(t, in, di);
        RRect outer = rrect(d[0], d[1], d[2], d[3], c->radii, fabsf(t->sx), fabsf(t->sy));
        RRect inner = rrect(di[0], di[1], di[2], di[3], ir, fabsf(t->sx), fabsf(t->sy));
        Canvas *tg = target(rs);
        Clip *cl = clip(rs);
        int x0 = clampi(floorf(d[0])), y0 = clampi(floorf(d[1])), x1 = clampi(ceilf(d[2])), y1 = clampi(ceilf(d[3]));
        limit(rs, &x0, &y0, &x1, &y1);
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++) {
                float cov = coverage(&outer, x, y) - (in[2] > 0 && in[3] > 0 ? coverage(&inner, x, y) : 0);
                uint8_t m = clip_at(cl, tg->w, x, y);
                if (cov > 0 && m) blend(&tg->px[((size_t)y * tg->w + x) * 4], c->color, cov * m / 255.0f);
            }
        return;
    }
    case T_GRAD: draw_gradient(rs, t, c); return;
    case T_SHADOW: draw_shadow(rs, t, c); return;
    case T_IMAGE: draw_image(rs, t, c); return;
    case T_GLYPHS: draw_glyphs(rs, t, c); return;
    case T_VIDEO: draw_video(rs, c); return;
    case T_PUSH_CLIP: push_clip(rs, t, c); return;
    case T_POP_CLIP:
        if (rs->nclips > 1) {
            Clip *top = clip(rs);
            if (top->mask && top->mask != rs->clips[rs->nclips - 2].mask) free(top->mask), rs->masks--;
            rs->nclips--;
        }
        return;
    case T_PUSH_TRANSFORM: {
        Xf m = {c->f[0], c->f[1], c->f[2], c->f[3], c->f[4], c->f[5]};
        rs->xf[rs->nxf] = xf_then(*t, m);
        rs->nxf++;
        return;
    }
    case T_POP_TRANSFORM:
        if (rs->nxf > 1) rs->nxf--;
        return;
    case T_PUSH_OPACITY: {
        Canvas *base = target(rs);
        if (rs->nlayers >= MAX_LAYERS) {
            rs->skipped_layers++;
            return;
        }
        Canvas *l = &rs->layers[rs->nlayers];
        l->w = base->w, l->h = base->h;
        l->px = calloc((size_t)l->w * l->h, 4);
        if (!l->px) {
            rs->skipped_layers++;
            return;
        }
        rs->layer_opacity[rs->nlayers++] = fminf(fmaxf(c->f[0], 0), 1);
        return;
    }
    case T_POP_OPACITY: {
        if (rs->skipped_layers) {
            rs->skipped_layers--;
            return;
        }
        if (!rs->nlayers) return;
        Canvas l = rs->layers[--rs->nlayers];
        float o = rs->layer_opacity[rs->nlayers];
        Canvas *tg = target(rs);
        for (size_t i = 0; i < (size_t)l.w * l.h; i++) {
            const uint8_t *s = &l.px[i * 4];
            if (!s[3] && !s[0]) continue;
            uint8_t *p = &tg->px[i * 4];
            float a = s[3] / 255.0f * o;
            for (int k = 0; k < 4; k++) p[k] = (uint8_t)fminf(255, s[k] * o + p[k] * (1 - a) + 0.5f);
        }
        free(l.px);
        return;
    }
    default: return;
    }
}

static void render(Raster *rs, Cmd **list, size_t n, const uint8_t bg[4], float scale) {
    Canvas *b = &rs->base;
    for (size_t i = 0; i < (size_t)b->w * b->h; i++) {
        uint8_t *p = &b->px[i * 4];
        unsigned a = bg[3];
        for (int k = 0; k < 3; k++) p[k] = (uint8_t)((bg[k] * a + 127) / 255);
        p[3] = (uint8_t)a;
    }
    Xf root = {scale, 0, 0, scale, 0, 0};
    rs->xf[0] = root;
    rs->nxf = 1;
    Clip all = {0, 0, b->w, b->h, NULL};
    rs->clips[0] = all;
    rs->nclips = 1;
    rs->masks = 0;
    rs->nlayers = rs->skipped_layers = 0;
    for (size_t i = 0; i < n; i++) draw_command(rs, list[i]);
    while (rs->nlayers) {
        Cmd pop = {T_POP_OPACITY, 0, {0}, {0}, {0}, {0}, 0, 0, NULL, NULL};
        draw_command(rs, &pop);
    }
    while (rs->nclips > 1) {
        Cmd pop = {T_POP_CLIP, 0, {0}, {0}, {0}, {0}, 0, 0, NULL, NULL};
        draw_command(rs, &pop);
    }
}

static int write_image(const char *dir, unsigned index, const Canvas *c, int ppm) {
    char path[4096];
    snprintf(path, sizeof path, "%s/frame-%05u.%s", dir, index, ppm ? "ppm" : "png");
    size_t n = (size_t)c->w * c->h;
    uint8_t *out = malloc(n * 4);
    if (!out) return 0;
    for (size_t i = 0; i < n; i++) { /* premultiplied -> straight */
        const uint8_t *p = &c->px[i * 4];
        uint8_t *o = &out[i * 4];
        unsigned a = p[3];
        for (int k = 0; k < 3; k++) o[k] = a == 255 ? p[k] : a ? (uint8_t)((p[k] * 255 + a / 2) / a) : 0;
        o[3] = (uint8_t)a;
    }
    int ok = 0;
    if (ppm) {
        FILE *f = fopen(path, "wb");
        if (f) {
            fprintf(f, "P6\n%d %d\n255\n", c->w, c->h);
            ok = 1;
            for (size_t i = 0; i < n && ok; i++) ok = fwrite(&out[i * 4], 1, 3, f) == 3;
            ok = fclose(f) == 0 && ok;
        }
    } else {
#ifdef TF_PNG
        png_image img;
        memset(&img, 0, sizeof img);
        img.version = PNG_IMAGE_VERSION;
        img.width = (png_uint_32)c->w;
        img.height = (png_uint_32)c->h;
        img.format = PNG_FORMAT_RGBA;
        ok = png_image_write_to_file(&img, path, 0, out, 0, NULL);
#endif
    }
    free(out);
    if (!ok) fprintf(stderr, "cannot write %s\n", path);
    return ok;
}

/* ---------------------------------------------------------------- frames */

typedef struct {
    Raster *raster;
    const char *out;
    int ppm;
    unsigned frames;
    Cmd **list;
} Output;

static int frame(State *s, Reader *r, Output *o) {
    uint64_t seq, id, v, w, h;
    uint8_t kind, bg[4];
    size_t n;
    float size[2];
    size_t nvideo = s->nvideo;
    s->nvideo = 0;
    if (!vmax(r, UINT32_MAX, &seq) || !u8(r, &kind)) return 0;
    if (kind > 1) return fail(r, "unknown frame kind");
    if (kind == 0) reset_frames(s);
    else if (!s->synced) return fail(r, "delta frame with no full frame before it");
    if (!fvals(r, size, 2) || !color(r, bg)) return 0;
    if (!(size[0] > 0 && size[0] <= MAX_LOGICAL && size[1] > 0 && size[1] <= MAX_LOGICAL))
        return fail(r, "logical size out of range");
    if (!count(r, MAX_FONT_ID, 3, &n)) return 0; /* fonts: id, weight, path */
    for (size_t i = 0; i < n; i++) {
        if (!vmax(r, MAX_FONT_ID - 1, &id) || !vmax(r, 1000, &w) || !string(r, NULL)) return 0;
        if (w == 0) return fail(r, "font weight 0");
        if (map_find(&s->frame_fonts, id, 0)) return fail(r, "font defined twice");
        if (!map_put(&s->frame_fonts, id, 0, 0)) return fail(r, "out of memory");
    }
    if (!count(r, MAX_IMAGE_ID, 4, &n)) return 0; /* images: id, width, height, path */
    for (size_t i = 0; i < n; i++) {
        if (!vmax(r, MAX_IMAGE_ID - 1, &id) || !vmax(r, MAX_IMAGE_SIDE, &w) || !vmax(r, MAX_IMAGE_SIDE, &h) ||
            !string(r, NULL))
            return 0;
        if (map_find(&s->frame_images, id, 0)) return fail(r, "image defined twice");
        if (!map_put(&s->frame_images, id, 0, 0)) return fail(r, "out of memory");
    }
    if (!count(r, MAX_CHUNKS, 1, &n)) return 0; /* removed chunks */
    if (kind == 0 && n) return fail(r, "a full frame removes no chunks");
    for (size_t i = 0; i < n; i++) {
        if (!vmax(r, UINT32_MAX, &id)) return 0;
        Slot *slot = map_find(&s->chunk_ids, id, 0);
        if (!slot) return fail(r, "removed chunk is not defined");
        remove_chunk(s, slot->val);
    }
    if (!count(r, MAX_CHUNKS, 3, &n)) return 0; /* new chunks */
    for (size_t i = 0; i < n; i++) {
        uint64_t cmds, len;
        if (!vmax(r, UINT32_MAX, &id) || !vmax(r, MAX_FRAME_COMMANDS, &cmds) || !vmax(r, MAX_FRAME_BYTES, &len)) return 0;
        if (map_find(&s->chunk_ids, id, 0)) return fail(r, "chunk defined twice");
        if (!need(r, (size_t)len)) return 0;
        if (cmds > len) return fail(r, "more commands than bytes in a chunk");
        if (s->live_cmds + cmds > MAX_FRAME_COMMANDS || s->live_bytes + len > MAX_FRAME_BYTES)
            return fail(r, "live chunks over the frame's command or byte limit");
        if (!grow((void **)&s->chunks, &s->cap_chunks, s->nchunks, sizeof(Chunk))) return fail(r, "out of memory");
        Chunk *c = &s->chunks[s->nchunks];
        c->id = (uint32_t)id, c->n = 0, c->bytes = (uint32_t)len;
        c->cmds = calloc(cmds ? (size_t)cmds : 1, sizeof(Cmd));
        if (!c->cmds) return fail(r, "out of memory");
        Reader sub = {r->data + r->pos, (size_t)len, 0, r->base + r->pos, NULL, 0};
        for (uint64_t k = 0; k < cmds; k++) {
            int ok = command(s, &sub, &c->cmds[k]);
            c->n = (uint32_t)k + 1; /* what was allocated is freed with the chunk */
            if (!ok) {
                free_chunk(c);
                r->error = sub.error, r->error_at = sub.error_at;
                return 0;
            }
        }
        if (sub.pos != sub.len) {
            free_chunk(c);
            return fail(r, "bytes after a chunk's commands");
        }
        r->pos += (size_t)len;
        if (!map_put(&s->chunk_ids, id, 0, (uint32_t)s->nchunks)) {
            free_chunk(c);
            return fail(r, "out of memory");
        }
        s->nchunks++;
        s->live_cmds += (size_t)cmds;
        s->live_bytes += (size_t)len;
    }
    /* Order: runs of chunk ids. Totals are checked after every chunk, so a chunk named again
     * and again (a reference bomb) stops at the limit. */
    if (!count(r, MAX_CHUNKS, 2, &n)) return 0;
    size_t total = 0, total_bytes = 0, refs = 0, used = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t first, run;
        if (!vmax(r, UINT32_MAX, &first) || !vmax(r, MAX_CHUNKS, &run)) return 0;
        if (run == 0 || refs + run > MAX_CHUNKS) return fail(r, "order run too long");
        refs += (size_t)run;
        for (uint64_t k = 0; k < run; k++) {
            if (first + k > UINT32_MAX) return fail(r, "order run overflows");
            Slot *slot = map_find(&s->chunk_ids, first + k, 0);
            if (!slot) return fail(r, "order names an undefined chunk");
            Chunk *c = &s->chunks[slot->val];
            total += c->n;
            total_bytes += c->bytes;
            if (total > MAX_FRAME_COMMANDS || total_bytes > MAX_FRAME_BYTES) return fail(r, "frame over the command or byte limit");
            for (uint32_t j = 0; j < c->n; j++) o->list[used++] = &c->cmds[j];
        }
    }
    if (left(r)) return fail(r, "bytes after the frame's last field");
    /* Nesting. */
    uint8_t stack[MAX_NESTING];
    int depth = 0;
    uint32_t counts[KINDS] = {0};
    for (size_t i = 0; i < used; i++) {
        uint8_t t = o->list[i]->tag;
        counts[t - 1]++;
        if (t == T_PUSH_CLIP || t == T_PUSH_OPACITY || t == T_PUSH_TRANSFORM) {
            if (depth >= MAX_NESTING) return fail(r, "nesting deeper than 256");
            stack[depth++] = t;
        } else if (t == T_POP_CLIP || t == T_POP_OPACITY || t == T_POP_TRANSFORM) {
            if (!depth || stack[depth - 1] != t - 1) return fail(r, "pop does not match its push");
            depth--;
        }
    }
    if (depth) return fail(r, "push never popped");
    /* Video planes go before the command their index names. */
    for (size_t i = 0; i < nvideo; i++)
        if (s->video[i].id > used) return fail(r, "video plane past the end of its frame");
    if (nvideo) {
        size_t at = used + nvideo;
        size_t src = used, vi = nvideo;
        while (vi > 0 || src > 0) {
            if (vi > 0 && s->video[vi - 1].id >= src) o->list[--at] = &s->video[--vi];
            else o->list[--at] = o->list[--src];
        }
        used += nvideo;
        counts[T_VIDEO - 1] += (uint32_t)nvideo;
    }
    s->synced = 1;
    printf("frame %llu %s %llu", (unsigned long long)seq, kind == 0 ? "full" : "delta", (unsigned long long)used);
    for (int j = 0; j < KINDS; j++)
        if (counts[ALPHABETICAL[j]]) printf(" %s=%u", NAMES[ALPHABETICAL[j]], counts[ALPHABETICAL[j]]);
    printf("\n");
    (void)v;
    if (o->raster) {
        float scale = fminf((float)o->raster->base.w / size[0], (float)o->raster->base.h / size[1]);
        o->raster->missing_glyphs = 0;
        render(o->raster, o->list, used, bg, scale);
        if (o->raster->missing_glyphs) fprintf(stderr, "frame %u: %ld glyphs not in any atlas\n", o->frames, o->raster->missing_glyphs);
        if (!write_image(o->out, o->frames, &o->raster->base, o->ppm)) return fail(r, "cannot write the image");
    }
    o->frames++;
    return 1;
}

int main(int argc, char **argv) {
    const char *stream = NULL, *out = NULL;
    int width = 1920, height = 1080, ppm = 0, hole = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "--size") && i + 1 < argc) {
            if (sscanf(argv[++i], "%dx%d", &width, &height) != 2 || width < 1 || height < 1 || width > 8192 || height > 8192) {
                fprintf(stderr, "--size needs WxH within 8192x8192\n");
                return 2;
            }
        } else if (!strcmp(argv[i], "--ppm")) ppm = 1;
        else if (!strcmp(argv[i], "--video-hole")) hole = 1;
        else if (!stream && argv[i][0] != '-') stream = argv[i];
        else {
            fprintf(stderr, "usage: %s STREAM [--out DIR] [--size WxH] [--ppm] [--video-hole]\n", argv[0]);
            return 2;
        }
    }
#ifndef TF_PNG
    ppm = 1; /* no libpng: PPM only */
#endif
    if (!stream) {
        fprintf(stderr, "usage: %s STREAM [--out DIR] [--size WxH] [--ppm] [--video-hole]\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(stream, "rb");
    if (!f) {
        perror(stream);
        return 2;
    }
    size_t cap = 1 << 16, len = 0, got;
    uint8_t *data = malloc(cap);
    while (data && (got = fread(data + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            uint8_t *bigger = cap > SIZE_MAX / 2 ? NULL : realloc(data, cap * 2);
            if (!bigger) free(data);
            data = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    static State state;
    static Raster raster;
    Output o = {NULL, out, ppm, 0, calloc(MAX_FRAME_COMMANDS + MAX_VIDEO, sizeof(Cmd *))};
    if (!data || !o.list) {
        fprintf(stderr, "out of memory\n");
        return 2;
    }
    if (out) {
        raster.base.w = width, raster.base.h = height;
        raster.base.px = malloc((size_t)width * height * 4);
        raster.video_hole = hole;
        raster.s = &state;
        if (!raster.base.px) {
            fprintf(stderr, "out of memory\n");
            return 2;
        }
        o.raster = &raster;
    }
    Reader r = {data, len, 0, 0, NULL, 0};
    const uint8_t *head;
    int ok = bytes(&r, 8, &head);
    if (ok && memcmp(head, "TFDL", 4) != 0) ok = fail(&r, "bad magic");
    else if (ok && (head[4] != 1 || head[5] != 0)) ok = fail(&r, "unsupported major version");
    while (ok && r.pos < r.len) {
        uint8_t tag;
        uint32_t rec_len;
        size_t at = r.pos;
        ok = u8(&r, &tag) && u32le(&r, &rec_len);
        if (ok && rec_len > MAX_RECORD_LEN) {
            r.pos = at;
            ok = fail(&r, "record over the 16 MiB limit");
        }
        ok = ok && need(&r, rec_len);
        if (!ok) break;
        Reader rec = {data + r.pos, rec_len, 0, r.pos, NULL, 0};
        if (tag == 0x01) ok = frame(&state, &rec, &o);
        else if (tag == 0x02) {
            if (rec_len != 0 || r.pos != r.len) {
                r.pos = at;
                ok = fail(&r, "bad end record");
            }
            break;
        } else if (tag >= 0x80 && tag <= 0x84) ok = resource_record(&state, &rec, tag);
        else if (tag < 0x80) {
            r.pos = at;
            ok = fail(&r, "unknown critical record");
            break;
        }
        if (!ok) {
            r.error = rec.error, r.error_at = rec.error_at;
            break;
        }
        r.pos += rec_len; /* unknown optional records are skipped */
    }
    if (!ok) fprintf(stderr, "error at byte %zu: %s\n", r.error_at, r.error ? r.error : "malformed");
    reset_frames(&state);
    release_all(&state);
    free(state.chunks);
    free(state.atlases);
    free(state.images);
    free(state.fonts);
    map_clear(&state.atlas_ids), map_clear(&state.glyphs), map_clear(&state.glyph_entry);
    map_clear(&state.image_ids), map_clear(&state.font_ids);
    free(raster.base.px);
    free(o.list);
    free(data);
    return ok ? 0 : 1;
}
