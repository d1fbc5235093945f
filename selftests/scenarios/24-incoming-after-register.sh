#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An incoming call after REGISTER (RFC 3261 10): ph1 registers its
# contact with the provider (sipp as registrar); the registrar must see
# the public contact, and the helper keeps a registration whose pinhole
# lets new requests from the registrar reach ph1.  The provider then calls
# ph1 from ANOTHER port (5070, as proxies do: not the reply direction of
# the REGISTER's flow, so only the registration's pinhole lets it in),
# to the contact it was given; media flows both ways, the provider's
# first.  Then ph1 unregisters (Expires 0): the registration and its
# pinhole are gone.
. "$(dirname "$0")/../lib/topo.sh"
scenario_init
[ "$HELPER" = sipalg ] || [ "$HELPER" = none ] ||
	ksft_skip "HELPER=$HELPER: the registration pinhole is sipalg's"
topo_setup
S=$REPO_DIR/tools/sipalg/sipalg
ph=$(addr PH1) pv=$(addr PV) pub=$(addr RT_WAN)
cid="reg-ph1-$TOPO_ID@sipalg"

# register (expires, cseq, registrar's record file)
register() {
	reg_uac_xml "$1" "$2" >"$TOPO_DIR/reg.xml"
	reg_uas_xml "$3" >"$TOPO_DIR/registrar.xml"
	sipp_run "$NS_PV" registrar "$pv"
	wait_for "$START_WAIT" uas_ready_role registrar ||
		ksft_fail "registrar not listening: $(tail -n 3 "$TOPO_DIR/registrar.out")"
	sipp_run "$NS_PH1" reg "$ph" "$(hostport "$pv" 5060)" -cid_str "$cid"
	local rc_reg=0 rc_registrar=0
	wait "$SIPP_PID_reg" || rc_reg=$?
	wait "$SIPP_PID_registrar" || rc_registrar=$?
	[ $rc_reg = 0 ] && [ $rc_registrar = 0 ] ||
		ksft_fail "REGISTER expires=$1 failed (phone rc=$rc_reg, registrar rc=$rc_registrar)"
}
uas_ready_role() {
	kill -0 "$(eval echo "\$SIPP_PID_$1")" 2>/dev/null || return 2
	sip_listening "$NS_PV" "$pv" 5060
}

register 300 1 "$TOPO_DIR/contact"
media_wait_files 5 "$TOPO_DIR/contact" || ksft_fail "the registrar recorded no contact"
read -r cip cport _ <"$TOPO_DIR/contact"
log "registrar got contact $cip:$cport"
[ "$cip" = "$pub" ] || ksft_fail "registrar got contact $cip, not the public $pub"
if [ "$HELPER" = sipalg ]; then
	nsx "$NS_RT" "$S" -j show registrations >"$TOPO_DIR/regs.json" ||
		ksft_fail "show registrations failed"
	python3 - "$TOPO_DIR/regs.json" "$ph" "$pub" "$cport" <<'PY' ||
import json, sys
r = json.load(open(sys.argv[1]))["registrations"]
ok = len(r) == 1 and r[0]["contact"] == sys.argv[2] and \
     r[0]["public"] == sys.argv[3] and r[0]["public_port"] == int(sys.argv[4]) and \
     r[0]["active"] and r[0]["pinhole"]
sys.exit(0 if ok else 1)
PY
		ksft_fail "show registrations: $(cat "$TOPO_DIR/regs.json")"
fi

# ph1 answers on its registered contact; the provider calls from :5070
uas_xml bye "$ph" "$PH1_RTP" ph1 >"$TOPO_DIR/ph.xml"
uac_xml bye "$pv" "$PV_RTP" pv >"$TOPO_DIR/inv.xml"
media_watch "$NS_PH1" "$PH1_RTP"
media_watch "$NS_PV" "$PV_RTP"
media_start "$NS_PV" pv "$pv" "$PV_RTP" 0
media_start "$NS_PH1" ph1 "$ph" "$PH1_RTP" "$RTP_CALLER_DELAY" \
	"$TOPO_DIR/ph1.offer" "$RTP_COUNT" --after "$TOPO_DIR/pv.first"
media_wait_files 30 "$TOPO_DIR/ph1.ready" "$TOPO_DIR/pv.ready" ||
	ksft_fail "rtp.py did not start"
sipp_run "$NS_PH1" ph "$ph"
ph_ready() { kill -0 "$SIPP_PID_ph" 2>/dev/null || return 2; sip_listening "$NS_PH1" "$ph" 5060; }
wait_for "$START_WAIT" ph_ready || ksft_fail "ph1's sipp not listening: $(tail -n 3 "$TOPO_DIR/ph.out")"
sipp_run "$NS_PV" inv "$pv" "$(hostport "$cip" "$cport")" -p 5070
rc_inv=0 rc_ph=0
wait "$SIPP_PID_inv" || rc_inv=$?
wait "$SIPP_PID_ph" || rc_ph=$?
[ $rc_inv = 0 ] && [ $rc_ph = 0 ] ||
	ksft_fail "incoming call failed (provider rc=$rc_inv, ph1 rc=$rc_ph)"
media_wait_files 10 "$TOPO_DIR/ph1.rtp" "$TOPO_DIR/pv.rtp" ||
	ksft_fail "rtp.py did not finish"
media_both_ways || ksft_fail "incoming call: no media both ways: $MEDIA_REPORT"

# unregister: the binding and its pinhole go
register 0 2 "$TOPO_DIR/contact0"
if [ "$HELPER" = sipalg ]; then
	no_regs() { [ "$(nsx "$NS_RT" "$S" show registrations 2>/dev/null | grep -c "$ph")" = 0 ]; }
	wait_for 5 no_regs || ksft_fail "registration left after Expires 0: $(nsx "$NS_RT" "$S" show registrations)"
fi
scenario_end "registered as $cip:$cport; incoming call from :5070: $MEDIA_REPORT"
