#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 10-outbound-call over IPv6: ph1 fd00:10::11 behind the router's NAT66
# masquerade calls 2001:db8:203::10; IPv6 addresses in Via/Contact/SDP.

export FAMILY=6 TOPO_NAME
TOPO_NAME=$(basename "$0" .sh)
exec bash "$(dirname "$0")/10-outbound-call.sh"
