/*
 * Drafts: unsaved form input, one row per (login, entity, key) in the
 * draft table.
 *
 * Design
 * - Writes go through the door like every other write (txn.h), in a
 *   transaction of their own; txn.c lists "draft" as unaudited, so a draft
 *   written on every key press leaves no audit rows. The save of the record
 *   that follows is audited as usual.
 * - The table's key is (login, entity, key); the door addresses one row by
 *   one unique column, so a draft row is updated or deleted by its rowid,
 *   looked up inside the same transaction.
 * - The login is always the session's (db_login): a person never sees or
 *   overwrites another person's draft. saved_at is db_now().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/draft.h"
#include "frontdesk/txn.h"
#include "frontdesk/util.h"

/* The rowid of the draft (session login, entity, key) into rowid ("" when
 * there is none). FD_E_DB if the lookup failed. */
static enum fd_status
draft_rowid(struct fd_db *db, const char *entity, const char *key,
	    char rowid[24], struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	int rc;

	rowid[0] = '\0';
	rc = sqlite3_prepare_v2(db_sqlite(db),
				"SELECT rowid FROM draft WHERE login = ?1"
				" AND entity = ?2 AND key = ?3",
				-1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, db_login(db), -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, entity, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(rowid, 24, "%lld",
			 (long long)sqlite3_column_int64(st, 0));
	else if (rc != SQLITE_DONE)
		status = fd_fail(err, FD_E_DB, "cannot read the draft: %s",
				 sqlite3_errmsg(db_sqlite(db)));
	sqlite3_finalize(st);
	return status;
}

/* Insert or replace the draft in one transaction. */
enum fd_status
draft_put(struct fd_db *db, const char *entity, const char *key,
	  const char *text, struct fd_err *err)
{
	struct fd_txn *t = NULL;
	char rowid[24], *now = NULL;
	enum fd_status st;

	st = txn_begin(db, &t, err);
	if (st != FD_OK)
		goto out;
	st = draft_rowid(db, entity, key, rowid, err);
	if (st != FD_OK)
		goto out;
	now = db_now(db);
	if (rowid[0]) {
		const struct txn_field f[] = {
			{"text", text ? text : ""},
			{"saved_at", now},
		};

		st = txn_update(t, "draft", "rowid", rowid, f,
				FD_ARRAY_LEN(f), err);
	} else {
		const struct txn_field f[] = {
			{"login", db_login(db)}, {"entity", entity},
			{"key", key},            {"text", text ? text : ""},
			{"saved_at", now},
		};

		st = txn_insert(t, "draft", "rowid", f, FD_ARRAY_LEN(f), err);
	}
	if (st != FD_OK)
		goto out;
	st = txn_commit(t, err);
	t = NULL;
out:
	txn_rollback(t);
	free(now);
	return st;
}

/* Read the draft and its time. */
enum fd_status
draft_get(struct fd_db *db, const char *entity, const char *key, char **text,
	  char **saved_at, struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	int rc;

	*text = NULL;
	if (saved_at)
		*saved_at = NULL;
	rc = sqlite3_prepare_v2(db_sqlite(db),
				"SELECT text, saved_at FROM draft WHERE"
				" login = ?1 AND entity = ?2 AND key = ?3",
				-1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, db_login(db), -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, entity, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*text = xstrdup((const char *)sqlite3_column_text(st, 0));
		if (!*text)
			*text = xstrdup("");
		if (saved_at)
			*saved_at = xstrdup(
				(const char *)sqlite3_column_text(st, 1));
	} else if (rc != SQLITE_DONE) {
		status = fd_fail(err, FD_E_DB, "cannot read the draft: %s",
				 sqlite3_errmsg(db_sqlite(db)));
	}
	sqlite3_finalize(st);
	return status;
}

/* Delete the draft if there is one. */
enum fd_status
draft_drop(struct fd_db *db, const char *entity, const char *key,
	   struct fd_err *err)
{
	struct fd_txn *t = NULL;
	char rowid[24];
	enum fd_status st;

	/* a read first: no write lock taken when there is nothing to drop */
	st = draft_rowid(db, entity, key, rowid, err);
	if (st != FD_OK || !rowid[0])
		goto out;
	st = txn_begin(db, &t, err);
	if (st != FD_OK)
		goto out;
	st = draft_rowid(db, entity, key, rowid, err);
	if (st == FD_OK && rowid[0])
		st = txn_delete(t, "draft", "rowid", rowid, err);
	if (st != FD_OK)
		goto out;
	st = txn_commit(t, err);
	t = NULL;
out:
	txn_rollback(t);
	return st;
}
