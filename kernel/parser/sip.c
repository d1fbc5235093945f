// SPDX-License-Identifier: GPL-2.0
/*
 * SIP message parser (RFC 3261 §7, §19, §20, §25), single pass.
 *
 * The start line is decoded, then the header section is walked once, line
 * by logical line; each header the ALG cares about is decoded where it is
 * met and the spans of its rewritable parts are recorded.  After the empty
 * line the body is framed (RFC 3261 §18.3) and, for application/sdp or a
 * multipart body holding one (RFC 5621), the SDP part is located.
 *
 * Tolerated, in the spirit of RFC 3261 §7 and RFC 4475 §3.1.1:
 *  - bare LF line ends (flagged SIPALG_MF_LF_ONLY);
 *  - LWS and line folding anywhere LWS is allowed, and around ':' in
 *    header names and sent-by (RFC 4475 §3.1.1.1);
 *  - several spaces between the parts of the start line;
 *  - a missing Content-Length over a datagram transport: the body is the
 *    rest of the datagram (RFC 3261 §18.3, §20.14);
 *  - bytes past Content-Length in a datagram are ignored (§18.3);
 *  - leading CRLFs before the start line (§7.5), and a message of CRLFs
 *    only is an RFC 5626 §3.5.1 keep-alive;
 *  - a display name of unquoted non-token characters (UTF-8 seen in the
 *    wild), up to the '<';
 *  - a missing Content-Type on a body that starts with "v=0" is taken as
 *    SDP (flagged SIPALG_MF_SDP_GUESSED).
 * Refused: NUL in the start line, a single-valued header given twice
 * (RFC 3261 §7.3.1, RFC 4475 §3.1.2.19), a CSeq method that differs from
 * the request method (§8.1.1.5), a missing Via, From, To, Call-ID or CSeq
 * (§8.1.1), a Content-Length larger than the datagram (§18.3).
 */
#include "lex.h"

enum hdr_id {
	H_OTHER,
	H_VIA,
	H_CONTACT,
	H_FROM,
	H_TO,
	H_CALL_ID,
	H_CSEQ,
	H_CLEN,
	H_CTYPE,
	H_EXPIRES,
	H_MAXFWD,
	H_ROUTE,
	H_RR,
	H_REPLACES,
	H_JOIN,
	H_IN_REPLY_TO,
	H_TARGET_DIALOG,
	H_REFER_TO,
	/* recognised (compact forms, §7.3.3) but not decoded */
	H_CENC,
	H_SUBJECT,
	H_SUPPORTED,
	H_EVENT,
	H_ALLOW_EVENTS,
	H_REFERRED_BY,
	H_SESSION_EXPIRES,
	H_IDENTITY,
	H_ACCEPT_CONTACT,
	H_REJECT_CONTACT,
	H_REQUEST_DISP,
};

struct hdr_name {
	const char *name;	/* lower case */
	u8 len;
	char compact;		/* RFC 3261 §7.3.3 and later RFCs, or 0 */
	u8 id;
};

static const struct hdr_name hdr_names[] = {
	{ "via",		 3, 'v', H_VIA },
	{ "contact",		 7, 'm', H_CONTACT },
	{ "from",		 4, 'f', H_FROM },
	{ "to",			 2, 't', H_TO },
	{ "call-id",		 7, 'i', H_CALL_ID },
	{ "cseq",		 4,  0,  H_CSEQ },
	{ "content-length",	14, 'l', H_CLEN },
	{ "content-type",	12, 'c', H_CTYPE },
	{ "expires",		 7,  0,  H_EXPIRES },
	{ "max-forwards",	12,  0,  H_MAXFWD },
	{ "route",		 5,  0,  H_ROUTE },
	{ "record-route",	12,  0,  H_RR },
	{ "replaces",		 8,  0,  H_REPLACES },		/* RFC 3891 */
	{ "join",		 4,  0,  H_JOIN },		/* RFC 3911 */
	{ "in-reply-to",	11,  0,  H_IN_REPLY_TO },	/* RFC 3261 §20.21 */
	{ "target-dialog",	13,  0,  H_TARGET_DIALOG },	/* RFC 4538 */
	{ "content-encoding",	16, 'e', H_CENC },
	{ "subject",		 7, 's', H_SUBJECT },
	{ "supported",		 9, 'k', H_SUPPORTED },
	{ "event",		 5, 'o', H_EVENT },		/* RFC 6665 */
	{ "allow-events",	12, 'u', H_ALLOW_EVENTS },	/* RFC 6665 */
	{ "refer-to",		 8, 'r', H_REFER_TO },		/* RFC 3515 */
	{ "referred-by",	11, 'b', H_REFERRED_BY },	/* RFC 3892 */
	{ "session-expires",	15, 'x', H_SESSION_EXPIRES },	/* RFC 4028 */
	{ "identity",		 8, 'y', H_IDENTITY },		/* RFC 8224 */
	{ "accept-contact",	14, 'a', H_ACCEPT_CONTACT },	/* RFC 3841 */
	{ "reject-contact",	14, 'j', H_REJECT_CONTACT },	/* RFC 3841 */
	{ "request-disposition", 19, 'd', H_REQUEST_DISP },	/* RFC 3841 */
};

static u8 header_id(const char *p, u32 n)
{
	unsigned int i;

	if (n == 1) {
		u8 c = sc_lower(*p);

		for (i = 0; i < ARRAY_SIZE(hdr_names); i++)
			if (hdr_names[i].compact == c)
				return hdr_names[i].id;
		return H_OTHER;
	}
	for (i = 0; i < ARRAY_SIZE(hdr_names); i++)
		if (hdr_names[i].len == n &&
		    sc_ieq(p, n, hdr_names[i].name, n))
			return hdr_names[i].id;
	return H_OTHER;
}

static const char *const method_names[SIPALG_M_COUNT] = {
	[SIPALG_M_UNKNOWN]	= "UNKNOWN",
	[SIPALG_M_INVITE]	= "INVITE",
	[SIPALG_M_ACK]		= "ACK",
	[SIPALG_M_BYE]		= "BYE",
	[SIPALG_M_CANCEL]	= "CANCEL",
	[SIPALG_M_REGISTER]	= "REGISTER",
	[SIPALG_M_OPTIONS]	= "OPTIONS",
	[SIPALG_M_PRACK]	= "PRACK",
	[SIPALG_M_UPDATE]	= "UPDATE",
	[SIPALG_M_INFO]		= "INFO",
	[SIPALG_M_SUBSCRIBE]	= "SUBSCRIBE",
	[SIPALG_M_NOTIFY]	= "NOTIFY",
	[SIPALG_M_REFER]	= "REFER",
	[SIPALG_M_MESSAGE]	= "MESSAGE",
	[SIPALG_M_PUBLISH]	= "PUBLISH",
};

