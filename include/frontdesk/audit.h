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
};

/* The audit rows for entity (NULL = all) and entity_id (NULL = all rows of
 * the entity; ignored when entity is NULL), newest first, at most limit
 * (0 or less = no limit), into a new array *out of *n entries.
 * Caller frees with audit_list_free. */
enum fd_status
audit_list(struct fd_db *db, const char *entity, const char *entity_id,
	   int limit, struct audit_entry **out, size_t *n, struct fd_err *err);

/* Free an array from audit_list. */
void
audit_list_free(struct audit_entry *list, size_t n);

#endif
