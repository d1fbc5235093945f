#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# SIP over TCP with messages split across segments (RFC 3261 18.3: the
# stream is framed by Content-Length).  ph1 writes, with TCP_NODELAY and
# pauses so that each write is its own segment:
#   1-3 with tcp_split_retry off (the reassembly alone):
#   1. an INVITE in 3 pieces (split in the headers and in the SDP): the
#      helper must put it together and open its 2 pinholes; through the
#      NAT it cannot rewrite it (its first part has left): counted;
#   2. the end of nothing + a whole INVITE of a second call and the first
#      half of a third in one segment, the rest in the next;
#   3. with tcp_reasm_max (512) below the first part of a message: no
#      pinhole, counted as an overflow (the rest then parses as garbage:
#      a parse error, passed);
#   5-6 with tcp_split_retry on (the default):
#   5. an INVITE written as headers, then body, at once (what phones
#      do): both segments are dropped, the sender retransmits them as
#      one, and that is rewritten: pv gets it with the public address
#      and a right Content-Length;
#   6. an INVITE whose second piece comes only after the sender's
#      retransmission timeout: dropped once, then passed unrewritten;
#   4. CANCEL for each call: every pinhole is gone.
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
nsx "$NS_PV" python3 - "$pv" "$TOPO_DIR/sink.data" >"$TOPO_DIR/sink.log" 2>&1 <<'PY' &
import socket, sys
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 5060)); s.listen(1)
c, _ = s.accept()
data = b""
while True:
    d = c.recv(65536)
    if not d:
        break
    data += d
open(sys.argv[2], "wb").write(data)
print("sink got", len(data), "bytes")
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
e = invite("split-e", 21040)
j = e.index("\r\n\r\n") + 4
step("5"); s.sendall(e[:j].encode()); s.sendall(e[j:].encode())
open(ctl + ".5done", "w").close()
f = invite("split-f", 21050)
i = f.index("Call-ID")
step("6"); s.sendall(f[:i].encode()); time.sleep(1.5); seg(f[i:])
open(ctl + ".6done", "w").close()
step("4")
for cid in ("split-a", "split-b", "split-c", "split-d", "split-e", "split-f"):
    seg(req("CANCEL", cid))
open(ctl + ".4done", "w").close()
time.sleep(0.5)
s.close()
PY
client=$!
go() { touch "$TOPO_DIR/ctl.$1"; media_wait_files 20 "$TOPO_DIR/ctl.$1done" || ksft_fail "client step $1: $(cat "$TOPO_DIR/client.log")"; }
pinholes() { rt_expectations | sed -n 's/.* dport=\([0-9]*\) mask-src.*helper=sipalg.*/\1/p' | sort -n | tr '\n' ' '; }
stat() { nsx "$NS_RT" "$S" -j stats | python3 -c "import json,sys; print(json.load(sys.stdin)['counters']['$1'])"; }

helper_param nf_conntrack_sipalg tcp_split_retry N || ksft_fail "cannot set tcp_split_retry"
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

# 5: headers and body written at once, retransmitted as one segment
helper_param nf_conntrack_sipalg tcp_reasm_max 16384
helper_param nf_conntrack_sipalg tcp_split_retry Y
unrewritten=$(stat tcp_split_unrewritten)
# each dropped segment counts: the first, and the second unless the
# sender had put both into one before sending
go 5
want="21000 21001 21010 21011 21020 21021 21040 21041 "
for i in $(seq 100); do [ "$(pinholes)" = "$want" ] && break; sleep 0.1; done
[ "$(pinholes)" = "$want" ] || ksft_fail "INVITE retransmitted whole: pinholes '$(pinholes)', want '$want'"
dropped=$(stat tcp_split_dropped)
[ "$dropped" -ge 1 ] || ksft_fail "tcp_split_dropped $dropped, want 1 or more"
[ "$(stat tcp_split_unrewritten)" = "$unrewritten" ] ||
	ksft_fail "the retransmitted INVITE was not rewritten: tcp_split_unrewritten $(stat tcp_split_unrewritten), want $unrewritten"

# 6: the sender's timeout came before the second piece
go 6
want="21000 21001 21010 21011 21020 21021 21040 21041 21050 21051 "
for i in $(seq 100); do [ "$(pinholes)" = "$want" ] && break; sleep 0.1; done
[ "$(pinholes)" = "$want" ] || ksft_fail "INVITE split again: pinholes '$(pinholes)', want '$want'"
[ "$(stat tcp_split_dropped)" = $((dropped + 1)) ] ||
	ksft_fail "tcp_split_dropped $(stat tcp_split_dropped), want $((dropped + 1))"
[ "$(stat tcp_split_unrewritten)" = $((unrewritten + 1)) ] ||
	ksft_fail "tcp_split_unrewritten $(stat tcp_split_unrewritten), want $((unrewritten + 1))"

go 4
wait "$client" || ksft_fail "client failed: $(cat "$TOPO_DIR/client.log")"
wait "$sink"
# what pv got of step 5's INVITE: rewritten (RFC 3261 §18.3 framing)
python3 - "$TOPO_DIR/sink.data" "$(addr PH1)" "$(addr RT_WAN)" <<'PY' >"$TOPO_DIR/split-e.txt" 2>&1 ||
import re, sys
data, priv, pub = open(sys.argv[1], "rb").read().decode(), sys.argv[2], sys.argv[3]
i = data.index("Call-ID: split-e")
start = data.rindex("INVITE ", 0, i)
head, _, rest = data[start:].partition("\r\n\r\n")
clen = int(re.search(r"\r\nContent-Length: *(\d+)", head).group(1))
msg = head + "\r\n\r\n" + rest[:clen]
print(msg)
assert rest[:clen].startswith("v=0") and rest[:clen].endswith("\r\n") and \
    rest[clen:].startswith("INVITE "), "Content-Length %d does not frame the body" % clen
assert priv not in msg.replace("Call-ID: split-e", ""), "private address in it"
for what in ("Via: SIP/2.0/TCP ", "Contact: <sip:caller@", "c=IN "):
    assert re.search(re.escape(what) + r"[^\r]*" + re.escape(pub), msg), what + " not public"
PY
	ksft_fail "step 5's INVITE at pv: $(tail -n 1 "$TOPO_DIR/split-e.txt")"
log "$(cat "$TOPO_DIR/sink.log"); $(nsx "$NS_RT" "$S" stats | grep -E 'tcp_|parse_errors' | tr -s ' \n' ' ')"
scenario_end "3-segment INVITE and a split second one understood, overflow counted; through NAT a split INVITE retransmitted whole is rewritten, one split again passes"
