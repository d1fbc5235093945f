// SPDX-License-Identifier: GPL-2.0
/*
 * sipalg per-netns call table.
 *
 * A call is keyed by its Call-ID (RFC 3261 §8.1.1.4) and the master
 * conntrack that carried its INVITE; in-dialog requests that arrive on
 * another flow (e.g. the callee's BYE over a new TCP connection) find the
 * call by Call-ID alone.  A call holds a reference on its master conntrack
 * and one on each expectation (pinhole) it created, so that it can remove
 * exactly its own pinholes on BYE, CANCEL, failure or timeout, and never
 * those of another call on the same flow.
 *
 * Locking: sn->lock (BH-safe) protects the hash table and every call in
 * it.  It may be held while calling nf_ct_unexpect_related(), which takes
 * nf_conntrack_expect_lock: the order is always sn->lock, then the
 * expectation lock.  The core never calls into us with the expectation
 * lock held (expectfn and .destroy run outside it).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/netfilter/nf_conntrack_core.h>

#include "sipalg.h"

static struct kmem_cache *call_cache __read_mostly;
static u32 call_seed __read_mostly;

int sipalg_calls_init(void)
{
	call_cache = kmem_cache_create("sipalg_call", sizeof(struct sipalg_call),
				       0, 0, NULL);
	if (!call_cache)
		return -ENOMEM;
	get_random_bytes(&call_seed, sizeof(call_seed));
	return 0;
}

void sipalg_calls_exit(void)
{
	kmem_cache_destroy(call_cache);
}

static u32 cid_hash(const char *cid, unsigned int len)
{
	return jhash(cid, len, call_seed);
}

/* Call-IDs longer than we store are compared by their first bytes and
 * their length: collisions there only merge calls of one peer that share
 * a 128-byte prefix, which real Call-IDs do not.
 */
static unsigned int cid_store_len(unsigned int len)
{
	return min_t(unsigned int, len, SIPALG_CALLID_MAX);
}

/*
 * The Call-ID of message m (in buf), direction dir of ct, as calls and
 * registrations are keyed: in its public spelling.  nf_nat_sipalg maps the
 * address a Call-ID carries (rw_cid()), so one dialog of a phone behind
 * NAT is "x@10.0.0.2" to the phone and "x@198.51.100.1" to its peer; both
 * give the second here, whichever way the message goes, and so does the
 * private spelling from outside (callid_rewrite off, or a dialog older
 * than the module).  The phone's address is the sender's when NAT
 * translates the sender, the receiver's when NAT translates the receiver.
 * Writes at most SIPALG_CALLID_MAX bytes to key; returns their number.
 */
unsigned int sipalg_cid_key(const struct nf_conn *ct, enum ip_conntrack_dir dir,
			    const char *buf, const struct sipalg_msg *m,
			    char *key)
{
	const struct nf_conntrack_tuple *t = &ct->tuplehash[dir].tuple;
	const struct nf_conntrack_tuple *r = &ct->tuplehash[!dir].tuple;
	const union nf_inet_addr *pub = NULL;
	const struct sipalg_cid *id = &m->cid;
	const char *cid = buf + m->call_id.off;
	unsigned int head, tail, n, k;
	struct sipalg_addr sa;
	union nf_inet_addr a;
	char text[48];

	if (id->host.len && sipalg_to_inet(ct, &id->addr, &a)) {
		if (nf_inet_addr_cmp(&a, &t->src.u3) &&
		    !nf_inet_addr_cmp(&t->src.u3, &r->dst.u3))
			pub = &r->dst.u3;
		else if (nf_inet_addr_cmp(&a, &r->src.u3) &&
			 !nf_inet_addr_cmp(&t->dst.u3, &r->src.u3))
			pub = &t->dst.u3;
	}
	if (!pub) {
		k = cid_store_len(m->call_id.len);
		memcpy(key, cid, k);
		return k;
	}
	sipalg_from_inet(ct, pub, &sa);
	n = sipalg_format_addr(&sa, id->flags & SIPALG_CID_BRACKETS, text,
			       sizeof(text));
	head = id->host.off - m->call_id.off;
	tail = m->call_id.len - head - id->host.len;
	k = min_t(unsigned int, head, SIPALG_CALLID_MAX);
	memcpy(key, cid, k);
	n = min_t(unsigned int, n, SIPALG_CALLID_MAX - k);
	memcpy(key + k, text, n);
	k += n;
	tail = min_t(unsigned int, tail, SIPALG_CALLID_MAX - k);
	memcpy(key + k, cid + head + id->host.len, tail);
	return k + tail;
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_cid_key);

