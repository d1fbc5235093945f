#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Call-IDs through NAT.  A phone writes its own address into its Call-IDs
# (RFC 3261 8.1.1.4, "localid@host"), and names dialogs and calls by
# Call-ID in Replaces (RFC 3891), Join (RFC 3911), Target-Dialog (RFC
# 4538), In-Reply-To (RFC 3261 20.21) and, for an attended transfer,
# escaped in a Refer-To URI (RFC 3891 7).  ph1 sends a REFER carrying all
# of them; pv must see the phone's address nowhere (the public address
# instead: Call-ID, Refer-To, Replaces with its port, Target-Dialog,
# In-Reply-To), and a Call-ID naming a host (Join, In-Reply-To's second)
# untouched.  pv then answers 202 and sends a NOTIFY back that repeats
# every header as it got them; ph1 must get each exactly as it wrote it:
# the map is a bijection, or the phone would not recognise its own
# dialogs (a Call-ID is matched byte for byte).  ph2 writes the public
# address itself, as a STUN phone does: its Call-IDs must come back
# untouched.  The wire check covers the public side as everywhere.
# Checked by hand: with callid_rewrite=0 pv reports the phone's address.
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || ksft_skip "checks sipalg's Call-ID map (HELPER=$HELPER)"
topo_setup
helper_param nf_nat_sipalg callid_rewrite Y || ksft_fail "cannot set callid_rewrite"
ph=$(addr PH1) ph2=$(addr PH2) pv=$(addr PV) pub=$(addr RT_WAN)

# the headers that carry Call-IDs, for an endpoint at ADDR
cat >"$TOPO_DIR/cid.py" <<'PY'
import ipaddress

def spell(addr, escaped=False):
    a = ipaddress.ip_address(addr)
    if a.version == 4:
        return str(a)
    s = "[%s]" % a.compressed
    if escaped:
        s = s.replace("[", "%5B").replace("]", "%5D").replace(":", "%3A")
    return s

def headers(addr, tag):
    return [
        ("Call-ID", "t1-%s@%s" % (tag, spell(addr))),
        ("Refer-To", "<sip:bob@pbx.example.net?Replaces=r1-%s%%40%s%%3Bto-tag%%3Db1%%3Bfrom-tag%%3Da1>"
         % (tag, spell(addr, True))),
        ("Replaces", "r2-%s@%s:5060;to-tag=b2;from-tag=a2" % (tag, spell(addr))),
        ("Join", "r3-%s@pbx.example.net;to-tag=b3;from-tag=a3" % tag),
        ("Target-Dialog", "r4-%s@%s;local-tag=l4;remote-tag=r4" % (tag, spell(addr))),
        ("In-Reply-To", "r5-%s@%s, r6-%s@pbx.example.net" % (tag, spell(addr), tag)),
    ]

def get(msg, name):
    for line in msg.split("\r\n")[1:]:
        if not line:
            break
        n, _, v = line.partition(":")
        if n.strip().lower() == name.lower():
            return v.strip()
    return None

def message(start, via, hdrs, cseq):
    text = start + "\r\nVia: " + via + "\r\nFrom: <sip:ph1@pbx.example.net>;tag=f\r\n" \
        "To: <sip:pv@pbx.example.net>;tag=t\r\nCSeq: " + cseq + "\r\nMax-Forwards: 70\r\n"
    text += "".join("%s: %s\r\n" % h for h in hdrs)
    return (text + "Content-Length: 0\r\n\r\n").encode()
PY

