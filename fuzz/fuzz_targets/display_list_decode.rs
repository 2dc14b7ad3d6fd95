//! Fuzzes the display-list decoder: whole streams, and the same bytes as one frame payload (so
//! mutations that break a record's length still reach the frame parser). Decoding must never
//! panic, and every frame it accepts must re-encode to a stream that decodes to the same list.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tenfoot_renderer::codec::{decode_stream, Decoder, Encoder, EncoderOptions, FrameInfo, StreamReader};

fuzz_target!(|data: &[u8]| {
    let mut reader = StreamReader::new(data);
    while let Some(Ok(frame)) = reader.next() {
        let info = FrameInfo { logical_size: frame.logical_size, background: frame.background };
        let mut enc = Encoder::new(EncoderOptions { deltas: false, keyframe_interval: 0 });
        match enc.encode_frame(&frame.list, &info, reader.decoder()) {
            Ok(encoded) => {
                let mut stream = Encoder::header().to_vec();
                stream.extend_from_slice(&encoded.bytes);
                let again = decode_stream(&stream).map(|mut f| f.remove(0).list);
                assert_eq!(again.as_ref(), Ok(&frame.list), "re-encoded frame decodes differently");
            }
            // Only a frame near the limits may be refused (re-encoding can add a few bytes).
            Err(e) => assert!(frame.list.len() > 10_000, "decoded frame cannot be re-encoded: {e}"),
        }
    }
    // The bytes after a stream header and record header, as a frame payload.
    let _ = Decoder::new().decode_frame(data.get(13..).unwrap_or_default(), 13);
    let _ = Decoder::joining().decode_frame(data, 0);
    // The same bytes as each 1.1 resource record (fonts, atlases, images, releases, video).
    for tag in 0x80..=0x84 {
        let _ = Decoder::new().decode_record(tag, data, 0);
    }
});
