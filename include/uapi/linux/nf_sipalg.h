/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * sipalg: the SIP ALG's userspace ABI.
 *
 * Generic netlink family SIPALG_GENL_NAME ("sipalg"), version
 * SIPALG_GENL_VERSION, per network namespace: a socket sees the calls,
 * registrations, counters and config of its own netns.  Every command,
 * dumps included, needs CAP_NET_ADMIN in the user namespace owning the
 * netns (calls reveal phone numbers).  Values are only ever added, never
 * renumbered; readers skip attributes they do not know, so old and new
 * tools and modules interoperate.  Addresses are binary, network order, 4
 * or 16 bytes (SIPALG_A_*_ADDR); ports are u16 in host order.
 *
 * SIPALG_CMD_GET_STATS (doit) -> one message:
 *   SIPALG_A_STATS         nest of u64, attribute type = enum sipalg_stat + 1
 *   SIPALG_A_PARSE_ERRORS  nest of u64, attribute type = parser error + 1
 *                          (the parser's codes, named by the CLI)
 *
 * SIPALG_CMD_GET_CALLS (dump) -> one message per call:
 *   SIPALG_A_CALL_ID       binary, the Call-ID (at most 128 bytes kept),
 *                          in its public spelling: through NAT, the phone's
 *                          address in it replaced by the public one
 *   SIPALG_A_CALL_FROM / SIPALG_A_CALL_TO          string, URIs
 *   SIPALG_A_CALL_FROM_TAG / SIPALG_A_CALL_TO_TAG  string
 *   SIPALG_A_CALL_STATE    u8, enum sipalg_call_state_uapi
 *   SIPALG_A_CALL_AGE_MS / SIPALG_A_CALL_IDLE_MS   u64
 *   SIPALG_A_CALL_FAMILY   u8 (AF_INET, AF_INET6)
 *   SIPALG_A_CALL_L4PROTO  u8 (IPPROTO_UDP, IPPROTO_TCP)
 *   SIPALG_A_CALL_ORIG, SIPALG_A_CALL_REPLY: nest, the master conntrack's
 *       tuples: SIPALG_A_TUPLE_SRC_ADDR, _DST_ADDR (binary),
 *       _SRC_PORT, _DST_PORT (u16)
 *   SIPALG_A_CALL_STREAMS  nest of SIPALG_A_STREAM nests:
 *       SIPALG_A_STREAM_SIDE      u8: 0 the original side of the master
 *                                 announced it, 1 the reply side
 *       SIPALG_A_STREAM_INDEX     u8: its m= line
 *       SIPALG_A_STREAM_MEDIA     u8: enum sipalg_media_uapi
 *       SIPALG_A_STREAM_DIRECTION u8: 1 sendrecv 2 sendonly 3 recvonly
 *                                 4 inactive
 *       SIPALG_A_STREAM_ADDR, _PORT            where media goes, as
 *                                              announced (private side)
 *       SIPALG_A_STREAM_RTCP_ADDR, _RTCP_PORT  (absent: none/mux)
 *       SIPALG_A_STREAM_PUB_ADDR, _PUB_PORT, _PUB_RTCP_PORT  the public
 *                                 side after NAT (absent without NAT)
 *       SIPALG_A_STREAM_MUX       flag: rtcp-mux
 *       SIPALG_A_STREAM_RTP_PINHOLE, _RTCP_PINHOLE  u8: enum
 *                                 sipalg_pinhole_state
 *
 * SIPALG_CMD_GET_REGS (dump) -> one message per registration:
 *   SIPALG_A_REG_CALL_ID, SIPALG_A_REG_CONTACT_ADDR/_PORT,
 *   SIPALG_A_REG_PUB_ADDR/_PORT, SIPALG_A_REG_REGISTRAR_ADDR,
 *   SIPALG_A_REG_EXPIRES (u32, s left), SIPALG_A_REG_ACTIVE (u8),
 *   SIPALG_A_REG_PINHOLE (u8, 1 when its pinhole exists)
 *
 * SIPALG_CMD_GET_CONFIG (doit) -> SIPALG_A_CFG_* (u32 unless said);
 * SIPALG_CMD_SET_CONFIG (doit) <- any subset of them:
 *   _MAX_CALLS _MAX_STREAMS _MAX_PINHOLES _SIG_TIMEOUT _RING_TIMEOUT
 *   _BYE_LINGER _CALL_IDLE, _MEDIA_POLICY (u8, enum sipalg_media_src),
 *   _STRICT (u8), _PREFIXES (nest of SIPALG_A_PREFIX nests with
 *   SIPALG_A_PREFIX_ADDR (binary, 4 or 16 bytes) and SIPALG_A_PREFIX_LEN
 *   (u8); replaces the list (an empty nest clears it); at most
 *   SIPALG_MAX_PREFIXES, which must not overlap: EINVAL with an extended
 *   ACK message otherwise).  GET_CONFIG always includes _PREFIXES.
 *
 * Multicast group SIPALG_MCGRP_EVENTS ("events"), SIPALG_CMD_EVENT:
 *   SIPALG_A_EVENT (u8, enum sipalg_event), SIPALG_A_EVENT_REASON (u8,
 *   enum sipalg_stat of the cause where there is one), SIPALG_A_CALL_ID or
 *   SIPALG_A_REG_CALL_ID, and for refusals SIPALG_A_EVENT_ERROR (u8,
 *   parser error code + 1).
 */
#ifndef _UAPI_LINUX_NF_SIPALG_H
#define _UAPI_LINUX_NF_SIPALG_H

#include <linux/types.h>

#define SIPALG_GENL_NAME	"sipalg"
#define SIPALG_GENL_VERSION	1
#define SIPALG_MCGRP_EVENTS	"events"
#define SIPALG_MAX_PREFIXES	16

enum sipalg_cmd {
	SIPALG_CMD_UNSPEC,
	SIPALG_CMD_GET_STATS,
	SIPALG_CMD_GET_CALLS,
	SIPALG_CMD_GET_REGS,
	SIPALG_CMD_GET_CONFIG,
	SIPALG_CMD_SET_CONFIG,
	SIPALG_CMD_EVENT,
	__SIPALG_CMD_MAX
};

#define SIPALG_CMD_MAX (__SIPALG_CMD_MAX - 1)

enum sipalg_attr {
	SIPALG_A_UNSPEC,
	SIPALG_A_STATS,
	SIPALG_A_PARSE_ERRORS,
	SIPALG_A_CALL_ID,
	SIPALG_A_CALL_FROM,
	SIPALG_A_CALL_TO,
	SIPALG_A_CALL_FROM_TAG,
	SIPALG_A_CALL_TO_TAG,
	SIPALG_A_CALL_STATE,
	SIPALG_A_CALL_AGE_MS,
	SIPALG_A_CALL_IDLE_MS,
	SIPALG_A_CALL_FAMILY,
	SIPALG_A_CALL_L4PROTO,
	SIPALG_A_CALL_ORIG,
	SIPALG_A_CALL_REPLY,
	SIPALG_A_CALL_STREAMS,
	SIPALG_A_REG_CALL_ID,
	SIPALG_A_REG_CONTACT_ADDR,
	SIPALG_A_REG_CONTACT_PORT,
	SIPALG_A_REG_PUB_ADDR,
	SIPALG_A_REG_PUB_PORT,
	SIPALG_A_REG_REGISTRAR_ADDR,
	SIPALG_A_REG_EXPIRES,
	SIPALG_A_REG_ACTIVE,
	SIPALG_A_REG_PINHOLE,
	SIPALG_A_CFG_MAX_CALLS,
	SIPALG_A_CFG_MAX_STREAMS,
	SIPALG_A_CFG_MAX_PINHOLES,
	SIPALG_A_CFG_SIG_TIMEOUT,
	SIPALG_A_CFG_RING_TIMEOUT,
	SIPALG_A_CFG_BYE_LINGER,
	SIPALG_A_CFG_CALL_IDLE,
	SIPALG_A_CFG_MEDIA_POLICY,
	SIPALG_A_CFG_STRICT,
	SIPALG_A_CFG_PREFIXES,
	SIPALG_A_EVENT,
	SIPALG_A_EVENT_REASON,
	SIPALG_A_EVENT_ERROR,
	SIPALG_A_PAD,
	__SIPALG_A_MAX
};

#define SIPALG_A_MAX (__SIPALG_A_MAX - 1)

enum sipalg_tuple_attr {
	SIPALG_A_TUPLE_UNSPEC,
	SIPALG_A_TUPLE_SRC_ADDR,
	SIPALG_A_TUPLE_DST_ADDR,
	SIPALG_A_TUPLE_SRC_PORT,
	SIPALG_A_TUPLE_DST_PORT,
	__SIPALG_A_TUPLE_MAX
};

#define SIPALG_A_TUPLE_MAX (__SIPALG_A_TUPLE_MAX - 1)

enum sipalg_stream_attr {
	SIPALG_A_STREAM_UNSPEC,
	SIPALG_A_STREAM,		/* in SIPALG_A_CALL_STREAMS: one stream */
	SIPALG_A_STREAM_SIDE,
	SIPALG_A_STREAM_INDEX,
	SIPALG_A_STREAM_MEDIA,
	SIPALG_A_STREAM_DIRECTION,
	SIPALG_A_STREAM_ADDR,
	SIPALG_A_STREAM_PORT,
	SIPALG_A_STREAM_RTCP_ADDR,
	SIPALG_A_STREAM_RTCP_PORT,
	SIPALG_A_STREAM_PUB_ADDR,
	SIPALG_A_STREAM_PUB_PORT,
	SIPALG_A_STREAM_PUB_RTCP_PORT,
	SIPALG_A_STREAM_MUX,
	SIPALG_A_STREAM_RTP_PINHOLE,
	SIPALG_A_STREAM_RTCP_PINHOLE,
	__SIPALG_A_STREAM_MAX
};

#define SIPALG_A_STREAM_MAX (__SIPALG_A_STREAM_MAX - 1)

enum sipalg_prefix_attr {
	SIPALG_A_PREFIX_UNSPEC,
	SIPALG_A_PREFIX,		/* in SIPALG_A_CFG_PREFIXES: one prefix */
	SIPALG_A_PREFIX_ADDR,
	SIPALG_A_PREFIX_LEN,
	__SIPALG_A_PREFIX_MAX
};

#define SIPALG_A_PREFIX_MAX (__SIPALG_A_PREFIX_MAX - 1)

enum sipalg_call_state_uapi {
	SIPALG_STATE_EARLY,
	SIPALG_STATE_CONFIRMED,
	SIPALG_STATE_HELD,
	SIPALG_STATE_TERMINATING,
};

enum sipalg_media_uapi {
	SIPALG_MEDIA_T_OTHER,
	SIPALG_MEDIA_T_AUDIO,
	SIPALG_MEDIA_T_VIDEO,
	SIPALG_MEDIA_T_IMAGE,
	SIPALG_MEDIA_T_APPLICATION,
	SIPALG_MEDIA_T_TEXT,
	SIPALG_MEDIA_T_MESSAGE,
};

enum sipalg_pinhole_state {
	SIPALG_PINHOLE_NONE,		/* none needed or refused */
	SIPALG_PINHOLE_WAITING,		/* open, no media yet */
	SIPALG_PINHOLE_USED,		/* media came through it */
};

enum sipalg_media_src {
	SIPALG_MEDIA_SRC_PEER,		/* the signalling peer only */
	SIPALG_MEDIA_SRC_PREFIXES,	/* the peer or the configured prefixes */
	SIPALG_MEDIA_SRC_ANY,		/* anyone */
};

enum sipalg_event {
	SIPALG_EV_UNSPEC,
	SIPALG_EV_CALL_CREATED,
	SIPALG_EV_CALL_ANSWERED,
	SIPALG_EV_CALL_ENDED,		/* SIPALG_A_EVENT_REASON says why */
	SIPALG_EV_REG_ADDED,
	SIPALG_EV_REG_EXPIRED,
	SIPALG_EV_REG_REMOVED,
	SIPALG_EV_REFUSED,		/* a message or pinhole refused */
};

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
	SIPALG_STAT_MEDIA_REFUSED_SOURCE,	/* media source policy */
	/* SIP over TCP: messages split across segments */
	SIPALG_STAT_TCP_REASSEMBLED,	/* understood from 2+ segments */
	SIPALG_STAT_TCP_REASM_OVERFLOW,	/* longer than tcp_reasm_max */
	SIPALG_STAT_TCP_REASM_GAP,	/* next segment not the one expected */
	SIPALG_STAT_TCP_REASM_NOMEM,
	/* NATed, split: its first part had left, so passed unrewritten */
	SIPALG_STAT_TCP_SPLIT_UNREWRITTEN,
	/* NATed, split: a segment held back until the message's end came */
	SIPALG_STAT_TCP_SPLIT_DROPPED,
	/* NATed, split: rewritten across its segments */
	SIPALG_STAT_TCP_SPLIT_REWRITTEN,
	__SIPALG_STAT_MAX
};

#define SIPALG_STAT_MAX (__SIPALG_STAT_MAX - 1)

#endif /* _UAPI_LINUX_NF_SIPALG_H */
