// SPDX-License-Identifier: GPL-2.0
/* Generic netlink plumbing for the sipalg CLI. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/nf_sipalg.h>

#include "nl.h"
#include "sipalg.h"

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl *nl = data;
	struct nlattr *a, *grp, *g;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case CTRL_ATTR_FAMILY_ID:
			nl->family = mnl_attr_get_u16(a);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			mnl_attr_for_each_nested(grp, a) {
				const char *name = NULL;
				uint32_t id = 0;

				mnl_attr_for_each_nested(g, grp) {
					if (mnl_attr_get_type(g) == CTRL_ATTR_MCAST_GRP_NAME)
						name = mnl_attr_get_str(g);
					else if (mnl_attr_get_type(g) == CTRL_ATTR_MCAST_GRP_ID)
						id = mnl_attr_get_u32(g);
				}
				if (name && !strcmp(name, SIPALG_MCGRP_EVENTS))
					nl->mcgrp = id;
			}
			break;
		}
	}
	return MNL_CB_OK;
}

struct nlmsghdr *nl_req(struct nl *nl, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = nl->family == GENL_ID_CTRL ? 1 : SIPALG_GENL_VERSION;
	return nlh;
}

/* the kernel's reason for the last error (extended ACK), or "" */
static char ext_msg[256];

static int err_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	unsigned int off;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!e->error)
		return MNL_CB_STOP;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		off = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
		mnl_attr_for_each(a, nlh, off)
			if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
			    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				snprintf(ext_msg, sizeof(ext_msg), "%s",
					 mnl_attr_get_str(a));
	}
	errno = -e->error;
	return MNL_CB_ERROR;
}

static int noop_cb(const struct nlmsghdr *nlh, void *data)
{
	return MNL_CB_OK;
}

static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	return MNL_CB_STOP;
}

/* libmnl's defaults, but errors with the kernel's reason */
static mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
	[NLMSG_NOOP] = noop_cb,
	[NLMSG_ERROR] = err_cb,
	[NLMSG_DONE] = done_cb,
	[NLMSG_OVERRUN] = noop_cb,
};

static void explain(int err)
{
	if (ext_msg[0])
		cli_err("%s (%s)", ext_msg, strerror(err));
	else if (err == EPERM || err == EACCES)
		cli_err("not permitted: needs CAP_NET_ADMIN in this network namespace (run as root)");
	else if (err == EOPNOTSUPP)
		cli_err("not supported by this sipalg module (upgrade the module)");
	else
		cli_err("netlink: %s", strerror(err));
}

int nl_talk(struct nl *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data,
	    bool *intr)
{
	uint32_t seq = req->nlmsg_seq;
	int ret;

	if (intr)
		*intr = false;
	ext_msg[0] = '\0';
	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0) {
		explain(errno);
		return -1;
	}
	for (;;) {
		ret = mnl_socket_recvfrom(nl->sock, nl->buf, MNL_SOCKET_BUFFER_SIZE);
		if (ret < 0) {
			explain(errno);
			return -1;
		}
		if (intr) {
			const struct nlmsghdr *h = (const void *)nl->buf;
			int len = ret;

			for (; mnl_nlmsg_ok(h, len); h = mnl_nlmsg_next(h, &len))
				if (h->nlmsg_flags & NLM_F_DUMP_INTR)
					*intr = true;
		}
		ret = mnl_cb_run2(nl->buf, ret, seq, nl->portid, cb, data,
				  ctl_cbs, NLMSG_MIN_TYPE);
		if (ret <= MNL_CB_STOP)
			break;
	}
	if (ret < 0) {
		explain(errno);
		return -1;
	}
	return 0;
}

int nl_open(struct nl *nl)
{
	struct nlmsghdr *nlh;
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	nl->buf = malloc(MNL_SOCKET_BUFFER_SIZE);
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->buf || !nl->sock ||
	    mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		cli_err("cannot open a netlink socket: %s", strerror(errno));
		nl_close(nl);
		return -1;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);
	/* the kernel's reasons for refusals (best effort: old kernels) */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	nl->seq = (uint32_t)time(NULL);
	nl->family = GENL_ID_CTRL;
	nlh = nl_req(nl, CTRL_CMD_GETFAMILY, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, SIPALG_GENL_NAME);
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		goto fail;
	for (;;) {
		int ret = mnl_socket_recvfrom(nl->sock, nl->buf,
					      MNL_SOCKET_BUFFER_SIZE);

		if (ret < 0)
			goto fail;
		ret = mnl_cb_run(nl->buf, ret, nlh->nlmsg_seq, nl->portid,
				 family_cb, nl);
		if (ret < 0)
			goto fail;
		if (ret <= MNL_CB_STOP)
			break;
	}
	if (nl->family == GENL_ID_CTRL || !nl->family)
		goto fail;
	return 0;
fail:
	if (errno == ENOENT || nl->family == GENL_ID_CTRL)
		cli_err("the sipalg module is not loaded in this kernel (modprobe nf_conntrack_sipalg)");
	else
		cli_err("netlink: %s", strerror(errno));
	nl_close(nl);
	return -1;
}

void nl_close(struct nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->buf);
	nl->sock = NULL;
	nl->buf = NULL;
}

struct tb {
	const struct nlattr **tb;
	int max;
};

static int attr_cb(const struct nlattr *a, void *data)
{
	struct tb *t = data;
	int type = mnl_attr_get_type(a);

	/* attributes newer than this tool are skipped */
	if (type <= t->max)
		t->tb[type] = a;
	return MNL_CB_OK;
}

void nl_attrs(const struct nlmsghdr *nlh, const struct nlattr **tb, int max)
{
	struct tb t = { tb, max };

	memset(tb, 0, sizeof(*tb) * (max + 1));
	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), attr_cb, &t);
}

void nl_nest(const struct nlattr *nest, const struct nlattr **tb, int max)
{
	struct tb t = { tb, max };

	memset(tb, 0, sizeof(*tb) * (max + 1));
	if (nest)
		mnl_attr_parse_nested(nest, attr_cb, &t);
}

const char *nl_addr(const struct nlattr *a, char *buf, size_t size)
{
	if (!a)
		return NULL;
	if (mnl_attr_get_payload_len(a) == 4)
		return inet_ntop(AF_INET, mnl_attr_get_payload(a), buf, size);
	if (mnl_attr_get_payload_len(a) == 16)
		return inet_ntop(AF_INET6, mnl_attr_get_payload(a), buf, size);
	return NULL;
}
