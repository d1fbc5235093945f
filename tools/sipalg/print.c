// SPDX-License-Identifier: GPL-2.0
/* The CLI's print layer: one tree of calls, rendered as JSON or as text. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"

struct out_table {
	char *cols[OUT_MAX_COLS];
	size_t width[OUT_MAX_COLS];
	int ncols;
	char **cells;			/* nrows * OUT_MAX_COLS */
	size_t nrows, cap;
	int col;			/* next cell of the current row */
};

static const char *list_key[OUT_MAX_DEPTH];

void out_init(struct out *o, FILE *f, bool json)
{
	memset(o, 0, sizeof(*o));
	o->f = f;
	o->json = json;
}

/* JSON string body: valid UTF-8 passes, anything else is escaped. */
static void json_escape(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;

	fputc('"', f);
	while (p < e) {
		unsigned char c = *p;
		size_t len = 0, i;

		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc(c, f);
			p++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			static const char short_esc[] = "btn\0fr";

			if (c >= '\b' && c <= '\r' && short_esc[c - '\b'])
				fprintf(f, "\\%c", short_esc[c - '\b']);
			else
				fprintf(f, "\\u%04x", c);
			p++;
			continue;
		}
		if (c < 0x80) {
			fputc(c, f);
			p++;
			continue;
		}
		/* a complete, shortest-form UTF-8 sequence, or U+FFFD */
		if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4;
		if (len && (size_t)(e - p) >= len) {
			for (i = 1; i < len; i++)
				if ((p[i] & 0xc0) != 0x80)
					break;
			if (i == len &&
			    !(c == 0xe0 && p[1] < 0xa0) &&
			    !(c == 0xed && p[1] >= 0xa0) &&
			    !(c == 0xf0 && p[1] < 0x90) &&
			    !(c == 0xf4 && p[1] >= 0x90)) {
				fwrite(p, 1, len, f);
				p += len;
				continue;
			}
		}
		fputs("\\ufffd", f);
		p++;
	}
	fputc('"', f);
}

