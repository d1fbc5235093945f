#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 10-outbound-call with SIP over TCP (one connection from ph1 to pv:5060,
# masqueraded): the helper must find the messages in the byte stream
# (framed by Content-Length), rewrite them with the TCP sequence numbers
# fixed up, and open the same pinholes as over UDP.
#
# KNOWN BUG (issue 5): through NAT the rewritten INVITE reaches pv, but
# pv's ACK is not translated back (the router answers it with a RST), so
# the call fails and the half-open connection keeps its namespace (and
# the helper module) alive for minutes.  Until the sequence adjustment is
# fixed this scenario reports SKIP with that reason; SIPALG_TCP_NAT=1 runs
# it anyway.
if [ "${SIPALG_TCP_NAT:-0}" != 1 ] && [ "${HELPER:-sipalg}" = sipalg ]; then
	echo "SKIP: $(basename "$0" .sh): known bug: TCP sequence adjustment through NAT (issue 5); SIPALG_TCP_NAT=1 runs it"
	exit 4
fi

export TRANSPORT=tcp TOPO_NAME
TOPO_NAME=$(basename "$0" .sh)
exec bash "$(dirname "$0")/10-outbound-call.sh"
