#!/usr/bin/env bash
# Fuzzes newsval for SECONDS (default 600) on one core and keeps what it finds.
#
#   fuzz/run.sh SECONDS
#
# Seeds the corpus with every fixture and the schema-mode seeds (fuzz/seeds/: a
# newsval.toml, a NUL byte, a file), uses fuzz/yaml.dict, and on a crash, timeout or
# out-of-memory copies the input into fuzz/regressions/, which `cargo test`
# (tests/regressions.rs) replays from then on. Needs cargo-fuzz (installed if missing);
# runs on the stable toolchain through RUSTC_BOOTSTRAP=1.
set -euo pipefail
seconds=${1:-600}
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

corpus=fuzz/corpus/check
artifacts=fuzz/artifacts/check
mkdir -p "$corpus" "$artifacts" fuzz/regressions
# Seeds: every fixture (named by content, so reruns do not duplicate), the schema-mode
# seeds and past regressions.
while IFS= read -r -d '' seed; do
    cp "$seed" "$corpus/seed-$(sha1sum <"$seed" | cut -c1-16)"
done < <(find fixtures fuzz/seeds fuzz/regressions -path fixtures/hostile -prune -o -type f -size -1024k -print0)

log="$artifacts/run-$(date -u +%Y%m%dT%H%M%SZ).log"
# -s none: newsval and its parser forbid unsafe code, so AddressSanitizer would mostly
# slow the search down; panics, stack overflows, timeouts and memory are still caught.
# -timeout=2 and -rss_limit_mb=300: SPEC's bounds (1 s, 200 MB) with room for the
# instrumentation and a loaded machine.
status=0
cargo fuzz run -s none check "$corpus" -- \
    -dict=fuzz/yaml.dict -max_total_time="$seconds" -max_len=65536 \
    -timeout=2 -rss_limit_mb=300 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" 2>&1 | tee "$log" || status=$?

found=0
for artifact in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-*; do
    [ -e "$artifact" ] || continue
    cp "$artifact" fuzz/regressions/
    echo "kept $(basename "$artifact") in fuzz/regressions/ (replayed by cargo test)"
    found=1
done
grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$log" || true
echo "corpus: $(find "$corpus" -type f | wc -l) inputs; log: $log"
if [ "$found" = 1 ] || [ "$status" != 0 ]; then
    exit 1
fi
