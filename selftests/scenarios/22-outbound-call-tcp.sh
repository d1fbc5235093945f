#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 10-outbound-call with SIP over TCP (one connection from ph1 to pv:5060,
# masqueraded): the helper must find the messages in the byte stream
# (framed by Content-Length), rewrite them with the TCP sequence numbers
# fixed up, and open the same pinholes as over UDP.

export TRANSPORT=tcp TOPO_NAME
TOPO_NAME=$(basename "$0" .sh)
exec bash "$(dirname "$0")/10-outbound-call.sh"
