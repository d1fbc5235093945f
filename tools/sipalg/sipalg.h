/* SPDX-License-Identifier: GPL-2.0 */
/* sipalg CLI: shared declarations between the subcommand files. */
#ifndef SIPALG_CLI_H
#define SIPALG_CLI_H

#include <stdbool.h>

#include "print.h"

#define EXIT_OK		0
#define EXIT_ERR	1
#define EXIT_USAGE	2

struct cli {
	bool json;
	const char *prog;
};

struct cmd {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *args;
	const char *help;	/* one line */
	const char *more;	/* shown by "sipalg CMD --help" */
};

int cmd_parse(struct cli *cli, int argc, char **argv);
int cmd_stats(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_config(struct cli *cli, int argc, char **argv);
int cmd_monitor(struct cli *cli, int argc, char **argv);

/* a one-line error on stderr, prefixed with the program name */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool cli_want_help(int argc, char **argv);
void cli_cmd_help(const struct cmd *c);
const struct cmd *cli_find(const char *name);

#endif
