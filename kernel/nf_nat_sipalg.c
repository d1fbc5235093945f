// SPDX-License-Identifier: GPL-2.0
/*
 * nf_nat_sipalg: SIP and SDP through NAT.
 *
 * For a NATed signalling flow, every address:port that names one end of
 * the flow as this packet's sender or receiver sees it is replaced by what
 * the other side of the NAT sees (the same mapping the conntrack's two
 * tuples describe): request-URI, Via sent-by/received/rport, Contact,
 * From, To, Route, Record-Route, the address in Call-IDs (see rw_cid());
 * in SDP o=, c=, m= and a=rtcp.  Values
 * naming anything else (another party, a STUN-learned public address) are
 * left alone.  a=candidate lines are not rewritten: ICE agents then see
 * that c=/m= match no candidate and fall back per RFC 8445 §5.1.1 ("ice
 * mismatch"); rewriting candidates would make them lie about their own
 * gathering.
 *
 * Rewrites are planned from the parser's spans (no rescanning), sorted and
 * applied from the end of the message backwards, so each splice leaves the
 * offsets of the others valid; Content-Length is recomputed from the real
 * body.  If any splice fails, the packet is dropped, never sent half
 * rewritten.
 *
 * Media: a pinhole toward the private side is moved to the public address
 * and a public port (the private one when free, else the next free even
 * one), and the media conntrack is DNATed there; media from the private
 * side toward the far end is SNATed to the public address and port its SDP
 * announced, whatever port the phone sends from, so that media is
 * symmetric for the far end.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/sort.h>
#include <linux/udp.h>
#include <linux/tcp.h>
#include <net/netfilter/nf_nat.h>
#include <net/netfilter/nf_nat_helper.h>
#include <net/netfilter/nf_conntrack_helper.h>
#include <net/netfilter/nf_conntrack_seqadj.h>

#include "sipalg.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SIP ALG: NAT of SIP/SDP and media");
MODULE_SOFTDEP("pre: nf_conntrack_sipalg");
MODULE_ALIAS("nf_nat_sipalg");

#define SIP_PORT	5060
#define PORT_TRIES	64

static bool callid_rewrite = true;
module_param(callid_rewrite, bool, 0600);
MODULE_PARM_DESC(callid_rewrite, "map the address in Call-IDs (and in Replaces, Join, Target-Dialog, Refer-To) like any other");

struct rw {
	const struct nf_conn *ct;
	enum ip_conntrack_dir dir;
	struct sipalg_scratch *sc;
	struct sipalg_call *call;
	bool overflow;
};

/*
 * An address (and port, unless any_port) as this packet names it, mapped
 * to what the other side of the NAT knows: the packet's source becomes the
 * reply tuple's destination and the packet's destination the reply
 * tuple's source.  False when it names neither or NAT does not change it.
 *
 * own: the URI names the sender itself, on a port that need not be the
 * flow's: a phone on TCP opens its connections from ephemeral ports while
 * its URIs name its listening port (5060).  Its translated address must
 * not leave the NAT (nor come back in as the public one):
 *  - SIPALG_OWN_FLOW (Contact, where it takes requests): the flow's public
 *    address and port, the only place behind this NAT a peer reaches it;
 *    a peer sends there on the same connection (RFC 3261 §18.2.2, RFC 5923
 *    connection reuse) or, opening a new one, a registrar reaches the
 *    contact's own port through the registration's pinhole
 *    (nf_conntrack_sipalg reg_pinhole);
 *  - SIPALG_OWN_ADDR (Via sent-by, From, To): the address only, both ways,
 *    so that a response's Via comes back exactly as the phone sent it
 *    (§18.1.2: a client discards a response whose sent-by is not its own).
 */
enum sipalg_own { SIPALG_OWN_NONE, SIPALG_OWN_ADDR, SIPALG_OWN_FLOW };

static bool nat_map(const struct rw *rw, const union nf_inet_addr *a,
		    __be16 port, bool any_port, enum sipalg_own own,
		    union nf_inet_addr *na, __be16 *np)
{
	const struct nf_conntrack_tuple *t = &rw->ct->tuplehash[rw->dir].tuple;
	const struct nf_conntrack_tuple *r = &rw->ct->tuplehash[!rw->dir].tuple;

