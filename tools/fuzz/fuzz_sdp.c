// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the SDP parser on the whole input. */
#include <stdlib.h>
#include <string.h>

#include "../../kernel/parser/parser.h"

static void in(struct sipalg_span s, size_t size)
{
	if ((size_t)s.off + s.len > size)
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct sipalg_sdp sdp;
	struct sipalg_span sp = { 0, (u16)size };
	unsigned int i;
	char *buf;
	int err;

	if (size > SIPALG_MSG_MAX)
		return 0;
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	err = sipalg_parse_sdp(buf, sp, &sdp);
	if (err < 0 || err >= SIPALG_E_COUNT)
		abort();
	if (sdp.nmedia > SIPALG_MAX_MEDIA || sdp.ncand > SIPALG_MAX_CAND)
		abort();
	in(sdp.origin, size);
	in(sdp.c.addr, size);
	for (i = 0; i < sdp.nmedia; i++) {
		in(sdp.m[i].line, size);
		in(sdp.m[i].section, size);
		in(sdp.m[i].proto, size);
		in(sdp.m[i].rtcp_addr, size);
		if (sdp.m[i].ncand &&
		    sdp.m[i].cand_first + sdp.m[i].ncand > sdp.ncand)
			abort();
	}
	for (i = 0; i < sdp.ncand; i++)
		in(sdp.cand[i].raddr, size);
	free(buf);
	return 0;
}
