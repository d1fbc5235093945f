// SPDX-License-Identifier: GPL-2.0
/*
 * sipalg generic netlink family: counters, calls, registrations, config
 * and events, per network namespace.  The ABI is documented in
 * include/uapi/linux/nf_sipalg.h.
 *
 * Dumps walk the call table under sn->lock, resuming from a bucket and a
 * position kept in cb->args; sn->gen changes with every call or
 * registration added or removed, and nl_dump_check_consistent() flags a
 * dump that raced with such a change (NLM_F_DUMP_INTR), so the reader
 * knows to retry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <net/genetlink.h>
#include <net/netfilter/nf_conntrack.h>

#include "sipalg.h"

static struct genl_family sipalg_family;

enum { SIPALG_GRP_EVENTS };

static const struct genl_multicast_group sipalg_mcgrps[] = {
	[SIPALG_GRP_EVENTS] = { .name = SIPALG_MCGRP_EVENTS, },
};

static const struct nla_policy sipalg_policy[SIPALG_A_MAX + 1] = {
	[SIPALG_A_CFG_MAX_CALLS]	= { .type = NLA_U32 },
	[SIPALG_A_CFG_MAX_STREAMS]	= { .type = NLA_U32 },
	[SIPALG_A_CFG_MAX_PINHOLES]	= { .type = NLA_U32 },
	[SIPALG_A_CFG_SIG_TIMEOUT]	= { .type = NLA_U32 },
	[SIPALG_A_CFG_RING_TIMEOUT]	= { .type = NLA_U32 },
	[SIPALG_A_CFG_BYE_LINGER]	= { .type = NLA_U32 },
	[SIPALG_A_CFG_CALL_IDLE]	= { .type = NLA_U32 },
	[SIPALG_A_CFG_MEDIA_POLICY]	= { .type = NLA_U8 },
	[SIPALG_A_CFG_STRICT]		= { .type = NLA_U8 },
	[SIPALG_A_CFG_PREFIXES]		= { .type = NLA_NESTED },
};

static const struct nla_policy sipalg_prefix_policy[SIPALG_A_PREFIX_MAX + 1] = {
	[SIPALG_A_PREFIX_ADDR]	= { .type = NLA_BINARY, .len = 16 },
	[SIPALG_A_PREFIX_LEN]	= { .type = NLA_U8 },
};

static int put_addr(struct sk_buff *skb, int type, u8 family,
		    const union nf_inet_addr *a)
{
	return nla_put(skb, type, family == NFPROTO_IPV4 ? 4 : 16, a);
}

static int put_tuple(struct sk_buff *skb, int type, u8 family,
		     const struct nf_conntrack_tuple *t)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    put_addr(skb, SIPALG_A_TUPLE_SRC_ADDR, family, &t->src.u3) ||
	    put_addr(skb, SIPALG_A_TUPLE_DST_ADDR, family, &t->dst.u3) ||
	    nla_put_u16(skb, SIPALG_A_TUPLE_SRC_PORT, ntohs(t->src.u.all)) ||
	    nla_put_u16(skb, SIPALG_A_TUPLE_DST_PORT, ntohs(t->dst.u.all)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static u8 pinhole_state(const struct nf_conntrack_expect *exp, bool used)
{
	if (used)
		return SIPALG_PINHOLE_USED;
	return exp ? SIPALG_PINHOLE_WAITING : SIPALG_PINHOLE_NONE;
}

static int put_stream(struct sk_buff *skb, u8 family,
		      const struct sipalg_stream *s)
{
	struct nlattr *nest = nla_nest_start(skb, SIPALG_A_STREAM);

	if (!nest ||
	    nla_put_u8(skb, SIPALG_A_STREAM_SIDE, s->dir) ||
	    nla_put_u8(skb, SIPALG_A_STREAM_INDEX, s->index) ||
	    nla_put_u8(skb, SIPALG_A_STREAM_MEDIA, s->media) ||
	    nla_put_u8(skb, SIPALG_A_STREAM_DIRECTION, s->sdir) ||
	    put_addr(skb, SIPALG_A_STREAM_ADDR, family, &s->addr) ||
	    nla_put_u16(skb, SIPALG_A_STREAM_PORT, ntohs(s->port)) ||
	    nla_put_u8(skb, SIPALG_A_STREAM_RTP_PINHOLE,
		       pinhole_state(s->rtp, s->used & SIPALG_USED_RTP)) ||
	    nla_put_u8(skb, SIPALG_A_STREAM_RTCP_PINHOLE,
		       pinhole_state(s->rtcp, s->used & SIPALG_USED_RTCP)))
		return -EMSGSIZE;
	if (s->rtcp_port &&
	    (put_addr(skb, SIPALG_A_STREAM_RTCP_ADDR, family, &s->rtcp_addr) ||
	     nla_put_u16(skb, SIPALG_A_STREAM_RTCP_PORT, ntohs(s->rtcp_port))))
		return -EMSGSIZE;
	if ((s->flags & SIPALG_SM_RTCP_MUX) &&
	    nla_put_flag(skb, SIPALG_A_STREAM_MUX))
		return -EMSGSIZE;
	if (s->pub_port &&
	    (put_addr(skb, SIPALG_A_STREAM_PUB_ADDR, family, &s->pub_addr) ||
	     nla_put_u16(skb, SIPALG_A_STREAM_PUB_PORT, ntohs(s->pub_port))))
		return -EMSGSIZE;
	if (s->pub_rtcp_port &&
	    nla_put_u16(skb, SIPALG_A_STREAM_PUB_RTCP_PORT,
			ntohs(s->pub_rtcp_port)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_call(struct sk_buff *skb, const struct sipalg_call *c)
{
	const struct nf_conn *ct = c->master;
	u8 family = nf_ct_l3num(ct);
	unsigned long now = jiffies;
	struct nlattr *nest;
	unsigned int i;

	if (nla_put(skb, SIPALG_A_CALL_ID, c->cid_len, c->cid) ||
	    nla_put_string(skb, SIPALG_A_CALL_FROM, c->from) ||
	    nla_put_string(skb, SIPALG_A_CALL_TO, c->to) ||
	    nla_put_string(skb, SIPALG_A_CALL_FROM_TAG, c->ftag) ||
	    nla_put_string(skb, SIPALG_A_CALL_TO_TAG, c->ttag) ||
	    nla_put_u8(skb, SIPALG_A_CALL_STATE, c->state) ||
	    nla_put_u64_64bit(skb, SIPALG_A_CALL_AGE_MS,
			      jiffies_to_msecs(now - c->created), SIPALG_A_PAD) ||
	    nla_put_u64_64bit(skb, SIPALG_A_CALL_IDLE_MS,
			      jiffies_to_msecs(now - c->last), SIPALG_A_PAD) ||
	    nla_put_u8(skb, SIPALG_A_CALL_FAMILY,
		       family == NFPROTO_IPV4 ? AF_INET : AF_INET6) ||
	    nla_put_u8(skb, SIPALG_A_CALL_L4PROTO, nf_ct_protonum(ct)) ||
	    put_tuple(skb, SIPALG_A_CALL_ORIG, family,
		      &ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple) ||
	    put_tuple(skb, SIPALG_A_CALL_REPLY, family,
		      &ct->tuplehash[IP_CT_DIR_REPLY].tuple))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, SIPALG_A_CALL_STREAMS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < c->nstreams; i++)
		if (put_stream(skb, family, &c->streams[i]))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int sipalg_dump_calls(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct sipalg_net *sn = sipalg_pernet(sock_net(skb->sk));
	unsigned long bucket = cb->args[0], skip = cb->args[1], pos;
	struct sipalg_call *c;
	int ret = 0;

	spin_lock_bh(&sn->lock);
	cb->seq = sn->gen;
	for (; bucket < ARRAY_SIZE(sn->calls); bucket++, skip = 0) {
		pos = 0;
		hlist_for_each_entry(c, &sn->calls[bucket], node) {
			void *hdr;

			if (pos++ < skip)
				continue;
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, &sipalg_family,
					  NLM_F_MULTI, SIPALG_CMD_GET_CALLS);
			if (!hdr) {
				ret = -EMSGSIZE;
				goto out;
			}
			nl_dump_check_consistent(cb, nlmsg_hdr(skb));
			if (put_call(skb, c)) {
				genlmsg_cancel(skb, hdr);
				ret = -EMSGSIZE;
				goto out;
			}
			genlmsg_end(skb, hdr);
			skip = pos;
		}
	}
out:
	spin_unlock_bh(&sn->lock);
	cb->args[0] = bucket;
	cb->args[1] = skip;
	/* a message that did not fit goes in the next part */
	return ret == -EMSGSIZE && skb->len ? skb->len : (ret ?: skb->len);
}

