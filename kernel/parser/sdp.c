// SPDX-License-Identifier: GPL-2.0
/*
 * SDP parser (RFC 8866, which obsoletes RFC 4566; section numbers below are
 * RFC 8866's unless said otherwise).
 *
 * One pass over the session description: every line is "<type>=<value>"
 * (§5).  We decode what decides which media flows exist and where they go:
 * o= (origin address), c= (session and media level), m= (media, port,
 * proto), and the attributes a=rtcp (RFC 3605), a=rtcp-mux (RFC 5761),
 * direction (§6.7) and a=candidate (RFC 8839 §5.1).  Everything else is
 * skipped unread, so new attributes never break a call.
 *
 * What is tolerated, and why:
 *  - a bare LF as line end (§5 says parsers SHOULD accept it);
 *  - empty lines and trailing whitespace at the end of the body (several
 *    SIP stacks add a blank line after the last attribute);
 *  - a missing o= line (the origin is reported absent; nothing the NAT
 *    needs depends on it) and lines of unknown type (§5: ignore);
 *  - host names (FQDN) in c=, a=rtcp and a=candidate: reported with
 *    family SIPALG_AF_NAME, the caller decides (no pinhole).
 */
#include "lex.h"

struct sdp_ctx {
	const char *buf;
	struct sipalg_sdp *sdp;
	int cur;		/* index of the current m= section, -1 before */
};

static const char *const media_names[] = {
	[SIPALG_MEDIA_OTHER]		= "other",
	[SIPALG_MEDIA_AUDIO]		= "audio",
	[SIPALG_MEDIA_VIDEO]		= "video",
	[SIPALG_MEDIA_IMAGE]		= "image",
	[SIPALG_MEDIA_APPLICATION]	= "application",
	[SIPALG_MEDIA_TEXT]		= "text",
	[SIPALG_MEDIA_MESSAGE]		= "message",
};

const char *sipalg_media_name(unsigned int type)
{
	if (type >= ARRAY_SIZE(media_names))
		type = SIPALG_MEDIA_OTHER;
	return media_names[type];
}

SIPALG_EXPORT(sipalg_media_name);

static const char *const dir_names[] = {
	[SIPALG_DIR_NONE]	= "none",
	[SIPALG_DIR_SENDRECV]	= "sendrecv",
	[SIPALG_DIR_SENDONLY]	= "sendonly",
	[SIPALG_DIR_RECVONLY]	= "recvonly",
	[SIPALG_DIR_INACTIVE]	= "inactive",
};

const char *sipalg_direction_name(unsigned int dir)
{
	if (dir >= ARRAY_SIZE(dir_names))
		dir = SIPALG_DIR_NONE;
	return dir_names[dir];
}

SIPALG_EXPORT(sipalg_direction_name);

/* The next space-separated field of [*pp, end); false when none is left. */
static bool field(const char **pp, const char *end, const char **fs,
		  const char **fe)
{
	const char *p = sc_skip_wsp(*pp, end);

	if (p == end)
		return false;
	*fs = p;
	while (p < end && !sc_is(*p, SC_WSP))
		p++;
	*fe = p;
	*pp = p;
	return true;
}

static u8 media_type(const char *p, u32 n)
{
	if (SC_IEQ(p, n, "audio"))
		return SIPALG_MEDIA_AUDIO;
	if (SC_IEQ(p, n, "video"))
		return SIPALG_MEDIA_VIDEO;
	if (SC_IEQ(p, n, "image"))
		return SIPALG_MEDIA_IMAGE;
	if (SC_IEQ(p, n, "application"))
		return SIPALG_MEDIA_APPLICATION;
	if (SC_IEQ(p, n, "text"))
		return SIPALG_MEDIA_TEXT;
	if (SC_IEQ(p, n, "message"))
		return SIPALG_MEDIA_MESSAGE;
	return SIPALG_MEDIA_OTHER;
}

/*
 * "IN IP4 <addr>" / "IN IP6 <addr>" as in o=, c= and a=rtcp (§5.2, §5.7).
 * The address is decoded when it is a literal of the stated family; a
 * literal of the other family is an error, a host name is not.
 */
