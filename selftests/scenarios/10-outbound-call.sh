#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ph1 (private LAN, masqueraded) calls pv; pv answers; RTP both ways for
# CALL_MS; ph1 hangs up. Each end sends to the address:port the other's
# SDP carried as received, and the router's forward policy lets nothing
# in from outside but established/related flows: media reaches ph1 only
# if the helper rewrote the SDP and opened the pinhole. After the BYE a
# fresh packet to the advertised address must no longer get through.

. "$(dirname "$0")/../lib/topo.sh"
scenario_init
topo_setup
call_start bye
call_wait
media_wait_files 10 "$TOPO_DIR/ph1.rtp" "$TOPO_DIR/pv.rtp" ||
	ksft_fail "rtp.py did not finish"
media_both_ways || ksft_fail "no media both ways: $MEDIA_REPORT"
read -r ip port _ <"$TOPO_DIR/pv.offer"
media_probe_blocked "$NS_PV" "$(addr PV)" $((PV_RTP + 10)) "$ip" "$port" \
	"$NS_PH1" "$PH1_RTP" || ksft_fail "pinhole still open after BYE"
scenario_end "$MEDIA_REPORT"
