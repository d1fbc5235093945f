#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest half of run-kunit.sh (copied into the VM's out share and run by
# selftests/vm/run.sh inside the guest; not meant to be run by hand).
#
# Reads $SIPALG_VM_OUT/kunit.list, one module a line: "NAME FILE [PARAMS]"
# (FILE relative to $SIPALG_VM_OUT). For each, in order: modprobe the
# dependencies that are not in the list, write a marker to the kernel log,
# insmod (KUnit runs the module's suites during the load), write an end
# marker. Then save the debugfs KUnit results and rmmod the modules in
# reverse order (so that what they leave allocated becomes unreferenced
# for kmemleak, which run.sh's init scans after this script).
#
# Markers in the kernel log, read by run-kunit.sh to cut each module's KTAP:
#   sipalg-kunit: begin    sipalg-kunit: insmod NAME
#   sipalg-kunit: insmod-done NAME rc=N    sipalg-kunit: end
#
# Exit status: 0 if every load (and unload) worked, 1 otherwise.

set -u

OUT=${SIPALG_VM_OUT:?not in a sipalg VM}
# Keep a copy of what this script says for run-kunit.sh (quiet runs).
if [ -z "${KUNIT_GUEST_LOGGED:-}" ]; then
	KUNIT_GUEST_LOGGED=1 /bin/sh "$0" "$@" >"$OUT/guest.log" 2>&1
	rc=$?
	cat "$OUT/guest.log"
	exit $rc
fi
RMMOD=${SIPALG_KUNIT_RMMOD:-1}
fails=0

say() { echo "kunit-guest: $*"; }
mark() { echo "sipalg-kunit: $*" >/dev/kmsg; }
bad() { say "FAIL: $*"; fails=$((fails + 1)); }

[ -r "$OUT/kunit.list" ] || { say "no $OUT/kunit.list"; exit 1; }
names=$(awk '{ print $1 }' "$OUT/kunit.list")
in_list() { echo "$names" | grep -qxF "$1"; }

d=/sys/kernel/debug
if [ -e $d/kmemleak ]; then
	say "kmemleak active"
else
	say "kmemleak not available"
fi

mark begin
loaded=
while read -r name file params; do
	[ -n "$name" ] || continue
	f=$OUT/$file
	# Dependencies from the test kernel's own modules (the list's own
	# modules are loaded in the order given).
	for dep in $(modinfo -F depends "$f" | tr ',' ' '); do
		in_list "$dep" || in_list "$(echo "$dep" | tr - _)" && continue
		modprobe "$dep" || bad "modprobe $dep (needed by $name)"
	done
	mark "insmod $name"
	# shellcheck disable=SC2086 # params are split on purpose
	insmod "$f" $params
	rc=$?
	mark "insmod-done $name rc=$rc"
	if [ $rc -ne 0 ]; then
		bad "insmod $name (rc $rc)"
		break
	fi
	say "loaded $name"
	loaded="$name $loaded"
done <"$OUT/kunit.list"
mark end

# KUnit's own record of each suite (gone once the module is unloaded).
if [ -d $d/kunit ]; then
	mkdir -p "$OUT/debugfs"
	for s in $d/kunit/*/; do
		[ -r "$s/results" ] || continue
		cat "$s/results" >"$OUT/debugfs/$(basename "$s").ktap" 2>/dev/null
	done
fi

# Where each module's sections were: a leak found after the unload has
# bare addresses in its backtrace, which run-kunit.sh maps back.
for name in $loaded; do
	for f in /sys/module/"$name"/sections/.*text*; do
		[ -r "$f" ] && echo "$name ${f##*/} $(cat "$f")"
	done
done >"$OUT/sections.txt"

if [ "$RMMOD" = 1 ]; then
	for name in $loaded; do
		# A helper stays in use while conntracks reference it: retry.
		n=0
		until rmmod "$name" 2>/dev/null; do
			n=$((n + 1))
			if [ $n -ge 50 ]; then
				rmmod "$name" || bad "rmmod $name"
				break
			fi
			sleep 0.1
		done
	done
	[ $fails -ne 0 ] || say "unloaded all"
fi

[ $fails -eq 0 ]
