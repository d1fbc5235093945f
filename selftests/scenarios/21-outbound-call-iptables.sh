#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 10-outbound-call with the router built by iptables/ip6tables instead of
# nft: the helper attached by "-t raw -j CT --helper", MASQUERADE, FORWARD
# policy DROP.

export FW=iptables TOPO_NAME
TOPO_NAME=$(basename "$0" .sh)
exec bash "$(dirname "$0")/10-outbound-call.sh"
