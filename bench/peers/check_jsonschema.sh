#!/usr/bin/env bash
# check-jsonschema on every .yaml file under the given folders, in one process: how a
# team runs it over a content repository (`check-jsonschema --schemafile S FILE...`).
#
#   bench/peers/check_jsonschema.sh CHECK_JSONSCHEMA SCHEMA DIR...
set -euo pipefail
bin=$1 schema=$2
shift 2
find "$@" -type f -name '*.yaml' -print0 | xargs -0 "$bin" --schemafile "$schema"
