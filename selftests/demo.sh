#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make demo": on a fresh Debian 12 machine, installs what it needs, builds
# sipalg, boots a VM (qemu, no KVM needed) and places a real call from a
# phone behind a NAT router running sipalg to a SIP server outside.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "demo: run as root (it installs packages and loads modules in a VM)" >&2; exit 1; }
.ci/install-deps
make -s modules tools
# the console streams from the demo's start (the boot stays hidden)
exec selftests/vm/run.sh --timeout 300 -- bash selftests/demo-guest.sh
