/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of the sipalg modules: the per-netns state of the
 * conntrack helper (kernel/call.c) and the hooks the NAT module plugs in.
 * Locking and lifetimes are described in Documentation/design.rst.
 */
#ifndef _SIPALG_H
#define _SIPALG_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/netfilter.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_expect.h>
#include <net/netfilter/nf_conntrack_helper.h>
#include <uapi/linux/nf_sipalg.h>

#include "parser/parser.h"

#define SIPALG_CALLID_MAX	128	/* longer Call-IDs: hashed + truncated */
#define SIPALG_TAG_MAX		64
#define SIPALG_URI_MAX		128
#define SIPALG_HASH_BITS	10
#define SIPALG_CIDFLOW_BITS	8
#define SIPALG_CIDFLOWS_MAX	65536

/* expectation classes (at most 4 per helper) */
enum sipalg_class {
	SIPALG_CLASS_SIGNALLING,
	SIPALG_CLASS_AUDIO,
	SIPALG_CLASS_VIDEO,
	SIPALG_CLASS_OTHER,
	SIPALG_CLASS_MAX
};

enum sipalg_media_policy {
	SIPALG_SRC_PEER,	/* media only from the signalling peer */
	SIPALG_SRC_PREFIX,	/* from the peer or the configured prefixes */
	SIPALG_SRC_ANY,		/* from anywhere */
};

/* A media source prefix of the "prefixes" policy. */
struct sipalg_prefix {
	union nf_inet_addr addr;	/* masked */
	union nf_inet_addr mask;
	u8 family;			/* NFPROTO_IPV4 or NFPROTO_IPV6 */
	u8 len;
};

struct sipalg_config {
	unsigned int max_calls;
	unsigned int max_streams;	/* per call */
	unsigned int max_pinholes;	/* per call */
	unsigned int sig_timeout;	/* s: signalling flow */
	unsigned int pinhole_timeout;	/* s: before media starts */
	unsigned int ring_timeout;	/* s: a call never answered */
	unsigned int bye_linger;	/* s: media after BYE */
	unsigned int call_idle;		/* s: confirmed call, no signalling */
	u8 media_policy;		/* enum sipalg_media_policy */
	bool strict;			/* drop malformed messages */
	u8 nprefixes;
	/* non-overlapping (netlink refuses overlaps: their expectations
	 * would clash)
	 */
	struct sipalg_prefix prefixes[SIPALG_MAX_PREFIXES];
};

enum sipalg_call_state {
	SIPALG_CALL_EARLY,		/* INVITE sent, no final answer */
	SIPALG_CALL_CONFIRMED,
	SIPALG_CALL_HELD,
	SIPALG_CALL_TERMINATING,	/* BYE seen: media may linger */
};

/* One m= line of one side of a call, with its pinholes. */
struct sipalg_stream {
	u8 dir;				/* side that announced it */
	u8 index;			/* m= line number in that side's SDP */
	u8 media;			/* enum sipalg_media_type */
	u8 flags;			/* SIPALG_SM_* of the SDP */
	u8 sdir;			/* enum sipalg_direction */
	union nf_inet_addr addr;	/* where media goes (as announced) */
	__be16 port;
	__be16 rtcp_port;		/* 0: rtcp-mux or no RTCP pinhole */
	union nf_inet_addr rtcp_addr;
	struct nf_conntrack_expect *rtp;	/* our references, or NULL */
	struct nf_conntrack_expect *rtcp;
	__be16 pub_port;		/* NAT: public RTP port, 0 if none */
	__be16 pub_rtcp_port;		/* NAT: public RTCP port */
	union nf_inet_addr pub_addr;	/* NAT: public address */
	u8 used;			/* SIPALG_USED_*: media came */
};

#define SIPALG_USED_RTP		0x1
#define SIPALG_USED_RTCP	0x2

#define SIPALG_MAX_STREAMS	16

/*
 * A registration seen through us (RFC 3261 §10): new requests from the
 * registrar may reach the registered contact through a pinhole, for as
 * long as the registrar's 2xx said.
 */
