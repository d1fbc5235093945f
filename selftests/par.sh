#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run VM suites side by side: a TCG guest keeps about one host core busy
# (measured: qemu at ~105% of one core, the host half idle, on the
# debug kernel), so two suites on a 2-core machine take little more than
# the longer one.
#   par.sh 'COMMAND 1' 'COMMAND 2' ...
# Each COMMAND runs in bash with its output in a log; the logs are
# printed whole, one after the other, as the commands finish in order;
# the exit status is the first non-zero one (0 if all passed).
set -u
[ $# -gt 0 ] || { echo "usage: par.sh 'COMMAND' ..." >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/sipalg-par.XXXXXX")
pids=()
i=0
for c in "$@"; do
	i=$((i + 1))
	bash -c "$c" >"$dir/$i.log" 2>&1 </dev/null &
	pids+=($!)
done
# a Ctrl-C or kill stops them all (each VM runner cleans up its guest)
trap 'kill "${pids[@]}" 2>/dev/null; wait; rm -rf "$dir"; exit 130' INT TERM
rc=0
i=0
for c in "$@"; do
	r=0
	wait "${pids[$i]}" || r=$?
	i=$((i + 1))
	echo "=== par.sh [$i/$#] $c: exit $r"
	cat "$dir/$i.log"
	echo "=== par.sh [$i/$#] end: exit $r"
	[ "$rc" != 0 ] || rc=$r
done
rm -rf "$dir"
exit "$rc"