const char *sipalg_method_name(unsigned int method)
{
	return method < SIPALG_M_COUNT ? method_names[method] : "UNKNOWN";
}

SIPALG_EXPORT(sipalg_method_name);

/* Methods are case-sensitive (RFC 3261 §7.1). */
static u8 method_id(const char *p, u32 n)
{
	unsigned int i;

	for (i = 1; i < SIPALG_M_COUNT; i++)
		if (strlen(method_names[i]) == n && !memcmp(p, method_names[i], n))
			return (u8)i;
	return SIPALG_M_UNKNOWN;
}

static const char *const err_names[SIPALG_E_COUNT] = {
	[SIPALG_OK]		= "ok",
	[SIPALG_E_INCOMPLETE]	= "incomplete message",
	[SIPALG_E_KEEPALIVE]	= "keep-alive",
	[SIPALG_E_TOO_LONG]	= "message too long",
	[SIPALG_E_NUL]		= "NUL byte in the start line",
	[SIPALG_E_START_LINE]	= "malformed start line",
	[SIPALG_E_METHOD]	= "malformed method",
	[SIPALG_E_VERSION]	= "unsupported SIP version",
	[SIPALG_E_STATUS]	= "malformed status code",
	[SIPALG_E_RURI]		= "malformed Request-URI",
	[SIPALG_E_HEADER]	= "malformed header line",
	[SIPALG_E_HEADERS_END]	= "header section not terminated",
	[SIPALG_E_DUPLICATE]	= "single-valued header repeated",
	[SIPALG_E_VIA]		= "malformed Via",
	[SIPALG_E_FROM]		= "malformed From",
	[SIPALG_E_TO]		= "malformed To",
	[SIPALG_E_CONTACT]	= "malformed Contact",
	[SIPALG_E_ROUTE]	= "malformed Route/Record-Route",
	[SIPALG_E_CALL_ID]	= "malformed Call-ID",
	[SIPALG_E_CSEQ]		= "malformed CSeq",
	[SIPALG_E_CSEQ_METHOD]	= "CSeq method differs from request method",
	[SIPALG_E_CLEN]		= "malformed Content-Length",
	[SIPALG_E_NO_CLEN]	= "Content-Length missing on stream transport",
	[SIPALG_E_BODY_TRUNC]	= "body shorter than Content-Length",
	[SIPALG_E_CTYPE]	= "malformed Content-Type",
	[SIPALG_E_EXPIRES]	= "malformed Expires",
	[SIPALG_E_MAX_FORWARDS]	= "malformed Max-Forwards",
	[SIPALG_E_MISSING]	= "mandatory header missing",
	[SIPALG_E_MULTIPART]	= "malformed multipart body",
	[SIPALG_E_SDP_VERSION]	= "SDP: missing or bad v= line",
	[SIPALG_E_SDP_LINE]	= "SDP: malformed line",
	[SIPALG_E_SDP_ORIGIN]	= "SDP: malformed o= line",
	[SIPALG_E_SDP_CONN]	= "SDP: malformed c= line",
	[SIPALG_E_SDP_MEDIA]	= "SDP: malformed m= line",
	[SIPALG_E_SDP_RTCP]	= "SDP: malformed a=rtcp",
	[SIPALG_E_SDP_CANDIDATE] = "SDP: malformed a=candidate",
};

const char *sipalg_strerror(int err)
{
	if (err < 0 || err >= SIPALG_E_COUNT)
		return "unknown error";
	return err_names[err];
}

SIPALG_EXPORT(sipalg_strerror);

struct ctx {
	const char *buf;		/* spans are relative to this */
	const char *end;
	struct sipalg_msg *m;
	struct sipalg_span boundary;	/* multipart boundary parameter */
	u32 seen;			/* single-valued headers met so far */
	bool stream;
};

#define SPAN(c, from, to)	sc_span((c)->buf, (from), (to))

/* quoted-string (RFC 3261 §25.1): returns the position after the closing
 * quote, NULL when it is not closed before end.
 */
static const char *skip_quoted(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\') {
			if (++p >= end)
				return NULL;
		} else if (*p == '"') {
			return p + 1;
		}
	}
	return NULL;
}

/*
 * A generic-param value: token / host / quoted-string (§25.1).  Hosts bring
 * ':' '[' ']'; anything up to a separator is taken, so that values of
 * extensions we do not know never make the message invalid.
 */
static const char *param_value_end(const char *p, const char *end)
{
	if (p < end && *p == '"')
		return skip_quoted(p, end);
	while (p < end && *p != ';' && *p != ',' && *p != '"' &&
	       *p != '<' && *p != '>' && !sc_is(*p, SC_LWS))
		p++;
	return p;
}

struct param {
	const char *name, *name_end;
	const char *val, *val_end;	/* val == NULL: no "=value" */
};

/*
 * One ";name[=value]" at p (p at the ';').  Returns the position after it
 * or NULL.  LWS is allowed around ';' and '=' (SEMI, EQUAL in §25.1).
 */
static const char *next_param(const char *p, const char *end, struct param *pr)
{
	p = sc_skip_lws(p + 1, end);
	pr->name = p;
	p = sc_skip_class(p, end, SC_TOKEN);
	pr->name_end = p;
	if (p == pr->name)
		return NULL;
	pr->val = NULL;
	pr->val_end = NULL;
	{
		const char *q = sc_skip_lws(p, end);

		if (q < end && *q == '=') {
			q = sc_skip_lws(q + 1, end);
			pr->val = q;
			q = param_value_end(q, end);
			if (!q || q == pr->val)
				return NULL;
			pr->val_end = q;
			p = q;
		}
	}
	return p;
}

static bool param_is(const struct param *pr, const char *lit, u32 litlen)
{
	return sc_ieq(pr->name, (u32)(pr->name_end - pr->name), lit, litlen);
}

#define PARAM_IS(pr, lit)	param_is((pr), lit, sizeof(lit) - 1)

static int parse_port(struct ctx *c, const char *d, const char *e,
		      struct sipalg_hostport *hp)
{
	u32 v;

	if (!sc_number(d, e, 5, 65535, &v))
		return -1;
	hp->port = SPAN(c, d, e);
	hp->port_num = (u16)v;
	return 0;
}

