#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The CLI against a real call: show calls names the call with its private
# and public media addresses, show pinholes lists exactly its pinholes,
# stats move as predicted, monitor prints the call's events in order,
# config set changes behaviour and needs CAP_NET_ADMIN.
# a call long enough to look at (much longer on a slow *-debug kernel)
case $(uname -r) in
*-debug) : "${CALL_MS:=30000}" "${SIPP_TIMEOUT:=150}" ;;
*) : "${CALL_MS:=10000}" ;;
esac
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || ksft_skip "the CLI needs HELPER=sipalg"
topo_setup
S=$REPO_DIR/tools/sipalg/sipalg
[ -x "$S" ] || ksft_skip "tools/sipalg/sipalg not built (make tools)"
rt() { nsx "$NS_RT" "$S" "$@"; }
j() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$2"; }

rt -j stats >"$TOPO_DIR/stats0.json" || ksft_fail "stats failed"
# not through rt(): $! must be the monitor itself, not a subshell
ip netns exec "$NS_RT" "$S" -j monitor >"$TOPO_DIR/monitor.json" 2>&1 &
mon=$!
sleep 0.5
call_start bye
for i in $(seq 100); do
	rt -j show calls -v >"$TOPO_DIR/calls.json" 2>/dev/null
	j 'any(c["state"]=="confirmed" for c in d["calls"])' "$TOPO_DIR/calls.json" && break
	sleep 0.1
done
# The same pinholes as conntrack's list (media and the BYE move on, so
# take both views back to back until they are from the same moment).
for i in $(seq 10); do
	nsx "$NS_RT" conntrack -L expect >"$TOPO_DIR/expect.txt" 2>/dev/null
	rt -j show pinholes >"$TOPO_DIR/pinholes.json"
	ports=$(sed -n 's/.* dport=\([0-9]*\) mask-src.*helper=sipalg.*/\1/p' "$TOPO_DIR/expect.txt" | sort -n | tr '\n' ' ')
	cli=$(python3 -c "import json;print(' '.join(str(p['port']) for p in sorted(json.load(open('$TOPO_DIR/pinholes.json'))['pinholes'], key=lambda p: p['port'])) + ' ')")
	[ "$ports" = "$cli" ] && [ -n "${ports// /}" ] && break
done
[ "$ports" = "$cli" ] && [ -n "${ports// /}" ] ||
	ksft_fail "show pinholes ports '$cli', conntrack '$ports'"
call_wait
cid=$(grep -m1 -i '^Call-ID:' "$TOPO_DIR/uac.msg" | tr -d '\r' | sed 's/^[^:]*: *//')
[ -n "$cid" ] || ksft_fail "no Call-ID in the caller's trace"
ph=$(addr PH1) pub=$(addr RT_WAN)
# calls are listed by the public spelling of their Call-IDs
cid=${cid/@$ph/@$pub}
cid=${cid/@\[$ph\]/@[$pub]}
j "len(d['calls'])==1 and d['calls'][0]['call_id']=='$cid' and d['calls'][0]['state']=='confirmed'" \
	"$TOPO_DIR/calls.json" || ksft_fail "show calls: not the call $cid confirmed: $(cat "$TOPO_DIR/calls.json")"
j "any(s['side']=='original' and s['addr']=='$ph' and s['port']==$PH1_RTP and s['public_addr']=='$pub' for s in d['calls'][0]['streams'])" \
	"$TOPO_DIR/calls.json" || ksft_fail "show calls: media of ph1 not $ph:$PH1_RTP / public $pub"
rt -j stats >"$TOPO_DIR/stats1.json"
python3 - "$TOPO_DIR/stats0.json" "$TOPO_DIR/stats1.json" <<'PY' || ksft_fail "stats did not move as predicted"
import json, sys
a = json.load(open(sys.argv[1]))["counters"]
b = json.load(open(sys.argv[2]))["counters"]
d = {k: b[k] - a[k] for k in a}
want = {"req_invite": 1, "req_ack": 1, "req_bye": 1, "resp_2xx": 2, "calls_total": 1}
bad = {k: (d[k], v) for k, v in want.items() if d[k] != v}
if bad or d["pinholes_created"] < 2 or d["parse_errors"] != 0:
    print("# stats delta:", {k: v for k, v in d.items() if v}, "mismatch:", bad)
    sys.exit(1)
PY
sleep 0.5
kill "$mon" 2>/dev/null
for i in $(seq 50); do kill -0 "$mon" 2>/dev/null || break; sleep 0.1; done
kill -0 "$mon" 2>/dev/null && ksft_fail "sipalg monitor did not end on SIGTERM"
wait "$mon" 2>/dev/null
python3 - "$TOPO_DIR/monitor.json" "$cid" <<'PY' || ksft_fail "monitor: events not created, answered in order: $(cat "$TOPO_DIR/monitor.json")"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
mine = [e["event"] for e in ev if e.get("call_id") == sys.argv[2]]
sys.exit(0 if mine[:2] == ["call-created", "call-answered"] else 1)
PY

# config: media_policy any makes pinholes from anywhere; without
# CAP_NET_ADMIN a change is refused.
rt config set media_policy any || ksft_fail "config set media_policy any failed"
rt -j config | grep -q '"media_policy":"any"' || ksft_fail "config did not change"
if nsx "$NS_RT" setpriv --reuid=65534 --regid=65534 --clear-groups \
	--inh-caps=-all "$S" config set media_policy peer 2>"$TOPO_DIR/eperm"; then
	ksft_fail "config set succeeded without CAP_NET_ADMIN"
fi
grep -q "not permitted" "$TOPO_DIR/eperm" || ksft_fail "no clear EPERM message: $(cat "$TOPO_DIR/eperm")"
rt config set media_policy peer
scenario_end "call $cid seen by show/stats/monitor; config set works and needs CAP_NET_ADMIN"
