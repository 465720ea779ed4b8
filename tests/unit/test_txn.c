/*
 * txn.c, the write door: audit rows for insert, update (changed fields
 * only) and delete, the error statuses, savepoints, optimistic updates,
 * the append-only audit table, three processes writing at once, and
 * txn_insert_bulk (the same rows and audit rows as txn_insert, a failure
 * spoiling the transaction), indexes and triggers suspended for a bulk
 * load and restored (never committed without them).
 * Each test has its own database file in its own mkdtemp directory.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frontdesk/audit.h"
#include "frontdesk/db.h"
#include "frontdesk/txn.h"

#include "fixture.h"

#define TXNTEST(name, ...)                                                 \
	Test(txn, name, .init = fixture_setup, .fini = fixture_teardown,   \
	     ##__VA_ARGS__)

/* A database with alice as supervisor and a test table "item" (integer
 * key assigned by SQLite, a foreign key to staff, a CHECK). */
static struct fd_db *
open_with_items(void)
{
	struct fd_db *db = open_as("alice");

	db_close(db);
	cr_assert_eq(raw_exec_rc("CREATE TABLE item ("
				 " id INTEGER PRIMARY KEY,"
				 " code TEXT UNIQUE,"
				 " owner TEXT REFERENCES staff (login),"
				 " qty INTEGER NOT NULL DEFAULT 0"
				 "  CHECK (qty >= 0),"
				 " note TEXT)",
				 NULL, 0),
		     SQLITE_OK);
	return open_as("alice");
}

static void
expect_audit(const struct audit_entry *e, const char *entity,
	     const char *id, const char *field, const char *old,
	     const char *new_value)
{
	cr_expect_str_eq(e->entity, entity);
	cr_expect_str_eq(e->entity_id, id);
	cr_expect_str_eq(e->field, field);
	if (old)
		cr_expect_str_eq(e->old_value, old, "%s", field);
	else
		cr_expect_null(e->old_value, "%s", field);
	if (new_value)
		cr_expect_str_eq(e->new_value, new_value, "%s", field);
	else
		cr_expect_null(e->new_value, "%s", field);
	cr_expect_str_eq(e->login, "alice");
}