struct sipalg_reg {
	struct list_head node;		/* in sn->regs */
	struct hlist_node mnode;	/* in its master's sipalg_ct.regs */
	struct nf_conn *master;		/* referenced */
	union nf_inet_addr contact;	/* as the phone wrote it */
	union nf_inet_addr pub;		/* as the registrar sees it */
	union nf_inet_addr registrar;
	__be16 contact_port;
	__be16 pub_port;
	u8 dir;				/* direction of the REGISTER */
	bool active;			/* a 2xx confirmed it */
	u32 cseq;			/* of the pending REGISTER */
	u32 expires;			/* s, as requested or granted */
	unsigned long created;
	unsigned long deadline;		/* jiffies */
	u8 cid_len;
	char cid[SIPALG_CALLID_MAX];
	struct nf_conntrack_expect *exp;	/* referenced, or NULL */
};

struct sipalg_call {
	struct hlist_node node;		/* in sn->calls, by Call-ID */
	struct hlist_node mnode;	/* in its master's sipalg_ct.calls */
	struct nf_conn *master;		/* referenced */
	u32 hash;
	u8 cid_len;
	u8 state;			/* enum sipalg_call_state */
	u8 nstreams;
	u8 npinholes;
	u32 invite_cseq;
	unsigned long created;		/* jiffies */
	unsigned long last;		/* jiffies of the last message */
	unsigned long deadline;		/* jiffies: GC ends the call then */
	char cid[SIPALG_CALLID_MAX];
	/* From/To URIs and tags, truncated, NUL-terminated (netlink) */
	char from[SIPALG_URI_MAX];
	char to[SIPALG_URI_MAX];
	char ftag[SIPALG_TAG_MAX];
	char ttag[SIPALG_TAG_MAX];
	struct sipalg_stream streams[SIPALG_MAX_STREAMS];
};

struct sipalg_net {
	spinlock_t lock;		/* calls, ncalls */
	struct hlist_head calls[1 << SIPALG_HASH_BITS];
	unsigned int ncalls;
	struct list_head regs;		/* under lock */
	unsigned int nregs;
	struct list_head reasm;		/* under lock: TCP buffers */
	/* under lock: the buffers were freed (netns exit, unload): the
	 * flows' slots still name them and are never read again
	 */
	bool reasm_dead;
	/* under lock: flows whose Call-IDs are mapped (sipalg_cid_mapped()) */
	struct hlist_head cidflows[1 << SIPALG_CIDFLOW_BITS];
	unsigned int ncidflows;
	/* under lock: some pinhole got siblings (prefixes policy); never
	 * cleared, so closing a pinhole looks for them only from then on
	 */
	bool siblings;
	unsigned int gen;		/* changes of calls/regs: dump seq */
	struct sipalg_config cfg;
	atomic64_t stats[__SIPALG_STAT_MAX];
	atomic64_t parse_errors[SIPALG_E_COUNT];
	struct delayed_work gc;
	struct net *net;
};

/*
 * Per-conntrack helper data (nf_conn_help.data, 32 bytes at most): the
 * calls and registrations this flow is the master of, so that a master's
 * end or a media flow matching one of its pinholes finds them without
 * walking the tables.
 * Under sn->lock.
 */
struct sipalg_ct {
	struct hlist_head calls;
	struct hlist_head regs;
	/* TCP: the start of a message whose end is still to come, per
	 * direction (see sipalg_help())
	 */
	struct sipalg_reasm *reasm[IP_CT_DIR_MAX];
};

/*
 * TCP (RFC 3261 §18.3), per flow and direction, see Documentation/design.md
 * "TCP".  Under sn->lock: in sn->reasm (so that netns exit and module
 * unload free it) and in the slot of its flow's sipalg_ct.
 */
enum sipalg_reasm_state {
	SIPALG_REASM_KEPT,	/* the start of a message that passed */
	SIPALG_REASM_COLLECT,	/* NAT: a region held back, growing */
	SIPALG_REASM_BUSY,	/* a CPU is completing the region */
	SIPALG_REASM_DONE,	/* the region rewritten, passing */
};

