//! The C ABI: plain `extern "C"` functions over linear memory, the same for a C host linking
//! the shared library and for JavaScript calling the wasm bundle's exports. Documented with
//! the memory rules in `docs/embedding.md`; `device/include/tenfoot.h` declares them.
//!
//! Memory ownership, in short:
//! - Bytes going in (app id, envelopes, snapshots, asset paths and bytes) live in buffers the
//!   host owns. From JavaScript, get them with `tf_alloc(len)` and give them back with
//!   `tf_free(ptr, len)`; a C host may pass any readable pointer. The engine copies what it
//!   keeps before returning; it never frees or keeps a host pointer.
//! - Bytes coming out (stream, outbox, focus path, snapshot, errors) are written to the
//!   engine's result buffer: a `tf_take_*` call returns their length and `tf_result_ptr(e)`
//!   their address, valid until the next call on that engine. Copy them out before calling again.
//! - An engine is created by `tf_create` and destroyed by `tf_destroy`; any other pointer is
//!   undefined behaviour, as in any C API (null is checked and refused).
//!
//! Errors: functions returning `i32` return 0 (or a count) on success and a negative code on
//! failure, with the message in `tf_last_error`. A panic that escapes the engine is caught
//! here when the target unwinds (the engine is then marked broken: every later call fails); on
//! an aborting target it traps, and the host recovers with a fresh instance and a snapshot.
//!
//! This is the only module of the workspace with `unsafe` code: turning host pointers into
//! slices and engines. Every block says why it is sound.

#![allow(unsafe_code, reason = "the C ABI reads host memory by pointer; each block has a SAFETY note")]

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::engine::{micros, Engine, EngineError};

/// An engine as the host holds it: the engine, its result buffer, and its last error.
pub struct Handle {
    engine: Engine,
    result: Vec<u8>,
    error: String,
    broken: bool,
}

/// The call succeeded.
pub const TF_OK: i32 = 0;
/// An argument was wrong (the message in `tf_last_error` names it).
pub const TF_ERR_ARGUMENT: i32 = -1;
/// The engine panicked in an earlier or this call and can no longer be used.
pub const TF_ERR_BROKEN: i32 = -2;
/// A null engine pointer.
pub const TF_ERR_NULL: i32 = -3;

thread_local! {
    /// The error of the last failed `tf_create`, and the last panic message (set by the panic
    /// hook, so still readable after an aborting bundle trapped).
    static GLOBAL: RefCell<(Vec<u8>, Vec<u8>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

fn install_panic_hook() {
    use std::sync::Once;
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let text = format!("{info}");
            GLOBAL.with(|g| {
                if let Ok(mut g) = g.try_borrow_mut() {
                    g.1 = text.into_bytes();
                }
            });
            // Natively the default hook prints to stderr; wasm32-unknown-unknown has no stderr.
            if cfg!(not(target_family = "wasm")) {
                previous(info);
            }
        }));
    });
}

/// The bytes at `ptr..ptr+len`, or an empty slice for a zero length.
///
/// # Safety
/// `ptr` must be valid for reads of `len` bytes for the duration of the call, or `len` zero.
unsafe fn bytes<'a>(ptr: *const u8, len: u32) -> &'a [u8] {
    if len == 0 || ptr.is_null() {
        return &[];
    }
    // SAFETY: the caller guarantees `ptr` is readable for `len` bytes during this call; the
    // slice does not outlive the call (every caller copies what it keeps).
    unsafe { std::slice::from_raw_parts(ptr, len as usize) }
}

/// The UTF-8 text at `ptr..ptr+len`.
///
/// # Safety
/// As [`bytes`].
unsafe fn text<'a>(ptr: *const u8, len: u32, what: &str) -> Result<&'a str, EngineError> {
    // SAFETY: forwarded contract of `bytes`.
    let b = unsafe { bytes(ptr, len) };
    std::str::from_utf8(b).map_err(|e| EngineError(format!("{what}: not UTF-8: {e}")))
}

