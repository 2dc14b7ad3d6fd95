/*
 * tenfoot display-list stream: a minimal reference reader in C99, written from
 * docs/display-list.md alone. It decodes a recorded stream (full and delta frames),
 * keeps the chunk table a device would keep, and prints one line per frame:
 *
 *     frame <sequence> <full|delta> <commands> <Kind>=<count> ...
 *
 * with the kinds in alphabetical order and only those present, which is what the Rust
 * decoder's DisplayList::counts() gives. A device would draw the commands where this
 * reader counts them.
 *
 * Build: cc -std=c99 -O2 -Wall -Wextra -o reader reader.c
 * Run:   ./reader stream.tfdl
 *
 * Every read is bounds-checked; a malformed stream prints "error at byte N: ..." to stderr
 * and exits with status 1. No dependencies beyond the C standard library.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { KINDS = 12 };
#define MAX_CHUNKS (1u << 18) /* chunks per frame and live chunks */
#define MAX_FONT_ID (1u << 16)

/* Command tags 1..12 map to these names; the print order is alphabetical. */
static const char *const NAMES[KINDS] = {
    "FillRect", "LinearGradient", "Border", "BoxShadow", "Image", "GlyphRun",
    "PushClip", "PopClip", "PushOpacity", "PopOpacity", "PushTransform", "PopTransform",
};
static const int ALPHABETICAL[KINDS] = {2, 3, 0, 5, 4, 1, 7, 9, 11, 6, 8, 10};

typedef struct {
    const uint8_t *data;
    size_t len;
    size_t pos;
    size_t base; /* stream offset of data[0], for messages */
    const char *error;
} Reader;

typedef struct {
    uint32_t id;
    uint32_t counts[KINDS];
} Chunk;

typedef struct {
    Chunk *items;
    size_t len;
    size_t cap;
} Table;

static int fail(Reader *r, const char *message) {
    if (!r->error) r->error = message;
    return 0;
}

static int need(Reader *r, size_t n) {
    if (r->len - r->pos < n) return fail(r, "truncated");
    return 1;
}

static int u8(Reader *r, uint8_t *out) {
    if (!need(r, 1)) return 0;
    *out = r->data[r->pos++];
    return 1;
}

static int skip(Reader *r, size_t n) {
    if (!need(r, n)) return 0;
    r->pos += n;
    return 1;
}

static int u32le(Reader *r, uint32_t *out) {
    if (!need(r, 4)) return 0;
    const uint8_t *p = r->data + r->pos;
    *out = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    r->pos += 4;
    return 1;
}

/* LEB128, at most 64 bits. */
static int varint(Reader *r, uint64_t *out) {
    uint64_t v = 0;
    for (int i = 0; i < 10; i++) {
        uint8_t b;
        if (!u8(r, &b)) return 0;
        if (i == 9 && b > 1) return fail(r, "varint over 64 bits");
        v |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            *out = v;
            return 1;
        }
    }
    return fail(r, "varint too long");
}

static int varint_max(Reader *r, uint64_t max, uint64_t *out) {
    if (!varint(r, out)) return 0;
    if (*out > max) return fail(r, "value over its limit");
    return 1;
}

/* Compact float: even varint = integer (zigzag << 1), 1 = four raw bytes follow. */
static int compact_float(Reader *r) {
    uint64_t u;
    if (!varint(r, &u)) return 0;
    if ((u & 1) == 0) return 1;
    if (u != 1) return fail(r, "unknown float form");
    return skip(r, 4);
}

static int floats(Reader *r, int n) {
    for (int i = 0; i < n; i++)
        if (!compact_float(r)) return 0;
    return 1;
}

static int radii(Reader *r) {
    uint8_t form;
    if (!u8(r, &form)) return 0;
    switch (form) {
    case 0: return 1;
    case 1: return floats(r, 1);
    case 2: return floats(r, 4);
    default: return fail(r, "unknown radii form");
    }
}

static int string(Reader *r) {
    uint64_t n;
    return varint_max(r, 1024, &n) && skip(r, (size_t)n);
}