static int put_reg(struct sk_buff *skb, const struct sipalg_reg *r)
{
	u8 family = nf_ct_l3num(r->master);
	long left = (long)(r->deadline - jiffies);

	if (nla_put(skb, SIPALG_A_REG_CALL_ID, r->cid_len, r->cid) ||
	    put_addr(skb, SIPALG_A_REG_CONTACT_ADDR, family, &r->contact) ||
	    nla_put_u16(skb, SIPALG_A_REG_CONTACT_PORT, ntohs(r->contact_port)) ||
	    put_addr(skb, SIPALG_A_REG_PUB_ADDR, family, &r->pub) ||
	    nla_put_u16(skb, SIPALG_A_REG_PUB_PORT, ntohs(r->pub_port)) ||
	    put_addr(skb, SIPALG_A_REG_REGISTRAR_ADDR, family, &r->registrar) ||
	    nla_put_u32(skb, SIPALG_A_REG_EXPIRES,
			left > 0 ? (u32)(left / HZ) : 0) ||
	    nla_put_u8(skb, SIPALG_A_REG_ACTIVE, r->active) ||
	    nla_put_u8(skb, SIPALG_A_REG_PINHOLE, !!r->exp))
		return -EMSGSIZE;
	return 0;
}

static int sipalg_dump_regs(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct sipalg_net *sn = sipalg_pernet(sock_net(skb->sk));
	unsigned long skip = cb->args[0], pos = 0;
	struct sipalg_reg *r;

	spin_lock_bh(&sn->lock);
	cb->seq = sn->gen;
	list_for_each_entry(r, &sn->regs, node) {
		void *hdr;

		if (pos++ < skip)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &sipalg_family,
				  NLM_F_MULTI, SIPALG_CMD_GET_REGS);
		if (!hdr)
			break;
		nl_dump_check_consistent(cb, nlmsg_hdr(skb));
		if (put_reg(skb, r)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		skip = pos;
	}
	spin_unlock_bh(&sn->lock);
	cb->args[0] = skip;
	return skb->len;
}

