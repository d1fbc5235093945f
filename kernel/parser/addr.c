// SPDX-License-Identifier: GPL-2.0
/*
 * Literal addresses in SIP and SDP, and the parser's character classes.
 *
 * IPv4 is the dotted-decimal IPv4address of RFC 3261 §25.1; IPv6 is the
 * text form of RFC 4291 §2.2 (with "::" and an embedded IPv4 tail), which
 * SIP puts between brackets (RFC 3261 §19.1.1, RFC 5118 §4) and SDP writes
 * bare (RFC 4566 §5.7).  Output follows RFC 5952.
 */
#include "lex.h"

#define T	(SC_TOKEN)
#define H	(SC_HOST)
#define D	(SC_DIGIT | SC_HEX | SC_TOKEN | SC_HOST)
#define UX	(SC_ALPHA | SC_UPPER | SC_HEX | SC_TOKEN | SC_HOST)
#define LX	(SC_ALPHA | SC_HEX | SC_TOKEN | SC_HOST)
#define U	(SC_ALPHA | SC_UPPER | SC_TOKEN | SC_HOST)
#define L	(SC_ALPHA | SC_TOKEN | SC_HOST)

const u8 sipalg_ctype[256] = {
	['\t'] = SC_WSP | SC_LWS,
	['\n'] = SC_LWS,
	['\r'] = SC_LWS,
	[' '] = SC_WSP | SC_LWS,
	['!'] = T, ['%'] = T, ['*'] = T, ['+'] = T, ['`'] = T, ['\''] = T,
	['~'] = T,
	['-'] = T | H, ['.'] = T | H, ['_'] = T | H,
	['0' ... '9'] = D,
	['A' ... 'F'] = UX,
	['G' ... 'Z'] = U,
	['a' ... 'f'] = LX,
	['g' ... 'z'] = L,
};

#undef T
#undef H
#undef D
#undef UX
#undef LX
#undef U
#undef L