/*
 * Flows whose Call-IDs nf_nat_sipalg maps (rw_cid()), both ways: those
 * whose phone writes its private address into its Call-IDs.  Latched by
 * the first message from the flow's translated end that names that
 * address in a Call-ID (or in Replaces, Join, Target-Dialog, Refer-To),
 * or inherited from the master of a flow opened through its pinhole (a
 * registrar's new connection).  A phone that writes the public address
 * itself (STUN, a PBX told its external address) never latches: its
 * Call-IDs come back as it wrote them.  Kept per netns, hashed by
 * conntrack, freed with it: the helper's per-conntrack area is full.
 * Past SIPALG_CIDFLOWS_MAX flows, new ones are not mapped (consistent
 * both ways, only the private address shows).
 */
struct sipalg_cidflow {
	struct hlist_node node;
	const struct nf_conn *ct;
};

static struct sipalg_cidflow *cidflow_find(struct sipalg_net *sn,
					   const struct nf_conn *ct)
{
	struct sipalg_cidflow *f;

	hlist_for_each_entry(f, &sn->cidflows[hash_ptr(ct, SIPALG_CIDFLOW_BITS)],
			     node)
		if (f->ct == ct)
			return f;
	return NULL;
}

static bool cid_names_sender(const struct nf_conn *ct,
			     enum ip_conntrack_dir dir,
			     const struct sipalg_cid *id)
{
	const struct nf_conntrack_tuple *t = &ct->tuplehash[dir].tuple;
	const struct nf_conntrack_tuple *r = &ct->tuplehash[!dir].tuple;
	union nf_inet_addr a;

	return id->host.len && sipalg_to_inet(ct, &id->addr, &a) &&
	       nf_inet_addr_cmp(&a, &t->src.u3) &&
	       !nf_inet_addr_cmp(&a, &r->dst.u3);
}

bool sipalg_cid_mapped(struct sipalg_net *sn, const struct nf_conn *ct,
		       enum ip_conntrack_dir dir, const struct sipalg_msg *m)
{
	bool own = cid_names_sender(ct, dir, &m->cid);
	struct sipalg_cidflow *f;
	unsigned int i;

	lockdep_assert_held(&sn->lock);
	if (cidflow_find(sn, ct))
		return true;
	for (i = 0; !own && i < m->ncidref && i < SIPALG_MAX_CIDREF; i++)
		own = cid_names_sender(ct, dir, &m->cidref[i]);
	if (!own && !(ct->master && cidflow_find(sn, ct->master)))
		return false;
	if (sn->ncidflows >= SIPALG_CIDFLOWS_MAX)
		return false;
	f = kmalloc(sizeof(*f), GFP_ATOMIC);
	if (!f)
		return false;
	f->ct = ct;
	hlist_add_head(&f->node,
		       &sn->cidflows[hash_ptr(ct, SIPALG_CIDFLOW_BITS)]);
	sn->ncidflows++;
	return true;
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_cid_mapped);

static void cidflow_free(struct sipalg_net *sn, struct sipalg_cidflow *f)
{
	hlist_del(&f->node);
	kfree(f);
	sn->ncidflows--;
}

/* How many of the two flows' senders (each direction's source) are one. */
static unsigned int flows_shared(const struct nf_conn *a,
				 const struct nf_conn *b)
{
	unsigned int i, j, n = 0;

	if (nf_ct_l3num(a) != nf_ct_l3num(b))
		return 0;
	for (i = 0; i < IP_CT_DIR_MAX; i++)
		for (j = 0; j < IP_CT_DIR_MAX; j++)
			n += nf_inet_addr_cmp(&a->tuplehash[i].tuple.src.u3,
					      &b->tuplehash[j].tuple.src.u3);
	return n;
}

/*
 * The call of this Call-ID on this flow; else (an in-dialog request on
 * another flow: a proxy's new connection or other socket) the one whose
 * master has the most senders in common with the flow.  Two calls share
 * a Call-ID when a proxy outside sends a call between two phones behind
 * this NAT back in (a spiral, RFC 3261 §16.6): a request of the second
 * leg on a new flow comes from the proxy to the second phone, the two
 * senders of that leg's master, while the first leg's master shares only
 * the proxy.  Ties go to the oldest call.
 */