/* Reads one command, adding it to counts[]. */
static int command(Reader *r, uint32_t *counts) {
    uint8_t tag, fit;
    uint64_t n, v;
    if (!u8(r, &tag)) return 0;
    switch (tag) {
    case 0x01: /* FillRect: rect, radii, colour */
        if (!floats(r, 4) || !radii(r) || !skip(r, 4)) return 0;
        break;
    case 0x02: /* LinearGradient: rect, radii, start, end, stops */
        if (!floats(r, 4) || !radii(r) || !floats(r, 4) || !varint_max(r, 256, &n)) return 0;
        for (uint64_t i = 0; i < n; i++)
            if (!floats(r, 1) || !skip(r, 4)) return 0;
        break;
    case 0x03: /* Border: rect, radii, width, colour */
        if (!floats(r, 4) || !radii(r) || !floats(r, 1) || !skip(r, 4)) return 0;
        break;
    case 0x04: /* BoxShadow: rect, radii, offset, blur, spread, colour */
        if (!floats(r, 4) || !radii(r) || !floats(r, 4) || !skip(r, 4)) return 0;
        break;
    case 0x05: /* Image: id, rect, fit, radii, opacity */
        if (!varint(r, &v) || !floats(r, 4) || !u8(r, &fit)) return 0;
        if (fit > 2) return fail(r, "unknown image fit");
        if (!radii(r) || !floats(r, 1)) return 0;
        break;
    case 0x06: /* GlyphRun: font, size, colour, origin, glyphs */
        if (!varint(r, &v) || !floats(r, 1) || !skip(r, 4) || !floats(r, 2)) return 0;
        if (!varint_max(r, 65535, &n)) return 0;
        for (uint64_t i = 0; i < n; i++) {
            if (!varint_max(r, 131071, &v) || !skip(r, 4)) return 0;
            if ((v & 1) && !skip(r, 4)) return 0;
        }
        break;
    case 0x07: /* PushClip: rect, radii */
        if (!floats(r, 4) || !radii(r)) return 0;
        break;
    case 0x09: /* PushOpacity */
        if (!floats(r, 1)) return 0;
        break;
    case 0x0b: /* PushTransform: sx ky kx sy tx ty */
        if (!floats(r, 6)) return 0;
        break;
    case 0x08: case 0x0a: case 0x0c: /* pops carry nothing */
        break;
    default:
        return fail(r, "unknown command tag");
    }
    counts[tag - 1]++;
    return 1;
}

static Chunk *find(Table *t, uint32_t id) {
    for (size_t i = 0; i < t->len; i++)
        if (t->items[i].id == id) return &t->items[i];
    return NULL;
}

