// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "sipalg_nat_plan": the rewrites nf_nat_sipalg plans for a
 * message (sipalg_nat_plan(): parser spans in, sorted edits out), applied
 * here to a copy and compared with the text a NATed phone's peer must
 * see.  The conntrack is real (never inserted), with the tuples of a
 * masqueraded flow: 10.0.0.11:5060 -> 203.0.113.10:5060, seen from
 * outside as 203.0.113.1:5062.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_zones.h>

#include "sipalg.h"

struct plan_ctx {
	struct nf_conn *ct;
	struct sipalg_scratch *sc;
	struct sipalg_call *call;
	char *out;
};

#define OUT_MAX 4096

static int plan_init(struct kunit *test)
{
	struct plan_ctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct nf_conntrack_tuple o = {}, r = {};

	KUNIT_ASSERT_NOT_NULL(test, x);
	o.src.l3num = NFPROTO_IPV4;
	o.src.u3.ip = htonl(0x0a00000b);	/* 10.0.0.11 */
	o.src.u.udp.port = htons(5060);
	o.dst.u3.ip = htonl(0xcb00710a);	/* 203.0.113.10 */
	o.dst.u.udp.port = htons(5060);
	o.dst.protonum = IPPROTO_UDP;
	r = o;
	r.src.u3.ip = htonl(0xcb00710a);
	r.dst.u3.ip = htonl(0xcb007101);	/* 203.0.113.1 */
	r.dst.u.udp.port = htons(5062);
	r.dst.dir = IP_CT_DIR_REPLY;
	x->ct = nf_conntrack_alloc(&init_net, &nf_ct_zone_dflt, &o, &r,
				   GFP_KERNEL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(x->ct));
	x->sc = kunit_kzalloc(test, sizeof(*x->sc), GFP_KERNEL);
	x->call = kunit_kzalloc(test, sizeof(*x->call), GFP_KERNEL);
	x->out = kunit_kzalloc(test, OUT_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, x->sc);
	KUNIT_ASSERT_NOT_NULL(test, x->call);
	KUNIT_ASSERT_NOT_NULL(test, x->out);
	test->priv = x;
	return 0;
}

static void plan_exit(struct kunit *test)
{
	struct plan_ctx *x = test->priv;

	nf_conntrack_free(x->ct);
}

