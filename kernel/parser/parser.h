/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sipalg SIP/SDP parser: the interface.
 *
 * Input is a buffer holding one SIP message as it appears on the wire
 * (RFC 3261 §7), output is a struct sipalg_msg holding decoded values and,
 * for everything a NAT may have to rewrite, the exact {offset, length} span
 * of its text.  Offsets are relative to the start of the buffer handed to
 * sipalg_parse_msg(), so a rewriter can splice replacements without
 * scanning the message again.
 *
 * Properties the kernel relies on:
 *  - no allocation, no locks, no global state: safe in softirq context and
 *    reentrant on every CPU;
 *  - every read is bounded by the length given; a malformed message yields
 *    an error code (enum sipalg_err), never a read outside the buffer;
 *  - the header section is walked once; each header we care about is
 *    decoded when it is met and never looked at again.
 */
#ifndef _SIPALG_PARSER_H
#define _SIPALG_PARSER_H

#include "port.h"

/* Spans are 16 bit: a SIP message larger than this is refused. */
#define SIPALG_MSG_MAX		65535u

/* Bounds of what one message may carry; more is counted and flagged. */
#define SIPALG_MAX_VIA		16
#define SIPALG_MAX_CONTACT	16
#define SIPALG_MAX_ROUTE	8
#define SIPALG_MAX_MEDIA	16
#define SIPALG_MAX_CAND		32
#define SIPALG_MAX_CIDREF	4

struct sipalg_span {
	u16 off;
	u16 len;
};

enum sipalg_family {
	SIPALG_AF_NAME	= 0,	/* a host name, or nothing */
	SIPALG_AF_INET	= 4,
	SIPALG_AF_INET6	= 6,
};

/* A literal address; network byte order, IPv4 in a[0..3]. */
struct sipalg_addr {
	u8 family;
	u8 a[16];
};

struct sipalg_hostport {
	struct sipalg_span host;	/* as written: IPv6 keeps its brackets */
	struct sipalg_span port;	/* the digits; len 0 when absent */
	u16 port_num;			/* 0 when absent */
	struct sipalg_addr addr;	/* AF_NAME for host names */
};

enum sipalg_scheme {
	SIPALG_SCHEME_NONE,
	SIPALG_SCHEME_SIP,
	SIPALG_SCHEME_SIPS,
	SIPALG_SCHEME_TEL,
	SIPALG_SCHEME_OTHER,	/* any other absoluteURI, e.g. mailto:, urn: */
};

enum sipalg_transport {
	SIPALG_TP_NONE,
	SIPALG_TP_UDP,
	SIPALG_TP_TCP,
	SIPALG_TP_TLS,
	SIPALG_TP_SCTP,
	SIPALG_TP_WS,
	SIPALG_TP_WSS,
	SIPALG_TP_OTHER,
};

struct sipalg_uri {
	struct sipalg_span span;	/* the whole URI, without < > */
	struct sipalg_span user;	/* userinfo before '@', without password */
	struct sipalg_hostport hp;	/* sip: and sips: only */
	struct sipalg_span params;	/* ";..." after hostport, up to '?' */
	struct sipalg_span maddr;	/* ;maddr= value */
	u8 scheme;			/* enum sipalg_scheme */
	u8 transport;			/* ;transport= as enum sipalg_transport */
};

/* name-addr / addr-spec of From, To, Contact, Route, Record-Route */
#define SIPALG_NA_ANGLE		0x01	/* the URI was enclosed in < > */
#define SIPALG_NA_EXPIRES	0x02	/* ;expires= present */
#define SIPALG_NA_STAR		0x04	/* Contact: * */

struct sipalg_naddr {
	struct sipalg_span value;	/* this element of the header value */
	struct sipalg_span display;	/* display name as written */
	struct sipalg_uri uri;
	struct sipalg_span tag;		/* ;tag= value */
	struct sipalg_span expires;	/* ;expires= value */
	u32 expires_val;
	u8 flags;			/* SIPALG_NA_* */
};

#define SIPALG_VIA_RPORT	0x01	/* ;rport present (with or without value) */
#define SIPALG_VIA_RECEIVED	0x02
#define SIPALG_VIA_MADDR	0x04

