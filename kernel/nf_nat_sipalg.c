// SPDX-License-Identifier: GPL-2.0
/*
 * nf_nat_sipalg: the NAT half of sipalg.
 *
 * Work in progress: this module loads beside nf_conntrack_sipalg and
 * depends on it, so that "modprobe nf_nat_sipalg" brings the whole ALG.
 * The rewriting of SIP and SDP through NAT (issue "nf_nat_sipalg") plugs
 * in here through RCU-published hooks owned by the conntrack module; until
 * it lands, NATed calls get pinholes but no address rewriting, which the
 * module says once at load time so that nobody mistakes it for working NAT.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "sipalg.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SIP ALG: NAT of SIP/SDP (rewriting not yet implemented)");
MODULE_SOFTDEP("pre: nf_conntrack_sipalg");

static int __init nf_nat_sipalg_init(void)
{
	/* a symbol of the conntrack module: loading us loads it */
	pr_info("SIP/SDP rewriting is not implemented yet (%s)\n",
		sipalg_strerror(SIPALG_OK));
	return 0;
}

static void __exit nf_nat_sipalg_exit(void)
{
}

module_init(nf_nat_sipalg_init);
module_exit(nf_nat_sipalg_exit);
