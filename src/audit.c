/*
 * Reading the audit log.
 *
 * The rows are written by the write door (txn.c): one per insert (field
 * "*", the values as "name=value" lines), one per changed field of an
 * update, one per column of a delete; triggers make the table
 * append-only. Here they are only read, newest
 * first (by id: rows of one transaction share a timestamp, ids still order
 * them). The query is built for the filters given so that the
 * (entity, entity_id) index is used.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/util.h"

/* Copy the current row of the audit_list query into e. */
static void
audit_from_row(sqlite3_stmt *st, struct audit_entry *e)
{
	char **text[] = {&e->at,       &e->login,     &e->entity,
			 &e->entity_id, &e->field,    &e->old_value,
			 &e->new_value, &e->note};

	e->id = sqlite3_column_int64(st, 0);
	for (size_t i = 0; i < FD_ARRAY_LEN(text); i++)
		*text[i] = xstrdup(
			(const char *)sqlite3_column_text(st, (int)i + 1));
}

/* Free each entry's strings and the array. */
void
audit_list_free(struct audit_entry *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++) {
		struct audit_entry *e = &list[i];

		free(e->at);
		free(e->login);
		free(e->entity);
		free(e->entity_id);
		free(e->field);
		free(e->old_value);
		free(e->new_value);
		free(e->note);
	}
	free(list);
}

/* Query the audit rows for the filters given, newest first. */
enum fd_status
audit_list(struct fd_db *db, const char *entity, const char *entity_id,
	   int limit, struct audit_entry **out, size_t *n, struct fd_err *err)
{
	sqlite3 *sql = db_sqlite(db);
	struct strbuf q = {0};
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	struct audit_entry *list = NULL;
	size_t len = 0, cap = 0;
	int rc, param = 1;

	*out = NULL;
	*n = 0;
	strbuf_adds(&q, "SELECT id, at, login, entity, entity_id, field,"
			" old_value, new_value, note FROM audit");
	if (entity)
		strbuf_adds(&q, " WHERE entity = ?1");
	if (entity && entity_id)
		strbuf_adds(&q, " AND entity_id = ?2");
	strbuf_adds(&q, " ORDER BY id DESC");
	if (limit > 0)
		strbuf_addf(&q, " LIMIT %d", limit);

	rc = sqlite3_prepare_v2(sql, q.buf, -1, &st, NULL);
	if (rc == SQLITE_OK && entity)
		rc = sqlite3_bind_text(st, param++, entity, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && entity && entity_id)
		rc = sqlite3_bind_text(st, param++, entity_id, -1,
				       SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 32;
			list = xrealloc(list, cap * sizeof(*list));
		}
		audit_from_row(st, &list[len++]);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		status = fd_fail(err, FD_E_DB, "cannot read the audit log: %s",
				 sqlite3_errmsg(sql));
		audit_list_free(list, len);
		goto out;
	}
	*out = list;
	*n = len;
out:
	sqlite3_finalize(st);
	strbuf_free(&q);
	return status;
}
