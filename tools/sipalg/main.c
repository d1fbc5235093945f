// SPDX-License-Identifier: GPL-2.0
/*
 * sipalg: look at what the sipalg SIP ALG is doing, and parse SIP offline.
 * Subcommands come from one table; each has --help.  Exit status: 0 ok,
 * 1 error, 2 usage.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipalg.h"

#ifndef SIPALG_VERSION
#define SIPALG_VERSION "unknown"
#endif

static int cmd_version(struct cli *cli, int argc, char **argv);
static int cmd_help(struct cli *cli, int argc, char **argv);

static const struct cmd cmds[] = {
	{ "parse", cmd_parse, "[--json] [--tcp] FILE...",
	  "parse SIP messages from files with the kernel's parser",
	  "Each FILE holds one SIP message exactly as on the wire (- reads\n"
	  "stdin); it is parsed as a UDP datagram, or with --tcp as the start\n"
	  "of a TCP stream (Content-Length required).  Prints a summary, or\n"
	  "with --json one JSON object per file, one per line.  Needs no\n"
	  "kernel module and no privileges.\n"
	  "Exit status: 0 all messages valid, 1 some invalid or unreadable,\n"
	  "2 usage error.\n" },
	{ "show", cmd_show, "calls [-v] | registrations | pinholes",
	  "show calls, registrations or pinholes (expectations)",
	  "calls: one line per call (-v: everything: tags, master tuples,\n"
	  "media streams with private and public addresses and pinhole state).\n"
	  "registrations: contacts registered through the ALG.\n"
	  "pinholes: the conntrack expectations of helper sipalg.\n"
	  "Needs CAP_NET_ADMIN; works inside 'ip netns exec'.\n" },
	{ "stats", cmd_stats, "", "show the counters of this network namespace",
	  "Messages by method and response class, parse errors by reason,\n"
	  "pinholes created and refused, calls and registrations.\n" },
	{ "config", cmd_config, "[set KEY VALUE]",
	  "show or change the policies and limits of this network namespace",
	  NULL },
	{ "monitor", cmd_monitor, "",
	  "print call, registration and refusal events as they happen",
	  "One event per line (JSON with -j) until interrupted.\n" },
	{ "version", cmd_version, "", "print the version", NULL },
	{ "help", cmd_help, "[COMMAND]", "show help", NULL },
};

void cli_err(const char *fmt, ...)
{
	va_list ap;

	fputs("sipalg: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const struct cmd *cli_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(cmds[i].name, name))
			return &cmds[i];
	return NULL;
}

bool cli_want_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

void cli_cmd_help(const struct cmd *c)
{
	printf("Usage: sipalg [-j] %s %s\n%s\n", c->name, c->args, c->help);
	if (c->more)
		printf("\n%s", c->more);
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: sipalg [-j|--json] COMMAND [ARGS]\n\nCommands:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].help);
	fprintf(f, "\n'sipalg COMMAND --help' tells more.\n");
}

static int cmd_version(struct cli *cli, int argc, char **argv)
{
	struct out o;

	if (cli_want_help(argc, argv)) {
		cli_cmd_help(cli_find("version"));
		return EXIT_OK;
	}
	if (argc > 1) {
		cli_err("version: takes no arguments");
		return EXIT_USAGE;
	}
	out_init(&o, stdout, cli->json);
	out_doc_begin(&o);
	out_str(&o, "version", SIPALG_VERSION);
	out_doc_end(&o);
	return EXIT_OK;
}

static int cmd_help(struct cli *cli, int argc, char **argv)
{
	const struct cmd *c;

	if (argc < 2) {
		usage(stdout);
		return EXIT_OK;
	}
	c = cli_find(argv[1]);
	if (!c) {
		cli_err("unknown command '%s'; see 'sipalg help'", argv[1]);
		return EXIT_USAGE;
	}
	cli_cmd_help(c);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct cli cli = { .prog = argv[0] };
	const struct cmd *c;
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			cli.json = true;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "-V") ||
			   !strcmp(argv[i], "--version")) {
			return cmd_version(&cli, 1, argv);
		} else {
			cli_err("unknown option '%s'; see 'sipalg --help'",
				argv[i]);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	c = cli_find(argv[i]);
	if (!c) {
		cli_err("unknown command '%s'; see 'sipalg --help'", argv[i]);
		return EXIT_USAGE;
	}
	return c->run(&cli, argc - i, argv + i);
}
