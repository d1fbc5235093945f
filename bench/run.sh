#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Parser benchmarks: throughput (wall clock, varies with the machine's
# load) and instructions per message under callgrind (repeatable).
set -eu
cd "$(dirname "$0")/.."
mkdir -p build
cc -std=gnu11 -O2 -g -o build/parse_bench bench/parse_bench.c \
	kernel/tests/vectors/vectors.c kernel/tests/vectors/check.c \
	kernel/parser/sip.c kernel/parser/sdp.c kernel/parser/addr.c
for v in vendor-grandstream-invite invite-basic webrtc-ice-candidates; do
	build/parse_bench 1000000 "$v"
done
if command -v valgrind >/dev/null; then
	ir() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			build/parse_bench "$1" "$2" 2>&1 |
			sed -n 's/.*Collected : *//p'
	}
	for v in vendor-grandstream-invite invite-basic webrtc-ice-candidates; do
		a=$(ir 1 "$v")
		b=$(ir 1001 "$v")
		echo "$v: $(((b - a) / 1000)) instructions per message (callgrind)"
	done
else
	echo "valgrind not installed: no instruction counts"
fi
