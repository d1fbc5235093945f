// SPDX-License-Identifier: GPL-2.0
/*
 * Checks one shared test vector against the parser.  Built into the KUnit
 * module and into the userspace tests; like the parser it touches nothing
 * but the buffers it is given.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#else
#include <stdio.h>
#endif

#include "vec.h"

struct key {
	const char *name;	/* e.g. "via" */
	u32 name_len;
	int index;		/* -1 when no [n] */
	const char *field;	/* after '.', or "" */
	u32 field_len;
};

struct val {
	const char *s;		/* text */
	u32 len;
	bool has_span;
	struct sipalg_span span;
};

static bool eq(const char *p, u32 n, const char *lit)
{
	return n == strlen(lit) && !memcmp(p, lit, n);
}

static bool F(const struct key *k, const char *lit)
{
	return eq(k->field, k->field_len, lit);
}

static bool N(const struct key *k, const char *lit)
{
	return eq(k->name, k->name_len, lit);
}

static void v_span(struct val *v, const char *buf, struct sipalg_span s)
{
	v->s = buf + s.off;
	v->len = s.len;
	v->has_span = true;
	v->span = s;
}

static void v_num(struct val *v, struct sipalg_vec_work *w, u32 n)
{
	v->len = (u32)snprintf(w->val, sizeof(w->val), "%u", n);
	v->s = w->val;
}

static void v_str(struct val *v, const char *s)
{
	v->s = s;
	v->len = (u32)strlen(s);
}

static bool get_hostport(struct val *v, struct sipalg_vec_work *w,
			 const char *buf, const struct key *k,
			 const struct sipalg_hostport *hp)
{
	if (F(k, "host"))
		v_span(v, buf, hp->host);
	else if (F(k, "port") && hp->port.len)
		v_span(v, buf, hp->port);
	else if (F(k, "port"))
		v_str(v, "");
	else if (F(k, "af"))
		v_num(v, w, hp->addr.family);
	else
		return false;
	return true;
}

static bool get_uri(struct val *v, struct sipalg_vec_work *w, const char *buf,
		    const struct key *k, const struct sipalg_uri *u)
{
	if (F(k, "uri") || F(k, ""))
		v_span(v, buf, u->span);
	else if (F(k, "user"))
		v_span(v, buf, u->user);
	else if (F(k, "params"))
		v_span(v, buf, u->params);
	else if (F(k, "maddr"))
		v_span(v, buf, u->maddr);
	else if (F(k, "scheme"))
		v_num(v, w, u->scheme);
	else if (F(k, "transport"))
		v_num(v, w, u->transport);
	else
		return get_hostport(v, w, buf, k, &u->hp);
	return true;
}

static bool get_naddr(struct val *v, struct sipalg_vec_work *w,
		      const char *buf, const struct key *k,
		      const struct sipalg_naddr *na)
{
	if (F(k, "value"))
		v_span(v, buf, na->value);
	else if (F(k, "display"))
		v_span(v, buf, na->display);
	else if (F(k, "tag"))
		v_span(v, buf, na->tag);
	else if (F(k, "expires"))
		v_span(v, buf, na->expires);
	else if (F(k, "expires_val"))
		v_num(v, w, na->expires_val);
	else if (F(k, "flags"))
		v_num(v, w, na->flags);
	else
		return get_uri(v, w, buf, k, &na->uri);
	return true;
}

static bool get_via(struct val *v, struct sipalg_vec_work *w, const char *buf,
		    const struct key *k, const struct sipalg_via *via)
{
	if (F(k, "value"))
		v_span(v, buf, via->value);
	else if (F(k, "transport"))
		v_span(v, buf, via->transport);
	else if (F(k, "proto"))
		v_num(v, w, via->proto);
	else if (F(k, "branch"))
		v_span(v, buf, via->branch);
	else if (F(k, "received"))
		v_span(v, buf, via->received);
	else if (F(k, "rport"))
		v_span(v, buf, via->rport);
	else if (F(k, "maddr"))
		v_span(v, buf, via->maddr);
	else if (F(k, "flags"))
		v_num(v, w, via->flags);
	else
		return get_hostport(v, w, buf, k, &via->sent_by);
	return true;
}

static bool get_conn(struct val *v, struct sipalg_vec_work *w,
		     const char *buf, const struct key *k,
		     const struct sipalg_sdp_conn *c)
{
	if (!c) {
		v_str(v, "");
		return true;
	}
	if (F(k, "c") || F(k, "conn"))
		v_span(v, buf, c->addr);
	else if (F(k, "c.ttl") || F(k, "conn.ttl"))
		v_num(v, w, c->ttl);
	else if (F(k, "c.count") || F(k, "conn.count"))
		v_num(v, w, c->count);
	else if (F(k, "c.af") || F(k, "conn.af"))
		v_num(v, w, c->a.family);
	else
		return false;
	return true;
}

