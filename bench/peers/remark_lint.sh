#!/usr/bin/env bash
# remark with remark-lint-frontmatter-schema on the given files or folders, as its
# README runs it. From CORPUS_ROOT (bench/corpus), where the config's schema path and
# glob start; PATHs are relative to it.
#
#   bench/peers/remark_lint.sh CORPUS_ROOT PATH...
set -euo pipefail
cd "$1"
shift
exec peers-node/node_modules/.bin/remark --rc-path peers-node/.remarkrc.mjs \
    --quiet --frail --no-color --no-stdout "$@"