struct sipalg_reasm {
	struct list_head node;
	/* KEPT: sender's sequence number of the next byte; a region: of
	 * its first byte
	 */
	u32 seq;
	u32 len;		/* bytes in data */
	u32 olen;		/* DONE: the region's length as sent */
	u32 newend;		/* DONE: its end in the receiver's numbers */
	u16 mss;		/* a region: its sender's largest segment */
	u8 state;
	u8 liberal;		/* DONE: BE_LIBERAL set by it, bit per side */
	char data[];
};

/* Where a message of a region is written rewritten (see nat_msg()). */
struct sipalg_out {
	char *buf;
	unsigned int len;
	unsigned int size;
};

static_assert(sizeof(struct sipalg_ct) <= sizeof_field(struct nf_conn_help, data));

static inline struct sipalg_ct *sipalg_ct(const struct nf_conn *ct)
{
	return nfct_help_data(ct);
}

/* The stream of one side's m= line, or NULL. */
static inline struct sipalg_stream *
sipalg_stream_find(struct sipalg_call *call, u8 dir, unsigned int index)
{
	unsigned int i;

	if (!call)
		return NULL;
	for (i = 0; i < call->nstreams; i++)
		if (call->streams[i].dir == dir && call->streams[i].index == index)
			return &call->streams[i];
	return NULL;
}

/* A literal address of the parser as the flow's family's address. */
static inline bool sipalg_to_inet(const struct nf_conn *ct,
				  const struct sipalg_addr *a,
				  union nf_inet_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (nf_ct_l3num(ct) == NFPROTO_IPV4 && a->family == SIPALG_AF_INET) {
		memcpy(&out->ip, a->a, 4);
		return true;
	}
	if (nf_ct_l3num(ct) == NFPROTO_IPV6 && a->family == SIPALG_AF_INET6) {
		memcpy(out->ip6, a->a, 16);
		return true;
	}
	return false;
}

/* An address of the flow's family as the parser's literal address. */
static inline void sipalg_from_inet(const struct nf_conn *ct,
				    const union nf_inet_addr *in,
				    struct sipalg_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (nf_ct_l3num(ct) == NFPROTO_IPV4) {
		a->family = SIPALG_AF_INET;
		memcpy(a->a, &in->ip, 4);
	} else {
		a->family = SIPALG_AF_INET6;
		memcpy(a->a, in->ip6, 16);
	}
}

struct sipalg_net *sipalg_pernet(const struct net *net);

static inline void sipalg_count(struct sipalg_net *sn, enum sipalg_stat s)
{
	atomic64_inc(&sn->stats[s]);
}

/* The parser's state: too big for the stack, one per CPU (BH off). */
#define SIPALG_MAX_EDITS	64

struct sipalg_edit {
	u16 off;			/* in the message */
	u16 len;
	u8 nlen;
	char text[63];			/* "[v6]:port", "%5Bv6%5D" fit */
};

struct sipalg_scratch {
	struct sipalg_msg msg;
	struct sipalg_sdp sdp;
	struct sipalg_edit edits[SIPALG_MAX_EDITS];
	unsigned int nedits;
	char key[SIPALG_CALLID_MAX];	/* sipalg_cid_key() */
	bool cid_map;			/* map Call-IDs (sipalg_cid_mapped()) */
};

/*
 * What nf_nat_sipalg plugs in (RCU-published by the conntrack module, so
 * that a pure firewall needs no NAT module).  Called only for conntracks
 * with NAT, under sn->lock, BH off.
 */
