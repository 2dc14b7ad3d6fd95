#!/usr/bin/env bash
# Runs the golden screenshot suites as N shards with cargo-nextest, one after the other, as N
# machines or CI jobs would (`cargo nextest run --partition hash:K/N`), and checks that the
# shards together ran every test exactly once. Then the same for tenfoot-batch: each shard renders
# its share of the examples (`--partition hash:K/N`) into its own folder and `--merge` joins them
# into one HTML report (target/golden-shards/batch/index.html), checked to hold every example
# once. Usage: scripts/golden-shards.sh [N] (default 2). .ci/run runs it with N=2.
# Prints "skipped: ..." and exits 0 without cargo-nextest (cargo install cargo-nextest --locked).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-2}"
SUITES=(--test screenshots --test widget_screenshots --test example_screenshots --test animation_screenshots)
if ! cargo nextest --version >/dev/null 2>&1; then
  echo "skipped: golden shards: cargo-nextest is not installed (cargo install cargo-nextest --locked)"
  exit 0
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo nextest list "${SUITES[@]}" --message-format oneline 2>/dev/null | sort > "$out/all"
: > "$out/ran"
for K in $(seq 1 "$N"); do
  echo "== shard $K/$N"
  cargo nextest list "${SUITES[@]}" --partition "hash:$K/$N" --message-format oneline 2>/dev/null | sort > "$out/shard-$K"
  echo "   $(wc -l < "$out/shard-$K") of $(wc -l < "$out/all") tests"
  cargo nextest run "${SUITES[@]}" --partition "hash:$K/$N" --no-fail-fast
  cat "$out/shard-$K" >> "$out/ran"
done
sort "$out/ran" > "$out/ran.sorted"
if ! cmp -s "$out/all" "$out/ran.sorted"; then
  echo "golden shards: the shards did not run every test exactly once:"
  diff "$out/all" "$out/ran.sorted" | head -20
  exit 1
fi
echo "golden shards: $N shards ran all $(wc -l < "$out/all") tests, each once"

# The batch report, sharded the same way and merged.
cargo build -q --examples
cargo build -q -p tenfoot-preview --bin tenfoot-batch
batch=target/debug/tenfoot-batch
dest=target/golden-shards
rm -rf "$dest"
shards=()
for K in $(seq 1 "$N"); do
  echo "== batch shard $K/$N"
  "$batch" --out "$dest/shard-$K" --partition "hash:$K/$N"
  shards+=("$dest/shard-$K")
done
"$batch" --merge "${shards[@]}" --out "$dest/batch"
# Every example (a .rs file, or a folder with main.rs) is a row of the merged report.
examples=$( (find examples -maxdepth 1 -name '*.rs'; find examples -mindepth 2 -maxdepth 2 -name main.rs) | wc -l)
merged=$(grep '^cell' "$dest/batch/report.tsv" | cut -f2 | sort -u | wc -l)
if [ "$merged" -ne "$examples" ]; then
  echo "golden shards: the merged batch report has $merged examples, examples/ has $examples"
  exit 1
fi
echo "golden shards: $N batch shards merged into $dest/batch/index.html ($examples examples)"
