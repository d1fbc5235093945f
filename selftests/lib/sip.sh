# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# SIP endpoints, sourced through topo.sh: sipp scenarios generated from
# templates (so addresses, ports and the call flow are the scenario's
# choice), run inside the namespaces.
#
# The caller (UAC) advertises its own private address and PH1_RTP in the
# INVITE's SDP; the callee (UAS) advertises PV_MEDIA (default: its own
# signalling address) and PV_RTP. Each side, once the call is up, starts
# rtp.py towards the address:port it found in the *other side's SDP as
# received* (sipp ereg + exec): media flows only if the router's helper
# rewrote the SDP and opened the pinholes. The files each side leaves in
# $TOPO_DIR: uac.* / uas.* (sipp logs), pv.offer (the SDP address and port
# the callee received), ph1.answer (what the caller received), ph1.rtp /
# pv.rtp (rtp.py stats, written when it is done).
#
# Call flows (MODE):
#   bye         INVITE/100/180/200/ACK, media, caller's BYE/200
#   callee-bye  the same, the callee sends the BYE
#   cancel      INVITE/100/180, PENDING_MS, caller's CANCEL/200, 487/ACK
#   busy        INVITE/100, PENDING_MS, 486/ACK
# In cancel and busy the callee sends EARLY_COUNT RTP packets to the
# offered address as soon as it has the offer (early media).

: "${CALL_MS:=2500}"          # how long an answered call lasts
: "${SIPP_TIMEOUT:=30}"       # seconds, per sipp run
# how long the side that does not hang up waits for the BYE
: "${BYE_WAIT_MS:=$((CALL_MS + 20000))}"
# udp, or tcp (one connection, sipp -t t1; the messages carry
# Content-Length, which is what frames them in the stream).
: "${TRANSPORT:=udp}"
case $TRANSPORT in
udp) SIPP_TRANSPORT="-t u1" ;;
tcp) SIPP_TRANSPORT="-t t1" ;;
*) echo "TRANSPORT=$TRANSPORT: want udp or tcp" >&2; exit 1 ;;
esac
# The callee's media goes first: the caller's rtp.py waits until the
# callee's has sent its first packet, then RTP_CALLER_DELAY more. So that
# packet can only get in through the pinhole (the expectation's DNAT),
# never as the reply of a flow the caller already opened (which would let
# media in without any pinhole, as symmetric RTP does through any NAT).
: "${RTP_CALLER_DELAY:=0.2}"
# Early media packets in the failed-call flows, and how long the call
# stays pending for them (the caller's wait before CANCEL, the callee's
# before 486).
: "${EARLY_COUNT:=5}"
: "${PENDING_MS:=1500}"

# The SDP body (RFC 4566): one audio stream; with SDP_STREAMS=4 four
# m= lines: audio (RTCP on port+1, RFC 3550 11), video with a=rtcp on an
# odd port (RFC 3605), audio with rtcp-mux (RFC 5761) and text with
# a=rtcp naming port and address.  Media flows on the first.
: "${SDP_STREAMS:=1}"
sdp_body() { # USER ADDR PORT [DIRECTION [VERSION]]
	local ipv=4
	case $2 in *:*) ipv=6 ;; esac
	cat <<EOF
v=0
o=$1 1 ${5:-1} IN IP$ipv $2
s=-
c=IN IP$ipv $2
t=0 0
m=audio $3 RTP/AVP 0
a=rtpmap:0 PCMU/8000
EOF
	[ -z "${4:-}" ] || echo "a=$4"
	[ "$SDP_STREAMS" = 4 ] || return 0
	cat <<EOF
m=video $(($3 + 10)) RTP/AVP 96
a=rtpmap:96 H264/90000
a=rtcp:$(($3 + 15))
m=audio $(($3 + 20)) RTP/AVP 8
a=rtpmap:8 PCMA/8000
a=rtcp-mux
m=text $(($3 + 30)) RTP/AVP 98
a=rtpmap:98 t140/1000
a=rtcp:$(($3 + 41)) IN IP$ipv $2
EOF
}

