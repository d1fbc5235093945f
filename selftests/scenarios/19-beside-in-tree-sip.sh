#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 10-outbound-call with the in-tree nf_conntrack_sip and nf_nat_sip loaded
# beside sipalg: both helpers register (their tuples do not collide), the
# rules pick sipalg, and the call works as without the in-tree modules.
if [ "${HELPER:-sipalg}" = sipalg ] && [ "${SIPALG_VM:-0}" = 1 ]; then
	modprobe nf_conntrack_sip && modprobe nf_nat_sip || {
		echo "SKIP: $(basename "$0" .sh): nf_conntrack_sip not available"
		exit 4
	}
fi
export TOPO_NAME
TOPO_NAME=$(basename "$0" .sh)
exec bash "$(dirname "$0")/10-outbound-call.sh"
