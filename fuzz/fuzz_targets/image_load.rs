//! Fuzzes image loading: arbitrary bytes through `decode_image` (format sniffing, PNG and JPEG
//! decoders, the bomb limits, premultiplication). Decoding must never panic nor allocate past
//! `MAX_IMAGE_ALLOC` (libFuzzer's `-rss_limit_mb` in `scripts/fuzz.sh` catches that), and an
//! accepted image must be within `MAX_IMAGE_SIDE` with premultiplied pixels.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tenfoot_cpu::decode_image;
use tenfoot_renderer::MAX_IMAGE_SIDE;

fuzz_target!(|data: &[u8]| {
    if let Ok(pixmap) = decode_image("fuzz", data) {
        assert!(pixmap.width() <= MAX_IMAGE_SIDE && pixmap.height() <= MAX_IMAGE_SIDE);
        for px in pixmap.data().chunks_exact(4) {
            assert!(px[0] <= px[3] && px[1] <= px[3] && px[2] <= px[3], "not premultiplied: {px:?}");
        }
    }
});
