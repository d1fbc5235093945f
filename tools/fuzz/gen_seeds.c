// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the shared vectors out as files: DIR/sip/ (fuzz seeds for
 * fuzz_sip), DIR/sdp/ (the SDP of each, for fuzz_sdp) and DIR/vectors/
 * (named NNN-name[.tcp][.err].sip, for the CLI tests).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../kernel/tests/vectors/vec.h"

static void put(const char *dir, const char *sub, const char *name,
		const char *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	if (mkdir(path, 0755) && errno != EEXIST) {
		perror(path);
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static struct sipalg_msg m;
	char name[256];
	unsigned int i;

	if (argc != 2) {
		fprintf(stderr, "usage: gen_seeds DIR\n");
		return 2;
	}
	if (mkdir(argv[1], 0755) && errno != EEXIST) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < sipalg_nvectors; i++) {
		const struct sipalg_vec *v = &sipalg_vectors[i];
		bool bad = v->err != SIPALG_OK || v->sdp_err != SIPALG_OK;

		snprintf(name, sizeof(name), "%03u-%s", i, v->name);
		put(argv[1], "sip", name, v->in, v->len);
		snprintf(name, sizeof(name), "%03u-%s%s%s.sip", i, v->name,
			 (v->flags & VEC_STREAM) ? ".tcp" : "",
			 bad ? ".err" : "");
		put(argv[1], "vectors", name, v->in, v->len);
		if (sipalg_parse_msg(v->in, v->len,
				     (v->flags & VEC_STREAM) ?
				     SIPALG_PF_STREAM : 0, &m) == SIPALG_OK &&
		    m.sdp.len) {
			snprintf(name, sizeof(name), "%03u-%s", i, v->name);
			put(argv[1], "sdp", name, v->in + m.sdp.off, m.sdp.len);
		}
	}
	printf("%u vectors written to %s\n", sipalg_nvectors, argv[1]);
	return 0;
}