/* "HEADERS\r\nContent-Length: N\r\n\r\nBODY" with N the body's length */
static char *sip(struct kunit *test, const char *hdrs, const char *body)
{
	char *m = kunit_kzalloc(test, OUT_MAX, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	snprintf(m, OUT_MAX, "%s%sContent-Length: %zu\r\n\r\n%s", hdrs,
		 *body ? "Content-Type: application/sdp\r\n" : "",
		 strlen(body), body);
	return m;
}

/* Parse, plan, apply: the message as it leaves the router. */
static const char *rewrite(struct kunit *test, const char *in,
			   enum ip_conntrack_dir dir, bool with_call)
{
	struct plan_ctx *x = test->priv;
	struct sipalg_scratch *sc = x->sc;
	unsigned int len = strlen(in), pos = 0, o = 0, i;
	bool have_sdp;

	KUNIT_ASSERT_EQ(test, sipalg_parse_msg(in, len, 0, &sc->msg), SIPALG_OK);
	have_sdp = sc->msg.sdp.len;
	if (have_sdp)
		KUNIT_ASSERT_EQ(test, sipalg_parse_sdp(in, sc->msg.sdp, &sc->sdp),
				SIPALG_OK);
	KUNIT_ASSERT_EQ(test, sipalg_nat_plan(x->ct, dir, sc, have_sdp,
					      with_call ? x->call : NULL), 0);
	/* the edits come last-first: apply them first-last */
	for (i = sc->nedits; i-- > 0;) {
		const struct sipalg_edit *e = &sc->edits[i];

		KUNIT_ASSERT_GE(test, (unsigned int)e->off, pos);
		KUNIT_ASSERT_LT(test, o + e->off - pos + e->nlen,
				(unsigned int)OUT_MAX);
		memcpy(x->out + o, in + pos, e->off - pos);
		o += e->off - pos;
		memcpy(x->out + o, e->text, e->nlen);
		o += e->nlen;
		pos = e->off + e->len;
	}
	KUNIT_ASSERT_LT(test, o + len - pos, (unsigned int)OUT_MAX);
	memcpy(x->out + o, in + pos, len - pos);
	o += len - pos;
	x->out[o] = '\0';
	/* and it still parses, with a Content-Length that fits its body */
	KUNIT_EXPECT_EQ(test, sipalg_parse_msg(x->out, o, 0, &sc->msg),
			SIPALG_OK);
	KUNIT_EXPECT_EQ(test, (unsigned int)sc->msg.len, o);
	return x->out;
}

/* A phone's INVITE on its way out: every value naming it, public. */
static void plan_invite_out(struct kunit *test)
{
	struct plan_ctx *x = test->priv;
	const char *sdp_in =
		"v=0\r\no=- 1 1 IN IP4 10.0.0.11\r\ns=-\r\nc=IN IP4 10.0.0.11\r\n"
		"t=0 0\r\nm=audio 20000 RTP/AVP 0\r\na=rtcp:20001 IN IP4 10.0.0.11\r\n";
	const char *sdp_out =
		"v=0\r\no=- 1 1 IN IP4 203.0.113.1\r\ns=-\r\nc=IN IP4 203.0.113.1\r\n"
		"t=0 0\r\nm=audio 20002 RTP/AVP 0\r\na=rtcp:20003 IN IP4 203.0.113.1\r\n";
	const char *in = sip(test,
		"INVITE sip:callee@203.0.113.10 SIP/2.0\r\n"
		"Via: SIP/2.0/UDP 10.0.0.11:5060;branch=z9hG4bK1;rport\r\n"
		"Via: SIP/2.0/UDP 10.0.0.99:5060;branch=z9hG4bK0\r\n"
		"From: <sip:ph1@10.0.0.11>;tag=a\r\n"
		"To: <sip:callee@203.0.113.10>\r\n"
		"Call-ID: c1@10.0.0.11\r\nCSeq: 1 INVITE\r\n"
		"Contact: <sip:ph1@10.0.0.11:5060;transport=udp>\r\n", sdp_in);
	const char *want = sip(test,
		"INVITE sip:callee@203.0.113.10 SIP/2.0\r\n"
		"Via: SIP/2.0/UDP 203.0.113.1:5062;branch=z9hG4bK1;rport\r\n"
		"Via: SIP/2.0/UDP 10.0.0.99:5060;branch=z9hG4bK0\r\n"
		"From: <sip:ph1@203.0.113.1:5062>;tag=a\r\n"
		"To: <sip:callee@203.0.113.10>\r\n"
		"Call-ID: c1@203.0.113.1\r\nCSeq: 1 INVITE\r\n"
		"Contact: <sip:ph1@203.0.113.1:5062;transport=udp>\r\n", sdp_out);

	/* the pinholes got public ports 20002/20003 */
	x->sc->cid_map = true;
	x->call->nstreams = 1;
	x->call->streams[0].dir = IP_CT_DIR_ORIGINAL;
	x->call->streams[0].index = 0;
	x->call->streams[0].pub_port = htons(20002);
	x->call->streams[0].pub_rtcp_port = htons(20003);
	KUNIT_EXPECT_STREQ(test, rewrite(test, in, IP_CT_DIR_ORIGINAL, true), want);
}

/*
 * The answer on its way in: Via back to the phone's own address and port
 * (sent-by, received, rport: RFC 3581 §4), the far end's values untouched,
 * an SDP address naming our public address (hairpin) untouched.
 */
static void plan_answer_in(struct kunit *test)
{
	const char *sdp =
		"v=0\r\no=- 2 2 IN IP4 203.0.113.10\r\ns=-\r\nc=IN IP4 203.0.113.10\r\n"
		"t=0 0\r\nm=audio 30000 RTP/AVP 0\r\n"
		"m=audio 20004 RTP/AVP 0\r\nc=IN IP4 203.0.113.1\r\n";
	const char *in = sip(test,
		"SIP/2.0 200 OK\r\n"
		"Via: SIP/2.0/UDP 203.0.113.1:5062;branch=z9hG4bK1;received=203.0.113.1;rport=5062\r\n"
		"From: <sip:ph1@203.0.113.1:5062>;tag=a\r\n"
		"To: <sip:callee@203.0.113.10>;tag=b\r\n"
		"Call-ID: c1\r\nCSeq: 1 INVITE\r\n"
		"Contact: <sip:callee@203.0.113.10:5060>\r\n", sdp);
	const char *want = sip(test,
		"SIP/2.0 200 OK\r\n"
		"Via: SIP/2.0/UDP 10.0.0.11:5060;branch=z9hG4bK1;received=10.0.0.11;rport=5060\r\n"
		"From: <sip:ph1@10.0.0.11:5060>;tag=a\r\n"
		"To: <sip:callee@203.0.113.10>;tag=b\r\n"
		"Call-ID: c1\r\nCSeq: 1 INVITE\r\n"
		"Contact: <sip:callee@203.0.113.10:5060>\r\n", sdp);

	KUNIT_EXPECT_STREQ(test, rewrite(test, in, IP_CT_DIR_REPLY, false), want);
}

/* Parse in (stream framing) and plan it: the state sipalg_nat_write() reads. */
static void plan_stream(struct kunit *test, const char *in,
			enum ip_conntrack_dir dir)
{
	struct plan_ctx *x = test->priv;
	struct sipalg_scratch *sc = x->sc;
	bool have_sdp;

	KUNIT_ASSERT_EQ(test, sipalg_parse_msg(in, strlen(in), SIPALG_PF_STREAM,
					       &sc->msg), SIPALG_OK);
	have_sdp = sc->msg.sdp.len;
	if (have_sdp)
		KUNIT_ASSERT_EQ(test, sipalg_parse_sdp(in, sc->msg.sdp, &sc->sdp),
				SIPALG_OK);
	KUNIT_ASSERT_EQ(test, sipalg_nat_plan(x->ct, dir, sc, have_sdp, NULL), 0);
}

/*
 * A message of a TCP region, written by sipalg_nat_write(): what the edits
 * take away comes back as spaces before the Content-Length value (RFC 3261
 * §7.3.1: any whitespace after HCOLON), so that it is exactly as long as
 * it was and still one message framed by its Content-Length; a message
 * that grows is the text rewrite() makes; with no room, nothing is written.
 */
static void plan_write_region(struct kunit *test)
{
	struct plan_ctx *x = test->priv;
	struct sipalg_scratch *sc = x->sc;
	const char *body =
		"v=0\r\no=- 2 2 IN IP4 203.0.113.10\r\ns=-\r\n"
		"c=IN IP4 203.0.113.10\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\n";
	const char *in = sip(test,
		"SIP/2.0 200 OK\r\n"
		"Via: SIP/2.0/TCP 203.0.113.1:5062;branch=z9hG4bK1;received=203.0.113.1;rport=5062\r\n"
		"From: <sip:ph1@203.0.113.1:5062>;tag=a\r\n"
		"To: <sip:callee@203.0.113.10>;tag=b\r\n"
		"Call-ID: c1\r\nCSeq: 1 INVITE\r\n", body);
	const char *shorter =
		"SIP/2.0 200 OK\r\n"
		"Via: SIP/2.0/TCP 10.0.0.11:5060;branch=z9hG4bK1;received=10.0.0.11;rport=5060\r\n"
		"From: <sip:ph1@10.0.0.11:5060>;tag=a\r\n"
		"To: <sip:callee@203.0.113.10>;tag=b\r\n"
		"Call-ID: c1\r\nCSeq: 1 INVITE\r\n";
	const char *grows = sip(test,
		"INVITE sip:callee@203.0.113.10 SIP/2.0\r\n"
		"Via: SIP/2.0/TCP 10.0.0.11:5060;branch=z9hG4bK1\r\n"
		"From: <sip:ph1@10.0.0.11>;tag=a\r\nTo: <sip:callee@203.0.113.10>\r\n"
		"Call-ID: c1\r\nCSeq: 1 INVITE\r\n",
		"v=0\r\no=- 1 1 IN IP4 10.0.0.11\r\ns=-\r\nc=IN IP4 10.0.0.11\r\n"
		"t=0 0\r\nm=audio 20000 RTP/AVP 0\r\n");
	char *buf = kunit_kzalloc(test, OUT_MAX, GFP_KERNEL);
	char *want = kunit_kzalloc(test, OUT_MAX, GFP_KERNEL);
	struct sipalg_out out = { .buf = buf, .size = OUT_MAX - 1 };
	unsigned int pad;
	int grown;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, want);
	pad = strlen(in) - strlen(sip(test, shorter, body));
	KUNIT_EXPECT_GT(test, pad, 0U);
	snprintf(want, OUT_MAX,
		 "%sContent-Type: application/sdp\r\nContent-Length: %*s%zu\r\n\r\n%s",
		 shorter, pad, "", strlen(body), body);
	plan_stream(test, in, IP_CT_DIR_REPLY);
	KUNIT_EXPECT_EQ(test, sipalg_nat_write(sc, in, &out), 0);
	KUNIT_EXPECT_EQ(test, out.len, (unsigned int)strlen(in));
	KUNIT_EXPECT_STREQ(test, buf, want);
	KUNIT_EXPECT_EQ(test, sipalg_parse_msg(buf, out.len, SIPALG_PF_STREAM,
					       &sc->msg), SIPALG_OK);
	KUNIT_EXPECT_EQ(test, (unsigned int)sc->msg.len, out.len);

	/* growing: rewrite()'s text, appended after what out has */
	grown = strlen(rewrite(test, grows, IP_CT_DIR_ORIGINAL, false)) -
		strlen(grows);
	KUNIT_EXPECT_GT(test, grown, 0);
	plan_stream(test, grows, IP_CT_DIR_ORIGINAL);
	KUNIT_EXPECT_EQ(test, sipalg_nat_write(sc, grows, &out), grown);
	KUNIT_EXPECT_STREQ(test, buf + strlen(in), x->out);

	/* no room: nothing written */
	plan_stream(test, grows, IP_CT_DIR_ORIGINAL);
	out.len = 0;
	out.size = strlen(grows);
	memset(buf, 0, OUT_MAX);
	KUNIT_EXPECT_EQ(test, sipalg_nat_write(sc, grows, &out), -ENOSPC);
	KUNIT_EXPECT_EQ(test, out.len, 0U);
	KUNIT_EXPECT_EQ(test, buf[0], '\0');
}

