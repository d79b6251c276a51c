# shellcheck shell=bash
# Shared by scripts/test-pre-commit*.sh and scripts/test-action.sh (sourced, not run):
# a good and a bad news item, a throwaway content repo holding them, and the checks on
# what `pre-commit run` says of it.

# good_and_bad_items DIR CHECKOUT: DIR/items/good.md (the seed) and DIR/items/bad.md
# (the seed with `quality: "21"` on line 9, and its own originalUrl so it is no
# duplicate-item).
good_and_bad_items() {
    local dir="$1" seed="$2/fixtures/valid/000_6dff586fa6765838.txt"
    mkdir -p "$dir/items"
    cp "$seed" "$dir/items/good.md"
    sed 's/^quality: 21$/quality: "21"/' "$seed" \
        | sed 's#^originalUrl: .*#originalUrl: "https://www.axios.com/2022/09/12/another-story"#' \
        > "$dir/items/bad.md"
}

# content_repo DIR CHECKOUT HOOKS_REPO REV: a git repo in DIR with the good and the bad
# item and a .pre-commit-config.yaml that runs the `newsval` hook of HOOKS_REPO at REV,
# the clock pinned.
content_repo() {
    local dir="$1" checkout="$2" hooks="$3" rev="$4"
    good_and_bad_items "$dir" "$checkout"
    cat > "$dir/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: newsval
        args: [--now, "2026-01-01T00:00:00Z"]
YAML
    git -C "$dir" init --quiet
    git -C "$dir" config user.email ci@example.com
    git -C "$dir" config user.name ci
    git -C "$dir" add -A
    git -C "$dir" commit --quiet -m "content"
}

# expect_bad_item_named LOG STATUS: the run failed, naming items/bad.md line 9 column
# 10, and said nothing of items/good.md.
expect_bad_item_named() {
    local log="$1" status="$2"
    cat "$log"
    if [ "$status" -eq 0 ]; then
        echo "FAIL: pre-commit passed on a bad item" >&2
        return 1
    fi
    grep -q 'items/bad.md:9:10: error\[invalid-type\]' "$log" || {
        echo "FAIL: the output does not name items/bad.md:9:10" >&2
        return 1
    }
    if grep -q 'items/good.md' "$log"; then
        echo "FAIL: the good item was reported" >&2
        return 1
    fi
}

# fix_bad_item DIR: quality back to an integer, committed.
fix_bad_item() {
    sed -i 's/^quality: "21"$/quality: 21/' "$1/items/bad.md"
    git -C "$1" commit --quiet -am "fix quality"
}