	if (nf_inet_addr_cmp(a, &t->src.u3) &&
	    (any_port || port == t->src.u.all)) {
		*na = r->dst.u3;
		*np = any_port ? port : r->dst.u.all;
	} else if (own && nf_inet_addr_cmp(a, &t->src.u3) &&
		   !nf_inet_addr_cmp(a, &r->dst.u3)) {
		*na = r->dst.u3;
		*np = own == SIPALG_OWN_FLOW ? r->dst.u.all : port;
	} else if (own == SIPALG_OWN_ADDR && nf_inet_addr_cmp(a, &t->dst.u3) &&
		   port != t->dst.u.all && !nf_inet_addr_cmp(a, &r->src.u3)) {
		*na = r->src.u3;
		*np = port;
	} else if (nf_inet_addr_cmp(a, &t->dst.u3) &&
		   (any_port || port == t->dst.u.all)) {
		*na = r->src.u3;
		*np = any_port ? port : r->src.u.all;
	} else {
		return false;
	}
	return !nf_inet_addr_cmp(a, na) || port != *np;
}

static void add_edit(struct rw *rw, unsigned int off, unsigned int len,
		     const char *text, unsigned int nlen)
{
	struct sipalg_scratch *sc = rw->sc;
	struct sipalg_edit *e;

	if (sc->nedits >= SIPALG_MAX_EDITS || nlen > sizeof(e->text)) {
		rw->overflow = true;
		return;
	}
	e = &sc->edits[sc->nedits++];
	e->off = off;
	e->len = len;
	e->nlen = nlen;
	memcpy(e->text, text, nlen);
}

static unsigned int fmt_addr(const struct rw *rw, const union nf_inet_addr *a,
			     bool brackets, char *out, unsigned int size)
{
	struct sipalg_addr sa;

	sipalg_from_inet(rw->ct, a, &sa);
	return sipalg_format_addr(&sa, brackets, out, size);
}

/*
 * host[:port] of a SIP URI or Via; a missing port means 5060 (§19.1.2).
 * own: see nat_map().
 */
static void rw_hostport(struct rw *rw, const struct sipalg_hostport *hp,
			enum sipalg_own own)
{
	__be16 port = htons(hp->port.len ? hp->port_num : SIP_PORT), np;
	union nf_inet_addr a, na;
	unsigned int n, end;
	char text[56];

	if (!hp->host.len || !sipalg_to_inet(rw->ct, &hp->addr, &a))
		return;
	if (!nat_map(rw, &a, port, false, own, &na, &np))
		return;
	n = fmt_addr(rw, &na, true, text, sizeof(text) - 6);
	if (hp->port.len || np != htons(SIP_PORT)) {
		text[n++] = ':';
		n += sipalg_format_u16(ntohs(np), text + n);
	}
	end = hp->port.len ? hp->port.off + hp->port.len :
			     hp->host.off + hp->host.len;
	add_edit(rw, hp->host.off, end - hp->host.off, text, n);
}

/* An address alone (SDP, Via received): the port does not matter. */
static void rw_addr(struct rw *rw, struct sipalg_span sp,
		    const struct sipalg_addr *sa, bool brackets)
{
	union nf_inet_addr a, na;
	char text[56];
	__be16 np;

	if (!sp.len || !sipalg_to_inet(rw->ct, sa, &a))
		return;
	if (!nat_map(rw, &a, 0, true, SIPALG_OWN_NONE, &na, &np))
		return;
	add_edit(rw, sp.off, sp.len, text,
		 fmt_addr(rw, &na, brackets, text, sizeof(text)));
}

static void rw_port(struct rw *rw, struct sipalg_span sp, __be16 port)
{
	char text[8];

	if (!sp.len || !port)
		return;
	add_edit(rw, sp.off, sp.len, text, sipalg_format_u16(ntohs(port), text));
}

