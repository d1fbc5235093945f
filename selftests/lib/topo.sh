# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by selftests/scenarios/*.sh: the scenario life cycle (ksft
# result lines, traps, artifacts), the network topology, the helper
# attachment and the cleanliness check. See selftests/README.md.
#
#       ph1 10.0.0.11  fd00:10::11 \
#       ph2 10.0.0.12  fd00:10::12  >- br-lan [rt] wan0 ---- eth0 [pv]
#       ph3 10.0.0.13  fd00:10::13 /  10.0.0.1     203.0.113.1  203.0.113.10
#                                     fd00:10::1   2001:db8:203::1
#                                                               2001:db8:203::10
#                                                  media server 203.0.113.20
#                                                               2001:db8:203::20
#
# Environment (all optional):
#   HELPER         conntrack helper the router attaches to 5060 (sipalg;
#                  "sip" = the in-tree nf_conntrack_sip, for comparison;
#                  "none" = attach nothing, a control)
#   FW             nft (default) or iptables: how the router's rules are made
#   FAMILY         4 (default) or 6: the address family of the calls
#   SIPALG_KO_DIR  where nf_conntrack_sipalg.ko / nf_nat_sipalg.ko are
#                  (default: the repository root)
#   SELFTEST_KEEP  1: keep namespaces and the work dir after the scenario
#   MEDIA_MIN      packets each end must receive for "media both ways" (10)
#   RTP_COUNT      packets each end sends during a call (50, 20 ms apart)
#   CALL_MS, PENDING_MS, SIPP_TIMEOUT, SIPP_OPTS  call timing and extra
#                  sipp options (sip.sh; longer, and -nr, on a *-debug kernel)
#   SIPALG_BESIDE_SIP  1: with HELPER=sipalg, load nf_conntrack_sip and
#                  nf_nat_sip too (the in-tree helper beside ours)
#   SIPALG_CALLS_CMD  a command that prints one line per live call in the
#                  current netns (e.g. the CLI, once it exists); when set,
#                  topo_check_clean waits for it to print nothing

: "${HELPER:=sipalg}"
: "${FW:=nft}"
: "${FAMILY:=4}"
: "${MEDIA_MIN:=10}"
: "${RTP_COUNT:=50}"
: "${SELFTEST_KEEP:=0}"
# A debug kernel (KASAN, lockdep, kmemleak) under TCG runs everything
# several times slower, Python's start-up included: calls must last long
# enough for the media endpoints to start before the BYE.
case $(uname -r) in
# There sipp's own UDP retransmissions (T1 = 500 ms) outrun a loaded
# sipp UAS, which then takes a late retransmitted INVITE for an unexpected
# message: veth loses nothing, so the scenarios turn them off (-nr).
*-debug) : "${CALL_MS:=15000}" "${PENDING_MS:=8000}" "${SIPP_TIMEOUT:=90}" \
		"${SIPP_OPTS:=-nr}" "${START_WAIT:=60}" ;;
esac
# seconds a sipp, python or dumpcap may take to start listening
: "${START_WAIT:=20}"

SELFTESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
LIB_DIR=$SELFTESTS_DIR/lib
REPO_DIR=$(cd "$SELFTESTS_DIR/.." && pwd -P)
: "${SIPALG_KO_DIR:=$REPO_DIR}"

# Unique per run, short: interface names stay fixed inside each
# namespace, only namespace names carry the id.
TOPO_ID=st$(printf '%04x' $((RANDOM)))$$
NS_PH1=$TOPO_ID-ph1
NS_PH2=$TOPO_ID-ph2
NS_PH3=$TOPO_ID-ph3
NS_RT=$TOPO_ID-rt
NS_PV=$TOPO_ID-pv
TOPO_NAMESPACES="$NS_PH1 $NS_PH2 $NS_PH3 $NS_RT $NS_PV"

# shellcheck disable=SC2034 # read through addr() / eval
PH1_4=10.0.0.11 PH2_4=10.0.0.12 PH3_4=10.0.0.13 RT_LAN_4=10.0.0.1
# shellcheck disable=SC2034
PH1_6=fd00:10::11 PH2_6=fd00:10::12 PH3_6=fd00:10::13 RT_LAN_6=fd00:10::1
RT_WAN_4=203.0.113.1 PV_4=203.0.113.10 PV_MEDIA_4=203.0.113.20
RT_WAN_6=2001:db8:203::1 PV_6=2001:db8:203::10 PV_MEDIA_6=2001:db8:203::20