# pv: gets the REFER, checks the public spelling, answers 202, then sends
# a NOTIFY repeating every Call-ID header as it got them
nsx "$NS_PV" python3 - "$TOPO_DIR" "$pv" "$pub" "$ph" "$ph2" >"$TOPO_DIR/pv.log" 2>&1 <<'PY' &
import socket, sys
sys.path.insert(0, sys.argv[1])
from cid import headers, get, message, spell
d, pv, pub = sys.argv[1:4]
phones = sys.argv[4:6]
fam = socket.AF_INET6 if ":" in pv else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.bind((pv, 5060))
s.settimeout(20)
open(d + "/pv.ready", "w").close()
ok = True
for _ in phones:
    data, peer = s.recvfrom(65535)
    msg = data.decode("latin-1")
    print("pv got from %s:\n%s" % (peer[0], msg))
    cid = get(msg, "Call-ID") or "-@"
    tag = cid.split("-", 1)[-1].split("@")[0]
    for name, want in headers(pub, tag):
        got = get(msg, name)
        if got != want:
            ok = False
            print("FAIL: %s is %r, want %r" % (name, got, want))
    if any(spell(a) in msg or spell(a, True) in msg for a in phones):
        ok = False
        print("FAIL: a phone's address reached pv")
    via = get(msg, "Via")
    hdrs = [(n, get(msg, n) or "") for n, _ in headers(pub, tag)]
    s.sendto(message("SIP/2.0 202 Accepted", via, hdrs[:1], "1 REFER"), peer)
    notify = message("NOTIFY sip:ph@%s SIP/2.0" % spell(peer[0]),
                     "SIP/2.0/UDP %s:5060;branch=z9hG4bK-n1" % spell(pv),
                     hdrs, "1 NOTIFY")
    s.sendto(notify, peer)
print("pv: checks", "passed" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
pvpid=$!
wait_for "$START_WAIT" test -e "$TOPO_DIR/pv.ready" || ksft_fail "pv did not start"

# a phone: sends the REFER with Call-IDs naming WRITE, then checks the
# 202's Call-ID and every header of the NOTIFY against what it wrote
cat >"$TOPO_DIR/phone.py" <<'PY'
import os, socket, sys
sys.path.insert(0, sys.argv[1])
from cid import headers, get, message, spell
d, me, pv, write = sys.argv[1:5]
fam = socket.AF_INET6 if ":" in me else socket.AF_INET
tag = os.urandom(4).hex()
mine = headers(write, tag)
s = socket.socket(fam, socket.SOCK_DGRAM)
s.bind((me, 5060))
s.settimeout(10)
s.sendto(message("REFER sip:pv@%s SIP/2.0" % spell(pv),
                 "SIP/2.0/UDP %s:5060;branch=z9hG4bK-r1;rport" % spell(me),
                 mine, "1 REFER"), (pv, 5060))
ok = True
for what in ("202", "NOTIFY"):
    msg = s.recvfrom(65535)[0].decode("latin-1")
    print("got:\n%s" % msg)
    names = [h[0] for h in mine] if what == "NOTIFY" else ["Call-ID"]
    for name in names:
        want = dict(mine)[name]
        got = get(msg, name)
        if got != want:
            ok = False
            print("FAIL: %s of the %s is %r, want %r" % (name, what, got, want))
print("checks", "passed" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
# ph1 writes its own address (mapped both ways); ph2 writes the public
# one itself, as a STUN phone does (left alone both ways)
nsx "$NS_PH1" python3 "$TOPO_DIR/phone.py" "$TOPO_DIR" "$ph" "$pv" "$ph" >"$TOPO_DIR/ph1.log" 2>&1 ||
	{ cat "$TOPO_DIR/ph1.log"; ksft_fail "ph1: the Call-IDs did not come back as the phone wrote them"; }
nsx "$NS_PH2" python3 "$TOPO_DIR/phone.py" "$TOPO_DIR" "$ph2" "$pv" "$pub" >"$TOPO_DIR/ph2.log" 2>&1 ||
	{ cat "$TOPO_DIR/ph2.log"; ksft_fail "ph2 (public address in its Call-IDs): they did not come back as it wrote them"; }
wait "$pvpid" || { cat "$TOPO_DIR/pv.log"; ksft_fail "pv: a Call-ID left the NAT with a phone's address (or not at all)"; }
log "REFER out and NOTIFY back: Call-ID, Refer-To Replaces, Replaces, Target-Dialog, In-Reply-To public outside and the phone's own inside; a phone writing the public address gets it back; Join (a host name) untouched"
scenario_end "Call-IDs mapped both ways"
