#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The callee's SDP names a media server (203.0.113.20 / 2001:db8:203::20),
# not its signalling address. With the default policy (pinholes admit only
# the signalling peer: sipalg media_src=0, in-tree sip_direct_media=1),
# the media server's RTP must NOT reach ph1, while ph1's RTP to it goes
# out as any LAN traffic. Without a helper this passes too (nothing gets
# in): 16-media-server-any is the half that needs the helper.

. "$(dirname "$0")/../lib/topo.sh"
scenario_init
media_policy peer || [ "$HELPER" = none ] ||
	ksft_skip "HELPER=$HELPER has no media source policy knob"
PV_MEDIA_ADDR=$(addr PV_MEDIA)
topo_setup
call_start bye
call_wait
media_wait_files 10 "$TOPO_DIR/ph1.rtp" "$TOPO_DIR/pv.rtp" ||
	ksft_fail "rtp.py did not finish"
media_both_ways || true
a=$(media_packets "$NS_PH1" "$PH1_RTP")
b=$(media_packets "$NS_PV" "$PV_RTP")
[ "${b:-0}" -ge "$MEDIA_MIN" ] ||
	ksft_fail "ph1's media did not reach the media server: $MEDIA_REPORT"
[ "${a:-0}" = 0 ] ||
	ksft_fail "media from $PV_MEDIA_ADDR (not the signalling peer) got in: $MEDIA_REPORT"
scenario_end "media server blocked: $MEDIA_REPORT"
