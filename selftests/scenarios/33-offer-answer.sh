#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The other places an SDP offer or answer can be (RFC 3261 13.2.1,
# RFC 3262, RFC 3311): ph1 (a script) and pv (a script answering as a
# UAS) through the NAT, checking the router's pinholes after each step.
#  call po: INVITE without SDP; 183 (100rel) with the offer; PRACK with
#     the answer: pinholes both ways.  200, ACK.  Then UPDATE moving both
#     ends' media (20010, 30010): the old pinholes go, the new ones come.
#  call lo: late offer: INVITE without SDP, 200 with the offer, ACK with
#     the answer: pinholes both ways.
#  BYE of both: nothing left.
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" != none ] || ksft_skip "needs a helper"
[ "$FAMILY" = 4 ] || ksft_skip "IPv4 only"
topo_setup
ph=$(addr PH1) pv=$(addr PV)

# pv: answers as a UAS would, with the SDP this scenario wants
ip netns exec "$NS_PV" python3 -u - "$pv" >"$TOPO_DIR/uas.txt" 2>&1 </dev/null <<'PY' &
import re, socket, sys
me = sys.argv[1]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((me, 5060))
def h(m, n):
    r = re.search(r"^%s:\s*(.*?)\r$" % n, m, re.M | re.I)
    return r.group(1) if r else ""
def sdp(port):
    return ("v=0\r\no=pv 1 1 IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\n"
            "m=audio %d RTP/AVP 0\r\n") % (me, me, port)
def resp(req, code, reason, body="", extra="", cseq=None):
    vias = "\r\n".join(l for l in req.split("\r\n") if l.lower().startswith("via:"))
    to = h(req, "To")
    if ";tag=" not in to:
        to += ";tag=pv"
    return ("SIP/2.0 %d %s\r\n%s\r\nFrom: %s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: %s\r\n"
            "Contact: <sip:callee@%s:5060>\r\n%s%sContent-Length: %d\r\n\r\n%s") % (
            code, reason, vias, h(req, "From"), to, h(req, "Call-ID"),
            cseq or h(req, "CSeq"), me, extra,
            "Content-Type: application/sdp\r\n" if body else "", len(body), body)
invites = {}
while True:
    data, src = s.recvfrom(65535)
    m = data.decode("latin-1")
    method = m.split(" ", 1)[0]
    cid = h(m, "Call-ID")
    print(m.split("\r\n", 1)[0], cid, flush=True)
    out = []
    if method == "INVITE" and cid == "po-1":
        invites[cid] = m
        out.append(resp(m, 183, "Session Progress", sdp(30000),
                        "Require: 100rel\r\nRSeq: 1\r\n"))
    elif method == "PRACK":
        out.append(resp(m, 200, "OK"))
        out.append(resp(invites[cid], 200, "OK"))
    elif method == "UPDATE":
        out.append(resp(m, 200, "OK", sdp(30010)))
    elif method == "INVITE" and cid == "lo-1":
        out.append(resp(m, 200, "OK", sdp(30020)))
    elif method == "BYE":
        out.append(resp(m, 200, "OK"))
    for o in out:
        s.sendto(o.encode(), src)
PY
uas=$!
uas_up() { kill -0 "$uas" 2>/dev/null || return 2; sip_listening "$NS_PV" "$pv" 5060; }
wait_for "$START_WAIT" uas_up || ksft_fail "pv's script not listening"

send() { # METHOD CALL-ID CSEQ [RTP-PORT]
	nsx "$NS_PH1" python3 - "$ph" "$pv" "$@" <<'PY'
import socket, sys
src, dst, method, cid, cseq = sys.argv[1:6]
port = int(sys.argv[6]) if len(sys.argv) > 6 else 0
body = ""
if port:
    body = ("v=0\r\no=ph1 1 %s IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\n"
            "m=audio %d RTP/AVP 0\r\n") % (cseq, src, src, port)
to = "<sip:callee@%s>%s" % (dst, "" if method == "INVITE" else ";tag=pv")
extra = "RAck: 1 1 INVITE\r\n" if method == "PRACK" else ""
m = ("%s sip:callee@%s SIP/2.0\r\nVia: SIP/2.0/UDP %s:5060;branch=z9hG4bK-%s-%s-%s\r\n"
     "From: <sip:caller@%s>;tag=%s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: %s %s\r\n"
     "Contact: <sip:caller@%s:5060>\r\nSupported: 100rel\r\nMax-Forwards: 70\r\n%s"
     "%sContent-Length: %d\r\n\r\n%s") % (
     method, dst, src, method, cid, cseq, src, cid, to, cid, cseq,
     "ACK" if method == "ACK" else method, src, extra,
     "Content-Type: application/sdp\r\n" if body else "", len(body), body)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((src, 5060))
s.sendto(m.encode(), (dst, 5060))
PY
}
# the router's pinholes: destination ports, sorted
pinholes() {
	rt_expectations | sed -n "s/.* dport=\([0-9]*\) mask-src.*helper=$HELPER.*/\1/p" |
		sort -n | tr '\n' ' '
}
want() { # PORTS...: wait until the pinholes are exactly these
	local w="$*" i
	w=${w:+$w }
	for i in $(seq 50); do [ "$(pinholes)" = "$w" ] && return 0; sleep 0.1; done
	ksft_fail "$STEP: pinholes '$(pinholes)', want '$w'"
}

STEP="INVITE without SDP, 183 with the offer, PRACK with the answer"
send INVITE po-1 1
send PRACK po-1 2 20000
want 20000 20001 30000 30001
STEP="UPDATE moving both ends"
send ACK po-1 1
send UPDATE po-1 3 20010
want 20010 20011 30010 30011
STEP="late offer: 200 with the offer, ACK with the answer"
send INVITE lo-1 1
send ACK lo-1 1 20020
want 20010 20011 20020 20021 30010 30011 30020 30021
STEP="BYE"
send BYE po-1 4
send BYE lo-1 2
want
kill "$uas" 2>/dev/null
log "pv saw: $(tr '\n' ';' <"$TOPO_DIR/uas.txt")"
scenario_end "PRACK, UPDATE and late-offer ACK SDP opened and moved the pinholes"
