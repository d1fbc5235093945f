#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A minimal SIP registrar + back-to-back user agent for the hairpin
scenario: the "outside server" two phones behind one NAT call each other
through.  UDP only, one call at a time; enough RFC 3261 for sipp.

    b2bua.py ADDR [--log FILE]

REGISTER: remembers the Contact as received (the NATed one) by user, 200
with the same Contact.  INVITE from A to sip:USER@...: 100, then a new
INVITE (new Call-ID, same SDP body) to USER's contact; 180/200 of that
leg are relayed to A with the B leg's SDP; the B leg's 200 is ACKed. BYE
from either leg: 200 there, BYE on the other leg.  The SDP is relayed
untouched: the point is that it names the router's public address.
"""

import argparse
import re
import socket
import sys
import uuid


def hdr(msg, name):
    m = re.search(r"^%s:\s*(.*?)\r$" % name, msg, re.M | re.I)
    return m.group(1) if m else ""


def body(msg):
    return msg.split("\r\n\r\n", 1)[1] if "\r\n\r\n" in msg else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("addr")
    ap.add_argument("--log")
    a = ap.parse_args()
    fam = socket.AF_INET6 if ":" in a.addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind((a.addr, 5060))
    host = "[%s]" % a.addr if fam == socket.AF_INET6 else a.addr
    log = open(a.log, "a") if a.log else sys.stderr
    contacts = {}     # user -> (addr, port, uri)
    legs = {}         # call-id -> dict(peer=call-id, src=(addr, port), msg=first request)
    n = 0

    def send(text, dst):
        log.write("--> %s\n%s\n" % (dst, text))
        log.flush()
        s.sendto(text.encode(), dst)

    def reply(req, src, code, reason, extra="", sdp=""):
        to = hdr(req, "To")
        if code > 100 and ";tag=" not in to:
            to += ";tag=b2b"
        lines = [l for l in req.split("\r\n") if re.match(r"^Via:", l, re.I)]
        text = "SIP/2.0 %d %s\r\n%s\r\nFrom: %s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: %s\r\n" % (
            code, reason, "\r\n".join(lines), hdr(req, "From"), to,
            hdr(req, "Call-ID"), hdr(req, "CSeq"))
        text += "Contact: <sip:b2b@%s:5060>\r\n%s" % (host, extra)
        if sdp:
            text += "Content-Type: application/sdp\r\n"
        text += "Content-Length: %d\r\n\r\n%s" % (len(sdp.encode()), sdp)
        send(text, src)

    def request(method, leg, cseq, sdp=""):
        nonlocal n
        n += 1
        d = leg["dst"]
        text = ("%s %s SIP/2.0\r\nVia: SIP/2.0/UDP %s:5060;branch=z9hG4bK-b2b%d\r\n"
                "From: %s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: %d %s\r\n"
                "Contact: <sip:b2b@%s:5060>\r\nMax-Forwards: 70\r\n") % (
            method, leg["uri"], host, n, leg["from"], leg["to"], leg["cid"],
            cseq, method, host)
        if sdp:
            text += "Content-Type: application/sdp\r\n"
        text += "Content-Length: %d\r\n\r\n%s" % (len(sdp.encode()), sdp)
        send(text, d)

    while True:
        data, src = s.recvfrom(65535)
        msg = data.decode(errors="replace")
        log.write("<-- %s\n%s\n" % (src, msg))
        log.flush()
        first = msg.split("\r\n", 1)[0]
        cid = hdr(msg, "Call-ID")
        if first.startswith("SIP/2.0 "):
            code = int(first.split()[1])
            leg = legs.get(cid)
            if not leg:
                continue
            method = hdr(msg, "CSeq").split()[-1]
            if method == "INVITE":
                if code >= 200:
                    m = re.search(r";tag=([^;>\s]+)", hdr(msg, "To"))
                    leg["to"] += ";tag=%s" % m.group(1) if m and ";tag=" not in leg["to"] else ""
                    request("ACK", leg, 1)
                if code > 100:
                    a_leg = legs[leg["peer"]]
                    reply(a_leg["req"], a_leg["src"], code,
                          first.split(" ", 2)[2], sdp=body(msg))
            continue
        method = first.split()[0]
        if method == "REGISTER":
            m = re.search(r"<?(sip:([^@>]+)@(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)):(\d+))",
                          hdr(msg, "Contact"))
            if m:
                if "expires=0" in hdr(msg, "Contact") or hdr(msg, "Expires") == "0":
                    contacts.pop(m.group(2), None)
                else:
                    contacts[m.group(2)] = (m.group(3) or m.group(4),
                                            int(m.group(5)), m.group(1))
            reply(msg, src, 200, "OK", "")
        elif method == "INVITE" and cid not in legs:
            user = re.search(r"sip:([^@]+)@", first).group(1)
            reply(msg, src, 100, "Trying")
            if user not in contacts:
                reply(msg, src, 404, "Not Found")
                continue
            addr, port, uri = contacts[user]
            bcid = "b2b-" + uuid.uuid4().hex
            legs[cid] = {"peer": bcid, "src": src, "req": msg}
            legs[bcid] = {"peer": cid, "dst": (addr, port), "uri": uri, "cid": bcid,
                          "from": "<sip:b2b@%s>;tag=b2bleg" % host,
                          "to": "<%s>" % uri}
            request("INVITE", legs[bcid], 1, body(msg))
        elif method == "ACK":
            pass
        elif method == "BYE" and cid in legs:
            reply(msg, src, 200, "OK")
            other = legs[legs[cid]["peer"]]
            if "dst" in other:
                request("BYE", other, 2)
            else:
                # the B leg hung up: BYE to A (From/To swapped)
                req = other["req"]
                m = re.search(r"<(sip:[^>]+)>", hdr(req, "Contact"))
                leg = {"dst": other["src"], "uri": m.group(1) if m else "sip:a@%s" % host,
                       "cid": hdr(req, "Call-ID"), "from": hdr(req, "To") + ";tag=b2b",
                       "to": hdr(req, "From")}
                request("BYE", leg, 2)


if __name__ == "__main__":
    sys.exit(main())
