/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only environment the SIP/SDP parser sees.
 *
 * The parser in this directory is pure: buffer and length in, values and
 * {offset, length} spans out.  It never touches an skb, a conntrack, a lock
 * or an allocator, so the very same files build into the kernel module and
 * into the userspace tools, tests and fuzzers.  Everything it needs from its
 * environment is defined here and nowhere else.
 */
#ifndef _SIPALG_PARSER_PORT_H
#define _SIPALG_PARSER_PORT_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/compiler.h>
#include <linux/export.h>

/* the conntrack module exports the parser to the NAT and KUnit modules */
#define SIPALG_EXPORT(sym)	EXPORT_SYMBOL_GPL(sym)
#else
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <linux/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;

#define SIPALG_EXPORT(sym)

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#ifndef fallthrough
#define fallthrough	__attribute__((__fallthrough__))
#endif
#endif /* __KERNEL__ */

#endif /* _SIPALG_PARSER_PORT_H */