/*
 * host [":" port] (§25.1 hostport).  IPv6 only between brackets (§19.1.1,
 * RFC 5118 §4.1).  With lws_colon, LWS may surround the colon (sent-by).
 */
static int parse_hostport(struct ctx *c, const char **pp, const char *end,
			  struct sipalg_hostport *hp, bool lws_colon)
{
	const char *p = *pp, *h = p, *q;

	if (p < end && *p == '[') {
		const char *rb = memchr(p, ']', end - p);

		if (!rb)
			return -1;
		p = rb + 1;
		sipalg_parse_host(h, (u32)(p - h), true, &hp->addr);
		if (hp->addr.family != SIPALG_AF_INET6)
			return -1;
	} else {
		p = sc_skip_class(p, end, SC_HOST);
		if (p == h)
			return -1;
		memset(&hp->addr, 0, sizeof(hp->addr));
		if (sipalg_parse_ipv4(h, (u32)(p - h), hp->addr.a))
			hp->addr.family = SIPALG_AF_INET;
	}
	hp->host = SPAN(c, h, p);

	q = lws_colon ? sc_skip_lws(p, end) : p;
	if (q < end && *q == ':') {
		const char *d;

		q++;
		if (lws_colon)
			q = sc_skip_lws(q, end);
		d = q;
		q = sc_skip_class(q, end, SC_DIGIT);
		if (parse_port(c, d, q, hp))
			return -1;
		p = q;
	}
	*pp = p;
	return 0;
}

static u8 transport_id(const char *p, u32 n)
{
	if (SC_IEQ(p, n, "udp"))
		return SIPALG_TP_UDP;
	if (SC_IEQ(p, n, "tcp"))
		return SIPALG_TP_TCP;
	if (SC_IEQ(p, n, "tls"))
		return SIPALG_TP_TLS;
	if (SC_IEQ(p, n, "sctp"))
		return SIPALG_TP_SCTP;
	if (SC_IEQ(p, n, "ws"))
		return SIPALG_TP_WS;
	if (SC_IEQ(p, n, "wss"))
		return SIPALG_TP_WSS;
	return SIPALG_TP_OTHER;
}

/*
 * A URI occupying exactly [p, end) (§19.1.1, RFC 3966 for tel:).
 * For sip/sips the userinfo ends at the first '@' before any '?': the user
 * part may hold ';' (§19.1.1 user-unreserved) but an unescaped '@' only
 * shows up, in the wild, in the headers part (Replaces=...@...).
 */
static int parse_uri(struct ctx *c, const char *p, const char *end,
		     struct sipalg_uri *u)
{
	const char *q = p, *lim, *at;

	u->span = SPAN(c, p, end);
	while (q < end && (sc_is(*q, SC_ALPHA | SC_DIGIT) || *q == '+' ||
			   *q == '-' || *q == '.'))
		q++;
	if (q == p || q >= end || *q != ':' || !sc_is(*p, SC_ALPHA))
		return -1;
	if (SC_IEQ(p, (u32)(q - p), "sip"))
		u->scheme = SIPALG_SCHEME_SIP;
	else if (SC_IEQ(p, (u32)(q - p), "sips"))
		u->scheme = SIPALG_SCHEME_SIPS;
	else if (SC_IEQ(p, (u32)(q - p), "tel"))
		u->scheme = SIPALG_SCHEME_TEL;
	else
		u->scheme = SIPALG_SCHEME_OTHER;
	p = q + 1;

	for (q = p; q < end; q++)
		if (sc_is(*q, SC_LWS) || *q == '<' || *q == '>' || *q == '"')
			return -1;

	if (u->scheme == SIPALG_SCHEME_OTHER)
		return p < end ? 0 : -1;
	if (u->scheme == SIPALG_SCHEME_TEL) {
		const char *semi = memchr(p, ';', end - p);

		if (p == end)
			return -1;
		u->user = SPAN(c, p, semi ? semi : end);
		if (semi)
			u->params = SPAN(c, semi, end);
		return 0;
	}

	/*
	 * userinfo may hold ';', '?', '/' and ',' (user-unreserved, §25.1)
	 * but not '@': the first '@' ends it.  Headers ('?') follow the
	 * hostport.
	 */
	at = memchr(p, '@', end - p);
	if (at) {
		const char *colon = memchr(p, ':', at - p);

		u->user = SPAN(c, p, colon ? colon : at);
		p = at + 1;
	}
	q = memchr(p, '?', end - p);
	lim = q ? q : end;
	if (parse_hostport(c, &p, lim, &u->hp, false))
		return -1;
	if (p < lim) {
		if (*p != ';')
			return -1;
		u->params = SPAN(c, p, lim);
		while (p < lim) {
			struct param pr;

			if (*p != ';')
				return -1;
			p = next_param(p, lim, &pr);
			if (!p)
				return -1;
			if (!pr.val)
				continue;
			if (PARAM_IS(&pr, "transport"))
				u->transport = transport_id(pr.val,
							    (u32)(pr.val_end - pr.val));
			else if (PARAM_IS(&pr, "maddr"))
				u->maddr = SPAN(c, pr.val, pr.val_end);
		}
	}
	return 0;
}

/*
 * One element of a From/To/Contact/Route/Record-Route value (§20.10,
 * §20.20, §20.30, §20.34, §20.39): name-addr or addr-spec, then params.
 * Returns the position of the ',' ending it (list) or of end, NULL when
 * malformed.  In the addr-spec form every ';' starts a header parameter
 * (§20.10), so the URI ends there.
 */
static const char *parse_naddr(struct ctx *c, const char *p, const char *end,
			       struct sipalg_naddr *na, bool list)
{
	const char *v, *q;

	p = sc_skip_lws(p, end);
	v = p;
	if (p >= end)
		return NULL;

	if (*p == '"') {
		q = skip_quoted(p, end);
		if (!q)
			return NULL;
		na->display = SPAN(c, p, q);
		p = sc_skip_lws(q, end);
		if (p >= end || *p != '<')
			return NULL;
	} else if (*p != '<') {
		q = sc_skip_class(p, end, SC_TOKEN);
		if (q > p && q < end && *q == ':') {
			/* addr-spec */
			while (q < end && *q != ';' && *q != ',' &&
			       !sc_is(*q, SC_LWS))
				q++;
			if (parse_uri(c, p, q, &na->uri))
				return NULL;
			p = q;
			goto params;
		}
		while (q < end && *q != '<' && *q != ',' && *q != '"')
			q++;
		if (q >= end || *q != '<')
			return NULL;
		na->display = SPAN(c, p, sc_trim_end(p, q));
		p = q;
	}

