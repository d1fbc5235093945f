#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ph1 calls pv; while the INVITE is pending pv sends early media to the
# offered address, which must reach ph1; pv answers 486 Busy Here, ph1
# ACKs. The pinhole the INVITE's SDP opened must close with the final
# error response: a packet from pv to the offered address:port must not
# reach ph1, and no expectation may remain (scenario_end).

. "$(dirname "$0")/../lib/topo.sh"
scenario_init
topo_setup
call_start busy
call_wait
media_early_check || ksft_fail "no early media: the INVITE opened no pinhole"
read -r ip port _ <"$TOPO_DIR/pv.offer"
# From a fresh source port: the early media's own conntrack may live on.
media_probe_blocked "$NS_PV" "$(addr PV)" $((PV_RTP + 10)) "$ip" "$port" \
	"$NS_PH1" "$PH1_RTP" || ksft_fail "pinhole still open after 486"
scenario_end "offer was $(hostport "$ip" "$port"), closed after 486"