static bool nettype_addr(struct sdp_ctx *c, const char **pp, const char *end,
			 struct sipalg_span *span, struct sipalg_addr *a,
			 const char **aend)
{
	const char *fs, *fe;
	u8 fam;

	if (!field(pp, end, &fs, &fe) || !SC_IEQ(fs, (u32)(fe - fs), "in"))
		return false;
	if (!field(pp, end, &fs, &fe))
		return false;
	if (SC_IEQ(fs, (u32)(fe - fs), "ip4"))
		fam = SIPALG_AF_INET;
	else if (SC_IEQ(fs, (u32)(fe - fs), "ip6"))
		fam = SIPALG_AF_INET6;
	else
		return false;
	if (!field(pp, end, &fs, &fe))
		return false;
	*aend = fe;
	/* multicast c= carries "/ttl/count" suffixes (§5.7) */
	for (fe = fs; fe < *aend && *fe != '/'; fe++)
		;
	if (fe == fs)
		return false;
	*span = sc_span(c->buf, fs, fe);
	sipalg_parse_host(fs, (u32)(fe - fs), false, a);
	if (a->family != SIPALG_AF_NAME && a->family != fam)
		return false;
	/* a host name must at least look like one (RFC 3986 reg-name) */
	if (a->family == SIPALG_AF_NAME &&
	    sc_skip_class(fs, fe, SC_HOST) != fe)
		return false;
	return true;
}

static int parse_origin(struct sdp_ctx *c, const char *p, const char *end)
{
	struct sipalg_sdp *sdp = c->sdp;
	const char *fs, *fe, *aend;
	int i;

	if (sdp->origin.len)
		return SIPALG_E_SDP_ORIGIN;	/* §5: exactly one o= */
	/* <username> <sess-id> <sess-version> */
	for (i = 0; i < 3; i++)
		if (!field(&p, end, &fs, &fe))
			return SIPALG_E_SDP_ORIGIN;
	if (!nettype_addr(c, &p, end, &sdp->origin, &sdp->origin_a, &aend) ||
	    aend != sdp->origin.off + sdp->origin.len + c->buf ||
	    sc_skip_wsp(aend, end) != end)
		return SIPALG_E_SDP_ORIGIN;
	return SIPALG_OK;
}

static int parse_conn(struct sdp_ctx *c, const char *p, const char *end,
		      struct sipalg_sdp_conn *conn)
{
	const char *aend, *q;
	u32 v;

	if (conn->flags & SIPALG_CONN_PRESENT)
		return SIPALG_E_SDP_CONN;	/* one c= per level (§5.7) */
	if (!nettype_addr(c, &p, end, &conn->addr, &conn->a, &aend) ||
	    sc_skip_wsp(aend, end) != end)
		return SIPALG_E_SDP_CONN;
	conn->flags = SIPALG_CONN_PRESENT;
	conn->count = 1;
	if (conn->a.family == SIPALG_AF_INET && (conn->a.a[0] & 0xf0) == 0xe0)
		conn->flags |= SIPALG_CONN_MULTICAST;
	if (conn->a.family == SIPALG_AF_INET6 && conn->a.a[0] == 0xff)
		conn->flags |= SIPALG_CONN_MULTICAST;

	/*
	 * §5.7: IPv4 multicast is addr/ttl[/count], IPv6 multicast
	 * addr[/count]; unicast addresses carry no suffix.
	 */
	p = c->buf + conn->addr.off + conn->addr.len;
	if (p == aend)
		return SIPALG_OK;
	if (!(conn->flags & SIPALG_CONN_MULTICAST))
		return SIPALG_E_SDP_CONN;
	p++;
	for (q = p; q < aend && *q != '/'; q++)
		;
	if (!sc_number(p, q, 5, 65535, &v))
		return SIPALG_E_SDP_CONN;
	if (conn->a.family == SIPALG_AF_INET) {
		if (v > 255)
			return SIPALG_E_SDP_CONN;
		conn->ttl = (u8)v;
		if (q == aend)
			return SIPALG_OK;
		p = q + 1;
		if (!sc_number(p, aend, 5, 65535, &v))
			return SIPALG_E_SDP_CONN;
	} else if (q != aend) {
		return SIPALG_E_SDP_CONN;
	}
	if (v == 0)
		return SIPALG_E_SDP_CONN;
	conn->count = (u16)v;
	return SIPALG_OK;
}

