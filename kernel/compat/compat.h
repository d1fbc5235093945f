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
 * Expectation rework (stable 6.1.y backports included):
 * nf_ct_unexpect_related() marks the expectation dead and the core's GC
 * unlinks it later (until then it stays on its master's list); before, it
 * was unlinked at once.
 */
#ifdef SIPALG_HAVE_EXP_DEAD
#define sipalg_exp_dead(exp)	(READ_ONCE((exp)->flags) & NF_CT_EXPECT_DEAD)
#else
#define sipalg_exp_dead(exp)	false
#endif

/*
 * The call table's functions, for the KUnit module of a test kernel only
 * (EXPORT_SYMBOL_IF_KUNIT() exists from 6.2 on, and with a namespace).
 */
#if IS_ENABLED(CONFIG_KUNIT)
#define EXPORT_SYMBOL_SIPALG_KUNIT(sym)	EXPORT_SYMBOL_GPL(sym)
#else
#define EXPORT_SYMBOL_SIPALG_KUNIT(sym)
#endif

/*
 * nf_ct_helper_log() and the expectation API are stable across 5.10..7.x
 * for what we use.  The 2026 expectation rework (GC-reaped expectations,
 * exp->helper / exp->assign_helper) changes nothing for us either, because
 * we never touch exp->timeout or the timer: removal always goes through
 * nf_ct_unexpect_related() + nf_ct_expect_put().
 */
#endif

#endif /* _SIPALG_COMPAT_H */
