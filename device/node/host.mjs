#!/usr/bin/env node
// A thin JavaScript host for a tenfoot wasm bundle, as a TV's JS layer would be: it owns the
// clock, the remote, the network (here: the sample catalog file, the source of truth for the
// data) and the screen (here: a display-list stream file that tenfoot-replay turns into PNGs).
// It talks to the bundle only through the plain C ABI of tenfoot-device (docs/embedding.md).
//
//   node device/node/host.mjs BUNDLE.wasm [options]
//     --keys "Select Down Right"  remote keys, 150 ms apart (like the preview's --keys)
//     --replay FILE               a recorded session (`# tenfoot session v1`) instead of --keys
//     --advance 1s                time to let pass after the keys (default 1s)
//     --sink FILE                 write every frame's display-list stream to FILE
//     --print-focus               print the focus path at the end
//     --latency 300ms             answer the bus after this much frame time (default 0)
//     --chaos                     the bundle's chaos app: 1,000 frames of random navigation with
//                                 panics in every callback kind; prints `frames N, panics caught M`
//     --crash-at N                force a panic in frame N; on an aborting bundle the instance
//                                 traps and is recovered from the last snapshot (fresh instance)
//     --bench                     frame times of a focus move and a full frame, memory pages;
//                                 with --native BIN also the native figures and ratios
//     --assets DIR                the assets folder (default: the repository's assets/)
// Exit status: 0 on success, 1 when a check fails, 2 on bad arguments.

import { readFileSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const KEYS = ['Up', 'Down', 'Left', 'Right', 'Select', 'Back', 'Menu', 'PlayPause', 'Rewind', 'FastForward', 'Delete'];
const FRAME_US = 16667; // 60 Hz, as tenfoot's headless runs (testing::FRAME_STEP)
const KEY_STEP_US = 150000; // --keys spacing (testing::KEY_STEP)
const SETTLE_FRAMES = 120; // testing::SETTLE_FRAMES

function fail(message, code = 1) {
  console.error(`host.mjs: ${message}`);
  process.exit(code);
}

function parseDuration(text, what) {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text ?? '');
  if (!m) fail(`${what}: \`${text}\` is not a duration (like 500ms or 1.5s)`, 2);
  return Math.round(Number(m[1]) * (m[2] === 's' ? 1e6 : 1e3));
}

function parseArgs(argv) {
  const o = { bundle: null, keys: [], replay: null, advance: 1e6, sink: null, printFocus: false, latency: 0,
    chaos: false, crashAt: null, bench: false, native: null, assets: resolve(here, '../../assets') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`, 2);
      return argv[++i];
    };
    switch (a) {
      case '--keys':
        o.keys = value().split(/\s+/).filter(Boolean).map((k) => {
          const i = KEYS.findIndex((n) => n.toLowerCase() === k.toLowerCase());
          if (i < 0) fail(`--keys: unknown remote key \`${k}\` (expected one of: ${KEYS.join(', ')})`, 2);
          return i;
        });
        break;
      case '--replay': o.replay = value(); break;
      case '--advance': o.advance = parseDuration(value(), '--advance'); break;
      case '--sink': o.sink = value(); break;
      case '--print-focus': o.printFocus = true; break;
      case '--latency': o.latency = parseDuration(value(), '--latency'); break;
      case '--chaos': o.chaos = true; break;
      case '--crash-at': {
        const v = value();
        o.crashAt = Number(v);
        if (!Number.isInteger(o.crashAt) || o.crashAt < 1) fail(`--crash-at: \`${v}\` is not a frame number (1 or more)`, 2);
        break;
      }
      case '--bench': o.bench = true; break;
      case '--native': o.native = value(); break;
      case '--assets': o.assets = value(); break;
      default:
        if (a.startsWith('--') || o.bundle) fail(`unknown argument \`${a}\``, 2);
        o.bundle = a;
    }
  }
  if (!o.bundle) fail('usage: node device/node/host.mjs BUNDLE.wasm [--keys "..."] [--sink FILE] [--print-focus] ...', 2);
  return o;
}

// --- The engine, through the C ABI ----------------------------------------------------------

class Engine {
  /** A fresh instance of `module` running app `appId`. */
  static async create(module, appId, width = 1920, height = 1080) {
    const instance = await WebAssembly.instantiate(module, {});
    return new Engine(instance, appId, width, height);
  }