/* m=<media> <port>[/<number of ports>] <proto> <fmt> ... (§5.14) */
static int parse_media(struct sdp_ctx *c, const char *ls, const char *p,
		       const char *end)
{
	struct sipalg_sdp *sdp = c->sdp;
	struct sipalg_sdp_media *m;
	const char *fs, *fe, *slash;
	u32 v;

	if (sdp->nmedia >= SIPALG_MAX_MEDIA) {
		sdp->flags |= SIPALG_SDP_MEDIA_TRUNC;
		c->cur = SIPALG_MAX_MEDIA;	/* attributes are ignored */
		return SIPALG_OK;
	}
	c->cur = sdp->nmedia;
	m = &sdp->m[sdp->nmedia++];
	m->line = sc_span(c->buf, ls, end);
	m->section.off = m->line.off;
	m->count = 1;

	if (!field(&p, end, &fs, &fe) || sc_skip_class(fs, fe, SC_TOKEN) != fe)
		return SIPALG_E_SDP_MEDIA;
	m->type = sc_span(c->buf, fs, fe);
	m->type_id = media_type(fs, (u32)(fe - fs));

	if (!field(&p, end, &fs, &fe))
		return SIPALG_E_SDP_MEDIA;
	for (slash = fs; slash < fe && *slash != '/'; slash++)
		;
	if (!sc_number(fs, slash, 5, 65535, &v))
		return SIPALG_E_SDP_MEDIA;
	m->port = sc_span(c->buf, fs, slash);
	m->port_num = (u16)v;
	if (slash < fe) {
		if (!sc_number(slash + 1, fe, 5, 65535, &v) || v == 0)
			return SIPALG_E_SDP_MEDIA;
		m->count = (u16)v;
	}

	if (!field(&p, end, &fs, &fe))
		return SIPALG_E_SDP_MEDIA;
	m->proto = sc_span(c->buf, fs, fe);
	/* RTP/AVP, RTP/SAVPF, UDP/TLS/RTP/SAVPF, ...: RTCP applies */
	for (; fs + 3 <= fe; fs++)
		if (SC_IPREFIX(fs, fe, "rtp") &&
		    (fs + 3 == fe || fs[3] == '/'))
			m->flags |= SIPALG_SM_RTP;
	/* at least one <fmt> (§5.14) */
	if (!field(&p, end, &fs, &fe))
		return SIPALG_E_SDP_MEDIA;
	return SIPALG_OK;
}

/* a=rtcp:<port> [<nettype> <addrtype> <connection-address>] (RFC 3605 §2.1) */
static int parse_rtcp(struct sdp_ctx *c, struct sipalg_sdp_media *m,
		      const char *p, const char *end)
{
	const char *fs, *fe, *aend;
	u32 v;

	if (m->flags & SIPALG_SM_RTCP)
		return SIPALG_E_SDP_RTCP;
	if (!field(&p, end, &fs, &fe) || !sc_number(fs, fe, 5, 65535, &v) ||
	    v == 0)
		return SIPALG_E_SDP_RTCP;
	m->rtcp_port = sc_span(c->buf, fs, fe);
	m->rtcp_num = (u16)v;
	m->flags |= SIPALG_SM_RTCP;
	if (sc_skip_wsp(p, end) == end)
		return SIPALG_OK;
	if (!nettype_addr(c, &p, end, &m->rtcp_addr, &m->rtcp_a, &aend) ||
	    aend != c->buf + m->rtcp_addr.off + m->rtcp_addr.len ||
	    sc_skip_wsp(aend, end) != end)
		return SIPALG_E_SDP_RTCP;
	m->flags |= SIPALG_SM_RTCP_ADDR;
	return SIPALG_OK;
}

static u8 cand_type(const char *p, u32 n)
{
	if (SC_IEQ(p, n, "host"))
		return SIPALG_CAND_HOST;
	if (SC_IEQ(p, n, "srflx"))
		return SIPALG_CAND_SRFLX;
	if (SC_IEQ(p, n, "prflx"))
		return SIPALG_CAND_PRFLX;
	if (SC_IEQ(p, n, "relay"))
		return SIPALG_CAND_RELAY;
	return SIPALG_CAND_OTHER;
}

static bool cand_port(const char *fs, const char *fe, u16 *out)
{
	u32 v;

	/* port 9 "discard" and 0 occur for TCP active candidates */
	if (!sc_number(fs, fe, 5, 65535, &v))
		return false;
	*out = (u16)v;
	return true;
}