struct sipalg_nat_hooks {
	/* Rewrite the message at msgoff of the skb's payload, or, with
	 * out, append the message (data) rewritten to out, never shorter
	 * than it was; returns NF_ACCEPT or NF_DROP and the change of its
	 * length in *delta.
	 */
	unsigned int (*msg)(struct sk_buff *skb, unsigned int protoff,
			    unsigned int dataoff, unsigned int msgoff,
			    struct nf_conn *ct, enum ip_conntrack_info ctinfo,
			    struct sipalg_scratch *sc, bool have_sdp,
			    struct sipalg_call *call, const char *data,
			    struct sipalg_out *out, int *delta);
	/* Replace len bytes at off of the TCP payload by rep[0..replen):
	 * lengths and checksum, no sequence adjustment
	 */
	bool (*splice)(struct sk_buff *skb, unsigned int protoff,
		       struct nf_conn *ct, enum ip_conntrack_info ctinfo,
		       unsigned int off, unsigned int len, const char *rep,
		       unsigned int replen);
	/* NAT a pinhole and insert it (instead of nf_ct_expect_related());
	 * sets *pub to the public port chosen, 0 or -errno.
	 */
	int (*pinhole)(struct nf_conn *ct, enum ip_conntrack_dir dir,
		       struct nf_conntrack_expect *exp,
		       struct sipalg_call *call, unsigned int index,
		       __be16 *pub);
	/* a media conntrack just matched a pinhole; priv: the port the
	 * sender announced for this media (0: unknown)
	 */
	void (*expected)(struct nf_conn *ct, struct nf_conntrack_expect *exp,
			 __be16 priv);
};

extern const struct sipalg_nat_hooks __rcu *sipalg_nat_hooks;

/* nf_nat_sipalg.c */
int sipalg_nat_plan(const struct nf_conn *ct, enum ip_conntrack_dir dir,
		    struct sipalg_scratch *sc, bool have_sdp,
		    struct sipalg_call *call);
int sipalg_nat_write(const struct sipalg_scratch *sc, const char *data,
		     struct sipalg_out *out);

/* netlink.c */
int sipalg_netlink_init(void);
void sipalg_netlink_exit(void);
void sipalg_event_call(struct sipalg_net *sn, const struct sipalg_call *call,
		       u8 event, u8 reason);
void sipalg_event_reg(struct sipalg_net *sn, const struct sipalg_reg *reg,
		      u8 event);
void sipalg_event_refused(struct sipalg_net *sn, u8 reason, int err);

/* call.c */
int sipalg_calls_init(void);
void sipalg_calls_exit(void);
unsigned int sipalg_cid_key(const struct nf_conn *ct, enum ip_conntrack_dir dir,
			    const char *buf, const struct sipalg_msg *m,
			    char *key);
bool sipalg_cid_mapped(struct sipalg_net *sn, const struct nf_conn *ct,
		       enum ip_conntrack_dir dir, const struct sipalg_msg *m);
struct sipalg_call *sipalg_call_find(struct sipalg_net *sn, const char *cid,
				     unsigned int len, const struct nf_conn *ct);
struct sipalg_call *sipalg_call_new(struct sipalg_net *sn, const char *cid,
				    unsigned int len, struct nf_conn *ct);
void sipalg_call_end(struct sipalg_net *sn, struct sipalg_call *call,
		     enum sipalg_stat reason);
void sipalg_stream_clear(struct sipalg_net *sn, struct sipalg_call *call,
			 struct sipalg_stream *s);
void sipalg_pinhole_close(struct sipalg_net *sn,
			  struct nf_conntrack_expect *exp);
bool sipalg_pinhole_is(const struct nf_conntrack_expect *ours,
		       const struct nf_conntrack_expect *exp);
void sipalg_calls_flush_master(struct sipalg_net *sn, const struct nf_conn *ct);
void sipalg_calls_flush(struct sipalg_net *sn);
void sipalg_gc(struct sipalg_net *sn, unsigned long now);
void sipalg_gc_work(struct work_struct *work);
struct sipalg_reg *sipalg_reg_find(struct sipalg_net *sn, const char *cid,
				   unsigned int len, const struct nf_conn *ct,
				   const union nf_inet_addr *contact,
				   __be16 port);
struct sipalg_reg *sipalg_reg_new(struct sipalg_net *sn, const char *cid,
				  unsigned int len, struct nf_conn *ct);
void sipalg_reg_free(struct sipalg_net *sn, struct sipalg_reg *reg,
		     enum sipalg_stat reason);

#endif /* _SIPALG_H */
