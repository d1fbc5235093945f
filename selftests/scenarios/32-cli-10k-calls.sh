#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A dump of 10,000 calls is complete and correct: 10,000 INVITEs with
# distinct Call-IDs go from ph1 through the router (no SDP: no pinholes),
# then "sipalg -j show calls" must list exactly those Call-IDs, once each,
# across the many netlink messages of the dump (and its retries if a dump
# raced with a change: NLM_F_DUMP_INTR).  Calls are listed by the public
# spelling of their Call-IDs (the router's address for the phone's).
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || ksft_skip "needs HELPER=sipalg"
[ "$FAMILY" = 4 ] || ksft_skip "IPv4 only"
topo_setup
S=$REPO_DIR/tools/sipalg/sipalg
[ -x "$S" ] || ksft_skip "tools/sipalg/sipalg not built (make tools)"
N=10000
nsx "$NS_RT" "$S" config set max_calls 20000 || ksft_fail "config set max_calls"
nsx "$NS_PH1" python3 - "$(addr PH1)" "$(addr PV)" "$N" <<'PY'
import socket, sys, time
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((src, 5060))
for i in range(n):
    m = ("INVITE sip:callee@%s SIP/2.0\r\nVia: SIP/2.0/UDP %s:5060;branch=z9hG4bK-%d\r\n"
         "From: <sip:caller@%s>;tag=t%d\r\nTo: <sip:callee@%s>\r\nCall-ID: bulk-%05d@%s\r\n"
         "CSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n") % (dst, src, i, src, i, dst, i, src)
    s.sendto(m.encode(), (dst, 5060))
    if i % 200 == 199:
        time.sleep(0.01)	# do not overrun the veth queue
PY
# wait until the router saw them all
for i in $(seq 120); do
	n=$(nsx "$NS_RT" "$S" -j stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["counters"]["calls_active"])')
	[ "$n" -ge "$N" ] && break
	sleep 0.5
done
[ "${n:-0}" -ge "$N" ] || ksft_fail "router has $n calls, want $N"
t0=$(date +%s.%N)
nsx "$NS_RT" "$S" -j show calls >"$TOPO_DIR/calls.json" || ksft_fail "show calls failed"
t1=$(date +%s.%N)
python3 - "$TOPO_DIR/calls.json" "$N" "$(addr RT_WAN)" <<'PY' || ksft_fail "the dump is incomplete or wrong"
import json, sys
calls = json.load(open(sys.argv[1]))["calls"]
n = int(sys.argv[2])
ids = [c["call_id"] for c in calls]
want = {"bulk-%05d@%s" % (i, sys.argv[3]) for i in range(n)}
if len(ids) != n or set(ids) != want:
    print("# got %d calls, %d distinct, %d missing" % (len(ids), len(set(ids)), len(want - set(ids))))
    sys.exit(1)
PY
scenario_end "$N calls dumped in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s"
