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
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

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