  constructor(instance, appId, width, height) {
    this.x = instance.exports;
    this.enc = new TextEncoder();
    this.dec = new TextDecoder();
    const [p, n] = this.put(appId);
    this.e = this.x.tf_create(width, height, p, n);
    this.x.tf_free(p, n);
    if (this.e === 0) {
      const len = this.x.tf_create_error();
      throw new Error(`tf_create: ${this.dec.decode(this.mem(this.x.tf_global_ptr(0), len))}`);
    }
  }

  mem(ptr, len) {
    return new Uint8Array(this.x.memory.buffer, ptr, len);
  }

  /** Copies bytes (or a string) into a buffer from tf_alloc; the caller frees it. */
  put(data) {
    const bytes = typeof data === 'string' ? this.enc.encode(data) : data;
    const p = bytes.length ? this.x.tf_alloc(bytes.length) : 0;
    if (bytes.length) this.mem(p, bytes.length).set(bytes);
    return [p, bytes.length];
  }

  /** The engine's result buffer after a call that returned its length: a copy. */
  result(len) {
    return len ? this.mem(this.x.tf_result_ptr(this.e), len).slice() : new Uint8Array(0);
  }

  text(len) {
    return this.dec.decode(this.result(len));
  }

  check(code, what) {
    if (code < 0) throw new Error(`${what}: ${this.text(this.x.tf_last_error(this.e))}`);
    return code;
  }

  key(code, pressed, atUs) { this.check(this.x.tf_key(this.e, code, pressed ? 1 : 0, atUs), 'tf_key'); }
  frame(nowUs) { return this.check(this.x.tf_frame(this.e, nowUs), 'tf_frame'); }
  nextWakeup() { const w = this.x.tf_next_wakeup(this.e); return w < 0 ? null : w; }
  takeStream() { return this.result(this.x.tf_take_stream(this.e)); }
  forceFull() { this.check(this.x.tf_force_full(this.e), 'tf_force_full'); }
  takeOutbox() { return JSON.parse(this.text(this.x.tf_take_outbox(this.e)) || '[]'); }
  focusPath() { return this.text(this.x.tf_focus_path(this.e)) || null; }
  snapshot() { return this.text(this.x.tf_snapshot(this.e)); }
  takeErrors() { return this.text(this.x.tf_take_errors(this.e)); }
  panicsCaught() { return this.x.tf_panics_caught(this.e); }
  lastFrameBytes() { return this.x.tf_last_frame_bytes(this.e); }
  panicInFrame(n) { this.check(this.x.tf_panic_in_frame(this.e, n), 'tf_panic_in_frame'); }
  pages() { return this.x.memory.buffer.byteLength / 65536; }

  deliver(envelopes) {
    const [p, n] = this.put(JSON.stringify(envelopes));
    try {
      return this.check(this.x.tf_deliver(this.e, p, n), 'tf_deliver');
    } finally {
      this.x.tf_free(p, n);
    }
  }

  restore(json) {
    const [p, n] = this.put(json);
    try {
      this.check(this.x.tf_restore(this.e, p, n), 'tf_restore');
    } finally {
      this.x.tf_free(p, n);
    }
  }

  /** The last panic message of this instance (readable even after a trap). */
  lastPanic() {
    const len = this.x.tf_last_panic();
    return len ? this.dec.decode(this.mem(this.x.tf_global_ptr(1), len)) : '';
  }
}

// --- The host's side of the bus: the catalog, owned here ------------------------------------

class CatalogHost {
  constructor(assets, latencyUs) {
    const file = join(assets, 'catalog/catalog.json');
    this.catalog = JSON.parse(readFileSync(file, 'utf8'));
    this.titles = new Map(this.catalog.titles.map((t) => [t.id, t]));
    this.latency = latencyUs;
    this.due = []; // [atUs, seq, envelope]
    this.seq = 0;
    this.myList = []; // the host owns My List
  }

  summary(t) {
    const { id, kind, title, year, rating, genres, poster, backdrop } = t;
    return { id, kind, title, year, rating, genres, poster, backdrop };
  }

  title(id) {
    const t = this.titles.get(id);
    if (!t) throw new Error(`no title \`${id}\``);
    return t;
  }