static void rw_via(struct rw *rw, const struct sipalg_via *v)
{
	const struct nf_conntrack_tuple *t = &rw->ct->tuplehash[rw->dir].tuple;
	const struct nf_conntrack_tuple *r = &rw->ct->tuplehash[!rw->dir].tuple;

	rw_hostport(rw, &v->sent_by, SIPALG_OWN_ADDR);
	/* received/rport name where the next hop saw us: on the way back
	 * in they carry the public address and port (RFC 3581 §4)
	 */
	rw_addr(rw, v->received, &v->received_addr, false);
	if (v->rport.len && htons(v->rport_num) == t->dst.u.all &&
	    t->dst.u.all != r->src.u.all)
		rw_port(rw, v->rport, r->src.u.all);
	if (v->flags & SIPALG_VIA_MADDR)
		rw_addr(rw, v->maddr, &v->maddr_addr, false);
}

/*
 * An SDP address: only the sender's own (RFC 4566 c=/o= name where the
 * sender wants media).  An SDP arriving from outside that names our
 * public address names another mapping (a phone behind this NAT whose
 * SDP the far end relayed: hairpin), not the receiver: it stays.
 */
static void rw_sdp_addr(struct rw *rw, struct sipalg_span sp,
			const struct sipalg_addr *sa)
{
	const struct nf_conntrack_tuple *t = &rw->ct->tuplehash[rw->dir].tuple;
	union nf_inet_addr a;

	if (sp.len && sipalg_to_inet(rw->ct, sa, &a) &&
	    nf_inet_addr_cmp(&a, &t->src.u3))
		rw_addr(rw, sp, sa, false);
}

/*
 * The address a Call-ID carries (RFC 3261 §8.1.1.4: "localid@host"), in
 * the Call-ID header and wherever a dialog is named by it (Replaces, Join,
 * Target-Dialog, the Replaces of a Refer-To URI).  A Call-ID is opaque
 * and matched byte for byte, so the map must be a bijection both ways on
 * every flow: a phone's own address leaves as the public one and the
 * public one comes back in as the phone's, in every header that carries
 * it, so that each end always sees its own spelling.  nat_map() maps the
 * sender's translated address one way and the receiver's the other, on
 * flows whose phone writes its private address only (sc->cid_map, see
 * sipalg_cid_mapped()), and only the spelling sipalg_format_addr() writes
 * (the parser's canonical check).  nf_conntrack_sipalg keys calls by the
 * public spelling.
 */
static void rw_cid(struct rw *rw, const struct sipalg_cid *id)
{
	union nf_inet_addr a, na;
	char text[48], out[64];
	unsigned int n, i, k;
	__be16 np;

	if (!rw->sc->cid_map || !id->host.len ||
	    !sipalg_to_inet(rw->ct, &id->addr, &a) ||
	    !nat_map(rw, &a, 0, true, SIPALG_OWN_NONE, &na, &np))
		return;
	n = fmt_addr(rw, &na, id->flags & SIPALG_CID_BRACKETS, text,
		     sizeof(text));
	if (!(id->flags & SIPALG_CID_ESCAPED)) {
		add_edit(rw, id->host.off, id->host.len, text, n);
		return;
	}
	/* escaped as a URI header value may always be (§25.1 hvalue) */
	for (i = 0, k = 0; i < n; i++) {
		if (text[i] == '[' || text[i] == ']' || text[i] == ':') {
			out[k++] = '%';
			out[k++] = hex_asc_upper_hi(text[i]);
			out[k++] = hex_asc_upper_lo(text[i]);
		} else {
			out[k++] = text[i];
		}
	}
	add_edit(rw, id->host.off, id->host.len, out, k);
}