# Extract the c= address and m= port of the SDP just received.
sdp_ereg() {
	cat <<'EOF'
      <ereg regexp="c=IN IP[46] ([0-9a-fA-F.:]+)" search_in="body" check_it="true" assign_to="c_all,c_ip"/>
      <ereg regexp="m=audio ([0-9]+)" search_in="body" check_it="true" assign_to="m_all,m_port"/>
EOF
}

# sdp_exec FILE: the sipp action that records the SDP address and port
# just received in FILE (for the late probe, and the go signal of the
# rtp.py waiting for it). No "<>&" in the command: sipp does not decode
# XML entities (lib/sipp-exec.sh).
sdp_exec() {
	cat <<EOF
      <exec command="sh $LIB_DIR/sipp-exec.sh sdp $1 [\$c_ip] [\$m_port] '[\$c_all]' '[\$m_all]'"/>
EOF
}

# uac_xml MODE ADDR RTP_PORT [WHO]: WHO (ph1) names the file the answer's
# SDP address goes to: $TOPO_DIR/WHO.sdp.
uac_xml() {
	local mode=$1 a=$2 port=$3 who=${4:-ph1} invite_hdrs
	# One INVITE client transaction: CANCEL and the ACK of a non-2xx
	# reuse its branch (RFC 3261 9.1, 17.1.1.3).
	invite_hdrs='Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK[pid]i[call_number]
From: <sip:caller@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]'
	cat <<EOF
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="sipalg selftest uac $mode">
  <send retrans="500">
    <![CDATA[
INVITE sip:callee@[remote_ip]:[remote_port] SIP/2.0
$invite_hdrs
To: <sip:callee@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

$(sdp_body caller "$a" "$port")
]]>
  </send>
  <recv response="100" optional="true"/>
EOF
	case $mode in
	bye|callee-bye)
		cat <<EOF
  <recv response="180" optional="true"/>
  <recv response="200" rtd="true">
    <action>
$(sdp_ereg)
    </action>
  </recv>
  <send>
    <![CDATA[
ACK sip:callee@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:caller@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:callee@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

]]>
  </send>
  <nop>
    <action>
$(sdp_exec "$TOPO_DIR/$who.sdp")
    </action>
  </nop>
EOF
		;;
	esac
	case $mode in
	bye)
		cat <<EOF
  <pause milliseconds="$CALL_MS"/>
  <send retrans="500">
    <![CDATA[
BYE sip:callee@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:caller@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:callee@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 2 BYE
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

]]>
  </send>
  <recv response="200" crlf="true"/>
EOF
		;;
	callee-bye)
		cat <<EOF
  <recv request="BYE" timeout="$BYE_WAIT_MS"/>
  <send>
    <![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]>
  </send>
EOF
		;;
	cancel)
		cat <<EOF
  <recv response="180"/>
  <pause milliseconds="$PENDING_MS"/>
  <send retrans="500">
    <![CDATA[
CANCEL sip:callee@[remote_ip]:[remote_port] SIP/2.0
$invite_hdrs
To: <sip:callee@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 CANCEL
Max-Forwards: 70
Content-Length: 0

]]>
  </send>
  <recv response="200"/>
  <recv response="487"/>
EOF
		;;
	busy)
		cat <<EOF
  <recv response="180" optional="true"/>
  <recv response="486"/>
EOF
		;;
	esac
	case $mode in
	cancel|busy)
		cat <<EOF
  <send>
    <![CDATA[
ACK sip:callee@[remote_ip]:[remote_port] SIP/2.0
$invite_hdrs
To: <sip:callee@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]>
  </send>
EOF
		;;
	esac
	echo '</scenario>'
}

# A response to the last request received, headers copied from it.
uas_response() { # CODE REASON [CSEQ]
	cat <<EOF
  <send>
    <![CDATA[
SIP/2.0 $1 $2
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
${3:-[last_CSeq:]}
Contact: <sip:callee@[local_ip]:[local_port]>
Content-Length: 0

]]>
  </send>
EOF
}

