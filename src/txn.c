/*
 * The one door for writes.
 *
 * A transaction is BEGIN IMMEDIATE: the write lock is taken up front, so
 * two sessions never deadlock on an upgrade from read to write, and
 * SQLITE_BUSY can only come from txn_begin (after the busy timeout).
 *
 * Each txn_insert/txn_update/txn_delete runs inside a SAVEPOINT with the
 * door open (the authorizer lets its statements through), writes the row,
 * then its audit rows: an insert ONE row (field "*", new_value the values
 * written as "name=value" lines, escaped as record_to_text does), an
 * update one row per changed field, a delete one row per non-NULL column.
 * On any failure it rolls back to the savepoint, so a failed call leaves
 * the transaction as it was. The door stays open while the statements
 * run, not only while they are prepared, because SQLite re-prepares a
 * statement on a schema change; it is also open for COMMIT, where virtual
 * tables such as FTS5 flush their writes.
 *
 * Speed: every statement (the writes, their SELECTs, SAVEPOINT, the audit
 * INSERT) is built as text and taken from the connection's cache
 * (db_door_stmt), so a bulk load prepares each distinct statement once
 * (preparing an INSERT on member compiles its search triggers too); one
 * cached statement is held at a time and given back (db_door_stmt_done)
 * before the next is asked for.
 *
 * Bulk: txn_insert_bulk (an import's million rows) skips the savepoint
 * and the SQL text: t keeps one statement per set of columns given, found
 * by the caller's column array, prepared with the door open and finalized
 * when t ends, and an audit statement of its own. It writes exactly the
 * row and the audit row txn_insert would. Without a savepoint a failure
 * may leave half a write, so it spoils t: later writes and the commit are
 * refused, only rollback is left.
 *
 * Schema: txn_schema_suspend drops indexes and triggers inside t (their
 * SQL kept in t), txn_schema_restore creates them again before the
 * commit; a rollback brings them back by itself, and a commit with any
 * left suspended is refused (rolled back), so no other session ever sees
 * the schema without them. Not audited: the schema is not data.
 *
 * Invariants:
 * - Table and column names match [a-z_][a-z0-9_]* and are quoted; the audit
 *   table and SQLite's own tables cannot be named. Values are bound.
 * - All audit rows of one transaction carry the same timestamp, taken from
 *   SQLite (strftime('%Y-%m-%dT%H:%M:%fZ','now')) when it begins.
 * - db_txn_get(db) is the open transaction; a struct fd_txn that is not
 *   (db_ensure_idle rolled it back) refuses every call but commit and
 *   rollback, which free it.
 * - Audit field "*" means a whole inserted row; no column is named "*".
 * - The tables of txn_unaudited are written through the door but leave no
 *   audit rows: only "draft" (form input saved on every key press, not
 *   data yet; the save that follows is audited).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/txn.h"
#include "frontdesk/util.h"

#define TXN_IDENT_MAX 64
#define TXN_BULK_MAX 64 /* columns of one txn_insert_bulk */

/* One statement of txn_insert_bulk: the columns it names (bit i for
 * column i of its list). */
struct txn_bulk_stmt {
	uint64_t mask;
	sqlite3_stmt *st;
};

/* The statements of txn_insert_bulk for one table and column list. */
struct txn_bulk {
	char *table;
	char *key_col;
	const char *const *cols; /* the caller's array (its address)... */
	const char **names;      /* ...and the names it held, compared */
	size_t *name_len;        /* strlen of each */
	size_t n;
	bool key_listed;         /* key_col is one of cols */
	size_t key_at;           /* its index then */
	bool rowid;              /* key_col is the table's rowid */
	struct txn_bulk_stmt *v;
	size_t nv;
};

struct fd_txn {
	struct fd_db *db;
	char *at;            /* timestamp of every audit row */
	char *note;          /* note of the following audit rows, or NULL */
	char *last_key;      /* key of the last inserted row */
	/* txn_insert_bulk */
	bool spoilt;         /* a bulk insert failed: commit refuses */
	struct txn_bulk *bulk;
	size_t nbulk;
	sqlite3_stmt *bulk_audit; /* TXN_AUDIT_SQL, prepared for t alone */
	struct strbuf bulk_text;  /* the audit text being built */
	/* txn_schema_suspend: the objects dropped, with their SQL */
	char **susp_name;
	char **susp_sql;
	size_t nsusp;
};

#define TXN_AUDIT_SQL                                                      \
	"INSERT INTO audit (at, login, entity, entity_id, field, old_value," \
	" new_value, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"

enum txn_kind { TXN_INSERT, TXN_UPDATE, TXN_DELETE };

/* One write, as the public functions were asked it. */
struct txn_op {
	enum txn_kind kind;
	const char *table;
	const char *key_col;
	const char *key; /* NULL for an insert */
	const struct txn_field *expect;
	size_t n_expect;
	const struct txn_field *f;
	size_t n;
};

/* The cached statement for sql, or NULL with *rc the reason. */
static sqlite3_stmt *
txn_stmt(struct fd_db *db, const char *sql, int *rc)
{
	sqlite3_stmt *st = db_door_stmt(db, sql);

	*rc = SQLITE_OK;
	if (!st) {
		*rc = sqlite3_errcode(db_sqlite(db));
		if (*rc == SQLITE_OK)
			*rc = SQLITE_ERROR;
	}
	return st;
}

/* Run sql, one statement that returns no rows, with the door open (a
 * cached statement). */