struct sipalg_via {
	struct sipalg_span value;	/* this via-parm */
	struct sipalg_span transport;	/* "UDP", "TCP", ... as written */
	struct sipalg_hostport sent_by;
	struct sipalg_span branch;	/* values of the parameters ... */
	struct sipalg_span received;
	struct sipalg_span rport;	/* len 0 for a bare ";rport" */
	struct sipalg_span maddr;
	struct sipalg_addr received_addr;
	struct sipalg_addr maddr_addr;
	u16 rport_num;
	u8 proto;			/* enum sipalg_transport */
	u8 flags;			/* SIPALG_VIA_* */
};

/*
 * The host part of a Call-ID (RFC 3261 §20.8: word ["@" word]) when it is
 * a literal address, optionally followed by ":port" ("1234@10.0.0.2",
 * "x@[2001:db8::2]:5060"): the address phones put there (§8.1.1.4) and a
 * NAT maps like any other.
 */
#define SIPALG_CID_BRACKETS	0x01	/* IPv6 written as [addr] */
#define SIPALG_CID_ESCAPED	0x02	/* percent-encoded: a URI's header */

struct sipalg_cid {
	struct sipalg_span host;	/* the address as written; 0: none */
	struct sipalg_addr addr;
	u8 flags;			/* SIPALG_CID_* */
};

enum sipalg_kind {
	SIPALG_REQUEST = 1,
	SIPALG_RESPONSE,
};

enum sipalg_method {
	SIPALG_M_UNKNOWN,
	SIPALG_M_INVITE,
	SIPALG_M_ACK,
	SIPALG_M_BYE,
	SIPALG_M_CANCEL,
	SIPALG_M_REGISTER,
	SIPALG_M_OPTIONS,
	SIPALG_M_PRACK,
	SIPALG_M_UPDATE,
	SIPALG_M_INFO,
	SIPALG_M_SUBSCRIBE,
	SIPALG_M_NOTIFY,
	SIPALG_M_REFER,
	SIPALG_M_MESSAGE,
	SIPALG_M_PUBLISH,
	SIPALG_M_COUNT
};

enum sipalg_body_type {
	SIPALG_BODY_NONE,
	SIPALG_BODY_SDP,
	SIPALG_BODY_MULTIPART,
	SIPALG_BODY_OTHER,
};

/* struct sipalg_msg.flags */
#define SIPALG_MF_CLEN		0x0001	/* Content-Length present */
#define SIPALG_MF_EXPIRES	0x0002	/* Expires present */
#define SIPALG_MF_MAXFWD	0x0004	/* Max-Forwards present */
#define SIPALG_MF_STAR		0x0008	/* Contact: * */
#define SIPALG_MF_VIA_TRUNC	0x0010	/* more Via values than recorded */
#define SIPALG_MF_CONTACT_TRUNC	0x0020
#define SIPALG_MF_ROUTE_TRUNC	0x0040
#define SIPALG_MF_LF_ONLY	0x0080	/* bare LF line ends were tolerated */
#define SIPALG_MF_EXCESS	0x0100	/* datagram bytes past Content-Length */
#define SIPALG_MF_SDP_GUESSED	0x0200	/* no Content-Type, body is SDP */
#define SIPALG_MF_FOLDED	0x0400	/* a header was folded */
#define SIPALG_MF_CIDREF_TRUNC	0x0800	/* more Call-ID references */

/* sipalg_parse_msg() flags */
#define SIPALG_PF_STREAM	0x1	/* TCP/TLS framing (RFC 3261 §18.3) */

struct sipalg_msg {
	u16 start;		/* start line (leading CRLFs are skipped) */
	u16 hdr_end;		/* just past the empty line ending the headers */
	u16 len;		/* just past the message: framing result */
	u16 flags;		/* SIPALG_MF_* */
	u8 kind;		/* enum sipalg_kind */
	u8 method;		/* requests: enum sipalg_method */
	u8 cseq_method;		/* enum sipalg_method */
	u8 body_type;		/* enum sipalg_body_type */
	u16 status;		/* responses */
	u8 nvia;
	u8 ncontact;
	u8 nroute;
	u8 nrr;
	u16 nheaders;		/* header fields seen */
	struct sipalg_span method_span;
	struct sipalg_span reason;
	struct sipalg_uri ruri;
	struct sipalg_span call_id;
	struct sipalg_cid cid;			/* host part of call_id */
	u8 ncidref;
	/* Call-IDs that name a dialog elsewhere: Replaces (RFC 3891),
	 * Join (RFC 3911), Target-Dialog (RFC 4538), and the Replaces
	 * header of a Refer-To URI (RFC 3891 §7, escaped)
	 */
	struct sipalg_cid cidref[SIPALG_MAX_CIDREF];
	struct sipalg_span cseq_method_span;
	struct sipalg_span content_length;	/* the digits */
	struct sipalg_span content_type;	/* "type/subtype" */
	struct sipalg_span body;
	struct sipalg_span sdp;			/* the SDP within body, or 0 */
	u32 cseq;
	u32 clen;
	u32 expires;
	u32 max_forwards;
	struct sipalg_naddr from;
	struct sipalg_naddr to;
	struct sipalg_via via[SIPALG_MAX_VIA];
	struct sipalg_naddr contact[SIPALG_MAX_CONTACT];
	struct sipalg_naddr route[SIPALG_MAX_ROUTE];
	struct sipalg_naddr rr[SIPALG_MAX_ROUTE];
};

