#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A call whose offer and answer carry four m= lines (sip.sh SDP_STREAMS=4):
# audio (RTCP at port+1), video with a=rtcp on an odd port, audio with
# rtcp-mux, text with a=rtcp naming port and address.  Each side gets
# exactly its 7 pinholes (RTP for each line, RTCP for all but the muxed
# one, at the ports a=rtcp names), all NATed for ph1, and media flows on
# the first stream.
export SDP_STREAMS=4
# the pinholes are read from "sipalg show calls" while the call is up: a
# call long enough for a loaded TCG guest to look (2.5 s was once missed)
case $(uname -r) in *-debug) ;; *) : "${CALL_MS:=10000}" ;; esac
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || ksft_skip "checks the pinholes through the sipalg CLI"
S=$REPO_DIR/tools/sipalg/sipalg
[ -x "$S" ] || ksft_skip "tools/sipalg/sipalg not built (make tools)"
topo_setup
call_start bye
j() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$2"; }
confirmed() {
	nsx "$NS_RT" "$S" -j show calls -v >"$TOPO_DIR/calls.json" 2>/dev/null &&
		j 'len(d["calls"]) == 1 and d["calls"][0]["state"] == "confirmed" and len(d["calls"][0]["streams"]) == 8' \
			"$TOPO_DIR/calls.json"
}
wait_for 60 confirmed || ksft_fail "no confirmed call with 8 streams: $(cat "$TOPO_DIR/calls.json")"
python3 - "$TOPO_DIR/calls.json" "$PH1_RTP" "$PV_RTP" <<'PY' || ksft_fail "wrong pinholes: $(cat "$TOPO_DIR/calls.json")"
import json, sys
c = json.load(open(sys.argv[1]))["calls"][0]
ok = True
for side, base in (("original", int(sys.argv[2])), ("reply", int(sys.argv[3]))):
    want = {0: (base, base + 1), 1: (base + 10, base + 15),
            2: (base + 20, None), 3: (base + 30, base + 41)}
    for s in c["streams"]:
        if s["side"] != side:
            continue
        port, rtcp = want.pop(s["index"])
        got = (s["port"], s["rtcp_port"], s["rtcp_mux"], s["rtp_pinhole"] not in (None, "none"),
               s["rtcp_pinhole"] not in (None, "none"))
        exp = (port, rtcp, rtcp is None, True, rtcp is not None)
        if got != exp:
            print("# %s m=%d: got %s want %s" % (side, s["index"], got, exp))
            ok = False
        if side == "original" and (not s["public_port"] or
                                   (rtcp and not s["public_rtcp_port"])):
            print("# %s m=%d: not NATed: %s" % (side, s["index"], s))
            ok = False
    if want:
        print("# %s: streams missing: %s" % (side, sorted(want)))
        ok = False
sys.exit(0 if ok else 1)
PY
nsx "$NS_RT" "$S" -j stats >"$TOPO_DIR/stats.json"
j 'd["counters"]["pinholes_created"] == 14 and d["counters"]["pinhole_failed"] == 0' "$TOPO_DIR/stats.json" ||
	ksft_fail "not exactly 14 pinholes: $(cat "$TOPO_DIR/stats.json")"
call_wait
media_wait_files 10 "$TOPO_DIR/ph1.rtp" "$TOPO_DIR/pv.rtp" ||
	ksft_fail "rtp.py did not finish"
media_both_ways || ksft_fail "no media both ways on the first stream: $MEDIA_REPORT"
scenario_end "4 m= lines each side: 14 pinholes as the SDP says; $MEDIA_REPORT"
