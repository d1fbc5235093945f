#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Control: the outbound call of 10-outbound-call with no helper attached
# (HELPER=none, whatever the suite runs with). Signalling works through
# masquerade, but the callee sends RTP to the caller's private address
# and nothing opens the router's forward policy, so the media check must
# fail. PASS means the checks can fail: a harness that passes this call
# without a helper would prove nothing about one.

HELPER=none
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
topo_setup
call_start bye
call_wait
media_wait_files 10 "$TOPO_DIR/ph1.rtp" "$TOPO_DIR/pv.rtp" ||
	ksft_fail "rtp.py did not finish"
if media_both_ways; then
	ksft_fail "media flowed both ways without a helper: the check proves nothing"
fi
scenario_end "media check failed as it must: $MEDIA_REPORT"