/// Runs `f` on the engine behind `e`, catching a panic and recording errors.
fn with<R>(e: *mut Handle, fail: R, f: impl FnOnce(&mut Handle) -> Result<R, EngineError>) -> R
where
    R: Copy,
{
    let Some(h) = handle(e) else { return fail };
    if h.broken {
        h.error = "the engine panicked earlier and cannot be used; create a new one and restore a snapshot".into();
        return fail;
    }
    match catch_unwind(AssertUnwindSafe(|| f(h))) {
        Ok(Ok(r)) => r,
        Ok(Err(err)) => {
            h.error = err.0;
            fail
        }
        Err(payload) => {
            h.broken = true;
            h.error = format!("engine panicked: {}", tenfoot_toolkit::panic_message(payload.as_ref()));
            fail
        }
    }
}

/// The handle behind a host's pointer; `None` for null.
fn handle<'a>(e: *mut Handle) -> Option<&'a mut Handle> {
    if e.is_null() {
        return None;
    }
    // SAFETY: a non-null handle was made by `tf_create` (Box::into_raw) and not yet destroyed:
    // that is the API's contract. Calls on one engine are not concurrent (the engine is not
    // Send; a host uses it from one thread) and no call keeps the reference past its return,
    // so this is the only reference while it is used.
    Some(unsafe { &mut *e })
}

/// Puts `out` in the result buffer and returns its length.
fn result(h: &mut Handle, out: Vec<u8>) -> Result<u32, EngineError> {
    let len = u32::try_from(out.len()).map_err(|_| EngineError("result over 4 GiB".into()))?;
    h.result = out;
    Ok(len)
}

/// Allocates `len` zeroed bytes the host fills and passes to another call. Null when `len` is 0.
#[no_mangle]
pub extern "C" fn tf_alloc(len: u32) -> *mut u8 {
    if len == 0 {
        return std::ptr::null_mut();
    }
    let b: Box<[u8]> = vec![0u8; len as usize].into_boxed_slice();
    Box::into_raw(b).cast::<u8>()
}

/// Frees a buffer from [`tf_alloc`] with the same length.
///
/// # Safety
/// `ptr` must come from `tf_alloc(len)` with this `len`, and not be freed already.
#[no_mangle]
pub unsafe extern "C" fn tf_free(ptr: *mut u8, len: u32) {
    if ptr.is_null() || len == 0 {
        return;
    }
    // SAFETY: `ptr` and `len` describe a boxed slice made by `tf_alloc` (the caller's contract),
    // so rebuilding the box with the same layout and dropping it frees it exactly once.
    drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len as usize)) });
}

/// Creates an engine for app `app_id` (`sample` or `chaos`) on a `width` x `height` screen.
/// Null on failure, with the reason in `tf_create_error`.
///
/// # Safety
/// `app_id` must be readable for `app_id_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn tf_create(width: u32, height: u32, app_id: *const u8, app_id_len: u32) -> *mut Handle {
    install_panic_hook();
    // SAFETY: the caller's contract.
    let made = catch_unwind(|| {
        let id = unsafe { text(app_id, app_id_len, "app id") }?;
        Engine::new(width, height, id)
    });
    let failure = match made {
        Ok(Ok(engine)) => {
            let h = Handle { engine, result: Vec::new(), error: String::new(), broken: false };
            return Box::into_raw(Box::new(h));
        }
        Ok(Err(e)) => e.0,
        Err(p) => format!("creating the engine panicked: {}", tenfoot_toolkit::panic_message(p.as_ref())),
    };
    GLOBAL.with(|g| {
        if let Ok(mut g) = g.try_borrow_mut() {
            g.0 = failure.into_bytes();
        }
    });
    std::ptr::null_mut()
}

/// Why the last `tf_create` failed: its length; the text is at `tf_global_ptr(0)`.
#[no_mangle]
pub extern "C" fn tf_create_error() -> u32 {
    GLOBAL.with(|g| g.try_borrow().map(|g| g.0.len() as u32).unwrap_or(0))
}