static void rw_sdp(struct rw *rw)
{
	const struct sipalg_sdp *sdp = &rw->sc->sdp;
	unsigned int i;

	rw_sdp_addr(rw, sdp->origin, &sdp->origin_a);
	if (sdp->c.flags & SIPALG_CONN_PRESENT)
		rw_sdp_addr(rw, sdp->c.addr, &sdp->c.a);
	for (i = 0; i < sdp->nmedia; i++) {
		const struct sipalg_sdp_media *m = &sdp->m[i];
		struct sipalg_stream *s = sipalg_stream_find(rw->call, rw->dir, i);

		if (m->c.flags & SIPALG_CONN_PRESENT)
			rw_sdp_addr(rw, m->c.addr, &m->c.a);
		if (s && s->pub_port && s->pub_port != htons(m->port_num))
			rw_port(rw, m->port, s->pub_port);
		if (m->flags & SIPALG_SM_RTCP) {
			if (s && s->pub_rtcp_port &&
			    s->pub_rtcp_port != htons(m->rtcp_num))
				rw_port(rw, m->rtcp_port, s->pub_rtcp_port);
			if (m->flags & SIPALG_SM_RTCP_ADDR)
				rw_sdp_addr(rw, m->rtcp_addr, &m->rtcp_a);
		}
	}
}

static int edit_cmp(const void *a, const void *b)
{
	const struct sipalg_edit *x = a, *y = b;

	return (int)y->off - (int)x->off;	/* last first */
}

/*
 * The rewrites of one parsed message (sc->msg, sc->sdp) of direction dir
 * of ct, planned from the parser's spans: sc->edits, sorted last-first,
 * Content-Length included.  0, or -E2BIG (more than SIPALG_MAX_EDITS) or
 * -EINVAL (overlapping spans: a bug).  Pure: no skb, no side effect
 * beyond sc; KUnit tests it (kernel/tests/nat_kunit.c).
 */
int sipalg_nat_plan(const struct nf_conn *ct, enum ip_conntrack_dir dir,
		    struct sipalg_scratch *sc, bool have_sdp,
		    struct sipalg_call *call)
{
	const struct sipalg_msg *m = &sc->msg;
	struct rw rw = {
		.ct = ct,
		.dir = dir,
		.sc = sc,
		.call = call,
	};
	int body_delta = 0;
	unsigned int i;

	sc->nedits = 0;
	if (m->kind == SIPALG_REQUEST)
		rw_hostport(&rw, &m->ruri.hp, SIPALG_OWN_NONE);
	/* only the top Via is ours to translate: the others are proxies' */
	if (m->nvia)
		rw_via(&rw, &m->via[0]);
	for (i = 0; i < m->ncontact && i < SIPALG_MAX_CONTACT; i++)
		rw_hostport(&rw, &m->contact[i].uri.hp, SIPALG_OWN_FLOW);
	rw_hostport(&rw, &m->from.uri.hp, SIPALG_OWN_ADDR);
	rw_hostport(&rw, &m->to.uri.hp, SIPALG_OWN_ADDR);
	for (i = 0; i < m->nroute && i < SIPALG_MAX_ROUTE; i++)
		rw_hostport(&rw, &m->route[i].uri.hp, SIPALG_OWN_NONE);
	for (i = 0; i < m->nrr && i < SIPALG_MAX_ROUTE; i++)
		rw_hostport(&rw, &m->rr[i].uri.hp, SIPALG_OWN_NONE);
	if (READ_ONCE(callid_rewrite)) {
		rw_cid(&rw, &m->cid);
		for (i = 0; i < m->ncidref && i < SIPALG_MAX_CIDREF; i++)
			rw_cid(&rw, &m->cidref[i]);
	}
	if (have_sdp)
		rw_sdp(&rw);
	if (rw.overflow)
		return -E2BIG;
	if (!sc->nedits)
		return 0;

	/* RFC 3261 §20.14: Content-Length is the body's real length */
	for (i = 0; i < sc->nedits; i++)
		if (sc->edits[i].off >= m->body.off)
			body_delta += sc->edits[i].nlen - sc->edits[i].len;
	if (body_delta && m->content_length.len) {
		char text[12];

		add_edit(&rw, m->content_length.off, m->content_length.len,
			 text, snprintf(text, sizeof(text), "%u",
					m->body.len + body_delta));
		if (rw.overflow)
			return -E2BIG;
	}
	sort(sc->edits, sc->nedits, sizeof(sc->edits[0]), edit_cmp, NULL);
	/* edits come from distinct spans; overlap means a bug */
	for (i = 1; i < sc->nedits; i++)
		if (sc->edits[i].off + sc->edits[i].len > sc->edits[i - 1].off)
			return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_nat_plan);