enum sipalg_media_type {
	SIPALG_MEDIA_OTHER,
	SIPALG_MEDIA_AUDIO,
	SIPALG_MEDIA_VIDEO,
	SIPALG_MEDIA_IMAGE,
	SIPALG_MEDIA_APPLICATION,
	SIPALG_MEDIA_TEXT,
	SIPALG_MEDIA_MESSAGE,
};

enum sipalg_direction {
	SIPALG_DIR_NONE,	/* no attribute at this level */
	SIPALG_DIR_SENDRECV,
	SIPALG_DIR_SENDONLY,
	SIPALG_DIR_RECVONLY,
	SIPALG_DIR_INACTIVE,
};

#define SIPALG_CONN_PRESENT	0x01
#define SIPALG_CONN_MULTICAST	0x02

struct sipalg_sdp_conn {
	struct sipalg_span addr;	/* the address, without /ttl/count */
	struct sipalg_addr a;
	u16 count;			/* multicast address count, else 1 */
	u8 ttl;
	u8 flags;			/* SIPALG_CONN_* */
};

#define SIPALG_SM_RTCP		0x01	/* a=rtcp: present */
#define SIPALG_SM_RTCP_ADDR	0x02	/* a=rtcp: with an address */
#define SIPALG_SM_RTCP_MUX	0x04	/* a=rtcp-mux */
#define SIPALG_SM_RTP		0x08	/* proto is RTP/... (RTCP applies) */

struct sipalg_sdp_media {
	struct sipalg_span line;	/* the m= line, without its end */
	struct sipalg_span section;	/* from "m=" to the next "m=" or end */
	struct sipalg_span type;
	struct sipalg_span port;
	struct sipalg_span proto;
	struct sipalg_span rtcp_port;
	struct sipalg_span rtcp_addr;
	struct sipalg_sdp_conn c;	/* media-level c=, flags 0 if absent */
	struct sipalg_addr rtcp_a;
	u16 port_num;
	u16 count;			/* m=<port>/<count>, 1 when absent */
	u16 rtcp_num;			/* a=rtcp port, 0 when absent */
	u8 type_id;			/* enum sipalg_media_type */
	u8 dir;				/* enum sipalg_direction */
	u8 flags;			/* SIPALG_SM_* */
	u8 cand_first;			/* this m= line's a=candidate lines: */
	u8 ncand;			/* sdp->cand[cand_first .. +ncand) */
};

enum sipalg_cand_type {
	SIPALG_CAND_OTHER,
	SIPALG_CAND_HOST,
	SIPALG_CAND_SRFLX,
	SIPALG_CAND_PRFLX,
	SIPALG_CAND_RELAY,
};

struct sipalg_sdp_cand {
	struct sipalg_span addr;
	struct sipalg_span port;
	struct sipalg_span raddr;	/* related address, len 0 if none */
	struct sipalg_span rport;
	struct sipalg_addr a;
	u16 port_num;
	u16 component;
	u8 media;			/* index of its m= line */
	u8 typ;				/* enum sipalg_cand_type */
	u8 transport;			/* enum sipalg_transport */
};

#define SIPALG_SDP_MEDIA_TRUNC	0x01
#define SIPALG_SDP_CAND_TRUNC	0x02
#define SIPALG_SDP_LF_ONLY	0x04

struct sipalg_sdp {
	struct sipalg_span span;	/* where the SDP is in the message */
	struct sipalg_span origin;	/* o= unicast-address */
	struct sipalg_addr origin_a;
	struct sipalg_sdp_conn c;	/* session-level c= */
	u8 dir;				/* session-level direction */
	u8 nmedia;
	u8 ncand;
	u8 flags;			/* SIPALG_SDP_* */
	struct sipalg_sdp_media m[SIPALG_MAX_MEDIA];
	struct sipalg_sdp_cand cand[SIPALG_MAX_CAND];
};