/// The last panic message anywhere in this instance (set by the panic hook before an aborting
/// bundle traps, so a host can log why it crashed): its length; the text at `tf_global_ptr(1)`.
#[no_mangle]
pub extern "C" fn tf_last_panic() -> u32 {
    GLOBAL.with(|g| g.try_borrow().map(|g| g.1.len() as u32).unwrap_or(0))
}

/// Address of the create error (`which` 0) or the last panic message (`which` 1); valid until
/// the next `tf_create` or panic.
#[no_mangle]
pub extern "C" fn tf_global_ptr(which: u32) -> *const u8 {
    GLOBAL.with(|g| match g.try_borrow() {
        Ok(g) if which == 0 => g.0.as_ptr(),
        Ok(g) => g.1.as_ptr(),
        Err(_) => std::ptr::null(),
    })
}

/// Destroys an engine. Null is ignored.
///
/// # Safety
/// `e` must come from `tf_create` and not be destroyed already; no call may use it afterwards.
#[no_mangle]
pub unsafe extern "C" fn tf_destroy(e: *mut Handle) {
    if e.is_null() {
        return;
    }
    // SAFETY: `e` was made by Box::into_raw in `tf_create` and is destroyed once (the contract).
    let h = unsafe { Box::from_raw(e) };
    let _ = catch_unwind(AssertUnwindSafe(move || drop(h)));
}

/// Address of the engine's result buffer (what the last `tf_take_*`, `tf_focus_path`,
/// `tf_snapshot` or `tf_last_error` put there), valid until the next call on this engine.
#[no_mangle]
pub extern "C" fn tf_result_ptr(e: *mut Handle) -> *const u8 {
    with(e, std::ptr::null(), |h| Ok(h.result.as_ptr()))
}

/// The last error message on this engine: its length, the text in the result buffer.
#[no_mangle]
pub extern "C" fn tf_last_error(e: *mut Handle) -> u32 {
    // Reads the error even of a broken engine.
    let Some(h) = handle(e) else { return 0 };
    h.result = h.error.clone().into_bytes();
    h.result.len() as u32
}

/// A remote key edge: `key` is the index in the key table (0 Up, 1 Down, 2 Left, 3 Right,
/// 4 Select, 5 Back, 6 Menu, 7 PlayPause, 8 Rewind, 9 FastForward, 10 Delete), `pressed` 1 for press and
/// 0 for release, `at_us` the host's time in microseconds.
#[no_mangle]
pub extern "C" fn tf_key(e: *mut Handle, key: u32, pressed: u32, at_us: f64) -> i32 {
    with(e, TF_ERR_ARGUMENT, |h| {
        let at = micros(at_us)?;
        h.engine.key_code(key, pressed != 0, at)?;
        Ok(TF_OK)
    })
}

/// Runs the frame at `now_us`. Returns flags: 1 a frame record was written to the stream,
/// 2 it is a full frame, 4 an animation runs (ask for the next frame soon), 8 the frame
/// reported errors (`tf_take_errors`). Negative on failure.
#[no_mangle]
pub extern "C" fn tf_frame(e: *mut Handle, now_us: f64) -> i32 {
    with(e, TF_ERR_BROKEN, |h| {
        let now = micros(now_us)?;
        let out = h.engine.frame(now);
        Ok(i32::from(out.painted)
            | i32::from(out.full) << 1
            | i32::from(out.animating) << 2
            | i32::from(out.errors > 0) << 3)
    })
}

/// When the app next needs a frame, in host microseconds; -1 when only a key can wake it.
#[no_mangle]
pub extern "C" fn tf_next_wakeup(e: *mut Handle) -> f64 {
    with(e, -1.0, |h| Ok(h.engine.next_wakeup().map(|d| d.as_micros() as f64).unwrap_or(-1.0)))
}