static int
txn_exec(struct fd_db *db, const char *sql)
{
	bool door = db_door_set(db, true);
	sqlite3_stmt *st;
	int rc;

	st = txn_stmt(db, sql, &rc);
	if (st) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE || rc == SQLITE_ROW)
			rc = SQLITE_OK;
		db_door_stmt_done(st);
	}
	db_door_set(db, door);
	return rc;
}

/* Release t's memory and statements (the transaction is already over);
 * NULL is ignored. */
static void
txn_free(struct fd_txn *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nbulk; i++) {
		struct txn_bulk *b = &t->bulk[i];

		for (size_t k = 0; k < b->nv; k++)
			sqlite3_finalize(b->v[k].st);
		free(b->v);
		free(b->names);
		free(b->name_len);
		free(b->table);
		free(b->key_col);
	}
	free(t->bulk);
	sqlite3_finalize(t->bulk_audit);
	strbuf_free(&t->bulk_text);
	for (size_t i = 0; i < t->nsusp; i++) {
		free(t->susp_name[i]);
		free(t->susp_sql[i]);
	}
	free(t->susp_name);
	free(t->susp_sql);
	free(t->at);
	free(t->note);
	free(t->last_key);
	free(t);
}

/* Translate the connection's last error during op on table into a status
 * and a message a person can act on. */
static enum fd_status
txn_fail_sqlite(struct fd_db *db, int rc, enum txn_kind kind,
		const char *table, struct fd_err *err)
{
	sqlite3 *sql = db_sqlite(db);
	const char *msg = sqlite3_errmsg(sql);
	const char *detail = strstr(msg, "failed: ");

	detail = detail ? detail + strlen("failed: ") : msg;
	switch (sqlite3_extended_errcode(sql)) {
	case SQLITE_CONSTRAINT_PRIMARYKEY:
	case SQLITE_CONSTRAINT_UNIQUE:
		return fd_fail(err, FD_E_EXISTS,
			       "%s: a record with the same %s already exists",
			       table, detail);
	case SQLITE_CONSTRAINT_NOTNULL:
		return fd_fail(err, FD_E_INVALID,
			       "%s: a required value is missing (%s)", table,
			       detail);
	case SQLITE_CONSTRAINT_CHECK:
		return fd_fail(err, FD_E_INVALID,
			       "%s: a value is not allowed (rule %s)", table,
			       detail);
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		if (kind == TXN_DELETE)
			return fd_fail(err, FD_E_INVALID,
				       "%s: cannot delete, other records "
				       "refer to this one",
				       table);
		return fd_fail(err, FD_E_INVALID,
			       "%s: refers to a record that does not exist",
			       table);
	case SQLITE_CONSTRAINT_TRIGGER:
		return fd_fail(err, FD_E_INVALID, "%s: %s", table, msg);
	default:
		break;
	}
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		return fd_fail(err, FD_E_INVALID, "%s: %s", table, msg);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return fd_fail(err, FD_E_BUSY,
			       "the database is busy (someone else is "
			       "saving); try again in a moment");
	case SQLITE_READONLY:
		return fd_fail(err, FD_E_READONLY,
			       "cannot save: the database file is read-only "
			       "(%s)",
			       msg);
	default:
		return fd_fail(err, FD_E_DB, "%s: database error: %s", table,
			       msg);
	}
}

