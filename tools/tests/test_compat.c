// SPDX-License-Identifier: GPL-2.0
/*
 * The CLI against netlink messages of other module versions: a newer
 * module sends attributes, stats, stream fields and enum values this CLI
 * does not know (skipped, nothing else changes); an older one omits some
 * (printed as null or left out).  The views' callbacks are fed messages
 * built here, output checked as text; run under ASan+UBSan too.
 * TAP output.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include "../sipalg/show.c"

void cli_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

bool cli_want_help(int argc, char **argv)
{
	return false;
}

void cli_cmd_help(const struct cmd *c)
{
}

const struct cmd *cli_find(const char *name)
{
	return NULL;
}

static int ntest, nfail;

static void ok(bool cond, const char *what, const char *out)
{
	ntest++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", ntest, what);
	if (!cond) {
		nfail++;
		printf("# output: %s\n", out);
	}
}

static char buf[8192];

static struct nlmsghdr *msg(void)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));

	nlh->nlmsg_type = 0x20;
	g->cmd = SIPALG_CMD_GET_CALLS;
	g->version = SIPALG_GENL_VERSION;
	return nlh;
}

/* run cb on nlh with a JSON out into a string */
static char *run(mnl_cb_t cb, struct nlmsghdr *nlh, bool calls, bool verbose)
{
	static char *s;
	size_t n;
	FILE *f;
	struct out o;
	struct calls_ctx c = { .o = &o, .verbose = verbose };

	free(s);
	f = open_memstream(&s, &n);
	out_init(&o, f, true);
	out_doc_begin(&o);
	if (calls)
		out_list_begin(&o, "x");
	cb(nlh, calls ? (void *)&c : (void *)&o);
	if (calls)
		out_list_end(&o);
	out_doc_end(&o);
	fclose(f);
	return s;
}

static void put_stream(struct nlmsghdr *nlh, bool newer, bool older)
{
	struct nlattr *st = mnl_attr_nest_start(nlh, SIPALG_A_STREAM);
	uint8_t a[4] = { 10, 0, 0, 11 };

	mnl_attr_put_u8(nlh, SIPALG_A_STREAM_SIDE, 0);
	mnl_attr_put_u8(nlh, SIPALG_A_STREAM_INDEX, 0);
	mnl_attr_put_u8(nlh, SIPALG_A_STREAM_MEDIA, newer ? 200 : 1);
	mnl_attr_put(nlh, SIPALG_A_STREAM_ADDR, 4, a);
	mnl_attr_put_u16(nlh, SIPALG_A_STREAM_PORT, 20000);
	if (!older) {
		a[0] = 203;
		mnl_attr_put(nlh, SIPALG_A_STREAM_PUB_ADDR, 4, a);
		mnl_attr_put_u16(nlh, SIPALG_A_STREAM_PUB_PORT, 20002);
	}
	mnl_attr_put_u8(nlh, SIPALG_A_STREAM_RTP_PINHOLE, newer ? 9 : 1);
	if (newer)
		mnl_attr_put_u32(nlh, SIPALG_A_STREAM_MAX + 3, 0xdeadbeef);
	mnl_attr_nest_end(nlh, st);
}

static struct nlmsghdr *call(bool newer, bool older)
{
	struct nlmsghdr *nlh = msg();
	struct nlattr *n;

	mnl_attr_put(nlh, SIPALG_A_CALL_ID, 7, "abc@def");
	mnl_attr_put_u8(nlh, SIPALG_A_CALL_STATE, newer ? 77 : 1);
	mnl_attr_put_strz(nlh, SIPALG_A_CALL_FROM, "sip:a@b");
	if (newer) {
		mnl_attr_put_u64(nlh, SIPALG_A_MAX + 1, 42);
		n = mnl_attr_nest_start(nlh, SIPALG_A_MAX + 2);
		mnl_attr_put_u8(nlh, 1, 1);
		mnl_attr_nest_end(nlh, n);
	}
	n = mnl_attr_nest_start(nlh, SIPALG_A_CALL_STREAMS);
	put_stream(nlh, newer, older);
	if (newer) {
		/* a kind of nest element this CLI does not know */
		struct nlattr *x = mnl_attr_nest_start(nlh, SIPALG_A_STREAM + 40);

		mnl_attr_put_u8(nlh, 1, 1);
		mnl_attr_nest_end(nlh, x);
	}
	mnl_attr_nest_end(nlh, n);
	return nlh;
}

