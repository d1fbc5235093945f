// SPDX-License-Identifier: GPL-2.0
/*
 * nf_conntrack_sipalg: the "sipalg" conntrack helper.
 *
 * Attached by rules (nft "ct helper", iptables "-j CT --helper sipalg"),
 * it parses each SIP message of the flow (kernel/parser/), keeps per-call
 * state (kernel/call.c) and opens exactly the RTP/RTCP pinholes the SDP of
 * each call asks for, closing them when the call ends.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ip6_checksum.h>
#include <net/tcp.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/netfilter/nf_conntrack_helper.h>
#include <net/netfilter/nf_conntrack_core.h>
#include <net/netfilter/nf_conntrack_seqadj.h>

#include "sipalg.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SIP ALG: call-aware RTP/RTCP pinholes");
MODULE_ALIAS("ip_conntrack_sipalg");
MODULE_ALIAS_NFCT_HELPER("sipalg");

#define SIPALG_MAX_PORTS 8
static unsigned short ports[SIPALG_MAX_PORTS] = { 5060 };
static unsigned int nports = 1;
module_param_array(ports, ushort, &nports, 0400);
MODULE_PARM_DESC(ports, "SIP signalling ports the helper handles (0: any)");

/* Defaults of the per-netns config; the netlink config changes them. */
static unsigned int max_calls = 4096;
module_param(max_calls, uint, 0600);
MODULE_PARM_DESC(max_calls, "calls per network namespace");
static unsigned int max_streams = SIPALG_MAX_STREAMS;
module_param(max_streams, uint, 0600);
MODULE_PARM_DESC(max_streams, "media streams per call (at most 16)");
static unsigned int max_pinholes = 2 * SIPALG_MAX_STREAMS;
module_param(max_pinholes, uint, 0600);
MODULE_PARM_DESC(max_pinholes, "pinholes per call");
static unsigned int sig_timeout = 3600;
module_param(sig_timeout, uint, 0600);
MODULE_PARM_DESC(sig_timeout, "timeout of the signalling flow (s)");
static unsigned int pinhole_timeout = 180;
module_param(pinhole_timeout, uint, 0400);
MODULE_PARM_DESC(pinhole_timeout, "lifetime of a pinhole before media uses it (s)");
static unsigned int ring_timeout = 180;
module_param(ring_timeout, uint, 0600);
MODULE_PARM_DESC(ring_timeout, "end a call never answered after this (s)");
static unsigned int bye_linger = 10;
module_param(bye_linger, uint, 0600);
MODULE_PARM_DESC(bye_linger, "keep a call this long after BYE (s)");
static unsigned int call_idle = 3600;
module_param(call_idle, uint, 0600);
MODULE_PARM_DESC(call_idle, "end an answered call without signalling after (s)");
static unsigned int media_src;
module_param(media_src, uint, 0600);
MODULE_PARM_DESC(media_src, "who may use a pinhole: 0 signalling peer, 1 prefixes, 2 any");
static unsigned int tcp_reasm_max = 16384;
module_param(tcp_reasm_max, uint, 0600);
MODULE_PARM_DESC(tcp_reasm_max, "longest SIP message over TCP put together from segments (bytes, at most 65535)");
static bool tcp_split_retry = true;
module_param(tcp_split_retry, bool, 0600);
MODULE_PARM_DESC(tcp_split_retry, "through NAT, drop a SIP message split across TCP segments once, so that it is retransmitted whole and rewritten");
static bool strict;
module_param(strict, bool, 0600);
MODULE_PARM_DESC(strict, "drop malformed SIP instead of passing it untouched");

static unsigned int sipalg_net_id __read_mostly;

struct sipalg_net *sipalg_pernet(const struct net *net)
{
	return net_generic(net, sipalg_net_id);
}

/* ~10 KB per CPU: too big for a module's static per-CPU area */
static struct sipalg_scratch __percpu *sipalg_scratch;

const struct sipalg_nat_hooks __rcu *sipalg_nat_hooks __read_mostly;
EXPORT_SYMBOL_GPL(sipalg_nat_hooks);

/*
 * Our expectfn, for every pinhole: it lives in this module, so no
 * expectation ever points into nf_nat_sipalg, which may be unloaded.
 */
static __be16 mark_used(struct sipalg_net *sn, struct nf_conntrack_expect *exp)
{
	struct sipalg_call *c;
	__be16 priv = 0;
	unsigned int i;

	/* only the calls of the expectation's master can own it */
	spin_lock_bh(&sn->lock);
	hlist_for_each_entry(c, &sipalg_ct(exp->master)->calls, mnode)
		for (i = 0; i < c->nstreams; i++) {
			struct sipalg_stream *s = &c->streams[i];
			struct sipalg_stream *peer;
			bool rtp = s->rtp && sipalg_pinhole_is(s->rtp, exp);
			bool rtcp = s->rtcp && sipalg_pinhole_is(s->rtcp, exp);

			if (!rtp && !rtcp)
				continue;
			s->used |= rtp ? SIPALG_USED_RTP : SIPALG_USED_RTCP;
			/* media toward s comes from the other side's
			 * endpoint of the same m= line, as it announced it
			 */
			peer = sipalg_stream_find(c, !s->dir, s->index);
			if (peer)
				priv = rtp ? peer->port : peer->rtcp_port;
		}
	spin_unlock_bh(&sn->lock);
	return priv;
}

static void sipalg_expected(struct nf_conn *ct, struct nf_conntrack_expect *exp)
{
	const struct sipalg_nat_hooks *hooks;
	__be16 priv;

	priv = mark_used(sipalg_pernet(nf_ct_net(ct)), exp);
	rcu_read_lock();
	hooks = rcu_dereference(sipalg_nat_hooks);
	if (hooks && hooks->expected)
		hooks->expected(ct, exp, priv);
	rcu_read_unlock();
}

static const struct nf_conntrack_expect_policy sipalg_exp_policy[SIPALG_CLASS_MAX] = {
	[SIPALG_CLASS_SIGNALLING] = { .timeout = 3600, .name = "signalling" },
	[SIPALG_CLASS_AUDIO]	= { .timeout = 180, .name = "audio" },
	[SIPALG_CLASS_VIDEO]	= { .timeout = 180, .name = "video" },
	[SIPALG_CLASS_OTHER]	= { .timeout = 180, .name = "other" },
};

static struct nf_conntrack_helper sipalg_helpers[4];

static bool port_is_sip(__be16 p)
{
	unsigned int i;

	for (i = 0; i < nports; i++)
		if (!ports[i] || ntohs(p) == ports[i])
			return true;
	return false;
}

static bool flow_is_sip(const struct nf_conn *ct)
{
	const struct nf_conntrack_tuple *t =
		&ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;

	return port_is_sip(t->dst.u.all) || port_is_sip(t->src.u.all);
}

static void count_msg(struct sipalg_net *sn, const struct sipalg_msg *m)
{
	enum sipalg_stat s;

	if (m->kind == SIPALG_RESPONSE) {
		sipalg_count(sn, SIPALG_STAT_RESP_1XX + m->status / 100 - 1);
		return;
	}
	switch (m->method) {
	case SIPALG_M_INVITE:
		s = SIPALG_STAT_REQ_INVITE;
		break;
	case SIPALG_M_ACK:
		s = SIPALG_STAT_REQ_ACK;
		break;
	case SIPALG_M_BYE:
		s = SIPALG_STAT_REQ_BYE;
		break;
	case SIPALG_M_CANCEL:
		s = SIPALG_STAT_REQ_CANCEL;
		break;
	case SIPALG_M_REGISTER:
		s = SIPALG_STAT_REQ_REGISTER;
		break;
	case SIPALG_M_OPTIONS:
		s = SIPALG_STAT_REQ_OPTIONS;
		break;
	case SIPALG_M_PRACK:
		s = SIPALG_STAT_REQ_PRACK;
		break;
	case SIPALG_M_UPDATE:
		s = SIPALG_STAT_REQ_UPDATE;
		break;
	default:
		s = SIPALG_STAT_REQ_OTHER;
		break;
	}
	sipalg_count(sn, s);
}

static enum sipalg_class media_class(u8 type)
{
	switch (type) {
	case SIPALG_MEDIA_AUDIO:
		return SIPALG_CLASS_AUDIO;
	case SIPALG_MEDIA_VIDEO:
		return SIPALG_CLASS_VIDEO;
	default:
		return SIPALG_CLASS_OTHER;
	}
}

/* An address media may be sent to: not 0.0.0.0/8, multicast, broadcast. */
static bool sdp_usable(const struct nf_conn *ct, const union nf_inet_addr *a)
{
	if (nf_ct_l3num(ct) == NFPROTO_IPV4)
		return !ipv4_is_zeronet(a->ip) && !ipv4_is_multicast(a->ip) &&
		       !ipv4_is_lbcast(a->ip);
	return !ipv6_addr_any(&a->in6) && !ipv6_addr_is_multicast(&a->in6);
}

/* A literal SDP address usable for a pinhole on this flow, or false. */
static bool sdp_addr(const struct nf_conn *ct, const struct sipalg_addr *a,
		     union nf_inet_addr *out)
{
	return sipalg_to_inet(ct, a, out) && sdp_usable(ct, out);
}

/* What every pinhole of ours starts with. */
static void exp_setup(struct nf_conntrack_expect *exp, enum ip_conntrack_dir dir)
{
	exp->expectfn = sipalg_expected;
#if IS_ENABLED(CONFIG_NF_NAT)
	/* all zero: "no NAT" for nf_nat_sipalg, whenever it is loaded */
	memset(&exp->saved_addr, 0, sizeof(exp->saved_addr));
	exp->saved_proto.all = 0;
	exp->dir = dir;
#endif
}

static bool prefix_has(const struct sipalg_prefix *p,
		       const union nf_inet_addr *a)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(a->all); i++)
		if ((a->ip6[i] & p->mask.ip6[i]) != p->addr.ip6[i])
			return false;
	return true;
}

/* Accept new flows from a prefix instead of one address. */
static void exp_from_prefix(struct nf_conntrack_expect *exp,
			    const struct sipalg_prefix *p)
{
	exp->tuple.src.u3 = p->addr;
	exp->mask.src.u3 = p->mask;
}

/*
 * Who may use a pinhole (policy "prefixes"): the signalling peer and the
 * configured prefixes of the flow's family, by one expectation each (the
 * core matches one source address and mask per expectation).  The first
 * one, ours, is already in; these are copies of it from other sources.
 * A prefix that holds the peer is the first one's source itself.
 */
