#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ph1, ph2 and ph3 register with the same far end at the same time, then
# call it at the same time, all with the same private SIP and RTP ports
# (5060, 20000: all phones of one model look alike). Masquerade gives the
# second and third signalling flows other public ports: the registrar must
# see three different public contacts (Via/Contact rewritten to each
# flow's own public port), and the helper must hold three registrations.
# The two offers may name the same public media address (the in-tree
# helper reuses 203.0.113.1:20000 once the first call's pinhole is used:
# the media flows still differ by the far end's port) or different ones;
# either way the helper must keep the calls apart: each phone gets media
# both ways, and only from its own call.  At the end the phones
# unregister: no registration or pinhole is left.
#
# pv runs one sipp UAS for all calls: the N-th call it sees answers with
# media port 3000N and records its SDP in pvN.offer / pvN.sdp.

# six RTP endpoints and four sipp start under TCG: calls long enough for
# all media to begin before the BYEs
case $(uname -r) in *-debug) : "${CALL_MS:=30000}" "${SIPP_TIMEOUT:=150}" ;; *) : "${CALL_MS:=8000}" ;; esac
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
topo_setup

pv=$(addr PV)
PHONES="1 2 3"
S=$REPO_DIR/tools/sipalg/sipalg

# register all phones at once (expires, cseq); pv records contactN
register_all() {
	local n rc=0 rcs=0
	reg_uac_xml "$1" "$2" >"$TOPO_DIR/reg.xml"
	reg_uas_xml "$TOPO_DIR/contact$1-[call_number]" >"$TOPO_DIR/registrar.xml"
	sipp_run "$NS_PV" registrar "$pv" -m 3
	registrar_ready() { kill -0 "$SIPP_PID_registrar" 2>/dev/null || return 2; sip_listening "$NS_PV" "$pv" 5060; }
	wait_for "$START_WAIT" registrar_ready || ksft_fail "registrar not listening"
	for n in $PHONES; do
		eval ns=\$NS_PH$n
		cp "$TOPO_DIR/reg.xml" "$TOPO_DIR/reg$n.xml"
		sipp_run "$ns" "reg$n" "$(addr PH$n)" "$(hostport "$pv" 5060)" \
			-cid_str "reg-ph$n-$TOPO_ID"
	done
	for n in $PHONES; do
		eval "wait \$SIPP_PID_reg$n" || rc=$?
	done
	wait "$SIPP_PID_registrar" || rcs=$?
	[ $rc = 0 ] && [ $rcs = 0 ] ||
		ksft_fail "REGISTER expires=$1 of 3 phones failed (phones rc=$rc, registrar rc=$rcs)"
}
register_all 300 1
media_wait_files 5 "$TOPO_DIR"/contact300-1 "$TOPO_DIR"/contact300-2 "$TOPO_DIR"/contact300-3 ||
	ksft_fail "the registrar recorded no 3 contacts"
contacts=$(cat "$TOPO_DIR"/contact300-* | awk '{print $1 ":" $2}' | sort -u | tr '\n' ' ')
log "registrar got contacts: $contacts"
[ "$(echo "$contacts" | wc -w)" = 3 ] || ksft_fail "3 phones registered as: '$contacts' (want 3 different)"
case $contacts in *10.0.0.*|*fd00:*) ksft_fail "private contact reached the registrar: $contacts" ;; esac
if [ "$HELPER" = sipalg ] && [ -x "$S" ]; then
	nregs=$(nsx "$NS_RT" "$S" -j show registrations | python3 -c 'import json,sys; print(len([r for r in json.load(sys.stdin)["registrations"] if r["active"] and r["pinhole"]]))')
	[ "$nregs" = 3 ] || ksft_fail "sipalg holds $nregs active registrations, want 3"
