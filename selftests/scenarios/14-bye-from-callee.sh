#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# As 10-outbound-call, but the callee hangs up: pv's BYE goes to the
# Contact ph1's INVITE carried as pv received it (the router's public
# address when NATed) and must reach ph1 through the signalling flow's
# reply direction. Media both ways during the call; after the BYE the
# pinhole is closed and no expectation remains.

. "$(dirname "$0")/../lib/topo.sh"
scenario_init
topo_setup
call_start callee-bye
call_wait
media_wait_files 10 "$TOPO_DIR/ph1.rtp" "$TOPO_DIR/pv.rtp" ||
	ksft_fail "rtp.py did not finish"
media_both_ways || ksft_fail "no media both ways: $MEDIA_REPORT"
read -r ip port _ <"$TOPO_DIR/pv.offer"
media_probe_blocked "$NS_PV" "$(addr PV)" $((PV_RTP + 10)) "$ip" "$port" \
	"$NS_PH1" "$PH1_RTP" || ksft_fail "pinhole still open after BYE"
scenario_end "$MEDIA_REPORT"