static void pinhole_siblings(struct sipalg_net *sn, struct nf_conn *ct,
			     const struct nf_conntrack_expect *first)
{
	const struct sipalg_config *cfg = &sn->cfg;
	struct nf_conntrack_expect *exp;
	unsigned int i;

	for (i = 0; i < cfg->nprefixes; i++) {
		const struct sipalg_prefix *p = &cfg->prefixes[i];

		if (p->family != nf_ct_l3num(ct) ||
		    prefix_has(p, &first->tuple.src.u3))
			continue;
		exp = nf_ct_expect_alloc(ct);
		if (!exp) {
			sipalg_count(sn, SIPALG_STAT_PINHOLE_FAILED);
			return;
		}
		/* init for what the core keeps in an expectation (netns and
		 * zone too, on newer kernels), then first's tuple and mask
		 */
		nf_ct_expect_init(exp, first->class, nf_ct_l3num(ct), NULL,
				  &first->tuple.dst.u3,
				  first->tuple.dst.protonum, NULL,
				  &first->tuple.dst.u.all);
		exp->tuple = first->tuple;
		exp->mask = first->mask;
		exp_from_prefix(exp, p);
		exp->flags = first->flags;
		exp->expectfn = first->expectfn;
		rcu_assign_pointer(exp->helper,
				   rcu_access_pointer(first->helper));
#ifdef SIPALG_HAVE_EXP_ASSIGN_HELPER
		rcu_assign_pointer(exp->assign_helper,
				   rcu_access_pointer(first->assign_helper));
#endif
#if IS_ENABLED(CONFIG_NF_NAT)
		exp->saved_addr = first->saved_addr;
		exp->saved_proto = first->saved_proto;
		exp->dir = first->dir;
#endif
		if (nf_ct_expect_related(exp, 0) < 0)
			sipalg_count(sn, SIPALG_STAT_PINHOLE_FAILED);
		else
			sn->siblings = true;
		nf_ct_expect_put(exp);
	}
}

/* The source a new pinhole starts with (before pinhole_siblings()). */
static void pinhole_source(struct sipalg_net *sn, struct nf_conn *ct,
			   struct nf_conntrack_expect *exp)
{
	unsigned int i;

	if (sn->cfg.media_policy != SIPALG_SRC_PREFIX)
		return;
	for (i = 0; i < sn->cfg.nprefixes; i++)
		if (sn->cfg.prefixes[i].family == nf_ct_l3num(ct) &&
		    prefix_has(&sn->cfg.prefixes[i], &exp->tuple.src.u3)) {
			exp_from_prefix(exp, &sn->cfg.prefixes[i]);
			return;
		}
}

/*
 * One pinhole: UDP to daddr:port, from the signalling peer of the side
 * that announced it (the other end of this flow), from it and the
 * configured prefixes, or from anywhere.
 */
static struct nf_conntrack_expect *
pinhole_open(struct sipalg_net *sn, struct nf_conn *ct,
	     struct sipalg_call *call, enum ip_conntrack_dir dir,
	     enum sipalg_class class, const union nf_inet_addr *daddr,
	     __be16 port, unsigned int index, __be16 *pub)
{
	const struct sipalg_nat_hooks *hooks;
	const union nf_inet_addr *saddr = NULL;
	struct nf_conntrack_expect *exp;
	int ret;

	if (call->npinholes >= sn->cfg.max_pinholes) {
		sipalg_count(sn, SIPALG_STAT_PINHOLE_REFUSED_LIMIT);
		return NULL;
	}
	if (sn->cfg.media_policy != SIPALG_SRC_ANY)
		saddr = &ct->tuplehash[!dir].tuple.src.u3;

	exp = nf_ct_expect_alloc(ct);
	if (!exp) {
		sipalg_count(sn, SIPALG_STAT_PINHOLE_FAILED);
		return NULL;
	}
	nf_ct_expect_init(exp, class, nf_ct_l3num(ct), saddr, daddr,
			  IPPROTO_UDP, NULL, &port);
	pinhole_source(sn, ct, exp);
	exp_setup(exp, dir);
	*pub = 0;
	hooks = (ct->status & IPS_NAT_MASK) ? rcu_dereference(sipalg_nat_hooks) :
					      NULL;
	if (hooks)
		ret = hooks->pinhole(ct, dir, exp, call, index, pub);
	else
		ret = nf_ct_expect_related(exp, 0);
	if (ret < 0) {
		nf_ct_expect_put(exp);
		sipalg_count(sn, SIPALG_STAT_PINHOLE_FAILED);
		return NULL;
	}
	if (sn->cfg.media_policy == SIPALG_SRC_PREFIX)
		pinhole_siblings(sn, ct, exp);
	call->npinholes++;
	sipalg_count(sn, SIPALG_STAT_PINHOLES_CREATED);
	return exp;	/* our reference from nf_ct_expect_alloc() */
}

static struct sipalg_stream *stream_get(struct sipalg_net *sn,
					struct sipalg_call *call,
					enum ip_conntrack_dir dir,
					unsigned int index)
{
	struct sipalg_stream *s = sipalg_stream_find(call, dir, index);

	if (s)
		return s;
	if (call->nstreams >= min_t(unsigned int, sn->cfg.max_streams,
				    SIPALG_MAX_STREAMS)) {
		sipalg_count(sn, SIPALG_STAT_STREAM_REFUSED_LIMIT);
		return NULL;
	}
	s = &call->streams[call->nstreams++];
	memset(s, 0, sizeof(*s));
	s->dir = dir;
	s->index = index;
	return s;
}

/*
 * The SDP of one side (dir) of the call: for each m= line, the pinholes
 * toward the address it names.  A stream whose address or port did not
 * change keeps its pinholes; one that moved gets new ones; one that went
 * to port 0 loses them (RFC 3264 §8.2).
 *
 * Hold (RFC 3264 §8.4: sendonly or inactive, or the RFC 2543 hold address
 * 0.0.0.0) pauses a stream, it does not end it: pinholes already open stay
 * as they are, and no RTP pinhole is opened toward a side that does not
 * receive (its receiver reports still get an RTCP one, unless inactive).
 * Closing them would lose what they carry through NAT: media that the
 * other side first starts, or restarts, while held (RFC 6263 §4
 * keep-alives are sent on held streams too) would leave from the
 * masquerade's port instead of the one its SDP announced, and keep that
 * mapping for the rest of the call (music on hold failing on the second
 * hold).  Nothing is opened that was not open before the hold.
 */
static void sdp_pinholes(struct sipalg_net *sn, struct nf_conn *ct,
			 struct sipalg_call *call, enum ip_conntrack_dir dir,
			 const char *buf, const struct sipalg_sdp *sdp)
{
	unsigned int i;

	for (i = 0; i < sdp->nmedia; i++) {
		const struct sipalg_sdp_media *m = &sdp->m[i];
		const struct sipalg_sdp_conn *c = sipalg_sdp_media_conn(sdp, i);
		unsigned int sdir = sipalg_sdp_media_dir(sdp, i);
		union nf_inet_addr addr, raddr;
		__be16 port = htons(m->port_num), rport = 0;
		struct sipalg_stream *s;
		bool want_rtp, want_rtcp, known, usable, held;

		s = stream_get(sn, call, dir, i);
		if (!s)
			continue;
		known = c && sipalg_to_inet(ct, &c->a, &addr);
		usable = known && sdp_usable(ct, &addr);
		/* RFC 2543 §B.5 hold (RFC 3264 §8.4): c=0.0.0.0 (the
		 * conversion zeroes the rest) says nothing, keep all
		 */
		if (m->port_num && known && ipv6_addr_any(&addr.in6)) {
			s->media = m->type_id;
			s->flags = m->flags;
			s->sdir = SIPALG_DIR_INACTIVE;
			continue;
		}
		held = sdir == SIPALG_DIR_SENDONLY || sdir == SIPALG_DIR_INACTIVE;
		if (m->port_num == 0) {
			want_rtp = false;
		} else if (!usable) {
			sipalg_count(sn, SIPALG_STAT_PINHOLE_REFUSED_ADDR);
			want_rtp = false;
		} else if (m->port_num < 1024) {
			sipalg_count(sn, SIPALG_STAT_PINHOLE_REFUSED_PORT);
			want_rtp = false;
		} else {
			want_rtp = true;
		}
		want_rtcp = want_rtp && (m->flags & SIPALG_SM_RTP) &&
			    !(m->flags & SIPALG_SM_RTCP_MUX);
		raddr = addr;
		if (want_rtcp) {
			/* RFC 3605: a=rtcp names the port, maybe the address;
			 * else RTP port + 1 (RFC 3550 §11), odd ports as is
			 */
			if (m->flags & SIPALG_SM_RTCP) {
				rport = htons(m->rtcp_num);
				if ((m->flags & SIPALG_SM_RTCP_ADDR) &&
				    !sdp_addr(ct, &m->rtcp_a, &raddr))
					want_rtcp = false;
			} else if (m->port_num < 65535) {
				rport = htons(m->port_num + 1);
			} else {
				want_rtcp = false;
			}
			if (want_rtcp && ntohs(rport) < 1024) {
				sipalg_count(sn, SIPALG_STAT_PINHOLE_REFUSED_PORT);
				want_rtcp = false;
			}
		}
		s->media = m->type_id;
		s->flags = m->flags;
		s->sdir = sdir;
		if (s->rtp && (!want_rtp || s->port != port ||
			       !nf_inet_addr_cmp(&s->addr, &addr)))
			sipalg_stream_clear(sn, call, s);
		if (s->rtcp && (!want_rtcp || s->rtcp_port != rport ||
				!nf_inet_addr_cmp(&s->rtcp_addr, &raddr))) {
			sipalg_pinhole_close(sn, s->rtcp);
			s->rtcp = NULL;
			call->npinholes--;
			sipalg_count(sn, SIPALG_STAT_PINHOLES_REMOVED);
		}
		s->addr = addr;
		s->port = want_rtp ? port : 0;
		s->rtcp_addr = raddr;
		s->rtcp_port = want_rtcp ? rport : 0;
		/* held: toward a side that only sends, or nobody, none new */
		if (want_rtp && !s->rtp && !held)
			s->rtp = pinhole_open(sn, ct, call, dir,
					      media_class(m->type_id),
					      &addr, port, i, &s->pub_port);
		if (s->pub_port)
			s->pub_addr = ct->tuplehash[!dir].tuple.dst.u3;
		/* RTCP still flows toward a sendonly side (RFC 3264 §5.1) */
		if (want_rtcp && !s->rtcp && sdir != SIPALG_DIR_INACTIVE)
			s->rtcp = pinhole_open(sn, ct, call, dir,
					       media_class(m->type_id),
					       &raddr, rport, i,
					       &s->pub_rtcp_port);
	}
}