# What the callee needs for its own in-dialog request (sipp refuses
# variables that are set but never used: only in callee-bye). No "<>&"
# in the regexps either: sipp does not decode XML entities.
dialog_ereg() {
	cat <<'EOF'
      <ereg regexp="sip:[][a-zA-Z0-9_.@:-]*" search_in="hdr" header="Contact:" check_it="true" assign_to="contact"/>
      <ereg regexp="[^ ].*" search_in="hdr" header="From:" check_it="true" assign_to="from_hdr"/>
      <ereg regexp="[^ ].*" search_in="hdr" header="To:" check_it="true" assign_to="to_hdr"/>
EOF
}

# uas_xml MODE MEDIA_ADDR RTP_PORT [WHO]: WHO (pv) names the files the
# offer's SDP address goes to: $TOPO_DIR/WHO.offer at once, WHO.sdp once
# the call is up.
uas_xml() {
	local mode=$1 a=$2 port=$3 who=${4:-pv}
	cat <<EOF
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="sipalg selftest uas $mode">
  <recv request="INVITE" crlf="true">
    <action>
$(sdp_ereg)
$([ "$mode" != callee-bye ] || dialog_ereg)
$(sdp_exec "$TOPO_DIR/$who.offer")
    </action>
  </recv>
$(uas_response 100 Trying)
EOF
	case $mode in
	busy)
		echo "  <pause milliseconds=\"$PENDING_MS\"/>"
		uas_response 486 'Busy Here'
		echo '  <recv request="ACK"/>'
		;;
	cancel)
		uas_response 180 Ringing
		cat <<EOF
  <recv request="CANCEL"/>
$(uas_response 200 OK)
$(uas_response 487 'Request Terminated' 'CSeq: 1 INVITE')
  <recv request="ACK"/>
EOF
		;;
	bye|callee-bye)
		uas_response 180 Ringing
		cat <<EOF
  <send retrans="500">
    <![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:callee@[local_ip]:[local_port]>
Content-Type: application/sdp
Content-Length: [len]

$(sdp_body callee "$a" "$port")
]]>
  </send>
  <recv request="ACK" rtd="true" crlf="true"/>
  <nop>
    <action>
$(sdp_exec "$TOPO_DIR/$who.sdp")
    </action>
  </nop>
EOF
		;;
	esac
	case $mode in
	bye)
		cat <<EOF
  <recv request="BYE" timeout="$BYE_WAIT_MS"/>
  <send>
    <![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]>
  </send>
EOF
		;;
	callee-bye)
		# In-dialog request of the callee: R-URI = the caller's
		# Contact as received (rewritten by the ALG when NATed),
		# From/To swapped.
		cat <<EOF
  <pause milliseconds="$CALL_MS"/>
  <send retrans="500">
    <![CDATA[
BYE [\$contact] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: [\$to_hdr];tag=[pid]SIPpTag01[call_number]
To: [\$from_hdr]
Call-ID: [call_id]
CSeq: 1 BYE
Contact: <sip:callee@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

]]>
  </send>
  <recv response="200" crlf="true"/>
EOF
		;;
	esac
	echo '</scenario>'
}

# Hold and resume from the far end (RFC 3264 8.4, RFC 6337 5.3), HOLDS
# times: the callee (pv) re-INVITEs with a=sendonly, the caller (ph1)
# answers a=recvonly; then a re-INVITE with a=sendrecv resumes.  Each
# phase lasts HOLD_MS; then the caller hangs up.
: "${HOLDS:=2}"
: "${HOLD_MS:=2500}"