static int reply(struct genl_info *info, struct sk_buff *msg, void *hdr)
{
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int sipalg_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct sipalg_net *sn = sipalg_pernet(genl_info_net(info));
	struct nlattr *nest;
	struct sk_buff *msg;
	unsigned int i;
	void *hdr;

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &sipalg_family, 0,
				SIPALG_CMD_GET_STATS);
	if (!hdr)
		goto nospace;
	nest = nla_nest_start(msg, SIPALG_A_STATS);
	if (!nest)
		goto nospace;
	for (i = 0; i < __SIPALG_STAT_MAX; i++)
		if (nla_put_u64_64bit(msg, i + 1, atomic64_read(&sn->stats[i]),
				      SIPALG_A_PAD))
			goto nospace;
	nla_nest_end(msg, nest);
	nest = nla_nest_start(msg, SIPALG_A_PARSE_ERRORS);
	if (!nest)
		goto nospace;
	for (i = 0; i < SIPALG_E_COUNT; i++)
		if (nla_put_u64_64bit(msg, i + 1,
				      atomic64_read(&sn->parse_errors[i]),
				      SIPALG_A_PAD))
			goto nospace;
	nla_nest_end(msg, nest);
	return reply(info, msg, hdr);
nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* Do a and b share an address?  (Prefixes of one family.) */
static bool prefix_overlap(const struct sipalg_prefix *a,
			   const struct sipalg_prefix *b)
{
	const struct sipalg_prefix *shorter = a->len <= b->len ? a : b;
	const struct sipalg_prefix *longer = shorter == a ? b : a;
	unsigned int i;

	if (a->family != b->family)
		return false;
	for (i = 0; i < ARRAY_SIZE(a->addr.all); i++)
		if ((longer->addr.ip6[i] & shorter->mask.ip6[i]) !=
		    shorter->addr.ip6[i])
			return false;
	return true;
}