/* A contact URI as an address and port; false for host names. */
static bool uri_inet(const struct nf_conn *ct, const struct sipalg_uri *u,
		     union nf_inet_addr *a, __be16 *port)
{
	if (u->scheme != SIPALG_SCHEME_SIP && u->scheme != SIPALG_SCHEME_SIPS)
		return false;
	if (!sdp_addr(ct, &u->hp.addr, a))
		return false;
	/* RFC 3261 §19.1.2: no port means 5060 (5061 for sips) */
	*port = htons(u->hp.port.len ? u->hp.port_num :
		      u->scheme == SIPALG_SCHEME_SIPS ? 5061 : 5060);
	return true;
}

static void reg_pinhole(struct sipalg_net *sn, struct nf_conn *ct,
			struct sipalg_reg *r)
{
	struct nf_conn_help *help = nfct_help(ct);
	struct nf_conntrack_helper *helper;
	struct nf_conntrack_expect *exp;

	if (r->exp) {
		sipalg_pinhole_close(sn, r->exp);
		r->exp = NULL;
	}
	helper = help ? rcu_dereference(help->helper) : NULL;
	exp = nf_ct_expect_alloc(ct);
	if (!exp || !helper) {
		if (exp)
			nf_ct_expect_put(exp);
		sipalg_count(sn, SIPALG_STAT_PINHOLE_FAILED);
		return;
	}
	/* new requests from the registrar (any port: proxies often send
	 * from another socket than they received the REGISTER on)
	 */
	nf_ct_expect_init(exp, SIPALG_CLASS_SIGNALLING, nf_ct_l3num(ct),
			  sn->cfg.media_policy == SIPALG_SRC_ANY ? NULL :
			  &r->registrar, &r->pub, nf_ct_protonum(ct), NULL,
			  &r->pub_port);
	pinhole_source(sn, ct, exp);
	exp->flags = NF_CT_EXPECT_PERMANENT;
	exp_setup(exp, !r->dir);
	/* the new flow is SIP too: it gets this helper */
#ifdef SIPALG_HAVE_EXP_ASSIGN_HELPER
	rcu_assign_pointer(exp->assign_helper, helper);
#else
	rcu_assign_pointer(exp->helper, helper);
#endif
#if IS_ENABLED(CONFIG_NF_NAT)
	/* behind NAT: nf_nat_sipalg DNATs the new flow to the contact */
	if (!nf_inet_addr_cmp(&r->pub, &r->contact) ||
	    r->pub_port != r->contact_port) {
		exp->saved_addr = r->contact;
		exp->saved_proto.all = r->contact_port;
	}
#endif
	if (nf_ct_expect_related(exp, 0) < 0) {
		nf_ct_expect_put(exp);
		sipalg_count(sn, SIPALG_STAT_PINHOLE_FAILED);
		return;
	}
	if (sn->cfg.media_policy == SIPALG_SRC_PREFIX)
		pinhole_siblings(sn, ct, exp);
	r->exp = exp;
	sipalg_count(sn, SIPALG_STAT_PINHOLES_CREATED);
}

/*
 * REGISTER (RFC 3261 §10.2): remember the contacts that name the phone
 * itself (the source of this flow); the registrar's 2xx confirms them.
 * Contacts naming anything else are another party's business.
 */
static void sip_register(struct sipalg_net *sn, struct nf_conn *ct,
			 enum ip_conntrack_dir dir, const char *cid,
			 unsigned int cid_len, const struct sipalg_msg *m)
{
	const struct nf_conntrack_tuple *t = &ct->tuplehash[dir].tuple;
	u32 dflt = (m->flags & SIPALG_MF_EXPIRES) ? m->expires : 3600;
	struct sipalg_reg *r;
	unsigned int i;

	if (m->flags & SIPALG_MF_STAR) {
		/* §10.2.2: remove all bindings, on the 2xx */
		hlist_for_each_entry(r, &sipalg_ct(ct)->regs, mnode)
			if (r->cid_len == cid_len &&
			    !memcmp(r->cid, cid, cid_len)) {
				r->cseq = m->cseq;
				r->expires = 0;
			}
		return;
	}
	for (i = 0; i < m->ncontact && i < SIPALG_MAX_CONTACT; i++) {
		const struct sipalg_naddr *c = &m->contact[i];
		union nf_inet_addr a;
		__be16 port;

		if (!uri_inet(ct, &c->uri, &a, &port) ||
		    !nf_inet_addr_cmp(&a, &t->src.u3))
			continue;
		r = sipalg_reg_find(sn, cid, cid_len, ct, &a, port);
		if (!r) {
			r = sipalg_reg_new(sn, cid, cid_len, ct);
			if (!r)
				return;
			r->contact = a;
			r->contact_port = port;
			r->deadline = jiffies + 32 * HZ;	/* Timer F */
		}
		r->dir = dir;
		r->registrar = t->dst.u3;
		r->pub = ct->tuplehash[!dir].tuple.dst.u3;
		/* where nf_nat_sipalg puts the contact: the flow's public
		 * port when it names the flow's source port, or any port of
		 * a translated address (nat_map() "own"); else it stays
		 */
		r->pub_port = port == t->src.u.all ||
			      !nf_inet_addr_cmp(&r->pub, &a) ?
			      ct->tuplehash[!dir].tuple.dst.u.all : port;
		r->cseq = m->cseq;
		r->expires = (c->flags & SIPALG_NA_EXPIRES) ? c->expires_val :
			     dflt;
	}
}

static void sip_register_reply(struct sipalg_net *sn, struct nf_conn *ct,
			       enum ip_conntrack_dir dir, const char *cid,
			       unsigned int slen, const struct sipalg_msg *m)
{
	struct hlist_node *n;
	struct sipalg_reg *r;

	if (m->status < 200)
		return;
	hlist_for_each_entry_safe(r, n, &sipalg_ct(ct)->regs, mnode) {
		u32 granted = r->expires;
		unsigned int i;

		if (r->dir == dir || r->cseq != m->cseq ||
		    r->cid_len != slen || memcmp(r->cid, cid, slen))
			continue;
		if (m->status >= 300) {
			if (!r->active)
				sipalg_reg_free(sn, r, SIPALG_STAT_REGS_REMOVED);
			continue;
		}
		/* §10.3 step 8: the 2xx lists the bindings with their
		 * expiry; ours is the one naming our public mapping
		 */
		if (m->flags & SIPALG_MF_EXPIRES)
			granted = min(granted, m->expires);
		for (i = 0; i < m->ncontact && i < SIPALG_MAX_CONTACT; i++) {
			const struct sipalg_naddr *c = &m->contact[i];
			union nf_inet_addr a;
			__be16 port;

			if ((c->flags & SIPALG_NA_EXPIRES) &&
			    uri_inet(ct, &c->uri, &a, &port) &&
			    nf_inet_addr_cmp(&a, &r->pub) && port == r->pub_port)
				granted = c->expires_val;
		}
		if (!granted || !r->expires) {
			sipalg_reg_free(sn, r, SIPALG_STAT_REGS_REMOVED);
			continue;
		}
		r->expires = granted;
		r->deadline = jiffies + (unsigned long)granted * HZ;
		reg_pinhole(sn, ct, r);
		if (!r->active) {
			r->active = true;
			sipalg_count(sn, SIPALG_STAT_REGS_TOTAL);
			sipalg_event_reg(sn, r, SIPALG_EV_REG_ADDED);
		}
	}
	atomic64_set(&sn->stats[SIPALG_STAT_REGS_ACTIVE], sn->nregs);
}

/* A span of the message as a NUL-terminated, truncated string. */
static void copy_span(char *dst, size_t size, const char *buf,
		      struct sipalg_span sp)
{
	size_t n = min_t(size_t, sp.len, size - 1);

	memcpy(dst, buf + sp.off, n);
	dst[n] = '\0';
}

static bool sdp_carrying(const struct sipalg_msg *m)
{
	if (m->kind == SIPALG_REQUEST)
		return m->method == SIPALG_M_INVITE ||
		       m->method == SIPALG_M_ACK ||
		       m->method == SIPALG_M_UPDATE ||
		       m->method == SIPALG_M_PRACK;
	/* answers to those: 1xx (early media) and 2xx */
	return m->status < 300 &&
	       (m->cseq_method == SIPALG_M_INVITE ||
		m->cseq_method == SIPALG_M_UPDATE ||
		m->cseq_method == SIPALG_M_PRACK);
}

/* Where the message is: for the NAT hook, which rewrites it in place. */
struct sipalg_pkt {
	struct sk_buff *skb;
	unsigned int protoff;
	unsigned int dataoff;
	unsigned int msgoff;
	enum ip_conntrack_info ctinfo;
	bool split;			/* began in an earlier TCP segment */
	bool norewrite;			/* its earlier copy never passed */
	bool incomplete;		/* out: its end is still to come */
	int delta;			/* out: change of the message length */
	struct sipalg_out *out;		/* a TCP region: written here */
};

static unsigned int call_message(struct sipalg_net *sn, struct nf_conn *ct,
				 struct sipalg_pkt *pkt, const char *buf,
				 struct sipalg_scratch *sc, bool have_sdp)
{
	enum ip_conntrack_dir dir = CTINFO2DIR(pkt->ctinfo);
	const struct sipalg_msg *m = &sc->msg;
	const struct sipalg_nat_hooks *hooks;
	unsigned int verdict = NF_ACCEPT;
	unsigned int klen = sipalg_cid_key(ct, dir, buf, m, sc->key);
	struct sipalg_call *call;
	unsigned long now = jiffies;

	spin_lock_bh(&sn->lock);
	if (m->kind == SIPALG_REQUEST && m->method == SIPALG_M_REGISTER) {
		sip_register(sn, ct, dir, sc->key, klen, m);
		call = NULL;
		goto out;
	}
	if (m->kind == SIPALG_RESPONSE && m->cseq_method == SIPALG_M_REGISTER) {
		sip_register_reply(sn, ct, dir, sc->key, klen, m);
		call = NULL;
		goto out;
	}
	call = sipalg_call_find(sn, sc->key, klen, ct);
	/* A dialog-creating INVITE (no To tag) of a call known on another
	 * flow: the same call crossing this router again, sent back in by
	 * a proxy outside that kept its Call-ID (RFC 3261 §16.6: two phones
	 * behind this NAT calling each other, a spiral).  That leg is a call
	 * of its own, on its own master, with its own pinholes.
	 */
	if (call && call->master != ct && m->kind == SIPALG_REQUEST &&
	    m->method == SIPALG_M_INVITE && !m->to.tag.len)
		call = NULL;
	if (!call) {
		/* a call starts with an INVITE; also adopt a dialog already
		 * running when we were loaded, at its next SDP
		 */
		if (!(m->kind == SIPALG_REQUEST && m->method == SIPALG_M_INVITE) &&
		    !(have_sdp && sdp_carrying(m)))
			goto out;
		call = sipalg_call_new(sn, sc->key, klen, ct);
		if (!call)
			goto out;
		if (m->kind == SIPALG_REQUEST)
			call->invite_cseq = m->cseq;
		copy_span(call->from, sizeof(call->from), buf, m->from.uri.span);
		copy_span(call->to, sizeof(call->to), buf, m->to.uri.span);
		copy_span(call->ftag, sizeof(call->ftag), buf, m->from.tag);
		copy_span(call->ttag, sizeof(call->ttag), buf, m->to.tag);
		sipalg_event_call(sn, call, SIPALG_EV_CALL_CREATED, 0);
	}
	/* the callee's tag, from its first answer (RFC 3261 §12.1.1) */
	if (!call->ttag[0] && m->to.tag.len)
		copy_span(call->ttag, sizeof(call->ttag), buf, m->to.tag);
	call->last = now;

