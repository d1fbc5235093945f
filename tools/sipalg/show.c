// SPDX-License-Identifier: GPL-2.0
/*
 * The live views: stats, show calls/registrations/pinholes, config,
 * monitor.  Everything goes through the print layer (text or -j JSON).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/nf_sipalg.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#include "../../kernel/parser/parser.h"
#include "nl.h"
#include "sipalg.h"

static const char *const stat_names[__SIPALG_STAT_MAX] = {
	"req_invite", "req_ack", "req_bye", "req_cancel", "req_register",
	"req_options", "req_prack", "req_update", "req_other",
	"resp_1xx", "resp_2xx", "resp_3xx", "resp_4xx", "resp_5xx", "resp_6xx",
	"parse_errors", "dropped", "keepalives", "not_sip_port",
	"pinholes_created", "pinholes_removed", "pinhole_refused_port",
	"pinhole_refused_addr", "pinhole_refused_limit", "pinhole_failed",
	"stream_refused_limit",
	"calls_active", "calls_total", "call_refused_limit", "calls_ended_bye",
	"calls_ended_cancel", "calls_ended_failure", "calls_ended_timeout",
	"calls_ended_flow",
	"regs_active", "regs_total", "regs_expired", "regs_removed",
	"reg_refused_limit", "media_refused_source",
	"tcp_reassembled", "tcp_reasm_overflow", "tcp_reasm_gap",
	"tcp_reasm_nomem", "tcp_split_unrewritten", "tcp_split_dropped",
	"tcp_split_rewritten",
};

static const char *const state_names[] = {
	"early", "confirmed", "held", "terminating",
};

static const char *const pinhole_names[] = { "none", "waiting", "used" };

static const char *const event_names[] = {
	"unspec", "call-created", "call-answered", "call-ended",
	"registration-added", "registration-expired", "registration-removed",
	"refused",
};

#define NAME(tab, i) ((unsigned int)(i) < sizeof(tab) / sizeof(tab[0]) && \
		      (tab)[i] ? (tab)[i] : "unknown")

static bool no_args(const char *cmd, int argc, char **argv)
{
	if (cli_want_help(argc, argv)) {
		cli_cmd_help(cli_find(cmd));
		exit(EXIT_OK);
	}
	if (argc > 1) {
		cli_err("%s: unexpected argument '%s'; see 'sipalg %s --help'",
			cmd, argv[1], cmd);
		return false;
	}
	return true;
}

/* One document from one request (doit), through the print layer. */
static int doit_view(struct cli *cli, uint8_t cmd, mnl_cb_t cb)
{
	struct out o;
	struct nl nl;
	int ret;

	if (nl_open(&nl))
		return EXIT_ERR;
	out_init(&o, stdout, cli->json);
	out_doc_begin(&o);
	ret = nl_talk(&nl, nl_req(&nl, cmd, 0), cb, &o, NULL);
	out_doc_end(&o);
	nl_close(&nl);
	return ret ? EXIT_ERR : EXIT_OK;
}

/* ---- stats ----------------------------------------------------------- */

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SIPALG_A_MAX + 1], *a;
	struct out *o = data;

	nl_attrs(nlh, tb, SIPALG_A_MAX);
	out_obj_begin(o, "counters");
	if (tb[SIPALG_A_STATS])
		mnl_attr_for_each_nested(a, tb[SIPALG_A_STATS]) {
			int i = mnl_attr_get_type(a) - 1;

			if (i >= 0 && i < __SIPALG_STAT_MAX)
				out_int(o, stat_names[i],
					(long long)mnl_attr_get_u64(a));
		}
	out_obj_end(o);
	out_obj_begin(o, "parse_errors");
	if (tb[SIPALG_A_PARSE_ERRORS])
		mnl_attr_for_each_nested(a, tb[SIPALG_A_PARSE_ERRORS]) {
			int i = mnl_attr_get_type(a) - 1;
			uint64_t v = mnl_attr_get_u64(a);

			/* text: only reasons seen; JSON: all */
			if (i > 0 && i < SIPALG_E_COUNT && (v || o->json))
				out_int(o, sipalg_strerror(i), (long long)v);
		}
	out_obj_end(o);
	return MNL_CB_OK;
}

int cmd_stats(struct cli *cli, int argc, char **argv)
{
	if (!no_args("stats", argc, argv))
		return EXIT_USAGE;
	return doit_view(cli, SIPALG_CMD_GET_STATS, stats_cb);
}