TXNTEST(insert_update_delete_audited)
{
	struct fd_db *db = open_with_items();
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	struct audit_entry *a = NULL;
	size_t n = 0;
	char key[32];
	const struct txn_field ins[] = {
		{"code", "A-1"},
		{"owner", "alice"},
		{"qty", "3"},
		{"note", NULL},
	};
	const struct txn_field upd[] = {
		{"code", "A-1"},   /* unchanged */
		{"qty", "5"},      /* changed */
		{"note", "\xe5\xa4\x87\xe6\xb3\xa8"}, /* NULL -> text */
	};

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "item", "id", ins, 4, &err), FD_OK, "%s",
		     err.msg);
	snprintf(key, sizeof(key), "%s", txn_last_key(t));
	cr_assert_str_eq(key, "1");
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);

	cr_assert_eq(audit_list(db, "item", key, 0, &a, &n, &err), FD_OK);
	/* One row for the insert: the assigned key, then code, owner, qty;
	 * the NULL note is not listed. */
	cr_assert_eq(n, 1);
	expect_audit(&a[0], "item", "1", "*", NULL,
		     "id=1\ncode=A-1\nowner=alice\nqty=3\n");
	audit_list_free(a, n);

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	txn_note(t, "recount");
	cr_assert_eq(txn_update(t, "item", "id", key, upd, 3, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(audit_list(db, "item", key, 0, &a, &n, &err), FD_OK);
	cr_assert_eq(n, 3, "only the two changed fields");
	expect_audit(&a[0], "item", "1", "note", NULL,
		     "\xe5\xa4\x87\xe6\xb3\xa8");
	expect_audit(&a[1], "item", "1", "qty", "3", "5");
	cr_assert_str_eq(a[0].note, "recount");
	cr_assert_null(a[2].note);
	cr_assert_str_eq(a[0].at, a[1].at, "one timestamp per transaction");
	audit_list_free(a, n);
	cr_assert_eq(query_int(db, "SELECT qty FROM item WHERE id = 1"), 5);

	/* An update that changes nothing writes nothing. */
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_update(t, "item", "id", key, upd, 3, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit"
				   " WHERE entity = 'item'"),
		     3);

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_delete(t, "item", "id", key, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM item"), 0);
	cr_assert_eq(audit_list(db, "item", key, 0, &a, &n, &err), FD_OK);
	cr_assert_eq(n, 8, "five non-NULL columns deleted");
	for (size_t i = 0; i < 5; i++) {
		cr_expect_null(a[i].new_value);
		cr_expect_not_null(a[i].old_value);
	}
	cr_expect_str_eq(a[4].field, "id");
	cr_expect_str_eq(a[0].field, "note");
	audit_list_free(a, n);
	db_close(db);
}

/* The columns of the bulk inserts into item (one array for all calls). */
static const char *const item_cols[] = {"code", "owner", "qty", "note"};

TXNTEST(bulk_insert_same_rows_and_audit)
{
	struct fd_db *db = open_with_items();
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	struct audit_entry *a = NULL;
	size_t n = 0;
	const char *v1[] = {"B-1", "alice", "3", NULL};
	const char *v2[] = {"B-2", NULL, NULL, "a\nb\\c"};
	const struct txn_field f3[] = {
		{"code", "B-3"}, {"owner", "alice"}, {"qty", "7"}};
	const char *v4[] = {"B-4", "alice", "7", NULL};

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	txn_note(t, "bulk");
	cr_assert_eq(txn_insert_bulk(t, "item", "id", item_cols, v1, 4, &err),
		     FD_OK, "%s", err.msg);
	cr_assert_str_eq(txn_last_key(t), "1");
	/* NULL leaves the column out: qty takes its default 0. */
	cr_assert_eq(txn_insert_bulk(t, "item", "id", item_cols, v2, 4, &err),
		     FD_OK, "%s", err.msg);
	cr_assert_str_eq(txn_last_key(t), "2");
	/* The door's own insert and a bulk one of the same values. */
	cr_assert_eq(txn_insert(t, "item", "id", f3, 3, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(txn_insert_bulk(t, "item", "id", item_cols, v4, 4, &err),
		     FD_OK, "%s", err.msg);
	cr_assert_str_eq(txn_last_key(t), "4");
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);

	cr_assert_eq(query_int(db, "SELECT qty FROM item WHERE id = 2"), 0);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM item WHERE id = 2"
				   " AND owner IS NULL AND note = 'a\nb\\c'"),
		     1);
	cr_assert_eq(audit_list(db, "item", "1", 0, &a, &n, &err), FD_OK);
	cr_assert_eq(n, 1);
	expect_audit(&a[0], "item", "1", "*", NULL,
		     "id=1\ncode=B-1\nowner=alice\nqty=3\n");
	cr_assert_str_eq(a[0].note, "bulk");
	audit_list_free(a, n);
	cr_assert_eq(audit_list(db, "item", "2", 0, &a, &n, &err), FD_OK);
	cr_assert_eq(n, 1);
	expect_audit(&a[0], "item", "2", "*", NULL,
		     "id=2\ncode=B-2\nnote=a\\nb\\\\c\n");
	audit_list_free(a, n);
	/* Rows 3 (txn_insert) and 4 (bulk) are audited alike. */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit a, audit b"
				   " WHERE a.entity_id = '3' AND b.entity_id"
				   " = '4' AND a.field = b.field AND"
				   " replace(a.new_value, 'B-3', 'B-4') ="
				   " replace(b.new_value, 'id=4', 'id=3')"
				   " AND a.note IS b.note AND a.at = b.at"
				   " AND a.login = b.login AND b.entity = 'item'"),
		     1);
	db_close(db);
}

