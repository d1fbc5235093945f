/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one print layer of the sipalg CLI: every view emits a tree of
 * objects, lists and scalars through these calls, and the layer renders it
 * either as JSON (one document per out_doc_end(), on one line) or as
 * indented "key: value" text.  Tables are lists of flat objects rendered as
 * aligned columns in text mode.
 */
#ifndef SIPALG_PRINT_H
#define SIPALG_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define OUT_MAX_DEPTH	16
#define OUT_MAX_COLS	16
#define OUT_MAX_ROWS	100000

struct out_table;

struct out {
	FILE *f;
	bool json;
	int depth;
	bool first[OUT_MAX_DEPTH];	/* no element emitted yet at depth */
	bool is_list[OUT_MAX_DEPTH];
	int index[OUT_MAX_DEPTH];	/* list element number (text mode) */
	struct out_table *table;	/* text mode table being collected */
};

void out_init(struct out *o, FILE *f, bool json);
void out_doc_begin(struct out *o);
void out_doc_end(struct out *o);
void out_obj_begin(struct out *o, const char *key);
void out_obj_end(struct out *o);
void out_list_begin(struct out *o, const char *key);
void out_list_end(struct out *o);
/* s == NULL prints null (JSON) or nothing (text) */
void out_strn(struct out *o, const char *key, const char *s, size_t n);
void out_str(struct out *o, const char *key, const char *s);
void out_int(struct out *o, const char *key, long long v);
void out_bool(struct out *o, const char *key, bool v);
void out_null(struct out *o, const char *key);
/*
 * A table: a list of flat rows.  JSON: a list of objects.  Text: columns
 * aligned to the widest cell, with a header line; cells set with
 * out_str()/out_int() between out_row_begin() and out_row_end().
 */
void out_table_begin(struct out *o, const char *key);
void out_row_begin(struct out *o);
void out_row_end(struct out *o);
void out_table_end(struct out *o);

#endif
