#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The variants "make selftests" runs beside the whole suite (par.sh):
# the conntrack issue's scenarios with the in-tree nf_conntrack_sip and
# nf_nat_sip loaded beside sipalg; then the NAT issue's (registration,
# three phones, hold, media started on hold, real phones and proxy,
# hairpin) over IPv6 (NAT66) and over TCP.  Every variant runs; the exit
# status is 1 if any failed.
cd "$(dirname "$0")/.." || exit 1
rc=0
selftests/selftests.sh --beside-sip --only '^(10|12|13|14|18|24|25|31)-' "$@" || rc=1
selftests/selftests.sh --family 6 --only '^(17|24|26|27|28|34|35|36|37)-' "$@" || rc=1
selftests/selftests.sh --transport tcp --only '^(17|24|27|34|35|36)-' "$@" || rc=1
exit $rc