bool sipalg_parse_ipv4(const char *s, u32 len, u8 *out)
{
	const char *p = s, *end = s + len;
	unsigned int part;

	for (part = 0; part < 4; part++) {
		u32 v = 0, digits = 0;

		while (p < end && sc_is(*p, SC_DIGIT) && digits < 4) {
			v = v * 10 + (u8)(*p - '0');
			p++;
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return false;
		out[part] = (u8)v;
		if (part < 3) {
			if (p >= end || *p != '.')
				return false;
			p++;
		}
	}
	return p == end;
}

SIPALG_EXPORT(sipalg_parse_ipv4);

bool sipalg_parse_ipv6(const char *s, u32 len, u8 *out)
{
	const char *p = s, *end = s + len;
	u16 w[8];
	int n = 0, gap = -1, i;

	if (len < 2)
		return false;
	if (*p == ':') {
		if (p[1] != ':')
			return false;
		gap = 0;
		p += 2;
	}
	while (p < end) {
		const char *q = p;
		u32 v = 0, digits = 0;

		while (q < end && sc_is(*q, SC_HEX) && digits < 5) {
			v = (v << 4) | sc_hexval(*q);
			q++;
			digits++;
		}
		if (digits == 0)
			return false;
		if (q < end && *q == '.') {
			u8 v4[4];

			/* an IPv4 tail fills the last two groups */
			if (n > 6 || !sipalg_parse_ipv4(p, (u32)(end - p), v4))
				return false;
			w[n++] = (u16)(v4[0] << 8 | v4[1]);
			w[n++] = (u16)(v4[2] << 8 | v4[3]);
			p = end;
			break;
		}
		if (digits > 4 || n >= 8)
			return false;
		w[n++] = (u16)v;
		p = q;
		if (p == end)
			break;
		if (*p != ':')
			return false;
		p++;
		if (p < end && *p == ':') {
			if (gap >= 0)
				return false;
			gap = n;
			p++;
		} else if (p == end) {
			return false;	/* a single trailing colon */
		}
	}
	if (gap < 0 ? n != 8 : n > 7)
		return false;

	memset(out, 0, 16);
	if (gap < 0)
		gap = n;
	for (i = 0; i < gap; i++) {
		out[2 * i] = (u8)(w[i] >> 8);
		out[2 * i + 1] = (u8)w[i];
	}
	for (i = gap; i < n; i++) {
		int j = 8 - (n - i);

		out[2 * j] = (u8)(w[i] >> 8);
		out[2 * j + 1] = (u8)w[i];
	}
	return true;
}

SIPALG_EXPORT(sipalg_parse_ipv6);

void sipalg_parse_host(const char *s, u32 len, bool allow_brackets,
		       struct sipalg_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (allow_brackets && len >= 2 && s[0] == '[' && s[len - 1] == ']') {
		if (sipalg_parse_ipv6(s + 1, len - 2, a->a))
			a->family = SIPALG_AF_INET6;
		return;
	}
	if (len && sc_is(s[0], SC_DIGIT) && sipalg_parse_ipv4(s, len, a->a)) {
		a->family = SIPALG_AF_INET;
		return;
	}
	if (len && (sc_is(s[0], SC_HEX) || s[0] == ':') &&
	    sipalg_parse_ipv6(s, len, a->a)) {
		a->family = SIPALG_AF_INET6;
		return;
	}
}

SIPALG_EXPORT(sipalg_parse_host);

bool sipalg_addr_equal(const struct sipalg_addr *x, const struct sipalg_addr *y)
{
	if (x->family != y->family || x->family == SIPALG_AF_NAME)
		return false;
	return memcmp(x->a, y->a, x->family == SIPALG_AF_INET ? 4 : 16) == 0;
}

SIPALG_EXPORT(sipalg_addr_equal);

u32 sipalg_format_u16(u16 v, char *out)
{
	char tmp[5];
	u32 n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

SIPALG_EXPORT(sipalg_format_u16);

static u32 format_ipv4(const u8 *a, char *out)
{
	u32 n = 0, i;

	for (i = 0; i < 4; i++) {
		if (i)
			out[n++] = '.';
		n += sipalg_format_u16(a[i], out + n);
	}
	return n;
}

static u32 format_ipv6(const u8 *a, char *out)
{
	static const char hex[] = "0123456789abcdef";
	int best = -1, bestlen = 1, run = 0, i;
	u32 n = 0;
	u16 w[8];

	for (i = 0; i < 8; i++)
		w[i] = (u16)(a[2 * i] << 8 | a[2 * i + 1]);

	/* RFC 5952 §4.2: compress the longest run of two or more zero groups */
	for (i = 0; i < 8; i++) {
		if (w[i] == 0) {
			run++;
			if (run > bestlen) {
				bestlen = run;
				best = i - run + 1;
			}
		} else {
			run = 0;
		}
	}
	/* RFC 5952 §5: IPv4-mapped addresses keep a dotted tail */
	if (best == 0 && bestlen == 5 && w[5] == 0xffff) {
		memcpy(out, "::ffff:", 7);
		return 7 + format_ipv4(a + 12, out + 7);
	}
	for (i = 0; i < 8; i++) {
		int shift, started = 0;

		if (i == best) {
			out[n++] = ':';
			out[n++] = ':';
			i += bestlen - 1;
			continue;
		}
		if (i && i != best + bestlen)
			out[n++] = ':';
		for (shift = 12; shift >= 0; shift -= 4) {
			u8 nib = (u8)((w[i] >> shift) & 0xf);

			if (nib || started || shift == 0) {
				out[n++] = hex[nib];
				started = 1;
			}
		}
	}
	return n;
}

/*
 * Writes at most 48 bytes ("[" + 45 + "]"); returns the length, or 0 when
 * the address is no literal or does not fit.
 */
u32 sipalg_format_addr(const struct sipalg_addr *a, bool brackets,
		       char *out, u32 size)
{
	char tmp[48];
	u32 n = 0;

	switch (a->family) {
	case SIPALG_AF_INET:
		n = format_ipv4(a->a, tmp);
		break;
	case SIPALG_AF_INET6:
		if (brackets)
			tmp[n++] = '[';
		n += format_ipv6(a->a, tmp + n);
		if (brackets)
			tmp[n++] = ']';
		break;
	default:
		return 0;
	}
	if (n > size)
		return 0;
	memcpy(out, tmp, n);
	return n;
}

SIPALG_EXPORT(sipalg_format_addr);