struct sipalg_call *sipalg_call_find(struct sipalg_net *sn, const char *cid,
				     unsigned int len, const struct nf_conn *ct)
{
	unsigned int slen = cid_store_len(len), n, best = 0;
	u32 h = cid_hash(cid, slen);
	struct sipalg_call *c, *any = NULL;

	lockdep_assert_held(&sn->lock);
	hlist_for_each_entry(c, &sn->calls[hash_32(h, SIPALG_HASH_BITS)], node) {
		if (c->hash != h || c->cid_len != slen ||
		    memcmp(c->cid, cid, slen))
			continue;
		if (c->master == ct)
			return c;
		/* newest first in the chain: >= leaves the oldest on ties */
		n = flows_shared(c->master, ct);
		if (!any || n >= best) {
			any = c;
			best = n;
		}
	}
	return any;
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_call_find);

struct sipalg_call *sipalg_call_new(struct sipalg_net *sn, const char *cid,
				    unsigned int len, struct nf_conn *ct)
{
	unsigned int slen = cid_store_len(len);
	struct sipalg_call *c;

	lockdep_assert_held(&sn->lock);
	if (sn->ncalls >= sn->cfg.max_calls) {
		sipalg_count(sn, SIPALG_STAT_CALL_REFUSED_LIMIT);
		return NULL;
	}
	c = kmem_cache_zalloc(call_cache, GFP_ATOMIC);
	if (!c)
		return NULL;
	memcpy(c->cid, cid, slen);
	c->cid_len = slen;
	c->hash = cid_hash(cid, slen);
	c->master = ct;
	nf_conntrack_get(&ct->ct_general);
	c->created = jiffies;
	c->last = c->created;
	c->deadline = c->created + sn->cfg.ring_timeout * HZ;
	c->state = SIPALG_CALL_EARLY;
	hlist_add_head(&c->node,
		       &sn->calls[hash_32(c->hash, SIPALG_HASH_BITS)]);
	hlist_add_head(&c->mnode, &sipalg_ct(ct)->calls);
	sn->ncalls++;
	sn->gen++;
	sipalg_count(sn, SIPALG_STAT_CALLS_TOTAL);
	atomic64_set(&sn->stats[SIPALG_STAT_CALLS_ACTIVE], sn->ncalls);
	return c;
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_call_new);

/*
 * A pinhole is one expectation, plus one per media prefix under the
 * "prefixes" policy: siblings with the same master, class, expectfn and
 * destination, from other sources.  We hold a reference on the first
 * only; the siblings are found on the master's list of expectations.
 */
bool sipalg_pinhole_is(const struct nf_conntrack_expect *ours,
		       const struct nf_conntrack_expect *exp)
{
	return exp == ours ||
	       (exp->master == ours->master && exp->class == ours->class &&
		exp->expectfn == ours->expectfn &&
		exp->tuple.src.l3num == ours->tuple.src.l3num &&
		nf_inet_addr_cmp(&exp->tuple.dst.u3, &ours->tuple.dst.u3) &&
		exp->tuple.dst.u.all == ours->tuple.dst.u.all &&
		exp->tuple.dst.protonum == ours->tuple.dst.protonum);
}

/* One sibling of exp still pending, referenced, or NULL. */
static struct nf_conntrack_expect *
sibling_get(struct nf_conntrack_expect *exp)
{
	struct nf_conn_help *help = nfct_help(exp->master);
	struct nf_conntrack_expect *i, *found = NULL;

	if (!help)
		return NULL;
	spin_lock_bh(&nf_conntrack_expect_lock);
	hlist_for_each_entry(i, &help->expectations, lnode)
		if (i != exp && !sipalg_exp_dead(i) &&
		    sipalg_pinhole_is(exp, i) &&
		    refcount_inc_not_zero(&i->use)) {
			found = i;
			break;
		}
	spin_unlock_bh(&nf_conntrack_expect_lock);
	return found;
}

/*
 * Close a pinhole: our expectation and its siblings, and drop our
 * reference.  The master is alive: pinholes are only made on the master
 * of their call or registration, which holds it.
 * One that media already used is no longer linked; removing it again
 * is harmless.
 */
void sipalg_pinhole_close(struct sipalg_net *sn,
			  struct nf_conntrack_expect *exp)
{
	struct nf_conntrack_expect *i;
	unsigned int n = 0;

