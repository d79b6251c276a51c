#!/usr/bin/env bash
# Builds the Python wheel of the newsval binary with maturin (from PyPI, in a throwaway
# virtualenv) into OUT_DIR, then proves it as a user would get it: installed into a fresh
# virtualenv from that wheel alone (no index), `newsval` runs `check` and `completions`.
# The wheel stays in OUT_DIR for the pre-commit mirror and Action tests (one release
# build for all three). Needs python3 with venv, cargo, and PyPI for maturin.
#
#   scripts/test-wheel.sh OUT_DIR
set -euo pipefail

out="${1:?usage: scripts/test-wheel.sh OUT_DIR}"
checkout="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
out="$(cd "$out" && pwd)"

python3 -m venv "$work/maturin"
"$work/maturin/bin/pip" install --quiet --disable-pip-version-check 'maturin>=1.9,<2'

echo "== maturin build (the release profile, as the wheel ships)"
start=$(date +%s)
(cd "$checkout" && "$work/maturin/bin/maturin" build --quiet --out "$out")
echo "wheel built in $(( $(date +%s) - start )) s: $(cd "$out" && ls newsval-*.whl)"

echo "== a fresh virtualenv, the wheel alone"
python3 -m venv "$work/user"
PIP_NO_INDEX=1 PIP_FIND_LINKS="$out" \
    "$work/user/bin/pip" install --quiet --disable-pip-version-check newsval
newsval="$work/user/bin/newsval"

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$checkout/Cargo.toml" | head -n 1)"
[ "$("$newsval" --version)" = "newsval $version" ] || {
    echo "FAIL: the wheel's newsval is not version $version" >&2
    exit 1
}
cd "$checkout"
[ "$("$newsval" check fixtures/valid)" = "Checked 1 file: no problems found." ] || {
    echo "FAIL: newsval check fixtures/valid is not clean" >&2
    exit 1
}
set +e
"$newsval" check --color never fixtures/rules/out-of-range/bad.md > "$work/bad.log"
status=$?
set -e
if [ "$status" -ne 1 ] || ! grep -q '^fixtures/rules/out-of-range/bad.md:10:7: error\[out-of-range\]' "$work/bad.log"; then
    cat "$work/bad.log"
    echo "FAIL: newsval check did not fail on the out-of-range fixture (exit $status)" >&2
    exit 1
fi
"$newsval" completions bash > "$work/newsval.bash"
grep -q 'complete -F _newsval ' "$work/newsval.bash" || {
    echo "FAIL: newsval completions bash printed no bash completion" >&2
    exit 1
}
echo "wheel: OK"