/*
 * Append the message data[0..sc->msg.len) with the planned edits applied
 * to out, never shorter than it was: what the edits take away is put back
 * as spaces in front of the Content-Length value, where RFC 3261 §7.3.1
 * allows any amount of whitespace (HCOLON, SWS).  A message of a TCP
 * region needs that: its bytes keep the sender's sequence numbers, and
 * the region must still fill each of its segments (see design.md "TCP").
 * Returns the change of its length (>= 0), or -ENOSPC when out is full,
 * -EINVAL without a Content-Length (a stream message has one).  Pure;
 * KUnit tests it.
 */
int sipalg_nat_write(const struct sipalg_scratch *sc, const char *data,
		     struct sipalg_out *out)
{
	const struct sipalg_msg *m = &sc->msg;
	unsigned int i, pos = 0, pad = 0, cl = m->content_length.off;
	int delta = 0;
	char *o;

	for (i = 0; i < sc->nedits; i++)
		delta += sc->edits[i].nlen - sc->edits[i].len;
	if (delta < 0) {
		if (!m->content_length.len)
			return -EINVAL;
		pad = -delta;
	}
	if (out->size - out->len < m->len + delta + pad)
		return -ENOSPC;
	o = out->buf + out->len;
	/* the edits are sorted last first */
	for (i = sc->nedits;; i--) {
		const struct sipalg_edit *e = i ? &sc->edits[i - 1] : NULL;
		unsigned int to = e ? e->off : m->len;

		if (pad && cl >= pos && cl <= to) {
			memcpy(o, data + pos, cl - pos);
			o += cl - pos;
			pos = cl;
			memset(o, ' ', pad);
			o += pad;
			pad = 0;
		}
		memcpy(o, data + pos, to - pos);
		o += to - pos;
		if (!e)
			break;
		memcpy(o, e->text, e->nlen);
		o += e->nlen;
		pos = e->off + e->len;
	}
	delta = o - (out->buf + out->len) - m->len;
	out->len = o - out->buf;
	return delta;
}
EXPORT_SYMBOL_SIPALG_KUNIT(sipalg_nat_write);

static unsigned int nat_msg(struct sk_buff *skb, unsigned int protoff,
			    unsigned int dataoff, unsigned int msgoff,
			    struct nf_conn *ct, enum ip_conntrack_info ctinfo,
			    struct sipalg_scratch *sc, bool have_sdp,
			    struct sipalg_call *call, const char *data,
			    struct sipalg_out *out, int *delta)
{
	bool tcp = nf_ct_protonum(ct) == IPPROTO_TCP;
	unsigned int i;
	int err;

	*delta = 0;
	err = sipalg_nat_plan(ct, CTINFO2DIR(ctinfo), sc, have_sdp, call);
	if (err) {
		nf_ct_helper_log(skb, ct, err == -E2BIG ?
				 "sipalg: too many rewrites" :
				 "sipalg: overlapping rewrite");
		return NF_DROP;
	}
	if (out) {
		err = sipalg_nat_write(sc, data, out);
		if (err < 0) {
			nf_ct_helper_log(skb, ct, "sipalg: split message too long to rewrite");
			return NF_DROP;
		}
		*delta = err;
		return NF_ACCEPT;
	}
	for (i = 0; i < sc->nedits; i++) {
		const struct sipalg_edit *e = &sc->edits[i];
		unsigned int off = msgoff + e->off;
		bool ok;

		/* TCP: the sequence adjustment is recorded once per segment,
		 * with the sum of all changes, by the conntrack module:
		 * nf_ct_seqadj_set() keeps only the first offset it is given
		 * for one sequence number
		 */
		if (tcp)
			ok = __nf_nat_mangle_tcp_packet(skb, ct, ctinfo, protoff,
							off, e->len, e->text,
							e->nlen, false);
		else
			ok = nf_nat_mangle_udp_packet(skb, ct, ctinfo, protoff,
						      off, e->len, e->text,
						      e->nlen);
		if (!ok) {
			/* the earlier splices are in the packet: drop it */
			nf_ct_helper_log(skb, ct, "sipalg: cannot rewrite");
			return NF_DROP;
		}
		*delta += e->nlen - e->len;
	}
	return NF_ACCEPT;
}

