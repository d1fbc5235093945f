#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A phone whose media toward the far end first starts while the far end
# holds the call.  pv re-INVITEs with a=sendonly (music on hold), ph1
# answers a=recvonly and only then starts sending, from another port than
# its SDP advertises (rtp.py --send-from), as a phone's NAT keep-alives do
# on a held stream (RFC 6263 §4); pv latches onto where ph1's media comes
# from (symmetric RTP).  Then pv resumes.
# Hold must not close the pinhole toward pv (RFC 3264 §8.4: hold pauses a
# stream): that pinhole is what makes ph1's media leave from the public
# port its rewritten SDP announced.  Without it ph1's flow leaves from the
# masquerade's port, pv latches onto that, and ph1 hears nothing more for
# the rest of the call.
case $(uname -r) in
# ph1 must start while held: two loaded debug VMs side by side took up to
# 17 s to see the hold and start it
*-debug) : "${CALL_MS:=5000}" "${HOLD_MS:=25000}" ;;
*) : "${CALL_MS:=3000}" "${HOLD_MS:=4000}" ;;
esac
export HOLDS=1 HOLD_MS
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || ksft_skip "the hold marker needs HELPER=sipalg's CLI"
topo_setup
S=$REPO_DIR/tools/sipalg/sipalg
[ -x "$S" ] || ksft_skip "tools/sipalg/sipalg not built (make tools)"
ph=$(addr PH1) pv=$(addr PV)
SEND_PORT=$((PH1_RTP + 10))
# pv: the whole call at 50 packets/s; ph1: from the hold on
pv_count=$(( (2 * HOLD_MS + CALL_MS) / 20 ))
ph_count=$(( (HOLD_MS / 2 + CALL_MS) / 20 ))

# held: the router's sipalg shows pv's stream sendonly (that view kept;
# grep, not python: each poll must be quick on a loaded debug kernel)
held() {
	nsx "$NS_RT" "$S" -j show calls -v >"$TOPO_DIR/calls-held.json" 2>/dev/null &&
		grep -q '"direction":"sendonly"' "$TOPO_DIR/calls-held.json"
}

uas_hold_xml "$pv" "$PV_RTP" >"$TOPO_DIR/uas.xml"
uac_hold_xml "$ph" "$PH1_RTP" >"$TOPO_DIR/uac.xml"
media_watch "$NS_PH1" "$PH1_RTP"
media_watch "$NS_PV" "$PV_RTP"
media_start "$NS_PH1" ph1 "$ph" "$PH1_RTP" 0 "$TOPO_DIR/ph1.sdp" \
	"$ph_count" --after "$TOPO_DIR/held" --send-from "$SEND_PORT"
media_start "$NS_PV" pv "$pv" "$PV_RTP" 0 "$TOPO_DIR/pv.sdp" "$pv_count" \
	--latch
media_wait_files 30 "$TOPO_DIR/ph1.ready" "$TOPO_DIR/pv.ready" ||
	ksft_fail "rtp.py did not start"
sipp_run "$NS_PV" uas "$pv"
wait_for "$START_WAIT" uas_ready "$pv" ||
	ksft_fail "sipp uas not listening: $(tail -n 3 "$TOPO_DIR/uas.out")"
sipp_run "$NS_PH1" uac "$ph" "$(hostport "$pv" 5060)"
wait_for $((HOLD_MS / 1000 + 30)) held ||
	ksft_fail "pv's hold never showed in show calls"
touch "$TOPO_DIR/held"
log "held: ph1 starts sending now"
# in that same view, held: the pinhole toward pv is still there
python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if any(s.get("direction") == "sendonly" and
		  s.get("rtp_pinhole") in ("waiting", "used")
		  for c in d["calls"] for s in c.get("streams", [])) else 1)' \
	"$TOPO_DIR/calls-held.json" ||
	ksft_fail "hold closed the pinhole toward pv: $(cat "$TOPO_DIR/calls-held.json")"
call_wait
media_latched "$pv_count" "$ph_count" "after ph1 started on hold"
scenario_end "phone starting media on hold, from another port, latching far end: $MEDIA_REPORT"
