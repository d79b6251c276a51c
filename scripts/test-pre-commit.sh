#!/usr/bin/env bash
# Proves the pre-commit hook for real: pre-commit from PyPI in a throwaway virtualenv,
# a throwaway content repo with one good and one bad item, a config pointing at this
# checkout's HEAD. `pre-commit run --all-files` must fail naming the bad line, then
# pass once the item is fixed. Needs python3 with venv and network access to PyPI.
set -euo pipefail

checkout="$(cd "$(dirname "$0")/.." && pwd)"
rev="$(git -C "$checkout" rev-parse HEAD)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
export PRE_COMMIT_HOME="$work/cache"

repo="$work/content"
mkdir -p "$repo/items"
cd "$repo"
git init --quiet
git config user.email ci@example.com
git config user.name ci
cp "$checkout/fixtures/valid/000_6dff586fa6765838.txt" items/good.md
sed 's/^quality: 21$/quality: "21"/' "$checkout/fixtures/valid/000_6dff586fa6765838.txt" \
    | sed 's#^originalUrl: .*#originalUrl: "https://www.axios.com/2022/09/12/another-story"#' > items/bad.md
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $checkout
    rev: $rev
    hooks:
      - id: newsval
        args: [--now, "2026-01-01T00:00:00Z"]
YAML
git add -A
git commit --quiet -m "content"

echo "== pre-commit run --all-files (must fail on items/bad.md line 9)"
set +e
"$work/venv/bin/pre-commit" run --all-files > "$work/first.log" 2>&1
status=$?
set -e
cat "$work/first.log"
if [ "$status" -eq 0 ]; then
    echo "FAIL: pre-commit passed on a bad item" >&2
    exit 1
fi
grep -q 'items/bad.md:9:10: error\[invalid-type\]' "$work/first.log" || {
    echo "FAIL: the output does not name items/bad.md:9:10" >&2
    exit 1
}
if grep -q 'items/good.md' "$work/first.log"; then
    echo "FAIL: the good item was reported" >&2
    exit 1
fi

echo "== fix the item; pre-commit must pass"
sed -i 's/^quality: "21"$/quality: 21/' items/bad.md
git commit --quiet -am "fix quality"
"$work/venv/bin/pre-commit" run --all-files
echo "pre-commit hook: OK"