	/* p at '<' */
	q = memchr(p, '>', end - p);
	if (!q)
		return NULL;
	{
		const char *us = sc_skip_lws(p + 1, q);
		const char *ue = sc_trim_end(us, q);

		if (parse_uri(c, us, ue, &na->uri))
			return NULL;
	}
	na->flags |= SIPALG_NA_ANGLE;
	p = q + 1;

params:
	for (;;) {
		struct param pr;

		p = sc_skip_lws(p, end);
		if (p >= end)
			break;
		if (*p == ',') {
			if (!list)
				return NULL;
			break;
		}
		if (*p != ';')
			return NULL;
		p = next_param(p, end, &pr);
		if (!p)
			return NULL;
		if (!pr.val)
			continue;
		if (PARAM_IS(&pr, "tag")) {
			na->tag = SPAN(c, pr.val, pr.val_end);
		} else if (PARAM_IS(&pr, "expires")) {
			u32 e;

			/* delta-seconds (§20.19): saturate like §10.2.1 says */
			if (!sc_number(pr.val, pr.val_end, 10, 0xffffffffu, &e)) {
				if (!sc_skip_class(pr.val, pr.val_end, SC_DIGIT) ||
				    sc_skip_class(pr.val, pr.val_end, SC_DIGIT) !=
				    pr.val_end)
					return NULL;
				e = 0xffffffffu;
			}
			na->expires = SPAN(c, pr.val, pr.val_end);
			na->expires_val = e;
			na->flags |= SIPALG_NA_EXPIRES;
		}
	}
	na->value = SPAN(c, v, sc_trim_end(v, p));
	return p;
}

/* Contact, Route, Record-Route: comma lists of name-addrs (§7.3.1). */
static int parse_naddr_list(struct ctx *c, const char *p, const char *end,
			    struct sipalg_naddr *arr, u8 max, u8 *n,
			    u16 trunc_flag, int err)
{
	for (;;) {
		struct sipalg_naddr tmp, *na;

		na = *n < max ? &arr[*n] : &tmp;
		memset(na, 0, sizeof(*na));
		p = parse_naddr(c, p, end, na, true);
		if (!p)
			return err;
		if (*n < max)
			(*n)++;
		else
			c->m->flags |= trunc_flag;
		if (p >= end)
			return SIPALG_OK;
		p++;	/* ',' */
	}
}

static int parse_contact(struct ctx *c, const char *p, const char *end)
{
	struct sipalg_msg *m = c->m;

	/* "Contact: *" stands alone (§10.2.2, §20.10) */
	if (end - p == 1 && *p == '*') {
		if (m->ncontact || (m->flags & SIPALG_MF_STAR))
			return SIPALG_E_CONTACT;
		m->flags |= SIPALG_MF_STAR;
		return SIPALG_OK;
	}
	if (m->flags & SIPALG_MF_STAR)
		return SIPALG_E_CONTACT;
	return parse_naddr_list(c, p, end, m->contact, SIPALG_MAX_CONTACT,
				&m->ncontact, SIPALG_MF_CONTACT_TRUNC,
				SIPALG_E_CONTACT);
}

/*
 * Via (§20.42): sent-protocol LWS sent-by *(SEMI via-params), in a comma
 * list.  LWS is allowed around the '/' of sent-protocol and around the ':'
 * of sent-by (RFC 4475 §3.1.1.1).
 */
static int parse_via(struct ctx *c, const char *p, const char *end)
{
	struct sipalg_msg *m = c->m;

	for (;;) {
		struct sipalg_via tmp, *v;
		const char *start, *q;
		int i;

		v = m->nvia < SIPALG_MAX_VIA ? &m->via[m->nvia] : &tmp;
		memset(v, 0, sizeof(*v));
		p = sc_skip_lws(p, end);
		start = p;
		for (i = 0; i < 3; i++) {
			q = sc_skip_class(p, end, SC_TOKEN);
			if (q == p)
				return SIPALG_E_VIA;
			if (i == 2) {
				v->transport = SPAN(c, p, q);
				v->proto = transport_id(p, (u32)(q - p));
				p = q;
				break;
			}
			p = sc_skip_lws(q, end);
			if (p >= end || *p != '/')
				return SIPALG_E_VIA;
			p = sc_skip_lws(p + 1, end);
		}
		q = sc_skip_lws(p, end);
		if (q == p)
			return SIPALG_E_VIA;
		p = q;
		if (parse_hostport(c, &p, end, &v->sent_by, true))
			return SIPALG_E_VIA;

		for (;;) {
			struct param pr;

			p = sc_skip_lws(p, end);
			if (p >= end || *p == ',')
				break;
			if (*p != ';')
				return SIPALG_E_VIA;
			p = next_param(p, end, &pr);
			if (!p)
				return SIPALG_E_VIA;
			if (PARAM_IS(&pr, "rport")) {
				/* a bare ";rport" asks for it (RFC 3581 §3) */
				v->flags |= SIPALG_VIA_RPORT;
				if (pr.val) {
					u32 port;

					if (!sc_number(pr.val, pr.val_end, 5,
						       65535, &port))
						return SIPALG_E_VIA;
					v->rport = SPAN(c, pr.val, pr.val_end);
					v->rport_num = (u16)port;
				}
				continue;
			}
			if (!pr.val)
				continue;
			if (PARAM_IS(&pr, "branch")) {
				v->branch = SPAN(c, pr.val, pr.val_end);
			} else if (PARAM_IS(&pr, "received")) {
				/* IPv4address / IPv6address; RFC 5118 §4.5 has
				 * no brackets but some add them.
				 */
				v->received = SPAN(c, pr.val, pr.val_end);
				v->flags |= SIPALG_VIA_RECEIVED;
				sipalg_parse_host(pr.val,
						  (u32)(pr.val_end - pr.val),
						  true, &v->received_addr);
			} else if (PARAM_IS(&pr, "maddr")) {
				v->maddr = SPAN(c, pr.val, pr.val_end);
				v->flags |= SIPALG_VIA_MADDR;
				sipalg_parse_host(pr.val,
						  (u32)(pr.val_end - pr.val),
						  true, &v->maddr_addr);
			}
		}
		v->value = SPAN(c, start, sc_trim_end(start, p));
		if (m->nvia < SIPALG_MAX_VIA)
			m->nvia++;
		else
			m->flags |= SIPALG_MF_VIA_TRUNC;
		if (p >= end)
			return SIPALG_OK;
		p++;	/* ',' */
	}
}

/* "[" IPv6 "]" ":" port, 53 characters, is the longest we decode */
#define SIPALG_CID_HOST_MAX	56

