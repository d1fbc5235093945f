#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DKMS check: install the sources as "make dkms-install" does, under a
# throw-away version, build both modules with dkms against the installed
# headers, then remove everything again.
set -eu
cd "$(dirname "$0")/../.."
command -v dkms >/dev/null || { echo "dkms: not installed (apt-get install dkms)" >&2; exit 1; }
kdir=$(make -s -f Makefile print-kdir)
kver=$(basename "$(dirname "$kdir")")
ver=0.0.0-check$$
cleanup() {
	dkms remove "sipalg/$ver" --all >/dev/null 2>&1 || true
	rm -rf "/usr/src/sipalg-$ver"
}
trap cleanup EXIT
make -s dkms-install VERSION="$ver" >/dev/null
dkms add "sipalg/$ver" >/dev/null
if ! dkms build "sipalg/$ver" -k "$kver" >/tmp/dkms-$$.log 2>&1; then
	cat /tmp/dkms-$$.log >&2
	rm -f /tmp/dkms-$$.log
	echo "FAIL: dkms build against $kver" >&2
	exit 1
fi
rm -f /tmp/dkms-$$.log
for m in nf_conntrack_sipalg nf_nat_sipalg; do
	ls "/var/lib/dkms/sipalg/$ver/$kver/"*/module/$m.ko* >/dev/null ||
		{ echo "FAIL: dkms built no $m" >&2; exit 1; }
done
echo "dkms: both modules built against $kver"