static int frame(Reader *r, Table *t) {
    uint64_t seq, n, id, w, h, count, len, first, run;
    uint8_t kind;
    uint32_t totals[KINDS] = {0};
    if (!varint(r, &seq) || !u8(r, &kind)) return 0;
    if (kind > 1) return fail(r, "unknown frame kind");
    if (kind == 0) t->len = 0; /* a full frame resets the chunk table */
    if (!floats(r, 2) || !skip(r, 4)) return 0;           /* logical size, background */
    if (!varint_max(r, MAX_FONT_ID, &n)) return 0;             /* fonts: id, weight, path */
    for (uint64_t i = 0; i < n; i++)
        if (!varint(r, &id) || !varint(r, &w) || !string(r)) return 0;
    if (!varint_max(r, 1u << 20, &n)) return 0;           /* images: id, width, height, path */
    for (uint64_t i = 0; i < n; i++)
        if (!varint(r, &id) || !varint(r, &w) || !varint(r, &h) || !string(r)) return 0;
    if (!varint_max(r, MAX_CHUNKS, &n)) return 0;              /* removed chunks */
    for (uint64_t i = 0; i < n; i++) {
        if (!varint_max(r, UINT32_MAX, &id)) return 0;
        Chunk *c = find(t, (uint32_t)id);
        if (!c) return fail(r, "removed chunk is not defined");
        *c = t->items[--t->len];
    }
    if (!varint_max(r, MAX_CHUNKS, &n)) return 0;              /* new chunks */
    for (uint64_t i = 0; i < n; i++) {
        if (!varint_max(r, UINT32_MAX, &id) || !varint(r, &count) || !varint(r, &len)) return 0;
        if (find(t, (uint32_t)id)) return fail(r, "chunk defined twice");
        if (!need(r, (size_t)len) || count > len) return fail(r, "bad chunk length");
        if (t->len == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 64;
            Chunk *items = realloc(t->items, cap * sizeof *items);
            if (!items) return fail(r, "out of memory");
            t->items = items;
            t->cap = cap;
        }
        Chunk *c = &t->items[t->len];
        memset(c, 0, sizeof *c);
        c->id = (uint32_t)id;
        Reader sub = {r->data + r->pos, (size_t)len, 0, r->base + r->pos, NULL};
        for (uint64_t k = 0; k < count; k++) {
            if (!command(&sub, c->counts)) {
                r->pos += sub.pos;
                return fail(r, sub.error);
            }
        }
        if (sub.pos != sub.len) return fail(r, "bytes after a chunk's commands");
        r->pos += (size_t)len;
        t->len++;
    }
    if (!varint_max(r, MAX_CHUNKS, &n)) return 0;              /* order: runs of chunk ids */
    for (uint64_t i = 0; i < n; i++) {
        if (!varint_max(r, UINT32_MAX, &first) || !varint_max(r, MAX_CHUNKS, &run)) return 0;
        for (uint64_t k = 0; k < run; k++) {
            Chunk *c = find(t, (uint32_t)(first + k));
            if (!c || first + k > UINT32_MAX) return fail(r, "order names an undefined chunk");
            for (int j = 0; j < KINDS; j++) totals[j] += c->counts[j];
        }
    }
    if (r->pos != r->len) return fail(r, "bytes after the frame");
    uint64_t all = 0;
    for (int j = 0; j < KINDS; j++) all += totals[j];
    printf("frame %llu %s %llu", (unsigned long long)seq, kind == 0 ? "full" : "delta", (unsigned long long)all);
    for (int j = 0; j < KINDS; j++) {
        int k = ALPHABETICAL[j];
        if (totals[k]) printf(" %s=%u", NAMES[k], totals[k]);
    }
    printf("\n");
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s STREAM\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    size_t cap = 1 << 16, len = 0, got;
    uint8_t *data = malloc(cap);
    while (data && (got = fread(data + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            uint8_t *bigger = realloc(data, cap *= 2);
            if (!bigger) free(data);
            data = bigger;
        }
    }
    fclose(f);
    if (!data) {
        fprintf(stderr, "out of memory\n");
        return 2;
    }

    Reader r = {data, len, 0, 0, NULL};
    Table table = {NULL, 0, 0};
    uint8_t magic[4] = {0}, minor0, minor1, major0, major1;
    int ok = need(&r, 8);
    if (ok) {
        memcpy(magic, data, 4);
        r.pos = 4;
        ok = u8(&r, &major0) && u8(&r, &major1) && u8(&r, &minor0) && u8(&r, &minor1);
        if (memcmp(magic, "TFDL", 4) != 0) ok = fail(&r, "bad magic");
        else if (major0 != 1 || major1 != 0) ok = fail(&r, "unsupported major version");
    }
    while (ok && r.pos < r.len) {
        uint8_t tag;
        uint32_t rec_len;
        size_t at = r.pos;
        ok = u8(&r, &tag) && u32le(&r, &rec_len) && need(&r, rec_len);
        if (!ok) break;
        if (tag == 0x01) {
            Reader rec = {data + r.pos, rec_len, 0, r.pos, NULL};
            if (!frame(&rec, &table)) {
                r.pos = rec.base + rec.pos;
                ok = fail(&r, rec.error);
                break;
            }
        } else if (tag == 0x02) {
            if (rec_len != 0 || r.pos != r.len) ok = fail(&r, "bad end record");
            break;
        } else if (tag < 0x80) {
            r.pos = at;
            ok = fail(&r, "unknown critical record");
            break;
        }
        r.pos += rec_len; /* optional records are skipped */
    }
    if (!ok) fprintf(stderr, "error at byte %zu: %s\n", r.base + r.pos, r.error ? r.error : "malformed");
    free(table.items);
    free(data);
    return ok ? 0 : 1;
}