/* "[addr]:port", "addr:port": the length of the address before the port */
static u32 cid_addr_len(const char *t, u32 n)
{
	u32 i = n;

	while (i && t[i - 1] >= '0' && t[i - 1] <= '9')
		i--;
	if (i == n || n - i > 5 || i < 2 || t[i - 1] != ':')
		return 0;
	return i - 1;
}

/*
 * The host part of the Call-ID text [p, end) (§20.8: word ["@" word]),
 * when it is a literal address with or without ":port", written the way
 * sipalg_format_addr() writes it (RFC 5952 for IPv6): a NAT writes the
 * address it maps back in that form, so only that form comes back byte
 * for byte.  escaped: the text is a URI header value, percent-encoded
 * (§19.1.1, RFC 3891 §7: "%40" for '@').  Anything else (a host name, no
 * '@', another spelling) leaves *id empty: a Call-ID is an opaque token
 * that only happens to carry an address.
 */
static void parse_cid_host(struct ctx *c, const char *p, const char *end,
			   bool escaped, struct sipalg_cid *id)
{
	char t[SIPALG_CID_HOST_MAX], canon[SIPALG_CID_HOST_MAX];
	u8 raw[SIPALG_CID_HOST_MAX + 1];	/* offsets from p: <= 3 * 56 */
	const char *h;
	u32 n = 0, alen;

	memset(id, 0, sizeof(*id));
	/* word has no '@' of its own: the first one separates the parts */
	for (;;) {
		if (p >= end)
			return;
		if (*p == '@') {
			p++;
			break;
		}
		if (escaped && end - p >= 3 && p[0] == '%' && p[1] == '4' &&
		    p[2] == '0') {
			p += 3;
			break;
		}
		p++;
	}
	for (h = p; h < end; n++) {
		if (n == SIPALG_CID_HOST_MAX)
			return;		/* longer than any address */
		raw[n] = (u8)(h - p);
		if (escaped && *h == '%') {
			if (end - h < 3 || !sc_is(h[1], SC_HEX) ||
			    !sc_is(h[2], SC_HEX))
				return;
			t[n] = (char)(sc_hexval(h[1]) << 4 | sc_hexval(h[2]));
			h += 3;
		} else {
			t[n] = *h++;
		}
	}
	raw[n] = (u8)(h - p);
	sipalg_parse_host(t, n, true, &id->addr);
	alen = n;
	if (id->addr.family == SIPALG_AF_NAME) {
		alen = cid_addr_len(t, n);
		if (!alen)
			return;
		sipalg_parse_host(t, alen, true, &id->addr);
		/* a bare IPv6 address has no port: its last group is one */
		if (id->addr.family == SIPALG_AF_INET6 && t[0] != '[')
			id->addr.family = SIPALG_AF_NAME;
	}
	if (id->addr.family == SIPALG_AF_NAME ||
	    sipalg_format_addr(&id->addr, t[0] == '[', canon,
			       sizeof(canon)) != alen ||
	    memcmp(canon, t, alen)) {
		memset(id, 0, sizeof(*id));
		return;
	}
	id->host = SPAN(c, p + raw[0], p + raw[alen]);
	if (t[0] == '[')
		id->flags |= SIPALG_CID_BRACKETS;
	if (escaped)
		id->flags |= SIPALG_CID_ESCAPED;
}

static void add_cidref(struct ctx *c, const char *p, const char *end,
		       bool escaped)
{
	struct sipalg_msg *m = c->m;
	struct sipalg_cid id;

	parse_cid_host(c, p, end, escaped, &id);
	if (!id.host.len)
		return;
	if (m->ncidref >= SIPALG_MAX_CIDREF) {
		m->flags |= SIPALG_MF_CIDREF_TRUNC;
		return;
	}
	m->cidref[m->ncidref++] = id;
}

/*
 * In-Reply-To: callid *(COMMA callid) (RFC 3261 §20.21): the calls this
 * one returns, by Call-ID.  As for the dialog references, a value we
 * cannot read is left alone.
 */
static void parse_in_reply_to(struct ctx *c, const char *p, const char *end)
{
	const char *q;

	while (p < end) {
		while (p < end && (*p == ',' || sc_is(*p, SC_LWS)))
			p++;
		q = p;
		while (q < end && *q != ',' && !sc_is(*q, SC_LWS))
			q++;
		if (q > p)
			add_cidref(c, p, q, false);
		p = q;
	}
}

/*
 * Replaces, Join, Target-Dialog: callid *(SEMI param) (RFC 3891 §6.1,
 * RFC 3911 §7.1, RFC 4538 §7).  Only the Call-ID is looked at; a value
 * we cannot read is left alone, not an error of the message.
 */
static void parse_dialog_ref(struct ctx *c, const char *p, const char *end)
{
	const char *q = p;

	while (q < end && *q != ';' && !sc_is(*q, SC_LWS))
		q++;
	add_cidref(c, p, q, false);
}

/*
 * Refer-To (RFC 3515 §2.1): for an attended transfer its URI carries the
 * Replaces header the referee is to send (RFC 3891 §7), escaped:
 * "<sip:bob@example.com?Replaces=12345%40192.0.2.4%3Bto-tag%3D...>".  The
 * URI is parsed as such (a '?' in a display name or a user part is not
 * where its headers start); the Call-ID runs to the escaped ';' before its
 * parameters.
 */
static void parse_refer_to(struct ctx *c, const char *p, const char *end)
{
	struct sipalg_naddr na = {};
	const struct sipalg_uri *u = &na.uri;
	const char *q, *uend, *v;

	if (!parse_naddr(c, p, end, &na, false) ||
	    (u->scheme != SIPALG_SCHEME_SIP && u->scheme != SIPALG_SCHEME_SIPS))
		return;
	uend = c->buf + u->span.off + u->span.len;
	if (u->params.len)
		q = c->buf + u->params.off + u->params.len;
	else if (u->hp.port.len)
		q = c->buf + u->hp.port.off + u->hp.port.len;
	else
		q = c->buf + u->hp.host.off + u->hp.host.len;
	if (q >= uend || *q != '?')
		return;
	while (q && q < uend) {
		q++;	/* past '?' or '&' */
		if (SC_IPREFIX(q, uend, "replaces="))
			break;
		q = memchr(q, '&', uend - q);
	}
	if (!q || q >= uend)
		return;
	v = q + sizeof("replaces=") - 1;
	for (q = v; q < uend && *q != '&'; q++)
		if (uend - q >= 3 && q[0] == '%' && q[1] == '3' &&
		    sc_lower(q[2]) == 'b')
			break;
	add_cidref(c, v, q, true);
}

