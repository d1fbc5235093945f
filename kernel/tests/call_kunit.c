// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "sipalg_calls": the call and registration tables of
 * kernel/call.c, on real (unconfirmed, never inserted) conntracks of
 * init_net and a private struct sipalg_net, without packets.  Part of
 * sipalg_kunit.ko; nf_conntrack_sipalg exports the table's functions to
 * it on kernels with KUnit only (EXPORT_SYMBOL_SIPALG_KUNIT).
 *
 * What it pins down: lookups by Call-ID and master (two calls with one
 * Call-ID on two flows stay apart, and a third flow finds the one whose
 * senders it shares), references on the master (taken by a
 * call or registration, given back when it ends), the per-netns limits
 * and their counters, long Call-IDs, the end of a master's calls only,
 * and the GC's deadlines and reasons.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_helper.h>
#include <net/netfilter/nf_conntrack_zones.h>

#include "sipalg.h"

struct calls_ctx {
	struct sipalg_net *sn;
	struct nf_conn *ct[2];
};

/*
 * A UDP flow osrc:sport -> odst:5060 whose reply comes from rsrc (odst
 * itself, or the private end a DNAT leads to), helper area attached.
 */
static struct nf_conn *test_ct_flow(struct kunit *test, __be32 osrc,
				    u16 sport, __be32 odst, __be32 rsrc)
{
	struct nf_conntrack_tuple o = {}, r = {};
	struct nf_conn *ct;

	o.src.l3num = NFPROTO_IPV4;
	o.src.u3.ip = osrc;
	o.src.u.udp.port = htons(sport);
	o.dst.u3.ip = odst;
	o.dst.u.udp.port = htons(5060);
	o.dst.protonum = IPPROTO_UDP;
	r = o;
	r.src.u3.ip = rsrc;
	r.src.u.all = o.dst.u.all;
	r.dst.u3.ip = osrc;
	r.dst.u.all = o.src.u.all;
	r.dst.dir = IP_CT_DIR_REPLY;
	ct = nf_conntrack_alloc(&init_net, &nf_ct_zone_dflt, &o, &r, GFP_KERNEL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(ct));
	KUNIT_ASSERT_NOT_NULL(test, nf_ct_helper_ext_add(ct, GFP_KERNEL));
	/* as init_conntrack() does once a packet holds it */
	refcount_set(&ct->ct_general.use, 1);
	return ct;
}

/* 10.0.0.11:sport -> 203.0.113.10:5060, no NAT */
static struct nf_conn *test_ct(struct kunit *test, u16 sport)
{
	return test_ct_flow(test, htonl(0x0a00000b), sport, htonl(0xcb00710a),
			    htonl(0xcb00710a));
}

/* A flow with the given sources of its two directions, as NAT leaves it. */
static struct nf_conn *test_ct_nat(struct kunit *test, __be32 osrc,
				   __be32 odst, __be32 rsrc)
{
	return test_ct_flow(test, osrc, 5060, odst, rsrc);
}

static void test_ct_put(struct kunit *test, struct nf_conn *ct)
{
	/* every reference a call or registration took is back */
	KUNIT_EXPECT_EQ(test, refcount_read(&ct->ct_general.use), 1U);
	refcount_set(&ct->ct_general.use, 0);
	nf_conntrack_free(ct);
}

static int calls_init(struct kunit *test)
{
	struct calls_ctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct sipalg_net *sn;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, x);
	sn = kunit_kzalloc(test, sizeof(*sn), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sn);
	spin_lock_init(&sn->lock);
	for (i = 0; i < ARRAY_SIZE(sn->calls); i++)
		INIT_HLIST_HEAD(&sn->calls[i]);
	INIT_LIST_HEAD(&sn->regs);
	INIT_LIST_HEAD(&sn->reasm);
	sn->net = &init_net;
	sn->cfg.max_calls = 8;
	sn->cfg.max_streams = SIPALG_MAX_STREAMS;
	sn->cfg.max_pinholes = 2 * SIPALG_MAX_STREAMS;
	sn->cfg.ring_timeout = 180;
	sn->cfg.call_idle = 3600;
	x->sn = sn;
	x->ct[0] = test_ct(test, 5060);
	x->ct[1] = test_ct(test, 5062);
	test->priv = x;
	return 0;
}

