#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hold and resume from the outside, twice (sip.sh uas_hold_xml: pv
# re-INVITEs with a=sendonly, ph1 answers a=recvonly, then a=sendrecv),
# while media keeps flowing (music on hold), with the two behaviours that
# break ALGs in the field:
#  - ph1 advertises RTP port 20000 but sends from 20010 (rtp.py
#    --send-from), as many phones do;
#  - pv is a media server that sends to where ph1's media comes from
#    (rtp.py --latch, symmetric RTP), not to the SDP address.
# If ph1's media left the NAT from any public port other than the one its
# (rewritten) SDP announced, pv would latch onto that port and its media
# would go to ph1:20010, where ph1 does not listen: ph1 would hear
# nothing from the first hold on.  sipalg's far-side pinhole SNATs ph1's
# media to the announced public port whatever its source port.
# A debug kernel under load starts the RTP endpoints seconds late, maybe
# only once the first hold is in place: that case on its own is 34.
case $(uname -r) in
*-debug) : "${CALL_MS:=5000}" "${HOLD_MS:=5000}" ;;
*) : "${CALL_MS:=2500}" "${HOLD_MS:=2500}" ;;
esac
export HOLDS=2 HOLD_MS
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
topo_setup
ph=$(addr PH1) pv=$(addr PV)
SEND_PORT=$((PH1_RTP + 10))
# media all along: the whole call at 50 packets/s
count=$(( (HOLDS * 2 * HOLD_MS + CALL_MS) / 20 ))

uas_hold_xml "$pv" "$PV_RTP" >"$TOPO_DIR/uas.xml"
uac_hold_xml "$ph" "$PH1_RTP" >"$TOPO_DIR/uac.xml"
media_watch "$NS_PH1" "$PH1_RTP"
media_watch "$NS_PV" "$PV_RTP"
media_start "$NS_PH1" ph1 "$ph" "$PH1_RTP" "$RTP_CALLER_DELAY" \
	"$TOPO_DIR/ph1.sdp" "$count" --after "$TOPO_DIR/pv.first" \
	--send-from "$SEND_PORT"
media_start "$NS_PV" pv "$pv" "$PV_RTP" 0 "$TOPO_DIR/pv.sdp" "$count" --latch
media_wait_files 30 "$TOPO_DIR/ph1.ready" "$TOPO_DIR/pv.ready" ||
	ksft_fail "rtp.py did not start"
sipp_run "$NS_PV" uas "$pv"
wait_for "$START_WAIT" uas_ready "$pv" ||
	ksft_fail "sipp uas not listening: $(tail -n 3 "$TOPO_DIR/uas.out")"
sipp_run "$NS_PH1" uac "$ph" "$(hostport "$pv" 5060)"
call_wait
media_latched "$count" "$count" "through $HOLDS holds"
scenario_end "$HOLDS holds/resumes, phone sending from another port, latching far end: $MEDIA_REPORT"
