//! The primitive values of the wire format: the command, radii and frame-kind tags, LEB128
//! varints, compact floats, colours and strings, and a bounds-checked [`Reader`] that names the
//! byte offset of every failure.
//!
//! Every multi-byte fixed-width value is little-endian. Each value has exactly one valid
//! encoding (no overlong varints, no raw float that could have been an integer), so decoding
//! then re-encoding gives the same bytes.

use super::{DecodeError, DecodeErrorKind};
use crate::geom::Color;

// Command tags. Stable wire values: never renumber, only add.
pub(crate) const TAG_FILL_RECT: u8 = 0x01;
pub(crate) const TAG_LINEAR_GRADIENT: u8 = 0x02;
pub(crate) const TAG_BORDER: u8 = 0x03;
pub(crate) const TAG_BOX_SHADOW: u8 = 0x04;
pub(crate) const TAG_IMAGE: u8 = 0x05;
pub(crate) const TAG_GLYPH_RUN: u8 = 0x06;
pub(crate) const TAG_PUSH_CLIP: u8 = 0x07;
pub(crate) const TAG_POP_CLIP: u8 = 0x08;
pub(crate) const TAG_PUSH_OPACITY: u8 = 0x09;
pub(crate) const TAG_POP_OPACITY: u8 = 0x0a;
pub(crate) const TAG_PUSH_TRANSFORM: u8 = 0x0b;
pub(crate) const TAG_POP_TRANSFORM: u8 = 0x0c;

// Corner radii forms.
pub(crate) const RADII_ZERO: u8 = 0;
pub(crate) const RADII_UNIFORM: u8 = 1;
pub(crate) const RADII_EACH: u8 = 2;

pub(crate) const KIND_FULL: u8 = 0;
pub(crate) const KIND_DELTA: u8 = 1;

/// Integers with magnitude up to this are exact in `f32` and use the short float form.
const MAX_INT_FLOAT: f32 = 16_777_216.0;

pub(crate) fn put_u8(out: &mut Vec<u8>, v: u8) {
    out.push(v);
}

