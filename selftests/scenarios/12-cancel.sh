#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ph1 calls pv, pv rings (and sends early media to the offered address,
# which must reach ph1), ph1 CANCELs (200 for the CANCEL, 487 for the
# INVITE, ACK). The INVITE's SDP made the helper open a pinhole towards
# ph1's media address; once the call failed it must be gone: a packet
# from pv to the address:port pv saw in the offer must not reach ph1, and
# no expectation may remain (scenario_end).

. "$(dirname "$0")/../lib/topo.sh"
scenario_init
topo_setup
call_start cancel
call_wait
media_early_check || ksft_fail "no early media: the INVITE opened no pinhole"
read -r ip port _ <"$TOPO_DIR/pv.offer"
# From a fresh source port: the early media's own conntrack may live on.
media_probe_blocked "$NS_PV" "$(addr PV)" $((PV_RTP + 10)) "$ip" "$port" \
	"$NS_PH1" "$PH1_RTP" || ksft_fail "pinhole still open after CANCEL"
scenario_end "offer was $(hostport "$ip" "$port"), closed after CANCEL"