/// Stream bytes since the last take (header first): their length; bytes at `tf_result_ptr`.
#[no_mangle]
pub extern "C" fn tf_take_stream(e: *mut Handle) -> u32 {
    with(e, 0, |h| {
        let out = h.engine.take_stream();
        result(h, out)
    })
}

/// Makes the next frame full and repaints everything.
#[no_mangle]
pub extern "C" fn tf_force_full(e: *mut Handle) -> i32 {
    with(e, TF_ERR_BROKEN, |h| {
        h.engine.force_full();
        Ok(TF_OK)
    })
}

/// The envelopes the app sent, as a JSON array: its length; text at `tf_result_ptr`.
#[no_mangle]
pub extern "C" fn tf_take_outbox(e: *mut Handle) -> u32 {
    with(e, 0, |h| {
        let out = h.engine.take_outbox().into_bytes();
        result(h, out)
    })
}

/// Delivers one JSON envelope or an array of them for the next frame. Returns how many.
///
/// # Safety
/// `json` must be readable for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn tf_deliver(e: *mut Handle, json: *const u8, len: u32) -> i32 {
    with(e, TF_ERR_ARGUMENT, |h| {
        // SAFETY: the caller's contract; the text is parsed (copied) before returning.
        let text = unsafe { text(json, len, "envelope") }?;
        Ok(h.engine.deliver(text)? as i32)
    })
}

/// Registers asset bytes (an image, data) under `path`.
///
/// # Safety
/// `path` readable for `path_len` bytes, `data` for `data_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn tf_register_asset(
    e: *mut Handle,
    path: *const u8,
    path_len: u32,
    data: *const u8,
    data_len: u32,
) -> i32 {
    with(e, TF_ERR_ARGUMENT, |h| {
        // SAFETY: the caller's contract; both are copied by `register_asset`.
        let (path, data) = unsafe { (text(path, path_len, "asset path")?, bytes(data, data_len)) };
        h.engine.register_asset(path, data)?;
        Ok(TF_OK)
    })
}

/// Registers a font file under `path` and loads it.
///
/// # Safety
/// As [`tf_register_asset`].
#[no_mangle]
pub unsafe extern "C" fn tf_register_font(
    e: *mut Handle,
    path: *const u8,
    path_len: u32,
    data: *const u8,
    data_len: u32,
) -> i32 {
    with(e, TF_ERR_ARGUMENT, |h| {
        // SAFETY: the caller's contract; both are copied by `register_font`.
        let (path, data) = unsafe { (text(path, path_len, "font path")?, bytes(data, data_len)) };
        h.engine.register_font(path, data)?;
        Ok(TF_OK)
    })
}

/// The focus path: its length (0 when nothing is focused); text at `tf_result_ptr`.
#[no_mangle]
pub extern "C" fn tf_focus_path(e: *mut Handle) -> u32 {
    with(e, 0, |h| {
        let out = h.engine.focus_path().unwrap_or_default().into_bytes();
        result(h, out)
    })
}

/// A state snapshot as JSON: its length; text at `tf_result_ptr`.
#[no_mangle]
pub extern "C" fn tf_snapshot(e: *mut Handle) -> u32 {
    with(e, 0, |h| {
        let out = h.engine.snapshot().into_bytes();
        result(h, out)
    })
}

/// Restores a snapshot (from `tf_snapshot` of an engine of the same app).
///
/// # Safety
/// `json` must be readable for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn tf_restore(e: *mut Handle, json: *const u8, len: u32) -> i32 {
    with(e, TF_ERR_ARGUMENT, |h| {
        // SAFETY: the caller's contract; parsed before returning.
        let text = unsafe { text(json, len, "snapshot") }?;
        h.engine.restore(text)?;
        Ok(TF_OK)
    })
}

/// Frame errors since the last take, one per line: the length; text at `tf_result_ptr`.
#[no_mangle]
pub extern "C" fn tf_take_errors(e: *mut Handle) -> u32 {
    with(e, 0, |h| {
        let out = h.engine.take_errors().into_bytes();
        result(h, out)
    })
}

