#!/usr/bin/env bash
# The device checks: the wasm bundles (scripts/wasm.sh builds them) run in Node through
# device/node/host.mjs and must behave as the native app does:
#   1. same focus path as `tenfoot --latency 0 --keys "Select Right Right" --print-focus`;
#   2. the stream host.mjs writes replays (tenfoot-replay) to a last frame byte-identical to
#      `tenfoot --latency 0 --keys "Select Right Right" --advance 1s --screenshot`;
#   3. --chaos on the unwinding bundle: 1,000 frames, panics caught, navigation goes on;
#   4. --crash-at on the aborting bundle: the trap is recovered, the focus path is the same;
#   5. the host keeps Continue Watching: play the hero, back to the profiles, in again: the
#      refetched home has the hero's title first, the last frame identical to the native app's.
# Each check that cannot run prints `skipped: why`. Exit 1 on the first failed check.
set -euo pipefail
cd "$(dirname "$0")/.."
abort=target/wasm/tenfoot_sample.wasm
eh=target/wasm/tenfoot_sample_eh.wasm
keys="Select Right Right"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v node >/dev/null 2>&1; then
  echo "skipped: device checks: node is not installed"
  exit 0
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "skipped: device checks: node $major is older than 20"
  exit 0
fi

cargo build -q -p tenfoot --bin tenfoot -p tenfoot-preview --bin tenfoot-replay
tenfoot=target/debug/tenfoot
replay=target/debug/tenfoot-replay

for bundle in "$abort" "$eh"; do
  if [ ! -f "$bundle" ]; then
    echo "skipped: $bundle: not built (scripts/wasm.sh says why)"
    continue
  fi
  name=$(basename "$bundle" .wasm)
  want=$("$tenfoot" --latency 0 --keys "$keys" --print-focus)
  got=$(node device/node/host.mjs "$bundle" --keys "$keys" --sink "$work/$name.tfdl" --print-focus)
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: focus path \`$got\`, native \`$want\`"
    exit 1
  fi
  echo "ok $name: focus path $got"
  "$tenfoot" --latency 0 --keys "$keys" --advance 1s --screenshot "$work/native.png"
  "$replay" "$work/$name.tfdl" --out "$work/$name" >/dev/null
  last=$(ls "$work/$name"/frame-*.png | sort | tail -n 1)
  if ! cmp -s "$last" "$work/native.png"; then
    echo "FAIL $name: the replayed last frame $(basename "$last") differs from the native screenshot"
    exit 1
  fi
  echo "ok $name: replayed last frame ($(ls "$work/$name" | wc -l) frames) is identical to the native screenshot"
done

if [ -f "$eh" ]; then
  node device/node/host.mjs "$eh" --chaos | sed 's/^/ok chaos: /'
else
  echo "skipped: --chaos: $eh not built"
fi

if [ -f "$abort" ]; then
  out=$(node device/node/host.mjs "$abort" --keys "$keys" --crash-at 80)
  echo "$out" | sed 's/^/   /'
  grep -q 'trapped' <<<"$out" || { echo "FAIL crash-at: the aborting bundle did not trap"; exit 1; }
  echo "ok crash-at: recovered with the same focus path"
else
  echo "skipped: --crash-at: $abort not built"
fi

# 5. watch.progress: the Node host stores it as the native SimHost does, so the home fetched
# after watching has the watched title first in Continue Watching.
watch_keys="Select Select Back Back Select Down"
if [ -f "$abort" ]; then
  "$tenfoot" --latency 0 --keys "$watch_keys" --advance 1s --screenshot "$work/native-watch.png"
  node device/node/host.mjs "$abort" --keys "$watch_keys" --sink "$work/watch.tfdl" >/dev/null
  "$replay" "$work/watch.tfdl" --out "$work/watch" >/dev/null
  last=$(ls "$work/watch"/frame-*.png | sort | tail -n 1)
  if ! cmp -s "$last" "$work/native-watch.png"; then
    echo "FAIL watch.progress: after \`$watch_keys\` the replayed last frame differs from the native app's"
    echo "     (does the host store watch.progress in Continue Watching?)"
    exit 1
  fi
  echo "ok watch.progress: Continue Watching after \`$watch_keys\` matches the native app"
else
  echo "skipped: watch.progress: $abort not built"
fi