static bool get_media(struct val *v, struct sipalg_vec_work *w,
		      const char *buf, const struct key *k, unsigned int i)
{
	const struct sipalg_sdp *sdp = &w->sdp;
	const struct sipalg_sdp_media *m = &sdp->m[i];

	if (F(k, "type"))
		v_span(v, buf, m->type);
	else if (F(k, "type_id"))
		v_num(v, w, m->type_id);
	else if (F(k, "port"))
		v_span(v, buf, m->port);
	else if (F(k, "count"))
		v_num(v, w, m->count);
	else if (F(k, "proto"))
		v_span(v, buf, m->proto);
	else if (F(k, "line"))
		v_span(v, buf, m->line);
	else if (F(k, "section"))
		v_span(v, buf, m->section);
	else if (F(k, "rtcp"))
		v_span(v, buf, m->rtcp_port);
	else if (F(k, "rtcp_addr"))
		v_span(v, buf, m->rtcp_addr);
	else if (F(k, "mux"))
		v_num(v, w, !!(m->flags & SIPALG_SM_RTCP_MUX));
	else if (F(k, "rtp"))
		v_num(v, w, !!(m->flags & SIPALG_SM_RTP));
	else if (F(k, "dir"))
		v_str(v, sipalg_direction_name(sipalg_sdp_media_dir(sdp, i)));
	else if (F(k, "ncand"))
		v_num(v, w, m->ncand);
	else if (k->field_len >= 4 && !memcmp(k->field, "conn", 4))
		return get_conn(v, w, buf, k, sipalg_sdp_media_conn(sdp, i));
	else if (k->field_len >= 1 && k->field[0] == 'c')
		return get_conn(v, w, buf, k,
				(m->c.flags & SIPALG_CONN_PRESENT) ? &m->c :
				NULL);
	else
		return false;
	return true;
}

static bool get_cand(struct val *v, struct sipalg_vec_work *w,
		     const char *buf, const struct key *k,
		     const struct sipalg_sdp_cand *c)
{
	if (F(k, "addr"))
		v_span(v, buf, c->addr);
	else if (F(k, "port"))
		v_span(v, buf, c->port);
	else if (F(k, "raddr"))
		v_span(v, buf, c->raddr);
	else if (F(k, "rport"))
		v_span(v, buf, c->rport);
	else if (F(k, "typ"))
		v_num(v, w, c->typ);
	else if (F(k, "component"))
		v_num(v, w, c->component);
	else if (F(k, "media"))
		v_num(v, w, c->media);
	else if (F(k, "af"))
		v_num(v, w, c->a.family);
	else
		return false;
	return true;
}

static bool get_cid(struct val *v, struct sipalg_vec_work *w,
		    const char *buf, const struct key *k,
		    const struct sipalg_cid *id)
{
	if (F(k, "host"))
		v_span(v, buf, id->host);
	else if (F(k, "family"))
		v_num(v, w, id->addr.family);
	else if (F(k, "flags"))
		v_num(v, w, id->flags);
	else
		return false;
	return true;
}

static bool bounded(const struct key *k, unsigned int n, unsigned int max)
{
	return k->index >= 0 && (unsigned int)k->index < n &&
	       (unsigned int)k->index < max;
}

static const struct {
	const char *name;
	u16 bit;
} msg_flags[] = {
	{ "clen_present", SIPALG_MF_CLEN },
	{ "star", SIPALG_MF_STAR },
	{ "via_trunc", SIPALG_MF_VIA_TRUNC },
	{ "contact_trunc", SIPALG_MF_CONTACT_TRUNC },
	{ "lf_only", SIPALG_MF_LF_ONLY },
	{ "excess", SIPALG_MF_EXCESS },
	{ "sdp_guessed", SIPALG_MF_SDP_GUESSED },
	{ "folded", SIPALG_MF_FOLDED },
	{ "cidref_trunc", SIPALG_MF_CIDREF_TRUNC },
};

