#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# CLI tests for "sipalg parse" (and the commands that need no module),
# TAP output.  $SIPALG is the binary under test.  The messages are the
# shared vectors' (written out by gen_seeds) plus a few files made here.
set -u
SIPALG=${SIPALG:-tools/sipalg/sipalg}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
ko() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $*"; }
# expect_rc WANT DESC CMD...
expect_rc() {
	local want=$1 desc=$2 rc
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" = "$want" ]; then ok "$desc"; else
		ko "$desc (exit $rc, want $want)"; sed 's/^/# /' "$tmp/err" | head -5
	fi
}
# json_check DESC PYTHON-EXPR (over j = the parsed JSON of $tmp/out)
json_check() {
	if python3 -c 'import json,sys
j=[json.loads(l) for l in open(sys.argv[1])]
m=j[0] if j else None
v=m.get("via") if m else None
s=(m.get("sdp") or {}).get("media") if m else None
ok=eval("(" + sys.argv[2] + ")")
sys.exit(0 if ok else 1)' "$tmp/out" "$2" 2>"$tmp/perr"; then ok "$1"; else
		ko "$1"; sed 's/^/# /' "$tmp/perr" "$tmp/out" | head -8
	fi
}

cat >"$tmp/invite.sip" <<'M'
INVITE sip:bob@[2001:db8::10]:5070 SIP/2.0
Via: SIP/2.0/UDP [fd00:10::11]:5060;branch=z9hG4bK-1;rport
Via: SIP/2.0/TCP 10.0.0.1;branch=z9hG4bK-0;received=198.51.100.1;rport=4000
From: "A" <sip:alice@10.0.0.11>;tag=f
To: <sip:bob@[2001:db8::10]>
Call-ID: cli-1
CSeq: 7 INVITE
Contact: *
Content-Type: application/sdp

v=0
o=- 1 1 IN IP6 fd00:10::11
s=-
c=IN IP6 fd00:10::11
t=0 0
m=audio 4000 RTP/AVP 0
a=rtcp:4005 IN IP6 fd00:10::12
a=recvonly
m=video 0 RTP/AVP 96
M
printf 'SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP 10.0.0.11;branch=z9hG4bK-2\r\nFrom: <sip:a@10.0.0.11>;tag=1\r\nTo: <sip:b@203.0.113.10>;tag=2\r\nCall-ID: cli-2\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n' >"$tmp/busy.sip"
printf 'INVITE sip:b@203.0.113.10 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.11;branch=z9hG4bK-3\r\n\r\n' >"$tmp/bad.sip"
head -c 4096 /dev/urandom >"$tmp/random.bin"

expect_rc 0 "parse --json valid IPv6 INVITE" "$SIPALG" parse --json "$tmp/invite.sip"
json_check "json values of the INVITE" 'm["valid"] is True and m["kind"]=="request" and m["method"]=="INVITE" and
m["status"] is None and m["request_uri"]=="sip:bob@[2001:db8::10]:5070" and
m["call_id"]=="cli-1" and m["cseq"]=={"seq":7,"method":"INVITE"} and
v[0]=={"transport":"UDP","host":"[fd00:10::11]","port":5060,"branch":"z9hG4bK-1","received":None,"rport":True} and
v[1]["rport"]==4000 and v[1]["received"]=="198.51.100.1" and v[1]["port"] is None and
m["contact"]==[] and m["from"]=={"host":"10.0.0.11","port":None,"tag":"f"} and
m["to"]["host"]=="[2001:db8::10]" and m["to"]["tag"] is None and
m["content_length"] is None and m["body_length"]>0 and
m["sdp"]["origin"]=="fd00:10::11" and len(s)==2 and
s[0]=={"type":"audio","port":4000,"count":1,"proto":"RTP/AVP","conn":"fd00:10::11","rtcp":4005,"rtcp_conn":"fd00:10::12","rtcp_mux":False,"direction":"recvonly"} and
s[1]["port"]==0 and s[1]["direction"]=="sendrecv"'
expect_rc 0 "parse --json response" "$SIPALG" -j parse "$tmp/busy.sip"
json_check "json of a 486" 'j[0]["status"]==486 and j[0]["method"] is None and j[0]["sdp"] is None and j[0]["content_length"]==0'
printf '%s\r\n' 'REFER sip:c@203.0.113.10 SIP/2.0' 'Via: SIP/2.0/UDP 10.0.0.11;branch=z9hG4bK-4' \
	'From: <sip:a@10.0.0.11>;tag=1' 'To: <sip:c@203.0.113.10>' 'Call-ID: cli-4@10.0.0.11:5060' 'CSeq: 1 REFER' \
	'Refer-To: <sip:b@203.0.113.20?Replaces=r%4010.0.0.11%3Bto-tag%3D2%3Bfrom-tag%3D3>' \
	'Replaces: s@[fd00:10::11];to-tag=2;from-tag=3' 'Join: t@pbx.example.net' 'Content-Length: 0' '' >"$tmp/refer.sip"