/* ---- calls ----------------------------------------------------------- */

struct calls_ctx {
	struct out *o;
	bool verbose;
};

static void tuple(struct out *o, const char *key, const struct nlattr *nest)
{
	const struct nlattr *tb[SIPALG_A_TUPLE_MAX + 1];
	char b[INET6_ADDRSTRLEN];

	nl_nest(nest, tb, SIPALG_A_TUPLE_MAX);
	out_obj_begin(o, key);
	out_str(o, "src", nl_addr(tb[SIPALG_A_TUPLE_SRC_ADDR], b, sizeof(b)));
	out_str(o, "dst", nl_addr(tb[SIPALG_A_TUPLE_DST_ADDR], b, sizeof(b)));
	if (tb[SIPALG_A_TUPLE_SRC_PORT])
		out_int(o, "sport", mnl_attr_get_u16(tb[SIPALG_A_TUPLE_SRC_PORT]));
	if (tb[SIPALG_A_TUPLE_DST_PORT])
		out_int(o, "dport", mnl_attr_get_u16(tb[SIPALG_A_TUPLE_DST_PORT]));
	out_obj_end(o);
}

static void u16_or_null(struct out *o, const char *key, const struct nlattr *a)
{
	if (a)
		out_int(o, key, mnl_attr_get_u16(a));
	else
		out_null(o, key);
}

static void stream(struct out *o, const struct nlattr *nest)
{
	const struct nlattr *tb[SIPALG_A_STREAM_MAX + 1];
	char b[INET6_ADDRSTRLEN];

	nl_nest(nest, tb, SIPALG_A_STREAM_MAX);
	out_obj_begin(o, NULL);
	out_str(o, "side", tb[SIPALG_A_STREAM_SIDE] &&
		mnl_attr_get_u8(tb[SIPALG_A_STREAM_SIDE]) ? "reply" : "original");
	if (tb[SIPALG_A_STREAM_INDEX])
		out_int(o, "index", mnl_attr_get_u8(tb[SIPALG_A_STREAM_INDEX]));
	out_str(o, "media", tb[SIPALG_A_STREAM_MEDIA] ?
		sipalg_media_name(mnl_attr_get_u8(tb[SIPALG_A_STREAM_MEDIA])) :
		NULL);
	out_str(o, "direction", tb[SIPALG_A_STREAM_DIRECTION] ?
		sipalg_direction_name(mnl_attr_get_u8(tb[SIPALG_A_STREAM_DIRECTION])) :
		NULL);
	out_str(o, "addr", nl_addr(tb[SIPALG_A_STREAM_ADDR], b, sizeof(b)));
	u16_or_null(o, "port", tb[SIPALG_A_STREAM_PORT]);
	out_str(o, "rtcp_addr", nl_addr(tb[SIPALG_A_STREAM_RTCP_ADDR], b,
					sizeof(b)));
	u16_or_null(o, "rtcp_port", tb[SIPALG_A_STREAM_RTCP_PORT]);
	out_bool(o, "rtcp_mux", tb[SIPALG_A_STREAM_MUX]);
	out_str(o, "public_addr", nl_addr(tb[SIPALG_A_STREAM_PUB_ADDR], b,
					  sizeof(b)));
	u16_or_null(o, "public_port", tb[SIPALG_A_STREAM_PUB_PORT]);
	u16_or_null(o, "public_rtcp_port", tb[SIPALG_A_STREAM_PUB_RTCP_PORT]);
	out_str(o, "rtp_pinhole", tb[SIPALG_A_STREAM_RTP_PINHOLE] ?
		NAME(pinhole_names, mnl_attr_get_u8(tb[SIPALG_A_STREAM_RTP_PINHOLE])) :
		NULL);
	out_str(o, "rtcp_pinhole", tb[SIPALG_A_STREAM_RTCP_PINHOLE] ?
		NAME(pinhole_names, mnl_attr_get_u8(tb[SIPALG_A_STREAM_RTCP_PINHOLE])) :
		NULL);
	out_obj_end(o);
}

