#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The helper's policy for what it cannot use (conntrack issue): ph1 sends,
# through the NAT, to a UDP sink on pv:
#  1. a malformed message (Content-Length beyond the datagram): passes
#     untouched, counted as a parse error, logged by nf_ct_helper_log;
#  2. the same with "sipalg config set strict 1": dropped, counted;
#  3. INVITEs whose SDP names a host name, an address of the other
#     family, or a port below 1024: no pinhole, counted by reason, the
#     INVITE itself passes (rewritten as usual);
#  4. CANCELs: every call ends, nothing left.
# the malformed message passes untouched, by policy: its private
# addresses reach the wire
export WIRE_CHECK=0
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || ksft_skip "checks sipalg's counters (HELPER=$HELPER)"
[ "$FAMILY" = 4 ] || ksft_skip "IPv4 only"
S=$REPO_DIR/tools/sipalg/sipalg
[ -x "$S" ] || ksft_skip "tools/sipalg/sipalg not built (make tools)"
topo_setup
ph=$(addr PH1) pv=$(addr PV)
rt() { nsx "$NS_RT" "$S" "$@"; }
stat() { rt -j stats | python3 -c "import json,sys; print(json.load(sys.stdin)['counters']['$1'])"; }

# nf_ct_helper_log() goes through nf_log: a backend, bound in the router
modprobe nf_log_syslog 2>/dev/null
sysctl -qw net.netfilter.nf_log_all_netns=1 2>/dev/null
nsx "$NS_RT" sysctl -qw net.netfilter.nf_log.2=nf_log_ipv4 ||
	ksft_skip "no nf_log backend for IPv4"

# the sink: one line per datagram, its first line
ip netns exec "$NS_PV" python3 -u -c '
import socket, sys
s = socket.socket(); s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 5060))
while True:
    d = s.recv(65535).decode("latin-1")
    print(d.split("\r\n", 1)[0], flush=True)
' "$pv" >"$TOPO_DIR/sink.txt" 2>&1 </dev/null &
sink=$!
sink_ready() { kill -0 "$sink" 2>/dev/null || return 2; sip_listening "$NS_PV" "$pv" 5060; }
wait_for "$START_WAIT" sink_ready || ksft_fail "sink not listening"

send() { # NAME: one datagram from ph1:5060, built by the python below
	nsx "$NS_PH1" python3 - "$ph" "$pv" "$1" <<'PY'
import socket, sys
src, dst, what = sys.argv[1:4]
def msg(method, cid, body="", cl=None):
    return ("%s sip:callee@%s SIP/2.0\r\nVia: SIP/2.0/UDP %s:5060;branch=z9hG4bK-%s-%s\r\n"
            "From: <sip:caller@%s>;tag=%s\r\nTo: <sip:callee@%s>\r\nCall-ID: %s\r\n"
            "CSeq: 1 %s\r\nContact: <sip:caller@%s:5060>\r\nMax-Forwards: 70\r\n"
            "%sContent-Length: %d\r\n\r\n%s") % (
            method, dst, src, method, cid, src, cid, dst, cid, method, src,
            "Content-Type: application/sdp\r\n" if body else "",
            len(body) if cl is None else cl, body)
def sdp(c, port):
    return "v=0\r\no=- 1 1 IN IP4 %s\r\ns=-\r\n%s\r\nt=0 0\r\nm=audio %d RTP/AVP 0\r\n" % (src, c, port)
m = {
    "bad": msg("INVITE", "bad-1", sdp("c=IN IP4 " + src, 20000), cl=900),
    "host": msg("INVITE", "host-1", sdp("c=IN IP4 media.example.com", 20000)),
    "v6": msg("INVITE", "v6-1", sdp("c=IN IP6 2001:db8::5", 20000)),
    "low": msg("INVITE", "low-1", sdp("c=IN IP4 " + src, 80)),
    "cancel-host": msg("CANCEL", "host-1"),
    "cancel-v6": msg("CANCEL", "v6-1"),
    "cancel-low": msg("CANCEL", "low-1"),
}[what]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((src, 5060))
s.sendto(m.encode(), (dst, 5060))
PY
}
arrived() { grep -c . "$TOPO_DIR/sink.txt"; }
wait_arrived() { # N
	local i
	for i in $(seq 50); do [ "$(arrived)" -ge "$1" ] && return 0; sleep 0.1; done
	return 1
}
klines=$(dmesg | wc -l)

send bad
wait_arrived 1 || ksft_fail "a malformed message did not pass (default policy)"
[ "$(stat parse_errors)" = 1 ] || ksft_fail "parse_errors $(stat parse_errors), want 1"
logged() { dmesg | tail -n +$((klines + 1)) | grep -q 'nf_ct_sipalg'; }
wait_for 5 logged || ksft_fail "no nf_ct_helper_log line for the malformed message"
log "logged: $(dmesg | tail -n +$((klines + 1)) | grep -m1 'nf_ct_sipalg' | cut -c1-120)"

rt config set strict 1 || ksft_fail "config set strict 1 failed"
send bad
sleep 1
[ "$(arrived)" = 1 ] || ksft_fail "strict mode let a malformed message through"
[ "$(stat dropped)" = 1 ] || ksft_fail "dropped $(stat dropped), want 1"
rt config set strict 0

for w in host v6 low; do send $w; done
wait_arrived 4 || ksft_fail "INVITEs with unusable SDP did not pass: $(cat "$TOPO_DIR/sink.txt")"
[ "$(stat pinhole_refused_addr)" = 2 ] || ksft_fail "pinhole_refused_addr $(stat pinhole_refused_addr), want 2"
[ "$(stat pinhole_refused_port)" = 1 ] || ksft_fail "pinhole_refused_port $(stat pinhole_refused_port), want 1"
[ "$(stat pinholes_created)" = 0 ] || ksft_fail "pinholes_created $(stat pinholes_created), want 0"
[ -z "$(rt_expectations)" ] || ksft_fail "pinholes for unusable SDP: $(rt_expectations)"
for w in cancel-host cancel-v6 cancel-low; do send $w; done
wait_arrived 7 || ksft_fail "CANCELs did not pass"
no_calls() { [ "$(stat calls_active)" = 0 ]; }
wait_for 5 no_calls || ksft_fail "calls left after CANCEL: $(stat calls_active)"
kill "$sink" 2>/dev/null
scenario_end "malformed: passed+counted+logged, strict: dropped; host name/other family/low port: no pinhole, counted"