static void calls_exit(struct kunit *test)
{
	struct calls_ctx *x = test->priv;
	unsigned int i;

	sipalg_calls_flush(x->sn);
	KUNIT_EXPECT_EQ(test, x->sn->ncalls, 0U);
	KUNIT_EXPECT_EQ(test, x->sn->nregs, 0U);
	for (i = 0; i < ARRAY_SIZE(x->ct); i++)
		test_ct_put(test, x->ct[i]);
}

static s64 stat(struct sipalg_net *sn, enum sipalg_stat s)
{
	return atomic64_read(&sn->stats[s]);
}

static struct sipalg_call *new_call(struct sipalg_net *sn, const char *cid,
				    struct nf_conn *ct)
{
	struct sipalg_call *c;

	spin_lock_bh(&sn->lock);
	c = sipalg_call_new(sn, cid, strlen(cid), ct);
	spin_unlock_bh(&sn->lock);
	return c;
}

static struct sipalg_call *find_call(struct sipalg_net *sn, const char *cid,
				     unsigned int len, struct nf_conn *ct)
{
	struct sipalg_call *c;

	spin_lock_bh(&sn->lock);
	c = sipalg_call_find(sn, cid, len, ct);
	spin_unlock_bh(&sn->lock);
	return c;
}

/* One Call-ID on two flows (a trunk and a second route): two calls. */
static void calls_same_cid_two_masters(struct kunit *test)
{
	struct calls_ctx *x = test->priv;
	struct sipalg_call *a, *b;

	a = new_call(x->sn, "abc@10.0.0.11", x->ct[0]);
	b = new_call(x->sn, "abc@10.0.0.11", x->ct[1]);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_PTR_NE(test, a, b);
	KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, "abc@10.0.0.11", 13, x->ct[0]), a);
	KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, "abc@10.0.0.11", 13, x->ct[1]), b);
	KUNIT_EXPECT_NULL(test, find_call(x->sn, "abd@10.0.0.11", 13, x->ct[0]));
	KUNIT_EXPECT_NULL(test, find_call(x->sn, "abc@10.0.0.1", 12, x->ct[0]));
	KUNIT_EXPECT_EQ(test, x->sn->ncalls, 2U);
	KUNIT_EXPECT_EQ(test, stat(x->sn, SIPALG_STAT_CALLS_TOTAL), 2);
	/* each call holds its master */
	KUNIT_EXPECT_EQ(test, refcount_read(&x->ct[0]->ct_general.use), 2U);
	spin_lock_bh(&x->sn->lock);
	sipalg_call_end(x->sn, a, SIPALG_STAT_CALLS_ENDED_BYE);
	spin_unlock_bh(&x->sn->lock);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->ct[0]->ct_general.use), 1U);
	/* the other flow's call is still there, and found from either flow
	 * (in-dialog requests may come on another flow)
	 */
	KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, "abc@10.0.0.11", 13, x->ct[1]), b);
	KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, "abc@10.0.0.11", 13, x->ct[0]), b);
	KUNIT_EXPECT_EQ(test, stat(x->sn, SIPALG_STAT_CALLS_ENDED_BYE), 1);
	KUNIT_EXPECT_EQ(test, stat(x->sn, SIPALG_STAT_CALLS_ACTIVE), 1);
}

/*
 * A spiral: ph1 (10.0.0.11) calls ph2 (10.0.0.12) through a proxy
 * outside (203.0.113.10) that keeps the Call-ID; the router's public
 * address is 203.0.113.1.  Leg a is ph1's flow to the proxy, leg b
 * ph2's.  The proxy's BYE for ph2 on a new flow (to the public address,
 * DNATed to ph2) must find leg b, whichever leg is older; one for ph1
 * leg a.
 */