static void call_row(struct out *o, const struct nlattr **tb)
{
	const struct nlattr *a;
	char media[128] = "";
	size_t n = 0;

	out_row_begin(o);
	out_strn(o, "call_id", tb[SIPALG_A_CALL_ID] ?
		 mnl_attr_get_payload(tb[SIPALG_A_CALL_ID]) : NULL,
		 tb[SIPALG_A_CALL_ID] ?
		 mnl_attr_get_payload_len(tb[SIPALG_A_CALL_ID]) : 0);
	out_str(o, "state", tb[SIPALG_A_CALL_STATE] ?
		NAME(state_names, mnl_attr_get_u8(tb[SIPALG_A_CALL_STATE])) :
		NULL);
	if (tb[SIPALG_A_CALL_AGE_MS])
		out_int(o, "age_s", (long long)(mnl_attr_get_u64(tb[SIPALG_A_CALL_AGE_MS]) / 1000));
	out_str(o, "from", tb[SIPALG_A_CALL_FROM] ?
		mnl_attr_get_str(tb[SIPALG_A_CALL_FROM]) : NULL);
	out_str(o, "to", tb[SIPALG_A_CALL_TO] ?
		mnl_attr_get_str(tb[SIPALG_A_CALL_TO]) : NULL);
	if (tb[SIPALG_A_CALL_STREAMS])
		mnl_attr_for_each_nested(a, tb[SIPALG_A_CALL_STREAMS]) {
			const struct nlattr *st[SIPALG_A_STREAM_MAX + 1];
			char b[INET6_ADDRSTRLEN];

			nl_nest(a, st, SIPALG_A_STREAM_MAX);
			if (!st[SIPALG_A_STREAM_PORT] || n >= sizeof(media) - 64)
				continue;
			n += snprintf(media + n, sizeof(media) - n, "%s%s:%u%s",
				      n ? " " : "",
				      nl_addr(st[SIPALG_A_STREAM_ADDR], b, sizeof(b)) ?: "?",
				      mnl_attr_get_u16(st[SIPALG_A_STREAM_PORT]),
				      st[SIPALG_A_STREAM_PUB_PORT] ? "*" : "");
		}
	out_str(o, "media", media);
	out_row_end(o);
}

static int calls_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SIPALG_A_MAX + 1], *a;
	struct calls_ctx *c = data;
	struct out *o = c->o;

	nl_attrs(nlh, tb, SIPALG_A_MAX);
	if (!c->verbose) {
		call_row(o, tb);
		return MNL_CB_OK;
	}
	out_obj_begin(o, NULL);
	out_strn(o, "call_id", tb[SIPALG_A_CALL_ID] ?
		 mnl_attr_get_payload(tb[SIPALG_A_CALL_ID]) : NULL,
		 tb[SIPALG_A_CALL_ID] ?
		 mnl_attr_get_payload_len(tb[SIPALG_A_CALL_ID]) : 0);
	out_str(o, "state", tb[SIPALG_A_CALL_STATE] ?
		NAME(state_names, mnl_attr_get_u8(tb[SIPALG_A_CALL_STATE])) :
		NULL);
	out_str(o, "from", tb[SIPALG_A_CALL_FROM] ?
		mnl_attr_get_str(tb[SIPALG_A_CALL_FROM]) : NULL);
	out_str(o, "from_tag", tb[SIPALG_A_CALL_FROM_TAG] ?
		mnl_attr_get_str(tb[SIPALG_A_CALL_FROM_TAG]) : NULL);
	out_str(o, "to", tb[SIPALG_A_CALL_TO] ?
		mnl_attr_get_str(tb[SIPALG_A_CALL_TO]) : NULL);
	out_str(o, "to_tag", tb[SIPALG_A_CALL_TO_TAG] ?
		mnl_attr_get_str(tb[SIPALG_A_CALL_TO_TAG]) : NULL);
	if (tb[SIPALG_A_CALL_AGE_MS])
		out_int(o, "age_ms", (long long)mnl_attr_get_u64(tb[SIPALG_A_CALL_AGE_MS]));
	if (tb[SIPALG_A_CALL_IDLE_MS])
		out_int(o, "idle_ms", (long long)mnl_attr_get_u64(tb[SIPALG_A_CALL_IDLE_MS]));
	out_str(o, "transport", tb[SIPALG_A_CALL_L4PROTO] &&
		mnl_attr_get_u8(tb[SIPALG_A_CALL_L4PROTO]) == IPPROTO_TCP ?
		"tcp" : "udp");
	out_obj_begin(o, "master");
	tuple(o, "original", tb[SIPALG_A_CALL_ORIG]);
	tuple(o, "reply", tb[SIPALG_A_CALL_REPLY]);
	out_obj_end(o);
	out_list_begin(o, "streams");
	if (tb[SIPALG_A_CALL_STREAMS])
		mnl_attr_for_each_nested(a, tb[SIPALG_A_CALL_STREAMS])
			stream(o, a);
	out_list_end(o);
	out_obj_end(o);
	return MNL_CB_OK;
}