	/* no walk of the master's expectations (under the core's global
	 * expectation lock) in a netns that never made a sibling; bounded:
	 * siblings are at most one per prefix
	 */
	while (sn->siblings && n++ < SIPALG_MAX_PREFIXES &&
	       (i = sibling_get(exp))) {
		nf_ct_unexpect_related(i);
		nf_ct_expect_put(i);
	}
	nf_ct_unexpect_related(exp);
	nf_ct_expect_put(exp);
}

static void pinhole_remove(struct sipalg_net *sn, struct sipalg_call *call,
			   struct nf_conntrack_expect **expp)
{
	if (!*expp)
		return;
	sipalg_pinhole_close(sn, *expp);
	*expp = NULL;
	call->npinholes--;
	sipalg_count(sn, SIPALG_STAT_PINHOLES_REMOVED);
}

void sipalg_stream_clear(struct sipalg_net *sn, struct sipalg_call *call,
			 struct sipalg_stream *s)
{
	pinhole_remove(sn, call, &s->rtp);
	pinhole_remove(sn, call, &s->rtcp);
	s->used = 0;
}

static void call_free(struct sipalg_net *sn, struct sipalg_call *call)
{
	unsigned int i;

	for (i = 0; i < call->nstreams; i++)
		sipalg_stream_clear(sn, call, &call->streams[i]);
	hlist_del(&call->node);
	hlist_del(&call->mnode);
	sn->ncalls--;
	sn->gen++;
	atomic64_set(&sn->stats[SIPALG_STAT_CALLS_ACTIVE], sn->ncalls);
	nf_ct_put(call->master);
	kmem_cache_free(call_cache, call);
}

void sipalg_call_end(struct sipalg_net *sn, struct sipalg_call *call,
		     enum sipalg_stat reason)
{
	lockdep_assert_held(&sn->lock);
	sipalg_count(sn, reason);
	sipalg_event_call(sn, call, SIPALG_EV_CALL_ENDED, reason);
	call_free(sn, call);
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_call_end);

/* ---- registrations ---------------------------------------------------- */

static unsigned int regs_max(const struct sipalg_net *sn)
{
	return sn->cfg.max_calls;	/* same order of magnitude */
}

/* The registration of a master's contact by Call-ID and contact. */
struct sipalg_reg *sipalg_reg_find(struct sipalg_net *sn, const char *cid,
				   unsigned int len, const struct nf_conn *ct,
				   const union nf_inet_addr *contact,
				   __be16 port)
{
	unsigned int slen = cid_store_len(len);
	struct sipalg_reg *r;

	lockdep_assert_held(&sn->lock);
	hlist_for_each_entry(r, &sipalg_ct(ct)->regs, mnode)
		if (r->cid_len == slen && !memcmp(r->cid, cid, slen) &&
		    nf_inet_addr_cmp(&r->contact, contact) &&
		    r->contact_port == port)
			return r;
	return NULL;
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_reg_find);

struct sipalg_reg *sipalg_reg_new(struct sipalg_net *sn, const char *cid,
				  unsigned int len, struct nf_conn *ct)
{
	unsigned int slen = cid_store_len(len);
	struct sipalg_reg *r;

	lockdep_assert_held(&sn->lock);
	if (sn->nregs >= regs_max(sn)) {
		sipalg_count(sn, SIPALG_STAT_REG_REFUSED_LIMIT);
		return NULL;
	}
	r = kzalloc(sizeof(*r), GFP_ATOMIC);
	if (!r)
		return NULL;
	memcpy(r->cid, cid, slen);
	r->cid_len = slen;
	r->master = ct;
	nf_conntrack_get(&ct->ct_general);
	r->created = jiffies;
	list_add(&r->node, &sn->regs);
	hlist_add_head(&r->mnode, &sipalg_ct(ct)->regs);
	sn->nregs++;
	sn->gen++;
	return r;
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_reg_new);

void sipalg_reg_free(struct sipalg_net *sn, struct sipalg_reg *reg,
		     enum sipalg_stat reason)
{
	lockdep_assert_held(&sn->lock);
	if (reg->exp)
		sipalg_pinhole_close(sn, reg->exp);
	if (reg->active) {
		sipalg_count(sn, reason);
		sipalg_event_reg(sn, reg, reason == SIPALG_STAT_REGS_EXPIRED ?
				 SIPALG_EV_REG_EXPIRED : SIPALG_EV_REG_REMOVED);
	}
	list_del(&reg->node);
	hlist_del(&reg->mnode);
	sn->nregs--;
	sn->gen++;
	nf_ct_put(reg->master);
	kfree(reg);
	atomic64_set(&sn->stats[SIPALG_STAT_REGS_ACTIVE], sn->nregs);
}