# RTP ports the endpoints advertise in their SDP. Not sipp's own media
# ports (-mp, which it binds whether or not it echoes): rtp.py binds these.
# shellcheck disable=SC2034 # for scenarios with more phones
PH1_RTP=20000 PH2_RTP=20002 PH3_RTP=20004 PV_RTP=30000
SIPP_MP=40000

# addr NAME: the scenario family's address of NAME (PH1, RT_WAN, PV, ...).
addr() { eval "echo \${${1}_${FAMILY}}"; }
# hostport ADDR PORT: ADDR:PORT, IPv6 in brackets.
hostport() {
	case $1 in
	*:*) echo "[$1]:$2" ;;
	*) echo "$1:$2" ;;
	esac
}

TOPO_NAME=${TOPO_NAME:-$(basename "$0" .sh)}
TOPO_DIR=
TOPO_UP=0
TOPO_RESULT=

log() { echo "# $*"; }

# ---- scenario life cycle (kselftest conventions) ------------------------

# Where failed scenarios leave their logs: the VM's writable share, so the
# host keeps them (run.sh --out), else the work dir is just kept.
topo_artifacts() {
	local dst
	[ -n "$TOPO_DIR" ] && [ -d "$TOPO_DIR" ] || return 0
	[ -n "${SIPALG_VM_OUT:-}" ] && [ -d "$SIPALG_VM_OUT" ] || {
		log "logs kept in $TOPO_DIR"
		SELFTEST_KEEP=1
		return 0
	}
	dst=$SIPALG_VM_OUT/scenarios/$TOPO_NAME-h$HELPER-$FW-v$FAMILY
	rm -rf "$dst"
	mkdir -p "$dst" && cp -r "$TOPO_DIR"/. "$dst"/ 2>/dev/null
	log "logs in ${dst#"$SIPALG_VM_OUT"/} of the VM out dir"
}

# Router state, for a failure report.
topo_dump() {
	[ "$TOPO_UP" = 1 ] || return 0
	{
		echo "== rt: conntrack -L"
		ip netns exec "$NS_RT" conntrack -L 2>&1
		echo "== rt: conntrack -L expect"
		ip netns exec "$NS_RT" conntrack -L expect 2>&1
		if [ "$HELPER" = sipalg ] && [ -x "$REPO_DIR/tools/sipalg/sipalg" ]; then
			for v in stats "show calls -v" "show registrations"; do
				echo "== rt: sipalg $v"
				# shellcheck disable=SC2086 # the view's words
				ip netns exec "$NS_RT" "$REPO_DIR/tools/sipalg/sipalg" $v 2>&1
			done
		fi
		echo "== rt: nft list ruleset"
		ip netns exec "$NS_RT" nft list ruleset 2>&1
		if [ "$FW" = iptables ]; then
			for t in raw nat filter; do
				echo "== rt: iptables -t $t"
				ip netns exec "$NS_RT" iptables -t "$t" -L -n -v 2>&1
				ip netns exec "$NS_RT" ip6tables -t "$t" -L -n -v 2>&1
			done
		fi
		for ns in $NS_PH1 $NS_PV; do
			echo "== ${ns#"$TOPO_ID"-}: nft list table inet sipalg_media"
			ip netns exec "$ns" nft list table inet sipalg_media 2>&1
		done
	} >"$TOPO_DIR/router-state.txt" 2>&1
}