	if (m->kind == SIPALG_REQUEST) {
		switch (m->method) {
		case SIPALG_M_INVITE:
			if (call->state == SIPALG_CALL_EARLY)
				call->invite_cseq = m->cseq;
			break;
		case SIPALG_M_BYE:
			if (call->state != SIPALG_CALL_TERMINATING) {
				unsigned int i;

				for (i = 0; i < call->nstreams; i++)
					sipalg_stream_clear(sn, call,
							    &call->streams[i]);
				call->state = SIPALG_CALL_TERMINATING;
				call->deadline = now + sn->cfg.bye_linger * HZ;
			}
			goto out;
		case SIPALG_M_CANCEL:
			if (call->state == SIPALG_CALL_EARLY) {
				sipalg_call_end(sn, call,
						SIPALG_STAT_CALLS_ENDED_CANCEL);
				call = NULL;
				goto out;
			}
			break;
		default:
			break;
		}
	} else if (m->cseq_method == SIPALG_M_INVITE) {
		if (m->status >= 200 && m->status < 300 &&
		    call->state == SIPALG_CALL_EARLY) {
			call->state = SIPALG_CALL_CONFIRMED;
			call->deadline = now + sn->cfg.call_idle * HZ;
			sipalg_event_call(sn, call, SIPALG_EV_CALL_ANSWERED, 0);
		} else if (m->status >= 300 &&
			   call->state == SIPALG_CALL_EARLY &&
			   m->cseq == call->invite_cseq) {
			/* the initial INVITE failed (486, 487 after CANCEL,
			 * 603, ...): the call is over
			 */
			sipalg_call_end(sn, call,
					SIPALG_STAT_CALLS_ENDED_FAILURE);
			call = NULL;
			goto out;
		}
	}
	if (call->state == SIPALG_CALL_CONFIRMED)
		call->deadline = now + sn->cfg.call_idle * HZ;
	if (call->master != ct) {
		/* a request of the dialog on another flow (a proxy sending
		 * from another socket): it may end the call, but its SDP
		 * opens nothing, since pinholes live and die with the call's
		 * master, which the call holds; and its directions are not
		 * those of the call's streams
		 */
		if (have_sdp && sdp_carrying(m))
			nf_ct_helper_log(pkt->skb, ct,
					 "SDP of a call on another flow: no pinholes");
		call = NULL;
		goto out;
	}
	if (have_sdp && sdp_carrying(m) &&
	    call->state != SIPALG_CALL_TERMINATING)
		sdp_pinholes(sn, ct, call, dir, buf, &sc->sdp);
out:
	/* the message itself, through NAT: after the pinholes, whose public
	 * ports the SDP must announce
	 */
	hooks = (ct->status & IPS_NAT_MASK) ? rcu_dereference(sipalg_nat_hooks) :
					      NULL;
	if (hooks && pkt->out) {
		sc->cid_map = sipalg_cid_mapped(sn, ct, dir, m);
		verdict = hooks->msg(pkt->skb, pkt->protoff, pkt->dataoff, 0,
				     ct, pkt->ctinfo, sc, have_sdp, call, buf,
				     pkt->out, &pkt->delta);
	} else if (hooks && (pkt->split || pkt->norewrite)) {
		/* its first part has left: rewriting the rest would send it
		 * half-rewritten; or a length change there could not be
		 * recorded (see reasm_claim()): it passes as it is
		 */
		sipalg_count(sn, SIPALG_STAT_TCP_SPLIT_UNREWRITTEN);
		nf_ct_helper_log(pkt->skb, ct,
				 "message split across segments: not rewritten");
	} else if (hooks) {
		sc->cid_map = sipalg_cid_mapped(sn, ct, dir, m);
		verdict = hooks->msg(pkt->skb, pkt->protoff, pkt->dataoff,
				     pkt->msgoff, ct, pkt->ctinfo, sc, have_sdp,
				     call, NULL, NULL, &pkt->delta);
	}
	spin_unlock_bh(&sn->lock);
	if (verdict != NF_ACCEPT)
		sipalg_count(sn, SIPALG_STAT_DROPPED);
	return verdict;
}

/*
 * One message at buf[0..*len).  Returns NF_ACCEPT or NF_DROP; *len gets
 * the length of the message when it parsed (stream framing).
 */
static int process_msg(struct sipalg_pkt *pkt, struct nf_conn *ct,
		       const char *buf, unsigned int *len, bool stream)
{
	struct sipalg_net *sn = sipalg_pernet(nf_ct_net(ct));
	struct sipalg_scratch *sc = this_cpu_ptr(sipalg_scratch);
	bool have_sdp = false;
	int err;

	err = sipalg_parse_msg(buf, *len, stream ? SIPALG_PF_STREAM : 0,
			       &sc->msg);
	if (err == SIPALG_OK && sc->msg.sdp.len) {
		have_sdp = true;
		err = sipalg_parse_sdp(buf, sc->msg.sdp, &sc->sdp);
	}
	if (err == SIPALG_E_KEEPALIVE) {
		sipalg_count(sn, SIPALG_STAT_KEEPALIVES);
		return NF_ACCEPT;
	}
	if (err == SIPALG_E_INCOMPLETE) {
		pkt->incomplete = true;
		*len = 0;
		return NF_ACCEPT;
	}
	if (err != SIPALG_OK) {
		sipalg_count(sn, SIPALG_STAT_PARSE_ERRORS);
		atomic64_inc(&sn->parse_errors[err]);
		sipalg_event_refused(sn, sn->cfg.strict ? SIPALG_STAT_DROPPED :
				     SIPALG_STAT_PARSE_ERRORS, err);
		nf_ct_helper_log(pkt->skb, ct, "%s", sipalg_strerror(err));
		if (sn->cfg.strict) {
			sipalg_count(sn, SIPALG_STAT_DROPPED);
			return NF_DROP;
		}
		*len = 0;
		return NF_ACCEPT;
	}
	*len = sc->msg.len;
	count_msg(sn, &sc->msg);
	return call_message(sn, ct, pkt, buf, sc, have_sdp);
}

/*
 * What sipalg_msgs() reads: the skb's payload from 'from' to 'tail' bytes
 * before its end; or buf (a copy): a split message's earlier bytes (the
 * first base ones) followed by the payload, or a TCP region, which is
 * written rewritten to out.
 */
struct sipalg_in {
	const char *buf;
	unsigned int buflen;
	unsigned int base;
	unsigned int norw;	/* messages from here on pass unrewritten */
	unsigned int from;
	unsigned int tail;
	struct sipalg_out *out;
};

/*
 * The messages of a segment's payload or of a copy (see sipalg_in); RFC
 * 3261 §18.3 frames them by Content-Length.  Messages that lie in the skb
 * are rewritten there (skb offset = offset in the data - base + what the
 * rewrites so far added); data from the skb itself is re-read after each
 * rewrite.  Returns the verdict; *rest is where an incomplete message
 * starts, or -1.
 */
static int sipalg_msgs(struct sk_buff *skb, unsigned int protoff,
		       unsigned int dataoff, struct nf_conn *ct,
		       enum ip_conntrack_info ctinfo, const struct sipalg_in *in,
		       bool stream, int *total, int *rest)
{
	const char *buf = in->buf;
	unsigned int off = buf ? 0 : in->from, len;
	unsigned int datalen = buf ? in->buflen : skb->len - dataoff - in->tail;
	unsigned int orig = 0;	/* off before the rewrites */
	int ret = NF_ACCEPT;

	*rest = -1;
	while (off < datalen) {
		struct sipalg_pkt pkt = {
			.skb = skb, .protoff = protoff, .dataoff = dataoff,
			.ctinfo = ctinfo, .split = buf && off < in->base,
			.norewrite = !buf && orig >= in->norw, .out = in->out,
		};
		const char *data = buf ? buf : (const char *)skb->data + dataoff;
		unsigned int written = in->out ? in->out->len : 0;

		pkt.msgoff = buf ? off - in->base + *total : off;
		len = datalen - off;
		ret = process_msg(&pkt, ct, data + off, &len, stream);
		if (pkt.incomplete)
			*rest = off;
		if (in->out && ret == NF_ACCEPT && in->out->len == written) {
			/* not rewritten (no NAT hook, a keep-alive, what
			 * did not parse): passes as it is
			 */
			unsigned int n = len ? len : datalen - off;

			if (in->out->size - in->out->len < n) {
				ret = NF_DROP;
				break;
			}
			memcpy(in->out->buf + in->out->len, data + off, n);
			in->out->len += n;
		}
		if (ret != NF_ACCEPT || !len || !stream)
			break;
		if (pkt.split)
			sipalg_count(sipalg_pernet(nf_ct_net(ct)),
				     SIPALG_STAT_TCP_REASSEMBLED);
		*total += pkt.delta;
		orig += len;
		if (buf) {
			off += len;
		} else {
			/* NAT may have changed the message and moved the
			 * data
			 */
			off += len + pkt.delta;
			datalen = skb->len - dataoff - in->tail;
		}
	}
	return ret;
}

/*
 * How far the receiver of direction dir acknowledged its data, as TCP
 * conntrack saw it (the sequence number of the next byte it wants);
 * false if conntrack has seen no acknowledgment from it.
 */
static bool tcp_acked(struct nf_conn *ct, enum ip_conntrack_dir dir,
		      u32 *ack)
{
	const struct ip_ct_tcp_state *r = &ct->proto.tcp.seen[!dir];
	bool known;

	spin_lock_bh(&ct->lock);
	known = r->flags & IP_CT_TCP_FLAG_MAXACK_SET;
	*ack = r->td_maxack;
	spin_unlock_bh(&ct->lock);
	return known;
}

/*
 * The segment [seq, end) of direction dir may start a region: no later
 * data of the direction was seen, and no length change is recorded at or
 * after seq (a first pass rewrote this data: a region over it would be
 * placed after that change).
 */