/* True if s is a name code may pass for a table or column. */
static bool
txn_ident_valid(const char *s)
{
	size_t i;

	if (!s || !((*s >= 'a' && *s <= 'z') || *s == '_'))
		return false;
	for (i = 1; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return i <= TXN_IDENT_MAX;
}

/* Check n field names: valid identifiers, none twice. */
static enum fd_status
txn_fields_valid(const char *table, const struct txn_field *f, size_t n,
		 struct fd_err *err)
{
	for (size_t i = 0; i < n; i++) {
		if (!txn_ident_valid(f[i].name))
			return fd_fail(err, FD_E_INVALID,
				       "%s: bad column name \"%s\" (a program "
				       "error)",
				       table, f[i].name ? f[i].name : "");
		for (size_t j = 0; j < i; j++)
			if (strcmp(f[i].name, f[j].name) == 0)
				return fd_fail(err, FD_E_INVALID,
					       "%s: column %s given twice (a "
					       "program error)",
					       table, f[i].name);
	}
	return FD_OK;
}

/* Refuse a NULL t, or one that db_ensure_idle rolled back. */
static enum fd_status
txn_live(const struct fd_txn *t, struct fd_err *err)
{
	if (!t)
		return fd_fail(err, FD_E_DB, "no transaction (a program error)");
	if (db_txn_get(t->db) != t)
		return fd_fail(err, FD_E_DB,
			       "the transaction is no longer open: it was "
			       "rolled back because it was left open while "
			       "waiting for input; nothing was saved");
	return FD_OK;
}

/* Check the transaction is live and the op's names are acceptable. */
static enum fd_status
txn_op_valid(const struct fd_txn *t, const struct txn_op *op,
	     struct fd_err *err)
{
	enum fd_status st;

	st = txn_live(t, err);
	if (st != FD_OK)
		return st;
	if (!txn_ident_valid(op->table) ||
	    strncmp(op->table, "sqlite_", 7) == 0 ||
	    strcmp(op->table, "audit") == 0)
		return fd_fail(err, FD_E_INVALID,
			       "cannot write to table \"%s\" (a program "
			       "error)",
			       op->table ? op->table : "");
	if (!txn_ident_valid(op->key_col))
		return fd_fail(err, FD_E_INVALID,
			       "%s: bad key column \"%s\" (a program error)",
			       op->table, op->key_col ? op->key_col : "");
	if (op->kind != TXN_INSERT && !op->key)
		return fd_fail(err, FD_E_INVALID,
			       "%s: no key given (a program error)",
			       op->table);
	st = txn_fields_valid(op->table, op->expect, op->n_expect, err);
	if (st == FD_OK)
		st = txn_fields_valid(op->table, op->f, op->n, err);
	return st;
}

/* True if two values (NULL = SQL NULL) are the same text. */
static bool
txn_same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Bind value (NULL = SQL NULL) to parameter i of st. */
static int
txn_bind(sqlite3_stmt *st, int i, const char *value)
{
	if (!value)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
}

/* Tables written without audit rows (see the invariants above). */
static const char *const txn_unaudited[] = {"draft"};

/* True if writes to table leave audit rows. */
static bool
txn_audited(const char *table)
{
	for (size_t i = 0; i < FD_ARRAY_LEN(txn_unaudited); i++)
		if (strcmp(table, txn_unaudited[i]) == 0)
			return false;
	return true;
}

/* Append one audit row for field of entity id (door open), unless entity
 * is an unaudited table. */
static enum fd_status
txn_audit(struct fd_txn *t, const char *entity, const char *id,
	  const char *field, const char *old, const char *new_value,
	  struct fd_err *err)
{
	sqlite3 *sql = db_sqlite(t->db);
	sqlite3_stmt *st;
	enum fd_status status = FD_OK;
	int rc = SQLITE_ERROR;

	if (!txn_audited(entity))
		return FD_OK;
	st = db_door_stmt(t->db, TXN_AUDIT_SQL);
	if (st) {
		txn_bind(st, 1, t->at);
		txn_bind(st, 2, db_login(t->db));
		txn_bind(st, 3, entity);
		txn_bind(st, 4, id);
		txn_bind(st, 5, field);
		txn_bind(st, 6, old);
		txn_bind(st, 7, new_value);
		txn_bind(st, 8, t->note);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK)
		status = fd_fail(err, FD_E_DB,
				 "cannot write the audit log: %s",
				 sqlite3_errmsg(sql));
	db_door_stmt_done(st);
	return status;
}

/* Append sep, then name in double quotes (a valid identifier), to sb:
 * without printf, as this runs for every write of a bulk load. */
static void
txn_sql_name(struct strbuf *sb, const char *sep, const char *name)
{
	strbuf_adds(sb, sep);
	strbuf_adds(sb, "\"");
	strbuf_adds(sb, name);
	strbuf_adds(sb, "\"");
}

/* Append sep, then the parameter ?i, to sb. */
static void
txn_sql_param(struct strbuf *sb, const char *sep, size_t i)
{
	char buf[24], *p = buf + sizeof(buf);

	*--p = '\0';
	do
		*--p = (char)('0' + i % 10);
	while ((i /= 10) > 0);
	*--p = '?';
	strbuf_adds(sb, sep);
	strbuf_adds(sb, p);
}

/* SELECT the named columns (every column when names is NULL) of the row
 * op->key_col = op->key, and leave *st (a cached statement) on that row;
 * the caller gives *st back with db_door_stmt_done whatever the result.
 * FD_E_NOTFOUND if there is no such row. */
static enum fd_status
txn_row_select(struct fd_txn *t, const struct txn_op *op,
	       const char *const *names, size_t n, sqlite3_stmt **st,
	       struct fd_err *err)
{
	struct strbuf sql = {0};
	enum fd_status status = FD_OK;
	int rc;

	*st = NULL;
	strbuf_adds(&sql, names ? "SELECT " : "SELECT *");
	for (size_t i = 0; names && i < n; i++)
		txn_sql_name(&sql, i ? ", " : "", names[i]);
	txn_sql_name(&sql, " FROM ", op->table);
	txn_sql_name(&sql, " WHERE ", op->key_col);
	strbuf_adds(&sql, " = ?1");
	*st = txn_stmt(t->db, sql.buf, &rc);
	if (rc == SQLITE_OK)
		rc = txn_bind(*st, 1, op->key);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(*st);
	if (rc == SQLITE_DONE)
		status = fd_fail(err, FD_E_NOTFOUND,
				 "%s: no record with %s \"%s\" (someone may "
				 "have deleted it)",
				 op->table, op->key_col, op->key);
	else if (rc != SQLITE_ROW)
		status = txn_fail_sqlite(t->db, rc, op->kind, op->table, err);
	strbuf_free(&sql);
	return status;
}

/* Read the named columns of the row op->key_col = op->key into vals (new
 * strings, NULL for SQL NULL). FD_E_NOTFOUND if there is no such row. */
static enum fd_status
txn_row_read(struct fd_txn *t, const struct txn_op *op,
	     const char *const *names, size_t n, char **vals,
	     struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status;

	status = txn_row_select(t, op, names, n, &st, err);
	for (size_t i = 0; status == FD_OK && i < n; i++)
		vals[i] = xstrdup((const char *)sqlite3_column_text(st, (int)i));
	db_door_stmt_done(st);
	return status;
}

/* Append value to sb as record_to_text writes it: backslash, newline and
 * carriage return escaped, so one line is one field. */
static void
txn_escape(struct strbuf *sb, const char *value)
{
	const char *p = value, *run = value;

	for (; *p; p++) {
		const char *esc = *p == '\\' ? "\\\\"
				  : *p == '\n' ? "\\n"
				  : *p == '\r' ? "\\r"
					       : NULL;

		if (!esc)
			continue;
		strbuf_add(sb, run, (size_t)(p - run));
		strbuf_adds(sb, esc);
		run = p + 1;
	}
	strbuf_add(sb, run, (size_t)(p - run));
}

/* The audit text of an insert: the key line when the database assigned
 * the key, then one "name=value" line per non-NULL field. Caller frees. */
static char *
txn_insert_text(const struct txn_op *op, const char *key)
{
	struct strbuf sb = {0};
	bool key_given = false;

	for (size_t i = 0; i < op->n; i++)
		if (op->f[i].value && strcmp(op->f[i].name, op->key_col) == 0)
			key_given = true;
	if (!key_given) {
		strbuf_adds(&sb, op->key_col);
		strbuf_adds(&sb, "=");
		txn_escape(&sb, key);
		strbuf_adds(&sb, "\n");
	}
	for (size_t i = 0; i < op->n; i++) {
		if (!op->f[i].value)
			continue;
		strbuf_adds(&sb, op->f[i].name);
		strbuf_adds(&sb, "=");
		txn_escape(&sb, op->f[i].value);
		strbuf_adds(&sb, "\n");
	}
	return strbuf_take(&sb);
}

/* INSERT ... RETURNING the key, then ONE audit row (field "*") holding
 * the values written. */
static enum fd_status
txn_do_insert(struct fd_txn *t, const struct txn_op *op, struct fd_err *err)
{
	struct strbuf sql = {0};
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	char *key = NULL, *text = NULL;
	int rc;

	txn_sql_name(&sql, "INSERT INTO ", op->table);
	if (op->n == 0) {
		strbuf_adds(&sql, " DEFAULT VALUES");
	} else {
		for (size_t i = 0; i < op->n; i++)
			txn_sql_name(&sql, i ? ", " : " (", op->f[i].name);
		for (size_t i = 0; i < op->n; i++)
			txn_sql_param(&sql, i ? ", " : ") VALUES (", i + 1);
		strbuf_adds(&sql, ")");
	}
	txn_sql_name(&sql, " RETURNING ", op->key_col);

	st = txn_stmt(t->db, sql.buf, &rc);
	for (size_t i = 0; rc == SQLITE_OK && i < op->n; i++)
		rc = txn_bind(st, (int)i + 1, op->f[i].value);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);

		key = xstrdup(k ? k : "");
		rc = sqlite3_step(st);
	}
	if (rc != SQLITE_DONE) {
		status = txn_fail_sqlite(t->db, rc, op->kind, op->table, err);
		goto out;
	}
	db_door_stmt_done(st);
	st = NULL;
	if (!key)
		key = xstrdup("");

	if (txn_audited(op->table)) {
		text = txn_insert_text(op, key);
		status = txn_audit(t, op->table, key, "*", NULL, text, err);
	}
	if (status != FD_OK)
		goto out;
	free(t->last_key);
	t->last_key = key;
	key = NULL;