/* A dump that raced with changes is redone, a few times. */
static int dump(struct nl *nl, uint8_t cmd, mnl_cb_t cb, struct calls_ctx *c,
		struct out *o, const char *key, bool table)
{
	int tries;

	for (tries = 0; tries < 5; tries++) {
		struct out probe;
		bool intr;
		FILE *mem;
		char *text = NULL;
		size_t len = 0;
		int ret;

		/* render into memory: an interrupted dump is not printed */
		mem = open_memstream(&text, &len);
		if (!mem)
			return -1;
		probe = *o;
		probe.f = mem;
		c->o = &probe;
		if (table)
			out_table_begin(&probe, key);
		else
			out_list_begin(&probe, key);
		ret = nl_talk(nl, nl_req(nl, cmd, NLM_F_DUMP), cb, c, &intr);
		if (table)
			out_table_end(&probe);
		else
			out_list_end(&probe);
		fclose(mem);
		if (ret) {
			free(text);
			return -1;
		}
		if (!intr) {
			fwrite(text, 1, len, o->f);
			o->first[o->depth] = probe.first[o->depth];
			free(text);
			return 0;
		}
		free(text);
	}
	cli_err("the table kept changing during the dump; try again");
	return -1;
}

/* One document from one dump (see dump()). */
static int dump_view(struct cli *cli, uint8_t cmd, mnl_cb_t cb,
		     struct calls_ctx *c, const char *key, bool table)
{
	struct out o;
	struct nl nl;
	int ret;

	if (nl_open(&nl))
		return EXIT_ERR;
	out_init(&o, stdout, cli->json);
	out_doc_begin(&o);
	ret = dump(&nl, cmd, cb, c, &o, key, table);
	out_doc_end(&o);
	nl_close(&nl);
	return ret ? EXIT_ERR : EXIT_OK;
}

static int show_calls(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct calls_ctx c = {};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "vjh", opts, NULL)) != -1) {
		switch (ch) {
		case 'v':
			c.verbose = true;
			break;
		case 'j':
			cli->json = true;
			break;
		case 'h':
			cli_cmd_help(cli_find("show"));
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	return dump_view(cli, SIPALG_CMD_GET_CALLS, calls_cb, &c, "calls",
			 !c.verbose);
}

static int regs_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SIPALG_A_MAX + 1];
	struct calls_ctx *c = data;
	struct out *o = c->o;
	char b[INET6_ADDRSTRLEN];

	nl_attrs(nlh, tb, SIPALG_A_MAX);
	out_row_begin(o);
	out_str(o, "contact", nl_addr(tb[SIPALG_A_REG_CONTACT_ADDR], b, sizeof(b)));
	u16_or_null(o, "contact_port", tb[SIPALG_A_REG_CONTACT_PORT]);
	out_str(o, "public", nl_addr(tb[SIPALG_A_REG_PUB_ADDR], b, sizeof(b)));
	u16_or_null(o, "public_port", tb[SIPALG_A_REG_PUB_PORT]);
	out_str(o, "registrar", nl_addr(tb[SIPALG_A_REG_REGISTRAR_ADDR], b,
					sizeof(b)));
	if (tb[SIPALG_A_REG_EXPIRES])
		out_int(o, "expires_s", mnl_attr_get_u32(tb[SIPALG_A_REG_EXPIRES]));
	out_bool(o, "active", tb[SIPALG_A_REG_ACTIVE] &&
		 mnl_attr_get_u8(tb[SIPALG_A_REG_ACTIVE]));
	out_bool(o, "pinhole", tb[SIPALG_A_REG_PINHOLE] &&
		 mnl_attr_get_u8(tb[SIPALG_A_REG_PINHOLE]));
	out_row_end(o);
	return MNL_CB_OK;
}