static bool nat_splice(struct sk_buff *skb, unsigned int protoff,
		       struct nf_conn *ct, enum ip_conntrack_info ctinfo,
		       unsigned int off, unsigned int len, const char *rep,
		       unsigned int replen)
{
	return __nf_nat_mangle_tcp_packet(skb, ct, ctinfo, protoff, off, len,
					  rep, replen, false);
}

/*
 * Hairpin: the SDP of the far end names our own public address: it
 * relayed the SDP of another phone behind this NAT (two phones calling
 * each other through an outside server).  Media from this side's private
 * end to it must go where the far end's media would: DNATed to the private
 * endpoint of the pinhole that owns that public address and port, found
 * in the expectation table as the far end would match it.
 */
static bool hairpin(struct nf_conn *ct, enum ip_conntrack_dir dir,
		    struct nf_conntrack_expect *exp)
{
	const struct nf_conntrack_tuple *t = &ct->tuplehash[dir].tuple;
	struct nf_conntrack_tuple tuple = {};
	struct nf_conntrack_expect *owner;
	bool found = false;

	if (!nf_inet_addr_cmp(&exp->tuple.dst.u3, &t->dst.u3) ||
	    nf_inet_addr_cmp(&t->dst.u3, &ct->tuplehash[!dir].tuple.src.u3))
		return false;
	tuple.src.l3num = nf_ct_l3num(ct);
	tuple.src.u3 = t->src.u3;
	tuple.dst.u3 = exp->tuple.dst.u3;
	tuple.dst.u.udp.port = exp->tuple.dst.u.udp.port;
	tuple.dst.protonum = IPPROTO_UDP;
	owner = nf_ct_expect_find_get(nf_ct_net(ct), nf_ct_zone(ct), &tuple);
	if (!owner)
		return false;
	if (owner->expectfn == exp->expectfn &&
	    !nf_inet_addr_cmp(&owner->saved_addr, &owner->tuple.dst.u3)) {
		exp->saved_addr = owner->saved_addr;
		exp->saved_proto = owner->saved_proto;
		exp->dir = dir;
		found = true;
	}
	nf_ct_expect_put(owner);
	return found;
}

/*
 * A pinhole of a NATed call.  Toward the private side: move it to the
 * public address and a free public port (RTCP next to its RTP when it was
 * so announced), remember the private endpoint for the DNAT.  Toward the
 * far side: remember the public port the private end announced for the
 * same m= line, for the SNAT of its media.
 */