ksft_pass() {
	TOPO_RESULT=pass
	echo "PASS: $TOPO_NAME${*:+: $*}"
	exit 0
}
ksft_fail() {
	TOPO_RESULT=fail
	echo "FAIL: $TOPO_NAME: $*"
	topo_dump
	# The sipp/rtp logs' tails: usually enough to see what went wrong.
	if [ -n "$TOPO_DIR" ]; then
		for f in "$TOPO_DIR"/*.err "$TOPO_DIR"/*.out "$TOPO_DIR"/*.rtp.log; do
			[ -s "$f" ] || continue
			echo "# --- $(basename "$f")"
			tail -n 8 "$f" | sed 's/^/#   /'
		done
	fi
	topo_artifacts
	exit 1
}
ksft_skip() {
	TOPO_RESULT=skip
	echo "SKIP: $TOPO_NAME: $*"
	exit 4
}

topo_exit() {
	local rc=$?
	trap - EXIT INT TERM
	wire_stop
	helper_restore
	if [ "$SELFTEST_KEEP" = 1 ]; then
		log "kept: namespaces $TOPO_NAMESPACES, dir $TOPO_DIR"
	else
		topo_teardown
		[ -z "$TOPO_DIR" ] || rm -rf "$TOPO_DIR"
	fi
	# A scenario that died without a verdict (set -e, a bug) still
	# gets its ksft line.
	if [ -z "$TOPO_RESULT" ]; then
		echo "FAIL: $TOPO_NAME: exited with status $rc without a result"
		rc=1
	fi
	exit "$rc"
}

# scenario_init: call first. Refuses to run outside the VM (it loads
# modules and makes namespaces), loads the helper, makes the work dir.
scenario_init() {
	if [ "${SIPALG_VM:-0}" != 1 ] && [ "${SIPALG_ALLOW_HOST:-0}" != 1 ]; then
		echo "SKIP: $TOPO_NAME: not in a sipalg VM (run selftests/selftests.sh," \
			"or selftests/vm/run.sh -- $0)"
		exit 4
	fi
	trap topo_exit EXIT
	trap 'exit 130' INT TERM
	TOPO_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sipalg-$TOPO_NAME.XXXXXX")
	for t in sipp python3 nft conntrack ip; do
		command -v "$t" >/dev/null || ksft_skip "$t not installed"
	done
	[ "$FW" != iptables ] || command -v iptables >/dev/null ||
		ksft_skip "iptables not installed"
	case $FAMILY in 4|6) ;; *) ksft_fail "FAMILY=$FAMILY: want 4 or 6" ;; esac
	case $FW in nft|iptables) ;; *) ksft_fail "FW=$FW: want nft or iptables" ;; esac
	helper_load
}

# ---- the helper modules ---------------------------------------------------

# insmod_dep FILE: load the modules FILE depends on, then FILE, once.
insmod_dep() {
	local f=$1 name dep
	name=$(modinfo -F name "$f" 2>/dev/null) || name=$(basename "$f" .ko)
	grep -q "^$name " /proc/modules && return 0
	for dep in $(modinfo -F depends "$f" 2>/dev/null | tr , ' '); do
		# out-of-tree dependencies are not in /lib/modules: loaded first
		grep -q "^$dep " /proc/modules || modprobe "$dep" || return 1
	done
	insmod "$f"
}

# helper_load: make HELPER available. SKIP when it cannot be.
helper_load() {
	local m
	case $HELPER in
	none) ;;
	sipalg)
		for m in nf_conntrack_sipalg nf_nat_sipalg; do
			[ -f "$SIPALG_KO_DIR/$m.ko" ] ||
				ksft_skip "$SIPALG_KO_DIR/$m.ko not built (make)"
		done
		insmod_dep "$SIPALG_KO_DIR/nf_conntrack_sipalg.ko" ||
			ksft_fail "insmod nf_conntrack_sipalg.ko failed"
		insmod_dep "$SIPALG_KO_DIR/nf_nat_sipalg.ko" ||
			ksft_fail "insmod nf_nat_sipalg.ko failed"
		# the in-tree helper loaded too (not attached: rules name ours)
		if [ "${SIPALG_BESIDE_SIP:-0}" = 1 ]; then
			modprobe nf_conntrack_sip && modprobe nf_nat_sip ||
				ksft_skip "nf_conntrack_sip/nf_nat_sip not available"
			grep -q '^nf_nat_sip ' /proc/modules ||
				ksft_fail "nf_nat_sip not loaded beside sipalg"
			log "nf_conntrack_sip and nf_nat_sip loaded beside sipalg"
		fi
		;;
	sip)
		# The in-tree helper: the harness's reference.
		modprobe nf_conntrack_sip && modprobe nf_nat_sip ||
			ksft_skip "nf_conntrack_sip/nf_nat_sip not available"
		;;
	*)
		# Any other helper name: assume its modules are loaded.
		;;
	esac
}

# Module parameters a scenario changed, restored by the EXIT trap: they
# are global, and the next scenario must find the defaults.
TOPO_RESTORE=()
helper_param() { # MODULE PARAM VALUE
	local f=/sys/module/$1/parameters/$2
	[ -w "$f" ] || return 1
	TOPO_RESTORE+=("$f=$(cat "$f")")
	echo "$3" >"$f"
}
helper_restore() {
	local i r
	# newest first: a parameter set twice gets its first value back
	for ((i = ${#TOPO_RESTORE[@]} - 1; i >= 0; i--)); do
		r=${TOPO_RESTORE[i]}
		echo "${r#*=}" >"${r%%=*}" 2>/dev/null
	done
	TOPO_RESTORE=()
}

# media_policy peer|any: who may send media through a pinhole: only the
# signalling peer (the default of both helpers), or anyone (a provider
# whose media comes from another address than its SIP server). Returns 1
# when HELPER has no such knob.
media_policy() {
	case $HELPER:$1 in
	sipalg:peer) helper_param nf_conntrack_sipalg media_src 0 ;;
	sipalg:any) helper_param nf_conntrack_sipalg media_src 2 ;;
	sip:peer) helper_param nf_conntrack_sip sip_direct_media 1 ;;
	sip:any) helper_param nf_conntrack_sip sip_direct_media 0 ;;
	*) return 1 ;;
	esac
}

# ---- topology ---------------------------------------------------------------

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# ipb [NS]: run the "ip" commands on stdin in one process (ip -batch),
# in NS if given: each ip process costs ~0.1 s under TCG.
ipb() {
	ip ${1:+-n "$1"} -batch - || ksft_fail "ip -batch ${1:-(root)} failed"
}

topo_setup() {
	local ns ph i=1
	for ns in $TOPO_NAMESPACES; do
		echo "netns add $ns"
	done | ipb
	TOPO_UP=1
	for ns in $TOPO_NAMESPACES; do
		# Before any link exists, so every link inherits them: no DAD
		# delay (nothing else uses these addresses), no RAs.
		nsx "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_ra=0 || ksft_fail "sysctl in $ns"
	done
	nsx "$NS_RT" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1

	# Links, made from the root namespace straight into their places.
	{
		for ph in PH1 PH2 PH3; do
			eval ns=\$NS_$ph
			echo "link add eth0 netns $ns type veth peer name lan$i netns $NS_RT"
			i=$((i + 1))
		done
		echo "link add wan0 netns $NS_RT type veth peer name eth0 netns $NS_PV"
	} | ipb

	# The LAN: a bridge in the router (phone to phone stays bridged, and
	# without br_netfilter it never meets the router's forward hook).
	# The provider: on-link with the router's public side only. No route
	# back to the LAN, so what was not NATed cannot reach a phone.
	ipb "$NS_RT" <<EOF
link set lo up
link add br-lan type bridge
addr add $RT_LAN_4/24 dev br-lan
addr add $RT_LAN_6/64 dev br-lan nodad
link set br-lan up
link set lan1 master br-lan up
link set lan2 master br-lan up
link set lan3 master br-lan up
addr add $RT_WAN_4/24 dev wan0
addr add $RT_WAN_6/64 dev wan0 nodad
link set wan0 up
EOF
	for ph in PH1 PH2 PH3; do
		eval ns=\$NS_$ph
		ipb "$ns" <<EOF
link set lo up
addr add $(eval echo \$${ph}_4)/24 dev eth0
addr add $(eval echo \$${ph}_6)/64 dev eth0 nodad
link set eth0 up
route add default via $RT_LAN_4
route add ::/0 via $RT_LAN_6
EOF
	done
	ipb "$NS_PV" <<EOF
link set lo up
addr add $PV_4/24 dev eth0
addr add $PV_MEDIA_4/24 dev eth0
addr add $PV_6/64 dev eth0 nodad
addr add $PV_MEDIA_6/64 dev eth0 nodad
link set eth0 up
EOF

	case $FW in
	nft) topo_fw_nft ;;
	iptables) topo_fw_iptables ;;
	esac
	for ns in $NS_PH1 $NS_PH2 $NS_PH3 $NS_PV; do
		media_table "$ns"
	done
	topo_wait_ready
	wire_start
}

# ---- the public wire ------------------------------------------------------
#
# What crosses the provider's side is captured (dumpcap on pv's eth0) and,
# at scenario_end, checked by wirecheck.py: no private address in SIP or
# SDP, Content-Length right, IP/UDP lengths and IP/UDP/TCP checksums valid.
# Checksum offload is off on that link so the capture shows the checksums
# that really leave.  WIRE_CHECK=0: a scenario that sends what cannot be
# rewritten on purpose; HELPER=none: nothing is rewritten anyway.
: "${WIRE_CHECK:=1}"
WIRE_PID=
wire_start() {
	[ "$WIRE_CHECK" = 1 ] && [ "$HELPER" != none ] || return 0
	command -v dumpcap >/dev/null && command -v ethtool >/dev/null &&
		command -v tshark >/dev/null ||
		ksft_skip "dumpcap, tshark and ethtool needed for the wire check"
	nsx "$NS_RT" ethtool -K wan0 tx off >/dev/null 2>&1 &&
		nsx "$NS_PV" ethtool -K eth0 tx off >/dev/null 2>&1 ||
		ksft_fail "cannot turn checksum offload off on the public link"
	# not through nsx(): $! must be dumpcap itself (a function run with
	# & is a subshell, and its children ignore SIGINT)
	ip netns exec "$NS_PV" dumpcap -q -P -i eth0 -w "$TOPO_DIR/wire.pcap" \
		</dev/null >"$TOPO_DIR/dumpcap.log" 2>&1 &
	WIRE_PID=$!
	# the pcap header is written once it captures
	wire_ready() { kill -0 "$WIRE_PID" 2>/dev/null || return 2; [ -s "$TOPO_DIR/wire.pcap" ]; }
	wait_for "$START_WAIT" wire_ready ||
		ksft_fail "dumpcap did not start: $(cat "$TOPO_DIR/dumpcap.log")"
}
# called by scenario_end (not in a subshell: it changes WIRE_*) and on exit
wire_stop() {
	local i
	[ -n "$WIRE_PID" ] || return 0
	kill -TERM "$WIRE_PID" 2>/dev/null
	for i in $(seq 50); do
		kill -0 "$WIRE_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$WIRE_PID" 2>/dev/null
	wait "$WIRE_PID" 2>/dev/null
	WIRE_PID=
	WIRE_DONE=1
}
WIRE_DONE=
wire_check() {
	[ "$WIRE_DONE" = 1 ] || return 0
	python3 "$LIB_DIR/wirecheck.py" --tshark "$TOPO_DIR/wire.pcap" \
		--private 10.0.0.0/24 --private fd00:10::/64
}

topo_fw_nft() {
	local helpers=
	if [ "$HELPER" != none ]; then
		# Attached by rule only (no automatic assignment since 6.0).
		helpers="
	ct helper sip_udp { type \"$HELPER\" protocol udp; l3proto inet; }
	ct helper sip_tcp { type \"$HELPER\" protocol tcp; l3proto inet; }
	chain helper_assign {
		type filter hook prerouting priority filter; policy accept;
		udp dport 5060 ct state new ct helper set \"sip_udp\"
		tcp dport 5060 ct state new ct helper set \"sip_tcp\"
	}"
	fi
	nsx "$NS_RT" nft -f - <<EOF || ksft_fail "router nft ruleset (HELPER=$HELPER)"
table inet sipalg_topo {
	counter fwd_drop { }
	$helpers
	chain forward_strict {
		type filter hook forward priority filter; policy drop;
		# Strict: from outside only what conntrack ties to a known flow;
		# media from the far end gets in only through a helper pinhole.
		ct state established,related accept
		iifname "br-lan" ct state new accept
		counter name "fwd_drop"
	}
	chain masq {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "wan0" masquerade
	}
}
EOF
}

topo_fw_iptables() {
	local ipt p
	for ipt in iptables ip6tables; do
		if [ "$HELPER" != none ]; then
			for p in udp tcp; do
				nsx "$NS_RT" $ipt -t raw -A PREROUTING -p $p --dport 5060 \
					-j CT --helper "$HELPER" ||
					ksft_fail "$ipt -j CT --helper $HELPER"
			done
		fi
		nsx "$NS_RT" $ipt -P FORWARD DROP &&
		nsx "$NS_RT" $ipt -A FORWARD -m conntrack \
			--ctstate ESTABLISHED,RELATED -j ACCEPT &&
		nsx "$NS_RT" $ipt -A FORWARD -i br-lan -m conntrack \
			--ctstate NEW -j ACCEPT &&
		nsx "$NS_RT" $ipt -t nat -A POSTROUTING -o wan0 -j MASQUERADE ||
			ksft_fail "$ipt router rules"
	done
}

# Every phone reaches the router and the provider reaches the router, in
# both families (bridge ports up, neighbour tables filled).
TOPO_PING=ping
command -v ping >/dev/null || TOPO_PING="busybox ping"
topo_reachable() {
	local ns
	for ns in $NS_PH1 $NS_PH2 $NS_PH3; do
		nsx "$ns" $TOPO_PING -c1 -W1 "$RT_LAN_4" >/dev/null 2>&1 &&
		nsx "$ns" $TOPO_PING -6 -c1 -W1 "$RT_LAN_6" >/dev/null 2>&1 ||
			return 1
	done
	nsx "$NS_PV" $TOPO_PING -c1 -W1 "$RT_WAN_4" >/dev/null 2>&1 &&
	nsx "$NS_PV" $TOPO_PING -6 -c1 -W1 "$RT_WAN_6" >/dev/null 2>&1
}
topo_wait_ready() {
	wait_for 10 topo_reachable || ksft_fail "topology not reachable"
}

topo_teardown() {
	local ns pids
	[ "$TOPO_UP" = 1 ] || return 0
	# Only what runs inside our namespaces: sipp, and the rtp.py that
	# sipp started.
	for ns in $TOPO_NAMESPACES; do
		pids=$(ip netns pids "$ns" 2>/dev/null)
		[ -z "$pids" ] || kill $pids 2>/dev/null
	done
	for ns in $TOPO_NAMESPACES; do
		ip netns del "$ns" 2>/dev/null
	done
	TOPO_UP=0
}

# wait_for TIMEOUT_S COMMAND...: poll COMMAND every 0.1 s until it
# succeeds (0), or returns 2 (will never succeed), or TIMEOUT_S seconds of
# wall time have passed. Time, not a number of tries: under TCG each try
# costs a lot and unevenly.
wait_for() {
	local t=$1 end rc
	shift
	end=$(($(date +%s%N) + t * 1000000000))
	while :; do
		rc=0
		"$@" || rc=$?
		[ $rc != 0 ] && [ $rc != 2 ] || return $rc
		[ "$(date +%s%N)" -lt $end ] || return 1
		sleep 0.1
	done
}

# ---- cleanliness ----------------------------------------------------------
#
# The rule (see selftests/README.md): once a scenario's calls are over,
#  1. the router holds no expectation at all (a finished or failed call
#     must close its pinholes; waited for up to 5 s, never flushed);
#  2. every conntrack that carries the helper is a signalling flow (its
#     original direction goes to port 5060): media and other flows must
#     never get the SIP helper, whatever the call did;
#  3. SIPALG_CALLS_CMD, when set, lists no live call (waited for up to 5 s).
# Finished UDP conntracks themselves (signalling: the helper keeps them for
# its own timeout; media: 30/120 s) are not waited for: they vanish with the
# namespace, and run-scenarios.sh checks at the end of the suite that the
# helper modules unload, which catches conntracks or expectations that
# leaked past their namespace.

# both families in a NAT66 run: conntrack lists one family at a time
rt_expectations() {
	nsx "$NS_RT" conntrack -L expect 2>/dev/null
	[ "$FAMILY" != 6 ] || nsx "$NS_RT" conntrack -L expect -f ipv6 2>/dev/null
}
rt_no_expectations() { [ -z "$(rt_expectations)" ]; }
rt_calls() { nsx "$NS_RT" sh -c "$SIPALG_CALLS_CMD" 2>/dev/null; }
rt_no_calls() { [ -z "$(rt_calls)" ]; }

topo_check_clean() {
	local bad
	[ "$TOPO_UP" = 1 ] || return 0
	if ! wait_for 5 rt_no_expectations; then
		echo "# expectations left in the router:"
		rt_expectations | sed 's/^/#   /'
		return 1
	fi
	if [ "$HELPER" != none ]; then
		bad=$(nsx "$NS_RT" conntrack -L 2>/dev/null |
			grep -E "helper=$HELPER( |\$)" | grep -v ' dport=5060 ')
		if [ -n "$bad" ]; then
			echo "# non-signalling conntracks with helper $HELPER:"
			echo "$bad" | sed 's/^/#   /'
			return 1
		fi
	fi
	if [ -n "${SIPALG_CALLS_CMD:-}" ] && ! wait_for 5 rt_no_calls; then
		echo "# calls left in the router:"
		rt_calls | sed 's/^/#   /'
		return 1
	fi
	return 0
}

# scenario_end: the wire check, the cleanliness check, then the verdict.
scenario_end() {
	local out
	wire_stop
	out=$(wire_check) || { echo "$out"; ksft_fail "the public wire shows problems"; }
	[ -z "$out" ] || echo "$out"
	out=$(topo_check_clean) || { echo "$out"; ksft_fail "not clean after the scenario"; }
	ksft_pass "$@"
}

. "$LIB_DIR/media.sh"
. "$LIB_DIR/sip.sh"
. "$LIB_DIR/peers.sh"