static int show_regs(struct cli *cli, int argc, char **argv)
{
	struct calls_ctx c = {};

	if (!no_args("show", argc, argv))
		return EXIT_USAGE;
	return dump_view(cli, SIPALG_CMD_GET_REGS, regs_cb, &c, "registrations",
			 true);
}

/* ---- pinholes: expectations of helper sipalg, via ctnetlink --------- */

static void ct_addr(const struct nf_conntrack *ct, int l3, int attr4,
		    int attr6, char *b, size_t size)
{
	if (l3 == AF_INET)
		inet_ntop(AF_INET, nfct_get_attr(ct, attr4), b, size);
	else
		inet_ntop(AF_INET6, nfct_get_attr(ct, attr6), b, size);
}

static int exp_cb(enum nf_conntrack_msg_type type, struct nf_expect *exp,
		  void *data)
{
	const struct nf_conntrack *t, *m, *mask;
	char b[INET6_ADDRSTRLEN], to[INET6_ADDRSTRLEN];
	struct out *o = data;
	const char *helper;
	int l3;

	helper = nfexp_get_attr(exp, ATTR_EXP_HELPER_NAME);
	if (!helper || strcmp(helper, "sipalg"))
		return NFCT_CB_CONTINUE;
	t = nfexp_get_attr(exp, ATTR_EXP_EXPECTED);
	m = nfexp_get_attr(exp, ATTR_EXP_MASTER);
	mask = nfexp_get_attr(exp, ATTR_EXP_MASK);
	l3 = nfct_get_attr_u8(t, ATTR_L3PROTO);
	out_row_begin(o);
	out_str(o, "proto", nfct_get_attr_u8(t, ATTR_L4PROTO) == IPPROTO_TCP ?
		"tcp" : "udp");
	ct_addr(t, l3, ATTR_IPV4_SRC, ATTR_IPV6_SRC, b, sizeof(b));
	if (l3 == AF_INET ? !nfct_get_attr_u32(mask, ATTR_IPV4_SRC) :
	    !((const uint32_t *)nfct_get_attr(mask, ATTR_IPV6_SRC))[0])
		strcpy(b, "any");
	out_str(o, "from", b);
	ct_addr(t, l3, ATTR_IPV4_DST, ATTR_IPV6_DST, b, sizeof(b));
	out_str(o, "to", b);
	strcpy(to, b);
	out_int(o, "port", ntohs(nfct_get_attr_u16(t, ATTR_PORT_DST)));
	if (nfexp_attr_is_set(exp, ATTR_EXP_NAT_TUPLE)) {
		const struct nf_conntrack *nat =
			nfexp_get_attr(exp, ATTR_EXP_NAT_TUPLE);

		/* the kernel puts the saved endpoint in the source fields */
		ct_addr(nat, l3, ATTR_IPV4_SRC, ATTR_IPV6_SRC, b, sizeof(b));
		/* equal to the destination: not a DNAT (sipalg's SNAT mark) */
		if (strcmp(b, "0.0.0.0") && strcmp(b, "::") && strcmp(b, to)) {
			char nb[INET6_ADDRSTRLEN + 8];

			snprintf(nb, sizeof(nb), "%s:%u", b,
				 ntohs(nfct_get_attr_u16(nat, ATTR_PORT_SRC)));
			out_str(o, "nat_to", nb);
		} else {
			out_null(o, "nat_to");
		}
	} else {
		out_null(o, "nat_to");
	}
	out_int(o, "timeout", nfexp_get_attr_u32(exp, ATTR_EXP_TIMEOUT));
	out_int(o, "class", nfexp_get_attr_u32(exp, ATTR_EXP_CLASS));
	ct_addr(m, l3, ATTR_IPV4_SRC, ATTR_IPV6_SRC, b, sizeof(b));
	out_str(o, "master_src", b);
	ct_addr(m, l3, ATTR_IPV4_DST, ATTR_IPV6_DST, b, sizeof(b));
	out_str(o, "master_dst", b);
	out_row_end(o);
	return NFCT_CB_CONTINUE;
}

