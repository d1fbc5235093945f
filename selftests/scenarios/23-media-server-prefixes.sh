#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# As 15-media-server-peer-only, with the "prefixes" media policy set by
# the CLI in the router's netns (sipalg config set): the provider's media
# servers are a configured prefix that does not hold its SIP server.  The
# media server's RTP must now reach ph1 through the pinhole, each pinhole
# being one expectation from the peer and one from the prefix; overlapping
# prefixes are refused; after the BYE nothing is left.
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || ksft_skip "the prefixes policy is sipalg's (HELPER=$HELPER)"
S=$REPO_DIR/tools/sipalg/sipalg
[ -x "$S" ] || ksft_skip "tools/sipalg/sipalg not built (make tools)"
PV_MEDIA_ADDR=$(addr PV_MEDIA)
topo_setup
rt() { nsx "$NS_RT" "$S" "$@"; }

# 203.0.113.20/30 and 2001:db8:203::20/126 hold the media server, not the
# SIP server (.10 / ::10)
rt config set prefixes 203.0.113.20/30,2001:db8:203::20/126 ||
	ksft_fail "config set prefixes failed"
rt config set media_policy prefixes || ksft_fail "config set media_policy prefixes failed"
if rt config set prefixes 198.51.100.0/24,198.51.100.128/25 2>"$TOPO_DIR/overlap"; then
	ksft_fail "overlapping prefixes accepted"
fi
grep -q overlap "$TOPO_DIR/overlap" || ksft_fail "overlap refused without saying so: $(cat "$TOPO_DIR/overlap")"
rt -j config >"$TOPO_DIR/config.json"
python3 - "$TOPO_DIR/config.json" <<'PY' || ksft_fail "config does not show the prefixes: $(cat "$TOPO_DIR/config.json")"
import json, sys
c = json.load(open(sys.argv[1]))["config"]
sys.exit(0 if c["media_policy"] == "prefixes" and
         c["prefixes"] == ["203.0.113.20/30", "2001:db8:203::20/126"] else 1)
PY

call_start bye
# while the call is up: the pinhole toward ph1 is open from the peer and
# from the prefix
prefix=203.0.113.20
[ "$FAMILY" = 6 ] && prefix=2001:db8:203::20
from_prefix() { rt_expectations | grep -q "src=$prefix dst=.*helper=sipalg"; }
wait_for 60 from_prefix ||
	ksft_fail "no pinhole from the prefix: $(rt_expectations)"
call_wait
media_wait_files 10 "$TOPO_DIR/ph1.rtp" "$TOPO_DIR/pv.rtp" ||
	ksft_fail "rtp.py did not finish"
media_both_ways || ksft_fail "no media both ways with the media server in a prefix: $MEDIA_REPORT"
scenario_end "media server admitted by prefix: $MEDIA_REPORT"
