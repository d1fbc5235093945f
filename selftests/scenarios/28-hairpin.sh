#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hairpin: ph1 and ph2, behind the same NAT, call each other through a
# server outside (lib/b2bua.py on pv: registrar + back-to-back UA that
# relays each side's SDP untouched).  ph2 registers as "callee"; ph1 calls
# callee@pv.  Each phone then receives an SDP naming the router's public
# address and the OTHER phone's public media port.  Its media to that
# address must come back in through the router to the other phone:
# the helper must neither rewrite that public address into the receiver's
# own private one (it names another mapping) nor leave the media to die
# at the router: it DNATs it like the far end's media (the pinhole that
# owns that public port names the private endpoint).  Media both ways,
# then ph2 unregisters: nothing is left.
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || ksft_skip "hairpin handling is sipalg's (HELPER=$HELPER)"
topo_setup
ph1=$(addr PH1) ph2=$(addr PH2) pv=$(addr PV) pub=$(addr RT_WAN)

nsx "$NS_PV" python3 "$LIB_DIR/b2bua.py" "$pv" --log "$TOPO_DIR/b2bua.log" \
	>"$TOPO_DIR/b2bua.out" 2>&1 &
b2b=$!
b2b_ready() { kill -0 "$b2b" 2>/dev/null || return 2; sip_listening "$NS_PV" "$pv" 5060; }
wait_for "$START_WAIT" b2b_ready || ksft_fail "b2bua not listening: $(cat "$TOPO_DIR/b2bua.out")"
cleanup_b2b() { kill "$b2b" 2>/dev/null; }

register() { # EXPIRES CSEQ
	reg_uac_xml "$1" "$2" callee >"$TOPO_DIR/reg$2.xml"
	sipp_run "$NS_PH2" "reg$2" "$ph2" "$(hostport "$pv" 5060)" \
		-cid_str "reg-ph2-$TOPO_ID"
	eval "wait \$SIPP_PID_reg$2" || { cleanup_b2b; ksft_fail "REGISTER expires=$1 of ph2 failed"; }
}
register 300 1

uas_xml bye "$ph2" "$PH1_RTP" ph2 >"$TOPO_DIR/uas.xml"
uac_xml bye "$ph1" "$PH1_RTP" ph1 >"$TOPO_DIR/uac.xml"
media_watch "$NS_PH1" "$PH1_RTP"
media_watch "$NS_PH2" "$PH1_RTP"
media_start "$NS_PH2" ph2 "$ph2" "$PH1_RTP" 0 "$TOPO_DIR/ph2.sdp"
media_start "$NS_PH1" ph1 "$ph1" "$PH1_RTP" "$RTP_CALLER_DELAY" \
	"$TOPO_DIR/ph1.sdp" "$RTP_COUNT" --after "$TOPO_DIR/ph2.first"
media_wait_files 30 "$TOPO_DIR/ph1.ready" "$TOPO_DIR/ph2.ready" ||
	{ cleanup_b2b; ksft_fail "rtp.py did not start"; }
sipp_run "$NS_PH2" uas "$ph2"
ph2_ready() { kill -0 "$SIPP_PID_uas" 2>/dev/null || return 2; sip_listening "$NS_PH2" "$ph2" 5060; }
wait_for "$START_WAIT" ph2_ready || { cleanup_b2b; ksft_fail "ph2's sipp not listening"; }
sipp_run "$NS_PH1" uac "$ph1" "$(hostport "$pv" 5060)"
rc1=0 rc2=0
wait "$SIPP_PID_uac" || rc1=$?
wait "$SIPP_PID_uas" || rc2=$?
[ $rc1 = 0 ] && [ $rc2 = 0 ] ||
	{ cleanup_b2b; ksft_fail "hairpin call failed (ph1 rc=$rc1, ph2 rc=$rc2)"; }
media_wait_files 15 "$TOPO_DIR/ph1.rtp" "$TOPO_DIR/ph2.rtp" ||
	{ cleanup_b2b; ksft_fail "rtp.py did not finish"; }
read -r a1 p1 _ <"$TOPO_DIR/ph1.sdp"
read -r a2 p2 _ <"$TOPO_DIR/ph2.sdp"
log "ph1 was told $(hostport "$a1" "$p1"), ph2 was told $(hostport "$a2" "$p2")"
a=$(media_packets "$NS_PH1" "$PH1_RTP")
b=$(media_packets "$NS_PH2" "$PH1_RTP")
report="ph1 got ${a:-?}, ph2 got ${b:-?} RTP packets (min $MEDIA_MIN)"
log "ph1 rtp.py: $(cat "$TOPO_DIR/ph1.rtp")"
log "ph2 rtp.py: $(cat "$TOPO_DIR/ph2.rtp")"
[ "$a1" = "$pub" ] && [ "$a2" = "$pub" ] ||
	{ cleanup_b2b; ksft_fail "the phones were not told the public address: $a1, $a2"; }
[ "${a:-0}" -ge "$MEDIA_MIN" ] && [ "${b:-0}" -ge "$MEDIA_MIN" ] ||
	{ cleanup_b2b; ksft_fail "no hairpin media both ways: $report"; }
register 0 2
cleanup_b2b
scenario_end "hairpin through $pub: $report"