  serve(topic, body) {
    switch (topic) {
      case 'catalog.home': {
        const hero = this.title(this.catalog.home.hero);
        const rails = this.catalog.home.rails.map((r) => ({
          id: r.id, title: r.title, kind: r.kind,
          items: r.items.filter((i) => this.titles.has(i.id)).map((i) => {
            const item = { title: this.summary(this.titles.get(i.id)) };
            for (const k of ['progress', 'episode', 'rank']) if (i[k] !== undefined && i[k] !== null) item[k] = i[k];
            return item;
          }),
        }));
        return { hero, rails };
      }
      case 'catalog.title': return this.title(body?.id);
      case 'catalog.search': {
        const q = String(body?.query ?? '').toLowerCase();
        const hits = this.catalog.titles.filter((t) => t.title.toLowerCase().includes(q)
          || t.genres.some((g) => g.toLowerCase().includes(q)) || t.synopsis.toLowerCase().includes(q));
        return { total: hits.length, results: hits.slice(0, body?.limit ?? 0).map((t) => this.summary(t)) };
      }
      case 'catalog.profiles': return this.catalog.profiles;
      default: throw new Error(`the host does not serve \`${topic}\``);
    }
  }

  later(nowUs, envelope) {
    this.due.push([nowUs + this.latency, this.seq++, envelope]);
  }

  receive(nowUs, env) {
    if (env.type === 'request') {
      if (env.topic === 'sim.silent') return;
      try {
        this.later(nowUs, { type: 'response', id: env.id, body: this.serve(env.topic, env.body) });
      } catch (e) {
        this.later(nowUs, { type: 'error', id: env.id, message: e.message });
      }
    } else if (env.type === 'message' && env.topic === 'app.ready') {
      const p = this.catalog.profiles.find((p) => p.id === env.body?.profile);
      this.later(nowUs, { type: 'message', topic: 'host.banner', body: { text: `Welcome back, ${p ? p.name : 'there'}` } });
    } else if (env.type === 'message' && env.topic === 'watch.progress') {
      this.watched(env.body?.point);
    } else if (env.type === 'message' && env.topic === 'mylist') {
      this.myList = [...(env.body?.ids ?? [])];
      this.later(nowUs, { type: 'message', topic: 'mylist', body: { ids: this.myList } });
    }
  }

  /** Continue watching as the host keeps it (as the native SimHost does): the title moves to
   * the front with its episode (`S3:E3`) and progress, so the next `catalog.home` shows it.
   * A point that is not an object with a string id and a finite progress is ignored. */
  watched(point) {
    if (!point || typeof point.id !== 'string' || !Number.isFinite(point.progress)) return;
    const rail = this.catalog.home.rails.find((r) => r.kind === 'continue');
    if (!rail) return;
    rail.items = rail.items.filter((i) => i.id !== point.id);
    const item = { id: point.id, progress: point.progress };
    if (Number.isInteger(point.season) && Number.isInteger(point.episode)) item.episode = `S${point.season}:E${point.episode}`;
    rail.items.unshift(item);
  }

  poll(nowUs) {
    const ready = this.due.filter((d) => d[0] <= nowUs).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.due = this.due.filter((d) => d[0] > nowUs);
    return ready.map((d) => d[2]);
  }
}

// --- Driving it ------------------------------------------------------------------------------

function keySession(keys, startUs) {
  const edges = [];
  keys.forEach((k, i) => {
    const at = startUs + KEY_STEP_US * i;
    edges.push({ at, key: k, pressed: true }, { at: at + Math.min(50000, KEY_STEP_US), key: k, pressed: false });
  });
  return edges;
}

function loadSession(path) {
  const edges = [];
  readFileSync(path, 'utf8').split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [at, edge, key] = line.split(/\s+/);
    const k = KEYS.findIndex((n) => n.toLowerCase() === (key ?? '').toLowerCase());
    if (!/^\d+$/.test(at ?? '') || (edge !== 'press' && edge !== 'release') || k < 0) {
      fail(`--replay ${path}:${i + 1}: expected \`MILLISECONDS press|release KEY\`, found \`${line}\``, 2);
    }
    edges.push({ at: Number(at) * 1000, key: k, pressed: edge === 'press' });
  });
  return edges;
}

/** One app run: the engine, its host, the stream file, the snapshot kept for recovery. */
class Run {
  constructor(engine, host, sink) {
    this.engine = engine;
    this.host = host;
    this.sink = sink;
    this.t = 0;
    this.edges = [];
    this.next = 0;
    this.frames = 0;
    this.snapshot = null;
  }