out:
	db_door_stmt_done(st);
	strbuf_free(&sql);
	free(key);
	free(text);
	return status;
}

/* Read the row, compare op->expect, UPDATE the changed fields, audit
 * them. */
static enum fd_status
txn_do_update(struct fd_txn *t, const struct txn_op *op, struct fd_err *err)
{
	size_t total = op->n_expect + op->n, nchanged = 0;
	const char **names = xcalloc(total, sizeof(*names));
	char **cur = xcalloc(total, sizeof(*cur));
	size_t *changed = xcalloc(op->n, sizeof(*changed));
	char **now = cur + op->n_expect; /* current values of op->f */
	struct strbuf sql = {0};
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	int rc;

	for (size_t i = 0; i < op->n_expect; i++)
		names[i] = op->expect[i].name;
	for (size_t i = 0; i < op->n; i++)
		names[op->n_expect + i] = op->f[i].name;
	status = txn_row_read(t, op, names, total, cur, err);
	if (status != FD_OK)
		goto out;
	for (size_t i = 0; i < op->n_expect; i++) {
		if (!txn_same(cur[i], op->expect[i].value)) {
			status = fd_fail(err, FD_E_CONFLICT,
					 "%s \"%s\": %s was changed by someone "
					 "else (it is now \"%s\"); reload to "
					 "see the change",
					 op->table, op->key, op->expect[i].name,
					 cur[i] ? cur[i] : "");
			goto out;
		}
	}
	for (size_t i = 0; i < op->n; i++)
		if (!txn_same(now[i], op->f[i].value))
			changed[nchanged++] = i;
	if (nchanged == 0)
		goto out;

	txn_sql_name(&sql, "UPDATE ", op->table);
	for (size_t i = 0; i < nchanged; i++) {
		txn_sql_name(&sql, i ? ", " : " SET ", op->f[changed[i]].name);
		txn_sql_param(&sql, " = ", i + 1);
	}
	txn_sql_name(&sql, " WHERE ", op->key_col);
	txn_sql_param(&sql, " = ", nchanged + 1);
	st = txn_stmt(t->db, sql.buf, &rc);
	for (size_t i = 0; rc == SQLITE_OK && i < nchanged; i++)
		rc = txn_bind(st, (int)i + 1, op->f[changed[i]].value);
	if (rc == SQLITE_OK)
		rc = txn_bind(st, (int)nchanged + 1, op->key);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		status = txn_fail_sqlite(t->db, rc, op->kind, op->table, err);
		goto out;
	}
	db_door_stmt_done(st);
	st = NULL;
	for (size_t i = 0; status == FD_OK && i < nchanged; i++) {
		size_t j = changed[i];

		status = txn_audit(t, op->table, op->key, op->f[j].name,
				   now[j], op->f[j].value, err);
	}