static int parse_prefix(const struct nlattr *nla, struct sipalg_prefix *p,
			struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SIPALG_A_PREFIX_MAX + 1];
	unsigned int alen, i, len;
	int err;

	err = nla_parse_nested(tb, SIPALG_A_PREFIX_MAX, nla,
			       sipalg_prefix_policy, extack);
	if (err)
		return err;
	if (!tb[SIPALG_A_PREFIX_ADDR] || !tb[SIPALG_A_PREFIX_LEN]) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "prefix needs address and length");
		return -EINVAL;
	}
	alen = nla_len(tb[SIPALG_A_PREFIX_ADDR]);
	len = nla_get_u8(tb[SIPALG_A_PREFIX_LEN]);
	if ((alen != 4 && alen != 16) || len > alen * 8) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "bad prefix address or length");
		return -EINVAL;
	}
	memset(p, 0, sizeof(*p));
	p->family = alen == 4 ? NFPROTO_IPV4 : NFPROTO_IPV6;
	p->len = len;
	memcpy(&p->addr, nla_data(tb[SIPALG_A_PREFIX_ADDR]), alen);
	for (i = 0; i < alen / 4; i++, len -= min(len, 32U))
		p->mask.ip6[i] = len >= 32 ? htonl(~0U) :
				 len ? htonl(~0U << (32 - len)) : 0;
	for (i = 0; i < ARRAY_SIZE(p->addr.all); i++)
		p->addr.ip6[i] &= p->mask.ip6[i];
	return 0;
}

/*
 * SIPALG_A_CFG_PREFIXES replaces the list.  Overlapping prefixes are
 * refused: each becomes an expectation per pinhole, and the core refuses
 * expectations whose sources overlap (expect_clash()).
 */
static int parse_prefixes(const struct nlattr *nest, struct sipalg_config *cfg,
			  struct netlink_ext_ack *extack)
{
	const struct nlattr *nla;
	unsigned int n = 0, i;
	int rem, err;

	nla_for_each_nested(nla, nest, rem) {
		struct sipalg_prefix *p = &cfg->prefixes[n];

		if (nla_type(nla) != SIPALG_A_PREFIX)
			continue;
		if (n == SIPALG_MAX_PREFIXES) {
			NL_SET_ERR_MSG_ATTR(extack, nla, "too many prefixes");
			return -E2BIG;
		}
		err = parse_prefix(nla, p, extack);
		if (err)
			return err;
		for (i = 0; i < n; i++)
			if (prefix_overlap(&cfg->prefixes[i], p)) {
				NL_SET_ERR_MSG_ATTR(extack, nla,
						    "prefixes overlap");
				return -EINVAL;
			}
		n++;
	}
	cfg->nprefixes = n;
	return 0;
}

