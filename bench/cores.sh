#!/usr/bin/env bash
# Do this machine's two cores slow each other, and does newsval? Each round times a loop
# that works in registers only (no memory traffic) alone and two at once, then
# `newsval check -j 1` alone and two at once, then `newsval check` on 2 threads, and
# prints the medians. If the loop keeps its speed two at once while newsval does not,
# what slows newsval is what the two runs share (caches, memory), not the cores' clock.
#
#   bench/cores.sh [ROUNDS]    default 15; needs the 10k corpus of bench/run.sh and cc
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-15}
CORPUS=bench/corpus/items-10000
BIN=target/release/newsval
SPIN=bench/corpus/spin
[[ -d $CORPUS ]] || { echo "no $CORPUS: run bench/run.sh first" >&2; exit 2; }
cargo build --release --locked --bin newsval 2>&1 | tail -1
cat >"$SPIN.c" <<'EOF'
#include <stdint.h>
#include <stdio.h>
int main(void) {
    uint64_t x = 88172645463325252ull, sum = 0;
    for (long i = 0; i < 600000000L; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        sum += x;
    }
    printf("%llu\n", (unsigned long long)sum);
    return 0;
}
EOF
cc -O2 -o "$SPIN" "$SPIN.c"

seconds() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null || true
    end=$(date +%s%N)
    echo $(((end - start) / 1000))
}
TWO=bench/two-at-once.sh

find "$CORPUS" -type f -exec cat {} + >/dev/null
results=$(mktemp)
for round in $(seq 1 "$ROUNDS"); do
    printf '%s %s %s %s %s\n' \
        "$(seconds "$SPIN")" "$(seconds "$TWO" "$SPIN")" \
        "$(seconds "$BIN" check -q -j 1 "$CORPUS")" \
        "$(seconds "$TWO" "$BIN" check -q -j 1 "$CORPUS")" \
        "$(seconds "$BIN" check -q -j 2 "$CORPUS")" | tee -a "$results"
done
python3 - "$results" <<'EOF'
import statistics, sys
rows = [list(map(int, line.split())) for line in open(sys.argv[1])]
names = ["loop alone", "loop two at once", "newsval -j 1", "two newsval -j 1 at once", "newsval -j 2"]
med = [statistics.median(r[i] for r in rows) / 1e6 for i in range(5)]
for name, m in zip(names, med):
    print(f"{name:28} {m:.3f} s (median of {len(rows)})")
print(f"loop: 2 x alone / two at once    {2 * med[0] / med[1]:.2f}x  (2.00x: the cores do not slow each other)")
print(f"newsval: the same                {2 * med[2] / med[3]:.2f}x")
print(f"newsval: 1 thread / 2 threads    {med[2] / med[4]:.2f}x")
EOF
rm -f "$results"