out:
	db_door_stmt_done(st);
	strbuf_free(&sql);
	for (size_t i = 0; i < total; i++)
		free(cur[i]);
	free(cur);
	free(names);
	free(changed);
	return status;
}

/* Read the whole row, DELETE it, audit each non-NULL column. */
static enum fd_status
txn_do_delete(struct fd_txn *t, const struct txn_op *op, struct fd_err *err)
{
	struct strbuf sql = {0};
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	char **names = NULL, **vals = NULL;
	int rc, ncol = 0;

	status = txn_row_select(t, op, NULL, 0, &st, err);
	if (status != FD_OK)
		goto out;
	ncol = sqlite3_column_count(st);
	names = xcalloc((size_t)ncol, sizeof(*names));
	vals = xcalloc((size_t)ncol, sizeof(*vals));
	for (int i = 0; i < ncol; i++) {
		names[i] = xstrdup(sqlite3_column_name(st, i));
		vals[i] = xstrdup((const char *)sqlite3_column_text(st, i));
	}
	db_door_stmt_done(st);
	st = NULL;

	strbuf_addf(&sql, "DELETE FROM \"%s\" WHERE \"%s\" = ?1", op->table,
		    op->key_col);
	st = txn_stmt(t->db, sql.buf, &rc);
	if (rc == SQLITE_OK)
		rc = txn_bind(st, 1, op->key);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		status = txn_fail_sqlite(t->db, rc, op->kind, op->table, err);
		goto out;
	}
	db_door_stmt_done(st);
	st = NULL;
	for (int i = 0; status == FD_OK && i < ncol; i++)
		if (vals[i])
			status = txn_audit(t, op->table, op->key, names[i],
					   vals[i], NULL, err);
out:
	db_door_stmt_done(st);
	strbuf_free(&sql);
	for (int i = 0; i < ncol; i++) {
		free(names[i]);
		free(vals[i]);
	}
	free(names);
	free(vals);
	return status;
}

/* Run one op with the door open inside a savepoint, undone on failure. */
static enum fd_status
txn_op_run(struct fd_txn *t, const struct txn_op *op, struct fd_err *err)
{
	enum fd_status status;
	bool door;
	int rc;

	status = txn_op_valid(t, op, err);
	if (status != FD_OK)
		return status;
	rc = txn_exec(t->db, "SAVEPOINT txn_op");
	if (rc != SQLITE_OK)
		return txn_fail_sqlite(t->db, rc, op->kind, op->table, err);

	door = db_door_set(t->db, true);
	switch (op->kind) {
	case TXN_INSERT:
		status = txn_do_insert(t, op, err);
		break;
	case TXN_UPDATE:
		status = txn_do_update(t, op, err);
		break;
	case TXN_DELETE:
		status = txn_do_delete(t, op, err);
		break;
	}
	db_door_set(t->db, door);

	if (status != FD_OK)
		txn_exec(t->db, "ROLLBACK TO txn_op");
	txn_exec(t->db, "RELEASE txn_op");
	return status;
}

/* BEGIN IMMEDIATE and take the transaction's audit timestamp. */
enum fd_status
txn_begin(struct fd_db *db, struct fd_txn **out, struct fd_err *err)
{
	struct fd_txn *t = NULL;
	enum fd_status status = FD_OK;
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	if (db_read_only(db)) {
		status = fd_fail(err, FD_E_READONLY, "%s",
				 db_read_only_reason(db));
		goto out;
	}
	if (db_txn_get(db) || !sqlite3_get_autocommit(db_sqlite(db))) {
		status = fd_fail(err, FD_E_DB,
				 "a transaction is already open on this "
				 "connection (a program error)");
		goto out;
	}
	rc = txn_exec(db, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK) {
		status = txn_fail_sqlite(db, rc, TXN_INSERT, "begin", err);
		goto out;
	}
	t = xcalloc(1, sizeof(*t));
	t->db = db;
	t->last_key = xstrdup("");
	st = txn_stmt(db, "SELECT strftime('%Y-%m-%dT%H:%M:%fZ','now')", &rc);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		status = txn_fail_sqlite(db, rc, TXN_INSERT, "begin", err);
		db_door_stmt_done(st);
		st = NULL;
		txn_exec(db, "ROLLBACK");
		goto out;
	}
	t->at = xstrdup((const char *)sqlite3_column_text(st, 0));
	db_txn_set(db, t);
	*out = t;
	t = NULL;
out:
	db_door_stmt_done(st);
	if (t)
		txn_free(t);
	return status;
}

/* COMMIT (door open, for virtual tables), roll back if that fails, free t. */
enum fd_status
txn_commit(struct fd_txn *t, struct fd_err *err)
{
	enum fd_status status;
	struct fd_db *db;
	int rc;

	status = txn_live(t, err);
	if (status != FD_OK)
		goto out;
	db = t->db;
	if (t->spoilt || t->nsusp) {
		status = fd_fail(err, FD_E_DB,
				 t->spoilt ? "a write failed part-way, so the "
					     "whole transaction was rolled "
					     "back: nothing was saved"
					   : "indexes or triggers were left "
					     "suspended (a program error), so "
					     "the whole transaction was rolled "
					     "back: nothing was saved");
		txn_exec(db, "ROLLBACK");
		db_txn_set(db, NULL);
		goto out;
	}
	rc = txn_exec(db, "COMMIT");
	if (rc != SQLITE_OK) {
		status = txn_fail_sqlite(db, rc, TXN_UPDATE, "commit", err);
		if (!sqlite3_get_autocommit(db_sqlite(db)))
			txn_exec(db, "ROLLBACK");
	}
	db_txn_set(db, NULL);
out:
	txn_free(t);
	return status;
}

