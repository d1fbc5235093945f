// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace run of the shared parser vectors (kernel/tests/vectors/), TAP
 * output.  Each vector is run from a heap copy of exactly its length, so
 * that AddressSanitizer catches any read past the end of the message, and
 * then on every truncated prefix, as datagram and as stream, which must
 * give a defined answer whatever it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../kernel/tests/vectors/vec.h"

static char *dup_exact(const char *in, u32 len)
{
	char *buf = malloc(len ? len : 1);

	if (!buf)
		abort();
	memcpy(buf, in, len);
	return buf;
}

static int run(const struct sipalg_vec *v, struct sipalg_vec_work *w,
	       char *why, size_t whylen)
{
	struct sipalg_vec copy = *v;
	char *buf = dup_exact(v->in, v->len);
	int ret;

	copy.in = buf;
	ret = sipalg_vec_check(&copy, w, why, (u32)whylen);
	free(buf);
	return ret;
}

static int prefixes(const struct sipalg_vec *v, struct sipalg_vec_work *w,
		    char *why, size_t whylen)
{
	unsigned int f;
	u32 n;

	for (n = 0; n < v->len; n++) {
		char *buf = dup_exact(v->in, n);

		for (f = 0; f <= SIPALG_PF_STREAM; f += SIPALG_PF_STREAM) {
			int err = sipalg_parse_msg(buf, n, f, &w->msg);

			if (err < 0 || err >= SIPALG_E_COUNT) {
				snprintf(why, whylen, "prefix %u: code %d",
					 n, err);
				free(buf);
				return -1;
			}
			if (err == SIPALG_OK && w->msg.len > n) {
				snprintf(why, whylen, "prefix %u: len %u",
					 n, w->msg.len);
				free(buf);
				return -1;
			}
			if (err == SIPALG_OK && w->msg.sdp.len)
				sipalg_parse_sdp(buf, w->msg.sdp, &w->sdp);
		}
		free(buf);
	}
	return 0;
}

int main(void)
{
	struct sipalg_vec_work *w = malloc(sizeof(*w));
	unsigned int i, t = 0, fails = 0;
	char why[512];

	if (!w)
		return 1;
	printf("TAP version 13\n1..%u\n", 2 * sipalg_nvectors + 1);
	for (i = 0; i < sipalg_nvectors; i++) {
		const struct sipalg_vec *v = &sipalg_vectors[i];

		if (run(v, w, why, sizeof(why))) {
			printf("not ok %u - %s\n# %s\n", ++t, v->name, why);
			fails++;
		} else {
			printf("ok %u - %s\n", ++t, v->name);
		}
		if (prefixes(v, w, why, sizeof(why))) {
			printf("not ok %u - %s prefixes\n# %s\n", ++t, v->name,
			       why);
			fails++;
		} else {
			printf("ok %u - %s prefixes\n", ++t, v->name);
		}
	}
	for (i = 0; i < SIPALG_E_COUNT; i++)
		if (!sipalg_strerror(i) || !strcmp(sipalg_strerror(i), "?"))
			break;
	printf("%s %u - sipalg_strerror names every code\n",
	       i == SIPALG_E_COUNT ? "ok" : "not ok", ++t);
	fails += i != SIPALG_E_COUNT;
	free(w);
	return fails ? 1 : 0;
}