/* A phone that already advertises its public (STUN) address: left alone. */
static void plan_stun_untouched(struct kunit *test)
{
	struct plan_ctx *x = test->priv;
	const char *in = sip(test,
		"REGISTER sip:203.0.113.10 SIP/2.0\r\n"
		"Via: SIP/2.0/UDP 198.51.100.7:40000;branch=z9hG4bK2\r\n"
		"From: <sip:ph1@203.0.113.10>;tag=a\r\nTo: <sip:ph1@203.0.113.10>\r\n"
		"Call-ID: r1\r\nCSeq: 1 REGISTER\r\n"
		"Contact: <sip:ph1@198.51.100.7:40000>\r\n", "");

	KUNIT_EXPECT_STREQ(test, rewrite(test, in, IP_CT_DIR_ORIGINAL, false), in);
	KUNIT_EXPECT_EQ(test, x->sc->nedits, 0U);
}

/*
 * A phone whose own URIs name another port than the flow's (a TCP phone:
 * connections from ephemeral ports, Contact on its listening port): the
 * Contact becomes the flow's public endpoint, the only one that reaches
 * it; Via sent-by, From and To only change address, so that they come
 * back in exactly as sent (the next test); a Route naming it stays.
 */
static void plan_own_other_port(struct kunit *test)
{
	const char *in = sip(test,
		"REGISTER sip:203.0.113.10 SIP/2.0\r\n"
		"Via: SIP/2.0/UDP 10.0.0.11:5070;branch=z9hG4bK3;rport\r\n"
		"Route: <sip:10.0.0.11:5070;lr>\r\n"
		"From: <sip:ph1@10.0.0.11:5070>;tag=a\r\n"
		"To: <sip:ph1@10.0.0.11:5070>\r\n"
		"Call-ID: r2\r\nCSeq: 1 REGISTER\r\n"
		"Contact: <sip:ph1@10.0.0.11:5070;transport=tcp>\r\n", "");
	const char *want = sip(test,
		"REGISTER sip:203.0.113.10 SIP/2.0\r\n"
		"Via: SIP/2.0/UDP 203.0.113.1:5070;branch=z9hG4bK3;rport\r\n"
		"Route: <sip:10.0.0.11:5070;lr>\r\n"
		"From: <sip:ph1@203.0.113.1:5070>;tag=a\r\n"
		"To: <sip:ph1@203.0.113.1:5070>\r\n"
		"Call-ID: r2\r\nCSeq: 1 REGISTER\r\n"
		"Contact: <sip:ph1@203.0.113.1:5062;transport=tcp>\r\n", "");

	KUNIT_EXPECT_STREQ(test, rewrite(test, in, IP_CT_DIR_ORIGINAL, false), want);
}

