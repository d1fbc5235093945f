#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# As 15-media-server-peer-only, with the policy that admits any media
# source (sipalg media_src=2, in-tree sip_direct_media=0): now the media
# server's RTP to the address in the rewritten offer must reach ph1, both
# ways, through the pinhole alone. SKIP when the helper has no such knob;
# FAILs without a helper.

. "$(dirname "$0")/../lib/topo.sh"
scenario_init
media_policy any || ksft_skip "HELPER=$HELPER has no media source policy knob"
PV_MEDIA_ADDR=$(addr PV_MEDIA)
topo_setup
call_start bye
call_wait
media_wait_files 10 "$TOPO_DIR/ph1.rtp" "$TOPO_DIR/pv.rtp" ||
	ksft_fail "rtp.py did not finish"
media_both_ways || ksft_fail "no media both ways with the media server: $MEDIA_REPORT"
read -r ip port _ <"$TOPO_DIR/pv.offer"
media_probe_blocked "$NS_PV" "$PV_MEDIA_ADDR" $((PV_RTP + 10)) "$ip" "$port" \
	"$NS_PH1" "$PH1_RTP" || ksft_fail "pinhole still open after BYE"
scenario_end "$MEDIA_REPORT"
