// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the SIP message parser, as datagram and as stream,
 * then the SDP parser on whatever SDP it finds.  Besides the sanitizers,
 * it checks that every span the parser reports lies inside the input.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kernel/parser/parser.h"

static void in(struct sipalg_span s, size_t size)
{
	if ((size_t)s.off + s.len > size)
		abort();
}

static void check_msg(const struct sipalg_msg *m, size_t size)
{
	unsigned int i;

	in(m->call_id, size);
	in(m->ruri.span, size);
	in(m->ruri.hp.host, size);
	in(m->body, size);
	in(m->sdp, size);
	in(m->from.value, size);
	in(m->to.tag, size);
	if (m->len > size)
		abort();
	for (i = 0; i < m->nvia && i < SIPALG_MAX_VIA; i++) {
		in(m->via[i].sent_by.host, size);
		in(m->via[i].sent_by.port, size);
		in(m->via[i].received, size);
		in(m->via[i].rport, size);
	}
	for (i = 0; i < m->ncontact && i < SIPALG_MAX_CONTACT; i++)
		in(m->contact[i].uri.hp.host, size);
	/* sipalg_cid_key() splices the host within the Call-ID */
	if (m->cid.host.len &&
	    (m->cid.host.off < m->call_id.off ||
	     m->cid.host.off + m->cid.host.len >
	     m->call_id.off + m->call_id.len))
		abort();
	if (m->ncidref > SIPALG_MAX_CIDREF)
		abort();
	for (i = 0; i < m->ncidref; i++)
		if (!m->cidref[i].host.len)
			abort();
		else
			in(m->cidref[i].host, size);
}

static void check_sdp(const struct sipalg_sdp *sdp, size_t size)
{
	unsigned int i;

	in(sdp->origin, size);
	in(sdp->c.addr, size);
	for (i = 0; i < sdp->nmedia; i++) {
		in(sdp->m[i].port, size);
		in(sdp->m[i].section, size);
		in(sdp->m[i].c.addr, size);
		in(sdp->m[i].rtcp_port, size);
		in(sdp->m[i].rtcp_addr, size);
	}
	for (i = 0; i < sdp->ncand; i++) {
		in(sdp->cand[i].addr, size);
		in(sdp->cand[i].rport, size);
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct sipalg_msg m;
	static struct sipalg_sdp sdp;
	unsigned int f;
	char *buf;

	if (size > SIPALG_MSG_MAX)
		return 0;
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	for (f = 0; f <= SIPALG_PF_STREAM; f += SIPALG_PF_STREAM) {
		int err = sipalg_parse_msg(buf, (u32)size, f, &m);

		if (err < 0 || err >= SIPALG_E_COUNT)
			abort();
		check_msg(&m, size);
		if (err == SIPALG_OK && m.sdp.len) {
			err = sipalg_parse_sdp(buf, m.sdp, &sdp);
			if (err < 0 || err >= SIPALG_E_COUNT)
				abort();
			check_sdp(&sdp, size);
		}
	}
	free(buf);
	return 0;
}
