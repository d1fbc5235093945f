#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""What crossed the public wire, checked (the NAT issue's "done when").

    wirecheck.py PCAP --private PREFIX [--private PREFIX ...]

PCAP: a capture (pcap, Ethernet) on the provider's side of the router.
For every IPv4/IPv6 packet: header lengths agree with what was captured,
the IPv4 header checksum and the UDP/TCP checksums are valid (capture
with checksum offload off on the path: see topo.sh).  For every SIP
message (UDP port 5060 datagrams; TCP port 5060 streams put together per
direction): no address of a PREFIX appears anywhere in it (start line,
headers, Call-ID included, SDP), and its Content-Length is its body's
real length.
With --tshark, the same capture is also dissected by tshark (Wireshark's
dissectors, an independent second opinion): no expert error (malformed
packets, bad IPv4/UDP/TCP checksums, which it is told to verify), and no
address of a PREFIX in the fields it finds in SIP (start line, Via,
Contact, From, To, Route, Record-Route, Call-ID) and SDP (o=, c=, m=,
a=).  The SIP that ICMP errors quote is exempt (see tshark_check).
Prints one line per problem and a summary; exit 1 on any problem.
"""

import argparse
import ipaddress
import re
import shutil
import struct
import subprocess
import sys

# tshark fields: what it must not flag, and the SIP/SDP values it dissects
TSHARK_STATUS = ["ip.checksum.status", "udp.checksum.status",
                 "tcp.checksum.status"]
TSHARK_SIP = ["sip.Request-Line", "sip.Status-Line", "sip.Via", "sip.Contact",
              "sip.From", "sip.To", "sip.Route", "sip.Record-Route",
              "sip.Call-ID",
              "sdp.owner", "sdp.connection_info", "sdp.media", "sdp.media_attr"]
PI_ERROR = 0x00800000   # epan/expert.h: the severity of malformed packets


def tshark_check(pcap, pats, problems):
    """Second opinion from Wireshark's dissectors; returns SIP messages seen."""
    fields = ["frame.number", "_ws.expert.severity", "_ws.expert.message"] + \
        TSHARK_STATUS + TSHARK_SIP
    # ICMP errors quote what the receiver got (for a request coming in,
    # the phone's private form): RFC 5508 has the NAT translate only
    # their quoted headers, never the quoted payload.  Not signalling on
    # the wire: exempt, as wirecheck's own pass ignores them.
    cmd = ["tshark", "-n", "-r", pcap, "-Y", "not icmp and not icmpv6",
           "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
           "-o", "tcp.check_checksum:TRUE",
           "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
           "-E", "aggregator=\x01"]
    for f in fields:
        cmd += ["-e", f]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, errors="replace", check=False)
    if r.returncode != 0:
        problems.append("tshark failed: %s" % r.stderr.strip()[-200:])
        return 0
    nsip = 0
    for line in r.stdout.splitlines():
        v = line.split("\t")
        v += [""] * (len(fields) - len(v))
        n = v[0]
        sev = [int(x, 0) for x in v[1].split("\x01") if x.strip()]
        if any(x >= PI_ERROR for x in sev):
            msgs = [m for m, x in zip(v[2].split("\x01"), sev) if x >= PI_ERROR]
            problems.append("tshark, packet %s: %s" % (n, "; ".join(msgs) or "error"))
        for f, x in zip(TSHARK_STATUS, v[3:6]):
            if any(s in ("0", "Bad") for s in x.split("\x01")):
                problems.append("tshark, packet %s: %s bad" % (n, f))
        sip = v[6:]
        if sip[0] or sip[1]:
            nsip += 1
        for f, x in zip(TSHARK_SIP, sip):
            for p in pats:
                m = p.search(x)
                if m:
                    problems.append("tshark, packet %s: private address %r in %s" %
                                    (n, m.group(0), f))
    return nsip


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def packets(path):
    with open(path, "rb") as f:
        hdr = f.read(24)
        magic = struct.unpack("<I", hdr[:4])[0]
        if magic in (0xA1B2C3D4, 0xA1B23C4D):
            e = "<"
        elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
            e = ">"
        else:
            raise SystemExit("wirecheck: %s: not a pcap file" % path)
        link = struct.unpack(e + "I", hdr[20:24])[0]
        if link != 1:
            raise SystemExit("wirecheck: linktype %d, want Ethernet" % link)
        n = 0
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                return
            incl = struct.unpack(e + "I", rec[8:12])[0]
            n += 1
            yield n, f.read(incl)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pcap")
    ap.add_argument("--private", action="append", default=[])
    ap.add_argument("--tshark", action="store_true")
    a = ap.parse_args()
    nets = [ipaddress.ip_network(p, strict=False) for p in a.private]
    # textual forms that betray an address of a private prefix
    pats = []
    for net in nets:
        if net.version == 4:
            fixed = str(net.network_address).split(".")[: net.prefixlen // 8]
            pats.append(re.compile(r"(?<![\d.])" + r"\.".join(fixed) + r"\.\d"))
        else:
            groups = net.network_address.exploded.split(":")[: net.prefixlen // 16]
            while groups and groups[-1] == "0000":
                groups.pop()     # "fd00:10::11" has no ":0:" to match
            lead = ":".join(h.lstrip("0") or "0" for h in groups)
            pats.append(re.compile(r"(?<![0-9a-f:])" + re.escape(lead) + ":", re.I))
    problems = []
    nsip = npkt = 0
    streams = {}

    def bad(n, what):
        problems.append("packet %d: %s" % (n, what))

    def check_sip(where, msg):
        nonlocal nsip
        nsip += 1
        text = msg.decode("latin-1")
        for p in pats:
            m = p.search(text)
            if m:
                problems.append("%s: private address %r in %s" %
                                (where, m.group(0), text.split("\r\n", 1)[0]))
        head, sep, body = text.partition("\r\n\r\n")
        if not sep:
            problems.append("%s: no end of headers" % where)
            return
        m = re.search(r"^(?:Content-Length|l)[ \t]*:[ \t]*(\d+)", head, re.M | re.I)
        if m and int(m.group(1)) != len(body.encode("latin-1")):
            problems.append("%s: Content-Length %s, body %d bytes (%s)" %
                            (where, m.group(1), len(body), text.split("\r\n", 1)[0]))

    for n, frame in packets(a.pcap):
        if len(frame) < 14:
            continue
        eth = struct.unpack("!H", frame[12:14])[0]
        ip = frame[14:]
        if eth == 0x0800:
            ihl = (ip[0] & 15) * 4
            tot = struct.unpack("!H", ip[2:4])[0]
            if tot > len(ip) or (tot < len(ip) and len(frame) > 60):
                bad(n, "IPv4 total length %d, %d captured" % (tot, len(ip)))
                continue
            ip = ip[:tot]
            if csum(ip[:ihl]) != 0xFFFF:
                bad(n, "IPv4 header checksum")
            proto, src, dst, l4 = ip[9], ip[12:16], ip[16:20], ip[ihl:]
            pseudo = src + dst + struct.pack("!BBH", 0, proto, len(l4))
        elif eth == 0x86DD:
            plen = struct.unpack("!H", ip[4:6])[0]
            if 40 + plen > len(ip) or (40 + plen < len(ip) and len(frame) > 60):
                bad(n, "IPv6 payload length %d, %d captured" % (plen, len(ip) - 40))
                continue
            proto, src, dst, l4 = ip[6], ip[8:24], ip[24:40], ip[40:40 + plen]
            pseudo = src + dst + struct.pack("!IxxxB", len(l4), proto)
        else:
            continue
        npkt += 1
        if proto == 17 and len(l4) >= 8:
            sport, dport, ulen, uck = struct.unpack("!HHHH", l4[:8])
            if ulen != len(l4):
                bad(n, "UDP length %d, IP says %d" % (ulen, len(l4)))
            if (uck or eth == 0x86DD) and csum(pseudo + l4) != 0xFFFF:
                bad(n, "UDP checksum")
            if 5060 in (sport, dport) and len(l4) > 8 and l4[8:12] != b"\r\n\r\n":
                payload = l4[8:]
                if payload.strip(b"\r\n"):
                    check_sip("packet %d" % n, payload)
        elif proto == 6 and len(l4) >= 20:
            sport, dport, seq = struct.unpack("!HHI", l4[:8])
            off = (l4[12] >> 4) * 4
            if csum(pseudo + l4) != 0xFFFF:
                bad(n, "TCP checksum")
            payload = l4[off:]
            if 5060 in (sport, dport) and payload:
                key = (src, sport, dst, dport)
                segs = streams.setdefault(key, {})
                segs.setdefault(seq, payload)   # retransmissions: once
    for key, segs in streams.items():
        data = b""
        nxt = None
        for seq in sorted(segs):
            p = segs[seq]
            if nxt is not None and seq < nxt:
                p = p[nxt - seq:]
            data += p
            nxt = seq + len(segs[seq]) if nxt is None else max(nxt, seq + len(segs[seq]))
        while data:
            data = data.lstrip(b"\r\n")
            head, sep, _ = data.partition(b"\r\n\r\n")
            if not sep:
                if data:
                    problems.append("TCP %d->%d: incomplete message at the end" % (key[1], key[3]))
                break
            m = re.search(rb"^(?:Content-Length|l)[ \t]*:[ \t]*(\d+)", head, re.M | re.I)
            end = len(head) + 4 + (int(m.group(1)) if m else 0)
            check_sip("TCP %d->%d" % (key[1], key[3]), data[:end])
            data = data[end:]
    tshark = ""
    if a.tshark:
        if shutil.which("tshark"):
            tshark = ", tshark: %d SIP messages dissected" % \
                tshark_check(a.pcap, pats, problems)
        else:
            problems.append("tshark not installed")
    for p in problems[:30]:
        print("# wire: " + p)
    print("# wire: %d packets, %d SIP messages checked%s, %d problems" %
          (npkt, nsip, tshark, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
