// SPDX-License-Identifier: GPL-2.0
/*
 * "sipalg parse": the kernel's SIP/SDP parser (kernel/parser/), compiled
 * into the CLI, run over messages stored in files.  No module, no root.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../kernel/parser/parser.h"
#include "sipalg.h"

/* larger than any message the parser accepts, so "too long" is reported */
#define PARSE_FILE_MAX	(1u << 20)

static void span(struct out *o, const char *key, const char *buf,
		 struct sipalg_span s, bool present)
{
	if (present)
		out_strn(o, key, buf + s.off, s.len);
	else
		out_null(o, key);
}

static void port(struct out *o, const char *key,
		 const struct sipalg_hostport *hp)
{
	if (hp->port.len)
		out_int(o, key, hp->port_num);
	else
		out_null(o, key);
}

static bool uri_has_host(const struct sipalg_uri *u)
{
	return (u->scheme == SIPALG_SCHEME_SIP ||
		u->scheme == SIPALG_SCHEME_SIPS) && u->hp.host.len;
}

static void naddr(struct out *o, const char *key, const char *buf,
		  const struct sipalg_naddr *na, bool present, bool tag)
{
	if (!present) {
		out_null(o, key);
		return;
	}
	out_obj_begin(o, key);
	span(o, "host", buf, na->uri.hp.host, uri_has_host(&na->uri));
	if (uri_has_host(&na->uri))
		port(o, "port", &na->uri.hp);
	else
		out_null(o, "port");
	if (tag)
		span(o, "tag", buf, na->tag, na->tag.len);
	out_obj_end(o);
}

static void print_sdp(struct out *o, const char *buf,
		      const struct sipalg_sdp *sdp)
{
	unsigned int i;

	out_obj_begin(o, "sdp");
	span(o, "origin", buf, sdp->origin, sdp->origin.len);
	out_list_begin(o, "media");
	for (i = 0; i < sdp->nmedia; i++) {
		const struct sipalg_sdp_media *m = &sdp->m[i];
		const struct sipalg_sdp_conn *c = sipalg_sdp_media_conn(sdp, i);

		out_obj_begin(o, NULL);
		out_strn(o, "type", buf + m->type.off, m->type.len);
		out_int(o, "port", m->port_num);
		out_int(o, "count", m->count);
		out_strn(o, "proto", buf + m->proto.off, m->proto.len);
		span(o, "conn", buf, c ? c->addr : m->c.addr, c);
		if (m->flags & SIPALG_SM_RTCP)
			out_int(o, "rtcp", m->rtcp_num);
		else
			out_null(o, "rtcp");
		span(o, "rtcp_conn", buf, m->rtcp_addr,
		     m->flags & SIPALG_SM_RTCP_ADDR);
		out_bool(o, "rtcp_mux", m->flags & SIPALG_SM_RTCP_MUX);
		out_str(o, "direction",
			sipalg_direction_name(sipalg_sdp_media_dir(sdp, i)));
		out_obj_end(o);
	}
	out_list_end(o);
	out_obj_end(o);
}

/*
 * One message.  An invalid message still shows what was decoded before the
 * error, which is what one wants when looking at a capture.
 */