expect_rc 0 "parse --json REFER with Call-ID references" "$SIPALG" parse --json "$tmp/refer.sip"
json_check "the addresses of Call-IDs" 'j[0]["call_id_addr"]=="10.0.0.11" and j[0]["dialog_ref_addrs"]==["10.0.0.11","[fd00:10::11]"] and j[0]["call_id"]=="cli-4@10.0.0.11:5060"'
expect_rc 1 "invalid message exits 1" "$SIPALG" parse --json "$tmp/bad.sip"
json_check "invalid message says why" 'j[0]["valid"] is False and "missing" in j[0]["error"]'
expect_rc 1 "mixed valid and invalid exits 1, one line each" "$SIPALG" parse --json "$tmp/invite.sip" "$tmp/bad.sip" "$tmp/busy.sip"
json_check "three JSON lines in order" 'len(j)==3 and [x["valid"] for x in j]==[True,False,True]'
expect_rc 0 "stdin with -" sh -c "\"$SIPALG\" parse --json - <\"$tmp/busy.sip\""
json_check "stdin file name" 'j[0]["file"]=="-"'
expect_rc 1 "random bytes: exit 1, no crash" "$SIPALG" parse --json "$tmp/random.bin"
json_check "random bytes give valid JSON" 'j[0]["valid"] is False'
expect_rc 1 "missing file exits 1" "$SIPALG" parse "$tmp/nonexistent"
if grep -q "cannot read" "$tmp/err" && [ "$(wc -l <"$tmp/err")" = 1 ]; then
	ok "missing file: one-line error"; else ko "missing file: one-line error"; fi
expect_rc 2 "no file is a usage error" "$SIPALG" parse
expect_rc 2 "unknown option is a usage error" "$SIPALG" parse --frobnicate x
expect_rc 2 "unknown command is a usage error" "$SIPALG" frobnicate
expect_rc 0 "parse --help" "$SIPALG" parse --help
expect_rc 0 "--help" "$SIPALG" --help
expect_rc 0 "text summary" "$SIPALG" parse "$tmp/invite.sip"
if grep -q "call_id: cli-1" "$tmp/out"; then ok "text shows the Call-ID"; else ko "text shows the Call-ID"; fi
expect_rc 0 "version -j" "$SIPALG" -j version
json_check "version is JSON" '"version" in j[0]'

# Without the module (the host never has it loaded): clear one-line errors.
if ! grep -q '^nf_conntrack_sipalg ' /proc/modules 2>/dev/null; then
	for c in stats "show calls" "show registrations" config monitor; do
		expect_rc 1 "$c without the module exits 1" "$SIPALG" $c
		if [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "not loaded\|netlink" "$tmp/err"; then
			ok "$c without the module: one-line error"; else
			ko "$c without the module: one-line error"; sed 's/^/# /' "$tmp/err"; fi
	done
fi
expect_rc 2 "show without a view is a usage error" "$SIPALG" show
expect_rc 2 "show of an unknown view" "$SIPALG" show frobs
expect_rc 2 "config set without a value" "$SIPALG" config set max_calls
expect_rc 0 "config --help lists the keys" "$SIPALG" config --help
grep -q media_policy "$tmp/out" && ok "config --help names media_policy" || ko "config --help names media_policy"
for c in show stats monitor version; do
	expect_rc 0 "$c --help" "$SIPALG" $c --help
done

# man page and completion: they render / parse
repo=$(cd "$(dirname "$0")/../.." && pwd)
if command -v man >/dev/null && MANWIDTH=80 man -l "$repo/tools/man/sipalg.8" 2>"$tmp/err" | grep -q "show calls"; then
	ok "sipalg(8) renders"; else ko "sipalg(8) renders"; fi
bash -n "$repo/tools/completion/sipalg" && ok "bash completion parses" || ko "bash completion parses"

# Every shared vector through the CLI: valid exactly when the vector is.
if [ -n "${SEEDS:-}" ] && [ -d "$SEEDS/vectors" ]; then
	bad=0
	for f in "$SEEDS"/vectors/*.sip; do
		want=0
		case $f in *.err.sip) want=1 ;; esac
		"$SIPALG" parse --json $(case $f in *.tcp*) echo --tcp ;; esac) "$f" >/dev/null 2>&1
		[ $? = $want ] || { echo "# $f: exit $?, want $want"; bad=$((bad + 1)); }
	done
	[ $bad = 0 ] && ok "every vector through the CLI" || ko "every vector through the CLI ($bad)"
fi
echo "1..$n"
[ $fails = 0 ]
