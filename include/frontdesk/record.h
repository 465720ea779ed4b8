/*
 * Records as data: an entity is a table and the ordered list of its fields
 * (column, label, kind, code list, limits, form page); a record is one row's
 * values as UTF-8 strings indexed by field. Forms, the conflict screen,
 * drafts, CSV import and export all work field by field from these tables,
 * so adding a field to the household is one line here, one column in a
 * migration and one message.
 *
 * Values are strings as stored ("" is empty, never NULL in a record); code
 * fields hold codes, dates "YYYY-MM-DD", money in yuan with up to two
 * decimals, booleans "0"/"1".
 */
#ifndef FRONTDESK_RECORD_H
#define FRONTDESK_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/msg.h"

enum field_kind {
	FIELD_TEXT,   /* free UTF-8 text */
	FIELD_CODE,   /* one code of list `codes` */
	FIELD_CODES,  /* several codes of `codes`, comma-separated */
	FIELD_ID,     /* an 18-character resident ID number */
	FIELD_DATE,   /* YYYY-MM-DD */
	FIELD_YEAR,   /* YYYY */
	FIELD_DIGITS, /* digits only (household number, bank account) */
	FIELD_PHONE,  /* 11-digit mobile */
	FIELD_MONEY,  /* yuan, up to two decimals */
	FIELD_INT,    /* a whole number (months, mu) */
	FIELD_REGION, /* a region code (village) */
	FIELD_BOOL,   /* "0" / "1" */
};

struct field_def {
	const char *name;   /* the column; also the key in drafts and CSV */
	enum fd_msg label;
	enum field_kind kind;
	const char *codes;  /* code list for CODE / CODES; for BOOL the list of
			     * its labels ("yes_no"); else NULL */
	int max_chars;      /* in characters (code points), not bytes */
	bool required;
	int page;           /* form page: 0 main, 1 second page */
	bool derived;       /* filled from other fields (sex, birth from ID) */
};

struct entity {
	const char *table;
	const struct field_def *fields;
	size_t n;
};

struct record {
	const struct entity *ent;
	int64_t id;      /* rowid; 0 for a record not yet saved */
	int64_t version; /* as loaded; 0 for a new record */
	char **v;        /* ent->n values, never NULL */
};

/* A new empty record of ent. Caller frees with record_free. */
struct record *
record_new(const struct entity *ent);
/* A deep copy. Caller frees. */
struct record *
record_dup(const struct record *r);
void
record_free(struct record *r);
/* Set field i to a copy of value (NULL = ""). */
void
record_set(struct record *r, size_t i, const char *value);
/* The index of the field called name, or -1. */
int
record_field(const struct entity *ent, const char *name);
/* value of field (a column of ent) as a person reads it: a code with its
 * label ("01 户主"), several codes each with theirs ("02 因学, 05 缺技
 * 术"), a region with its names, a yes/no with its word; any other value,
 * an unknown code or an unknown field as it is. Caller frees. */
char *
record_value_text(const struct entity *ent, const char *field,
                  const char *value);
/* The entity whose table is table (household, member), or NULL. */
const struct entity *
record_entity_of(const char *table);
/* True if every field is equal. */
bool
record_equal(const struct record *a, const struct record *b);

/* Serialise the record as lines for drafts: "@id=N", "@version=N", then
 * one "name=value" per field (in a value, backslash, newline and carriage
 * return are written \\, \n, \r). Caller frees. */
char *
record_to_text(const struct record *r);
/* Set what text names (as record_to_text wrote it): the fields, and id and
 * version when "@id" / "@version" are there, so a draft restored over a
 * freshly loaded record keeps the version it was started from (a save then
 * reports a conflict rather than overwriting a change made meanwhile).
 * Unknown names and lines without "=" are ignored; fields not named keep
 * their values. */
void
record_from_text(struct record *r, const char *text);

#endif