static void print_msg(struct out *o, const char *file, const char *buf,
		      int err, const struct sipalg_msg *m,
		      const struct sipalg_sdp *sdp, bool have_sdp)
{
	unsigned int i;

	out_doc_begin(o);
	out_str(o, "file", file);
	out_bool(o, "valid", err == SIPALG_OK);
	if (err)
		out_str(o, "error", sipalg_strerror(err));
	else
		out_null(o, "error");
	out_str(o, "kind", m->kind == SIPALG_REQUEST ? "request" :
		m->kind == SIPALG_RESPONSE ? "response" : NULL);
	span(o, "method", buf, m->method_span,
	     m->kind == SIPALG_REQUEST && m->method_span.len);
	if (m->kind == SIPALG_RESPONSE)
		out_int(o, "status", m->status);
	else
		out_null(o, "status");
	span(o, "request_uri", buf, m->ruri.span,
	     m->kind == SIPALG_REQUEST && m->ruri.span.len);
	span(o, "call_id", buf, m->call_id, m->call_id.len);
	/* the addresses nf_nat_sipalg maps in Call-IDs (rw_cid()) */
	span(o, "call_id_addr", buf, m->cid.host, m->cid.host.len);
	out_list_begin(o, "dialog_ref_addrs");
	for (i = 0; i < m->ncidref && i < SIPALG_MAX_CIDREF; i++)
		out_strn(o, NULL, buf + m->cidref[i].host.off,
			 m->cidref[i].host.len);
	out_list_end(o);
	if (m->cseq_method_span.len) {
		out_obj_begin(o, "cseq");
		out_int(o, "seq", m->cseq);
		out_strn(o, "method", buf + m->cseq_method_span.off,
			 m->cseq_method_span.len);
		out_obj_end(o);
	} else {
		out_null(o, "cseq");
	}

	out_list_begin(o, "via");
	for (i = 0; i < m->nvia && i < SIPALG_MAX_VIA; i++) {
		const struct sipalg_via *v = &m->via[i];

		out_obj_begin(o, NULL);
		out_strn(o, "transport", buf + v->transport.off,
			 v->transport.len);
		out_strn(o, "host", buf + v->sent_by.host.off,
			 v->sent_by.host.len);
		port(o, "port", &v->sent_by);
		span(o, "branch", buf, v->branch, v->branch.len);
		span(o, "received", buf, v->received,
		     v->flags & SIPALG_VIA_RECEIVED);
		if (!(v->flags & SIPALG_VIA_RPORT))
			out_null(o, "rport");
		else if (v->rport.len)
			out_int(o, "rport", v->rport_num);
		else
			out_bool(o, "rport", true);
		out_obj_end(o);
	}
	out_list_end(o);

	out_list_begin(o, "contact");
	for (i = 0; i < m->ncontact && i < SIPALG_MAX_CONTACT; i++) {
		const struct sipalg_naddr *c = &m->contact[i];

		naddr(o, NULL, buf, c, true, false);
	}
	out_list_end(o);

	naddr(o, "from", buf, &m->from, m->from.value.len, true);
	naddr(o, "to", buf, &m->to, m->to.value.len, true);
	if (m->flags & SIPALG_MF_CLEN)
		out_int(o, "content_length", m->clen);
	else
		out_null(o, "content_length");
	if (m->hdr_end)
		out_int(o, "body_length", m->body.len);
	else
		out_null(o, "body_length");
	if (have_sdp)
		print_sdp(o, buf, sdp);
	else
		out_null(o, "sdp");
	out_doc_end(o);
}

static int read_all(const char *file, char **bufp, size_t *lenp)
{
	FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
	size_t len = 0, n;
	char *buf;

	if (!f)
		return -errno;
	buf = malloc(PARSE_FILE_MAX + 1);
	if (!buf) {
		if (f != stdin)
			fclose(f);
		return -ENOMEM;
	}
	while ((n = fread(buf + len, 1, PARSE_FILE_MAX + 1 - len, f)) > 0) {
		len += n;
		if (len > PARSE_FILE_MAX)
			break;
	}
	if (ferror(f)) {
		int e = errno ? errno : EIO;

		free(buf);
		if (f != stdin)
			fclose(f);
		return -e;
	}
	if (f != stdin)
		fclose(f);
	*bufp = buf;
	*lenp = len;
	return 0;
}

int cmd_parse(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "tcp", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	unsigned int flags = 0;
	struct sipalg_msg *m;
	struct sipalg_sdp *sdp;
	struct out o;
	int ret = EXIT_OK, c, i;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jth", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			cli->json = true;
			break;
		case 't':
			flags |= SIPALG_PF_STREAM;
			break;
		case 'h':
			cli_cmd_help(cli_find("parse"));
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_err("parse: no FILE given (use - for stdin); see 'sipalg parse --help'");
		return EXIT_USAGE;
	}

	m = malloc(sizeof(*m));
	sdp = malloc(sizeof(*sdp));
	if (!m || !sdp) {
		cli_err("parse: out of memory");
		free(m);
		free(sdp);
		return EXIT_ERR;
	}
	out_init(&o, stdout, cli->json);
	for (i = optind; i < argc; i++) {
		bool have_sdp = false;
		size_t len = 0;
		char *buf = NULL;
		int err;

		err = read_all(argv[i], &buf, &len);
		if (err) {
			cli_err("parse: cannot read %s: %s", argv[i],
				strerror(-err));
			ret = EXIT_ERR;
			continue;
		}
		memset(m, 0, sizeof(*m));
		err = len > PARSE_FILE_MAX ? SIPALG_E_TOO_LONG :
		      sipalg_parse_msg(buf, (u32)len, flags, m);
		if (err == SIPALG_OK && m->sdp.len) {
			have_sdp = true;
			err = sipalg_parse_sdp(buf, m->sdp, sdp);
		}
		if (err)
			ret = EXIT_ERR;
		print_msg(&o, argv[i], buf, err, m, sdp, have_sdp);
		free(buf);
	}
	free(m);
	free(sdp);
	return ret;
}
