/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Locale-free character classes and small scanning helpers shared by the
 * parser's files.  Character classes follow RFC 3261 §25.1 (token, LWS) and
 * RFC 4566 §9; the table lives in addr.c.
 */
#ifndef _SIPALG_PARSER_LEX_H
#define _SIPALG_PARSER_LEX_H

#include "parser.h"

#define SC_DIGIT	0x01
#define SC_ALPHA	0x02
#define SC_HEX		0x04
#define SC_TOKEN	0x08	/* RFC 3261 token */
#define SC_WSP		0x10	/* SP, HTAB */
#define SC_HOST		0x20	/* alphanum "-" "." "_" (host names, IPv4) */
#define SC_UPPER	0x40
#define SC_LWS		0x80	/* SP, HTAB, CR, LF: whitespace in a value */

extern const u8 sipalg_ctype[256];

static inline bool sc_is(char c, u8 cls)
{
	return sipalg_ctype[(u8)c] & cls;
}

static inline u8 sc_lower(char c)
{
	u8 u = (u8)c;

	return (sipalg_ctype[u] & SC_UPPER) ? u | 0x20 : u;
}

/* Compare p[0..n) with a lower-case literal of length n, ignoring case. */
static inline bool sc_ieq(const char *p, u32 n, const char *lit, u32 litlen)
{
	u32 i;

	if (n != litlen)
		return false;
	for (i = 0; i < n; i++)
		if (sc_lower(p[i]) != (u8)lit[i])
			return false;
	return true;
}

#define SC_IEQ(p, n, lit)	sc_ieq((p), (n), lit, sizeof(lit) - 1)

/* Does [p, end) start with the lower-case literal, ignoring case? */
static inline bool sc_iprefix(const char *p, const char *end,
			      const char *lit, u32 litlen)
{
	return (u32)(end - p) >= litlen && sc_ieq(p, litlen, lit, litlen);
}

#define SC_IPREFIX(p, end, lit)	sc_iprefix((p), (end), lit, sizeof(lit) - 1)

/* The value of a hex digit (sc_is(c, SC_HEX) checked by the caller). */
static inline u8 sc_hexval(char c)
{
	return sc_is(c, SC_DIGIT) ? (u8)(c - '0') : (u8)(sc_lower(c) - 'a' + 10);
}

/*
 * Inside one logical header value every CR or LF belongs to a fold
 * (RFC 3261 §7.3.1): the line scanner guaranteed it.  So LWS in a value is
 * simply any run of SP, HTAB, CR and LF.
 */
static inline const char *sc_skip_lws(const char *p, const char *end)
{
	while (p < end && sc_is(*p, SC_LWS))
		p++;
	return p;
}

static inline const char *sc_skip_wsp(const char *p, const char *end)
{
	while (p < end && sc_is(*p, SC_WSP))
		p++;
	return p;
}

/* Back over trailing LWS of [start, end). */
static inline const char *sc_trim_end(const char *start, const char *end)
{
	while (end > start && sc_is(end[-1], SC_LWS))
		end--;
	return end;
}

static inline const char *sc_skip_class(const char *p, const char *end, u8 cls)
{
	while (p < end && sc_is(*p, cls))
		p++;
	return p;
}

static inline struct sipalg_span sc_span(const char *base, const char *from,
					 const char *to)
{
	struct sipalg_span s = {
		.off = (u16)(from - base),
		.len = (u16)(to - from),
	};

	return s;
}

/*
 * Decimal number of at most max_digits digits (leading zeros count) and
 * at most max; false on anything else.
 */
static inline bool sc_number(const char *p, const char *end, u32 max_digits,
			     u32 max, u32 *out)
{
	u64 v = 0;
	u32 n = (u32)(end - p);

	if (n == 0 || n > max_digits)
		return false;
	for (; p < end; p++) {
		if (!sc_is(*p, SC_DIGIT))
			return false;
		v = v * 10 + (u8)(*p - '0');
	}
	if (v > max)
		return false;
	*out = (u32)v;
	return true;
}

#endif /* _SIPALG_PARSER_LEX_H */