# uac_hold_xml ADDR RTP_PORT: the caller's side.
uac_hold_xml() {
	local a=$1 port=$2 i v=1
	uac_xml bye "$a" "$port" | sed '/<pause milliseconds/,$d'
	for i in $(seq "$HOLDS"); do
		for dir in recvonly sendrecv; do
			v=$((v + 1))
			cat <<EOF
  <recv request="INVITE" timeout="$((HOLD_MS * 4 + 20000))"/>
  <send>
    <![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:caller@[local_ip]:[local_port]>
Content-Type: application/sdp
Content-Length: [len]

$(sdp_body caller "$a" "$port" $dir $v)
]]>
  </send>
  <recv request="ACK"/>
EOF
		done
	done
	uac_xml bye "$a" "$port" | sed -n '/<pause milliseconds/,$p'
}

# uas_hold_xml ADDR RTP_PORT: the callee's side.
uas_hold_xml() {
	local a=$1 port=$2 i cseq=0 v=1
	uas_xml callee-bye "$a" "$port" | sed '/<pause milliseconds/,$d'
	for i in $(seq "$HOLDS"); do
		for dir in sendonly sendrecv; do
			cseq=$((cseq + 1)) v=$((v + 1))
			cat <<EOF
  <pause milliseconds="$HOLD_MS"/>
  <send retrans="500">
    <![CDATA[
INVITE [\$contact] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: [\$to_hdr];tag=[pid]SIPpTag01[call_number]
To: [\$from_hdr]
Call-ID: [call_id]
CSeq: $cseq INVITE
Contact: <sip:callee@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

$(sdp_body callee "$a" "$port" $dir $v)
]]>
  </send>
  <recv response="200"/>
  <send>
    <![CDATA[
ACK [\$contact] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: [\$to_hdr];tag=[pid]SIPpTag01[call_number]
To: [\$from_hdr]
Call-ID: [call_id]
CSeq: $cseq ACK
Max-Forwards: 70
Content-Length: 0

]]>
  </send>
EOF
		done
	done
	# the caller hangs up: the end of the plain callee's flow
	uas_xml bye "$a" "$port" | sed -n '/<recv request="BYE"/,$p'
}

# reg_uac_xml EXPIRES CSEQ [USER]: one REGISTER (RFC 3261 10.2) of the
# phone's contact as USER (ph1), answered by 200. Run with -cid_str so that the refresh or the
# removal (EXPIRES 0) uses the same Call-ID (10.2.4).
reg_uac_xml() {
	local user=${3:-ph1}
	cat <<EOF
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="sipalg selftest register $1">
  <send retrans="500">
    <![CDATA[
REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:$user@[remote_ip]:[remote_port]>;tag=[pid]reg$2
To: <sip:$user@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: $2 REGISTER
Contact: <sip:$user@[local_ip]:[local_port]>;expires=$1
Max-Forwards: 70
Content-Length: 0

]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="200"/>
</scenario>
EOF
}

# reg_uas_xml FILE: the registrar's side of one REGISTER: records the
# contact as it arrived ("ADDR PORT", the NATed one when the helper did
# its job) in FILE and grants the expiry asked for.
reg_uas_xml() {
	cat <<EOF
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="sipalg selftest registrar">
  <recv request="REGISTER" crlf="true">
    <action>
      <ereg regexp="sip:ph1@\\[?([0-9a-fA-F.:]+)\\]?:([0-9]+)" search_in="hdr" header="Contact:" check_it="true" assign_to="c_all,c_ip,c_port"/>
      <exec command="sh $LIB_DIR/sipp-exec.sh sdp $1 [\$c_ip] [\$c_port] '[\$c_all]' -"/>
    </action>
  </recv>
  <send>
    <![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]registrar[call_number]
[last_Call-ID:]
[last_CSeq:]
[last_Contact:]
Content-Length: 0

]]>
  </send>
</scenario>
EOF
}

