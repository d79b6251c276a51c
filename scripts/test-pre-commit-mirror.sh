#!/usr/bin/env bash
# Proves the hook that needs no Rust, pre-commit-mirror/ (published as
# newsval/newsval-pre-commit), for real: a copy of it made into a throwaway hook repo,
# tagged with this version; a throwaway content repo with one good and one bad item;
# pre-commit from PyPI; then every `pre-commit run` with no cargo or rustc on PATH and
# pip limited to the wheel in WHEEL_DIR (PIP_NO_INDEX, PIP_FIND_LINKS). The first run,
# which installs the hook, must take at most 30 s and fail naming the bad line; once the
# item is fixed the hook must pass. Needs python3 with venv, git, and PyPI for
# pre-commit itself.
#
#   scripts/test-pre-commit-mirror.sh WHEEL_DIR    (scripts/test-wheel.sh builds it)
set -euo pipefail

wheels="$(cd "${1:?usage: scripts/test-pre-commit-mirror.sh WHEEL_DIR}" && pwd)"
checkout="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/content-fixture.sh
source "$checkout/scripts/content-fixture.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
limit_seconds=30

# The mirror pins this version (scripts/check-versions.sh), the wheel must be it.
version="$(sed -n 's/^NEWSVAL_VERSION = "\(.*\)"$/\1/p' "$checkout/pre-commit-mirror/build_backend.py")"
ls "$wheels"/newsval-"$version"-*.whl > /dev/null

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
pre_commit="$work/venv/bin/pre-commit"

hooks="$work/newsval-pre-commit"
cp -R "$checkout/pre-commit-mirror" "$hooks"
git -C "$hooks" init --quiet
git -C "$hooks" config user.email ci@example.com
git -C "$hooks" config user.name ci
git -C "$hooks" add -A
git -C "$hooks" commit --quiet -m "newsval $version"
git -C "$hooks" tag "v$version"

repo="$work/content"
content_repo "$repo" "$checkout" "$hooks" "v$version"
cd "$repo"

# From here on: no Rust, and pip sees the local wheel and nothing else.
no_rust_path=""
IFS=: read -ra dirs <<< "$PATH"
for dir in "${dirs[@]}"; do
    if [ -e "$dir/cargo" ] || [ -e "$dir/rustc" ] || [ -e "$dir/rustup" ]; then
        continue
    fi
    no_rust_path="${no_rust_path:+$no_rust_path:}$dir"
done
export PATH="$no_rust_path"
if command -v cargo > /dev/null || command -v rustc > /dev/null; then
    echo "FAIL: cargo or rustc is still on PATH" >&2
    exit 1
fi
export PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels" PRE_COMMIT_HOME="$work/cache"

echo "== first pre-commit run --all-files: installs the hook, must fail on items/bad.md line 9"
start=$(date +%s%N)
set +e
"$pre_commit" run --all-files > "$work/first.log" 2>&1
status=$?
set -e
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_bad_item_named "$work/first.log" "$status"
echo "first run, hook installed from the wheel: $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) s"
if [ "$elapsed_ms" -gt $((limit_seconds * 1000)) ]; then
    echo "FAIL: the first run took over $limit_seconds s" >&2
    exit 1
fi

echo "== fix the item; pre-commit must pass"
fix_bad_item "$repo"
"$pre_commit" run --all-files
echo "pre-commit mirror hook: OK"
