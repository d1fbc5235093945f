#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest-side smoke test of the VM runner: the tools and kernel features the
# selftests rely on work inside the guest. kselftest style: PASS:/FAIL:/
# SKIP: lines, exit 0 only if nothing failed, 4 if not in a VM.
#
#   selftests/vm/run.sh -- ./selftests/vm/smoke.sh

set -u

if [ "${SIPALG_VM:-0}" != 1 ]; then
	# It adds namespaces and loads modules: never on the host by mistake.
	echo "SKIP: smoke.sh: not in a sipalg VM (use selftests/vm/run.sh)"
	exit 4
fi

fails=0
ok() { echo "PASS: $*"; }
ko() { echo "FAIL: $*"; fails=$((fails + 1)); }
# check DESCRIPTION COMMAND...: PASS if COMMAND succeeds; else FAIL with
# its output.
check() {
	d=$1
	shift
	if o=$("$@" 2>&1); then
		ok "$d"
	else
		ko "$d"
		printf '%s\n' "$o" | sed 's/^/#   /'
	fi
}

cleanup() {
	ip netns del a 2>/dev/null
	ip netns del b 2>/dev/null
}
trap cleanup EXIT

# iputils may be missing on the host; busybox-static is always there.
PING=ping
command -v ping >/dev/null 2>&1 || PING="busybox ping"

check "uname -r: $(uname -r)" test -n "$(uname -r)"
check "modules dir for $(uname -r)" test -f "/lib/modules/$(uname -r)/modules.dep"
# veth must come in through the kernel's request_module (usermode helper),
# not our modprobe: that is the path the tests' "ip link add" takes.
check "veth not preloaded" sh -c '! grep -q "^veth " /proc/modules'
check "ip netns add a" ip netns add a
check "ip netns add b" ip netns add b
check "veth pair a<->b (module autoload)" \
	ip link add va netns a type veth peer name vb netns b
check "addresses" sh -c '
	ip -n a addr add 10.0.0.1/24 dev va && ip -n a link set va up &&
	ip -n b addr add 10.0.0.2/24 dev vb && ip -n b link set vb up &&
	ip -n a link set lo up && ip -n b link set lo up'
check "ping -c1 10.0.0.1 -> 10.0.0.2" ip netns exec a $PING -c1 -W5 10.0.0.2
check "ip netns exec sees its own /sys" \
	sh -c 'ip netns exec a ls /sys/class/net | grep -qx va'
check "modprobe nf_conntrack nf_nat nft_ct nft_nat nft_masq veth" sh -c '
	for m in nf_conntrack nf_nat nft_ct nft_nat nft_masq veth; do
		modprobe $m || exit 1
	done'
check "nft list ruleset" nft list ruleset
check "nft add a NAT table" ip netns exec a nft -f - <<'EOF'
table ip t {
	chain post { type nat hook postrouting priority srcnat; masquerade; }
	chain pre { type filter hook prerouting priority raw; ct state new counter; }
}
EOF
check "iptables -L" ip netns exec a iptables -t nat -L -n
check "conntrack -L" ip netns exec a conntrack -L
check "insmod by path" sh -c 'insmod "$(modinfo -n dummy)" && rmmod dummy'
check "host working directory visible" test -f "$0"
# A full depmod reads every module over 9p (~20 s under TCG): check that
# it can write, and run the quick form.
check "depmod -A, modules dir writable" sh -c '
	d=/lib/modules/$(uname -r) && touch "$d/.w" && rm "$d/.w" && depmod -A'
check "/etc writable" sh -c 'mkdir -p /etc/netns/a && rmdir /etc/netns/a'
check "debugfs" test -d /sys/kernel/debug/tracing -o -d /sys/kernel/debug/block
check "sipp -v" sh -c 'sipp -v | grep -q SIPp'
check "python3" python3 -c 'import socket, sys; sys.exit(0)'
check "results share writable" sh -c 'echo x >"$SIPALG_VM_OUT/smoke.tmp" &&
	rm "$SIPALG_VM_OUT/smoke.tmp"'

if [ "$fails" -eq 0 ]; then
	echo "# smoke: all passed"
	exit 0
fi
echo "# smoke: $fails failed"
exit 1