# sipp_run NS ROLE LOCAL_ADDR [sipp args...]: sipp in the background;
# its pid in SIPP_PID_<ROLE>.
sipp_run() {
	local ns=$1 role=$2 a=$3
	shift 3
	timeout -k 2 $((SIPP_TIMEOUT + 10)) ip netns exec "$ns" \
		sipp -sf "$TOPO_DIR/$role.xml" -i "$a" -p 5060 -bind_local \
		-mi "$a" -mp "$SIPP_MP" -m 1 -nostdin $SIPP_TRANSPORT \
		-timeout "${SIPP_TIMEOUT}s" -timeout_error \
		-trace_msg -message_file "$TOPO_DIR/$role.msg" \
		-trace_err -error_file "$TOPO_DIR/$role.err" \
		${SIPP_OPTS:-} "$@" >"$TOPO_DIR/$role.out" 2>&1 &
	eval "SIPP_PID_$role=\$!"
}

# sip_listening NS ADDR PORT: a SIP socket of TRANSPORT is bound there.
sip_listening() {
	local o=-Hlun
	[ "$TRANSPORT" = udp ] || o=-Hltn
	nsx "$1" ss $o "src $(hostport "$2" "$3")" 2>/dev/null | grep -q .
}

# The callee listens; stop waiting at once if it died.
uas_ready() {
	kill -0 "$SIPP_PID_uas" 2>/dev/null || return 2
	sip_listening "$NS_PV" "$1" 5060
}

# call_start MODE: the callee (pv) listening, then the caller (ph1) calling.
call_start() {
	local mode=$1 ph pv media
	ph=$(addr PH1)
	pv=$(addr PV)
	media=${PV_MEDIA_ADDR:-$pv}
	uas_xml "$mode" "$media" "$PV_RTP" >"$TOPO_DIR/uas.xml"
	uac_xml "$mode" "$ph" "$PH1_RTP" >"$TOPO_DIR/uac.xml"
	media_watch "$NS_PH1" "$PH1_RTP"
	media_watch "$NS_PV" "$PV_RTP"
	case $mode in
	bye|callee-bye)
		# Media endpoints first: they wait for the SDP the other
		# side sends, recorded by sipp (ph1.sdp: what ph1 got in
		# the 200; pv.sdp: what pv got in the INVITE, once ACKed).
		media_start "$NS_PH1" ph1 "$ph" "$PH1_RTP" "$RTP_CALLER_DELAY" \
			"$TOPO_DIR/ph1.sdp" "$RTP_COUNT" --after "$TOPO_DIR/pv.first"
		media_start "$NS_PV" pv "$media" "$PV_RTP" 0
		media_wait_files 30 "$TOPO_DIR/ph1.ready" "$TOPO_DIR/pv.ready" ||
			ksft_fail "rtp.py did not start"
		;;
	cancel|busy)
		# Early media: as soon as pv has the offer (while ringing,
		# before the CANCEL or the 486) it sends a few packets to
		# the offered address; the pinhole must be open by then.
		media_start "$NS_PV" pv-early "$media" "$PV_RTP" 0 \
			"$TOPO_DIR/pv.offer" "$EARLY_COUNT"
		media_wait_files 30 "$TOPO_DIR/pv-early.ready" ||
			ksft_fail "rtp.py did not start"
		;;
	esac
	sipp_run "$NS_PV" uas "$pv"
	wait_for "$START_WAIT" uas_ready "$pv" ||
		ksft_fail "sipp uas not listening: $(tail -n 3 "$TOPO_DIR/uas.out")"
	sipp_run "$NS_PH1" uac "$ph" "$(hostport "$pv" 5060)"
}

# call_wait: both sipp done; fails the scenario unless both succeeded.
call_wait() {
	local rc_uac=0 rc_uas=0
	wait "$SIPP_PID_uac" || rc_uac=$?
	wait "$SIPP_PID_uas" || rc_uas=$?
	[ "$rc_uac" = 0 ] && [ "$rc_uas" = 0 ] ||
		ksft_fail "signalling failed (sipp uac rc=$rc_uac, uas rc=$rc_uas)"
	# sipp runs <exec> in a detached grandchild: the offer the callee
	# saw may be written a moment after sipp is done.
	media_wait_files 5 "$TOPO_DIR/pv.offer" ||
		ksft_fail "the callee recorded no SDP offer"
}