static int show_pinholes(struct cli *cli, int argc, char **argv)
{
	struct nfct_handle *h;
	struct out o;
	int ret = 0;
	uint32_t fam;

	if (!no_args("show", argc, argv))
		return EXIT_USAGE;
	h = nfct_open(EXPECT, 0);
	if (!h) {
		cli_err("cannot open ctnetlink: %s (is nf_conntrack_netlink loaded?)",
			strerror(errno));
		return EXIT_ERR;
	}
	out_init(&o, stdout, cli->json);
	out_doc_begin(&o);
	out_table_begin(&o, "pinholes");
	nfexp_callback_register(h, NFCT_T_ALL, exp_cb, &o);
	for (fam = AF_INET; fam <= AF_INET6 && !ret; fam += AF_INET6 - AF_INET) {
		uint32_t f = fam;

		ret = nfexp_query(h, NFCT_Q_DUMP, &f);
	}
	out_table_end(&o);
	out_doc_end(&o);
	if (ret)
		cli_err("cannot dump expectations: %s", strerror(errno));
	nfct_close(h);
	return ret ? EXIT_ERR : EXIT_OK;
}

int cmd_show(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_cmd_help(cli_find("show"));
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "calls"))
		return show_calls(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "registrations") || !strcmp(argv[1], "regs"))
		return show_regs(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "pinholes"))
		return show_pinholes(cli, argc - 1, argv + 1);
	cli_err("show: unknown view '%s' (calls, registrations, pinholes)",
		argv[1]);
	return EXIT_USAGE;
}

/* ---- config ------------------------------------------------------------ */

static const struct {
	const char *key;
	int attr;
	int width;		/* 32 or 8 */
	const char *help;
} cfg_keys[] = {
	{ "max_calls", SIPALG_A_CFG_MAX_CALLS, 32, "calls per netns" },
	{ "max_streams", SIPALG_A_CFG_MAX_STREAMS, 32, "media streams per call" },
	{ "max_pinholes", SIPALG_A_CFG_MAX_PINHOLES, 32, "pinholes per call" },
	{ "sig_timeout", SIPALG_A_CFG_SIG_TIMEOUT, 32, "s, signalling flow" },
	{ "ring_timeout", SIPALG_A_CFG_RING_TIMEOUT, 32, "s, unanswered call" },
	{ "bye_linger", SIPALG_A_CFG_BYE_LINGER, 32, "s, call kept after BYE" },
	{ "call_idle", SIPALG_A_CFG_CALL_IDLE, 32, "s, answered call without signalling" },
	{ "media_policy", SIPALG_A_CFG_MEDIA_POLICY, 8,
	  "peer|prefixes|any: who may use a pinhole" },
	{ "strict", SIPALG_A_CFG_STRICT, 8, "0|1: drop malformed SIP" },
	{ "prefixes", SIPALG_A_CFG_PREFIXES, 0,
	  "ADDR/LEN,...|none: media sources of policy prefixes" },
};

static const char *const policy_names[] = { "peer", "prefixes", "any" };

static void prefixes_out(struct out *o, const struct nlattr *nest)
{
	char b[INET6_ADDRSTRLEN], p[INET6_ADDRSTRLEN + 4];
	const struct nlattr *a, *c;

	out_list_begin(o, "prefixes");
	mnl_attr_for_each_nested(a, nest) {
		const struct nlattr *addr = NULL, *len = NULL;

		if (mnl_attr_get_type(a) != SIPALG_A_PREFIX)
			continue;
		/* unknown attributes of a newer module: skipped */
		mnl_attr_for_each_nested(c, a) {
			if (mnl_attr_get_type(c) == SIPALG_A_PREFIX_ADDR)
				addr = c;
			else if (mnl_attr_get_type(c) == SIPALG_A_PREFIX_LEN &&
				 mnl_attr_get_payload_len(c) >= 1)
				len = c;
		}
		if (!addr || !len)
			continue;
		snprintf(p, sizeof(p), "%s/%u", nl_addr(addr, b, sizeof(b)),
			 mnl_attr_get_u8(len));
		out_str(o, NULL, p);
	}
	out_list_end(o);
}

