#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, inside the VM: a phone behind a NAT router (10.0.0.11, sipp)
# calls a SIP server outside (203.0.113.10, sipp); the router masquerades
# its LAN, lets nothing in from outside but established/related traffic,
# and runs sipalg.  Shows what crossed the public wire, the SDP before and
# after the router, the pinholes, and the media.
# a call long enough to look at it while it is up
: "${CALL_MS:=6000}"
. "$(dirname "$0")/lib/topo.sh"
scenario_init
# the console is the demo's screen: kernel messages (bridge ports coming
# up) only from warnings on
dmesg -n 4 2>/dev/null || true
topo_setup

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "topology: phone 10.0.0.11 -- router (masquerade as 203.0.113.1, sipalg) -- server 203.0.113.10"
nsx "$NS_RT" nft list chain inet sipalg_topo forward_strict | sed 's/^/   /'

nsx "$NS_PV" dumpcap -q -i eth0 -f udp -w "$TOPO_DIR/wan.pcap" 2>"$TOPO_DIR/tshark.err" &
tpid=$!
for i in $(seq 50); do [ -s "$TOPO_DIR/wan.pcap" ] && break; sleep 0.1; done
call_start bye
# RTP flows for about a second after the 200 OK: look during the call.
for i in $(seq 50); do
	nsx "$NS_RT" conntrack -L expect 2>/dev/null | grep -q sipalg && break
	sleep 0.1
done
say "pinholes sipalg opened (conntrack -L expect on the router)"
nsx "$NS_RT" conntrack -L expect 2>/dev/null | sed 's/^/   /'
say "sipalg's own view of the call (sipalg show calls -v on the router)"
nsx "$NS_RT" "$REPO_DIR/tools/sipalg/sipalg" show calls -v 2>&1 | sed 's/^/   /'
call_wait
media_wait_files 10 "$TOPO_DIR/ph1.rtp" "$TOPO_DIR/pv.rtp"
sleep 0.5
kill "$tpid" 2>/dev/null
wait "$tpid" 2>/dev/null

say "the SIP exchange on the public side (tshark)"
tshark -r "$TOPO_DIR/wan.pcap" -Y sip -T fields -E separator=' ' \
	-e ip.src -e ip.dst -e sip.Request-Line -e sip.Status-Line 2>/dev/null |
	sed 's/^/   /'

say "the INVITE's SDP as the phone sent it"
awk '/^INVITE /{f=1} f&&/^v=0/{s=1} s&&f{print "   " $0} s&&/^m=/{exit}' "$TOPO_DIR/uac.msg" | tr -d '\r'

say "the same INVITE as it left the router (rewritten by sipalg)"
inv=$(tshark -r "$TOPO_DIR/wan.pcap" -Y 'sip.Method == "INVITE"' -T fields -e udp.payload 2>/dev/null | head -1)
echo "$inv" | tr -d ':' | xxd -r -p >"$TOPO_DIR/invite.sip"
tr -d '\r' <"$TOPO_DIR/invite.sip" | grep -E '^(INVITE|Via|Contact|Content-Length|o=|c=|m=)' | sed 's/^/   /'

say "sipalg parse --json of that INVITE (the kernel's parser, in userspace)"
"$REPO_DIR/tools/sipalg/sipalg" parse --json "$TOPO_DIR/invite.sip" |
	python3 -c 'import json,sys; j=json.load(sys.stdin); print("   via:", j["via"][0]["host"], j["via"][0]["port"], " contact:", j["contact"], " sdp media:", [(m["conn"], m["port"]) for m in j["sdp"]["media"]])'

say "media"
if media_both_ways; then
	echo "   RTP flowed both ways through the strict firewall:"
	echo "   $MEDIA_REPORT"
else
	echo "   NO MEDIA BOTH WAYS: $MEDIA_REPORT"
	ksft_fail "the demo call had no media both ways"
fi
say "after the BYE: pinholes left"
nsx "$NS_RT" conntrack -L expect 2>&1 | sed 's/^/   /'
scenario_end "demo call: $MEDIA_REPORT"
