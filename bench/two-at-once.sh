#!/usr/bin/env bash
# Runs the command twice at the same time and waits for both: with two single-thread
# runs, this measures how much two busy cores of this machine slow each other down, the
# ceiling of any program's 1-thread / 2-thread ratio here.
"$@" >/dev/null &
"$@" >/dev/null
status=$?
wait $! || status=$?
exit "$status"
