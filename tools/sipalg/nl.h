/* SPDX-License-Identifier: GPL-2.0 */
/* The CLI's generic netlink access to the sipalg family (libmnl). */
#ifndef SIPALG_NL_H
#define SIPALG_NL_H

#include <stdbool.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

struct nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t seq, portid;
	uint32_t mcgrp;			/* the events group id, 0 if none */
	char *buf;
};

/* Opens the socket and resolves the family; prints the error and returns
 * -1 (module not loaded, ...).
 */
int nl_open(struct nl *nl);
void nl_close(struct nl *nl);
/* Starts a request: returns the header to add attributes to. */
struct nlmsghdr *nl_req(struct nl *nl, uint8_t cmd, uint16_t flags);
/* Sends it and runs cb on every reply message; 0, or -1 after printing
 * why.  *intr is set when a dump was interrupted (NLM_F_DUMP_INTR).
 */
int nl_talk(struct nl *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data,
	    bool *intr);
/* attributes of a message / nest, indexed by type, at most max */
void nl_attrs(const struct nlmsghdr *nlh, const struct nlattr **tb, int max);
void nl_nest(const struct nlattr *nest, const struct nlattr **tb, int max);
const char *nl_addr(const struct nlattr *a, char *buf, size_t size);

#endif
