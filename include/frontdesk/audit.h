/*
 * Reading the audit log. Rows are written only by the write door (txn.h)
 * and can never be changed or removed: triggers refuse UPDATE and DELETE.
 * An inserted row is ONE entry: field "*", old_value NULL, new_value its
 * values as "name=value" lines (escaped as record_to_text does: \\, \n,
 * \r), the database-assigned key first. An update is one entry per
 * changed field (old and new value), a delete one entry per non-NULL
 * column (new_value NULL).
 */
#ifndef FRONTDESK_AUDIT_H
#define FRONTDESK_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/db.h"
#include "frontdesk/status.h"

struct audit_entry {
	int64_t id;
	char *at;        /* UTC ISO-8601 with milliseconds */
	char *login;     /* who */
	char *entity;    /* table */
	char *entity_id; /* key of the row */
	char *field;     /* column; "*" for a whole inserted row */
	char *old_value; /* NULL for an insert or a NULL value */
	char *new_value; /* NULL for a delete or a NULL value */
	char *note;      /* NULL when none */
	/* Who the row is about, read with it (audit_find): for a member its
	 * name and its household's 户编号, for a household its 户编号 and
	 * its head's name; NULL when unknown (another table, or the record
	 * is gone). */
	char *subject;   /* 罗元 / 6229261042050001 */
	char *subject2;  /* 6229261042050001 / 张三 */
};

/* The fields every save writes by itself (a household's and member's
 * version and updated_at): technical rows, hidden unless asked for. */
bool
audit_field_is_technical(const char *field);

/* What audit_find reads. */
struct audit_filter {
	/* The rows of these n records (entity[k], id[k]); 0: every row. */
	size_t n;
	const char *const *entity;
	const char *const *id;
	/* Also the rows of every record of table rows_of whose column
	 * rows_by is rows_value (a cohort's enrolments: "enrolment",
	 * "cohort_id", "7"), deleted ones excepted. rows_of and rows_by are
	 * names in the program's own text, never typed input; NULL: none. */
	const char *rows_of;
	const char *rows_by;
	const char *rows_value;
	/* Words separated by blanks, each of which must occur (ASCII case
	 * folded) in the row: login, table/key, field, old or new value,
	 * note, or the subject's name or 户编号. NULL or "": every row. */
	const char *words;
	/* Also the technical rows (audit_field_is_technical). */
	bool technical;
	/* Asked now and then while the search runs (NULL: never); nonzero
	 * stops it: audit_find returns FD_E_STOPPED and nothing. A search
	 * that finds nothing in 1.5 million rows takes seconds: the screen
	 * that searches as one types stops it when the next key comes. */
	int (*stop)(void *ud);
	void *stop_ud;
};

/* The audit rows for entity (NULL = all) and entity_id (NULL = all rows of
 * the entity; ignored when entity is NULL), newest first, at most limit
 * (0 or less = no limit), into a new array *out of *n entries.
 * Caller frees with audit_list_free. */
enum fd_status
audit_list(struct fd_db *db, const char *entity, const char *entity_id,
	   int limit, struct audit_entry **out, size_t *n, struct fd_err *err);

/* The rows f selects, newest first, at most limit (0 or less: no limit),
 * searched in the database (every row, not only the newest), with their
 * subject; *total (if not NULL) is the number of rows f selects without
 * its words (what a person could scroll through), counted only when
 * asked. Caller frees with audit_list_free. */
enum fd_status
audit_find(struct fd_db *db, const struct audit_filter *f, int limit,
	   struct audit_entry **out, size_t *n, long long *total,
	   struct fd_err *err);

/* Free an array from audit_list or audit_find. */
void
audit_list_free(struct audit_entry *list, size_t n);

#endif