/* Call-ID (§20.8): word ["@" word]; no LWS inside. */
static int parse_call_id(struct ctx *c, const char *p, const char *end)
{
	const char *q;

	if (p == end)
		return SIPALG_E_CALL_ID;
	for (q = p; q < end; q++)
		if (sc_is(*q, SC_LWS) || *q == '\0')
			return SIPALG_E_CALL_ID;
	c->m->call_id = SPAN(c, p, end);
	parse_cid_host(c, p, end, false, &c->m->cid);
	return SIPALG_OK;
}

/* CSeq (§20.16): 1*DIGIT LWS Method, the number below 2**31 (§8.1.1.5). */
static int parse_cseq(struct ctx *c, const char *p, const char *end)
{
	const char *q = sc_skip_class(p, end, SC_DIGIT);
	const char *mth;

	if (!sc_number(p, q, 10, 0x7fffffffu, &c->m->cseq))
		return SIPALG_E_CSEQ;
	p = sc_skip_lws(q, end);
	if (p == q)
		return SIPALG_E_CSEQ;
	mth = p;
	p = sc_skip_class(p, end, SC_TOKEN);
	if (p == mth || p != end)
		return SIPALG_E_CSEQ;
	c->m->cseq_method_span = SPAN(c, mth, p);
	c->m->cseq_method = method_id(mth, (u32)(p - mth));
	return SIPALG_OK;
}

/*
 * media-type (§20.15, RFC 2045 §5.1): type "/" subtype *(SEMI param).
 * Records "type/subtype" and, in c->boundary, a multipart boundary.
 */
static int parse_ctype(struct ctx *c, const char *p, const char *end,
		       struct sipalg_span *type, struct sipalg_span *boundary)
{
	const char *t = p;

	p = sc_skip_class(p, end, SC_TOKEN);
	if (p == t)
		return SIPALG_E_CTYPE;
	p = sc_skip_lws(p, end);
	if (p >= end || *p != '/')
		return SIPALG_E_CTYPE;
	p = sc_skip_lws(p + 1, end);
	{
		const char *s = p;

		p = sc_skip_class(p, end, SC_TOKEN);
		if (p == s)
			return SIPALG_E_CTYPE;
	}
	*type = SPAN(c, t, p);
	boundary->len = 0;
	for (;;) {
		struct param pr;

		p = sc_skip_lws(p, end);
		if (p >= end)
			return SIPALG_OK;
		if (*p != ';')
			return SIPALG_E_CTYPE;
		p = next_param(p, end, &pr);
		if (!p)
			return SIPALG_E_CTYPE;
		if (pr.val && PARAM_IS(&pr, "boundary")) {
			const char *bs = pr.val, *be = pr.val_end;

			if (*bs == '"') {
				bs++;
				be--;
			}
			/* RFC 2046 §5.1.1: 1 to 70 characters */
			if (be <= bs || be - bs > 70)
				return SIPALG_E_CTYPE;
			*boundary = SPAN(c, bs, be);
		}
	}
}

static bool ctype_is(const struct ctx *c, struct sipalg_span t,
		     const char *lit, u32 litlen)
{
	return sc_ieq(c->buf + t.off, t.len, lit, litlen);
}

static bool ctype_is_multipart(const struct ctx *c, struct sipalg_span t)
{
	return t.len > 10 && sc_ieq(c->buf + t.off, 10, "multipart/", 10);
}

#define SEEN(id)	(1u << (id))

/* Headers that may appear once only (§7.3.1: not comma-separated lists). */
#define SINGLE_VALUED	(SEEN(H_FROM) | SEEN(H_TO) | SEEN(H_CALL_ID) | \
			 SEEN(H_CSEQ) | SEEN(H_CLEN) | SEEN(H_CTYPE) | \
			 SEEN(H_EXPIRES) | SEEN(H_MAXFWD))

static int parse_header(struct ctx *c, u8 id, const char *p, const char *end)
{
	struct sipalg_msg *m = c->m;
	u32 v;

	if (SINGLE_VALUED & SEEN(id)) {
		if (c->seen & SEEN(id))
			return SIPALG_E_DUPLICATE;
		c->seen |= SEEN(id);
	}

	switch (id) {
	case H_VIA:
		return parse_via(c, p, end);
	case H_CONTACT:
		return parse_contact(c, p, end);
	case H_FROM:
		return parse_naddr(c, p, end, &m->from, false) ?
			SIPALG_OK : SIPALG_E_FROM;
	case H_TO:
		return parse_naddr(c, p, end, &m->to, false) ?
			SIPALG_OK : SIPALG_E_TO;
	case H_ROUTE:
		return parse_naddr_list(c, p, end, m->route, SIPALG_MAX_ROUTE,
					&m->nroute, SIPALG_MF_ROUTE_TRUNC,
					SIPALG_E_ROUTE);
	case H_RR:
		return parse_naddr_list(c, p, end, m->rr, SIPALG_MAX_ROUTE,
					&m->nrr, SIPALG_MF_ROUTE_TRUNC,
					SIPALG_E_ROUTE);
	case H_CALL_ID:
		return parse_call_id(c, p, end);
	case H_IN_REPLY_TO:
		parse_in_reply_to(c, p, end);
		return SIPALG_OK;
	case H_REPLACES:
	case H_JOIN:
	case H_TARGET_DIALOG:
		parse_dialog_ref(c, p, end);
		return SIPALG_OK;
	case H_REFER_TO:
		parse_refer_to(c, p, end);
		return SIPALG_OK;
	case H_CSEQ:
		return parse_cseq(c, p, end);
	case H_CLEN:
		if (!sc_number(p, end, 10, 0xffffffffu, &m->clen))
			return SIPALG_E_CLEN;
		m->content_length = SPAN(c, p, end);
		m->flags |= SIPALG_MF_CLEN;
		return SIPALG_OK;
	case H_CTYPE:
		return parse_ctype(c, p, end, &m->content_type, &c->boundary);
	case H_EXPIRES:
		/* delta-seconds; larger than 2**32-1 is taken as that */
		if (!sc_number(p, end, 10, 0xffffffffu, &v)) {
			if (p == end || sc_skip_class(p, end, SC_DIGIT) != end)
				return SIPALG_E_EXPIRES;
			v = 0xffffffffu;
		}
		m->expires = v;
		m->flags |= SIPALG_MF_EXPIRES;
		return SIPALG_OK;
	case H_MAXFWD:
		if (!sc_number(p, end, 3, 255, &v))
			return SIPALG_E_MAX_FORWARDS;
		m->max_forwards = v;
		m->flags |= SIPALG_MF_MAXFWD;
		return SIPALG_OK;
	default:
		return SIPALG_OK;
	}
}