/* ROLLBACK if t is still the open transaction, then free t. */
void
txn_rollback(struct fd_txn *t)
{
	if (!t)
		return;
	if (db_txn_get(t->db) == t) {
		if (!sqlite3_get_autocommit(db_sqlite(t->db)))
			txn_exec(t->db, "ROLLBACK");
		db_txn_set(t->db, NULL);
	}
	txn_free(t);
}

/* Replace the note of the following audit rows. */
void
txn_note(struct fd_txn *t, const char *note)
{
	free(t->note);
	t->note = xstrdup(note);
}

/* Insert one row through the door. */
enum fd_status
txn_insert(struct fd_txn *t, const char *table, const char *key_col,
	   const struct txn_field *f, size_t n, struct fd_err *err)
{
	const struct txn_op op = {
		.kind = TXN_INSERT,
		.table = table,
		.key_col = key_col,
		.f = f,
		.n = n,
	};

	return txn_op_run(t, &op, err);
}

/* Prepare sql for t alone, with the door open; NULL with *rc set. */
static sqlite3_stmt *
txn_bulk_prepare(struct fd_txn *t, const char *sql, int *rc)
{
	bool door = db_door_set(t->db, true);
	sqlite3_stmt *st = NULL;

	*rc = sqlite3_prepare_v3(db_sqlite(t->db), sql, -1,
				 SQLITE_PREPARE_PERSISTENT, &st, NULL);
	db_door_set(t->db, door);
	if (*rc != SQLITE_OK) {
		sqlite3_finalize(st);
		st = NULL;
	}
	return st;
}

/* True if key_col is table's INTEGER PRIMARY KEY, an alias of the rowid
 * (so sqlite3_last_insert_rowid is the key of a row inserted, without
 * RETURNING, whose ephemeral table costs more than the insert of a short
 * row): the only primary-key column, declared INTEGER, and no index
 * made for the key (a WITHOUT ROWID table, or INTEGER PRIMARY KEY DESC,
 * have one). */
static bool
txn_bulk_rowid(struct fd_txn *t, const char *table, const char *key_col)
{
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0)"
	    " = 1 AND (SELECT count(*) FROM pragma_table_info(?1)"
	    " WHERE pk = 1 AND name = ?2 AND upper(type) = 'INTEGER') = 1"
	    " AND (SELECT count(*) FROM pragma_index_list(?1)"
	    " WHERE origin = 'pk') = 0";
	sqlite3_stmt *st = NULL;
	bool rowid = false;

	if (sqlite3_prepare_v2(db_sqlite(t->db), sql, -1, &st, NULL) ==
		    SQLITE_OK &&
	    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_bind_text(st, 2, key_col, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		rowid = sqlite3_column_int(st, 0) == 1;
	sqlite3_finalize(st);
	return rowid;
}

/* The bulk list of t for (table, key_col, cols[0..n)): found by the
 * array's address and the names it holds, or made after checking the
 * names as txn_insert does. NULL with err filled. */
static struct txn_bulk *
txn_bulk_get(struct fd_txn *t, const char *table, const char *key_col,
	     const char *const *cols, size_t n, struct fd_err *err)
{
	struct txn_field f[TXN_BULK_MAX];
	struct txn_op op = {
		.kind = TXN_INSERT, .table = table, .key_col = key_col,
		.f = f, .n = n,
	};
	struct txn_bulk *b;

	for (size_t i = 0; i < t->nbulk; i++) {
		b = &t->bulk[i];
		if (b->cols != cols || b->n != n ||
		    strcmp(b->table, table) != 0 ||
		    strcmp(b->key_col, key_col) != 0 ||
		    memcmp(b->names, cols, n * sizeof(*cols)) != 0)
			continue;
		return b;
	}
	if (n > TXN_BULK_MAX) {
		fd_fail(err, FD_E_INVALID,
			"%s: more than %d columns in a bulk insert (a program "
			"error)",
			table ? table : "", TXN_BULK_MAX);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		f[i].name = cols[i];
		f[i].value = NULL;
	}
	if (txn_op_valid(t, &op, err) != FD_OK)
		return NULL;
	t->bulk = xrealloc(t->bulk, (t->nbulk + 1) * sizeof(*t->bulk));
	b = &t->bulk[t->nbulk++];
	memset(b, 0, sizeof(*b));
	b->table = xstrdup(table);
	b->key_col = xstrdup(key_col);
	b->cols = cols;
	b->names = xcalloc(n ? n : 1, sizeof(*b->names));
	memcpy(b->names, cols, n * sizeof(*cols));
	b->name_len = xcalloc(n ? n : 1, sizeof(*b->name_len));
	for (size_t i = 0; i < n; i++)
		b->name_len[i] = strlen(cols[i]);
	b->n = n;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(cols[i], key_col) == 0) {
			b->key_listed = true;
			b->key_at = i;
		}
	}
	b->rowid = txn_bulk_rowid(t, table, key_col);
	return b;
}

/* The statement of b inserting the columns of mask (built and prepared
 * on first use, as txn_do_insert writes it). NULL with *rc set. */
