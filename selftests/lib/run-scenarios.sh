#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of "make selftests": run the scenarios one after the other in
# this VM, each under a time limit, and summarise.
#
#   run-scenarios.sh [--helper H] [--only ERE] [--fw nft|iptables]
#                    [--family 4|6] [--timeout S] [--list]
#
#   --helper H    HELPER for the scenarios (sipalg, sip, none; default
#                 $HELPER, else sipalg)
#   --only ERE    run the scenarios whose file name matches ERE
#   --fw, --family  FW / FAMILY for the scenarios that do not set their own
#   --timeout S   per scenario (default 120)
#   --list        print the scenarios that would run, and exit
#
# Prints each scenario's own lines, then "# NAME RESULT SECONDS" per
# scenario and "# selftests: N pass, M fail, K skip". A scenario fails
# when it says so, times out, exits without a verdict, or when the kernel
# log gained a problem (WARN, BUG, KASAN, lockdep, ...) while it ran.
# After the scenarios, the helper's modules must unload (refcounts held
# by leaked conntracks or expectations would keep them in). Exit status
# 0 only if nothing failed.

set -u

here=$(cd "$(dirname "$0")" && pwd -P)
scen_dir=$(cd "$here/../scenarios" && pwd -P)
: "${HELPER:=sipalg}"
only=
timeout=120
list=0

usage() {
	awk 'NR > 3 && /^#/ { sub(/^# ?/, ""); print; next } NR > 3 { exit }' "$0" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--helper) HELPER=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	--fw) export FW=$2; shift 2 ;;
	--family) export FAMILY=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--list) list=1; shift ;;
	-h|--help) usage ;;
	*) usage ;;
	esac
done
export HELPER

scenarios=()
for f in "$scen_dir"/[0-9]*.sh; do
	[ -e "$f" ] || continue
	n=$(basename "$f" .sh)
	[ -z "$only" ] || echo "$n" | grep -Eq -- "$only" || continue
	scenarios+=("$f")
done
if [ "$list" = 1 ]; then
	for f in "${scenarios[@]}"; do basename "$f" .sh; done
	exit 0
fi
if [ "${SIPALG_VM:-0}" != 1 ]; then
	echo "SKIP: run-scenarios.sh: not in a sipalg VM (use selftests/selftests.sh)"
	exit 4
fi
[ ${#scenarios[@]} -gt 0 ] || { echo "run-scenarios.sh: no scenario matches '$only'" >&2; exit 2; }

# As run.sh, for the lines the kernel adds while one scenario runs.
kpat='BUG:|WARNING:|UBSAN:|Oops|Kernel panic|kernel BUG at|general protection fault|unreferenced object|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|bad unlock balance|lock held when returning|INFO: task .* blocked for more than|detected stall|soft lockup|hard LOCKUP|list_(add|del) corruption'

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

npass=0 nfail=0 nskip=0
summary=()
result() { # NAME RESULT SECONDS
	summary+=("$(printf '# %-28s %-4s %6ss' "$1" "$2" "$3")")
	case $2 in
	PASS) npass=$((npass + 1)) ;;
	SKIP) nskip=$((nskip + 1)) ;;
	*) nfail=$((nfail + 1)) ;;
	esac
}

echo "# selftests: HELPER=$HELPER FW=${FW:-nft} FAMILY=${FAMILY:-4}" \
	"kernel $(uname -r), ${#scenarios[@]} scenario(s)"
for f in "${scenarios[@]}"; do
	n=$(basename "$f" .sh)
	echo "# --- $n"
	klines=$(dmesg | wc -l)
	t0=$(now)
	timeout -k 5 "$timeout" bash "$f"
	rc=$?
	t1=$(now)
	kprob=$(dmesg | tail -n +$((klines + 1)) | grep -E "$kpat")
	case $rc in
	0) r=PASS ;;
	4) r=SKIP ;;
	124|137) r=FAIL; echo "FAIL: $n: timed out after ${timeout}s" ;;
	*) r=FAIL ;;
	esac
	if [ -n "$kprob" ]; then
		echo "FAIL: $n: kernel log problems while it ran:"
		echo "$kprob" | head -n 20 | sed 's/^/#   /'
		r=FAIL
	fi
	result "$n" "$r" "$(secs "$t0" "$t1")"
done

# The modules of the helper must unload once every namespace is gone. A
# namespace's conntracks go away in a deferred cleanup: retry for a while.
unload() {
	local m
	for m; do
		grep -q "^$m " /proc/modules || continue
		rmmod "$m" 2>/dev/null || return 1
	done
}
case $HELPER in
sipalg) mods="nf_nat_sipalg nf_conntrack_sipalg" ;;
sip) mods="nf_nat_sip nf_conntrack_sip" ;;
*) mods= ;;
esac
loaded=
for m in $mods; do
	grep -q "^$m " /proc/modules && loaded="$loaded $m"
done
loaded=${loaded# }
# Only what the scenarios loaded (none when all skipped, or HELPER=none).
if [ -n "$loaded" ]; then
	klines=$(dmesg | wc -l)
	t0=$(now)
	ok=0
	end=$(($(date +%s) + 10))
	while :; do
		unload $loaded && { ok=1; break; }
		[ "$(date +%s)" -lt "$end" ] || break
		sleep 0.1
	done
	if [ "$ok" = 1 ]; then
		echo "PASS: module-unload: $loaded"
		result module-unload PASS "$(secs "$t0" "$(now)")"
	else
		echo "FAIL: module-unload: still loaded after 10 s:"
		grep -E "^(${loaded// /|}) " /proc/modules | sed 's/^/#   /'
		result module-unload FAIL "$(secs "$t0" "$(now)")"
	fi
	kprob=$(dmesg | tail -n +$((klines + 1)) | grep -E "$kpat")
	if [ -n "$kprob" ]; then
		echo "FAIL: module-unload: kernel log problems:"
		echo "$kprob" | head -n 20 | sed 's/^/#   /'
		result module-unload-log FAIL 0
	fi
fi

printf '%s\n' "${summary[@]}"
echo "# selftests: $npass pass, $nfail fail, $nskip skip"
[ "$nfail" = 0 ]
