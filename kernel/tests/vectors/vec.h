/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shared parser test vectors: one table, three harnesses (KUnit in
 * kernel/tests/, the userspace tests in tools/tests/, the fuzz seed
 * generator in tools/fuzz/).  Pure C over the parser's port header, like
 * the parser itself.
 *
 * A vector is an input as it appears on the wire, the error code the
 * message parser must return, the error code the SDP parser must return on
 * the SDP it finds, and a list of expectations, one per line:
 *
 *	key=value	the decoded value, or the exact text of the span the
 *			parser reported, must equal value
 *	key@off+len	the span must be exactly {off, len}
 *	key=		the field must be absent / empty
 *
 * The keys are listed in check.c (sipalg_vec_get()).
 */
#ifndef _SIPALG_TEST_VEC_H
#define _SIPALG_TEST_VEC_H

#include "../../parser/parser.h"

#define VEC_STREAM	0x1	/* parse with SIPALG_PF_STREAM */

struct sipalg_vec {
	const char *name;
	const char *in;
	u32 len;
	u32 flags;
	int err;		/* expected sipalg_parse_msg() result */
	int sdp_err;		/* expected sipalg_parse_sdp() result */
	const char *expect;
};

/* len from sizeof, so that inputs may hold NUL bytes */
#define VEC(n, fl, e, se, input, exp) {					\
	.name = (n), .in = (input), .len = sizeof(input) - 1,		\
	.flags = (fl), .err = (e), .sdp_err = (se), .expect = (exp) }

extern const struct sipalg_vec sipalg_vectors[];
extern const unsigned int sipalg_nvectors;

/* Scratch space for one check: too big for a kernel stack. */
struct sipalg_vec_work {
	struct sipalg_msg msg;
	struct sipalg_sdp sdp;
	char val[512];
};

/*
 * Runs vector v; returns 0 when it behaves as expected, else -1 with a
 * one-line reason in why.
 */
int sipalg_vec_check(const struct sipalg_vec *v, struct sipalg_vec_work *w,
		     char *why, u32 whylen);

#endif
