/*
 * The one door for writes. Every INSERT, UPDATE and DELETE of application
 * data goes through txn_insert/txn_update/txn_delete inside a txn_begin ...
 * txn_commit pair, and leaves rows in the audit table: who, when (one
 * timestamp per transaction), table, key, field, old and new value, and an
 * optional note. An insert is ONE row (field "*", old NULL, new the values
 * as "name=value" lines, see audit.h), an update one row per changed
 * field, a delete one row per non-NULL column. The connection's authorizer
 * refuses writes made any other way.
 *
 * Table and column names come from code and must match [a-z_][a-z0-9_]*;
 * values are always bound parameters. A transaction is short: open it,
 * write, commit, all without waiting for a key.
 */
#ifndef FRONTDESK_TXN_H
#define FRONTDESK_TXN_H

#include <stddef.h>

#include "frontdesk/db.h"
#include "frontdesk/status.h"

struct fd_txn;

struct txn_field {
	const char *name;  /* column */
	const char *value; /* NULL = SQL NULL */
};

/* BEGIN IMMEDIATE: from here until commit or rollback this session is the
 * only writer. Refuses a read-only session (FD_E_READONLY), a busy database
 * after the busy timeout (FD_E_BUSY), and a second transaction on the same
 * connection (FD_E_DB). On success *out is the transaction; finish it with
 * txn_commit or txn_rollback. */
enum fd_status
txn_begin(struct fd_db *db, struct fd_txn **out, struct fd_err *err);

/* COMMIT and free t. On failure the transaction is rolled back. */
enum fd_status
txn_commit(struct fd_txn *t, struct fd_err *err);

/* ROLLBACK and free t. NULL is a no-op. */
void
txn_rollback(struct fd_txn *t);

/* Finish t by the outcome of its writes: commit when status is FD_OK
 * (and return what the commit gives), else roll back and return status. */
enum fd_status
txn_end(struct fd_txn *t, enum fd_status status, struct fd_err *err);

/* Set the note written with the following audit rows (the "why"); NULL
 * clears it. The text is copied. */
void
txn_note(struct fd_txn *t, const char *note);

/* Insert one row into table with the n fields f. key_col names the row's
 * key column (it may be absent from f when the database assigns it). One
 * audit row, field "*", holds the non-NULL fields (and the assigned key)
 * as "name=value" lines. FD_E_EXISTS on a duplicate key
 * or UNIQUE value, FD_E_INVALID on a CHECK, NOT NULL or foreign-key
 * violation. A failed call leaves the transaction as it was. */
enum fd_status
txn_insert(struct fd_txn *t, const char *table, const char *key_col,
	   const struct txn_field *f, size_t n, struct fd_err *err);

/* txn_insert for a bulk load (an import writes a million rows in one
 * transaction): the same row, the same ONE audit row, without a savepoint
 * per row and with the statements kept prepared in t until it ends.
 * cols[0..n) (n <= 64) are the table's columns, values[i] the value of
 * cols[i] or NULL to leave the column out (its default, as if txn_insert
 * had not been given it; the audit text lists the given ones in cols
 * order). Pass the same cols array (same address, same name pointers:
 * static names, the entity tables) on every call for a table: t finds its
 * statements by it and checks the names on first use. The key goes to
 * txn_last_key. A failed call may have written part of the row (no
 * savepoint undoes it), so it spoils t: every later write and txn_commit
 * are refused; roll t back. */
enum fd_status
txn_insert_bulk(struct fd_txn *t, const char *table, const char *key_col,
		const char *const *cols, const char *const *values, size_t n,
		struct fd_err *err);

/* For a bulk load in t: drop the indexes and triggers named (n of them;
 * their SQL is kept in t) until txn_schema_restore creates them again
 * (an index is then built in one pass, faster than a million inserts
 * into it; a trigger does not run for each row). Name only what the load
 * can do without: an index none of its queries uses, a trigger whose
 * work is redone in bulk at the end (the search upkeep, search.h).
 * Restore before txn_commit, which refuses (rolls back) a transaction
 * with anything still suspended; a rollback brings them back by itself.
 * No other session sees the schema without them. FD_E_NOTFOUND for a
 * name that is no index or trigger (SQLite's own indexes of UNIQUE
 * cannot be dropped); names already suspended are skipped. */
enum fd_status
txn_schema_suspend(struct fd_txn *t, const char *const *names, size_t n,
		   struct fd_err *err);
/* Create again what txn_schema_suspend dropped on t; on failure t is
 * spoilt (roll it back). */
enum fd_status
txn_schema_restore(struct fd_txn *t, struct fd_err *err);

/* The key of the row the last successful txn_insert or txn_insert_bulk
 * on t created (e.g. an INTEGER PRIMARY KEY the database assigned), ""
 * before any. Owned by t, valid until the next insert or the end of t. */
const char *
txn_last_key(const struct fd_txn *t);

/* Update the row whose key_col = key (key_col must be unique); only changed
 * fields are written and audited; FD_E_NOTFOUND if no such row. */
enum fd_status
txn_update(struct fd_txn *t, const char *table, const char *key_col,
	   const char *key, const struct txn_field *f, size_t n,
	   struct fd_err *err);

/* txn_update for an edit made without a transaction open: expect holds the
 * n_expect values the person saw when the form was loaded; if any field now
 * differs, nothing is written and FD_E_CONFLICT names it (two people never
 * silently overwrite each other). */
enum fd_status
txn_update_if(struct fd_txn *t, const char *table, const char *key_col,
	      const char *key, const struct txn_field *expect,
	      size_t n_expect, const struct txn_field *f, size_t n,
	      struct fd_err *err);

/* Delete the row whose key_col = key; every non-NULL column is audited with
 * new NULL. FD_E_NOTFOUND if no such row, FD_E_INVALID if other rows refer
 * to it. */
enum fd_status
txn_delete(struct fd_txn *t, const char *table, const char *key_col,
	   const char *key, struct fd_err *err);

/* The connection t writes on. */
struct fd_db *
txn_db(const struct fd_txn *t);

#endif