static sqlite3_stmt *
txn_bulk_stmt(struct fd_txn *t, struct txn_bulk *b, uint64_t mask, int *rc)
{
	struct strbuf sql = {0};
	sqlite3_stmt *st;
	size_t k = 0;

	*rc = SQLITE_OK;
	for (size_t i = 0; i < b->nv; i++)
		if (b->v[i].mask == mask)
			return b->v[i].st;
	txn_sql_name(&sql, "INSERT INTO ", b->table);
	if (mask == 0) {
		strbuf_adds(&sql, " DEFAULT VALUES");
	} else {
		for (size_t i = 0; i < b->n; i++)
			if (mask & ((uint64_t)1 << i))
				txn_sql_name(&sql, k++ ? ", " : " (",
					     b->names[i]);
		for (size_t i = 0; i < k; i++)
			txn_sql_param(&sql, i ? ", " : ") VALUES (", i + 1);
		strbuf_adds(&sql, ")");
	}
	if (!b->rowid)
		txn_sql_name(&sql, " RETURNING ", b->key_col);
	st = txn_bulk_prepare(t, sql.buf, rc);
	strbuf_free(&sql);
	if (!st)
		return NULL;
	b->v = xrealloc(b->v, (b->nv + 1) * sizeof(*b->v));
	b->v[b->nv].mask = mask;
	b->v[b->nv++].st = st;
	return st;
}

/* Append the audit text of a bulk insert (as txn_insert_text) to sb. */
static void
txn_bulk_text(struct strbuf *sb, const struct txn_bulk *b,
	      const char *const *values, const char *key)
{
	sb->len = 0;
	if (!b->key_listed || !values[b->key_at]) {
		strbuf_adds(sb, b->key_col);
		strbuf_adds(sb, "=");
		txn_escape(sb, key);
		strbuf_adds(sb, "\n");
	}
	for (size_t i = 0; i < b->n; i++) {
		if (!values[i])
			continue;
		strbuf_add(sb, b->names[i], b->name_len[i]);
		strbuf_add(sb, "=", 1);
		txn_escape(sb, values[i]);
		strbuf_add(sb, "\n", 1);
	}
	if (!sb->buf)
		strbuf_adds(sb, "");
}

/* The row, then its audit row, with the door open and no savepoint. */
static enum fd_status
txn_bulk_run(struct fd_txn *t, struct txn_bulk *b, const char *const *values,
	     struct fd_err *err)
{
	sqlite3 *sql = db_sqlite(t->db);
	sqlite3_stmt *st;
	uint64_t mask = 0;
	enum fd_status status = FD_OK;
	const char *k = NULL;
	char rowid[24];
	int rc, p = 0;

	for (size_t i = 0; i < b->n; i++)
		if (values[i])
			mask |= (uint64_t)1 << i;
	st = txn_bulk_stmt(t, b, mask, &rc);
	for (size_t i = 0; st && rc == SQLITE_OK && i < b->n; i++)
		if (values[i])
			rc = sqlite3_bind_text(st, ++p, values[i], -1,
					       SQLITE_STATIC);
	if (st && rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_DONE && b->rowid) {
		/* The rowid, given or assigned, as RETURNING gives it. */
		snprintf(rowid, sizeof(rowid), "%lld",
			 (long long)sqlite3_last_insert_rowid(sql));
		k = rowid;
	} else if (rc == SQLITE_ROW && !b->rowid) {
		k = (const char *)sqlite3_column_text(st, 0);
		rc = sqlite3_step(st);
	}
	if (rc != SQLITE_DONE) {
		status = txn_fail_sqlite(t->db, rc, TXN_INSERT, b->table, err);
		goto out;
	}
	free(t->last_key);
	t->last_key = xstrdup(k ? k : "");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	st = NULL;
	if (!txn_audited(b->table))
		goto out;
	if (!t->bulk_audit)
		t->bulk_audit = txn_bulk_prepare(t, TXN_AUDIT_SQL, &rc);
	if (!t->bulk_audit) {
		status = fd_fail(err, FD_E_DB, "cannot write the audit log: %s",
				 sqlite3_errmsg(sql));
		goto out;
	}
	txn_bulk_text(&t->bulk_text, b, values, t->last_key);
	st = t->bulk_audit;
	sqlite3_bind_text(st, 1, t->at, -1, SQLITE_STATIC);
	txn_bind(st, 2, db_login(t->db));
	sqlite3_bind_text(st, 3, b->table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, t->last_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, "*", -1, SQLITE_STATIC);
	sqlite3_bind_null(st, 6);
	sqlite3_bind_text(st, 7, t->bulk_text.buf, (int)t->bulk_text.len,
			  SQLITE_STATIC);
	if (t->note)
		sqlite3_bind_text(st, 8, t->note, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 8);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		status = fd_fail(err, FD_E_DB,
				 "cannot write the audit log: %s",
				 sqlite3_errmsg(sql));
out:
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	return status;
}

/* Insert one row through the door, for a bulk load (see txn.h). */
enum fd_status
txn_insert_bulk(struct fd_txn *t, const char *table, const char *key_col,
		const char *const *cols, const char *const *values, size_t n,
		struct fd_err *err)
{
	struct txn_bulk *b;
	enum fd_status status;
	bool door;

	status = txn_live(t, err);
	if (status != FD_OK)
		return status;
	if (t->spoilt)
		return fd_fail(err, FD_E_DB,
			       "an earlier write of this transaction failed "
			       "(a program error: roll it back)");
	b = txn_bulk_get(t, table, key_col, cols, n, err);
	if (!b)
		return FD_E_INVALID;
	door = db_door_set(t->db, true);
	status = txn_bulk_run(t, b, values, err);
	db_door_set(t->db, door);
	if (status != FD_OK)
		t->spoilt = true;
	return status;
}

/* Run sql (DDL, no rows) with the door open. */
static int
txn_exec_ddl(struct fd_db *db, const char *sql)
{
	bool door = db_door_set(db, true);
	int rc;

	rc = sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL);
	db_door_set(db, door);
	return rc;
}