/*
 * a=candidate:<foundation> <component-id> <transport> <priority>
 *   <connection-address> <port> typ <cand-type> [raddr <addr>]
 *   [rport <port>] *(<extension-att-name> <extension-att-value>)
 * (RFC 8839 §5.1).  Only candidates of an m= section are recorded: the
 * grammar does not allow them at session level.
 */
static int parse_candidate(struct sdp_ctx *c, const char *p, const char *end)
{
	struct sipalg_sdp *sdp = c->sdp;
	struct sipalg_sdp_cand *k;
	const char *fs, *fe;
	u16 rport;
	u32 v;

	if (c->cur < 0 || c->cur >= SIPALG_MAX_MEDIA)
		return SIPALG_OK;
	if (sdp->ncand >= SIPALG_MAX_CAND) {
		sdp->flags |= SIPALG_SDP_CAND_TRUNC;
		return SIPALG_OK;
	}
	k = &sdp->cand[sdp->ncand];
	memset(k, 0, sizeof(*k));

	if (!field(&p, end, &fs, &fe))				/* foundation */
		return SIPALG_E_SDP_CANDIDATE;
	if (!field(&p, end, &fs, &fe) ||			/* component */
	    !sc_number(fs, fe, 3, 256, &v) || v == 0)
		return SIPALG_E_SDP_CANDIDATE;
	k->component = (u16)v;
	if (!field(&p, end, &fs, &fe))				/* transport */
		return SIPALG_E_SDP_CANDIDATE;
	if (SC_IEQ(fs, (u32)(fe - fs), "udp"))
		k->transport = SIPALG_TP_UDP;
	else if (SC_IEQ(fs, (u32)(fe - fs), "tcp"))
		k->transport = SIPALG_TP_TCP;
	else
		k->transport = SIPALG_TP_OTHER;
	if (!field(&p, end, &fs, &fe) ||			/* priority */
	    !sc_number(fs, fe, 10, 0xffffffffu, &v))
		return SIPALG_E_SDP_CANDIDATE;
	if (!field(&p, end, &fs, &fe))				/* address */
		return SIPALG_E_SDP_CANDIDATE;
	k->addr = sc_span(c->buf, fs, fe);
	sipalg_parse_host(fs, (u32)(fe - fs), false, &k->a);
	if (!field(&p, end, &fs, &fe) || !cand_port(fs, fe, &k->port_num))
		return SIPALG_E_SDP_CANDIDATE;
	k->port = sc_span(c->buf, fs, fe);
	if (!field(&p, end, &fs, &fe) || !SC_IEQ(fs, (u32)(fe - fs), "typ") ||
	    !field(&p, end, &fs, &fe))
		return SIPALG_E_SDP_CANDIDATE;
	k->typ = cand_type(fs, (u32)(fe - fs));

	/* name/value pairs: raddr, rport, then extensions */
	while (field(&p, end, &fs, &fe)) {
		const char *ns = fs, *ne = fe;

		if (!field(&p, end, &fs, &fe))
			return SIPALG_E_SDP_CANDIDATE;
		if (SC_IEQ(ns, (u32)(ne - ns), "raddr")) {
			k->raddr = sc_span(c->buf, fs, fe);
		} else if (SC_IEQ(ns, (u32)(ne - ns), "rport")) {
			if (!cand_port(fs, fe, &rport))
				return SIPALG_E_SDP_CANDIDATE;
			k->rport = sc_span(c->buf, fs, fe);
		}
	}

	k->media = (u8)c->cur;
	if (!sdp->m[c->cur].ncand)
		sdp->m[c->cur].cand_first = sdp->ncand;
	/* candidates of one m= line are contiguous: the lines are */
	sdp->m[c->cur].ncand++;
	sdp->ncand++;
	return SIPALG_OK;
}

static u8 direction(const char *p, u32 n)
{
	if (SC_IEQ(p, n, "sendrecv"))
		return SIPALG_DIR_SENDRECV;
	if (SC_IEQ(p, n, "sendonly"))
		return SIPALG_DIR_SENDONLY;
	if (SC_IEQ(p, n, "recvonly"))
		return SIPALG_DIR_RECVONLY;
	if (SC_IEQ(p, n, "inactive"))
		return SIPALG_DIR_INACTIVE;
	return SIPALG_DIR_NONE;
}