  frame(t) {
    this.t = t;
    while (this.next < this.edges.length && this.edges[this.next].at <= t) {
      const e = this.edges[this.next++];
      this.engine.key(e.key, e.pressed, e.at);
    }
    this.engine.frame(t);
    this.frames++;
    for (const env of this.engine.takeOutbox()) this.host.receive(t, env);
    const back = this.host.poll(t);
    if (back.length) this.engine.deliver(back);
    const bytes = this.engine.takeStream();
    if (this.sink && bytes.length) appendFileSync(this.sink, bytes);
    const errors = this.engine.takeErrors();
    if (errors && !this.quiet) for (const line of errors.split('\n')) console.error(`tenfoot: ${line}`);
    this.snapshot = this.engine.snapshot();
  }

  /** The headless schedule of `tenfoot --keys`: settle the first screen, then the keys. */
  settle() {
    this.frame(0);
    for (let i = 0; i < SETTLE_FRAMES; i++) {
      const w = this.engine.nextWakeup();
      if (w === null || w > this.t + FRAME_US) break;
      this.frame(this.t + FRAME_US);
    }
  }

  play(edges, advanceUs, endUs) {
    this.edges = edges;
    this.next = 0;
    while (this.t < endUs || this.next < this.edges.length) this.frame(this.t + FRAME_US);
    const until = this.t + advanceUs;
    while (this.t < until) this.frame(Math.min(this.t + FRAME_US, until));
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(o.bundle)) fail(`no bundle at ${o.bundle} (build it with scripts/wasm.sh)`, 2);
  const module = await WebAssembly.compile(readFileSync(o.bundle));
  if (o.sink) writeFileSync(o.sink, new Uint8Array(0));
  if (o.chaos) return chaos(module, o);
  if (o.bench) return bench(module, o);

  const host = new CatalogHost(o.assets, o.latency);
  const run = new Run(await Engine.create(module, 'sample'), host, o.sink);
  if (o.crashAt !== null) run.engine.panicInFrame(o.crashAt);
  let edges;
  let end;
  if (o.replay) {
    // A recorded session plays from time zero, as `tenfoot --replay` does.
    edges = loadSession(o.replay);
    run.frame(0);
    end = (edges.length ? edges[edges.length - 1].at : 0) + KEY_STEP_US;
  } else {
    run.settle();
    edges = keySession(o.keys, run.t + FRAME_US);
    end = (edges.length ? edges[edges.length - 1].at : run.t) + KEY_STEP_US;
  }
  try {
    run.play(edges, o.advance, end);
  } catch (e) {
    if (o.crashAt === null || !(e instanceof WebAssembly.RuntimeError)) throw e;
    await recover(module, run, e, o, edges, end);
    return;
  }
  if (o.crashAt !== null) {
    console.log(`crash-at ${o.crashAt}: no trap (this bundle unwinds: ${run.engine.panicsCaught()} panic(s) caught)`);
  }
  if (o.printFocus) console.log(run.engine.focusPath() ?? '(nothing focused)');
}

/** Crash-only recovery: a fresh instance, the last snapshot, and the rest of the session. */
async function recover(module, run, trap, o, edges, end) {
  const crashed = run.engine;
  const before = JSON.parse(run.snapshot);
  console.log(`frame ${run.frames + 1}: trapped (${trap.message}); last panic: ${crashed.lastPanic().replace(/\n/g, ' ')}`);
  const fresh = await Engine.create(module, 'sample');
  const revived = new Run(fresh, run.host, o.sink);
  revived.t = run.t;
  // The stream restarts with a full frame of the new instance (a reader resynchronises on it).
  revived.frame(run.t);
  fresh.restore(run.snapshot);
  let waited = 0;
  while (fresh.focusPath() !== before.focus && waited < 120) {
    revived.frame(revived.t + FRAME_US);
    waited++;
  }
  const after = fresh.focusPath();
  console.log(`restored: screens [${before.screens.join(', ')}], focus after ${waited} frame(s)`);
  console.log(`focus before: ${before.focus}`);
  console.log(`focus after:  ${after}`);
  // Keys the crash interrupted go on in the new instance.
  revived.edges = edges;
  revived.next = edges.findIndex((e) => e.at > revived.t);
  if (revived.next < 0) revived.next = edges.length;
  revived.play(edges.slice(revived.next), o.advance, end);
  if (o.printFocus) console.log(fresh.focusPath() ?? '(nothing focused)');
  if (after !== before.focus) fail('the focus path after recovery differs from the one before the crash');
}