/*
 * End of the logical line starting at p: *eol gets the first byte of its
 * line terminator (CRLF or a tolerated bare LF) and *next the start of the
 * following line.  Folded continuation lines (§7.3.1) are part of it.
 * Returns SIPALG_OK, SIPALG_E_INCOMPLETE when the buffer ends before we
 * know where the line ends.
 */
static int line_end(struct ctx *c, const char *p, const char *end,
		    bool fold, const char **eol, const char **next)
{
	for (;;) {
		const char *nl;

		nl = memchr(p, '\n', end - p);
		if (!nl)
			return SIPALG_E_INCOMPLETE;
		if (nl == p || nl[-1] != '\r')
			c->m->flags |= SIPALG_MF_LF_ONLY;
		*eol = (nl > p && nl[-1] == '\r') ? nl - 1 : nl;
		*next = nl + 1;
		if (!fold || *eol == p)
			return SIPALG_OK;
		if (nl + 1 >= end)
			return SIPALG_E_INCOMPLETE;	/* a fold may follow */
		if (!sc_is(nl[1], SC_WSP))
			return SIPALG_OK;
		c->m->flags |= SIPALG_MF_FOLDED;
		p = nl + 1;
	}
}

static bool is_empty_line(const char *p, const char *end, const char **next)
{
	if (p < end && *p == '\n') {
		*next = p + 1;
		return true;
	}
	if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
		*next = p + 2;
		return true;
	}
	return false;
}

/* SIP-Version "SIP/2.0", case-insensitively (§7.1). */
static int check_version(const char *p, const char *end)
{
	if (!SC_IPREFIX(p, end, "sip/"))
		return SIPALG_E_START_LINE;
	if (end - p != 7 || memcmp(p + 4, "2.0", 3))
		return SIPALG_E_VERSION;
	return SIPALG_OK;
}

/*
 * Request-Line (§7.1) or Status-Line (§7.2) in [p, eol).  Several spaces
 * between the elements are tolerated.
 */
static int parse_start_line(struct ctx *c, const char *p, const char *eol)
{
	struct sipalg_msg *m = c->m;
	const char *q, *s;
	int err;

	if (SC_IPREFIX(p, eol, "sip/")) {
		u32 code;

		m->kind = SIPALG_RESPONSE;
		q = p;
		while (q < eol && !sc_is(*q, SC_WSP))
			q++;
		err = check_version(p, q);
		if (err)
			return err;
		p = sc_skip_wsp(q, eol);
		if (p == q)
			return SIPALG_E_START_LINE;
		s = p;
		p = sc_skip_class(p, eol, SC_DIGIT);
		if (p - s != 3 || !sc_number(s, p, 3, 699, &code) || code < 100)
			return SIPALG_E_STATUS;
		if (p < eol && !sc_is(*p, SC_WSP))
			return SIPALG_E_STATUS;
		m->status = (u16)code;
		p = sc_skip_wsp(p, eol);
		m->reason = SPAN(c, p, eol);
		return SIPALG_OK;
	}

	m->kind = SIPALG_REQUEST;
	s = p;
	p = sc_skip_class(p, eol, SC_TOKEN);
	if (p == s || p >= eol || !sc_is(*p, SC_WSP))
		return SIPALG_E_METHOD;
	m->method_span = SPAN(c, s, p);
	m->method = method_id(s, (u32)(p - s));
	p = sc_skip_wsp(p, eol);
	s = p;
	while (p < eol && !sc_is(*p, SC_WSP))
		p++;
	if (p == s || p >= eol)
		return SIPALG_E_START_LINE;
	if (parse_uri(c, s, p, &m->ruri))
		return SIPALG_E_RURI;
	p = sc_skip_wsp(p, eol);
	q = p;
	while (q < eol && !sc_is(*q, SC_WSP))
		q++;
	if (q != eol)
		return sc_skip_wsp(q, eol) == eol ?
			check_version(p, q) : SIPALG_E_START_LINE;
	return check_version(p, q);
}

/* The next multipart delimiter "--boundary" at a line start (RFC 2046). */
static const char *find_delimiter(const char *p, const char *start,
				  const char *end, const char *b, u32 blen)
{
	while (p < end) {
		if ((p == start || p[-1] == '\n') && (u32)(end - p) >= blen + 2 &&
		    p[0] == '-' && p[1] == '-' && !memcmp(p + 2, b, blen))
			return p;
		p = memchr(p, '\n', end - p);
		if (!p)
			return NULL;
		p++;
	}
	return NULL;
}

/*
 * Find the first application/sdp part of a multipart body (RFC 5621 §3,
 * RFC 2046 §5.1.1) in [p, end), descending into nested multiparts (at most
 * depth 2).  The CRLF before a delimiter belongs to the delimiter.  A
 * missing close-delimiter is tolerated.  Returns SIPALG_OK and sets *out
 * (len 0 when no SDP part), or SIPALG_E_MULTIPART.
 */
static int find_sdp_part(struct ctx *c, const char *p, const char *end,
			 struct sipalg_span boundary, int depth,
			 struct sipalg_span *out)
{
	const char *b = c->buf + boundary.off, *d;
	u32 blen = boundary.len;

	d = find_delimiter(p, p, end, b, blen);
	if (!d)
		return SIPALG_E_MULTIPART;
	for (;;) {
		struct sipalg_span type = { 0, 0 }, sub = { 0, 0 };
		const char *q = d + 2 + blen, *body, *next, *bend;

		if (end - q >= 2 && q[0] == '-' && q[1] == '-')
			return SIPALG_OK;	/* close-delimiter */
		q = sc_skip_wsp(q, end);	/* transport-padding */
		if (q < end && *q == '\r')
			q++;
		if (q >= end || *q != '\n')
			return SIPALG_E_MULTIPART;
		q++;

		/* part headers (RFC 2045): only Content-Type matters */
		for (;;) {
			const char *eol, *nxt, *colon;
			int err;

			if (is_empty_line(q, end, &body))
				break;
			err = line_end(c, q, end, true, &eol, &nxt);
			if (err)
				return SIPALG_E_MULTIPART;
			colon = memchr(q, ':', eol - q);
			if (!colon)
				return SIPALG_E_MULTIPART;
			{
				const char *ne = sc_trim_end(q, colon);
				u32 nl = (u32)(ne - q);

				if (SC_IEQ(q, nl, "content-type") ||
				    (nl == 1 && sc_lower(*q) == 'c')) {
					const char *vs = sc_skip_lws(colon + 1, eol);
					const char *ve = sc_trim_end(vs, eol);

					if (parse_ctype(c, vs, ve, &type, &sub))
						return SIPALG_E_MULTIPART;
				}
			}
			q = nxt;
		}

		next = find_delimiter(body, body, end, b, blen);
		bend = next ? next : end;
		if (next && bend > body && bend[-1] == '\n')
			bend--;
		if (next && bend > body && bend[-1] == '\r')
			bend--;

		if (type.len && ctype_is(c, type, "application/sdp", 15)) {
			*out = SPAN(c, body, bend);
			return SIPALG_OK;
		}
		if (type.len && ctype_is_multipart(c, type) && sub.len &&
		    depth < 2) {
			int err = find_sdp_part(c, body, bend, sub, depth + 1,
						out);

			if (err || out->len)
				return err;
		}
		if (!next)
			return SIPALG_OK;
		d = next;
	}
}

