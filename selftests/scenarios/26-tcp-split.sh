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
#   5-8 with tcp_split_retry on (the default):
#   5. an INVITE written as headers, then body, at once (what phones
#      do): the first segment is held, the second completes it and
#      leaves carrying the whole INVITE rewritten: pv gets it with the
#      public address and a right Content-Length;
#   6. an INVITE whose second piece comes only after the sender's
#      retransmission timeout: the sender sends the held start again
#      alone, which then passes, and the INVITE with it, unrewritten;
#   7. an INVITE longer than the MSS, written at once (3 segments; the
#      links segment in software, as a NIC would): the first two are
#      held, the third leaves carrying all of it rewritten, cut by GSO
#      into segments no longer than the sender's; the first of those is
#      lost before pv, which SACKs the rest: ph1 sends its first segment
#      again and the router passes it as the same rewritten bytes;
#   8. pv answers that INVITE with a 183 (early media) longer than the
#      MSS, which shrinks on its way in (public Via, From and rport back
#      to ph1's own): held and rewritten the same way, the difference
#      given back as spaces before its Content-Length value; ph1 must
#      read it whole;
#   4. CANCEL for each call: every pinhole is gone.
# At the end pv's stream must frame as the 14 messages sent, whole (the
# sequence numbers and acknowledgments of a rewritten region right), and
# the INVITEs of steps 5 and 7 must be rewritten.
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
# segments of at most the MSS leave ph1, pv and the router (no TSO/GSO
# super-segments on these links: cut in software, as a NIC would)
for d in "$NS_PH1 eth0" "$NS_PV eth0" "$NS_RT wan0" "$NS_RT lan1"; do
	nsx ${d% *} ethtool -K ${d#* } tso off gso off >/dev/null ||
		ksft_fail "cannot turn segmentation offload off: $d"
done

# a TCP sink on pv:5060; at step 8 it answers the INVITE of step 7 with a
# 183 (early media) longer than the MSS, echoing its Via and From as pv got them
nsx "$NS_PV" python3 - "$pv" "$TOPO_DIR/sink.data" "$TOPO_DIR/ctl" >"$TOPO_DIR/sink.log" 2>&1 <<'PY' &
import os, re, socket, sys, threading, time
pv, ctl = sys.argv[1], sys.argv[3]
fam = socket.AF_INET6 if ":" in pv else socket.AF_INET
ip, hpv = ("IP6", "[%s]" % pv) if fam == socket.AF_INET6 else ("IP4", pv)
s = socket.socket(fam, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((pv, 5060)); s.listen(1)
c, _ = s.accept()
data = [b""]
def answer():
    while not os.path.exists(ctl + ".8"):
        time.sleep(0.05)
    got = data[0].decode()
    inv = got[got.rindex("INVITE ", 0, got.index("Call-ID: split-g")):]
    via = re.search(r"\r\n(Via: [^\r]*)", inv).group(1)
    frm = re.search(r"\r\n(From: [^\r]*)", inv).group(1)
    host, port = c.getpeername()[:2]
    body = ("v=0\r\no=- 2 2 IN %s %s\r\ns=-\r\nc=IN %s %s\r\nt=0 0\r\n"
            "m=audio 30060 RTP/AVP 0\r\na=x-pad:%s\r\n") % (ip, pv, ip, pv, "q" * 2600)
    ok = ("SIP/2.0 183 Session Progress\r\n%s;received=%s;rport=%d\r\n%s\r\n"
          "To: <sip:callee@%s>;tag=pv\r\nCall-ID: split-g\r\nCSeq: 1 INVITE\r\n"
          "Contact: <sip:callee@%s:5060;transport=tcp>\r\n"
          "Content-Type: application/sdp\r\nContent-Length: %d\r\n\r\n%s") % (
          via, host, port, frm, hpv, hpv, len(body), body)
    c.sendall(ok.encode())
    open(ctl + ".8sent", "w").close()
threading.Thread(target=answer, daemon=True).start()
while True:
    d = c.recv(65536)
    if not d:
        break
    data[0] += d
data = data[0]
open(sys.argv[2], "wb").write(data)
print("sink got", len(data), "bytes")
PY
sink=$!
wait_for "$START_WAIT" sip_listening "$NS_PV" "$pv" 5060 || ksft_fail "TCP sink not listening"

# the client: reads "send TEXT-ID" / "sleep" / "param" steps from a script
nsx "$NS_PH1" python3 - "$ph" "$pv" "$TOPO_DIR/ctl" >"$TOPO_DIR/client.log" 2>&1 <<'PY' &
import os, re, socket, sys, time
src, dst, ctl = sys.argv[1:4]
fam = socket.AF_INET6 if ":" in src else socket.AF_INET
ip = "IP6" if fam == socket.AF_INET6 else "IP4"
def invite(cid, port, pad=0):
    body = ("v=0\r\no=- 1 1 IN %s %s\r\ns=-\r\nc=IN %s %s\r\nt=0 0\r\n"
            "m=audio %d RTP/AVP 0\r\na=x-pad:%s\r\n") % (ip, src, ip, src, port, "p" * pad)
    h = src if fam == socket.AF_INET else "[%s]" % src
    d = dst if fam == socket.AF_INET else "[%s]" % dst
    return ("INVITE sip:callee@%s SIP/2.0\r\nVia: SIP/2.0/TCP %s:5060;branch=z9hG4bK-%s\r\n"
            "From: <sip:caller@%s>;tag=%s\r\nTo: <sip:callee@%s>\r\nCall-ID: %s\r\n"
            "CSeq: 1 INVITE\r\nContact: <sip:caller@%s:5060>\r\nMax-Forwards: 70\r\n"
            "Content-Type: application/sdp\r\nContent-Length: %d\r\n\r\n%s") % (
            d, h, cid, h, cid, d, cid, h, len(body), body)
def req(method, cid):
    h = src if fam == socket.AF_INET else "[%s]" % src
    d = dst if fam == socket.AF_INET else "[%s]" % dst
    return ("%s sip:callee@%s SIP/2.0\r\nVia: SIP/2.0/TCP %s:5060;branch=z9hG4bK-%s-%s\r\n"
            "From: <sip:caller@%s>;tag=%s\r\nTo: <sip:callee@%s>\r\nCall-ID: %s\r\n"
            "CSeq: 1 %s\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n") % (
            method, d, h, method.lower(), cid, h, cid, d, cid, method)
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
g = invite("split-g", 21060, pad=2600)
step("7"); s.sendall(g.encode()); open(ctl + ".7done", "w").close()
step("8")
s.settimeout(20)
r = b""
while True:
    r += s.recv(65536)
    i = r.find(b"\r\n\r\n")
    m = re.search(rb"\r\nContent-Length: *(\d+)", r[:i]) if i > 0 else None
    if m and len(r) >= i + 4 + int(m.group(1)):
        break
open(ctl + ".resp", "wb").write(r); open(ctl + ".8done", "w").close()
step("4")
for cid in ("split-a", "split-b", "split-c", "split-d", "split-e", "split-f",
            "split-g"):
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

# 7: longer than the MSS: held until its last segment, rewritten whole
rewritten=$(stat tcp_split_rewritten)
dropped=$(stat tcp_split_dropped)
# and the first segment of it is lost between the router and pv: pv
# SACKs the rest (which conntrack must not take for out of window), ph1
# sends its first segment again, and the router passes that copy as the
# same rewritten bytes
nsx "$NS_PV" nft -f - <<'NFT' || ksft_fail "cannot add the lossy rule on pv"
table inet lossy {
	chain in {
		type filter hook input priority -10; policy accept;
		tcp dport 5060 meta length > 1000 quota until 2000 bytes counter drop
	}
}
NFT
go 7
want="${want}21060 21061 "
for i in $(seq 100); do [ "$(pinholes)" = "$want" ] && break; sleep 0.1; done
[ "$(pinholes)" = "$want" ] || ksft_fail "INVITE over 3 segments: pinholes '$(pinholes)', want '$want'"
[ "$(stat tcp_split_rewritten)" = $((rewritten + 1)) ] ||
	ksft_fail "tcp_split_rewritten $(stat tcp_split_rewritten), want $((rewritten + 1))"
[ "$(stat tcp_split_dropped)" -ge $((dropped + 2)) ] ||
	ksft_fail "tcp_split_dropped $(stat tcp_split_dropped), want $((dropped + 2)) or more"
[ "$(stat tcp_split_unrewritten)" = $((unrewritten + 1)) ] ||
	ksft_fail "the long INVITE was not rewritten: tcp_split_unrewritten $(stat tcp_split_unrewritten), want $((unrewritten + 1))"
lost=$(nsx "$NS_PV" nft list table inet lossy | sed -n 's/.*counter packets \([0-9]*\).*/\1/p')
[ "$lost" = 1 ] || ksft_fail "the lossy rule dropped '$lost' packets, want 1"
nsx "$NS_PV" nft delete table inet lossy

# 8: pv's 183, longer than the MSS, shrinks on its way in (the public
# Via, From and rport become ph1's own): held, rewritten, padded
rewritten=$(stat tcp_split_rewritten)
go 8
[ "$(stat tcp_split_rewritten)" = $((rewritten + 1)) ] ||
	ksft_fail "183 over 3 segments: tcp_split_rewritten $(stat tcp_split_rewritten), want $((rewritten + 1))"
python3 - "$TOPO_DIR/ctl.resp" "$ph" "$(addr RT_WAN)" <<'PY' >"$TOPO_DIR/split-g-183.txt" 2>&1 ||
import re, sys
r, priv, pub = open(sys.argv[1], "rb").read().decode(), sys.argv[2], sys.argv[3]
head, _, body = r.partition("\r\n\r\n")
print(head)
hp = priv if ":" not in priv else "[%s]" % priv
m = re.search(r"\r\nContent-Length:( *)(\d+)\r\n", head + "\r\n")
assert m and len(body) == int(m.group(2)), "Content-Length does not frame the body: %r" % (m and m.group(0))
assert len(m.group(1)) > 1, "no padding before the Content-Length value"
assert body.startswith("v=0") and body.endswith("\r\n"), "body cut"
assert re.search(r"\r\nVia: SIP/2.0/TCP %s:5060;" % re.escape(hp), head), "Via not ph1's own"
assert re.search(r";received=%s;rport=5060\r\n" % re.escape(priv), head), "received/rport not ph1's own"
assert not re.search(re.escape(pub) + "(?![0-9a-fA-F])", head), "public address left in the headers"
PY
	ksft_fail "the 183 at ph1: $(tail -n 1 "$TOPO_DIR/split-g-183.txt")"

go 4
[ "$(stat tcp_split_unrewritten)" = $((unrewritten + 1)) ] ||
	ksft_fail "after the CANCELs: tcp_split_unrewritten $(stat tcp_split_unrewritten), want $((unrewritten + 1))"
wait "$client" || ksft_fail "client failed: $(cat "$TOPO_DIR/client.log")"
wait "$sink"
# what pv got: the 14 messages, framed by Content-Length (RFC 3261
# §18.3), and the INVITEs of steps 5 and 7 rewritten
python3 - "$TOPO_DIR/sink.data" "$(addr PH1)" "$(addr RT_WAN)" <<'PY' >"$TOPO_DIR/split-e.txt" 2>&1 ||
import re, sys
data, priv, pub = open(sys.argv[1], "rb").read().decode(), sys.argv[2], sys.argv[3]
msgs, off = [], 0
while off < len(data):
    end = data.find("\r\n\r\n", off)
    assert end > 0, "no end of headers at %d: %r" % (off, data[off:off + 60])
    head = data[off:end]
    assert re.match(r"(INVITE|CANCEL) sip:", head), "no start line at %d: %r" % (off, head[:60])
    clen = int(re.search(r"\r\nContent-Length: *(\d+)", head).group(1))
    body = data[end + 4:end + 4 + clen]
    assert len(body) == clen, "body cut at %d" % off
    msgs.append((head, body))
    off = end + 4 + clen
want = ["INVITE %s" % c for c in "abcdefg"] + ["CANCEL %s" % c for c in "abcdefg"]
got = ["%s %s" % (h.split()[0], re.search(r"Call-ID: split-(\w)", h).group(1)) for h, _ in msgs]
assert got == want, "messages %s, want %s" % (got, want)
for cid in "eg":
    head, body = msgs[want.index("INVITE " + cid)]
    msg = head + "\r\n\r\n" + body
    print(msg)
    assert body.startswith("v=0") and body.endswith("\r\n"), "split-%s: Content-Length does not frame the body" % cid
    assert priv not in msg.replace("Call-ID: split-" + cid, ""), "split-%s: private address in it" % cid
    for what in ("Via: SIP/2.0/TCP ", "Contact: <sip:caller@", "c=IN "):
        assert re.search(re.escape(what) + r"[^\r]*" + re.escape(pub), msg), "split-%s: %s not public" % (cid, what)
PY
	ksft_fail "what pv got: $(tail -n 1 "$TOPO_DIR/split-e.txt")"
log "$(cat "$TOPO_DIR/sink.log"); $(nsx "$NS_RT" "$S" stats | grep -E 'tcp_|parse_errors' | tr -s ' \n' ' ')"
scenario_end "3-segment INVITE and a split second one understood, overflow counted; through NAT split INVITEs are rewritten (also one longer than the MSS), one whose sender timed out passes"
