#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make kunit": build (or take from the cache) the debug test kernel, build
# the sipalg modules and the KUnit module against it (W=1, no warnings),
# run the KUnit suites in it; with --selftests also the VM scenarios on
# that kernel (KASAN, kmemleak, lockdep, UBSAN watching): all of them, or
# those whose name matches ERE.
#   kunit.sh [--selftests [ERE]]
#
# Under KASAN + lockdep on TCG a scenario takes ~90 s (vs ~15 s): the
# scenarios lengthen their calls and waits on a *-debug kernel (topo.sh).
# They run in SIPALG_JOBS (2) VMs side by side (selftests/par.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
run_selftests=0
only=
if [ "${1:-}" = --selftests ]; then
	run_selftests=1
	only=${2:-}
fi

t0=$(date +%s)
kdir=$(selftests/kunit/build-kernel.sh --print kdir)
kernel_dir=$(selftests/kunit/build-kernel.sh --print kernel-dir)
t1=$(date +%s)

# The modules build in a copy: the main tree keeps its modules for the
# Debian kernel.
src=$repo/build/kunit-src
rm -rf "$src"
mkdir -p "$src"
cp -r Kbuild include kernel "$src/"
find "$src" \( -name '*.o' -o -name '.*.cmd' -o -name '*.ko' -o -name '.*.d' \) -delete
if ! make -C "$kdir" M="$src" W=1 modules >"$src/build.log" 2>&1 ||
   grep -E 'warning:|error:' "$src/build.log"; then
	tail -n 30 "$src/build.log" >&2
	echo "FAIL: modules against the test kernel" >&2
	exit 1
fi
t2=$(date +%s)

selftests/kunit/run-kunit.sh --kernel-dir "$kernel_dir" \
	"$src/nf_conntrack_sipalg.ko" "$src/nf_nat_sipalg.ko" "$src/sipalg_kunit.ko"
t3=$(date +%s)
echo "kunit: test kernel $((t1 - t0))s, modules $((t2 - t1))s, KUnit $((t3 - t2))s"

if [ "$run_selftests" = 1 ]; then
	# SIPALG_JOBS VMs side by side (default 2: one busy core each), the
	# scenarios dealt round-robin
	jobs=${SIPALG_JOBS:-2}
	mapfile -t names < <(selftests/selftests.sh --list ${only:+--only "$only"})
	[ "${#names[@]}" -gt 0 ] || { echo "kunit: no scenario matches $only" >&2; exit 1; }
	[ "$jobs" -le "${#names[@]}" ] || jobs=${#names[@]}
	cmds=()
	for ((j = 0; j < jobs; j++)); do
		nums=()
		for ((i = j; i < ${#names[@]}; i += jobs)); do
			nums+=("${names[i]%%-*}")
		done
		ere="^($(IFS='|'; echo "${nums[*]}"))-"
		cmds+=("SIPALG_KO_DIR='$src' selftests/selftests.sh --kernel-dir '$kernel_dir' --kmemleak --timeout 300 --only '$ere'")
	done
	rc=0
	log=$(mktemp "${TMPDIR:-/tmp}/sipalg-kunit-par.XXXXXX")
	selftests/par.sh "${cmds[@]}" | tee "$log" || true
	echo "kunit: ${#names[@]} VM scenarios on the debug kernel in $jobs VMs: $(($(date +%s) - t3))s"
	# Two loaded TCG guests on a debug kernel slow the SIP endpoints by
	# seconds at random: a scenario that failed there runs once more,
	# alone.  Only scenario verdicts: a VM that timed out, lost its status
	# or whose kernel log showed a problem (exit 124/125/126) fails now.
	codes=$(sed -n 's/^=== par.sh \[[0-9]*\/[0-9]*\] end: exit \([0-9]*\)$/\1/p' "$log" | sort -u | tr '\n' ' ')
	failed=$(sed -n 's/^# \([0-9][0-9]*\)-[^ ]* *FAIL .*/\1/p' "$log" | sort -u | tr '\n' '|')
	rm -f "$log"
	case " $codes" in
	" 0 ") ;;
	" 0 1 " | " 1 ")
		[ -n "$failed" ] || { echo "kunit: a VM failed without a failed scenario" >&2; exit 1; }
		echo "kunit: failed with two VMs side by side: ${failed%|}; once more, alone"
		SIPALG_KO_DIR=$src selftests/selftests.sh --kernel-dir "$kernel_dir" \
			--kmemleak --timeout 300 --only "^(${failed%|})-" || rc=$?
		[ "$rc" = 0 ] && echo "kunit: ${failed%|} passed alone"
		;;
	*) rc=1 ;;
	esac
	exit "$rc"
fi