static int put_prefixes(struct sk_buff *skb, const struct sipalg_config *cfg)
{
	struct nlattr *nest, *p;
	unsigned int i;

	nest = nla_nest_start(skb, SIPALG_A_CFG_PREFIXES);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < cfg->nprefixes; i++) {
		const struct sipalg_prefix *pf = &cfg->prefixes[i];

		p = nla_nest_start(skb, SIPALG_A_PREFIX);
		if (!p || put_addr(skb, SIPALG_A_PREFIX_ADDR, pf->family,
				   &pf->addr) ||
		    nla_put_u8(skb, SIPALG_A_PREFIX_LEN, pf->len))
			return -EMSGSIZE;
		nla_nest_end(skb, p);
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int sipalg_get_config(struct sk_buff *skb, struct genl_info *info)
{
	struct sipalg_net *sn = sipalg_pernet(genl_info_net(info));
	struct sipalg_config cfg;
	struct sk_buff *msg;
	void *hdr;

	spin_lock_bh(&sn->lock);
	cfg = sn->cfg;
	spin_unlock_bh(&sn->lock);

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &sipalg_family, 0,
				SIPALG_CMD_GET_CONFIG);
	if (!hdr ||
	    nla_put_u32(msg, SIPALG_A_CFG_MAX_CALLS, cfg.max_calls) ||
	    nla_put_u32(msg, SIPALG_A_CFG_MAX_STREAMS, cfg.max_streams) ||
	    nla_put_u32(msg, SIPALG_A_CFG_MAX_PINHOLES, cfg.max_pinholes) ||
	    nla_put_u32(msg, SIPALG_A_CFG_SIG_TIMEOUT, cfg.sig_timeout) ||
	    nla_put_u32(msg, SIPALG_A_CFG_RING_TIMEOUT, cfg.ring_timeout) ||
	    nla_put_u32(msg, SIPALG_A_CFG_BYE_LINGER, cfg.bye_linger) ||
	    nla_put_u32(msg, SIPALG_A_CFG_CALL_IDLE, cfg.call_idle) ||
	    nla_put_u8(msg, SIPALG_A_CFG_MEDIA_POLICY, cfg.media_policy) ||
	    nla_put_u8(msg, SIPALG_A_CFG_STRICT, cfg.strict) ||
	    put_prefixes(msg, &cfg)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return reply(info, msg, hdr);
}

static int cfg_u32(struct genl_info *info, int type, unsigned int min,
		   unsigned int max, unsigned int *out)
{
	u32 v;

	if (!info->attrs[type])
		return 0;
	v = nla_get_u32(info->attrs[type]);
	if (v < min || v > max) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[type],
				    "value out of range");
		return -ERANGE;
	}
	*out = v;
	return 0;
}

static int sipalg_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct sipalg_net *sn = sipalg_pernet(genl_info_net(info));
	struct sipalg_config cfg;
	int err;

	spin_lock_bh(&sn->lock);
	cfg = sn->cfg;
	spin_unlock_bh(&sn->lock);

	err = cfg_u32(info, SIPALG_A_CFG_MAX_CALLS, 0, 1000000, &cfg.max_calls) ?:
	      cfg_u32(info, SIPALG_A_CFG_MAX_STREAMS, 0, SIPALG_MAX_STREAMS,
		      &cfg.max_streams) ?:
	      cfg_u32(info, SIPALG_A_CFG_MAX_PINHOLES, 0, 2 * SIPALG_MAX_STREAMS,
		      &cfg.max_pinholes) ?:
	      cfg_u32(info, SIPALG_A_CFG_SIG_TIMEOUT, 1, 86400, &cfg.sig_timeout) ?:
	      cfg_u32(info, SIPALG_A_CFG_RING_TIMEOUT, 1, 86400,
		      &cfg.ring_timeout) ?:
	      cfg_u32(info, SIPALG_A_CFG_BYE_LINGER, 0, 3600, &cfg.bye_linger) ?:
	      cfg_u32(info, SIPALG_A_CFG_CALL_IDLE, 1, 7 * 86400, &cfg.call_idle);
	if (err)
		return err;
	if (info->attrs[SIPALG_A_CFG_MEDIA_POLICY]) {
		u8 p = nla_get_u8(info->attrs[SIPALG_A_CFG_MEDIA_POLICY]);

		if (p > SIPALG_MEDIA_SRC_ANY) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    info->attrs[SIPALG_A_CFG_MEDIA_POLICY],
					    "unknown media policy");
			return -EINVAL;
		}
		cfg.media_policy = p;
	}
	if (info->attrs[SIPALG_A_CFG_STRICT])
		cfg.strict = !!nla_get_u8(info->attrs[SIPALG_A_CFG_STRICT]);
	if (info->attrs[SIPALG_A_CFG_PREFIXES]) {
		err = parse_prefixes(info->attrs[SIPALG_A_CFG_PREFIXES], &cfg,
				     info->extack);
		if (err)
			return err;
	}

	spin_lock_bh(&sn->lock);
	sn->cfg = cfg;
	spin_unlock_bh(&sn->lock);
	return 0;
}