TXNTEST(bulk_insert_failure_spoils_the_transaction)
{
	struct fd_db *db = open_with_items();
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	const char *ok[] = {"C-1", "alice", "1", NULL};
	const char *dup[] = {"C-1", "alice", "2", NULL};
	const char *const bad_cols[] = {"code", "code"};
	const char *bad[] = {"C-9", "C-9"};

	/* Column names are checked as txn_insert checks them. */
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_expect_eq(txn_insert_bulk(t, "item", "id", bad_cols, bad, 2, &err),
		     FD_E_INVALID);
	cr_expect_eq(txn_insert_bulk(t, "audit", "id", item_cols, ok, 4, &err),
		     FD_E_INVALID);
	txn_rollback(t);

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert_bulk(t, "item", "id", item_cols, ok, 4, &err),
		     FD_OK, "%s", err.msg);
	cr_expect_eq(txn_insert_bulk(t, "item", "id", item_cols, dup, 4, &err),
		     FD_E_EXISTS);
	/* Spoilt: no more writes, and the commit rolls everything back. */
	cr_expect_neq(txn_insert_bulk(t, "item", "id", item_cols, dup, 4, &err),
		      FD_OK);
	cr_expect_neq(txn_commit(t, &err), FD_OK);
	cr_expect(strstr(err.msg, "nothing was saved") != NULL, "%s", err.msg);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM item"), 0);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM audit"
				   " WHERE entity = 'item'"),
		     0);
	/* The connection is free for the next transaction. */
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert_bulk(t, "item", "id", item_cols, ok, 4, &err),
		     FD_OK, "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM item"), 1);
	db_close(db);
}

/* 1 if the schema has an object called name. */
static long long
has_object(struct fd_db *db, const char *name)
{
	char sql[160];

	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM sqlite_schema WHERE name = '%s'", name);
	return query_int(db, sql);
}

TXNTEST(schema_suspended_for_a_bulk_load_and_restored)
{
	struct fd_db *db = open_with_items();
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	const char *const names[] = {"item_qty", "item_note"};
	const char *const unknown[] = {"no_such_index"};
	const char *const v[] = {"D-1", "alice", "1", "x"};

	raw_exec("CREATE INDEX item_qty ON item (qty)");
	raw_exec("CREATE TRIGGER item_note AFTER INSERT ON item"
		 " WHEN new.note = 'boom' BEGIN SELECT RAISE(ABORT, 'boom');"
		 " END");
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_expect_eq(txn_schema_suspend(t, unknown, 1, &err), FD_E_NOTFOUND);
	cr_assert_eq(txn_schema_suspend(t, names, 2, &err), FD_OK, "%s",
		     err.msg);
	cr_expect_eq(has_object(db, "item_qty"), 0);
	cr_expect_eq(has_object(db, "item_note"), 0);
	/* Left suspended: the commit refuses and rolls back. */
	cr_assert_eq(txn_insert_bulk(t, "item", "id", item_cols, v, 4, &err),
		     FD_OK, "%s", err.msg);
	cr_expect_neq(txn_commit(t, &err), FD_OK);
	cr_expect(strstr(err.msg, "suspended") != NULL, "%s", err.msg);
	cr_expect_eq(has_object(db, "item_qty"), 1);
	cr_expect_eq(has_object(db, "item_note"), 1);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM item"), 0);

	/* A rollback brings them back too. */
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_schema_suspend(t, names, 2, &err), FD_OK, "%s",
		     err.msg);
	txn_rollback(t);
	cr_expect_eq(has_object(db, "item_qty"), 1);

	/* Suspended, rows written, restored: the index holds the rows and
	 * the trigger runs again. */
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_schema_suspend(t, names, 2, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(txn_insert_bulk(t, "item", "id", item_cols, v, 4, &err),
		     FD_OK, "%s", err.msg);
	cr_assert_eq(txn_schema_restore(t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM item"
				   " INDEXED BY item_qty WHERE qty = 1"),
		     1);
	cr_expect_eq(raw_exec_rc("INSERT INTO item (code, note)"
				 " VALUES ('D-2', 'boom')",
				 NULL, 0),
		     SQLITE_CONSTRAINT);
	db_close(db);
}