/* Its 2xx on the way in: Via, From, To exactly as the phone sent them. */
static void plan_own_other_port_back(struct kunit *test)
{
	const char *in = sip(test,
		"SIP/2.0 200 OK\r\n"
		"Via: SIP/2.0/UDP 203.0.113.1:5070;branch=z9hG4bK3;rport=5062\r\n"
		"From: <sip:ph1@203.0.113.1:5070>;tag=a\r\n"
		"To: <sip:ph1@203.0.113.1:5070>;tag=r\r\n"
		"Call-ID: r2\r\nCSeq: 1 REGISTER\r\n"
		"Contact: <sip:ph1@203.0.113.10:5060>\r\n", "");
	const char *want = sip(test,
		"SIP/2.0 200 OK\r\n"
		"Via: SIP/2.0/UDP 10.0.0.11:5070;branch=z9hG4bK3;rport=5060\r\n"
		"From: <sip:ph1@10.0.0.11:5070>;tag=a\r\n"
		"To: <sip:ph1@10.0.0.11:5070>;tag=r\r\n"
		"Call-ID: r2\r\nCSeq: 1 REGISTER\r\n"
		"Contact: <sip:ph1@203.0.113.10:5060>\r\n", "");

	KUNIT_EXPECT_STREQ(test, rewrite(test, in, IP_CT_DIR_REPLY, false), want);
}

