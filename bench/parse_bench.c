// SPDX-License-Identifier: GPL-2.0
/*
 * Parser benchmark: a representative INVITE with SDP (the shared vector
 * "vendor-grandstream-invite": 2 m= lines, 16 headers) parsed N times,
 * SIP and SDP.  Prints messages/s and bytes/s.  bench/run.sh also runs it
 * under callgrind to count instructions per message, which, unlike time,
 * does not depend on what else the machine is doing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../kernel/tests/vectors/vec.h"

int main(int argc, char **argv)
{
	static struct sipalg_msg m;
	static struct sipalg_sdp sdp;
	const char *want = argc > 2 ? argv[2] : "vendor-grandstream-invite";
	const struct sipalg_vec *v = NULL;
	long n = argc > 1 ? atol(argv[1]) : 1000000, i;
	struct timespec t0, t1;
	double s;
	unsigned int k;

	for (k = 0; k < sipalg_nvectors; k++)
		if (!strcmp(sipalg_vectors[k].name, want))
			v = &sipalg_vectors[k];
	if (!v) {
		fprintf(stderr, "no vector %s\n", want);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		if (sipalg_parse_msg(v->in, v->len, 0, &m) ||
		    sipalg_parse_sdp(v->in, m.sdp, &sdp))
			return 1;
		__asm__ volatile("" : : "r"(&sdp) : "memory");
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (n >= 1000)
		printf("%s: %u bytes, %ld messages in %.3f s: %.0f msg/s, %.1f MB/s\n",
		       v->name, v->len, n, s, n / s, n * (double)v->len / s / 1e6);
	return 0;
}
