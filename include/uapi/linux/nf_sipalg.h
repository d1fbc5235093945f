/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * sipalg: the SIP ALG's userspace ABI.
 *
 * Generic netlink family SIPALG_GENL_NAME, per network namespace.  Values
 * are only ever added, never renumbered; readers skip attributes they do
 * not know, so old and new tools and modules interoperate.
 *
 * Commands and their attribute trees:
 *
 * SIPALG_CMD_GET_STATS (doit): reply carries SIPALG_A_STATS, a nest of
 *   u64 attributes indexed by enum sipalg_stat (attribute type = stat + 1),
 *   and SIPALG_A_PARSE_ERRORS, a nest of u64 indexed by the parser's error
 *   code + 1 (names: the CLI's table, mirroring enum sipalg_err in the
 *   kernel's kernel/parser/parser.h).
 *
 * The commands for calls, registrations, config and events are added by
 * the netlink work (see Documentation/netlink.rst); until then the CLI
 * reports "not supported by this module".
 */
#ifndef _UAPI_LINUX_NF_SIPALG_H
#define _UAPI_LINUX_NF_SIPALG_H

#include <linux/types.h>

#define SIPALG_GENL_NAME	"sipalg"
#define SIPALG_GENL_VERSION	1

enum sipalg_cmd {
	SIPALG_CMD_UNSPEC,
	SIPALG_CMD_GET_STATS,
	__SIPALG_CMD_MAX
};

#define SIPALG_CMD_MAX (__SIPALG_CMD_MAX - 1)

enum sipalg_attr {
	SIPALG_A_UNSPEC,
	SIPALG_A_STATS,		/* nest: u64 per enum sipalg_stat */
	SIPALG_A_PARSE_ERRORS,	/* nest: u64 per parser error code */
	__SIPALG_A_MAX
};

#define SIPALG_A_MAX (__SIPALG_A_MAX - 1)

/* Per-netns counters. */
enum sipalg_stat {
	/* messages seen, by method (requests) */
	SIPALG_STAT_REQ_INVITE,
	SIPALG_STAT_REQ_ACK,
	SIPALG_STAT_REQ_BYE,
	SIPALG_STAT_REQ_CANCEL,
	SIPALG_STAT_REQ_REGISTER,
	SIPALG_STAT_REQ_OPTIONS,
	SIPALG_STAT_REQ_PRACK,
	SIPALG_STAT_REQ_UPDATE,
	SIPALG_STAT_REQ_OTHER,
	/* responses, by class */
	SIPALG_STAT_RESP_1XX,
	SIPALG_STAT_RESP_2XX,
	SIPALG_STAT_RESP_3XX,
	SIPALG_STAT_RESP_4XX,
	SIPALG_STAT_RESP_5XX,
	SIPALG_STAT_RESP_6XX,
	/* malformed input */
	SIPALG_STAT_PARSE_ERRORS,	/* all; by reason in PARSE_ERRORS */
	SIPALG_STAT_DROPPED,		/* dropped (strict mode, failures) */
	SIPALG_STAT_KEEPALIVES,
	SIPALG_STAT_NOT_SIP_PORT,	/* flow not on a ports= port */
	/* pinholes */
	SIPALG_STAT_PINHOLES_CREATED,
	SIPALG_STAT_PINHOLES_REMOVED,
	SIPALG_STAT_PINHOLE_REFUSED_PORT,	/* port 0 or below 1024 */
	/* host name, other family, multicast or unspecified address */
	SIPALG_STAT_PINHOLE_REFUSED_ADDR,
	SIPALG_STAT_PINHOLE_REFUSED_LIMIT,	/* pinholes per call */
	SIPALG_STAT_PINHOLE_FAILED,		/* the core refused it */
	SIPALG_STAT_STREAM_REFUSED_LIMIT,	/* streams per call */
	/* calls */
	SIPALG_STAT_CALLS_ACTIVE,
	SIPALG_STAT_CALLS_TOTAL,
	SIPALG_STAT_CALL_REFUSED_LIMIT,		/* calls per netns */
	SIPALG_STAT_CALLS_ENDED_BYE,
	SIPALG_STAT_CALLS_ENDED_CANCEL,
	SIPALG_STAT_CALLS_ENDED_FAILURE,
	SIPALG_STAT_CALLS_ENDED_TIMEOUT,
	SIPALG_STAT_CALLS_ENDED_FLOW,		/* master conntrack gone */
	/* registrations */
	SIPALG_STAT_REGS_ACTIVE,
	SIPALG_STAT_REGS_TOTAL,
	SIPALG_STAT_REGS_EXPIRED,
	SIPALG_STAT_REGS_REMOVED,		/* unregistered, flow gone */
	SIPALG_STAT_REG_REFUSED_LIMIT,
	__SIPALG_STAT_MAX
};

#define SIPALG_STAT_MAX (__SIPALG_STAT_MAX - 1)

#endif /* _UAPI_LINUX_NF_SIPALG_H */