static void calls_same_cid_third_flow(struct kunit *test)
{
	__be32 ph1 = htonl(0x0a00000b), ph2 = htonl(0x0a00000c);
	__be32 prx = htonl(0xcb00710a), pub = htonl(0xcb007101);
	struct calls_ctx *x = test->priv;
	struct nf_conn *leg_a, *leg_b, *to_ph1, *to_ph2, *other;
	const char *cid = "spiral@example.org";
	unsigned int len = strlen(cid), order;
	struct sipalg_call *a, *b;

	leg_a = test_ct_nat(test, ph1, prx, prx);
	leg_b = test_ct_nat(test, ph2, prx, prx);
	to_ph1 = test_ct_nat(test, prx, pub, ph1);
	to_ph2 = test_ct_nat(test, prx, pub, ph2);
	/* a flow that shares nothing with either leg */
	other = test_ct_nat(test, htonl(0xc6336401), pub, htonl(0x0a00000d));
	for (order = 0; order < 2; order++) {
		if (order == 0) {
			a = new_call(x->sn, cid, leg_a);
			b = new_call(x->sn, cid, leg_b);
		} else {
			b = new_call(x->sn, cid, leg_b);
			a = new_call(x->sn, cid, leg_a);
		}
		KUNIT_ASSERT_NOT_NULL(test, a);
		KUNIT_ASSERT_NOT_NULL(test, b);
		KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, cid, len, to_ph2), b);
		KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, cid, len, to_ph1), a);
		KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, cid, len, leg_a), a);
		KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, cid, len, leg_b), b);
		/* no better guess: the oldest, as before */
		KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, cid, len, other),
				    order ? b : a);
		sipalg_calls_flush(x->sn);
	}
	test_ct_put(test, leg_a);
	test_ct_put(test, leg_b);
	test_ct_put(test, to_ph1);
	test_ct_put(test, to_ph2);
	test_ct_put(test, other);
}

static void calls_limit(struct kunit *test)
{
	struct calls_ctx *x = test->priv;
	char cid[16];
	unsigned int i;

	x->sn->cfg.max_calls = 3;
	for (i = 0; i < 5; i++) {
		snprintf(cid, sizeof(cid), "call-%u", i);
		if (i < 3)
			KUNIT_EXPECT_NOT_NULL(test, new_call(x->sn, cid, x->ct[i & 1]));
		else
			KUNIT_EXPECT_NULL(test, new_call(x->sn, cid, x->ct[i & 1]));
	}
	KUNIT_EXPECT_EQ(test, x->sn->ncalls, 3U);
	KUNIT_EXPECT_EQ(test, stat(x->sn, SIPALG_STAT_CALL_REFUSED_LIMIT), 2);
	KUNIT_EXPECT_EQ(test, stat(x->sn, SIPALG_STAT_CALLS_TOTAL), 3);
}

/* Call-IDs longer than SIPALG_CALLID_MAX: stored truncated, length kept. */
static void calls_long_cid(struct kunit *test)
{
	struct calls_ctx *x = test->priv;
	unsigned int n = SIPALG_CALLID_MAX + 72;
	char *a = kunit_kzalloc(test, n + 1, GFP_KERNEL);
	struct sipalg_call *c;

	KUNIT_ASSERT_NOT_NULL(test, a);
	memset(a, 'x', n);
	c = new_call(x->sn, a, x->ct[0]);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, (unsigned int)c->cid_len, (unsigned int)SIPALG_CALLID_MAX);
	KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, a, n, x->ct[0]), c);
	/* the shorter one of exactly the kept length is another call */
	KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, a, SIPALG_CALLID_MAX - 1, x->ct[0]),
			    NULL);
}

/* The end of a flow ends its calls and registrations, not the other's. */
static void calls_flush_master(struct kunit *test)
{
	struct calls_ctx *x = test->priv;
	union nf_inet_addr contact = { .ip = htonl(0x0a00000b) };
	struct sipalg_reg *r;

	new_call(x->sn, "a", x->ct[0]);
	new_call(x->sn, "b", x->ct[0]);
	new_call(x->sn, "c", x->ct[1]);
	spin_lock_bh(&x->sn->lock);
	r = sipalg_reg_new(x->sn, "reg", 3, x->ct[0]);
	KUNIT_ASSERT_NOT_NULL(test, r);
	r->contact = contact;
	r->contact_port = htons(5060);
	KUNIT_EXPECT_PTR_EQ(test, sipalg_reg_find(x->sn, "reg", 3, x->ct[0],
						  &contact, htons(5060)), r);
	KUNIT_EXPECT_NULL(test, sipalg_reg_find(x->sn, "reg", 3, x->ct[0],
						&contact, htons(5062)));
	KUNIT_EXPECT_NULL(test, sipalg_reg_find(x->sn, "reg", 3, x->ct[1],
						&contact, htons(5060)));
	spin_unlock_bh(&x->sn->lock);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->ct[0]->ct_general.use), 4U);

	sipalg_calls_flush_master(x->sn, x->ct[0]);
	KUNIT_EXPECT_EQ(test, x->sn->ncalls, 1U);
	KUNIT_EXPECT_EQ(test, x->sn->nregs, 0U);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->ct[0]->ct_general.use), 1U);
	KUNIT_EXPECT_EQ(test, stat(x->sn, SIPALG_STAT_CALLS_ENDED_FLOW), 2);
	KUNIT_EXPECT_NOT_NULL(test, find_call(x->sn, "c", 1, x->ct[1]));
	KUNIT_EXPECT_NULL(test, find_call(x->sn, "a", 1, x->ct[0]));
}