/* Resolves a key; false when the key is unknown or out of range. */
static bool get(struct val *v, struct sipalg_vec_work *w, const char *buf,
		const struct key *k)
{
	const struct sipalg_msg *m = &w->msg;
	const struct sipalg_sdp *sdp = &w->sdp;
	unsigned int i;

	memset(v, 0, sizeof(*v));
	if (N(k, "via"))
		return bounded(k, m->nvia, SIPALG_MAX_VIA) &&
		       get_via(v, w, buf, k, &m->via[k->index]);
	if (N(k, "contact"))
		return bounded(k, m->ncontact, SIPALG_MAX_CONTACT) &&
		       get_naddr(v, w, buf, k, &m->contact[k->index]);
	if (N(k, "route"))
		return bounded(k, m->nroute, SIPALG_MAX_ROUTE) &&
		       get_naddr(v, w, buf, k, &m->route[k->index]);
	if (N(k, "rr"))
		return bounded(k, m->nrr, SIPALG_MAX_ROUTE) &&
		       get_naddr(v, w, buf, k, &m->rr[k->index]);
	if (N(k, "from"))
		return get_naddr(v, w, buf, k, &m->from);
	if (N(k, "to"))
		return get_naddr(v, w, buf, k, &m->to);
	if (N(k, "ruri"))
		return get_uri(v, w, buf, k, &m->ruri);
	if (N(k, "m"))
		return bounded(k, sdp->nmedia, SIPALG_MAX_MEDIA) &&
		       get_media(v, w, buf, k, k->index);
	if (N(k, "cand"))
		return bounded(k, sdp->ncand, SIPALG_MAX_CAND) &&
		       get_cand(v, w, buf, k, &sdp->cand[k->index]);
	if (N(k, "cid"))
		return k->index < 0 && get_cid(v, w, buf, k, &m->cid);
	if (N(k, "cidref"))
		return bounded(k, m->ncidref, SIPALG_MAX_CIDREF) &&
		       get_cid(v, w, buf, k, &m->cidref[k->index]);
	if (k->index >= 0 || k->field_len)
		goto sdp_level;

	if (N(k, "kind"))
		v_str(v, m->kind == SIPALG_REQUEST ? "request" :
		      m->kind == SIPALG_RESPONSE ? "response" : "");
	else if (N(k, "method"))
		v_span(v, buf, m->method_span);
	else if (N(k, "method_id"))
		v_num(v, w, m->method);
	else if (N(k, "status"))
		v_num(v, w, m->status);
	else if (N(k, "reason"))
		v_span(v, buf, m->reason);
	else if (N(k, "call_id"))
		v_span(v, buf, m->call_id);
	else if (N(k, "cseq"))
		v_num(v, w, m->cseq);
	else if (N(k, "cseq_method"))
		v_span(v, buf, m->cseq_method_span);
	else if (N(k, "clen"))
		v_span(v, buf, m->content_length);
	else if (N(k, "ctype"))
		v_span(v, buf, m->content_type);
	else if (N(k, "body"))
		v_span(v, buf, m->body);
	else if (N(k, "body_len"))
		v_num(v, w, m->body.len);
	else if (N(k, "body_type"))
		v_num(v, w, m->body_type);
	else if (N(k, "sdp"))
		v_span(v, buf, m->sdp);
	else if (N(k, "len"))
		v_num(v, w, m->len);
	else if (N(k, "hdr_end"))
		v_num(v, w, m->hdr_end);
	else if (N(k, "expires"))
		v_num(v, w, m->expires);
	else if (N(k, "max_forwards"))
		v_num(v, w, m->max_forwards);
	else if (N(k, "nvia"))
		v_num(v, w, m->nvia);
	else if (N(k, "ncontact"))
		v_num(v, w, m->ncontact);
	else if (N(k, "nroute"))
		v_num(v, w, m->nroute);
	else if (N(k, "nrr"))
		v_num(v, w, m->nrr);
	else if (N(k, "ncidref"))
		v_num(v, w, m->ncidref);
	else if (N(k, "nheaders"))
		v_num(v, w, m->nheaders);
	else
		goto flags;
	return true;

flags:
	for (i = 0; i < ARRAY_SIZE(msg_flags); i++) {
		if (eq(k->name, k->name_len, "") ||
		    strlen(msg_flags[i].name) != k->name_len ||
		    memcmp(msg_flags[i].name, k->name, k->name_len))
			continue;
		v_num(v, w, !!(m->flags & msg_flags[i].bit));
		return true;
	}
sdp_level:
	if (!N(k, "sdp") || k->index >= 0)
		return false;
	if (F(k, "origin"))
		v_span(v, buf, sdp->origin);
	else if (F(k, "origin.af"))
		v_num(v, w, sdp->origin_a.family);
	else if (F(k, "nmedia"))
		v_num(v, w, sdp->nmedia);
	else if (F(k, "ncand"))
		v_num(v, w, sdp->ncand);
	else if (F(k, "dir"))
		v_str(v, sipalg_direction_name(sdp->dir));
	else if (F(k, "lf_only"))
		v_num(v, w, !!(sdp->flags & SIPALG_SDP_LF_ONLY));
	else if (F(k, "media_trunc"))
		v_num(v, w, !!(sdp->flags & SIPALG_SDP_MEDIA_TRUNC));
	else if (F(k, "cand_trunc"))
		v_num(v, w, !!(sdp->flags & SIPALG_SDP_CAND_TRUNC));
	else
		return get_conn(v, w, buf, k,
				(sdp->c.flags & SIPALG_CONN_PRESENT) ? &sdp->c :
				NULL);
	return true;
}

