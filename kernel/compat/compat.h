/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Force-included into every sipalg kernel object (see Kbuild): makes the
 * kernel we build against look like the newest API we write for.  Feature
 * macros come from probe.sh, which greps the headers; each shim names the
 * change it covers.  Version checks appear nowhere else.
 */
#ifndef _SIPALG_COMPAT_H
#define _SIPALG_COMPAT_H

#ifdef __KERNEL__
#include <linux/version.h>

/*
 * nf_ct_helper_log() and the expectation API are stable across 5.10..7.x
 * for what we use.  The 2026 expectation rework (GC-reaped expectations,
 * exp->helper / exp->assign_helper) changes nothing for us either, because
 * we never touch exp->timeout or the timer: removal always goes through
 * nf_ct_unexpect_related() + nf_ct_expect_put().
 */
#endif

#endif /* _SIPALG_COMPAT_H */