/*
 * Call-IDs: the phone's address in every Call-ID it names, public on the
 * way out (Call-ID, Refer-To's escaped Replaces, Replaces with a port),
 * and exactly the phone's own spelling again on the way back in, on a
 * flow whose phone spells its private address (cid_map; on others, a
 * STUN phone's own public spelling among them, nothing changes); a
 * Call-ID naming a host, or another phone behind the NAT, stays.
 */
static const char *refer(struct kunit *test, const char *via,
			 const char *a)
{
	char hdr[640];

	snprintf(hdr, sizeof(hdr),
		 "REFER sip:carol@203.0.113.10 SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP %s;branch=z9hG4bK4\r\n"
		 "From: <sip:alice@example.com>;tag=a\r\n"
		 "To: <sip:carol@example.com>;tag=b\r\n"
		 "Call-ID: x1@%s\r\nCSeq: 2 REFER\r\n"
		 "Refer-To: <sip:bob@example.com?Replaces=y2%%40%s%%3Bto-tag%%3Dt%%3Bfrom-tag%%3Df>\r\n"
		 "Replaces: z3@%s:5060;to-tag=t;from-tag=f\r\n"
		 "Target-Dialog: w4@pbx.example.net;local-tag=l;remote-tag=r\r\n"
		 "Join: v5@10.0.0.99;to-tag=t;from-tag=f\r\n", via, a, a, a);
	return sip(test, hdr, "");
}

