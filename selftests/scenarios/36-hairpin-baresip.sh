#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hairpin with real software: two baresip phones behind the same NAT
# (ph1, ph2) register at kamailio outside, and ph1 calls ph2 through it.
# kamailio is a proxy: the SDP it relays is the other phone's, as the
# router rewrote it (the router's public address and that phone's public
# media port).  The media of each phone to that public address must come
# back in through the router to the other phone (28 does the same with a
# B2BUA and sipp; this one runs over TCP too, TRANSPORT=tcp).
case $(uname -r) in
*-debug) : "${TALK_S:=6}" ;;
*) : "${TALK_S:=3}" ;;
esac
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || ksft_skip "hairpin handling is sipalg's (HELPER=$HELPER)"
command -v socat >/dev/null || ksft_skip "socat not installed"
topo_setup
ph1=$(addr PH1) ph2=$(addr PH2) pv=$(addr PV) pub=$(addr RT_WAN)

media_watch "$NS_PH1" "$PH1_RTP"
media_watch "$NS_PH2" "$PH2_RTP"
kamailio_start "$NS_PV" "$pv"
baresip_start "$NS_PH1" ph1 "$ph1" 5060 "$PH1_RTP" "$pv"
baresip_start "$NS_PH2" ph2 "$ph2" 5060 "$PH2_RTP" "$pv"
baresip_wait_registered ph1 ph2
log "kamailio's contacts: $(sed -n 's/.*sipalg-test: contact <\([^>]*\)>.*/\1/p' "$TOPO_DIR/kamailio.log" | sort -u | tr '\n' ' ')"

baresip_cmd "$NS_PH1" "/dial sip:ph2@$(hostport "$pv" 5060)"
for who in ph1 ph2; do
	wait_for $((START_WAIT + 10)) baresip_log_has "$who" 'Call established' ||
		ksft_fail "hairpin call: $who never established: $(baresip_log_tail "$who")"
done
sleep "$TALK_S"
# the router's view during the call, kept with a failure's logs
nsx "$NS_RT" "$REPO_DIR/tools/sipalg/sipalg" show calls -v >"$TOPO_DIR/calls.txt" 2>&1
nsx "$NS_RT" conntrack -L expect >"$TOPO_DIR/expect.txt" 2>&1
nsx "$NS_RT" conntrack -L -p udp >"$TOPO_DIR/conntrack.txt" 2>&1
# where each phone's audio came from (hairpin: DNAT only, the other's
# private address)
rtp_from() {
	tr '\r' '\n' <"$TOPO_DIR/$1.baresip.log" |
		sed -n 's/.*incoming rtp for .audio. established, receiving from \([^ ]*\).*/\1/p' |
		head -n 1
}
baresip_cmd "$NS_PH1" /hangup
for who in ph1 ph2; do
	wait_for 20 baresip_log_has "$who" 'terminated|session closed' ||
		ksft_fail "hairpin call: $who did not see the hangup"
done
a=$(media_packets "$NS_PH1" "$PH1_RTP")
b=$(media_packets "$NS_PH2" "$PH2_RTP")
min=$((MEDIA_MIN * TALK_S))
report="ph1 got ${a:-?}, ph2 got ${b:-?} RTP packets in ${TALK_S}s (min $min)"
log "media: $report; ph1 hears $(rtp_from ph1), ph2 hears $(rtp_from ph2)"
[ "${a:-0}" -ge "$min" ] && [ "${b:-0}" -ge "$min" ] ||
	ksft_fail "no hairpin audio both ways: $report"
baresip_stop "$NS_PH1" ph1
baresip_stop "$NS_PH2" ph2
scenario_end "hairpin between two baresips through kamailio over $TRANSPORT: $report"
