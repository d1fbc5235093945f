// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for sipalg, run in a test kernel (selftests/kunit/).
 *
 * sipalg_parser: every shared vector (kernel/tests/vectors/), the same
 * table the userspace tests and the fuzz seeds use, through the parser as
 * built for the kernel, from a buffer of exactly the message's length (so
 * that KASAN sees any read past its end) and on every truncated prefix.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "vectors/vec.h"

static void sipalg_parser_vectors(struct kunit *test)
{
	struct sipalg_vec_work *w;
	unsigned int i;
	char *why;

	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	why = kunit_kzalloc(test, 256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	KUNIT_ASSERT_NOT_NULL(test, why);
	for (i = 0; i < sipalg_nvectors; i++) {
		struct sipalg_vec v = sipalg_vectors[i];
		char *buf = kmemdup(v.in, v.len ? v.len : 1, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, buf);
		v.in = buf;
		KUNIT_EXPECT_EQ_MSG(test, sipalg_vec_check(&v, w, why, 256), 0,
				    "%s: %s", v.name, why);
		kfree(buf);
	}
}

static void sipalg_parser_prefixes(struct kunit *test)
{
	struct sipalg_vec_work *w;
	unsigned int i, f;
	u32 n;

	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	for (i = 0; i < sipalg_nvectors; i++) {
		const struct sipalg_vec *v = &sipalg_vectors[i];

		for (n = 0; n < v->len; n++) {
			char *buf = kmemdup(v->in, n ? n : 1, GFP_KERNEL);

			KUNIT_ASSERT_NOT_NULL(test, buf);
			for (f = 0; f <= SIPALG_PF_STREAM; f += SIPALG_PF_STREAM) {
				int err = sipalg_parse_msg(buf, n, f, &w->msg);

				KUNIT_EXPECT_LT(test, err, SIPALG_E_COUNT);
				if (err == SIPALG_OK) {
					KUNIT_EXPECT_LE(test, (u32)w->msg.len, n);
					if (w->msg.sdp.len)
						sipalg_parse_sdp(buf, w->msg.sdp,
								 &w->sdp);
				}
			}
			kfree(buf);
		}
	}
}

static struct kunit_case sipalg_parser_cases[] = {
	KUNIT_CASE(sipalg_parser_vectors),
	KUNIT_CASE(sipalg_parser_prefixes),
	{}
};

static struct kunit_suite sipalg_parser_suite = {
	.name = "sipalg_parser",
	.test_cases = sipalg_parser_cases,
};

kunit_test_suites(&sipalg_parser_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for sipalg");
