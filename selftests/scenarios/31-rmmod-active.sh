#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# rmmod of both modules while a call is active (media flowing, pinholes
# open): after the rules that hold the helper are gone, both modules must
# unload at once, leave no expectation behind, and the kernel log must stay
# clean (the runner checks it).  The signalling flow itself survives,
# without a helper.
# the call is still up when the modules go (much longer on a slow *-debug kernel)
case $(uname -r) in
*-debug) : "${CALL_MS:=30000}" "${SIPP_TIMEOUT:=150}" ;;
*) : "${CALL_MS:=10000}" ;;
esac
# once the modules are gone nothing rewrites the rest of the call (the
# BYE): private addresses on the wire are what this scenario expects
export WIRE_CHECK=0
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || ksft_skip "rmmod of sipalg needs HELPER=sipalg"
topo_setup
call_start bye
for i in $(seq 100); do
	nsx "$NS_RT" conntrack -L expect 2>/dev/null | grep -q helper=sipalg && break
	sleep 0.1
done
nsx "$NS_RT" conntrack -L expect 2>/dev/null | grep -q helper=sipalg ||
	ksft_fail "the call opened no pinhole"
# The ct helper objects hold a reference on the module: remove the rules.
case $FW in
nft) nsx "$NS_RT" nft delete table inet sipalg_topo ;;
iptables) nsx "$NS_RT" iptables -t raw -F; nsx "$NS_RT" ip6tables -t raw -F ;;
esac
ok=0
for i in $(seq 100); do
	if rmmod nf_nat_sipalg 2>/dev/null || ! grep -q '^nf_nat_sipalg ' /proc/modules; then
		rmmod nf_conntrack_sipalg 2>/dev/null && { ok=1; break; }
	fi
	sleep 0.1
done
[ "$ok" = 1 ] || ksft_fail "rmmod during the call failed: $(grep sipalg /proc/modules)"
left=$(nsx "$NS_RT" conntrack -L expect 2>/dev/null | grep -c helper=sipalg)
[ "$left" = 0 ] || ksft_fail "$left expectations of sipalg left after rmmod"
nsx "$NS_RT" conntrack -L 2>/dev/null | grep -q helper=sipalg &&
	ksft_fail "a conntrack still names helper sipalg after rmmod"
wait "$SIPP_PID_uac" "$SIPP_PID_uas" 2>/dev/null
scenario_end "unloaded during the call; no expectation or helper reference left"
