#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The selftests' wire check must be able to fail: each planted fault
found, by wirecheck.py's own parser and by its tshark pass.

    test_wirecheck.py [--no-tshark]

Writes small Ethernet pcaps (one SIP datagram each, and one SIP message
over TCP), runs selftests/lib/wirecheck.py on them and checks its verdict
and the line that names the problem.
"""

import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(HERE, "..", "..", "selftests", "lib")
WIRECHECK = os.path.join(LIB, "wirecheck.py")
sys.path.insert(0, LIB)
from wirecheck import csum  # noqa: E402  (the checker's own sum)

PUB, PV = bytes([203, 0, 113, 1]), bytes([203, 0, 113, 10])


def ipv4(proto, l4, bad_ip=False):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 1, 0, 64, proto,
                      0, PUB, PV)
    ck = 0xFFFF - csum(hdr)
    if bad_ip:
        ck ^= 0x5555
    hdr = hdr[:10] + struct.pack("!H", ck) + hdr[12:]
    return b"\0" * 12 + b"\x08\x00" + hdr + l4


def udp(payload, bad_ck=False):
    u = struct.pack("!HHHH", 5062, 5060, 8 + len(payload), 0) + payload
    pseudo = PUB + PV + struct.pack("!BBH", 0, 17, len(u))
    ck = 0xFFFF - csum(pseudo + u) or 0xFFFF
    if bad_ck:
        ck ^= 0x1234
    return ipv4(17, u[:6] + struct.pack("!H", ck) + u[8:])


def tcp(payload, seq=1000):
    t = struct.pack("!HHIIBBHHH", 40000, 5060, seq, 1, 5 << 4, 0x18, 65535,
                    0, 0) + payload
    pseudo = PUB + PV + struct.pack("!BBH", 0, 6, len(t))
    ck = 0xFFFF - csum(pseudo + t)
    return ipv4(6, t[:16] + struct.pack("!H", ck) + t[18:])


def icmp_quoting(inner_frame):
    """A port unreachable quoting inner_frame's IP packet (RFC 792)."""
    body = struct.pack("!BBHI", 3, 3, 0, 0) + inner_frame[14:]
    ck = 0xFFFF - csum(body)
    return ipv4(1, body[:2] + struct.pack("!H", ck) + body[4:])


def pcap(path, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)))
            f.write(fr)


def sip(contact="203.0.113.1:5062", c="203.0.113.1", clen_delta=0,
        cid="1@203.0.113.1", extra=""):
    body = ("v=0\r\no=- 1 1 IN IP4 203.0.113.1\r\ns=-\r\nc=IN IP4 %s\r\n"
            "t=0 0\r\nm=audio 20000 RTP/AVP 0\r\n" % c)
    return ("INVITE sip:pv@203.0.113.10 SIP/2.0\r\n"
            "Via: SIP/2.0/UDP 203.0.113.1:5062;branch=z9hG4bK1\r\n"
            "From: <sip:ph1@203.0.113.10>;tag=1\r\n"
            "To: <sip:pv@203.0.113.10>\r\n"
            "Call-ID: %s\r\n"
            "CSeq: 1 INVITE\r\n"
            "Contact: <sip:ph1@%s>\r\n%s"
            "Content-Type: application/sdp\r\n"
            "Content-Length: %d\r\n\r\n%s" %
            (cid, contact, extra, len(body) + clen_delta, body)).encode()


def main():
    use_tshark = "--no-tshark" not in sys.argv[1:] and shutil.which("tshark")
    cases = [
        # name, frames, expected substring ("" = must pass)
        ("clean", [udp(sip())], ""),
        ("Call-ID naming a host", [udp(sip(cid="1@pbx.example.net"))], ""),
        ("clean over TCP", [tcp(sip())], ""),
        ("ICMP error quoting a private message",
         [icmp_quoting(udp(sip(contact="10.0.0.11:5060"), bad_ck=True))], ""),
        ("private Contact", [udp(sip(contact="10.0.0.11:5060"))],
         "private address '10.0.0.1"),
        ("private SDP c=", [udp(sip(c="10.0.0.11"))], "private address"),
        ("private Call-ID", [udp(sip(cid="1@10.0.0.11"))],
         "private address '10.0.0.1"),
        ("private Replaces",
         [udp(sip(extra="Replaces: 2@10.0.0.11;to-tag=1;from-tag=2\r\n"))],
         "private address"),
        ("Content-Length off by 3", [udp(sip(clen_delta=3))], "Content-Length"),
        ("bad UDP checksum", [udp(sip(), bad_ck=True)], "UDP checksum"),
        ("bad IPv4 header checksum", [udp(sip()) and ipv4(17, b"\0" * 8, True)],
         "IPv4 header checksum"),
        ("private Contact over TCP", [tcp(sip(contact="10.0.0.11:5060"))],
         "private address"),
    ]
    if use_tshark:
        # what only the tshark pass reports, worded its way
        cases += [
            ("tshark: private Contact", [udp(sip(contact="10.0.0.11:5060"))],
             "tshark, packet 1: private address '10.0.0.1"),
            ("tshark: bad UDP checksum", [udp(sip(), bad_ck=True)],
             "tshark, packet 1:"),
            ("tshark: private SDP c=", [udp(sip(c="10.0.0.11"))],
             "in sdp.connection_info"),
            ("tshark: private Call-ID", [udp(sip(cid="1@10.0.0.11"))],
             "in sip.Call-ID"),
        ]
    fails = 0
    with tempfile.TemporaryDirectory() as d:
        for i, (name, frames, want) in enumerate(cases):
            path = os.path.join(d, "%d.pcap" % i)
            pcap(path, frames)
            cmd = [sys.executable, WIRECHECK, path, "--private", "10.0.0.0/24"]
            if use_tshark:
                cmd.append("--tshark")
            r = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
            ok = (r.returncode == 0) if not want else \
                (r.returncode == 1 and want in r.stdout)
            print("%s: %s" % ("ok" if ok else "FAIL", name))
            if not ok:
                fails += 1
                print(r.stdout, end="")
    print("test_wirecheck: %d cases%s, %d failed" %
          (len(cases), "" if use_tshark else " (no tshark)", fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