TXNTEST(errors_and_savepoints)
{
	struct fd_db *db = open_with_items();
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	const struct txn_field one[] = {{"code", "A-1"}, {"qty", "1"}};
	const struct txn_field neg[] = {{"code", "B"}, {"qty", "-1"}};
	const struct txn_field ghost[] = {{"code", "C"}, {"owner", "ghost"}};
	const struct txn_field nul[] = {{"code", "D"}, {"qty", NULL}};
	const struct txn_field bad[] = {{"qty; DROP TABLE item", "1"}};
	const struct txn_field twice[] = {{"qty", "1"}, {"qty", "2"}};
	const struct txn_field upd[] = {{"qty", "9"}};

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "item", "id", one, 2, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(txn_insert(t, "item", "id", one, 2, &err), FD_E_EXISTS,
		     "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "item.code"), "%s", err.msg);
	cr_assert_eq(txn_insert(t, "item", "id", neg, 2, &err), FD_E_INVALID,
		     "%s", err.msg);
	cr_assert_eq(txn_insert(t, "item", "id", ghost, 2, &err),
		     FD_E_INVALID, "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "does not exist"), "%s", err.msg);
	cr_assert_eq(txn_insert(t, "item", "id", nul, 2, &err), FD_E_INVALID,
		     "%s", err.msg);
	cr_assert_eq(txn_insert(t, "item", "id", bad, 1, &err), FD_E_INVALID);
	cr_assert_eq(txn_insert(t, "item", "id", twice, 2, &err),
		     FD_E_INVALID);
	cr_assert_eq(txn_insert(t, "Item", "id", one, 2, &err), FD_E_INVALID);
	cr_assert_eq(txn_insert(t, "audit", "id", one, 2, &err), FD_E_INVALID);
	cr_assert_eq(txn_insert(t, "sqlite_master", "name", one, 2, &err),
		     FD_E_INVALID);
	cr_assert_eq(txn_update(t, "item", "id", "42", upd, 1, &err),
		     FD_E_NOTFOUND, "%s", err.msg);
	cr_assert_eq(txn_delete(t, "item", "id", "42", &err), FD_E_NOTFOUND);
	/* The failures left the first insert and its audit intact. */
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM item"), 1);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit"
				   " WHERE entity = 'item'"),
		     1);

	/* A row other rows refer to cannot be deleted. */
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_update(t, "item", "id", "1",
				(const struct txn_field[]){{"owner", "alice"}},
				1, &err),
		     FD_OK, "%s", err.msg);
	cr_assert_eq(txn_delete(t, "staff", "login", "alice", &err),
		     FD_E_INVALID, "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "refer"), "%s", err.msg);
	txn_rollback(t);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM item"
				   " WHERE owner IS NULL"),
		     1, "rolled back");
	db_close(db);
}

TXNTEST(values_cannot_inject_sql)
{
	struct fd_db *db = open_with_items();
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	const char *evil = "x'); DROP TABLE item; --";
	const struct txn_field f[] = {{"code", evil}};

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "item", "id", f, 1, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(txn_update(t, "item", "code", evil,
				(const struct txn_field[]){{"qty", "2"}}, 1,
				&err),
		     FD_OK, "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT qty FROM item"), 2);
	db_close(db);
}

TXNTEST(update_if_detects_conflict)
{
	struct fd_db *db = open_with_items();
	struct fd_db *other = open_as("alice");
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	const struct txn_field seen[] = {{"qty", "1"}, {"note", NULL}};
	const struct txn_field mine[] = {{"qty", "2"}};

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "item", "id",
				(const struct txn_field[]){{"qty", "1"}}, 1,
				&err),
		     FD_OK, "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);

	/* Someone else changes the note while we edit the quantity. */
	cr_assert_eq(txn_begin(other, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_update(t, "item", "id", "1",
				(const struct txn_field[]){{"note", "x"}}, 1,
				&err),
		     FD_OK, "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_update_if(t, "item", "id", "1", seen, 2, mine, 1,
				   &err),
		     FD_E_CONFLICT, "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "note"), "%s", err.msg);
	cr_assert_eq(txn_update_if(t, "item", "id", "1", seen, 1, mine, 1,
				   &err),
		     FD_OK, "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT qty FROM item"), 2);
	db_close(other);
	db_close(db);
}

