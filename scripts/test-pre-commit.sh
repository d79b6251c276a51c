#!/usr/bin/env bash
# Proves the `language: rust` pre-commit hook of this repository for real: pre-commit
# from PyPI in a throwaway virtualenv, a throwaway content repo with one good and one
# bad item, a config pointing at this checkout's HEAD. `pre-commit run --all-files` must
# fail naming the bad line, then pass once the item is fixed. Needs python3 with venv,
# cargo, and network access to PyPI. (scripts/test-pre-commit-mirror.sh proves the hook
# that installs the wheel instead.)
set -euo pipefail

checkout="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/content-fixture.sh
source "$checkout/scripts/content-fixture.sh"
rev="$(git -C "$checkout" rev-parse HEAD)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
export PRE_COMMIT_HOME="$work/cache"

repo="$work/content"
content_repo "$repo" "$checkout" "$checkout" "$rev"
cd "$repo"

echo "== pre-commit run --all-files (must fail on items/bad.md line 9)"
set +e
"$work/venv/bin/pre-commit" run --all-files > "$work/first.log" 2>&1
status=$?
set -e
expect_bad_item_named "$work/first.log" "$status"

echo "== fix the item; pre-commit must pass"
fix_bad_item "$repo"
"$work/venv/bin/pre-commit" run --all-files

echo "== stage a copy of a committed item; pre-commit (staged files only) must name the duplicate"
# The repository's newsval.toml sets the root whose other items a named file is compared with.
touch newsval.toml
git add newsval.toml
git commit --quiet -m "config"
cp items/good.md items/copy.md
git add items/copy.md
"$work/venv/bin/pre-commit" run --verbose > "$work/staged.log" 2>&1
cat "$work/staged.log"
grep -q 'items/copy.md:6:14: warning\[duplicate-item\]: originalUrl is also the originalUrl of items/good.md:6' "$work/staged.log" || {
    echo "FAIL: the staged duplicate of items/good.md was not reported" >&2
    exit 1
}
echo "pre-commit hook: OK"