/*
 * Error codes.  Keep sipalg_strerror() and the counters in the UAPI header
 * in step with this list: the kernel counts parse errors by this code.
 */
enum sipalg_err {
	SIPALG_OK = 0,
	SIPALG_E_INCOMPLETE,	/* stream: the message is not complete yet */
	SIPALG_E_KEEPALIVE,	/* only CRLFs: an RFC 5626 keep-alive */
	SIPALG_E_TOO_LONG,
	SIPALG_E_NUL,		/* NUL byte in the start line */
	SIPALG_E_START_LINE,
	SIPALG_E_METHOD,
	SIPALG_E_VERSION,
	SIPALG_E_STATUS,
	SIPALG_E_RURI,
	SIPALG_E_HEADER,	/* header line without a valid name and colon */
	SIPALG_E_HEADERS_END,	/* datagram: header section not terminated */
	SIPALG_E_DUPLICATE,	/* a single-valued header appears twice */
	SIPALG_E_VIA,
	SIPALG_E_FROM,
	SIPALG_E_TO,
	SIPALG_E_CONTACT,
	SIPALG_E_ROUTE,
	SIPALG_E_CALL_ID,
	SIPALG_E_CSEQ,
	SIPALG_E_CSEQ_METHOD,	/* request method differs from CSeq method */
	SIPALG_E_CLEN,
	SIPALG_E_NO_CLEN,	/* stream transport without Content-Length */
	SIPALG_E_BODY_TRUNC,	/* Content-Length larger than the data */
	SIPALG_E_CTYPE,
	SIPALG_E_EXPIRES,
	SIPALG_E_MAX_FORWARDS,
	SIPALG_E_MISSING,	/* a mandatory header is missing */
	SIPALG_E_MULTIPART,
	SIPALG_E_SDP_VERSION,
	SIPALG_E_SDP_LINE,
	SIPALG_E_SDP_ORIGIN,
	SIPALG_E_SDP_CONN,
	SIPALG_E_SDP_MEDIA,
	SIPALG_E_SDP_RTCP,
	SIPALG_E_SDP_CANDIDATE,
	SIPALG_E_COUNT
};

/* Parse one message from buf[0..len). */
int sipalg_parse_msg(const char *buf, u32 len, unsigned int flags,
		     struct sipalg_msg *msg);

/* Parse the SDP at span sp of buf (usually msg->sdp). */
int sipalg_parse_sdp(const char *buf, struct sipalg_span sp,
		     struct sipalg_sdp *sdp);

const char *sipalg_strerror(int err);
const char *sipalg_method_name(unsigned int method);
const char *sipalg_media_name(unsigned int type);
const char *sipalg_direction_name(unsigned int dir);

/* addr.c: literal addresses */
bool sipalg_parse_ipv4(const char *s, u32 len, u8 *out);
bool sipalg_parse_ipv6(const char *s, u32 len, u8 *out);
/* "1.2.3.4", "::1" or "[::1]" (brackets when allow_brackets) */
void sipalg_parse_host(const char *s, u32 len, bool allow_brackets,
		       struct sipalg_addr *a);
/* Textual form; IPv6 in RFC 5952 form, bracketed when asked. */
u32 sipalg_format_addr(const struct sipalg_addr *a, bool brackets,
		       char *out, u32 size);
u32 sipalg_format_u16(u16 v, char *out);
bool sipalg_addr_equal(const struct sipalg_addr *x, const struct sipalg_addr *y);

/* Effective values of an m= line: media level wins over session level. */
static inline const struct sipalg_sdp_conn *
sipalg_sdp_media_conn(const struct sipalg_sdp *sdp, unsigned int i)
{
	if (sdp->m[i].c.flags & SIPALG_CONN_PRESENT)
		return &sdp->m[i].c;
	if (sdp->c.flags & SIPALG_CONN_PRESENT)
		return &sdp->c;
	return NULL;
}

static inline unsigned int
sipalg_sdp_media_dir(const struct sipalg_sdp *sdp, unsigned int i)
{
	if (sdp->m[i].dir)
		return sdp->m[i].dir;
	if (sdp->dir)
		return sdp->dir;
	return SIPALG_DIR_SENDRECV;	/* RFC 4566 §6: the default */
}

#endif /* _SIPALG_PARSER_H */
