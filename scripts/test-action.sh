#!/usr/bin/env bash
# Proves the GitHub Action (action.yml) by running its steps as a runner would
# (scripts/run-action.py) in a throwaway workspace, with the runner's files
# (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_ENV) as temporary files and
# pip limited to the wheel in WHEEL_DIR: a clean run passes, a bad item fails with its
# annotation and a summary row, a missing path is a usage error said in the summary,
# and the `version` input reaches pip. Needs python3 with venv, and PyPI for PyYAML.
#
#   scripts/test-action.sh WHEEL_DIR    (scripts/test-wheel.sh builds it)
set -euo pipefail

wheels="$(cd "${1:?usage: scripts/test-action.sh WHEEL_DIR}" && pwd)"
checkout="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/content-fixture.sh
source "$checkout/scripts/content-fixture.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# What the Action installs by default (scripts/check-versions.sh holds it to Cargo.toml).
version="$(sed -n '/^  version:/,/default:/s/^    default: "\(.*\)"$/\1/p' "$checkout/action.yml")"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pyyaml

workspace="$work/workspace"
good_and_bad_items "$workspace" "$checkout"

# run_action NAME [INPUT=VALUE ...]: the action's steps in the workspace, with fresh
# runner files under $work/NAME; sets $status, and the log is $work/NAME/log.
run_action() {
    local name="$1"
    shift
    local runner="$work/$name"
    mkdir -p "$runner/temp"
    : > "$runner/summary.md"
    : > "$runner/output"
    set +e
    (
        cd "$workspace"
        env GITHUB_ACTIONS=true RUNNER_OS=Linux RUNNER_TEMP="$runner/temp" \
            GITHUB_WORKSPACE="$workspace" GITHUB_STEP_SUMMARY="$runner/summary.md" \
            GITHUB_OUTPUT="$runner/output" GITHUB_PATH="$runner/path" GITHUB_ENV="$runner/env" \
            PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels" \
            "$work/venv/bin/python" "$checkout/scripts/run-action.py" "$checkout" "$@"
    ) > "$runner/log" 2>&1
    status=$?
    set -e
    cat "$runner/log"
}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

echo "== a clean item: passes, the summary says so"
run_action clean paths=items/good.md
[ "$status" -eq 0 ] || fail "the action failed on a clean item (exit $status)"
grep -qx "newsval $version" "$work/clean/log" || fail "the action did not install newsval $version"
grep -qx 'Checked 1 file: no problems found.' "$work/clean/summary.md" || fail "no clean summary"
grep -qx 'exit-code=0' "$work/clean/output" || fail "no exit-code=0 output"

echo "== a bad item among the paths and args: fails, annotated, a row in the summary"
run_action bad "paths=items/good.md
items/bad.md" "args=--now 2026-01-01T00:00:00Z --deny-warnings"
[ "$status" -eq 1 ] || fail "the action did not fail on a bad item (exit $status)"
grep -q '^::error file=items/bad.md,line=9,col=10,.*title=newsval (invalid-type)::' "$work/bad/log" \
    || fail "no annotation for items/bad.md:9:10"
# shellcheck disable=SC2016 # the backquotes are Markdown, not a command
grep -q '^| items/bad.md | 9 | 10 | error | `invalid-type` |' "$work/bad/summary.md" \
    || fail "no summary row for items/bad.md:9:10"
grep -q 'items/good.md' "$work/bad/summary.md" && fail "the good item is in the summary"
grep -qx 'exit-code=1' "$work/bad/output" || fail "no exit-code=1 output"

echo "== a path that does not exist: a usage error, said in the summary"
run_action missing paths=no/such/items
[ "$status" -eq 2 ] || fail "a missing path did not exit 2 (exit $status)"
grep -q 'usage or config error (exit 2)' "$work/missing/summary.md" || fail "no summary of the usage error"

echo "== the version input reaches pip"
run_action pinned version=0.0.0-not-a-release
[ "$status" -ne 0 ] || fail "an unknown version installed"
grep -q 'newsval==0.0.0-not-a-release' "$work/pinned/log" || fail "pip was not asked for that version"
echo "GitHub Action: OK"