TXNTEST(rollback_discards_rows_and_audit)
{
	struct fd_db *db = open_with_items();
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL, *nested = NULL;
	long long before = query_int(db, "SELECT count(*) FROM audit");

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_begin(db, &nested, &err), FD_E_DB, "nested");
	cr_assert_null(nested);
	cr_assert_eq(txn_insert(t, "item", "id",
				(const struct txn_field[]){{"qty", "1"}}, 1,
				&err),
		     FD_OK, "%s", err.msg);
	txn_rollback(t);
	txn_rollback(NULL);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM item"), 0);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit"), before);
	cr_assert(db_ensure_idle(db));
	db_close(db);
}

TXNTEST(audit_is_append_only)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	char msg[256];

	db_close(db);
	/* Even without the authorizer, the triggers refuse. */
	cr_assert_eq(raw_exec_rc("UPDATE audit SET login = 'mallory'", msg,
				 sizeof(msg)),
		     SQLITE_CONSTRAINT);
	cr_assert_str_eq(msg, "audit is append-only");
	cr_assert_eq(raw_exec_rc("DELETE FROM audit", msg, sizeof(msg)),
		     SQLITE_CONSTRAINT);
	cr_assert_str_eq(msg, "audit is append-only");

	db = open_as("alice");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit"
				   " WHERE login = 'alice'"),
		     1);
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_delete(t, "audit", "id", "1", &err), FD_E_INVALID);
	txn_rollback(t);
	db_close(db);
}

/* One of three writers: 100 transactions of one insert each. Returns the
 * exit code (0 = all committed). */
static int
writer(int w)
{
	struct fd_db *db = NULL;
	struct db_options opt = {.busy_timeout_ms = 20000};
	struct fd_err err = {{0}};

	if (db_open(dbpath, "alice", &opt, &db, &err) != FD_OK) {
		fprintf(stderr, "writer %d: %s\n", w, err.msg);
		return 10;
	}
	for (int i = 0; i < 100; i++) {
		struct fd_txn *t = NULL;
		char login[32];
		const struct txn_field f[] = {
			{"login", login},
			{"role", "frontdesk"},
			{"created_at", "2024-01-01T00:00:00.000Z"},
		};

		snprintf(login, sizeof(login), "w%d_%03d", w, i);
		if (txn_begin(db, &t, &err) != FD_OK ||
		    txn_insert(t, "staff", "login", f, 3, &err) != FD_OK ||
		    txn_commit(t, &err) != FD_OK) {
			fprintf(stderr, "writer %d, %d: %s\n", w, i, err.msg);
			return 11;
		}
	}
	db_close(db);
	return 0;
}

TXNTEST(three_concurrent_writers, .timeout = 120)
{
	struct fd_db *db = open_as("alice");
	pid_t pids[3];
	int status;

	db_close(db);
	for (int w = 0; w < 3; w++) {
		pids[w] = fork();
		cr_assert_neq(pids[w], -1);
		if (pids[w] == 0)
			_exit(writer(w));
	}
	for (int w = 0; w < 3; w++) {
		cr_assert_eq(waitpid(pids[w], &status, 0), pids[w]);
		cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			  "writer %d failed", w);
	}
	db = open_as("alice");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM staff"), 301);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit"
				   " WHERE entity = 'staff'"),
		     1 + 300);
	db_close(db);
}

/* txn_end: an outcome that is not FD_OK rolls the writes back and is
 * returned as it is; FD_OK commits them. */
TXNTEST(end_commits_or_rolls_back_by_outcome)
{
	struct fd_db *db = open_with_items();
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	const struct txn_field a[] = {{"code", "A"}}, b[] = {{"code", "B"}};

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "item", "id", a, 1, &err), FD_OK);
	cr_assert_eq(txn_end(t, FD_E_INVALID, &err), FD_E_INVALID);
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "item", "id", b, 1, &err), FD_OK);
	cr_assert_eq(txn_end(t, FD_OK, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM item"), 1);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM item WHERE code ="
	                           " 'B'"),
	             1);
	db_close(db);
}