/* "198.51.100.0/24,2001:db8::/32" (or "none") into the netlink nest */
static int prefixes_put(struct nlmsghdr *nlh, const char *val)
{
	char buf[1024], *tok, *save = NULL;
	struct nlattr *nest, *p;
	int n = 0;

	if (strlen(val) >= sizeof(buf)) {
		cli_err("config set: prefixes: list too long");
		return -1;
	}
	strcpy(buf, val);
	nest = mnl_attr_nest_start(nlh, SIPALG_A_CFG_PREFIXES);
	if (!strcmp(buf, "none") || !buf[0])
		goto out;
	for (tok = strtok_r(buf, ", ", &save); tok;
	     tok = strtok_r(NULL, ", ", &save)) {
		unsigned char a[16];
		char *slash = strchr(tok, '/'), *end;
		unsigned long len;
		int af = strchr(tok, ':') ? AF_INET6 : AF_INET;
		unsigned int alen = af == AF_INET ? 4 : 16;

		if (slash)
			*slash = '\0';
		if (inet_pton(af, tok, a) != 1) {
			cli_err("config set: prefixes: '%s' is not an address", tok);
			return -1;
		}
		len = alen * 8;
		if (slash) {
			errno = 0;
			len = strtoul(slash + 1, &end, 10);
			if (errno || end == slash + 1 || *end || len > alen * 8) {
				cli_err("config set: prefixes: bad length '%s' (0-%u)",
					slash + 1, alen * 8);
				return -1;
			}
		}
		if (++n > SIPALG_MAX_PREFIXES) {
			cli_err("config set: prefixes: at most %d",
				SIPALG_MAX_PREFIXES);
			return -1;
		}
		p = mnl_attr_nest_start(nlh, SIPALG_A_PREFIX);
		mnl_attr_put(nlh, SIPALG_A_PREFIX_ADDR, alen, a);
		mnl_attr_put_u8(nlh, SIPALG_A_PREFIX_LEN, (uint8_t)len);
		mnl_attr_nest_end(nlh, p);
	}
out:
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

static int config_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SIPALG_A_MAX + 1];
	struct out *o = data;
	size_t i;

	nl_attrs(nlh, tb, SIPALG_A_MAX);
	out_obj_begin(o, "config");
	for (i = 0; i < sizeof(cfg_keys) / sizeof(cfg_keys[0]); i++) {
		const struct nlattr *a = tb[cfg_keys[i].attr];

		if (!a)
			continue;
		if (cfg_keys[i].attr == SIPALG_A_CFG_PREFIXES)
			prefixes_out(o, a);
		else if (cfg_keys[i].attr == SIPALG_A_CFG_MEDIA_POLICY)
			out_str(o, cfg_keys[i].key,
				NAME(policy_names, mnl_attr_get_u8(a)));
		else if (cfg_keys[i].width == 8)
			out_int(o, cfg_keys[i].key, mnl_attr_get_u8(a));
		else
			out_int(o, cfg_keys[i].key, mnl_attr_get_u32(a));
	}
	out_obj_end(o);
	return MNL_CB_OK;
}

static int config_set(struct nl *nl, const char *key, const char *val)
{
	struct nlmsghdr *nlh = nl_req(nl, SIPALG_CMD_SET_CONFIG, 0);
	unsigned long v;
	char *end;
	size_t i;

	for (i = 0; i < sizeof(cfg_keys) / sizeof(cfg_keys[0]); i++)
		if (!strcmp(cfg_keys[i].key, key))
			break;
	if (i == sizeof(cfg_keys) / sizeof(cfg_keys[0])) {
		cli_err("config set: unknown key '%s'; see 'sipalg config --help'",
			key);
		return EXIT_USAGE;
	}
	if (cfg_keys[i].attr == SIPALG_A_CFG_PREFIXES) {
		if (prefixes_put(nlh, val))
			return EXIT_USAGE;
		return nl_talk(nl, nlh, NULL, NULL, NULL) ? EXIT_ERR : EXIT_OK;
	}
	if (cfg_keys[i].attr == SIPALG_A_CFG_MEDIA_POLICY) {
		for (v = 0; v < 3; v++)
			if (!strcmp(val, policy_names[v]))
				break;
		if (v == 3) {
			cli_err("config set: media_policy is peer, prefixes or any, not '%s'",
				val);
			return EXIT_USAGE;
		}
	} else {
		errno = 0;
		v = strtoul(val, &end, 10);
		if (errno || end == val || *end || v > 0xffffffffUL ||
		    (cfg_keys[i].width == 8 && v > 1)) {
			cli_err("config set: %s needs a number%s, not '%s'", key,
				cfg_keys[i].width == 8 ? " (0 or 1)" : "", val);
			return EXIT_USAGE;
		}
	}
	if (cfg_keys[i].width == 8)
		mnl_attr_put_u8(nlh, cfg_keys[i].attr, (uint8_t)v);
	else
		mnl_attr_put_u32(nlh, cfg_keys[i].attr, (uint32_t)v);
	return nl_talk(nl, nlh, NULL, NULL, NULL) ? EXIT_ERR : EXIT_OK;
}