/** xorshift32: the same keys on every run. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
}

async function chaos(module, o) {
  const engine = await Engine.create(module, 'chaos');
  const next = rng(0xC0FFEE);
  const nav = [0, 1, 2, 3, 4];
  const seen = new Set();
  let frames = 0;
  let id = 1;
  try {
    for (let n = 0; n < 1000; n++) {
      const t = FRAME_US * (n + 1);
      if (n % 3 === 0) {
        const k = nav[next() % nav.length];
        engine.key(k, true, t);
        engine.key(k, false, t);
      }
      if (n % 10 === 0) {
        engine.deliver([{ type: 'message', topic: 'chaos.poke', body: {} },
          { type: 'request', id: id++, topic: 'chaos.ask', body: {} }]);
      }
      engine.frame(t);
      frames++;
      engine.takeOutbox();
      engine.takeErrors();
      const bytes = engine.takeStream();
      if (o.sink && bytes.length) appendFileSync(o.sink, bytes);
      const f = engine.focusPath();
      if (f) seen.add(f);
    }
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    console.log(`frames ${frames}, panics caught ${engine.panicsCaught()}`);
    fail(`trapped in frame ${frames + 1} (${e.message}; last panic: ${engine.lastPanic().replace(/\n/g, ' ')}): `
      + 'this bundle cannot unwind; use tenfoot_sample_eh.wasm for --chaos, or --crash-at for crash-only recovery');
  }
  const caught = engine.panicsCaught();
  console.log(`frames ${frames}, panics caught ${caught}`);
  console.log(`focus visited ${seen.size} elements; at the end: ${engine.focusPath() ?? '(nothing focused)'}`);
  if (caught === 0) fail('no panic was caught');
  if (seen.size < 5 || !engine.focusPath()) fail('navigation stopped');
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function bench(module, o) {
  const host = new CatalogHost(o.assets, 0);
  const run = new Run(await Engine.create(module, 'sample'), host, null);
  run.quiet = true;
  run.settle();
  // Home with its content, settled.
  run.play(keySession([4], run.t + FRAME_US), 2e6, run.t + FRAME_US + KEY_STEP_US);
  const e = run.engine;
  const timeFrame = (f) => { const s = performance.now(); f(); return performance.now() - s; };
  const moves = [];
  for (let i = 0; i < 40; i++) {
    const k = i % 2 === 0 ? 3 : 2; // Right, Left
    const t = run.t + FRAME_US;
    e.key(k, true, t);
    e.key(k, false, t);
    moves.push(timeFrame(() => { e.frame(t); e.takeStream(); }));
    run.t = t;
    run.play([], 500000, run.t); // let the move's animation end (not timed)
  }
  const fulls = [];
  for (let i = 0; i < 20; i++) {
    const t = run.t + FRAME_US;
    e.forceFull();
    fulls.push(timeFrame(() => { e.frame(t); e.takeStream(); }));
    run.t = t;
  }
  const move = median(moves);
  const full = median(fulls);
  console.log(`wasm_focus_move_ms ${move.toFixed(3)} ms`);
  console.log(`wasm_full_frame_ms ${full.toFixed(3)} ms`);
  console.log(`wasm_full_frame_bytes ${e.lastFrameBytes()} bytes`);
  console.log(`wasm_memory_pages ${e.pages()} pages`);
  console.log(`wasm_memory_mib ${(e.pages() / 16).toFixed(1)} MiB`);
  const native = o.native ?? resolve(here, '../../target/release/tenfoot-device-bench');
  if (!existsSync(native)) {
    console.log(`skipped: native figures: no ${native} (cargo build --release -p tenfoot-device --bin tenfoot-device-bench)`);
    return;
  }
  const out = spawnSync(native, [], { encoding: 'utf8' });
  if (out.status !== 0) fail(`native bench failed: ${out.stderr}`);
  const figures = Object.fromEntries(out.stdout.trim().split('\n').map((l) => l.split(' ')).map(([k, v]) => [k, Number(v)]));
  process.stdout.write(out.stdout);
  console.log(`wasm_vs_native_focus_move ${(move / figures.native_focus_move_ms).toFixed(2)} x`);
  console.log(`wasm_vs_native_full_frame ${(full / figures.native_full_frame_ms).toFixed(2)} x`);
}

main().catch((e) => fail(e.stack ?? String(e)));
