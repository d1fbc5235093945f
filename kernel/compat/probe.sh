#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Prints -D flags for kernel API features, probed from the headers of the
# kernel we build against ($1 = srctree, $2 = objtree).  Stable branches
# backport API changes, so we look at the headers instead of trusting
# version numbers.  Each probe names the change it covers.

src=$1
hdr() {
	for d in "$src" "$2"; do
		[ -f "$d/include/$1" ] && { echo "$d/include/$1"; return; }
	done
	echo /dev/null
}
expect=$(hdr net/netfilter/nf_conntrack_expect.h)

# 2026 stable change: expectations are reaped by a GC and carry the helper
# that created them (exp->helper) apart from the one they assign.
grep -q 'assign_helper' "$expect" && printf ' -DSIPALG_HAVE_EXP_ASSIGN_HELPER'
# The same rework: nf_ct_unexpect_related() only marks NF_CT_EXPECT_DEAD.
grep -q 'NF_CT_EXPECT_DEAD' "$expect" && printf ' -DSIPALG_HAVE_EXP_DEAD'
echo