static int nat_pinhole(struct nf_conn *ct, enum ip_conntrack_dir dir,
		       struct nf_conntrack_expect *exp,
		       struct sipalg_call *call, unsigned int index,
		       __be16 *pub)
{
	const struct nf_conntrack_tuple *t = &ct->tuplehash[dir].tuple;
	struct sipalg_stream *s = sipalg_stream_find(call, dir, index);
	struct sipalg_stream *peer = sipalg_stream_find(call, !dir, index);
	u16 port, want;
	int ret, i;

	/* media toward the sender of this SDP, and the sender is behind
	 * the NAT (the other side knows it under another address)?
	 */
	if (!nf_inet_addr_cmp(&exp->tuple.dst.u3, &t->src.u3) ||
	    nf_inet_addr_cmp(&t->src.u3, &ct->tuplehash[!dir].tuple.dst.u3)) {
		if (hairpin(ct, dir, exp))
			return nf_ct_expect_related(exp, 0);
		exp->saved_addr = exp->tuple.dst.u3;	/* no DNAT */
		exp->saved_proto.udp.port = 0;
		if (peer && s)
			exp->saved_proto.udp.port =
				exp->tuple.dst.u.udp.port == s->rtcp_port ?
				peer->pub_rtcp_port : peer->pub_port;
		exp->dir = dir;
		return nf_ct_expect_related(exp, 0);
	}

	exp->saved_addr = exp->tuple.dst.u3;
	exp->saved_proto.udp.port = exp->tuple.dst.u.udp.port;
	exp->dir = !dir;
	exp->tuple.dst.u3 = ct->tuplehash[!dir].tuple.dst.u3;
	want = ntohs(exp->tuple.dst.u.udp.port);
	if (s && s->pub_port && exp->tuple.dst.u.udp.port == s->rtcp_port)
		want = ntohs(s->pub_port) + ntohs(s->rtcp_port) - ntohs(s->port);

	for (i = 0, port = want; i < PORT_TRIES; i++, port += 2) {
		if (port < 1024)
			port = 1024 + (want & 1);
		exp->tuple.dst.u.udp.port = htons(port);
		ret = nf_ct_expect_related(exp, 0);
		if (ret == 0) {
			*pub = htons(port);
			break;
		}
		if (ret != -EBUSY)
			return ret;
	}
	if (ret)
		return ret;
	/* the far side's pinhole, if it came first, SNATs to this port
	 * (not a hairpin one: its saved port is where it DNATs to)
	 */
	if (peer && peer->rtp && exp->saved_proto.udp.port == s->port &&
	    nf_inet_addr_cmp(&peer->rtp->saved_addr, &peer->rtp->tuple.dst.u3))
		WRITE_ONCE(peer->rtp->saved_proto.udp.port, *pub);
	if (peer && peer->rtcp && exp->saved_proto.udp.port == s->rtcp_port &&
	    nf_inet_addr_cmp(&peer->rtcp->saved_addr, &peer->rtcp->tuple.dst.u3))
		WRITE_ONCE(peer->rtcp->saved_proto.udp.port, *pub);
	return 0;
}

/*
 * "sipalg-rtp": media of a private end that sends from another port than
 * the one its SDP announced (many phones do).  Its flow cannot be SNATed
 * to the announced public port: the far end's media to that port is a
 * flow of its own (the pinhole's, DNATed to the announced private port)
 * whose tuple the SNATed flow's reply would duplicate, and the core drops
 * such a clash.  So the flow leaves from any public port (SNAT of the
 * address only) and this helper, run after NAT (nf_confirm), sets the
 * source port of each of its packets to the announced public one: the far
 * end sees media from exactly where the SDP said, and its symmetric RTP
 * goes back into the pinhole's flow, to the announced port.
 */
struct sipalg_rtp_data {
	__be16 port;		/* public source port to show */
};

static int sipalg_rtp_help(struct sk_buff *skb, unsigned int protoff,
			   struct nf_conn *ct, enum ip_conntrack_info ctinfo)
{
	const struct sipalg_rtp_data *d = nfct_help_data(ct);
	struct udphdr *uh;

	if (CTINFO2DIR(ctinfo) != IP_CT_DIR_ORIGINAL || !d->port)
		return NF_ACCEPT;
	if (skb_ensure_writable(skb, protoff + sizeof(*uh)))
		return NF_DROP;
	uh = (struct udphdr *)(skb_network_header(skb) + protoff);
	if (uh->source == d->port)
		return NF_ACCEPT;
	/* the ports are not in the pseudo header: nothing to do for
	 * CHECKSUM_PARTIAL; an IPv4 UDP checksum of 0 means none
	 */
	if (uh->check || nf_ct_l3num(ct) == NFPROTO_IPV6) {
		inet_proto_csum_replace2(&uh->check, skb, uh->source, d->port,
					 false);
		if (!uh->check)
			uh->check = CSUM_MANGLED_0;
	}
	uh->source = d->port;
	return NF_ACCEPT;
}

static const struct nf_conntrack_expect_policy sipalg_rtp_policy = {
	.name = "rtp",
};

static struct nf_conntrack_helper sipalg_rtp_helpers[2];

