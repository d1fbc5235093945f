#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# SIP over TCP with messages split across segments (RFC 3261 18.3: the
# stream is framed by Content-Length).  ph1 writes, with TCP_NODELAY and
# pauses so that each write is its own segment:
#   1. an INVITE in 3 pieces (split in the headers and in the SDP): the
#      helper must put it together and open its 2 pinholes; through the
#      NAT it cannot rewrite it (its first part has left): counted;
#   2. the end of nothing + a whole INVITE of a second call and the first
#      half of a third in one segment, the rest in the next;
#   3. with tcp_reasm_max (512) below the first part of a message: no
#      pinhole, counted as an overflow (the rest then parses as garbage:
#      a parse error, passed);
#   4. BYE/CANCEL for each call: every pinhole is gone.
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || ksft_skip "checks sipalg's TCP counters (HELPER=$HELPER)"
S=$REPO_DIR/tools/sipalg/sipalg
[ -x "$S" ] || ksft_skip "tools/sipalg/sipalg not built (make tools)"
export TRANSPORT=tcp
# split messages pass unrewritten through NAT, by policy: private
# addresses on the wire are expected here
export WIRE_CHECK=0
topo_setup
ph=$(addr PH1) pv=$(addr PV)

# a TCP sink on pv:5060
nsx "$NS_PV" python3 - "$pv" >"$TOPO_DIR/sink.log" 2>&1 <<'PY' &
import socket, sys
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 5060)); s.listen(1)
c, _ = s.accept()
n = 0
while True:
    d = c.recv(65536)
    if not d:
        break
    n += len(d)
print("sink got", n, "bytes")
PY
sink=$!
wait_for "$START_WAIT" sip_listening "$NS_PV" "$pv" 5060 || ksft_fail "TCP sink not listening"

# the client: reads "send TEXT-ID" / "sleep" / "param" steps from a script
nsx "$NS_PH1" python3 - "$ph" "$pv" "$TOPO_DIR/ctl" >"$TOPO_DIR/client.log" 2>&1 <<'PY' &
import os, socket, sys, time
src, dst, ctl = sys.argv[1:4]
fam = socket.AF_INET6 if ":" in src else socket.AF_INET
ip = "IP6" if fam == socket.AF_INET6 else "IP4"
def invite(cid, port, pad=0):
    body = ("v=0\r\no=- 1 1 IN %s %s\r\ns=-\r\nc=IN %s %s\r\nt=0 0\r\n"
            "m=audio %d RTP/AVP 0\r\na=x-pad:%s\r\n") % (ip, src, ip, src, port, "p" * pad)
    h = src if fam == socket.AF_INET else "[%s]" % src
    return ("INVITE sip:callee@%s SIP/2.0\r\nVia: SIP/2.0/TCP %s:5060;branch=z9hG4bK-%s\r\n"
            "From: <sip:caller@%s>;tag=%s\r\nTo: <sip:callee@%s>\r\nCall-ID: %s\r\n"
            "CSeq: 1 INVITE\r\nContact: <sip:caller@%s:5060>\r\nMax-Forwards: 70\r\n"
            "Content-Type: application/sdp\r\nContent-Length: %d\r\n\r\n%s") % (
            dst, h, cid, h, cid, dst, cid, h, len(body), body)
def req(method, cid):
    h = src if fam == socket.AF_INET else "[%s]" % src
    return ("%s sip:callee@%s SIP/2.0\r\nVia: SIP/2.0/TCP %s:5060;branch=z9hG4bK-%s-%s\r\n"
            "From: <sip:caller@%s>;tag=%s\r\nTo: <sip:callee@%s>\r\nCall-ID: %s\r\n"
            "CSeq: 1 %s\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n") % (
            method, dst, h, method.lower(), cid, h, cid, dst, cid, method)
s = socket.socket(fam, socket.SOCK_STREAM)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((src, 5060)); s.connect((dst, 5060))
def seg(b):
    s.sendall(b.encode()); time.sleep(0.3)
def step(name):
    # wait for the shell's go, then report done
    while not os.path.exists("%s.%s" % (ctl, name)):
        time.sleep(0.05)
a = invite("split-a", 21000)
i = a.index("Call-ID"); j = a.index("m=audio")
step("1"); seg(a[:i]); seg(a[i:j]); seg(a[j:]); open(ctl + ".1done", "w").close()
b, c = invite("split-b", 21010), invite("split-c", 21020)
k = c.index("\r\n\r\n") + 10
step("2"); seg(b + c[:k]); seg(c[k:]); open(ctl + ".2done", "w").close()
d = invite("split-d", 21030, pad=700)
step("3"); seg(d[:600]); seg(d[600:]); open(ctl + ".3done", "w").close()
step("4")
for cid in ("split-a", "split-b", "split-c", "split-d"):
    seg(req("CANCEL", cid))
open(ctl + ".4done", "w").close()
time.sleep(0.5)
s.close()
PY
client=$!
go() { touch "$TOPO_DIR/ctl.$1"; media_wait_files 20 "$TOPO_DIR/ctl.$1done" || ksft_fail "client step $1: $(cat "$TOPO_DIR/client.log")"; }
pinholes() { rt_expectations | sed -n 's/.* dport=\([0-9]*\) mask-src.*helper=sipalg.*/\1/p' | sort -n | tr '\n' ' '; }
stat() { nsx "$NS_RT" "$S" -j stats | python3 -c "import json,sys; print(json.load(sys.stdin)['counters']['$1'])"; }

go 1
want="21000 21001 "
for i in $(seq 30); do [ "$(pinholes)" = "$want" ] && break; sleep 0.1; done
[ "$(pinholes)" = "$want" ] || ksft_fail "INVITE in 3 segments: pinholes '$(pinholes)', want '$want'"
[ "$(stat tcp_reassembled)" = 1 ] || ksft_fail "tcp_reassembled $(stat tcp_reassembled), want 1"
[ "$(stat tcp_split_unrewritten)" = 1 ] || ksft_fail "tcp_split_unrewritten $(stat tcp_split_unrewritten), want 1"

go 2
want="21000 21001 21010 21011 21020 21021 "
for i in $(seq 30); do [ "$(pinholes)" = "$want" ] && break; sleep 0.1; done
[ "$(pinholes)" = "$want" ] || ksft_fail "whole + split INVITEs: pinholes '$(pinholes)', want '$want'"
[ "$(stat tcp_reassembled)" = 2 ] || ksft_fail "tcp_reassembled $(stat tcp_reassembled), want 2"

helper_param nf_conntrack_sipalg tcp_reasm_max 512 || ksft_fail "cannot set tcp_reasm_max"
go 3
sleep 0.5
[ "$(pinholes)" = "$want" ] || ksft_fail "over tcp_reasm_max: pinholes '$(pinholes)', want still '$want'"
[ "$(stat tcp_reasm_overflow)" = 1 ] || ksft_fail "tcp_reasm_overflow $(stat tcp_reasm_overflow), want 1"

go 4
wait "$client" || ksft_fail "client failed: $(cat "$TOPO_DIR/client.log")"
wait "$sink"
log "$(cat "$TOPO_DIR/sink.log"); $(nsx "$NS_RT" "$S" stats | grep -E 'tcp_|parse_errors' | tr -s ' \n' ' ')"
scenario_end "3-segment INVITE and a split second one understood, overflow counted"
