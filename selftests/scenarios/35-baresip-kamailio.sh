#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Real SIP software end to end: baresip as the phone behind the NAT,
# kamailio as the provider's registrar and record-routing proxy, and a
# second baresip as the provider-side phone (lib/peers.sh).  kamailio has
# no NAT traversal of its own, so only sipalg's rewriting of Via and
# Contact makes this work.
#  1. both phones register; kamailio stores ph1's contact as the router's
#     public address, and sipalg shows the registration;
#  2. pv calls ph1 through kamailio (the INVITE goes to the stored
#     contact), ph1 answers by itself: a real audio stream both ways
#     (PCMU, 50 packets/s), pv hangs up;
#  3. ph1 calls pv through kamailio, pv answers: audio both ways, ph1
#     hangs up;
#  4. both quit, which unregisters them: nothing is left in the router.
case $(uname -r) in
*-debug) : "${TALK_S:=6}" ;;
*) : "${TALK_S:=3}" ;;
esac
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || [ "$HELPER" = none ] ||
	ksft_skip "HELPER=$HELPER: the registration is sipalg's"
command -v socat >/dev/null || ksft_skip "socat not installed"
topo_setup
S=$REPO_DIR/tools/sipalg/sipalg
ph=$(addr PH1) pv=$(addr PV) pub=$(addr RT_WAN)

media_watch "$NS_PH1" "$PH1_RTP"
media_watch "$NS_PV" "$PV_RTP"
kamailio_start "$NS_PV" "$pv"
baresip_start "$NS_PV" pv "$pv" 5070 "$PV_RTP" "$pv"
baresip_start "$NS_PH1" ph1 "$ph" 5060 "$PH1_RTP" "$pv"

# 1. registered: kamailio's 200 (one binding) reached both
baresip_wait_registered pv ph1
contact=$(sed -n 's/.*sipalg-test: contact <sip:ph1[^@]*@\([^>;]*\).*/\1/p' \
	"$TOPO_DIR/kamailio.log" | tail -n 1)
log "kamailio stored ph1's contact $contact"
case $contact in
"$(hostport "$pub" "")"*) ;;
*) [ "$HELPER" = none ] ||
	ksft_fail "kamailio stored ph1's contact $contact, not the public $pub" ;;
esac
if [ "$HELPER" = sipalg ]; then
	nsx "$NS_RT" "$S" -j show registrations >"$TOPO_DIR/regs.json" ||
		ksft_fail "show registrations failed"
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["registrations"]
sys.exit(0 if any(x["contact"] == sys.argv[2] and x["public"] == sys.argv[3]
		  and x["active"] for x in r) else 1)' \
		"$TOPO_DIR/regs.json" "$ph" "$pub" ||
		ksft_fail "show registrations: $(cat "$TOPO_DIR/regs.json")"
fi

# talk FROM_NS FROM TO_URI N: FROM dials TO_URI, both ends see the call
# established (the N-th time), audio flows TALK_S seconds, FROM hangs up.
# Sets TALK_REPORT; fails unless both ends got MEDIA_MIN x TALK_S packets.
talk() {
	local ns=$1 from=$2 uri=$3 n=$4 a0 b0 a b min
	a0=$(media_packets "$NS_PH1" "$PH1_RTP") b0=$(media_packets "$NS_PV" "$PV_RTP")
	baresip_cmd "$ns" "/dial $uri"
	for who in pv ph1; do
		wait_for $((START_WAIT + 10)) baresip_log_has "$who" 'Call established' "$n" ||
			ksft_fail "call $n ($from -> $uri): $who never established: $(baresip_log_tail "$who")"
	done
	sleep "$TALK_S"
	baresip_cmd "$ns" /hangup
	for who in pv ph1; do
		wait_for 20 baresip_log_has "$who" 'terminated|session closed' "$n" ||
			ksft_fail "call $n: $who did not see the hangup"
	done
	a=$(media_packets "$NS_PH1" "$PH1_RTP") b=$(media_packets "$NS_PV" "$PV_RTP")
	a=$((a - a0)) b=$((b - b0))
	min=$((MEDIA_MIN * TALK_S))
	TALK_REPORT="call $n ($from): ph1 got $a, pv got $b RTP packets in ${TALK_S}s (min $min)"
	log "$TALK_REPORT"
	[ "$a" -ge "$min" ] && [ "$b" -ge "$min" ] ||
		ksft_fail "no audio both ways: $TALK_REPORT"
}

# 2. incoming, through the registration
talk "$NS_PV" pv "sip:ph1@$(hostport "$pv" 5060)" 1
r1=$TALK_REPORT
# 3. outgoing
talk "$NS_PH1" ph1 "sip:pv@$(hostport "$pv" 5060)" 2
r2=$TALK_REPORT

# 4. unregistered (kamailio's 200 to the Expires 0): nothing left
baresip_stop "$NS_PH1" ph1
baresip_stop "$NS_PV" pv
if [ "$HELPER" = sipalg ]; then
	no_regs() {
		nsx "$NS_RT" "$S" -j show registrations 2>/dev/null |
			python3 -c 'import json, sys; sys.exit(1 if json.load(sys.stdin)["registrations"] else 0)'
	}
	wait_for 10 no_regs || ksft_fail "ph1's registration left after it quit"
fi
scenario_end "baresip behind the NAT registered at kamailio as $contact; $r1; $r2"