static bool region_ok(struct nf_conn *ct, enum ip_conntrack_dir dir,
		      u32 seq, u32 end)
{
	const struct nf_conn_seqadj *seqadj = nfct_seqadj(ct);
	const struct nf_ct_seqadj *w;
	bool ok;

	spin_lock_bh(&ct->lock);
	ok = !after(ct->proto.tcp.seen[dir].td_end, end);
	if (ok && seqadj) {
		w = &seqadj->seq[dir];
		ok = w->offset_before == w->offset_after ||
		     before(w->correction_pos, seq);
	}
	spin_unlock_bh(&ct->lock);
	return ok;
}

/* What a TCP segment finds in its flow's slot (see reasm_claim()). */
enum sipalg_claim {
	SIPALG_CLAIM_NONE,	/* nothing for it: handle it */
	SIPALG_CLAIM_DROP,	/* held back: drop it */
	SIPALG_CLAIM_RETRY,	/* a region given up: handle it, hold nothing */
	SIPALG_CLAIM_OLD,	/* before it, or a copy: handle it, keep nothing */
	SIPALG_CLAIM_MORE,	/* a region grows: *pend, see region_more() */
	SIPALG_CLAIM_SERVE,	/* in a rewritten region: see region_serve() */
};

static unsigned int reasm_limit(void)
{
	return min(READ_ONCE(tcp_reasm_max), 65535U);
}

/* A buffer in state for room bytes, about sequence number seq; empty. */
static struct sipalg_reasm *reasm_new(u8 state, u32 seq, unsigned int room)
{
	struct sipalg_reasm *r = kmalloc(struct_size(r, data, room),
					 GFP_ATOMIC);

	if (r) {
		memset(r, 0, sizeof(*r));
		r->state = state;
		r->seq = seq;
	}
	return r;
}

/*
 * A kept start (a message whose start passed): taken by the segment that
 * continues it; older data, or data its receiver acknowledged whole (a
 * copy it discards, see tcp_copy()), leaves it alone; a retransmission
 * that covers its end ends the wait and passes the message unrewritten,
 * as its start passed (*norw); anything later is a gap.
 */
static enum sipalg_claim kept_claim(struct sipalg_net *sn,
				    struct sipalg_reasm *r, u32 seq,
				    unsigned int len, const u32 *ack,
				    struct sipalg_reasm **pend,
				    unsigned int *norw, bool *gone)
{
	u32 start = r->seq - r->len;

	if (!after(seq + len, r->seq) || (ack && !after(seq + len, *ack)))
		return SIPALG_CLAIM_OLD;
	*gone = true;
	if (seq == r->seq) {
		*pend = r;
		return SIPALG_CLAIM_NONE;
	}
	if (before(seq, r->seq)) {
		/* from the kept start on: unrewritten (if it starts inside
		 * it, nothing parses)
		 */
		*norw = after(seq, start) ? 0 : start - seq;
		return SIPALG_CLAIM_RETRY;
	}
	sipalg_count(sn, SIPALG_STAT_TCP_REASM_GAP);
	return SIPALG_CLAIM_NONE;
}

/*
 * A region being collected, from X (r->seq) to E (what it has), against
 * the segment [seq, seq + len):
 * - its receiver acknowledged beyond X: it has that data (a copy of what
 *   passed was held); nothing to wait for;
 * - older data leaves it alone; data over X (a collapse of older
 *   segments and the held one) ends it, passing from X on unrewritten
 *   (*norw), as today's sender sends it;
 * - after E: a piece is missing; dropped until it comes;
 * - within what it has: the sender repeating X without the rest (its
 *   window allows no more, after a timeout) ends it; anything else there
 *   is dropped;
 * - beyond E: the region grows, in a copy (*pend), while the region
 *   itself stays in the slot, busy, so that other CPUs drop what they
 *   get meanwhile; beyond tcp_reasm_max or without memory it ends, and
 *   the segment is dropped (see region_more()).
 */
static enum sipalg_claim collect_claim(struct sipalg_net *sn,
				       struct sipalg_reasm *r, u32 seq,
				       const char *data, unsigned int len,
				       unsigned int segsz, const u32 *ack,
				       struct sipalg_reasm **pend,
				       unsigned int *norw, bool *gone)
{
	u32 x = r->seq, e = r->seq + r->len;
	unsigned int add, limit;
	struct sipalg_reasm *n;

	if (ack && after(*ack, x)) {
		*gone = true;
		return SIPALG_CLAIM_NONE;
	}
	if (before(seq, x)) {
		if (!after(seq + len, x))
			return SIPALG_CLAIM_OLD;
		*norw = x - seq;
		*gone = true;
		return SIPALG_CLAIM_RETRY;
	}
	if (after(seq, e))
		return SIPALG_CLAIM_DROP;
	if (!after(seq + len, e)) {
		if (seq != x)
			return SIPALG_CLAIM_DROP;
		*gone = true;
		return SIPALG_CLAIM_RETRY;
	}
	add = seq + len - e;
	*gone = true;
	/* given up: this segment is dropped too, so that the sender sends
	 * it again after X, which then passes first
	 */
	limit = reasm_limit();		/* once: it may change meanwhile */
	if (r->len + add > limit) {
		sipalg_count(sn, SIPALG_STAT_TCP_REASM_OVERFLOW);
		return SIPALG_CLAIM_DROP;
	}
	n = reasm_new(SIPALG_REASM_COLLECT, x, r->len + add);
	if (!n) {
		sipalg_count(sn, SIPALG_STAT_TCP_REASM_NOMEM);
		return SIPALG_CLAIM_DROP;
	}
	n->len = r->len + add;
	n->mss = max_t(unsigned int, r->mss, min(segsz, 65535U));
	memcpy(n->data, r->data, r->len);
	memcpy(n->data + r->len, data + (e - seq), add);
	*pend = n;
	*gone = false;
	r->state = SIPALG_REASM_BUSY;
	return SIPALG_CLAIM_MORE;
}

/*
 * A rewritten region, [X, E) as sent (r->seq, r->olen), r->data its bytes
 * rewritten, against the segment [seq, seq + len): each byte of it is
 * passed as the rewritten byte at its offset, and the segment that ends
 * at E as the rest of the region, so that what the sender sends again
 * is sent the same (see region_more()):
 * - its receiver acknowledged E: the region is over;
 * - later data waits until then (dropped): a length change recorded for
 *   it would move the core's one adjustment point past the region;
 * - older data is handled as usual;
 * - data over the region gets its bytes in *pend.
 */
static enum sipalg_claim done_claim(struct sipalg_net *sn,
				    struct sipalg_reasm *r, u32 seq,
				    unsigned int len, const u32 *ack,
				    struct sipalg_reasm **pend, bool *gone)
{
	u32 x = r->seq, e = r->seq + r->olen;
	unsigned int from, to;
	struct sipalg_reasm *n;

	if (ack && !before(*ack, e)) {
		*gone = true;
		return SIPALG_CLAIM_NONE;
	}
	if (!before(seq, e))
		return SIPALG_CLAIM_DROP;
	if (!after(seq + len, x))
		return SIPALG_CLAIM_OLD;
	from = before(seq, x) ? 0 : seq - x;
	to = before(seq + len, e) ? seq + len - x : r->len;
	n = reasm_new(SIPALG_REASM_DONE, x, to - from);
	if (!n)
		return SIPALG_CLAIM_DROP;	/* it comes again */
	n->olen = r->olen;
	n->len = to - from;
	n->mss = r->mss;
	memcpy(n->data, r->data + from, to - from);
	*pend = n;
	return SIPALG_CLAIM_SERVE;
}

/*
 * Under sn->lock: region r of direction dir is over.  If it made TCP
 * conntrack liberal (region_adjust()), the flow becomes strict again,
 * unless a region of the other direction is being completed or running
 * grown: that one keeps it (and clears it when it ends, if it is DONE; a
 * busy one may leave the flow liberal, the safe way to be wrong).
 */
static void region_unliberal(struct nf_conn *ct, enum ip_conntrack_dir dir,
			     struct sipalg_reasm *r)
{
	struct sipalg_reasm *o = sipalg_ct(ct)->reasm[!dir];
	unsigned int i;

	if (!r || !r->liberal)
		return;
	if (o && o->state == SIPALG_REASM_DONE && o->len > o->olen) {
		o->liberal |= r->liberal;
	} else if (!o || o->state != SIPALG_REASM_BUSY) {
		spin_lock_bh(&ct->lock);
		for (i = 0; i < IP_CT_DIR_MAX; i++)
			if (r->liberal & BIT(i))
				ct->proto.tcp.seen[i].flags &=
					~IP_CT_TCP_FLAG_BE_LIBERAL;
		spin_unlock_bh(&ct->lock);
	}
	r->liberal = 0;
}

/*
 * The segment [seq, seq + len) of a direction whose receiver acknowledged
 * up to *ack (NULL: unknown), against what its flow's slot holds.  Decided
 * under sn->lock with the slot's content in place, so that two CPUs
 * handling segments of one flow see one state; *busy gets a region that
 * MORE marked busy (the caller ends that with region_swap()).
 */
static enum sipalg_claim reasm_claim(struct sipalg_net *sn, struct nf_conn *ct,
				     enum ip_conntrack_dir dir,
				     struct sipalg_reasm **slot, u32 seq,
				     const char *data, unsigned int len,
				     unsigned int segsz, const u32 *ack,
				     struct sipalg_reasm **pend,
				     struct sipalg_reasm **busy,
				     unsigned int *norw)
{
	enum sipalg_claim ret = SIPALG_CLAIM_NONE;
	struct sipalg_reasm *r, *freed = NULL;
	bool gone = false;

	*pend = NULL;
	*busy = NULL;
	/* almost always empty: no lock for that (a buffer kept by another
	 * CPU meanwhile is for a later segment anyway)
	 */
	if (!READ_ONCE(*slot))
		return ret;
	spin_lock_bh(&sn->lock);
	r = sn->reasm_dead ? NULL : *slot;
	if (!r)
		goto out;
	switch (r->state) {
	case SIPALG_REASM_KEPT:
		ret = kept_claim(sn, r, seq, len, ack, pend, norw, &gone);
		break;
	case SIPALG_REASM_COLLECT:
		ret = collect_claim(sn, r, seq, data, len, segsz, ack, pend,
				    norw, &gone);
		if (ret == SIPALG_CLAIM_MORE)
			*busy = r;
		break;
	case SIPALG_REASM_BUSY:
		ret = SIPALG_CLAIM_DROP;
		break;
	default:
		ret = done_claim(sn, r, seq, len, ack, pend, &gone);
		break;
	}
	if (gone) {
		WRITE_ONCE(*slot, NULL);
		list_del(&r->node);
		if (r != *pend) {
			region_unliberal(ct, dir, r);
			freed = r;
		}
	}
out:
	spin_unlock_bh(&sn->lock);
	kfree(freed);
	return ret;
}