/* Drop the indexes and triggers named, keeping their SQL in t. */
enum fd_status
txn_schema_suspend(struct fd_txn *t, const char *const *names, size_t n,
		   struct fd_err *err)
{
	sqlite3 *sql;
	sqlite3_stmt *st = NULL;
	struct strbuf drop = {0};
	enum fd_status status;
	int rc = SQLITE_OK;

	status = txn_live(t, err);
	if (status != FD_OK)
		return status;
	sql = db_sqlite(t->db);
	if (t->spoilt) {
		status = fd_fail(err, FD_E_DB,
				 "an earlier write of this transaction failed "
				 "(a program error: roll it back)");
		goto out;
	}
	rc = sqlite3_prepare_v2(sql,
				"SELECT type, sql FROM sqlite_schema WHERE name"
				" = ?1 AND type IN ('index', 'trigger')"
				" AND sql IS NOT NULL",
				-1, &st, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
		bool done = false;
		char *type, *text;

		for (size_t k = 0; k < t->nsusp && !done; k++)
			done = strcmp(t->susp_name[k], names[i]) == 0;
		if (done)
			continue;
		if (!txn_ident_valid(names[i])) {
			status = fd_fail(err, FD_E_INVALID,
					 "bad index or trigger name \"%s\" (a "
					 "program error)",
					 names[i] ? names[i] : "");
			goto out;
		}
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			status = fd_fail(err, FD_E_NOTFOUND,
					 "no index or trigger \"%s\" to "
					 "suspend (a program error)",
					 names[i]);
			goto out;
		}
		if (rc != SQLITE_ROW)
			break;
		type = xstrdup((const char *)sqlite3_column_text(st, 0));
		text = xstrdup((const char *)sqlite3_column_text(st, 1));
		sqlite3_reset(st);
		drop.len = 0;
		strbuf_adds(&drop, strcmp(type, "index") == 0 ? "DROP INDEX"
							       : "DROP TRIGGER");
		txn_sql_name(&drop, " ", names[i]);
		free(type);
		rc = txn_exec_ddl(t->db, drop.buf);
		if (rc != SQLITE_OK) {
			free(text);
			break;
		}
		t->susp_name = xrealloc(t->susp_name, (t->nsusp + 1) *
						    sizeof(*t->susp_name));
		t->susp_sql = xrealloc(t->susp_sql, (t->nsusp + 1) *
						  sizeof(*t->susp_sql));
		t->susp_name[t->nsusp] = xstrdup(names[i]);
		t->susp_sql[t->nsusp++] = text;
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK)
		status = fd_fail(err, FD_E_DB,
				 "cannot suspend an index or trigger: %s",
				 sqlite3_errmsg(sql));
out:
	sqlite3_finalize(st);
	strbuf_free(&drop);
	return status;
}

/* Create again, in the order suspended, what txn_schema_suspend dropped. */
enum fd_status
txn_schema_restore(struct fd_txn *t, struct fd_err *err)
{
	enum fd_status status;
	size_t i;
	int rc = SQLITE_OK;

	status = txn_live(t, err);
	if (status != FD_OK)
		return status;
	for (i = 0; i < t->nsusp && rc == SQLITE_OK; i++)
		rc = txn_exec_ddl(t->db, t->susp_sql[i]);
	if (rc != SQLITE_OK) {
		/* Part of the schema is back, part not: only rollback is
		 * left. */
		t->spoilt = true;
		return fd_fail(err, FD_E_DB, "cannot create %s again: %s",
			       t->susp_name[i - 1],
			       sqlite3_errmsg(db_sqlite(t->db)));
	}
	for (i = 0; i < t->nsusp; i++) {
		free(t->susp_name[i]);
		free(t->susp_sql[i]);
	}
	t->nsusp = 0;
	return FD_OK;
}

/* The key of the last row txn_insert created on t. */
const char *
txn_last_key(const struct fd_txn *t)
{
	return t->last_key;
}

/* Update one row through the door, without a conflict check. */
enum fd_status
txn_update(struct fd_txn *t, const char *table, const char *key_col,
	   const char *key, const struct txn_field *f, size_t n,
	   struct fd_err *err)
{
	return txn_update_if(t, table, key_col, key, NULL, 0, f, n, err);
}

/* Update one row through the door if the expected values still hold. */
enum fd_status
txn_update_if(struct fd_txn *t, const char *table, const char *key_col,
	      const char *key, const struct txn_field *expect,
	      size_t n_expect, const struct txn_field *f, size_t n,
	      struct fd_err *err)
{
	const struct txn_op op = {
		.kind = TXN_UPDATE,
		.table = table,
		.key_col = key_col,
		.key = key,
		.expect = expect,
		.n_expect = n_expect,
		.f = f,
		.n = n,
	};

	if (n + n_expect == 0)
		return txn_op_valid(t, &op, err);
	return txn_op_run(t, &op, err);
}

/* Delete one row through the door. */
enum fd_status
txn_delete(struct fd_txn *t, const char *table, const char *key_col,
	   const char *key, struct fd_err *err)
{
	const struct txn_op op = {
		.kind = TXN_DELETE,
		.table = table,
		.key_col = key_col,
		.key = key,
	};

	return txn_op_run(t, &op, err);
}

/* The connection of t. */
struct fd_db *
txn_db(const struct fd_txn *t)
{
	return t->db;
}

/* Commit on success, roll back otherwise. */
enum fd_status
txn_end(struct fd_txn *t, enum fd_status status, struct fd_err *err)
{
	if (status == FD_OK)
		return txn_commit(t, err);
	txn_rollback(t);
	return status;
}