static void regs_flush(struct sipalg_net *sn)
{
	struct sipalg_reg *r, *n;

	list_for_each_entry_safe(r, n, &sn->regs, node)
		sipalg_reg_free(sn, r, SIPALG_STAT_REGS_REMOVED);
}

/* The master conntrack is going away: so are the calls it carried. */
void sipalg_calls_flush_master(struct sipalg_net *sn, const struct nf_conn *ct)
{
	struct hlist_node *n, *rn;
	struct sipalg_cidflow *f;
	struct sipalg_call *c;
	struct sipalg_reg *r;

	spin_lock_bh(&sn->lock);
	hlist_for_each_entry_safe(c, n, &sipalg_ct(ct)->calls, mnode)
		sipalg_call_end(sn, c, SIPALG_STAT_CALLS_ENDED_FLOW);
	hlist_for_each_entry_safe(r, rn, &sipalg_ct(ct)->regs, mnode)
		sipalg_reg_free(sn, r, SIPALG_STAT_REGS_REMOVED);
	f = cidflow_find(sn, ct);
	if (f)
		cidflow_free(sn, f);
	spin_unlock_bh(&sn->lock);
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_calls_flush_master);

void sipalg_calls_flush(struct sipalg_net *sn)
{
	struct sipalg_cidflow *f;
	struct sipalg_call *c;
	struct hlist_node *n;
	unsigned int i;

	spin_lock_bh(&sn->lock);
	regs_flush(sn);
	for (i = 0; i < ARRAY_SIZE(sn->calls); i++)
		hlist_for_each_entry_safe(c, n, &sn->calls[i], node)
			call_free(sn, c);
	for (i = 0; i < ARRAY_SIZE(sn->cidflows); i++)
		hlist_for_each_entry_safe(f, n, &sn->cidflows[i], node)
			cidflow_free(sn, f);
	spin_unlock_bh(&sn->lock);
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_calls_flush);

/*
 * Once a second: end calls past their deadline (never answered, idle, or
 * lingering after BYE), and calls whose master conntrack is dying or was
 * never confirmed (a packet dropped after our helper ran: the core frees
 * such a conntrack without calling .destroy, and our reference would keep
 * it alive forever).
 */
void sipalg_gc(struct sipalg_net *sn, unsigned long now)
{
	struct sipalg_reg *r, *rn;
	struct sipalg_call *c;
	struct hlist_node *n;
	unsigned int i;

	spin_lock_bh(&sn->lock);
	for (i = 0; i < ARRAY_SIZE(sn->calls); i++) {
		hlist_for_each_entry_safe(c, n, &sn->calls[i], node) {
			if (nf_ct_is_dying(c->master) ||
			    (!nf_ct_is_confirmed(c->master) &&
			     time_after(now, c->created + 5 * HZ)))
				sipalg_call_end(sn, c,
						SIPALG_STAT_CALLS_ENDED_FLOW);
			else if (time_after(now, c->deadline))
				sipalg_call_end(sn, c,
						c->state == SIPALG_CALL_TERMINATING ?
						SIPALG_STAT_CALLS_ENDED_BYE :
						SIPALG_STAT_CALLS_ENDED_TIMEOUT);
		}
	}
	list_for_each_entry_safe(r, rn, &sn->regs, node) {
		if (nf_ct_is_dying(r->master) ||
		    (!nf_ct_is_confirmed(r->master) &&
		     time_after(now, r->created + 5 * HZ)))
			sipalg_reg_free(sn, r, SIPALG_STAT_REGS_REMOVED);
		else if (time_after(now, r->deadline))
			sipalg_reg_free(sn, r, SIPALG_STAT_REGS_EXPIRED);
	}
	spin_unlock_bh(&sn->lock);
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_gc);

void sipalg_gc_work(struct work_struct *work)
{
	struct sipalg_net *sn = container_of(to_delayed_work(work),
					     struct sipalg_net, gc);

	sipalg_gc(sn, jiffies);
	queue_delayed_work(system_power_efficient_wq, &sn->gc, HZ);
}