/* Take what is in the slot, whatever it is; the caller frees it. */
static struct sipalg_reasm *reasm_take(struct sipalg_net *sn,
				       struct sipalg_reasm **slot)
{
	struct sipalg_reasm *r;

	if (!READ_ONCE(*slot))
		return NULL;
	spin_lock_bh(&sn->lock);
	r = sn->reasm_dead ? NULL : *slot;
	if (r) {
		WRITE_ONCE(*slot, NULL);
		list_del(&r->node);
	}
	spin_unlock_bh(&sn->lock);
	return r;
}

/*
 * Hang r in its slot (and sn->reasm); of two kept starts the newest wins,
 * a region is never replaced.  False (r freed) if the slot has a region.
 */
static bool reasm_put(struct sipalg_net *sn, const struct nf_conn *ct,
		      struct sipalg_reasm **slot, struct sipalg_reasm *r)
{
	struct sipalg_reasm *old;

	spin_lock_bh(&sn->lock);
	/* another segment of this direction, on another CPU, kept one */
	old = *slot;
	/* a flow whose .destroy ran (or is running: it sets DYING first
	 * and takes sn->lock) never frees what is put now
	 */
	if (nf_ct_is_dying(ct) || sn->reasm_dead ||
	    (old && old->state != SIPALG_REASM_KEPT)) {
		old = r;
	} else {
		if (old)
			list_del(&old->node);
		WRITE_ONCE(*slot, r);
		list_add(&r->node, &sn->reasm);
	}
	spin_unlock_bh(&sn->lock);
	kfree(old);
	return old != r;
}

/* End a busy region: put n (NULL: nothing) in its place. */
static void region_swap(struct sipalg_net *sn, struct sipalg_reasm **slot,
			struct sipalg_reasm *busy, struct sipalg_reasm *n)
{
	struct sipalg_reasm *gone = n;

	spin_lock_bh(&sn->lock);
	/* else the netns went (reasm_flush() freed busy): n is not wanted */
	if (!sn->reasm_dead && *slot == busy) {
		list_del(&busy->node);
		if (n)
			list_add(&n->node, &sn->reasm);
		WRITE_ONCE(*slot, n);
		gone = busy;
	}
	spin_unlock_bh(&sn->lock);
	kfree(gone);
}

/*
 * Netns exit or module unload: free every buffer without touching the
 * slots that name them.  A flow may be gone already (its helper removed
 * through ctnetlink, which calls no .destroy), and the flows still alive
 * are destroyed after this (the conntrack core's pernet exit runs after
 * ours) or never call our .destroy again (unload): reasm_take() then
 * finds sn->reasm_dead and leaves the slot alone.
 */
static void reasm_flush(struct sipalg_net *sn)
{
	struct sipalg_reasm *r, *n;

	spin_lock_bh(&sn->lock);
	sn->reasm_dead = true;
	list_for_each_entry_safe(r, n, &sn->reasm, node) {
		list_del(&r->node);
		kfree(r);
	}
	spin_unlock_bh(&sn->lock);
}

/*
 * TCP: keep the start of a message whose end is in a later segment
 * (bounded by tcp_reasm_max; beyond it, or without memory, the message
 * is not understood: counted, logged, passed).
 */
static void reasm_keep(struct sipalg_net *sn, struct sk_buff *skb,
		       struct nf_conn *ct, struct sipalg_reasm **slot,
		       const char *data, unsigned int len, u32 seq)
{
	struct sipalg_reasm *r;

	if (len > reasm_limit()) {
		sipalg_count(sn, SIPALG_STAT_TCP_REASM_OVERFLOW);
		nf_ct_helper_log(skb, ct, "message longer than tcp_reasm_max");
		return;
	}
	r = reasm_new(SIPALG_REASM_KEPT, seq, len);
	if (!r) {
		sipalg_count(sn, SIPALG_STAT_TCP_REASM_NOMEM);
		return;
	}
	r->len = len;
	memcpy(r->data, data, len);
	reasm_put(sn, ct, slot, r);
}

/*
 * Where data[0..len) stops being whole messages (RFC 3261 §18.3 framing):
 * the offset of an incomplete one at its end, -1 if there is none, -2 if
 * it does not parse.  BH off (the scratch is per CPU).
 */
static int reasm_frames(const char *data, unsigned int len)
{
	struct sipalg_msg *m = &this_cpu_ptr(sipalg_scratch)->msg;
	unsigned int off = 0;
	int err;

	while (off < len) {
		err = sipalg_parse_msg(data + off, len - off, SIPALG_PF_STREAM,
				       m);
		if (err == SIPALG_E_INCOMPLETE)
			return off;
		if (err == SIPALG_E_KEEPALIVE)
			return -1;
		if (err != SIPALG_OK || !m->len)
			return -2;
		off += m->len;
	}
	return -1;
}

/* Data its receiver acknowledged whole (see kept_claim()). */
static bool tcp_copy(struct nf_conn *ct, enum ip_conntrack_info ctinfo,
		     u32 seq, unsigned int len)
{
	u32 ack;

	return tcp_acked(ct, CTINFO2DIR(ctinfo), &ack) &&
	       !after(seq + len, ack);
}

/*
 * Through NAT, a message split across segments can only be rewritten
 * whole, and the segments carrying it must keep their sequence numbers
 * (the core adjusts one position per direction).  So the segment where
 * it starts is held back (dropped), its payload kept from its first byte
 * X as a region, and so is every later one until the region ends with a
 * whole message (region_more()); the sender sends what was dropped again
 * (RFC 9293 §3.8.1; at once when its receiver's SACK shows the later
 * data, RFC 8985).  Only when the message starts with a start line (RFC
 * 3261 §7.1, not any bytes without a line end) and this is the newest
 * data of its direction: after later data passed, a length change here
 * could no longer be recorded.  Decided before anything of the segment
 * is handled: the region's messages are handled once, whole.
 */
static bool region_start(struct sipalg_net *sn, struct sk_buff *skb,
			 struct nf_conn *ct, enum ip_conntrack_info ctinfo,
			 struct sipalg_reasm **slot, u32 seq,
			 const char *data, unsigned int len, unsigned int segsz)
{
	enum ip_conntrack_dir dir = CTINFO2DIR(ctinfo);
	struct sipalg_reasm *r;
	bool mine;
	int rest;

	if (!READ_ONCE(tcp_split_retry) || !(ct->status & IPS_NAT_MASK) ||
	    !rcu_access_pointer(sipalg_nat_hooks) || len > reasm_limit())
		return false;
	local_bh_disable();
	rest = reasm_frames(data, len);
	local_bh_enable();
	/* CRLFs before a message are keep-alives (RFC 5626 §3.5.1) */
	if (rest < 0)
		return false;
	while ((unsigned int)rest < len &&
	       (data[rest] == '\r' || data[rest] == '\n'))
		rest++;
	if ((unsigned int)rest >= len || data[rest] < 'A' || data[rest] > 'Z')
		return false;
	if (!region_ok(ct, dir, seq, seq + len) ||
	    tcp_copy(ct, ctinfo, seq, len))
		return false;
	r = reasm_new(SIPALG_REASM_COLLECT, seq, len);
	if (!r)
		return false;
	r->len = len;
	r->mss = min(segsz, 65535U);
	memcpy(r->data, data, len);
	if (!reasm_put(sn, ct, slot, r))
		return false;
	/* later data seen meanwhile (another CPU, reordering) was
	 * handled without the region: take it back
	 */
	if (!region_ok(ct, dir, seq, seq + len)) {
		spin_lock_bh(&sn->lock);
		mine = !sn->reasm_dead && *slot == r;
		if (mine) {
			WRITE_ONCE(*slot, NULL);
			list_del(&r->node);
		}
		spin_unlock_bh(&sn->lock);
		if (mine)
			kfree(r);
		return false;
	}
	sipalg_count(sn, SIPALG_STAT_TCP_SPLIT_DROPPED);
	nf_ct_helper_log(skb, ct,
			 "message split across segments: held until its end comes");
	return true;
}

/*
 * A TCP segment of a region whose payload may be longer than its
 * sender's segments (mss): the checksum is left to the device or its
 * software fallback (partial, over the pseudo header), and the skb is
 * marked GSO so the output path cuts it into segments of mss.
 */
static bool region_offload(struct sk_buff *skb, unsigned int protoff,
			   const struct nf_conn *ct, unsigned int mss)
{
	struct skb_shared_info *si;
	unsigned int len, plen;
	struct tcphdr *th;
	u32 gso;

	/* skb_shinfo() may be shared with a clone (a tap) */
	if (skb_unclone(skb, GFP_ATOMIC))
		return false;
	th = (struct tcphdr *)(skb->data + protoff);
	len = skb->len - protoff;
	plen = len - th->doff * 4;
	if (nf_ct_l3num(ct) == NFPROTO_IPV4) {
		const struct iphdr *iph = ip_hdr(skb);

		th->check = ~tcp_v4_check(len, iph->saddr, iph->daddr, 0);
		gso = SKB_GSO_TCPV4;
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		th->check = ~tcp_v6_check(len, &ip6h->saddr, &ip6h->daddr, 0);
		gso = SKB_GSO_TCPV6;
	}
	if (!skb_partial_csum_set(skb, protoff,
				  offsetof(struct tcphdr, check)))
		return false;
	si = skb_shinfo(skb);
	if (mss && (skb_is_gso(skb) || plen > mss)) {
		si->gso_size = mss;
		si->gso_type = (si->gso_type & SKB_GSO_TCP_ECN) | gso |
			       SKB_GSO_DODGY;
		si->gso_segs = DIV_ROUND_UP(plen, mss);
	}
	return true;
}

/*
 * The segment that ends a region carries all of it, rewritten: from the
 * region's first sequence number on, cut by GSO on the way out into
 * segments no longer than the sender's (region_offload()).  Its receiver
 * thus gets the region in order, and acknowledges what the sender had
 * sent (dropped) before the sender's timer goes: TCP conntrack converts
 * the edges of a SACK by the acknowledgment's offset, so a rewritten end
 * SACKed ahead of the start would look out of window.
 */
static bool region_emit(struct sk_buff *skb, unsigned int protoff,
			unsigned int dataoff, struct nf_conn *ct,
			enum ip_conntrack_info ctinfo,
			const struct sipalg_reasm *r, unsigned int mss)
{
	const struct sipalg_nat_hooks *hooks;
	struct tcphdr *th;
	bool ok;

	rcu_read_lock();
	hooks = rcu_dereference(sipalg_nat_hooks);
	ok = hooks && hooks->splice(skb, protoff, ct, ctinfo, 0,
				    skb->len - dataoff, r->data, r->len);
	rcu_read_unlock();
	if (!ok || skb_ensure_writable(skb, protoff + sizeof(*th)))
		return false;
	th = (struct tcphdr *)(skb->data + protoff);
	th->seq = htonl(r->seq);
	return region_offload(skb, protoff, ct, mss);
}