static bool parse_key(const char *p, const char *end, struct key *k)
{
	const char *q = p;

	memset(k, 0, sizeof(*k));
	k->index = -1;
	while (q < end && *q != '[' && *q != '.')
		q++;
	k->name = p;
	k->name_len = (u32)(q - p);
	if (q < end && *q == '[') {
		k->index = 0;
		for (q++; q < end && *q >= '0' && *q <= '9'; q++)
			k->index = k->index * 10 + (*q - '0');
		if (q >= end || *q != ']')
			return false;
		q++;
	}
	if (q < end) {
		if (*q != '.')
			return false;
		q++;
	}
	k->field = q;
	k->field_len = (u32)(end - q);
	return true;
}

static u32 parse_u32(const char **pp, const char *end)
{
	u32 v = 0;

	while (*pp < end && **pp >= '0' && **pp <= '9')
		v = v * 10 + (u32)(*(*pp)++ - '0');
	return v;
}

/* One expectation line; 0 or -1 with why set. */
static int check_line(const struct sipalg_vec *vec, struct sipalg_vec_work *w,
		      const char *line, const char *end, char *why, u32 whylen)
{
	const char *op = line;
	struct val v;
	struct key k;

	while (op < end && *op != '=' && *op != '@')
		op++;
	if (op == end || !parse_key(line, op, &k)) {
		snprintf(why, whylen, "bad expectation '%.*s'",
			 (int)(end - line), line);
		return -1;
	}
	if (!get(&v, w, vec->in, &k)) {
		snprintf(why, whylen, "no value for '%.*s'",
			 (int)(op - line), line);
		return -1;
	}
	if (*op == '@') {
		const char *q = op + 1;
		u32 off, len;

		off = parse_u32(&q, end);
		if (q >= end || *q != '+') {
			snprintf(why, whylen, "bad span in '%.*s'",
				 (int)(end - line), line);
			return -1;
		}
		q++;
		len = parse_u32(&q, end);
		if (!v.has_span || v.span.off != off || v.span.len != len) {
			snprintf(why, whylen, "%.*s: span %u+%u, want %u+%u",
				 (int)(op - line), line, v.span.off,
				 v.span.len, off, len);
			return -1;
		}
		return 0;
	}
	op++;
	if (v.len != (u32)(end - op) || memcmp(v.s, op, v.len)) {
		snprintf(why, whylen, "%.*s: got '%.*s', want '%.*s'",
			 (int)(op - 1 - line), line, (int)v.len, v.s,
			 (int)(end - op), op);
		return -1;
	}
	return 0;
}

int sipalg_vec_check(const struct sipalg_vec *v, struct sipalg_vec_work *w,
		     char *why, u32 whylen)
{
	const char *p, *nl;
	int err, serr = SIPALG_OK;

	memset(&w->sdp, 0, sizeof(w->sdp));
	err = sipalg_parse_msg(v->in, v->len,
			       (v->flags & VEC_STREAM) ? SIPALG_PF_STREAM : 0,
			       &w->msg);
	if (err != v->err) {
		snprintf(why, whylen, "parse: got %s, want %s",
			 sipalg_strerror(err), sipalg_strerror(v->err));
		return -1;
	}
	if (err == SIPALG_OK && w->msg.sdp.len)
		serr = sipalg_parse_sdp(v->in, w->msg.sdp, &w->sdp);
	if (serr != v->sdp_err) {
		snprintf(why, whylen, "sdp: got %s, want %s",
			 sipalg_strerror(serr), sipalg_strerror(v->sdp_err));
		return -1;
	}
	for (p = v->expect; p && *p; p = nl + (*nl == '\n')) {
		nl = p;
		while (*nl && *nl != '\n')
			nl++;
		if (nl == p)
			continue;
		if (check_line(v, w, p, nl, why, whylen))
			return -1;
	}
	return 0;
}