/* GC: deadlines, and the reason each end is counted under. */
static void calls_gc(struct kunit *test)
{
	struct calls_ctx *x = test->priv;
	struct sipalg_call *ring, *idle, *bye, *live;
	unsigned long now = jiffies;

	/* confirmed flows: only the deadlines matter */
	set_bit(IPS_CONFIRMED_BIT, &x->ct[0]->status);
	set_bit(IPS_CONFIRMED_BIT, &x->ct[1]->status);
	ring = new_call(x->sn, "ring", x->ct[0]);
	idle = new_call(x->sn, "idle", x->ct[0]);
	bye = new_call(x->sn, "bye", x->ct[1]);
	live = new_call(x->sn, "live", x->ct[1]);
	KUNIT_ASSERT_NOT_NULL(test, live);
	spin_lock_bh(&x->sn->lock);
	ring->deadline = now - 1;
	idle->state = SIPALG_CALL_CONFIRMED;
	idle->deadline = now - 1;
	bye->state = SIPALG_CALL_TERMINATING;
	bye->deadline = now - 1;
	live->state = SIPALG_CALL_CONFIRMED;
	live->deadline = now + 100 * HZ;
	spin_unlock_bh(&x->sn->lock);

	sipalg_gc(x->sn, now);
	KUNIT_EXPECT_EQ(test, x->sn->ncalls, 1U);
	KUNIT_EXPECT_PTR_EQ(test, find_call(x->sn, "live", 4, x->ct[1]), live);
	KUNIT_EXPECT_EQ(test, stat(x->sn, SIPALG_STAT_CALLS_ENDED_TIMEOUT), 2);
	KUNIT_EXPECT_EQ(test, stat(x->sn, SIPALG_STAT_CALLS_ENDED_BYE), 1);

	/* a master never confirmed (its packet was dropped): ended after
	 * 5 s whatever its deadline, as the core will never .destroy it
	 */
	clear_bit(IPS_CONFIRMED_BIT, &x->ct[1]->status);
	sipalg_gc(x->sn, now + 6 * HZ);
	KUNIT_EXPECT_EQ(test, x->sn->ncalls, 0U);
	KUNIT_EXPECT_EQ(test, stat(x->sn, SIPALG_STAT_CALLS_ENDED_FLOW), 1);
	clear_bit(IPS_CONFIRMED_BIT, &x->ct[0]->status);
}

/* Registrations: limit, expiry by the GC. */
static void calls_regs(struct kunit *test)
{
	struct calls_ctx *x = test->priv;
	struct sipalg_reg *r[3];
	unsigned int i;

	x->sn->cfg.max_calls = 2;	/* registrations share the bound */
	set_bit(IPS_CONFIRMED_BIT, &x->ct[0]->status);
	spin_lock_bh(&x->sn->lock);
	for (i = 0; i < 3; i++)
		r[i] = sipalg_reg_new(x->sn, "r", 1, x->ct[0]);
	KUNIT_EXPECT_NOT_NULL(test, r[0]);
	KUNIT_EXPECT_NOT_NULL(test, r[1]);
	KUNIT_EXPECT_NULL(test, r[2]);
	r[0]->deadline = jiffies - 1;
	r[1]->deadline = jiffies + 100 * HZ;
	spin_unlock_bh(&x->sn->lock);
	KUNIT_EXPECT_EQ(test, stat(x->sn, SIPALG_STAT_REG_REFUSED_LIMIT), 1);
	sipalg_gc(x->sn, jiffies);
	KUNIT_EXPECT_EQ(test, x->sn->nregs, 1U);
	KUNIT_EXPECT_EQ(test, refcount_read(&x->ct[0]->ct_general.use), 2U);
	clear_bit(IPS_CONFIRMED_BIT, &x->ct[0]->status);
}