/* Text: printable bytes as they are, others as \xNN. */
static void text_escape(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

static void indent(struct out *o)
{
	int i;

	for (i = 1; i < o->depth; i++)
		fputs("  ", o->f);
}

/* Starts an element: JSON separator and key; text label. */
static void element(struct out *o, const char *key, bool container)
{
	int d = o->depth;

	if (o->json) {
		if (d > 0 && !o->first[d])
			fputc(',', o->f);
		if (d > 0 && !o->is_list[d] && key) {
			json_escape(o->f, key, strlen(key));
			fputc(':', o->f);
		}
	} else if (d > 0) {
		indent(o);
		if (o->is_list[d])
			fprintf(o->f, "%s[%d]:", list_key[d] ? list_key[d] : "",
				o->index[d]++);
		else
			fprintf(o->f, "%s:", key ? key : "");
		fputc(container ? '\n' : ' ', o->f);
	}
	if (d > 0)
		o->first[d] = false;
}

static void push(struct out *o, bool list, const char *key)
{
	if (o->depth + 1 >= OUT_MAX_DEPTH)
		abort();	/* a programming error, not an input error */
	o->depth++;
	o->first[o->depth] = true;
	o->is_list[o->depth] = list;
	o->index[o->depth] = 0;
	list_key[o->depth] = key;
}

void out_doc_begin(struct out *o)
{
	o->depth = 0;
	o->first[0] = true;
	out_obj_begin(o, NULL);
}

void out_doc_end(struct out *o)
{
	out_obj_end(o);
	fputc('\n', o->f);
	fflush(o->f);
}

void out_obj_begin(struct out *o, const char *key)
{
	if (o->table) {
		o->table->col = 0;
		return;
	}
	element(o, key, true);
	if (o->json)
		fputc('{', o->f);
	push(o, false, key);
}

void out_obj_end(struct out *o)
{
	if (o->table)
		return;
	o->depth--;
	if (o->json)
		fputc('}', o->f);
}

void out_list_begin(struct out *o, const char *key)
{
	element(o, key, true);
	if (o->json)
		fputc('[', o->f);
	push(o, true, key);
}

void out_list_end(struct out *o)
{
	if (!o->json && o->index[o->depth] == 0) {
		/* say "none" rather than print a bare label */
		indent(o);
		fputs("  (none)\n", o->f);
	}
	o->depth--;
	if (o->json)
		fputc(']', o->f);
}

static void table_cell(struct out *o, const char *key, const char *s,
		       size_t n)
{
	struct out_table *t = o->table;
	size_t row = t->nrows;
	int c = t->col++;
	char *v;

	if (c >= OUT_MAX_COLS)
		return;
	if (row == 0 && c >= t->ncols) {
		t->cols[c] = strdup(key);
		t->width[c] = strlen(key);
		t->ncols = c + 1;
	}
	if (!s) {
		s = "-";
		n = 1;
	}
	v = strndup(s, n);
	if (!v || !t->cells)
		abort();
	/* keep tables readable: control bytes become '?' */
	for (char *q = v; *q; q++)
		if ((unsigned char)*q < 0x20)
			*q = '?';
	t->cells[row * OUT_MAX_COLS + c] = v;
	if (n > t->width[c])
		t->width[c] = n;
}

static void scalar_raw(struct out *o, const char *key, const char *lit)
{
	if (o->table) {
		table_cell(o, key, lit, lit ? strlen(lit) : 0);
		return;
	}
	if (!o->json && !lit)
		return;
	element(o, key, false);
	fputs(lit ? lit : "null", o->f);
	if (!o->json)
		fputc('\n', o->f);
}

void out_strn(struct out *o, const char *key, const char *s, size_t n)
{
	if (o->table) {
		table_cell(o, key, s, n);
		return;
	}
	if (!s) {
		out_null(o, key);
		return;
	}
	element(o, key, false);
	if (o->json) {
		json_escape(o->f, s, n);
	} else {
		text_escape(o->f, s, n);
		fputc('\n', o->f);
	}
}

void out_str(struct out *o, const char *key, const char *s)
{
	out_strn(o, key, s, s ? strlen(s) : 0);
}

void out_int(struct out *o, const char *key, long long v)
{
	char b[32];

	snprintf(b, sizeof(b), "%lld", v);
	scalar_raw(o, key, b);
}

void out_bool(struct out *o, const char *key, bool v)
{
	scalar_raw(o, key, v ? "true" : (o->json ? "false" : "no"));
}

void out_null(struct out *o, const char *key)
{
	scalar_raw(o, key, NULL);
}

void out_table_begin(struct out *o, const char *key)
{
	if (o->json) {
		out_list_begin(o, key);
		return;
	}
	o->table = calloc(1, sizeof(*o->table));
	if (!o->table)
		abort();
}

void out_row_begin(struct out *o)
{
	struct out_table *t = o->table;

	if (!t) {
		out_obj_begin(o, NULL);
		return;
	}
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = realloc(t->cells,
				   t->cap * OUT_MAX_COLS * sizeof(char *));
		if (!t->cells)
			abort();
	}
	memset(&t->cells[t->nrows * OUT_MAX_COLS], 0,
	       OUT_MAX_COLS * sizeof(char *));
	t->col = 0;
}

void out_row_end(struct out *o)
{
	if (!o->table) {
		out_obj_end(o);
		return;
	}
	o->table->nrows++;
}

void out_table_end(struct out *o)
{
	struct out_table *t = o->table;
	size_t r;
	int c;

	if (!t) {
		out_list_end(o);
		return;
	}
	for (c = 0; c < t->ncols; c++) {
		for (char *q = t->cols[c]; *q; q++)
			if (*q >= 'a' && *q <= 'z')
				*q -= 'a' - 'A';
		fprintf(o->f, "%-*s%s", c + 1 < t->ncols ? (int)t->width[c] : 0,
			t->cols[c], c + 1 < t->ncols ? "  " : "\n");
	}
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r * OUT_MAX_COLS + c];

			fprintf(o->f, "%-*s%s",
				c + 1 < t->ncols ? (int)t->width[c] : 0,
				v ? v : "-", c + 1 < t->ncols ? "  " : "\n");
		}
	}
	for (r = 0; r < t->nrows * OUT_MAX_COLS; r++)
		free(t->cells[r]);
	for (c = 0; c < t->ncols; c++)
		free(t->cols[c]);
	free(t->cells);
	free(t);
	o->table = NULL;
}
