#!/usr/bin/env bash
# The version is written in four places that must agree: Cargo.toml (the crate, the
# wheel and `newsval --version`), action.yml's `version` default (what the Action
# installs), pre-commit-mirror/build_backend.py (what the mirror hook installs) and a
# CHANGELOG.md section. With a tag (the release workflow passes it), `vX.Y.Z` too.
#
#   scripts/check-versions.sh [vX.Y.Z]
set -euo pipefail
cd "$(dirname "$0")/.."

crate="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
action="$(sed -n '/^  version:/,/default:/s/^    default: "\(.*\)"$/\1/p' action.yml)"
mirror="$(sed -n 's/^NEWSVAL_VERSION = "\(.*\)"$/\1/p' pre-commit-mirror/build_backend.py)"
status=0
check() {
    if [ "$2" != "$crate" ]; then
        echo "FAIL: $1 says '$2', Cargo.toml says $crate" >&2
        status=1
    fi
}
check "action.yml (inputs.version.default)" "$action"
check "pre-commit-mirror/build_backend.py (NEWSVAL_VERSION)" "$mirror"
grep -q "^## \[$crate\]" CHANGELOG.md || {
    echo "FAIL: CHANGELOG.md has no '## [$crate]' section" >&2
    status=1
}
if [ $# -gt 0 ]; then
    check "the tag" "${1#v}"
fi
[ "$status" -eq 0 ] && echo "versions agree: $crate"
exit "$status"
