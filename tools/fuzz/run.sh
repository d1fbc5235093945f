#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs both fuzz targets from the vector seeds.
#   run.sh BUILD_DIR runs N       N executions each (make check's smoke run)
#   run.sh BUILD_DIR seconds S    S seconds each (make fuzz)
# The corpus grows in BUILD_DIR/corpus/; crashes land in BUILD_DIR/crashes/.
set -eu
b=$1 mode=$2 n=$3
mkdir -p "$b/crashes"
dict=$(dirname "$0")/sip.dict
for t in sip sdp; do
	mkdir -p "$b/corpus/$t"
	case $mode in
	runs) lim=(-runs="$n") ;;
	seconds) lim=(-max_total_time="$n") ;;
	*) echo "run.sh: mode is runs or seconds" >&2; exit 2 ;;
	esac
	log=$b/fuzz_$t.log
	if ! "$b/fuzz_$t" "${lim[@]}" -max_len=8192 -dict="$dict" \
		-artifact_prefix="$b/crashes/$t-" -print_final_stats=1 \
		"$b/corpus/$t" "$b/seeds/$t" >"$log" 2>&1; then
		tail -n 40 "$log" >&2
		echo "FAIL: fuzz_$t: see $log and $b/crashes/" >&2
		exit 1
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	secs=$(sed -n 's/^stat::.*time.*: *//p' "$log" | head -1)
	echo "fuzz_$t: ${runs:-?} executions, no crash"
done