static int frame_body(struct ctx *c, const char *body)
{
	struct sipalg_msg *m = c->m;
	u32 avail = (u32)(c->end - body);
	u32 blen;

	if (m->flags & SIPALG_MF_CLEN) {
		if (m->clen > avail) {
			if (c->stream)
				return m->hdr_end + (u64)m->clen > SIPALG_MSG_MAX ?
					SIPALG_E_TOO_LONG : SIPALG_E_INCOMPLETE;
			return SIPALG_E_BODY_TRUNC;
		}
		blen = m->clen;
		if (!c->stream && avail > blen)
			m->flags |= SIPALG_MF_EXCESS;
	} else {
		if (c->stream)
			return SIPALG_E_NO_CLEN;
		blen = avail;
	}
	m->body = SPAN(c, body, body + blen);
	m->len = (u16)(m->hdr_end + blen);
	return SIPALG_OK;
}

static int classify_body(struct ctx *c)
{
	struct sipalg_msg *m = c->m;
	const char *body = c->buf + m->body.off;

	if (m->content_type.len) {
		if (ctype_is(c, m->content_type, "application/sdp", 15)) {
			m->body_type = SIPALG_BODY_SDP;
			m->sdp = m->body;
		} else if (ctype_is_multipart(c, m->content_type)) {
			m->body_type = SIPALG_BODY_MULTIPART;
			if (!c->boundary.len)
				return SIPALG_E_MULTIPART;
			if (m->body.len)
				return find_sdp_part(c, body, body + m->body.len,
						     c->boundary, 0, &m->sdp);
		} else {
			m->body_type = SIPALG_BODY_OTHER;
		}
		return SIPALG_OK;
	}
	if (!m->body.len)
		return SIPALG_OK;
	if (m->body.len >= 3 && !memcmp(body, "v=0", 3)) {
		m->body_type = SIPALG_BODY_SDP;
		m->sdp = m->body;
		m->flags |= SIPALG_MF_SDP_GUESSED;
	} else {
		m->body_type = SIPALG_BODY_OTHER;
	}
	return SIPALG_OK;
}

int sipalg_parse_msg(const char *buf, u32 len, unsigned int flags,
		     struct sipalg_msg *m)
{
	struct ctx c = {
		.buf = buf,
		.m = m,
		.stream = flags & SIPALG_PF_STREAM,
	};
	const char *p = buf, *end, *eol, *next;
	int err;

	memset(m, 0, sizeof(*m));
	if (len > SIPALG_MSG_MAX) {
		/* A stream may hold more than one message: look at the first
		 * 64 KiB only; a datagram that large cannot be a SIP message.
		 */
		if (!c.stream)
			return SIPALG_E_TOO_LONG;
		len = SIPALG_MSG_MAX;
	}
	end = buf + len;
	c.end = end;

	/* §7.5: CRLFs before the start line are ignored */
	while (p < end && (*p == '\r' || *p == '\n'))
		p++;
	if (p == end) {
		if (len)
			return SIPALG_E_KEEPALIVE;
		return c.stream ? SIPALG_E_INCOMPLETE : SIPALG_E_START_LINE;
	}
	m->start = (u16)(p - buf);

	err = line_end(&c, p, end, false, &eol, &next);
	if (err)
		goto incomplete;
	/* NUL has no place in a start line; in header values it can only be
	 * a quoted-pair (§25.1), which the value parsers accept or refuse
	 */
	if (memchr(p, '\0', eol - p))
		return SIPALG_E_NUL;
	err = parse_start_line(&c, p, eol);
	if (err)
		return err;
	p = next;

	for (;;) {
		const char *colon, *name_end, *vs, *ve;
		u8 id;

		if (is_empty_line(p, end, &next))
			break;
		err = line_end(&c, p, end, true, &eol, &next);
		if (err)
			goto incomplete;
		if (sc_is(*p, SC_WSP))
			return SIPALG_E_HEADER;	/* fold without a header */

		name_end = sc_skip_class(p, eol, SC_TOKEN);
		colon = sc_skip_wsp(name_end, eol);
		if (name_end == p || colon >= eol || *colon != ':')
			return SIPALG_E_HEADER;
		id = header_id(p, (u32)(name_end - p));
		vs = sc_skip_lws(colon + 1, eol);
		ve = sc_trim_end(vs, eol);
		m->nheaders++;
		err = parse_header(&c, id, vs, ve);
		if (err)
			return err;
		p = next;
	}
	m->hdr_end = (u16)(next - buf);

	if (!m->nvia || !(c.seen & SEEN(H_FROM)) || !(c.seen & SEEN(H_TO)) ||
	    !(c.seen & SEEN(H_CALL_ID)) || !(c.seen & SEEN(H_CSEQ)))
		return SIPALG_E_MISSING;
	if (m->kind == SIPALG_REQUEST &&
	    (m->cseq_method_span.len != m->method_span.len ||
	     memcmp(buf + m->cseq_method_span.off, buf + m->method_span.off,
		    m->method_span.len)))
		return SIPALG_E_CSEQ_METHOD;

	err = frame_body(&c, next);
	if (err)
		return err;
	return classify_body(&c);

incomplete:
	if (err != SIPALG_E_INCOMPLETE)
		return err;
	if (!c.stream)
		return SIPALG_E_HEADERS_END;
	return len >= SIPALG_MSG_MAX ? SIPALG_E_TOO_LONG : SIPALG_E_INCOMPLETE;
}

SIPALG_EXPORT(sipalg_parse_msg);