static bool cid_mapped(struct kunit *test, struct sipalg_net *sn,
		       struct nf_conn *ct, enum ip_conntrack_dir dir,
		       const char *cid)
{
	struct sipalg_msg *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	char *buf = kunit_kzalloc(test, 256, GFP_KERNEL);
	bool mapped;
	int n;

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	n = snprintf(buf, 256, "OPTIONS sip:x@example.com SIP/2.0\r\n"
		     "Via: SIP/2.0/UDP example.com;branch=z9hG4bK1\r\n"
		     "From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\n"
		     "Call-ID: %s\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n",
		     cid);
	KUNIT_ASSERT_EQ(test, sipalg_parse_msg(buf, n, 0, m), SIPALG_OK);
	spin_lock_bh(&sn->lock);
	mapped = sipalg_cid_mapped(sn, ct, dir, m);
	spin_unlock_bh(&sn->lock);
	return mapped;
}

/*
 * The flows whose Call-IDs are mapped: latched by the phone's own private
 * spelling, never by the public one (a STUN phone), inherited by a flow
 * opened through the flow's pinhole, freed with the flow.  The flow is
 * DNATed: 203.0.113.10 -> 203.0.113.1, answered by the phone 10.0.0.11.
 */
static void calls_cid_latch(struct kunit *test)
{
	struct calls_ctx *x = test->priv;
	struct sipalg_net *sn = x->sn;
	struct nf_conn *ct, *child;

	ct = test_ct_nat(test, htonl(0xcb00710a), htonl(0xcb007101),
			 htonl(0x0a00000b));
	child = test_ct_nat(test, htonl(0xcb00710a), htonl(0xcb007101),
			    htonl(0x0a00000b));
	KUNIT_EXPECT_FALSE(test, cid_mapped(test, sn, ct, IP_CT_DIR_REPLY,
					    "k1@203.0.113.1"));
	KUNIT_EXPECT_FALSE(test, cid_mapped(test, sn, ct, IP_CT_DIR_ORIGINAL,
					    "k2@10.0.0.11"));
	KUNIT_EXPECT_FALSE(test, cid_mapped(test, sn, child, IP_CT_DIR_REPLY,
					    "k3"));
	KUNIT_EXPECT_EQ(test, sn->ncidflows, 0U);
	KUNIT_EXPECT_TRUE(test, cid_mapped(test, sn, ct, IP_CT_DIR_REPLY,
					   "k4@10.0.0.11"));
	KUNIT_EXPECT_TRUE(test, cid_mapped(test, sn, ct, IP_CT_DIR_ORIGINAL,
					   "k5"));
	KUNIT_EXPECT_EQ(test, sn->ncidflows, 1U);
	child->master = ct;
	KUNIT_EXPECT_TRUE(test, cid_mapped(test, sn, child, IP_CT_DIR_ORIGINAL,
					   "k6"));
	KUNIT_EXPECT_EQ(test, sn->ncidflows, 2U);
	child->master = NULL;
	sipalg_calls_flush_master(sn, child);
	KUNIT_EXPECT_EQ(test, sn->ncidflows, 1U);
	KUNIT_EXPECT_FALSE(test, cid_mapped(test, sn, child, IP_CT_DIR_REPLY,
					    "k7"));
	sipalg_calls_flush_master(sn, ct);
	KUNIT_EXPECT_EQ(test, sn->ncidflows, 0U);
	/* and what is left goes with the netns (calls_exit's flush) */
	KUNIT_EXPECT_TRUE(test, cid_mapped(test, sn, ct, IP_CT_DIR_REPLY,
					   "k8@10.0.0.11"));
	sipalg_calls_flush(sn);
	KUNIT_EXPECT_EQ(test, sn->ncidflows, 0U);
	test_ct_put(test, child);
	test_ct_put(test, ct);
}

static struct kunit_case sipalg_calls_cases[] = {
	KUNIT_CASE(calls_same_cid_two_masters),
	KUNIT_CASE(calls_same_cid_third_flow),
	KUNIT_CASE(calls_limit),
	KUNIT_CASE(calls_long_cid),
	KUNIT_CASE(calls_flush_master),
	KUNIT_CASE(calls_gc),
	KUNIT_CASE(calls_regs),
	KUNIT_CASE(calls_cid_latch),
	{}
};

static struct kunit_suite sipalg_calls_suite = {
	.name = "sipalg_calls",
	.init = calls_init,
	.exit = calls_exit,
	.test_cases = sipalg_calls_cases,
};

kunit_test_suites(&sipalg_calls_suite);