pub(crate) fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A signed integer as the varint of its zigzag form (`0, -1, 1, -2, ...` -> `0, 1, 2, 3, ...`).
pub(crate) fn put_zvarint(out: &mut Vec<u8>, v: i64) {
    put_varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// Unsigned LEB128: seven bits per byte, low group first, high bit set on all but the last.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// True when `v` is encoded in the short (integer) float form.
fn is_short_float(v: f32) -> bool {
    v.is_finite() && v.trunc() == v && v.abs() <= MAX_INT_FLOAT && !(v == 0.0 && v.is_sign_negative())
}

/// A compact float: integral values (most layout coordinates) as the varint
/// `zigzag(n) << 1`, anything else as the varint `1` and the four raw little-endian bytes.
/// Callers check finiteness first; the encoder never writes NaN or infinity.
pub(crate) fn put_f32(out: &mut Vec<u8>, v: f32) {
    if is_short_float(v) {
        let n = v as i64;
        let zz = ((n << 1) ^ (n >> 63)) as u64;
        put_varint(out, zz << 1);
    } else {
        out.push(1);
        out.extend_from_slice(&v.to_le_bytes());
    }
}

/// A raw little-endian `f32`, four bytes (glyph positions, which are rarely integral).
pub(crate) fn put_raw_f32(out: &mut Vec<u8>, v: f32) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn put_color(out: &mut Vec<u8>, c: Color) {
    out.extend_from_slice(&[c.r, c.g, c.b, c.a]);
}

/// A varint byte length and the UTF-8 bytes.
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over untrusted bytes. `base` is the absolute offset of `data[0]` in the stream, so
/// errors from nested readers (a chunk inside a frame) still name stream offsets.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    base: u64,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(data: &'a [u8], base: u64) -> Self {
        Self { data, pos: 0, base }
    }

    /// The absolute offset of the next byte.
    pub(crate) fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    pub(crate) fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    pub(crate) fn error(&self, kind: DecodeErrorKind, message: impl Into<String>) -> DecodeError {
        DecodeError { offset: self.offset(), kind, message: message.into() }
    }

    pub(crate) fn error_at(&self, offset: u64, kind: DecodeErrorKind, message: impl Into<String>) -> DecodeError {
        DecodeError { offset, kind, message: message.into() }
    }

    pub(crate) fn bytes(&mut self, n: usize, what: &str) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        match end.and_then(|e| self.data.get(self.pos..e)) {
            Some(s) => {
                self.pos += n;
                Ok(s)
            }
            None => Err(self.error(
                DecodeErrorKind::Truncated,
                format!("truncated {what}: needs {n} bytes, {} left", self.remaining()),
            )),
        }
    }

    /// A nested reader over the next `n` bytes, which this reader skips.
    pub(crate) fn sub(&mut self, n: usize, what: &str) -> Result<Reader<'a>, DecodeError> {
        let base = self.offset();
        let data = self.bytes(n, what)?;
        Ok(Reader::new(data, base))
    }

    pub(crate) fn u8(&mut self, what: &str) -> Result<u8, DecodeError> {
        let b = self.bytes(1, what)?;
        b.first().copied().ok_or_else(|| self.error(DecodeErrorKind::Truncated, format!("truncated {what}")))
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], DecodeError> {
        let b = self.bytes(N, what)?;
        let mut a = [0u8; N];
        a.copy_from_slice(b);
        Ok(a)
    }

    pub(crate) fn u16(&mut self, what: &str) -> Result<u16, DecodeError> {
        self.array::<2>(what).map(u16::from_le_bytes)
    }

    pub(crate) fn u32(&mut self, what: &str) -> Result<u32, DecodeError> {
        self.array::<4>(what).map(u32::from_le_bytes)
    }

    pub(crate) fn u64(&mut self, what: &str) -> Result<u64, DecodeError> {
        self.array::<8>(what).map(u64::from_le_bytes)
    }

    /// A zigzag varint (see [`put_zvarint`]) whose magnitude is at most `max`.
    pub(crate) fn zvarint(&mut self, what: &str, max: u64) -> Result<i64, DecodeError> {
        let start = self.offset();
        let z = self.varint(what)?;
        let v = (z >> 1) as i64 ^ -((z & 1) as i64);
        if v.unsigned_abs() > max {
            return Err(self.error_at(start, DecodeErrorKind::LimitExceeded, format!("{what} {v} is over ±{max}")));
        }
        Ok(v)
    }

    /// A LEB128 varint of at most 64 bits, refusing overlong forms.
    pub(crate) fn varint(&mut self, what: &str) -> Result<u64, DecodeError> {
        let start = self.offset();
        let mut v: u64 = 0;
        for i in 0..10u32 {
            let b = self.u8(what)?;
            let bits = u64::from(b & 0x7f);
            if i == 9 && b > 1 {
                return Err(self.error_at(start, DecodeErrorKind::Malformed, format!("{what}: varint over 64 bits")));
            }
            v |= bits << (7 * i);
            if b & 0x80 == 0 {
                if i > 0 && b == 0 {
                    return Err(self.error_at(start, DecodeErrorKind::Malformed, format!("{what}: overlong varint")));
                }
                return Ok(v);
            }
        }
        Err(self.error_at(start, DecodeErrorKind::Malformed, format!("{what}: varint longer than 10 bytes")))
    }

    /// A varint that must be at most `max`; `what` names it in the error.
    pub(crate) fn count(&mut self, what: &str, max: u64) -> Result<u64, DecodeError> {
        let start = self.offset();
        let v = self.varint(what)?;
        if v > max {
            return Err(self.error_at(
                start,
                DecodeErrorKind::LimitExceeded,
                format!("{what} {v} is over the limit {max}"),
            ));
        }
        Ok(v)
    }

    /// A count of items that each take at least `min_item_bytes`: checked against the limit and
    /// against the bytes left, so a huge count can never drive a huge allocation.
    pub(crate) fn item_count(&mut self, what: &str, max: usize, min_item_bytes: usize) -> Result<usize, DecodeError> {
        let start = self.offset();
        let n = self.count(what, max as u64)? as usize;
        if n.saturating_mul(min_item_bytes) > self.remaining() {
            return Err(self.error_at(
                start,
                DecodeErrorKind::Truncated,
                format!("{what} {n} needs more bytes than the {} left", self.remaining()),
            ));
        }
        Ok(n)
    }

    /// A varint that must fit in `u32`.
    pub(crate) fn u32_varint(&mut self, what: &str) -> Result<u32, DecodeError> {
        Ok(self.count(what, u64::from(u32::MAX))? as u32)
    }

    /// A compact float (see [`put_f32`]); NaN, infinity and non-canonical forms are errors.
    pub(crate) fn f32(&mut self, what: &str) -> Result<f32, DecodeError> {
        let start = self.offset();
        let u = self.varint(what)?;
        if u & 1 == 0 {
            let zz = u >> 1;
            let n = (zz >> 1) as i64 ^ -((zz & 1) as i64);
            if n.unsigned_abs() > MAX_INT_FLOAT as u64 {
                return Err(self.error_at(
                    start,
                    DecodeErrorKind::BadFloat,
                    format!("{what}: integer {n} out of range"),
                ));
            }
            return Ok(n as f32);
        }
        if u != 1 {
            return Err(self.error_at(start, DecodeErrorKind::Malformed, format!("{what}: unknown float form {u}")));
        }
        let v = f32::from_le_bytes(self.array::<4>(what)?);
        if !v.is_finite() {
            return Err(self.error_at(start, DecodeErrorKind::BadFloat, format!("{what} is not finite ({v})")));
        }
        if is_short_float(v) {
            return Err(self.error_at(
                start,
                DecodeErrorKind::Malformed,
                format!("{what}: {v} should use the short form"),
            ));
        }
        Ok(v)
    }

    /// A raw little-endian `f32` that must be finite.
    pub(crate) fn raw_f32(&mut self, what: &str) -> Result<f32, DecodeError> {
        let start = self.offset();
        let v = f32::from_le_bytes(self.array::<4>(what)?);
        if !v.is_finite() {
            return Err(self.error_at(start, DecodeErrorKind::BadFloat, format!("{what} is not finite ({v})")));
        }
        Ok(v)
    }

    pub(crate) fn color(&mut self, what: &str) -> Result<Color, DecodeError> {
        let [r, g, b, a] = self.array::<4>(what)?;
        Ok(Color { r, g, b, a })
    }

    /// A length-prefixed UTF-8 string of at most `max` bytes.
    pub(crate) fn string(&mut self, what: &str, max: usize) -> Result<String, DecodeError> {
        let n = self.count(what, max as u64)? as usize;
        let start = self.offset();
        let bytes = self.bytes(n, what)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(self.error_at(start, DecodeErrorKind::Malformed, format!("{what} is not valid UTF-8"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_and_refuse_overlong_forms() {
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            assert_eq!(Reader::new(&out, 0).varint("v"), Ok(v));
        }
        let overlong = [0x80, 0x00];
        assert_eq!(Reader::new(&overlong, 0).varint("v").map_err(|e| e.kind), Err(DecodeErrorKind::Malformed));
        let too_long = [0xff; 11];
        assert!(Reader::new(&too_long, 0).varint("v").is_err());
    }

    #[test]
    fn floats_round_trip_bit_exact() {
        for v in [0.0f32, -0.0, 1.0, -1.0, 0.5, 1920.0, -16_777_216.0, 16_777_218.0, 1e-30, 12.345] {
            let mut out = Vec::new();
            put_f32(&mut out, v);
            let back = Reader::new(&out, 0).f32("v");
            assert_eq!(back.map(f32::to_bits), Ok(v.to_bits()), "{v}");
        }
        let mut one = Vec::new();
        put_f32(&mut one, 3.0);
        assert_eq!(one, vec![12]);
    }

    #[test]
    fn nan_and_non_canonical_floats_are_refused() {
        let mut nan = vec![1];
        nan.extend_from_slice(&f32::NAN.to_le_bytes());
        assert_eq!(Reader::new(&nan, 0).f32("x").map_err(|e| e.kind), Err(DecodeErrorKind::BadFloat));
        let mut raw_int = vec![1];
        raw_int.extend_from_slice(&2.0f32.to_le_bytes());
        assert_eq!(Reader::new(&raw_int, 0).f32("x").map_err(|e| e.kind), Err(DecodeErrorKind::Malformed));
    }
}