fi
# The UAS of call_start's "bye" flow, made per call (sipp's assignstr
# takes keywords; the exec commands take [call_number] too).
uas_xml bye "$pv" '[$mport]' |
	sed -e "0,/<action>/s//<action>\n      <assignstr assign_to=\"mport\" value=\"3000[call_number]\"\/>/" \
	    -e "s|$TOPO_DIR/pv.offer|$TOPO_DIR/pv[call_number].offer|" \
	    -e "s|$TOPO_DIR/pv.sdp|$TOPO_DIR/pv[call_number].sdp|" \
	    >"$TOPO_DIR/uas.xml"
for n in $PHONES; do
	eval ns=\$NS_PH$n
	uac_xml bye "$(addr PH$n)" "$PH1_RTP" "ph$n" >"$TOPO_DIR/uac$n.xml"
	media_watch "$ns" "$PH1_RTP"
	media_watch "$NS_PV" "3000$n"
	media_start "$NS_PV" "pv$n" "$pv" "3000$n" 0
	# Callee media first, as in call_start: the phones wait for both.
	media_start "$ns" "ph$n" "$(addr PH$n)" "$PH1_RTP" "$RTP_CALLER_DELAY" \
		"$TOPO_DIR/ph$n.sdp" "$RTP_COUNT" \
		--after "$TOPO_DIR/pv1.first" --after "$TOPO_DIR/pv2.first" \
		--after "$TOPO_DIR/pv3.first"
done
media_wait_files 30 "$TOPO_DIR"/ph[123].ready "$TOPO_DIR"/pv[123].ready ||
	ksft_fail "rtp.py did not start"

sipp_run "$NS_PV" uas "$pv" -m 3
wait_for "$START_WAIT" uas_ready "$pv" ||
	ksft_fail "sipp uas not listening: $(tail -n 3 "$TOPO_DIR/uas.out")"
for n in $PHONES; do
	eval ns=\$NS_PH$n
	sipp_run "$ns" "uac$n" "$(addr PH$n)" "$(hostport "$pv" 5060)"
done
rc=0 rcs=0
for n in $PHONES; do
	eval "wait \$SIPP_PID_uac$n" || rc=$?
done
wait "$SIPP_PID_uas" || rcs=$?
[ $rc = 0 ] && [ $rcs = 0 ] ||
	ksft_fail "signalling failed (a phone's uac rc=$rc, uas rc=$rcs)"
media_wait_files 30 "$TOPO_DIR"/ph[123].rtp "$TOPO_DIR"/pv[123].rtp ||
	ksft_fail "rtp.py did not finish"

offers=
for n in $PHONES; do
	read -r ip port _ <"$TOPO_DIR/pv$n.offer"
	offers="$offers $(hostport "$ip" "$port")"
done
log "offers as pv saw them:$offers"
report=
ok=1
for n in $PHONES; do
	eval ns=\$NS_PH$n
	a=$(media_packets "$ns" "$PH1_RTP")
	b=$(media_packets "$NS_PV" "3000$n")
	report="${report:+$report; }ph$n got ${a:-?}, pv:3000$n got ${b:-?}"
	log "  ph$n rtp.py: $(cat "$TOPO_DIR/ph$n.rtp")"
	log "  pv$n rtp.py: $(cat "$TOPO_DIR/pv$n.rtp")"
	[ "${a:-0}" -ge "$MEDIA_MIN" ] && [ "${b:-0}" -ge "$MEDIA_MIN" ] || ok=0
	# Each phone hears one stream only: its own call's.
	src=$(sed -n 's/.* from=\([^ ]*\).*/\1/p' "$TOPO_DIR/ph$n.rtp")
	case $src in
	*,*) ksft_fail "ph$n got media from two sources: $src (calls mixed up)" ;;
	esac
done
log "media: $report"
[ $ok = 1 ] || ksft_fail "no media both ways in all 3 calls: $report"
register_all 0 2
if [ "$HELPER" = sipalg ] && [ -x "$S" ]; then
	no_regs() { [ "$(nsx "$NS_RT" "$S" -j show registrations | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["registrations"]))')" = 0 ]; }
	wait_for 5 no_regs || ksft_fail "registrations left after Expires 0"
fi
scenario_end "3 registrations as $contacts; $report"