static void plan_callid_both_ways(struct kunit *test)
{
	struct plan_ctx *x = test->priv;
	const char *in = refer(test, "10.0.0.11:5060", "10.0.0.11");
	const char *want = refer(test, "203.0.113.1:5062", "203.0.113.1");
	const char *stun = refer(test, "10.0.0.11:5060", "203.0.113.1");
	char *out;

	/* a flow not latched (sipalg_cid_mapped()): Call-IDs untouched */
	KUNIT_EXPECT_STREQ(test, rewrite(test, in, IP_CT_DIR_ORIGINAL, false),
			   refer(test, "203.0.113.1:5062", "10.0.0.11"));
	KUNIT_EXPECT_STREQ(test, rewrite(test, want, IP_CT_DIR_REPLY, false),
			   stun);
	x->sc->cid_map = true;
	out = kunit_kzalloc(test, OUT_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, out);
	strscpy(out, rewrite(test, in, IP_CT_DIR_ORIGINAL, false), OUT_MAX);
	KUNIT_EXPECT_STREQ(test, out, want);
	KUNIT_EXPECT_STREQ(test, rewrite(test, out, IP_CT_DIR_REPLY, false), in);
}

/*
 * Calls are keyed by the public spelling of a Call-ID, whichever way the
 * message goes and whether the far end learnt the private or the public
 * spelling; another address, or none, is the key as it is.
 */
static void plan_callid_key(struct kunit *test)
{
	struct plan_ctx *x = test->priv;
	static const struct {
		const char *cid;
		enum ip_conntrack_dir dir;
		const char *key;
	} cases[] = {
		{ "k1@10.0.0.11", IP_CT_DIR_ORIGINAL, "k1@203.0.113.1" },
		{ "k1@203.0.113.1", IP_CT_DIR_REPLY, "k1@203.0.113.1" },
		{ "k1@10.0.0.11", IP_CT_DIR_REPLY, "k1@203.0.113.1" },
		{ "k1@10.0.0.11:5060", IP_CT_DIR_ORIGINAL, "k1@203.0.113.1:5060" },
		{ "k1@203.0.113.1", IP_CT_DIR_ORIGINAL, "k1@203.0.113.1" },
		{ "k1@203.0.113.10", IP_CT_DIR_REPLY, "k1@203.0.113.10" },
		{ "k1@10.0.0.99", IP_CT_DIR_ORIGINAL, "k1@10.0.0.99" },
		{ "k1", IP_CT_DIR_ORIGINAL, "k1" },
	};
	char key[SIPALG_CALLID_MAX + 1];
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char hdr[256];
		const char *in;

		snprintf(hdr, sizeof(hdr),
			 "OPTIONS sip:203.0.113.10 SIP/2.0\r\n"
			 "Via: SIP/2.0/UDP 203.0.113.10;branch=z9hG4bK5\r\n"
			 "From: <sip:a@example.com>;tag=a\r\n"
			 "To: <sip:b@example.com>\r\n"
			 "Call-ID: %s\r\nCSeq: 1 OPTIONS\r\n", cases[i].cid);
		in = sip(test, hdr, "");
		KUNIT_ASSERT_EQ(test, sipalg_parse_msg(in, strlen(in), 0,
						       &x->sc->msg), SIPALG_OK);
		n = sipalg_cid_key(x->ct, cases[i].dir, in, &x->sc->msg, key);
		KUNIT_ASSERT_LE(test, n, (unsigned int)SIPALG_CALLID_MAX);
		key[n] = '\0';
		KUNIT_EXPECT_STREQ_MSG(test, key, cases[i].key, "case %u", i);
	}
}

static struct kunit_case plan_cases[] = {
	KUNIT_CASE(plan_invite_out),
	KUNIT_CASE(plan_write_region),
	KUNIT_CASE(plan_answer_in),
	KUNIT_CASE(plan_stun_untouched),
	KUNIT_CASE(plan_own_other_port),
	KUNIT_CASE(plan_own_other_port_back),
	KUNIT_CASE(plan_callid_both_ways),
	KUNIT_CASE(plan_callid_key),
	{}
};

static struct kunit_suite plan_suite = {
	.name = "sipalg_nat_plan",
	.init = plan_init,
	.exit = plan_exit,
	.test_cases = plan_cases,
};

kunit_test_suites(&plan_suite);
