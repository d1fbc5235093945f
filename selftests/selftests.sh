#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host side of "make selftests": boot ONE VM and run the SIP scenarios in it
# (selftests/lib/run-scenarios.sh), in fresh network namespaces each.
#
#   selftests.sh [options]
#
#   --abi ABI          Debian kernel ABI to boot (see vm/run.sh; default
#                      $SIPALG_ABI, else the newest installed headers')
#   --kernel-dir DIR   boot this kernel instead (vm/run.sh --kernel-dir)
#   --helper H         sipalg (default; loads $SIPALG_KO_DIR/*.ko), sip (the
#                      in-tree nf_conntrack_sip, to validate the harness),
#                      none (attach nothing: media checks must fail)
#   --only ERE         only the scenarios whose name matches ERE
#   --fw nft|iptables  how the router attaches the helper (default nft)
#   --transport udp|tcp  SIP transport of the sipp scenarios (default udp)
#   --beside-sip       load the in-tree nf_conntrack_sip and nf_nat_sip
#                      too (HELPER=sipalg): both helpers side by side
#   --family 4|6       address family of the calls (default 4)
#   --timeout S        per scenario (default 120)
#   --vm-timeout S     for the whole VM (default: scenarios x timeout + 120)
#   --out DIR          keep the console, dmesg and failed scenarios' logs
#                      in DIR (default: a temp dir, kept only on failure)
#   --kmemleak         scan kmemleak after the run (kernels that have it)
#   -v                 stream the whole console, boot included
#   --list             list the scenarios that would run
#
# Environment: SIPALG_KO_DIR (default: the repository root) is passed to
# the guest. Exit status: 0 all passed (or skipped); 1 a scenario failed;
# 124 the VM timed out; 125 no status from the guest; 126 the kernel log
# had problems (whatever the scenarios said).

set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/.." && pwd -P)
vm=()
guest=()
timeout=120
vm_timeout=
list=0

usage() {
	awk 'NR > 3 && /^#/ { sub(/^# ?/, ""); print; next } NR > 3 { exit }' "$0" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--abi|--kernel-dir|--out) vm+=("$1" "$2"); shift 2 ;;
	--kmemleak|-v) vm+=("$1"); shift ;;
	--helper|--only|--fw|--family) guest+=("$1" "$2"); shift 2 ;;
	--beside-sip) export SIPALG_BESIDE_SIP=1; shift ;;
	--transport) export TRANSPORT=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--vm-timeout) vm_timeout=$2; shift 2 ;;
	--list) list=1; shift ;;
	-h|--help) usage ;;
	*) usage ;;
	esac
done
case $timeout in ''|*[!0-9]*) usage ;; esac

cd "$repo"
# Paths relative to the repository: the VM runs the command in the same
# directory, with the host's root mounted at the same place.
runner=selftests/lib/run-scenarios.sh
n=$("$runner" --list "${guest[@]+"${guest[@]}"}" | wc -l)
if [ "$list" = 1 ]; then
	"$runner" --list "${guest[@]+"${guest[@]}"}"
	exit 0
fi
[ "$n" -gt 0 ] || { echo "selftests.sh: no scenario matches" >&2; exit 2; }
[ -n "$vm_timeout" ] || vm_timeout=$((n * timeout + 120))

env=(-e "SIPALG_KO_DIR=${SIPALG_KO_DIR:-$repo}")
# Knobs the scenarios read, passed through when set.
for v in MEDIA_MIN RTP_COUNT CALL_MS SELFTEST_KEEP SIPALG_CALLS_CMD \
	SIPALG_BESIDE_SIP TRANSPORT; do
	[ -z "${!v+x}" ] || env+=(-e "$v=${!v}")
done

exec "$here/vm/run.sh" --timeout "$vm_timeout" "${vm[@]+"${vm[@]}"}" \
	"${env[@]}" -- "$runner" --timeout "$timeout" "${guest[@]+"${guest[@]}"}"