int main(void)
{
	struct nlmsghdr *nlh;
	struct nlattr *n, *p;
	char *s;
	int i;

	/* stats: a newer module counts more, an older one less */
	nlh = msg();
	n = mnl_attr_nest_start(nlh, SIPALG_A_STATS);
	for (i = 1; i <= __SIPALG_STAT_MAX + 3; i++)
		mnl_attr_put_u64(nlh, i, i);
	mnl_attr_nest_end(nlh, n);
	s = run(stats_cb, nlh, false, false);
	ok(strstr(s, "\"req_invite\":1,") && strstr(s, "\"tcp_split_unrewritten\":") &&
	   !strstr(s, "(null)"), "stats of a newer module: known ones, extra skipped", s);
	nlh = msg();
	n = mnl_attr_nest_start(nlh, SIPALG_A_STATS);
	for (i = 1; i <= 10; i++)
		mnl_attr_put_u64(nlh, i, i);
	mnl_attr_nest_end(nlh, n);
	s = run(stats_cb, nlh, false, false);
	ok(strstr(s, "\"req_invite\":1") && !strstr(s, "tcp_reassembled"),
	   "stats of an older module: what it sent", s);

	/* calls */
	s = run(calls_cb, call(false, false), true, true);
	ok(strstr(s, "\"call_id\":\"abc@def\"") && strstr(s, "\"public_port\":20002") &&
	   strstr(s, "\"state\":\"confirmed\""), "call of this version", s);
	s = run(calls_cb, call(true, false), true, true);
	ok(strstr(s, "\"call_id\":\"abc@def\"") && strstr(s, "\"public_port\":20002") &&
	   strstr(s, "\"port\":20000") && !strstr(s, "3735928559") &&
	   !strstr(s, "(null)"),
	   "call of a newer module: unknown attributes, nest and values skipped", s);
	s = run(calls_cb, call(false, true), true, true);
	ok(strstr(s, "\"public_port\":null") && strstr(s, "\"public_addr\":null") &&
	   strstr(s, "\"port\":20000"), "call of an older module: missing fields are null", s);
	s = run(calls_cb, call(true, true), true, false);
	ok(strstr(s, "abc@def") != NULL, "call table row of a newer module", s);

	/* registrations with an unknown attribute */
	nlh = msg();
	mnl_attr_put(nlh, SIPALG_A_REG_CONTACT_ADDR, 4, "\x0a\x00\x00\x0b");
	mnl_attr_put_u16(nlh, SIPALG_A_REG_CONTACT_PORT, 5060);
	mnl_attr_put_u32(nlh, SIPALG_A_MAX + 7, 1);
	s = run(regs_cb, nlh, true, false);
	ok(strstr(s, "\"contact\":\"10.0.0.11\"") && strstr(s, "\"public\":null"),
	   "registration of another version", s);

	/* config: an older module has no prefixes; a newer one more keys */
	nlh = msg();
	mnl_attr_put_u32(nlh, SIPALG_A_CFG_MAX_CALLS, 4096);
	mnl_attr_put_u8(nlh, SIPALG_A_CFG_MEDIA_POLICY, 0);
	s = run(config_cb, nlh, false, false);
	ok(strstr(s, "\"max_calls\":4096") && !strstr(s, "prefixes"),
	   "config of an older module: no prefixes", s);
	nlh = msg();
	mnl_attr_put_u8(nlh, SIPALG_A_CFG_MEDIA_POLICY, 9);
	n = mnl_attr_nest_start(nlh, SIPALG_A_CFG_PREFIXES);
	p = mnl_attr_nest_start(nlh, SIPALG_A_PREFIX);
	mnl_attr_put(nlh, SIPALG_A_PREFIX_ADDR, 4, "\xc6\x33\x64\x00");
	mnl_attr_put_u8(nlh, SIPALG_A_PREFIX_LEN, 24);
	mnl_attr_put_u8(nlh, SIPALG_A_PREFIX_MAX + 1, 1);
	mnl_attr_nest_end(nlh, p);
	p = mnl_attr_nest_start(nlh, SIPALG_A_PREFIX + 20);
	mnl_attr_nest_end(nlh, p);
	mnl_attr_nest_end(nlh, n);
	mnl_attr_put_u32(nlh, SIPALG_A_MAX + 1, 5);
	s = run(config_cb, nlh, false, false);
	ok(strstr(s, "\"prefixes\":[\"198.51.100.0/24\"]") &&
	   strstr(s, "\"media_policy\":\"unknown\""),
	   "config of a newer module: unknown policy, keys and prefix parts", s);

	printf("1..%d\n", ntest);
	return nfail ? 1 : 0;
}
