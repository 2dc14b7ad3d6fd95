#!/usr/bin/env bash
# Builds the sample app as WebAssembly bundles (the tenfoot-device engine and its C ABI):
#   target/wasm/tenfoot_sample.wasm     stable Rust, panic = "abort": a panic traps the
#                                       instance; the host recovers it (crash-only).
#   target/wasm/tenfoot_sample_eh.wasm  nightly, std rebuilt with unwinding and wasm exception
#                                       handling (legacy encoding, which Node 20 accepts), so
#                                       every catch_unwind boundary works as it does natively.
# and prints each one's size, raw and gzipped. A bundle whose toolchain is missing is skipped
# with `skipped: why` (exit 0), as CI expects. Usage: scripts/wasm.sh [stable|eh|both]
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}
out=target/wasm
mkdir -p "$out"
target=wasm32-unknown-unknown

size() {
  local f=$1 raw gz
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  printf '%s: %d bytes raw, %d bytes gzip (%.1f MiB, %.1f MiB)\n' "$f" "$raw" "$gz" \
    "$(echo "$raw / 1048576" | bc -l)" "$(echo "$gz / 1048576" | bc -l)"
}

has_target() { # toolchain
  rustup "+$1" target list --installed 2>/dev/null | grep -qx "$target"
}

if [ "$which" = stable ] || [ "$which" = both ]; then
  if ! command -v rustup >/dev/null 2>&1; then
    echo "skipped: tenfoot_sample.wasm: rustup not found"
  elif ! has_target stable; then
    echo "skipped: tenfoot_sample.wasm: the $target target is not installed (rustup target add $target)"
  else
    # Own target dir: the two bundles use different compilers and std builds.
    CARGO_TARGET_DIR=target/wasm-stable cargo +stable build -p tenfoot-device --lib --release --target "$target" \
      --config 'profile.release.panic="abort"'
    cp target/wasm-stable/$target/release/tenfoot_device.wasm "$out/tenfoot_sample.wasm"
    size "$out/tenfoot_sample.wasm"
  fi
fi

if [ "$which" = eh ] || [ "$which" = both ]; then
  if ! command -v rustup >/dev/null 2>&1 || ! rustup toolchain list | grep -q '^nightly'; then
    echo "skipped: tenfoot_sample_eh.wasm: no nightly toolchain (rustup toolchain install nightly)"
  elif ! has_target nightly; then
    echo "skipped: tenfoot_sample_eh.wasm: nightly has no $target target (rustup +nightly target add $target)"
  elif ! rustup +nightly component list --installed 2>/dev/null | grep -q '^rust-src'; then
    echo "skipped: tenfoot_sample_eh.wasm: nightly has no rust-src (rustup +nightly component add rust-src)"
  else
    RUSTFLAGS="-Cpanic=unwind -Ctarget-feature=+exception-handling -Cllvm-args=-wasm-use-legacy-eh" \
      CARGO_TARGET_DIR=target/wasm-eh cargo +nightly build -Zbuild-std=std,panic_unwind \
      -p tenfoot-device --lib --release --target "$target" --config 'profile.release.panic="unwind"'
    cp target/wasm-eh/$target/release/tenfoot_device.wasm "$out/tenfoot_sample_eh.wasm"
    size "$out/tenfoot_sample_eh.wasm"
  fi
fi
