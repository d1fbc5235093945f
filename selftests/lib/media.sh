# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Media checks, sourced through topo.sh. What reached an end is counted by
# an nft counter in that end's own input hook (table inet sipalg_media), so
# it is what the network delivered, independent of the RTP tool: a packet
# the router did not forward is never counted, whatever rtp.py thinks.

# media_table NS: the (empty) table the per-port counters go into.
media_table() {
	nsx "$1" nft -f - <<'EOF' || ksft_fail "media table in $1"
table inet sipalg_media {
	chain in {
		type filter hook input priority filter; policy accept;
	}
}
EOF
}

# media_watch NS PORT: count UDP packets to PORT arriving in NS.
media_watch() {
	nsx "$1" nft -f - <<EOF || ksft_fail "media counter $2 in $1"
add counter inet sipalg_media rtp_$2
add rule inet sipalg_media in udp dport $2 counter name rtp_$2
EOF
}

# media_packets NS PORT: packets counted so far.
media_packets() {
	nsx "$1" nft list counter inet sipalg_media "rtp_$2" 2>/dev/null |
		sed -n 's/.*packets \([0-9]*\).*/\1/p'
}

# media_start NS WHO ADDR PORT DELAY [REMOTE_FILE [COUNT [RTP.PY ARGS]]]:
# rtp.py bound to ADDR:PORT in NS, waiting for REMOTE_FILE (default
# $TOPO_DIR/WHO.sdp, see sip.sh) to send COUNT (RTP_COUNT) packets; stats
# to WHO.rtp, and WHO.first once it sent its first packet.
media_start() {
	nsx "$1" python3 "$LIB_DIR/rtp.py" --local "$3" "$4" \
		--remote-file "${6:-$TOPO_DIR/$2.sdp}" --delay "$5" \
		--count "${7:-$RTP_COUNT}" --sent-file "$TOPO_DIR/$2.first" \
		"${@:8}" \
		--linger 0.5 --wait "${SIPP_TIMEOUT:-30}" \
		--ready "$TOPO_DIR/$2.ready" --stats "$TOPO_DIR/$2.rtp" \
		>"$TOPO_DIR/$2.rtp.log" 2>&1 </dev/null &
}

# media_wait_files TIMEOUT FILE...: wait until every FILE exists (rtp.py
# writes its stats file when done).
media_files_exist() {
	local f
	for f; do [ -e "$f" ] || return 1; done
}
media_wait_files() {
	local t=$1
	shift
	wait_for "$t" media_files_exist "$@"
}

# media_latched PV_SENT PH1_SENT WHEN: after a call in which ph1 sent from
# another port than its SDP says (SEND_PORT) to a pv that latches onto
# the source of its media (rtp.py --latch): each end got all but a few
# (the first packets before pv latched, losses under TCG) of what the
# other sent, else fail naming WHEN.  Sets MEDIA_REPORT.
media_latched() {
	local pv_sent=$1 ph_sent=$2 when=$3 a b
	media_wait_files 30 "$TOPO_DIR/ph1.rtp" "$TOPO_DIR/pv.rtp" ||
		ksft_fail "rtp.py did not finish"
	a=$(media_packets "$NS_PH1" "$PH1_RTP")
	b=$(media_packets "$NS_PV" "$PV_RTP")
	log "ph1 rtp.py: $(cat "$TOPO_DIR/ph1.rtp")"
	log "pv rtp.py: $(cat "$TOPO_DIR/pv.rtp")"
	MEDIA_REPORT="ph1 got ${a:-?} of $pv_sent on :$PH1_RTP, pv got ${b:-?} of $ph_sent"
	log "media: $MEDIA_REPORT"
	[ "${b:-0}" -ge $((ph_sent * 9 / 10)) ] ||
		ksft_fail "ph1's media (from :$SEND_PORT) did not reach pv $when: $MEDIA_REPORT"
	[ "${a:-0}" -ge $((pv_sent * 9 / 10)) ] ||
		ksft_fail "pv's media (latched) did not reach ph1's advertised port $when: $MEDIA_REPORT"
}

# media_both_ways: ph1 and pv each received at least MEDIA_MIN packets on
# their RTP port. Prints the counts; the caller decides what that means.
MEDIA_REPORT=
media_both_ways() {
	local a b
	a=$(media_packets "$NS_PH1" "$PH1_RTP")
	b=$(media_packets "$NS_PV" "$PV_RTP")
	MEDIA_REPORT="ph1 got ${a:-?}, pv got ${b:-?} RTP packets (min $MEDIA_MIN)"
	log "media: $MEDIA_REPORT"
	for f in "$TOPO_DIR"/ph1.rtp "$TOPO_DIR"/pv.rtp; do
		[ ! -s "$f" ] || log "  $(basename "$f" .rtp) rtp.py: $(cat "$f")"
	done
	[ "${a:-0}" -ge "$MEDIA_MIN" ] && [ "${b:-0}" -ge "$MEDIA_MIN" ]
}

# media_early_check: in the failed-call flows (cancel, busy) the callee
# sent EARLY_COUNT packets to the offered address while the INVITE was
# pending (see call_start); at least one must have reached ph1, or the
# helper never opened the pinhole and "closed afterwards" means nothing.
media_early_check() {
	local got
	media_wait_files 10 "$TOPO_DIR/pv-early.rtp" ||
		ksft_fail "early media sender did not finish"
	got=$(media_packets "$NS_PH1" "$PH1_RTP")
	log "early media: ph1 got ${got:-?} of $EARLY_COUNT while the INVITE was pending"
	[ "${got:-0}" -ge 1 ]
}

# media_probe_blocked NS_FROM FROM_ADDR FROM_PORT TO_ADDR TO_PORT NS_TO
# WATCH_PORT: after a call, send a few RTP packets from a fresh source
# port to an address:port the call's SDP had advertised; none may arrive
# (the pinhole must be closed). Returns 0 if blocked.
media_probe_blocked() {
	local before after
	before=$(media_packets "$6" "$7")
	nsx "$1" python3 "$LIB_DIR/rtp.py" --local "$2" "$3" --remote "$4" "$5" \
		--count 5 --interval 0.01 --linger 0.3 >"$TOPO_DIR/probe.log" 2>&1
	after=$(media_packets "$6" "$7")
	log "late probe $(hostport "$2" "$3") -> $(hostport "$4" "$5"):" \
		"$((after - before)) arrived"
	[ "$after" = "$before" ]
}
