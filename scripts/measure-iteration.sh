#!/usr/bin/env bash
# Measures build and iteration times on this machine (debug builds) and prints one
# `name value unit` line per figure, medians of several runs:
#
#   clean_build_s      cargo build --workspace --examples into an empty target dir
#                      (crates already downloaded; a separate dir, so yours is untouched)
#   rebuild_widget_s   cargo build --example hello after adding a function to a widget file
#   rebuild_example_s  cargo build --example hello after changing a colour in examples/hello.rs
#   edit_to_pixels_s   `cargo run --example hello -- --watch` under Xvfb: from writing a colour
#                      change into examples/hello.rs to that colour on screen (import -window root)
#
# Usage: scripts/measure-iteration.sh [--runs N] [--skip-clean] [--skip-pixels]
# Needs for edit_to_pixels: Xvfb, xdotool, imagemagick's `import` (skipped, saying so, without).
# Every edited file is restored exactly, also on Ctrl-C or failure. Lines starting with `#` are
# notes (machine load, single samples).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=3
skip_clean=0
skip_pixels=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --skip-clean) skip_clean=1; shift ;;
    --skip-pixels) skip_pixels=1; shift ;;
    *) echo "usage: $0 [--runs N] [--skip-clean] [--skip-pixels]" >&2; exit 2 ;;
  esac
done

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
example=examples/hello.rs
widget=widgets/src/button.rs
work=$(mktemp -d /tmp/tenfoot-measure.XXXXXX)
cp "$example" "$work/example.orig"
cp "$widget" "$work/widget.orig"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  cp "$work/example.orig" "$root/$example"
  cp "$work/widget.orig" "$root/$widget"
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l | xargs printf '%.2f'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
note() { echo "# $*"; }
timed() { local t0; t0=$(now); "$@" >/dev/null 2>"$work/build.log" || { cat "$work/build.log" >&2; return 1; }; since "$t0"; }

note "$(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); $(rustc --version)"

# The root column's background in hello: the colour the edits change.
anchor='.background(theme.background)'
grep -qF "$anchor" "$example" || { echo "$example no longer has \`$anchor\`; update this script" >&2; exit 1; }
colours=(2a6f3a 6f2a5c 2a4a6f 6f5a2a 3a2a6f)
set_colour() { # set_colour HEX: hello's background becomes Color::hex(0xHEX)
  sed "s/\.background(theme\.background)/.background(Color::hex(0x$1))/" "$work/example.orig" >"$example.tmp"
  mv "$example.tmp" "$example"
}

if [ "$skip_clean" = 0 ]; then
  clean_dir=$work/clean-target
  cpu_before=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat)
  t0=$(now)
  CARGO_TARGET_DIR=$clean_dir cargo build --workspace --examples >/dev/null 2>"$work/build.log" \
    || { cat "$work/build.log" >&2; exit 1; }
  echo "clean_build_s $(since "$t0") s"
  # CPU seconds of the build (this shell's waited-for children): comparable across runs even
  # when other work shares the machine, unlike the wall time.
  cpu_after=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat)
  rm -rf "$clean_dir"
  note "clean build: one run, $(( (cpu_after - cpu_before) / $(getconf CLK_TCK) )) CPU s (load now $(cut -d' ' -f1-3 /proc/loadavg))"
fi

# Warm the normal target dir first.
cargo build --example hello >/dev/null 2>&1 || cargo build --example hello

samples=()
for i in $(seq 1 "$runs"); do
  cp "$work/widget.orig" "$widget"
  printf '\n#[doc(hidden)]\npub fn measure_iteration_edit() -> u32 {\n    %d\n}\n' "$i$RANDOM" >>"$widget"
  samples+=("$(timed cargo build --example hello)")
done
cp "$work/widget.orig" "$widget"
cargo build --example hello >/dev/null 2>&1
note "rebuild_widget samples: ${samples[*]}"
echo "rebuild_widget_s $(echo "${samples[*]}" | median) s"

samples=()
for i in $(seq 1 "$runs"); do
  set_colour "${colours[$((i % ${#colours[@]}))]}"
  samples+=("$(timed cargo build --example hello)")
done
cp "$work/example.orig" "$example"
cargo build --example hello >/dev/null 2>&1
note "rebuild_example samples: ${samples[*]}"
echo "rebuild_example_s $(echo "${samples[*]}" | median) s"

pixels_skip() { echo "edit_to_pixels_s skipped: $*"; exit 0; }
[ "$skip_pixels" = 1 ] && pixels_skip "--skip-pixels"
for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || pixels_skip "$tool is not installed (apt-get install xvfb xdotool imagemagick)"
done
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

cargo run --example hello -- --watch >"$work/watch.log" 2>&1 &
pids+=($!)
timeout 60 xdotool search --sync --name "tenfoot preview" >/dev/null || pixels_skip "no preview window appeared"
# Without a window manager the window sits at 0,0; (10,10) is in hello's padding, the root
# column's background.
pixel() { import -window root -crop 1x1+10+10 -depth 8 txt:- 2>/dev/null | grep -o '#[0-9A-Fa-f]\{6\}' | head -1 | tr -d '#' | tr 'A-F' 'a-f'; }
wait_for() { # wait_for HEX TIMEOUT_S: true once the pixel shows HEX
  local deadline; deadline=$(echo "$(now) + $2" | bc -l)
  while [ "$(echo "$(now) < $deadline" | bc -l)" = 1 ]; do
    [ "$(pixel)" = "$1" ] && return 0
    sleep 0.02
  done
  return 1
}
original=""
for _ in $(seq 1 100); do original=$(pixel); [ -n "$original" ] && [ "$original" != 000000 ] && break; sleep 0.1; done
[ -n "$original" ] || pixels_skip "cannot read the screen"
samples=()
for i in $(seq 1 "$runs"); do
  colour=${colours[$((i % ${#colours[@]}))]}
  t0=$(now)
  set_colour "$colour"
  if wait_for "$colour" 60; then samples+=("$(since "$t0")"); else note "edit $i: $colour never showed"; fi
  # Back to the original, timed too: the same loop in the other direction.
  t0=$(now)
  cp "$work/example.orig" "$example"
  if wait_for "$original" 60; then samples+=("$(since "$t0")"); else note "revert $i: $original never showed"; fi
done
note "edit_to_pixels samples: ${samples[*]}"
note "watch log: $(grep -c restarted "$work/watch.log" || true) restarts; $(grep 'built in' "$work/watch.log" | tr '\n' ';')"
[ ${#samples[@]} -gt 0 ] || pixels_skip "the new colour never showed (see the watch log above)"
echo "edit_to_pixels_s $(echo "${samples[*]}" | median) s"
note "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