int cmd_config(struct cli *cli, int argc, char **argv)
{
	struct nl nl;
	int ret;

	if (cli_want_help(argc, argv)) {
		size_t i;

		cli_cmd_help(cli_find("config"));
		printf("\nKeys:\n");
		for (i = 0; i < sizeof(cfg_keys) / sizeof(cfg_keys[0]); i++)
			printf("  %-14s %s\n", cfg_keys[i].key, cfg_keys[i].help);
		return EXIT_OK;
	}
	if (argc > 1 && strcmp(argv[1], "set")) {
		cli_err("config: unknown subcommand '%s' (set)", argv[1]);
		return EXIT_USAGE;
	}
	if (argc > 1 && argc != 4) {
		cli_err("config set: needs KEY VALUE; see 'sipalg config --help'");
		return EXIT_USAGE;
	}
	if (argc < 4)
		return doit_view(cli, SIPALG_CMD_GET_CONFIG, config_cb);
	if (nl_open(&nl))
		return EXIT_ERR;
	ret = config_set(&nl, argv[2], argv[3]);
	nl_close(&nl);
	return ret;
}

/* ---- monitor ----------------------------------------------------------- */

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[SIPALG_A_MAX + 1];
	struct cli *cli = data;
	char b[INET6_ADDRSTRLEN];
	struct out o;

	nl_attrs(nlh, tb, SIPALG_A_MAX);
	out_init(&o, stdout, cli->json);
	out_doc_begin(&o);
	out_str(&o, "event", tb[SIPALG_A_EVENT] ?
		NAME(event_names, mnl_attr_get_u8(tb[SIPALG_A_EVENT])) : NULL);
	if (tb[SIPALG_A_EVENT_REASON]) {
		unsigned int r = mnl_attr_get_u8(tb[SIPALG_A_EVENT_REASON]);

		out_str(&o, "reason", r < __SIPALG_STAT_MAX ? stat_names[r] :
			"unknown");
	}
	if (tb[SIPALG_A_EVENT_ERROR])
		out_str(&o, "error",
			sipalg_strerror(mnl_attr_get_u8(tb[SIPALG_A_EVENT_ERROR]) - 1));
	if (tb[SIPALG_A_CALL_ID])
		out_strn(&o, "call_id", mnl_attr_get_payload(tb[SIPALG_A_CALL_ID]),
			 mnl_attr_get_payload_len(tb[SIPALG_A_CALL_ID]));
	if (tb[SIPALG_A_CALL_STATE])
		out_str(&o, "state",
			NAME(state_names, mnl_attr_get_u8(tb[SIPALG_A_CALL_STATE])));
	if (tb[SIPALG_A_REG_CONTACT_ADDR])
		out_str(&o, "contact", nl_addr(tb[SIPALG_A_REG_CONTACT_ADDR], b,
					       sizeof(b)));
	out_doc_end(&o);
	return MNL_CB_OK;
}

int cmd_monitor(struct cli *cli, int argc, char **argv)
{
	struct sigaction sa = {};
	struct nl nl;
	int grp;

	if (!no_args("monitor", argc, argv))
		return EXIT_USAGE;
	if (nl_open(&nl))
		return EXIT_ERR;
	grp = (int)nl.mcgrp;
	if (!grp || mnl_socket_setsockopt(nl.sock, NETLINK_ADD_MEMBERSHIP,
					  &grp, sizeof(grp)) < 0) {
		cli_err("cannot subscribe to sipalg events: %s",
			grp ? strerror(errno) : "no events group");
		nl_close(&nl);
		return EXIT_ERR;
	}
	/* no SA_RESTART: a signal must end the blocking recvfrom() */
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (!stop) {
		int ret = mnl_socket_recvfrom(nl.sock, nl.buf,
					      MNL_SOCKET_BUFFER_SIZE);

		if (ret < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				cli_err("events lost (too many at once)");
				continue;
			}
			cli_err("netlink: %s", strerror(errno));
			nl_close(&nl);
			return EXIT_ERR;
		}
		mnl_cb_run(nl.buf, ret, 0, 0, event_cb, cli);
	}
	nl_close(&nl);
	return EXIT_OK;
}
