#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ph1 and ph2 call the same far end at the same time, with the same
# private SIP and RTP ports (5060, 20000: all phones of one model look
# alike). Masquerade gives the second signalling flow another public port.
# The two offers may name the same public media address (the in-tree
# helper reuses 203.0.113.1:20000 once the first call's pinhole is used:
# the media flows still differ by the far end's port) or different ones;
# either way the helper must keep the calls apart: each phone gets media
# both ways, and only from its own call.
#
# pv runs one sipp UAS for both calls: the N-th call it sees answers with
# media port 3000N and records its SDP in pvN.offer / pvN.sdp.

. "$(dirname "$0")/../lib/topo.sh"
scenario_init
topo_setup

pv=$(addr PV)
# The UAS of call_start's "bye" flow, made per call (sipp's assignstr
# takes keywords; the exec commands take [call_number] too).
uas_xml bye "$pv" '[$mport]' |
	sed -e "0,/<action>/s//<action>\n      <assignstr assign_to=\"mport\" value=\"3000[call_number]\"\/>/" \
	    -e "s|$TOPO_DIR/pv.offer|$TOPO_DIR/pv[call_number].offer|" \
	    -e "s|$TOPO_DIR/pv.sdp|$TOPO_DIR/pv[call_number].sdp|" \
	    >"$TOPO_DIR/uas.xml"
for n in 1 2; do
	eval ns=\$NS_PH$n
	uac_xml bye "$(addr PH$n)" "$PH1_RTP" "ph$n" >"$TOPO_DIR/uac$n.xml"
	media_watch "$ns" "$PH1_RTP"
	media_watch "$NS_PV" "3000$n"
	media_start "$NS_PV" "pv$n" "$pv" "3000$n" 0
	# Callee media first, as in call_start: the phones wait for both.
	media_start "$ns" "ph$n" "$(addr PH$n)" "$PH1_RTP" "$RTP_CALLER_DELAY" \
		"$TOPO_DIR/ph$n.sdp" "$RTP_COUNT" \
		--after "$TOPO_DIR/pv1.first" --after "$TOPO_DIR/pv2.first"
done
media_wait_files 30 "$TOPO_DIR"/ph1.ready "$TOPO_DIR"/ph2.ready \
	"$TOPO_DIR"/pv1.ready "$TOPO_DIR"/pv2.ready ||
	ksft_fail "rtp.py did not start"

sipp_run "$NS_PV" uas "$pv" -m 2
wait_for 10 uas_ready "$pv" ||
	ksft_fail "sipp uas not listening: $(tail -n 3 "$TOPO_DIR/uas.out")"
sipp_run "$NS_PH1" uac1 "$(addr PH1)" "$(hostport "$pv" 5060)"
sipp_run "$NS_PH2" uac2 "$(addr PH2)" "$(hostport "$pv" 5060)"
rc1=0 rc2=0 rcs=0
wait "$SIPP_PID_uac1" || rc1=$?
wait "$SIPP_PID_uac2" || rc2=$?
wait "$SIPP_PID_uas" || rcs=$?
[ $rc1 = 0 ] && [ $rc2 = 0 ] && [ $rcs = 0 ] ||
	ksft_fail "signalling failed (uac1 rc=$rc1, uac2 rc=$rc2, uas rc=$rcs)"
media_wait_files 15 "$TOPO_DIR"/ph1.rtp "$TOPO_DIR"/ph2.rtp \
	"$TOPO_DIR"/pv1.rtp "$TOPO_DIR"/pv2.rtp ||
	ksft_fail "rtp.py did not finish"

read -r ip1 port1 _ <"$TOPO_DIR/pv1.offer"
read -r ip2 port2 _ <"$TOPO_DIR/pv2.offer"
log "offers as pv saw them: $(hostport "$ip1" "$port1"), $(hostport "$ip2" "$port2")"
report=
ok=1
for n in 1 2; do
	eval ns=\$NS_PH$n
	a=$(media_packets "$ns" "$PH1_RTP")
	b=$(media_packets "$NS_PV" "3000$n")
	report="${report:+$report; }ph$n got ${a:-?}, pv:3000$n got ${b:-?}"
	log "  ph$n rtp.py: $(cat "$TOPO_DIR/ph$n.rtp")"
	log "  pv$n rtp.py: $(cat "$TOPO_DIR/pv$n.rtp")"
	[ "${a:-0}" -ge "$MEDIA_MIN" ] && [ "${b:-0}" -ge "$MEDIA_MIN" ] || ok=0
	# Each phone hears one stream only: its own call's.
	src=$(sed -n 's/.* from=\([^ ]*\).*/\1/p' "$TOPO_DIR/ph$n.rtp")
	case $src in
	*,*) ksft_fail "ph$n got media from two sources: $src (calls mixed up)" ;;
	esac
done
log "media: $report"
[ $ok = 1 ] || ksft_fail "no media both ways in both calls: $report"
scenario_end "$report"