/// Panics caught at the app's boundaries so far.
#[no_mangle]
pub extern "C" fn tf_panics_caught(e: *mut Handle) -> f64 {
    with(e, -1.0, |h| Ok(h.engine.panics_caught() as f64))
}

/// Frames run so far.
#[no_mangle]
pub extern "C" fn tf_frames(e: *mut Handle) -> f64 {
    with(e, -1.0, |h| Ok(h.engine.frames() as f64))
}

/// Size in bytes of the last frame record written to the stream.
#[no_mangle]
pub extern "C" fn tf_last_frame_bytes(e: *mut Handle) -> u32 {
    with(e, 0, |h| Ok(h.engine.last_frame_bytes() as u32))
}

/// Makes the app panic in its `n`-th frame from now (a crash drill; see `Engine::panic_in_frame`).
#[no_mangle]
pub extern "C" fn tf_panic_in_frame(e: *mut Handle, n: u32) -> i32 {
    with(e, TF_ERR_BROKEN, |h| {
        h.engine.panic_in_frame(u64::from(n));
        Ok(TF_OK)
    })
}

/// Pops one key press nothing handled (Back on the bottom screen: leave the app): the key
/// code, or -1 when none is left.
#[no_mangle]
pub extern "C" fn tf_take_unhandled(e: *mut Handle) -> i32 {
    with(e, -1, |h| Ok(h.engine.pop_unhandled().map(key_index).unwrap_or(-1)))
}

fn key_index(k: tenfoot_toolkit::RemoteKey) -> i32 {
    tenfoot_toolkit::RemoteKey::ALL.iter().position(|x| *x == k).map(|i| i as i32).unwrap_or(-1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create(id: &str) -> *mut Handle {
        // SAFETY: a valid string slice.
        unsafe { tf_create(1920, 1080, id.as_ptr(), id.len() as u32) }
    }

    fn read(e: *mut Handle, len: u32) -> String {
        let p = tf_result_ptr(e);
        // SAFETY: the result buffer holds `len` bytes until the next call on `e`.
        String::from_utf8_lossy(unsafe { bytes(p, len) }).into_owned()
    }

    #[test]
    fn the_c_abi_drives_an_engine_and_reports_bad_arguments() {
        assert!(create("nope").is_null());
        // SAFETY: the create error is a valid buffer of that length.
        let why = String::from_utf8_lossy(unsafe { bytes(tf_global_ptr(0), tf_create_error()) }).into_owned();
        assert!(why.contains("unknown app id `nope`"), "{why}");

        let e = create("sample");
        assert!(!e.is_null());
        assert_eq!(tf_frame(e, 0.0) & 1, 1, "the first frame paints");
        let n = tf_take_stream(e);
        assert!(read(e, n).starts_with("TFDL"));
        let n = tf_take_outbox(e);
        assert!(read(e, n).contains("catalog.profiles"), "{}", read(e, n));
        assert_eq!(tf_key(e, 42, 1, 0.0), TF_ERR_ARGUMENT);
        let n = tf_last_error(e);
        assert!(read(e, n).contains("key code 42"));
        assert_eq!(tf_frame(e, f64::NAN), TF_ERR_BROKEN);
        let bad = b"{\"type\":\"shout\"}";
        // SAFETY: a valid buffer.
        assert_eq!(unsafe { tf_deliver(e, bad.as_ptr(), bad.len() as u32) }, TF_ERR_ARGUMENT);
        let p = tf_alloc(4);
        // SAFETY: from tf_alloc(4).
        unsafe { tf_free(p, 4) };
        assert_eq!(tf_frame(std::ptr::null_mut(), 0.0), TF_ERR_BROKEN);
        // SAFETY: made by tf_create, destroyed once.
        unsafe { tf_destroy(e) };
    }
}
