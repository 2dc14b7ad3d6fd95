#!/usr/bin/env bash
# Runs every cargo-fuzz target for a bounded time: scripts/fuzz.sh [SECONDS per target, default 60].
# Targets: display_list_decode (the stream decoder), image_load (PNG/JPEG decoding within the
# bomb limits), markup_load (the screen loader), stream_render (decoded streams drawn by the CPU
# backend), markup_render (a markup screen mounted, run and drawn), and any other target in
# fuzz/Cargo.toml. Each runs with -rss_limit_mb=2048, so a memory blow-up counts as a crash.
# stream_render also starts from display_list_decode's seeds, markup_* from assets/screens/.
# Seeds come from fuzz/corpus/<target>/
# (committed, small: recorded from the examples, or made by scripts/make_fuzz_seeds.py); new
# inputs go to fuzz/target/corpus/<target>/ (ignored). A crash fails the script and leaves its
# input in fuzz/artifacts/<target>/: turn it into a regression test beside the code it broke
# (renderer/src/codec/tests.rs for the decoder, renderer/src/images.rs for images).
# Total time: about SECONDS per target plus one build.
# Prints "skipped: ..." and exits 0 when nightly Rust or cargo-fuzz is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "skipped: no nightly toolchain (rustup toolchain install nightly)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "skipped: cargo-fuzz is not installed (cargo install cargo-fuzz)"
  exit 0
fi

# The fuzz crate has its own workspace and target dir; a shared CARGO_TARGET_DIR would mix
# sanitizer builds with normal ones.
unset CARGO_TARGET_DIR
cd fuzz
for target in $(cargo +nightly fuzz list); do
  work="target/corpus/$target"
  mkdir -p "$work" "corpus/$target"
  extra=""
  case "$target" in
    stream_render) extra="corpus/display_list_decode" ;;
    markup_load | markup_render) extra="../assets/screens" ;;
  esac
  echo "fuzzing $target for ${seconds}s"
  # shellcheck disable=SC2086 # $extra is one folder or nothing
  cargo +nightly fuzz run "$target" "$work" "corpus/$target" $extra -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1
done