/* Everything needs CAP_NET_ADMIN in the netns's user namespace. */
static const struct genl_small_ops sipalg_ops[] = {
	{
		.cmd	= SIPALG_CMD_GET_STATS,
		.doit	= sipalg_get_stats,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SIPALG_CMD_GET_CALLS,
		.dumpit	= sipalg_dump_calls,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SIPALG_CMD_GET_REGS,
		.dumpit	= sipalg_dump_regs,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SIPALG_CMD_GET_CONFIG,
		.doit	= sipalg_get_config,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= SIPALG_CMD_SET_CONFIG,
		.doit	= sipalg_set_config,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family sipalg_family __ro_after_init = {
	.name		= SIPALG_GENL_NAME,
	.version	= SIPALG_GENL_VERSION,
	.maxattr	= SIPALG_A_MAX,
	.policy		= sipalg_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.small_ops	= sipalg_ops,
	.n_small_ops	= ARRAY_SIZE(sipalg_ops),
	.mcgrps		= sipalg_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(sipalg_mcgrps),
};

/* ---- events: from softirq, under sn->lock, only when someone listens */

static struct sk_buff *event_new(struct sipalg_net *sn, u8 event, void **hdr)
{
	struct sk_buff *skb;

	if (!genl_has_listeners(&sipalg_family, sn->net, SIPALG_GRP_EVENTS))
		return NULL;
	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &sipalg_family, 0, SIPALG_CMD_EVENT);
	if (!*hdr || nla_put_u8(skb, SIPALG_A_EVENT, event)) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}

static void event_send(struct sipalg_net *sn, struct sk_buff *skb, void *hdr)
{
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&sipalg_family, sn->net, skb, 0,
				SIPALG_GRP_EVENTS, GFP_ATOMIC);
}

void sipalg_event_call(struct sipalg_net *sn, const struct sipalg_call *call,
		       u8 event, u8 reason)
{
	struct sk_buff *skb;
	void *hdr;

	skb = event_new(sn, event, &hdr);
	if (!skb)
		return;
	if ((reason && nla_put_u8(skb, SIPALG_A_EVENT_REASON, reason)) ||
	    put_call(skb, call)) {
		nlmsg_free(skb);
		return;
	}
	event_send(sn, skb, hdr);
}

void sipalg_event_reg(struct sipalg_net *sn, const struct sipalg_reg *reg,
		      u8 event)
{
	struct sk_buff *skb;
	void *hdr;

	skb = event_new(sn, event, &hdr);
	if (!skb)
		return;
	if (put_reg(skb, reg)) {
		nlmsg_free(skb);
		return;
	}
	event_send(sn, skb, hdr);
}

void sipalg_event_refused(struct sipalg_net *sn, u8 reason, int err)
{
	struct sk_buff *skb;
	void *hdr;

	skb = event_new(sn, SIPALG_EV_REFUSED, &hdr);
	if (!skb)
		return;
	if (nla_put_u8(skb, SIPALG_A_EVENT_REASON, reason) ||
	    (err && nla_put_u8(skb, SIPALG_A_EVENT_ERROR, err + 1))) {
		nlmsg_free(skb);
		return;
	}
	event_send(sn, skb, hdr);
}

int sipalg_netlink_init(void)
{
	return genl_register_family(&sipalg_family);
}

void sipalg_netlink_exit(void)
{
	genl_unregister_family(&sipalg_family);
}