static void nat_expected(struct nf_conn *ct, struct nf_conntrack_expect *exp,
			 __be16 priv)
{
	struct nf_conn *master = ct->master;
	struct nf_nat_range2 range = {};
	struct sipalg_rtp_data *d;
	struct nf_conn_help *help;
	__be16 pub;

	static const union nf_inet_addr none;

	/* a pinhole made without NAT (module loaded later, or no NAT) */
	if (!master || !(master->status & IPS_NAT_MASK) ||
	    nf_inet_addr_cmp(&exp->saved_addr, &none))
		return;
	if (!nf_inet_addr_cmp(&exp->saved_addr, &exp->tuple.dst.u3)) {
		/* toward the private end */
		range.flags = NF_NAT_RANGE_MAP_IPS | NF_NAT_RANGE_PROTO_SPECIFIED;
		range.min_addr = exp->saved_addr;
		range.max_addr = exp->saved_addr;
		range.min_proto = exp->saved_proto;
		range.max_proto = exp->saved_proto;
		nf_nat_setup_info(ct, &range, NF_NAT_MANIP_DST);
		return;
	}
	/* from the private end: leave from the announced public port */
	if (!nf_inet_addr_cmp(&ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple.src.u3,
			      &master->tuplehash[!exp->dir].tuple.src.u3))
		return;
	range.flags = NF_NAT_RANGE_MAP_IPS;
	range.min_addr = master->tuplehash[exp->dir].tuple.dst.u3;
	range.max_addr = range.min_addr;
	pub = READ_ONCE(exp->saved_proto.udp.port);
	if (pub && priv &&
	    ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple.src.u.udp.port != priv) {
		/* another source port than announced: see sipalg_rtp_help() */
		help = nf_ct_helper_ext_add(ct, GFP_ATOMIC);
		if (help) {
			d = nfct_help_data(ct);
			d->port = pub;
			rcu_assign_pointer(help->helper,
					   &sipalg_rtp_helpers[nf_ct_l3num(ct) ==
							       NFPROTO_IPV6]);
		}
	} else if (pub) {
		range.flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
		range.min_proto.udp.port = pub;
		range.max_proto = range.min_proto;
	}
	nf_nat_setup_info(ct, &range, NF_NAT_MANIP_SRC);
}

static const struct sipalg_nat_hooks nat_hooks = {
	.msg		= nat_msg,
	.splice		= nat_splice,
	.pinhole	= nat_pinhole,
	.expected	= nat_expected,
};

static int __init nf_nat_sipalg_init(void)
{
	int ret;

	if (rcu_access_pointer(sipalg_nat_hooks))
		return -EBUSY;
	/*
	 * Attached only by nat_expected(), to media flows.  The tuple's port
	 * means nothing then, but the core refuses two helpers with the same
	 * tuple, and "sipalg" has port 0: this one takes port 1 (no helper
	 * in the tree uses it).
	 */
	nf_ct_helper_init(&sipalg_rtp_helpers[0], AF_INET, IPPROTO_UDP,
			  "sipalg-rtp", 1, 1, 0, &sipalg_rtp_policy, 0,
			  sipalg_rtp_help, NULL, THIS_MODULE);
	nf_ct_helper_init(&sipalg_rtp_helpers[1], AF_INET6, IPPROTO_UDP,
			  "sipalg-rtp", 1, 1, 0, &sipalg_rtp_policy, 0,
			  sipalg_rtp_help, NULL, THIS_MODULE);
	sipalg_rtp_helpers[0].data_len = sizeof(struct sipalg_rtp_data);
	sipalg_rtp_helpers[1].data_len = sizeof(struct sipalg_rtp_data);
	ret = nf_conntrack_helpers_register(sipalg_rtp_helpers,
					    ARRAY_SIZE(sipalg_rtp_helpers));
	if (ret)
		return ret;
	rcu_assign_pointer(sipalg_nat_hooks, &nat_hooks);
	return 0;
}

static void __exit nf_nat_sipalg_exit(void)
{
	RCU_INIT_POINTER(sipalg_nat_hooks, NULL);
	/* no CPU is still inside one of our hooks after this */
	synchronize_rcu();
	/* detaches sipalg-rtp from the media flows that have it */
	nf_conntrack_helpers_unregister(sipalg_rtp_helpers,
					ARRAY_SIZE(sipalg_rtp_helpers));
}

module_init(nf_nat_sipalg_init);
module_exit(nf_nat_sipalg_exit);