/* a=<attribute>[:<value>] (§5.13) */
static int parse_attr(struct sdp_ctx *c, const char *p, const char *end)
{
	struct sipalg_sdp_media *m = NULL;
	const char *ne = p;
	u32 n;
	u8 dir;

	while (ne < end && *ne != ':' && !sc_is(*ne, SC_WSP))
		ne++;
	n = (u32)(ne - p);
	if (c->cur >= 0 && c->cur < SIPALG_MAX_MEDIA)
		m = &c->sdp->m[c->cur];
	else if (c->cur >= SIPALG_MAX_MEDIA)
		return SIPALG_OK;	/* in a media section we do not keep */

	dir = direction(p, n);
	if (dir && ne == end) {
		if (m)
			m->dir = dir;
		else
			c->sdp->dir = dir;
		return SIPALG_OK;
	}
	/* rtcp, rtcp-mux and candidate are media-level attributes */
	if (!m)
		return SIPALG_OK;
	if (SC_IEQ(p, n, "rtcp-mux")) {
		m->flags |= SIPALG_SM_RTCP_MUX;
		return SIPALG_OK;
	}
	if (ne == end || *ne != ':')
		return SIPALG_OK;
	if (SC_IEQ(p, n, "rtcp"))
		return parse_rtcp(c, m, ne + 1, end);
	if (SC_IEQ(p, n, "candidate"))
		return parse_candidate(c, ne + 1, end);
	return SIPALG_OK;
}

int sipalg_parse_sdp(const char *buf, struct sipalg_span sp,
		     struct sipalg_sdp *sdp)
{
	struct sdp_ctx c = { .buf = buf, .sdp = sdp, .cur = -1 };
	const char *p = buf + sp.off, *end = p + sp.len;
	bool first = true;
	int err = SIPALG_OK;

	memset(sdp, 0, sizeof(*sdp));
	sdp->span = sp;

	while (p < end) {
		const char *ls = p, *le, *next, *v;

		while (p < end && *p != '\n')
			p++;
		next = p < end ? p + 1 : p;
		le = p;
		if (le > ls && le[-1] == '\r')
			le--;
		else if (p < end)
			sdp->flags |= SIPALG_SDP_LF_ONLY;
		p = next;

		if (le == ls || sc_skip_lws(ls, le) == le) {
			/* blank line: only tolerated at the very end */
			if (sc_skip_lws(next, end) != end)
				return SIPALG_E_SDP_LINE;
			break;
		}
		/* §5: <type>=<value>, type a single letter, no spaces */
		if (le - ls < 2 || ls[1] != '=' || !sc_is(ls[0], SC_ALPHA))
			return SIPALG_E_SDP_LINE;
		v = ls + 2;
		/* trailing whitespace is not SDP, but it is common */
		le = sc_trim_end(v, le);

		if (first) {
			/* §5.1: the first line is v=0 */
			if (ls[0] != 'v' || !SC_IEQ(v, (u32)(le - v), "0"))
				return SIPALG_E_SDP_VERSION;
			first = false;
			continue;
		}

		switch (ls[0]) {
		case 'o':
			if (c.cur >= 0)
				return SIPALG_E_SDP_LINE;
			err = parse_origin(&c, v, le);
			break;
		case 'c':
			if (c.cur < 0)
				err = parse_conn(&c, v, le, &sdp->c);
			else if (c.cur < SIPALG_MAX_MEDIA)
				err = parse_conn(&c, v, le, &sdp->m[c.cur].c);
			break;
		case 'm':
			if (c.cur >= 0 && c.cur < SIPALG_MAX_MEDIA)
				sdp->m[c.cur].section.len =
					(u16)(ls - buf) - sdp->m[c.cur].section.off;
			err = parse_media(&c, ls, v, le);
			break;
		case 'a':
			err = parse_attr(&c, v, le);
			break;
		case 'v':
			return SIPALG_E_SDP_VERSION;
		default:
			/* s i u e p b z k t r: nothing a NAT needs (§5) */
			break;
		}
		if (err)
			return err;
	}
	if (first)
		return SIPALG_E_SDP_VERSION;
	/* the last section runs to the end of the body */
	if (c.cur >= 0 && c.cur < SIPALG_MAX_MEDIA)
		sdp->m[c.cur].section.len =
			(u16)(end - buf) - sdp->m[c.cur].section.off;
	return SIPALG_OK;
}

SIPALG_EXPORT(sipalg_parse_sdp);