/*
 * A region that grew (Rn > R) is acknowledged by numbers that TCP
 * conntrack does not always convert right: it takes a SACK's edges, and
 * an acknowledgment's own offset, by the offset of the acknowledgment
 * minus one, in the receiver's numbers, against the adjustment position
 * in the sender's.  So the region's end SACKed across a lost segment, or
 * acknowledged after earlier changes that shrank the stream by more than
 * the region grew, would look beyond what the sender sent: INVALID, then
 * answered (un-NATed) by the router's own stack with a RST.  While the
 * region lasts, the flow is liberal (IP_CT_TCP_FLAG_BE_LIBERAL, both
 * sides, as the flowtable sets it: a packet let through liberally does
 * not update conntrack's view of its sender, whose data the other side
 * then acknowledges), on the sides where it was not already; the
 * region's end in the receiver's numbers (newend) frees it when an
 * acknowledgment of the receiver reaches it (region_acked()), since
 * conntrack does not record the acknowledgments it let through.
 */
static void region_adjust(struct nf_conn *ct, enum ip_conntrack_dir dir,
			  struct sipalg_reasm *r)
{
	const struct nf_conn_seqadj *seqadj = nfct_seqadj(ct);
	unsigned int i;
	s32 off;

	spin_lock_bh(&ct->lock);
	off = seqadj ? seqadj->seq[dir].offset_after : 0;
	for (i = 0; i < IP_CT_DIR_MAX && r->len > r->olen; i++) {
		u8 *flags = &ct->proto.tcp.seen[i].flags;

		if (!(*flags & IP_CT_TCP_FLAG_BE_LIBERAL)) {
			*flags |= IP_CT_TCP_FLAG_BE_LIBERAL;
			r->liberal |= BIT(i);
		}
	}
	spin_unlock_bh(&ct->lock);
	r->newend = r->seq + r->len + off;
}

/* An acknowledgment of direction dir that may end a region of the other. */
static void region_acked(struct sipalg_net *sn, struct nf_conn *ct,
			 enum ip_conntrack_dir dir, u32 ack)
{
	struct sipalg_reasm **slot = &sipalg_ct(ct)->reasm[!dir], *r;

	if (!READ_ONCE(*slot))
		return;
	spin_lock_bh(&sn->lock);
	r = sn->reasm_dead ? NULL : *slot;
	if (r && r->state == SIPALG_REASM_DONE && !before(ack, r->newend)) {
		WRITE_ONCE(*slot, NULL);
		list_del(&r->node);
		region_unliberal(ct, !dir, r);
	} else {
		r = NULL;
	}
	spin_unlock_bh(&sn->lock);
	kfree(r);
}

/*
 * The region n (a copy, grown by this segment up to its end) replacing
 * busy in the slot.  While it does not end with a whole message it is
 * kept and the segment dropped.  Once it does, its messages are handled
 * (calls, pinholes) and written rewritten, none shorter than it was
 * (sipalg_nat_write()); this segment carries it all (region_emit()), and
 * it is kept to pass each copy of its segments the sender sends again as
 * the same bytes: byte i of the region as sent becomes byte i rewritten,
 * and the segment that ends the region gets the rest.  Its length change
 * is recorded at the region's last byte, so that a copy of any part of it
 * keeps its sequence number and only what follows moves.  Returns the
 * verdict.
 */
static int region_more(struct sipalg_net *sn, struct sk_buff *skb,
		       unsigned int protoff, unsigned int dataoff,
		       struct nf_conn *ct, enum ip_conntrack_info ctinfo,
		       struct sipalg_reasm **slot, struct sipalg_reasm *busy,
		       struct sipalg_reasm *n, bool fin)
{
	struct sipalg_in in = { .buf = n->data, .buflen = n->len };
	struct sipalg_reasm *done = NULL;
	struct sipalg_out out = { };
	int rest, total = 0, ret = NF_DROP;
	unsigned int size;

	local_bh_disable();
	rest = reasm_frames(n->data, n->len);
	if (rest >= 0 && !fin) {
		local_bh_enable();
		region_swap(sn, slot, busy, n);
		sipalg_count(sn, SIPALG_STAT_TCP_SPLIT_DROPPED);
		return NF_DROP;
	}
	if (rest != -1) {
		/* not SIP, or the stream ends inside it: given up.  This
		 * segment is dropped too: passing it before the sender sends
		 * X again would let the region's earlier messages change
		 * their length behind data already sent
		 */
		local_bh_enable();
		region_swap(sn, slot, busy, NULL);
		kfree(n);
		sipalg_count(sn, SIPALG_STAT_TCP_SPLIT_DROPPED);
		return NF_DROP;
	}
	/* every edit may add at most its text; the IP packet that carries
	 * the region is at most 64 KB
	 */
	size = min_t(unsigned int, n->len + SIPALG_MAX_EDITS * 64,
		     65535 - dataoff);
	done = reasm_new(SIPALG_REASM_DONE, n->seq, size);
	if (done) {
		out = (struct sipalg_out){ .buf = done->data, .size = size };
		in.out = &out;
		ret = sipalg_msgs(skb, protoff, dataoff, ct, ctinfo, &in, true,
				  &total, &rest);
	} else {
		sipalg_count(sn, SIPALG_STAT_TCP_REASM_NOMEM);
	}
	local_bh_enable();
	if (ret == NF_ACCEPT) {
		done->olen = n->len;
		done->len = out.len;
		done->mss = n->mss;
		if (out.len < n->len ||
		    !region_emit(skb, protoff, dataoff, ct, ctinfo, done, n->mss))
			ret = NF_DROP;
	}
	if (ret != NF_ACCEPT) {
		/* its segments pass as they come from now on (unrewritten) */
		region_swap(sn, slot, busy, NULL);
		nf_ct_helper_log(skb, ct, "split message: cannot rewrite");
		sipalg_count(sn, SIPALG_STAT_DROPPED);
		kfree(done);
		kfree(n);
		return NF_DROP;
	}
	region_adjust(ct, CTINFO2DIR(ctinfo), done);
	nf_ct_seqadj_set(ct, ctinfo, htonl(n->seq + n->len - 1),
			 out.len - n->len);
	region_swap(sn, slot, busy, done);
	sipalg_count(sn, SIPALG_STAT_TCP_SPLIT_REWRITTEN);
	kfree(n);
	return NF_ACCEPT;
}

/*
 * A segment over a rewritten region (done_claim()): what lies before the
 * region is handled as usual (its length change was recorded when it
 * first passed), and the region's part becomes its rewritten bytes (r).
 * What follows the region (the sender put a copy of its end and later
 * data into one segment) is cut off: its length change could only be
 * recorded past the region, which would move the region's own copies;
 * the sender sends it again.  A piece that grew longer than the sender's
 * segments is cut by GSO.
 */
static int region_serve(struct sipalg_net *sn, struct sk_buff *skb,
			unsigned int protoff, unsigned int dataoff,
			struct nf_conn *ct, enum ip_conntrack_info ctinfo,
			struct sipalg_reasm *r, u32 seq, bool fin)
{
	unsigned int datalen = skb->len - dataoff, pfx = 0, part;
	const struct sipalg_nat_hooks *hooks;
	struct sipalg_in in = { .norw = UINT_MAX };
	u32 e = r->seq + r->olen;
	int ret, total = 0, rest;
	bool ok;

	if (before(seq, r->seq))
		pfx = r->seq - seq;
	part = (after(seq + datalen, e) ? e : seq + datalen) - (seq + pfx);
	if (fin && pfx + part < datalen) {
		sipalg_count(sn, SIPALG_STAT_TCP_SPLIT_DROPPED);
		return NF_DROP;		/* its FIN would move too */
	}
	if (pfx) {
		in.tail = datalen - pfx;
		local_bh_disable();
		ret = sipalg_msgs(skb, protoff, dataoff, ct, ctinfo, &in, true,
				  &total, &rest);
		local_bh_enable();
		if (ret != NF_ACCEPT)
			return ret;
	}
	rcu_read_lock();
	hooks = rcu_dereference(sipalg_nat_hooks);
	ok = hooks && hooks->splice(skb, protoff, ct, ctinfo, pfx + total,
				    datalen - pfx, r->data, r->len);
	rcu_read_unlock();
	if (ok && skb->len - dataoff > r->mss)
		ok = region_offload(skb, protoff, ct, r->mss);
	if (!ok) {
		nf_ct_helper_log(skb, ct, "split message: cannot rewrite");
		sipalg_count(sn, SIPALG_STAT_DROPPED);
		return NF_DROP;
	}
	return NF_ACCEPT;
}

/* What a segment of len bytes at seq finds in its non-empty slot. */
static enum sipalg_claim tcp_claim(struct sipalg_net *sn, struct nf_conn *ct,
				   enum ip_conntrack_info ctinfo,
				   struct sipalg_reasm **slot, u32 seq,
				   const char *data, unsigned int len,
				   unsigned int segsz, struct sipalg_reasm **pend,
				   struct sipalg_reasm **busy, unsigned int *norw)
{
	bool acked;
	u32 ack;

	acked = tcp_acked(ct, CTINFO2DIR(ctinfo), &ack);
	return reasm_claim(sn, ct, CTINFO2DIR(ctinfo), slot, seq, data, len,
			   segsz, acked ? &ack : NULL, pend, busy, norw);
}

static int sipalg_help(struct sk_buff *skb, unsigned int protoff,
		       struct nf_conn *ct, enum ip_conntrack_info ctinfo)
{
	struct sipalg_net *sn = sipalg_pernet(nf_ct_net(ct));
	enum sipalg_claim claim = SIPALG_CLAIM_NONE;
	struct sipalg_reasm *pend = NULL, *busy, **slot = NULL;
	bool stream = nf_ct_protonum(ct) == IPPROTO_TCP, fin = false;
	unsigned int dataoff, datalen, segsz, norw = UINT_MAX;
	int ret, total = 0, rest;
	struct sipalg_in in = { };
	char *buf = NULL;
	u32 seq = 0;

