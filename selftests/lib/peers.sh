# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Real SIP software as peers, sourced by topo.sh: kamailio as the
# provider's registrar and proxy, baresip as a phone (Debian packages
# kamailio and baresip-core).  Each runs in the foreground in its
# namespace, from a config made in the scenario's work dir, and dies with
# the namespace (topo_teardown).
#
# kamailio: no NAT traversal of its own (no nathelper, no
# fix_nated_contact): it stores the Contact a REGISTER carries and sends
# requests to it, and it answers where Via says.  Through a NAT only a
# correct rewrite of Via and Contact makes that work.

KAMAILIO_MODULES=/usr/lib/x86_64-linux-gnu/kamailio/modules
BARESIP_MODULES=/usr/lib/baresip/modules

# kamailio_start NS ADDR: registrar + record-routing proxy on ADDR:5060,
# UDP and TCP.  Its log: $TOPO_DIR/kamailio.log.
KAMAILIO_PID=
kamailio_start() {
	local ns=$1 a=$2 d=$TOPO_DIR/kamailio la
	command -v kamailio >/dev/null && [ -d "$KAMAILIO_MODULES" ] ||
		ksft_skip "kamailio not installed"
	la=$a
	case $a in *:*) la="[$a]" ;; esac
	mkdir -p "$d/run"
	cat >"$d/kamailio.cfg" <<EOF
#!KAMAILIO
debug=2
log_stderror=yes
children=2
tcp_children=2
auto_aliases=no
listen=udp:$la:5060
listen=tcp:$la:5060
alias=$la:5060
mpath="$KAMAILIO_MODULES/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
request_route {
	xlog("L_INFO", "sipalg-test: \$rm \$ru from \$pr:\$si:\$sp\n");
	if (!mf_process_maxfwd_header("10")) {
		sl_send_reply("483", "Too Many Hops");
		exit;
	}
	# in-dialog: RFC 3261 16.12 loose routing through our Record-Route
	if (has_totag()) {
		if (loose_route()) {
			t_relay();
			exit;
		}
		if (is_method("ACK")) {
			if (t_check_trans())
				t_relay();
			exit;
		}
		sl_send_reply("404", "Not here");
		exit;
	}
	if (is_method("CANCEL")) {
		if (t_check_trans())
			t_relay();
		exit;
	}
	t_check_trans();
	if (is_method("REGISTER")) {
		xlog("L_INFO", "sipalg-test: contact \$ct from \$pr:\$si:\$sp\n");
		save("location");
		exit;
	}
	if (is_method("INVITE"))
		record_route();
	if (!lookup("location")) {
		sl_send_reply("404", "Not Found");
		exit;
	}
	xlog("L_INFO", "sipalg-test: relay to \$ru\n");
	t_relay();
}
EOF
	# not through nsx(): $! must be kamailio itself
	ip netns exec "$ns" kamailio -f "$d/kamailio.cfg" -DD -E -m 32 -M 4 \
		-Y "$d/run" </dev/null >"$TOPO_DIR/kamailio.log" 2>&1 &
	KAMAILIO_PID=$!
	kamailio_ready() {
		kill -0 "$KAMAILIO_PID" 2>/dev/null || return 2
		sip_listening "$ns" "$a" 5060
	}
	wait_for "$START_WAIT" kamailio_ready ||
		ksft_fail "kamailio did not start: $(tail -n 5 "$TOPO_DIR/kamailio.log")"
}

# baresip_start NS NAME ADDR SIP_PORT RTP_PORT REGISTRAR: a phone with
# the account NAME@REGISTRAR (registered over TRANSPORT, answering every
# call itself), SIP on ADDR:SIP_PORT, RTP on RTP_PORT (RTCP the next),
# PCMU, a 440 Hz tone as its microphone.  Commands go to its console
# (baresip_cmd); its log is $TOPO_DIR/NAME.baresip.log.
baresip_start() {
	local ns=$1 name=$2 a=$3 port=$4 rtp=$5 reg=$6 d=$TOPO_DIR/$2.baresip
	local params=";regint=600;answermode=auto;audio_codecs=PCMU"
	command -v baresip >/dev/null && [ -d "$BARESIP_MODULES" ] ||
		ksft_skip "baresip not installed"
	[ "$TRANSPORT" = udp ] || params="$params;transport=$TRANSPORT"
	mkdir -p "$d"
	cat >"$d/config" <<EOF
poll_method		epoll
sip_listen		$(hostport "$a" "$port")
call_local_timeout	120
call_max_calls		4
audio_player		aubridge,nil
audio_source		ausine,440
audio_alert		aubridge,nil
ausrc_srate		48000
ausrc_channels		2
rtp_ports		$rtp-$((rtp + 1))
rtp_timeout		0
net_interface		eth0
module_path		$BARESIP_MODULES
module			g711.so
module			ausine.so
module			aubridge.so
module			cons.so
module_app		account.so
module_app		menu.so
cons_listen		127.0.0.1:5555
EOF
	echo "<sip:$name@$(hostport "$reg" 5060)$([ "$TRANSPORT" = udp ] || echo ";transport=$TRANSPORT")>$params" >"$d/accounts"
	ip netns exec "$ns" baresip -f "$d" </dev/null \
		>"$TOPO_DIR/$name.baresip.log" 2>&1 &
	eval "BARESIP_PID_$name=\$!"
}

# baresip_cmd NS COMMAND: a console command (menu module: /dial URI,
# /hangup, /quit).
baresip_cmd() {
	echo "$2" | nsx "$1" socat -t1 - UDP:127.0.0.1:5555 >/dev/null 2>&1 ||
		ksft_fail "baresip console in ${1#"$TOPO_ID"-}: $2 failed"
}

# baresip_log_has NAME ERE [N]: NAME's log shows ERE at least N (1) times.
baresip_log_has() {
	local n
	n=$(tr '\r' '\n' <"$TOPO_DIR/$1.baresip.log" | grep -cE "$2")
	[ "${n:-0}" -ge "${3:-1}" ]
}

# baresip_wait_registered NAME...: each NAME got its registrar's 200 (one
# binding), or the scenario fails with the end of its log.
baresip_wait_registered() {
	local who
	for who; do
		wait_for "$START_WAIT" baresip_log_has "$who" '200 OK.*1 binding' ||
			ksft_fail "$who did not register: $(baresip_log_tail "$who")"
	done
}

# baresip_log_tail NAME: the last lines of NAME's log, its status lines
# ("[0:00:03] audio=...") left out.
baresip_log_tail() {
	tr '\r' '\n' <"$TOPO_DIR/$1.baresip.log" | grep -v '^\[' | tail -n 5
}

# baresip_stop NS NAME: /quit (which unregisters, RFC 3261 10.2.2), then
# wait for it to exit.
baresip_stop() {
	local pid
	eval "pid=\${BARESIP_PID_$2:-}"
	[ -n "$pid" ] || return 0
	baresip_cmd "$1" /quit
	baresip_gone() { ! kill -0 "$pid" 2>/dev/null; }
	wait_for 20 baresip_gone || ksft_fail "baresip $2 did not quit"
	eval "BARESIP_PID_$2="
}
