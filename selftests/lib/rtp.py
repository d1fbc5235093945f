#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Minimal symmetric RTP endpoint for the sipalg scenarios.

    rtp.py --local ADDR PORT (--remote ADDR PORT | --remote-file FILE)
           [--count N] [--interval S] [--linger S] [--stats FILE]
           [--ssrc N] [--delay S] [--ready FILE] [--wait S]
           [--sent-file FILE] [--after FILE] [--send-from PORT] [--latch]

--remote-file: started before the call (a cold python start over 9p under
TCG takes seconds, longer than a call), it binds, touches the --ready
FILE, and waits (receiving) until FILE appears with "ADDR PORT" on its
first line: the SDP address its endpoint found in the other side's SDP.
Then it waits DELAY s more and starts sending. If FILE does not appear
within --wait seconds, it stops without sending.

--sent-file FILE is created once the first packet has been sent (or
failed to be); --after FILE (repeatable) holds the first send back until
every such FILE exists (then DELAY more). Together they order the two ends: the callee's first
packet must get in through the pinhole, before the caller's own packets
have made the NAT state through which it would come back as a reply.

Binds ADDR:PORT (the address and port its own SDP advertised: RTP is
symmetric, so the far end's conntrack entry and the ALG's pinhole line up),
sends N PCMU-sized RTP packets to the SDP-advertised remote address:port,
and counts what it receives on the same socket until LINGER seconds after
the last packet it sent. It never "latches" onto the source of what it
receives: the point of the test is that the address in the far end's SDP is
reachable, which only holds if the ALG rewrote it and opened a pinhole.

Sends that fail (no route to a private address when nothing rewrote the
SDP, ICMP errors reported on the socket) are counted, not fatal.

The stats line written to FILE (atomically, so a waiting shell never reads
half of it) and to stdout:
    tx=N txerr=N rx=N from=ADDR:PORT[,ADDR:PORT...]
"""

import argparse
import os
import select
import socket
import struct
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--local", nargs=2, required=True, metavar=("ADDR", "PORT"))
    ap.add_argument("--remote", nargs=2, metavar=("ADDR", "PORT"))
    ap.add_argument("--remote-file")
    ap.add_argument("--ready")
    ap.add_argument("--wait", type=float, default=60.0)
    ap.add_argument("--sent-file")
    ap.add_argument("--after", action="append", default=[])
    ap.add_argument("--count", type=int, default=50)
    ap.add_argument("--interval", type=float, default=0.02)
    ap.add_argument("--linger", type=float, default=1.0)
    ap.add_argument("--stats")
    ap.add_argument("--ssrc", type=int, default=os.getpid())
    ap.add_argument("--delay", type=float, default=0.0,
                    help="seconds to wait (receiving) before the first send")
    ap.add_argument("--send-from", type=int, metavar="PORT",
                    help="send from this port, not the advertised one "
                    "(phones that do); what arrives there is counted apart")
    ap.add_argument("--latch", action="store_true",
                    help="send to where the other end's media comes from, "
                    "once it came (symmetric RTP, as media servers do)")
    a = ap.parse_args()

    fam = socket.AF_INET6 if ":" in a.local[0] else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((a.local[0], int(a.local[1])))
    s.setblocking(False)
    out = s
    if a.send_from:
        out = socket.socket(fam, socket.SOCK_DGRAM)
        out.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        out.bind((a.local[0], a.send_from))
        out.setblocking(False)
    if a.ready:
        open(a.ready, "w").close()

    def resolve(addr, port):
        # An SDP address of the other family (or garbage) is a send
        # error, not a crash: the counters tell the story.
        try:
            return socket.getaddrinfo(addr.strip("[]"), int(port), fam,
                                      socket.SOCK_DGRAM)[0][4]
        except (OSError, UnicodeError, ValueError):
            return None

    dst = None
    if a.remote:
        dst = resolve(*a.remote)
    tx = txerr = rx = rx_other = 0
    sources = {}
    latched = None
    payload = b"\xff" * 160  # 20 ms of PCMU silence
    seq = 0
    t0 = time.monotonic()
    next_tx = t0 + a.delay
    end = None
    waiting = a.remote is None or bool(a.after)
    while True:
        now = time.monotonic()
        if waiting:
            try:
                if a.remote is None:
                    with open(a.remote_file) as f:
                        fields = f.readline().split()
                    dst = resolve(fields[0], fields[1]) if len(fields) >= 2 else None
                for f in a.after:
                    os.stat(f)
                waiting = False
                next_tx = now + a.delay
                continue
            except OSError:
                if now - t0 > a.wait:
                    break
        if not waiting and tx + txerr < a.count and now >= next_tx:
            hdr = struct.pack("!BBHII", 0x80, 0, seq & 0xFFFF,
                              (seq * 160) & 0xFFFFFFFF, a.ssrc & 0xFFFFFFFF)
            seq += 1
            try:
                if dst is None:
                    raise OSError("bad remote address")
                out.sendto(hdr + payload, latched or dst)
                tx += 1
            except OSError:
                txerr += 1
            if a.sent_file and tx + txerr == 1:
                open(a.sent_file, "w").close()
            next_tx += a.interval
            if tx + txerr >= a.count:
                end = time.monotonic() + a.linger
            continue
        if end is not None and now >= end:
            break
        wake = end if end is not None else next_tx
        if waiting:
            wake = now + 0.01
        socks = [s] if out is s else [s, out]
        r, _, _ = select.select(socks, [], [], max(0.0, wake - now))
        for sock in r:
            try:
                data, src = sock.recvfrom(2048)
            except OSError:
                # A queued ICMP error (port/host unreachable) surfaces here.
                continue
            if len(data) < 12 or data[0] >> 6 != 2:
                continue
            if sock is not s:
                rx_other += 1
                continue
            rx += 1
            key = "%s:%d" % (src[0], src[1])
            sources[key] = sources.get(key, 0) + 1
            if a.latch and latched is None:
                latched = src

    line = "tx=%d txerr=%d rx=%d from=%s" % (
        tx, txerr, rx, ",".join(sorted(sources)) or "-")
    if a.send_from:
        line += " rx_on_send_port=%d" % rx_other
    if a.latch:
        line += " latched=%s" % ("%s:%d" % latched[:2] if latched else "-")
    print(line)
    if a.stats:
        tmp = a.stats + ".tmp"
        with open(tmp, "w") as f:
            f.write(line + "\n")
        os.rename(tmp, a.stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