	if (stream) {
		const struct tcphdr *th;
		struct tcphdr _th;

		if (ctinfo != IP_CT_ESTABLISHED &&
		    ctinfo != IP_CT_ESTABLISHED_REPLY)
			return NF_ACCEPT;
		th = skb_header_pointer(skb, protoff, sizeof(_th), &_th);
		if (!th)
			return NF_ACCEPT;
		dataoff = protoff + th->doff * 4;
		seq = ntohl(th->seq);
		fin = th->fin;
		/* still in the receiver's numbers: the core adjusts after us */
		if (th->ack)
			region_acked(sn, ct, CTINFO2DIR(ctinfo),
				     ntohl(th->ack_seq));
	} else {
		dataoff = protoff + sizeof(struct udphdr);
	}
	if (dataoff >= skb->len) {
		/* passing, it would end the stream before the held data
		 * (its sequence number not yet adjusted for their rewrite)
		 */
		struct sipalg_reasm **fslot =
			&sipalg_ct(ct)->reasm[CTINFO2DIR(ctinfo)];

		/* length 0: never takes a kept start nor grows a region */
		if (fin && READ_ONCE(*fslot))
			claim = tcp_claim(sn, ct, ctinfo, fslot, seq, NULL, 0,
					  0, &pend, &busy, &norw);
		kfree(pend);
		if (claim == SIPALG_CLAIM_DROP) {
			sipalg_count(sn, SIPALG_STAT_TCP_SPLIT_DROPPED);
			return NF_DROP;
		}
		return NF_ACCEPT;
	}
	/* a flow that a registration's pinhole let in is SIP whatever its
	 * ports (the registrar may send from any port to the public one)
	 */
	if (!ct->master && !flow_is_sip(ct)) {
		sipalg_count(sn, SIPALG_STAT_NOT_SIP_PORT);
		return NF_ACCEPT;
	}
	nf_ct_refresh(ct, skb, sn->cfg.sig_timeout * HZ);

	if (unlikely(skb_linearize(skb)))
		return NF_DROP;
	datalen = skb->len - dataoff;
	/* the sender's segment size (GRO may have merged several) */
	segsz = skb_is_gso(skb) ? skb_shinfo(skb)->gso_size : datalen;

	/* One message per datagram; several per TCP segment, and a message
	 * may continue in the next segments (RFC 3261 §18.3).  Its start is
	 * kept per direction until the segment that continues it, by
	 * sequence number, comes (see reasm_claim()).
	 */
	if (stream) {
		slot = &sipalg_ct(ct)->reasm[CTINFO2DIR(ctinfo)];
		/* the slot is almost always empty: then nothing to claim,
		 * and the acknowledgment only matters at an incomplete end
		 */
		if (READ_ONCE(*slot))
			claim = tcp_claim(sn, ct, ctinfo, slot, seq,
					  (const char *)skb->data + dataoff,
					  datalen, segsz, &pend, &busy, &norw);
		switch (claim) {
		case SIPALG_CLAIM_DROP:
			sipalg_count(sn, SIPALG_STAT_TCP_SPLIT_DROPPED);
			return NF_DROP;
		case SIPALG_CLAIM_MORE:
			return region_more(sn, skb, protoff, dataoff, ct,
					   ctinfo, slot, busy, pend, fin);
		case SIPALG_CLAIM_SERVE:
			ret = region_serve(sn, skb, protoff, dataoff, ct,
					   ctinfo, pend, seq, fin);
			kfree(pend);
			return ret;
		case SIPALG_CLAIM_NONE:
			if (!pend && !fin &&
			    region_start(sn, skb, ct, ctinfo, slot, seq,
					 (const char *)skb->data + dataoff,
					 datalen, segsz))
				return NF_DROP;
			break;
		default:
			break;
		}
		if (pend && pend->len + datalen > 65535) {
			sipalg_count(sn, SIPALG_STAT_TCP_REASM_OVERFLOW);
			nf_ct_helper_log(skb, ct, "split message too long");
			kfree(pend);
			pend = NULL;
		}
		if (pend) {
			buf = kmalloc(pend->len + datalen, GFP_ATOMIC);
			if (!buf) {
				sipalg_count(sn, SIPALG_STAT_TCP_REASM_NOMEM);
				kfree(pend);
				pend = NULL;
			} else {
				memcpy(buf, pend->data, pend->len);
				memcpy(buf + pend->len, skb->data + dataoff,
				       datalen);
			}
		}
	}

	in.buf = buf;
	in.buflen = pend ? pend->len + datalen : 0;
	in.base = pend ? pend->len : 0;
	in.norw = norw;
	local_bh_disable();
	ret = sipalg_msgs(skb, protoff, dataoff, ct, ctinfo, &in, stream,
			  &total, &rest);
	local_bh_enable();

	if (stream && ret == NF_ACCEPT && rest >= 0 &&
	    claim == SIPALG_CLAIM_NONE && tcp_copy(ct, ctinfo, seq, datalen))
		claim = SIPALG_CLAIM_OLD;
	if (stream && ret == NF_ACCEPT && rest >= 0 &&
	    claim != SIPALG_CLAIM_OLD) {
		/* the rest of the data is the start of a message */
		if (buf)
			reasm_keep(sn, skb, ct, slot, buf + rest,
				   pend->len + datalen - rest, seq + datalen);
		else
			reasm_keep(sn, skb, ct, slot,
				   (const char *)skb->data + dataoff + rest,
				   skb->len - dataoff - rest, seq + datalen);
	}
	kfree(buf);
	kfree(pend);
	if (stream && total && ret == NF_ACCEPT) {
		const struct tcphdr *th;
		struct tcphdr _th;

		/* one adjustment for the whole segment: a retransmission of
		 * it (same sequence number) is then not counted twice
		 */
		th = skb_header_pointer(skb, protoff, sizeof(_th), &_th);
		if (th)
			nf_ct_seqadj_set(ct, ctinfo, th->seq, total);
	}
	return ret;
}

static void sipalg_destroy(struct nf_conn *ct)
{
	struct sipalg_net *sn = sipalg_pernet(nf_ct_net(ct));
	unsigned int i;

	for (i = 0; i < IP_CT_DIR_MAX; i++)
		kfree(reasm_take(sn, &sipalg_ct(ct)->reasm[i]));
	sipalg_calls_flush_master(sn, ct);
}

static void sipalg_config_defaults(struct sipalg_config *cfg)
{
	cfg->max_calls = max_calls;
	cfg->max_streams = min_t(unsigned int, max_streams, SIPALG_MAX_STREAMS);
	cfg->max_pinholes = max_pinholes;
	cfg->sig_timeout = sig_timeout;
	cfg->pinhole_timeout = pinhole_timeout;
	cfg->ring_timeout = ring_timeout;
	cfg->bye_linger = bye_linger;
	cfg->call_idle = call_idle;
	cfg->media_policy = media_src <= SIPALG_SRC_ANY ? media_src :
			    SIPALG_SRC_PEER;
	cfg->strict = strict;
}

static int __net_init sipalg_net_init(struct net *net)
{
	struct sipalg_net *sn = sipalg_pernet(net);
	unsigned int i;

	spin_lock_init(&sn->lock);
	for (i = 0; i < ARRAY_SIZE(sn->calls); i++)
		INIT_HLIST_HEAD(&sn->calls[i]);
	for (i = 0; i < ARRAY_SIZE(sn->cidflows); i++)
		INIT_HLIST_HEAD(&sn->cidflows[i]);
	INIT_LIST_HEAD(&sn->regs);
	INIT_LIST_HEAD(&sn->reasm);
	sipalg_config_defaults(&sn->cfg);
	sn->net = net;
	INIT_DELAYED_WORK(&sn->gc, sipalg_gc_work);
	queue_delayed_work(system_power_efficient_wq, &sn->gc, HZ);
	return 0;
}

static void __net_exit sipalg_net_exit(struct net *net)
{
	struct sipalg_net *sn = sipalg_pernet(net);

	cancel_delayed_work_sync(&sn->gc);
	reasm_flush(sn);
	sipalg_calls_flush(sn);
}

static struct pernet_operations sipalg_net_ops = {
	.init	= sipalg_net_init,
	.exit	= sipalg_net_exit,
	.id	= &sipalg_net_id,
	.size	= sizeof(struct sipalg_net),
};

static int __init sipalg_init(void)
{
	int ret;

	sipalg_scratch = alloc_percpu(struct sipalg_scratch);
	if (!sipalg_scratch)
		return -ENOMEM;
	ret = sipalg_calls_init();
	if (ret)
		goto err_scratch;
	ret = register_pernet_subsys(&sipalg_net_ops);
	if (ret)
		goto err_calls;

	/*
	 * Helpers are attached by rules, by name; the tuple's port only
	 * serves automatic assignment, which is gone since Linux 6.0.  Port 0
	 * keeps our tuples apart from the in-tree "sip" helper's (5060), so
	 * both modules load side by side.
	 */
	nf_ct_helper_init(&sipalg_helpers[0], AF_INET, IPPROTO_UDP, "sipalg",
			  0, 0, 0, sipalg_exp_policy, SIPALG_CLASS_MAX - 1,
			  sipalg_help, NULL, THIS_MODULE);
	nf_ct_helper_init(&sipalg_helpers[1], AF_INET, IPPROTO_TCP, "sipalg",
			  0, 0, 0, sipalg_exp_policy, SIPALG_CLASS_MAX - 1,
			  sipalg_help, NULL, THIS_MODULE);
	nf_ct_helper_init(&sipalg_helpers[2], AF_INET6, IPPROTO_UDP, "sipalg",
			  0, 0, 0, sipalg_exp_policy, SIPALG_CLASS_MAX - 1,
			  sipalg_help, NULL, THIS_MODULE);
	nf_ct_helper_init(&sipalg_helpers[3], AF_INET6, IPPROTO_TCP, "sipalg",
			  0, 0, 0, sipalg_exp_policy, SIPALG_CLASS_MAX - 1,
			  sipalg_help, NULL, THIS_MODULE);
	for (ret = 0; ret < ARRAY_SIZE(sipalg_helpers); ret++) {
		sipalg_helpers[ret].destroy = sipalg_destroy;
		sipalg_helpers[ret].data_len = sizeof(struct sipalg_ct);
	}
	ret = nf_conntrack_helpers_register(sipalg_helpers,
					    ARRAY_SIZE(sipalg_helpers));
	if (ret) {
		pr_err("cannot register the helper: %d\n", ret);
		goto err_pernet;
	}
	ret = sipalg_netlink_init();
	if (ret) {
		pr_err("cannot register the netlink family: %d\n", ret);
		goto err_helpers;
	}
	return 0;

err_helpers:
	nf_conntrack_helpers_unregister(sipalg_helpers,
					ARRAY_SIZE(sipalg_helpers));
err_pernet:
	unregister_pernet_subsys(&sipalg_net_ops);
err_calls:
	sipalg_calls_exit();
err_scratch:
	free_percpu(sipalg_scratch);
	return ret;
}

static void __exit sipalg_exit(void)
{
	/* no new calls or pinholes after this; then free what is left */
	sipalg_netlink_exit();
	nf_conntrack_helpers_unregister(sipalg_helpers,
					ARRAY_SIZE(sipalg_helpers));
	unregister_pernet_subsys(&sipalg_net_ops);
	sipalg_calls_exit();
	free_percpu(sipalg_scratch);
}

module_init(sipalg_init);
module_exit(sipalg_exit);
