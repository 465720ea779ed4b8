/*
 * db.c: opening, creating, migrating, refusing, the authorizer, the idle
 * check and the database check. Each test has its own database file in
 * its own mkdtemp directory, removed at the end (Criterion runs the tests
 * in parallel, each in its own process).
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/txn.h"

#include "fixture.h"

#define DBTEST(name, ...)                                                  \
	Test(db, name, .init = fixture_setup, .fini = fixture_teardown,    \
	     ##__VA_ARGS__)

static char *
query_text(struct fd_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *v;

	cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL),
		     SQLITE_OK, "%s", sql);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
	v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

DBTEST(migrations_apply_and_set_user_version)
{
	struct fd_db *db = open_as("alice");

	cr_assert_geq(db_schema_latest(), 1);
	cr_assert_eq(db_schema_version(db), db_schema_latest());
	cr_assert_eq(query_int(db, "SELECT count(*) FROM sqlite_master"
				   " WHERE name IN ('staff', 'audit',"
				   " 'audit_entity', 'audit_at',"
				   " 'audit_no_update', 'audit_no_delete')"),
		     6);
	db_close(db);
}

DBTEST(reopen_applies_nothing)
{
	struct fd_db *db = open_as("alice");
	struct db_options opt = {.busy_timeout_ms = 200};
	struct fd_err err = {{0}};
	sqlite3 *holder = NULL;
	long long audit_rows;

	audit_rows = query_int(db, "SELECT count(*) FROM audit");
	db_close(db);

	/* Another process holds the write lock: a reopen that wrote
	 * anything would time out. */
	cr_assert_eq(sqlite3_open(dbpath, &holder), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(holder, "BEGIN IMMEDIATE", NULL, NULL, NULL),
		     SQLITE_OK);
	cr_assert_eq(db_open(dbpath, "alice", &opt, &db, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(db_schema_version(db), db_schema_latest());
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit"), audit_rows);
	cr_assert_eq(db_role(db), ROLE_SUPERVISOR);
	db_close(db);
	sqlite3_exec(holder, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(holder);
}

DBTEST(newer_schema_refused)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	char sql[64], want[128];
	enum fd_status st;

	db_close(db);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
		 db_schema_latest() + 1);
	raw_exec(sql);
	st = db_open(dbpath, "alice", NULL, &db, &err);
	cr_assert_eq(st, FD_E_TOO_NEW, "%s", err.msg);
	cr_assert_null(db);
	snprintf(want, sizeof(want),
		 "database schema version %d is newer than this program (%d)",
		 db_schema_latest() + 1, db_schema_latest());
	cr_assert_not_null(strstr(err.msg, want), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, dbpath), "%s", err.msg);
}

DBTEST(not_a_database_refused_untouched)
{
	static const char junk[] = "household,head\n1,\xe5\xbc\xa0\xe4\xb8\x89\n";
	struct fd_db *db = NULL;
	struct fd_err err = {{0}};
	char buf[sizeof(junk) + 16];
	enum fd_status st;
	FILE *f;
	size_t n;

	f = fopen(dbpath, "w");
	cr_assert_not_null(f);
	for (int i = 0; i < 100; i++)
		fputs(junk, f);
	fclose(f);

	st = db_open(dbpath, "alice", NULL, &db, &err);
	cr_assert_neq(st, FD_OK);
	cr_assert_null(db);
	cr_assert_not_null(strstr(err.msg, dbpath), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "not a database"), "%s", err.msg);

	f = fopen(dbpath, "r");
	n = fread(buf, 1, sizeof(junk) - 1, f);
	fclose(f);
	cr_assert_eq(n, sizeof(junk) - 1);
	cr_assert_eq(memcmp(buf, junk, n), 0, "the file was changed");
}

DBTEST(other_programs_database_refused)
{
	struct fd_db *db = NULL;
	struct fd_err err = {{0}};

	raw_exec("CREATE TABLE accounts (id INTEGER PRIMARY KEY);");
	cr_assert_eq(db_open(dbpath, "alice", NULL, &db, &err), FD_E_DB);
	cr_assert_not_null(strstr(err.msg, "another program"), "%s", err.msg);
}

DBTEST(directory_refused)
{
	struct fd_db *db = NULL;
	struct fd_err err = {{0}};

	cr_assert_eq(db_open(tmpdir, "alice", NULL, &db, &err), FD_E_IO);
	cr_assert_not_null(strstr(err.msg, "is a directory"), "%s", err.msg);
}

DBTEST(new_file_is_group_writable)
{
	struct fd_db *db;
	struct stat sb;
	char side[200];

	umask(022);
	snprintf(dbpath, sizeof(dbpath), "%s/data/base/fd.db", tmpdir);
	db = open_as("alice");
	cr_assert_eq(stat(dbpath, &sb), 0);
	cr_assert_eq(sb.st_mode & 07777, 0660, "mode %o", sb.st_mode & 07777);
	snprintf(side, sizeof(side), "%s-wal", dbpath);
	cr_assert_eq(stat(side, &sb), 0, "no -wal file");
	cr_assert_eq(sb.st_mode & 07777, 0660, "-wal mode %o",
		     sb.st_mode & 07777);
	snprintf(side, sizeof(side), "%s-shm", dbpath);
	cr_assert_eq(stat(side, &sb), 0, "no -shm file");
	cr_assert_eq(sb.st_mode & 07777, 0660, "-shm mode %o",
		     sb.st_mode & 07777);
	snprintf(side, sizeof(side), "%s/data/base", tmpdir);
	cr_assert_eq(stat(side, &sb), 0);
	cr_assert(S_ISDIR(sb.st_mode));
	db_close(db);
}

DBTEST(connection_settings)
{
	struct fd_db *db = open_as("alice");
	char *mode = query_text(db, "PRAGMA journal_mode");

	cr_assert_str_eq(mode, "wal");
	free(mode);
	cr_assert_eq(query_int(db, "PRAGMA foreign_keys"), 1);
	cr_assert_eq(query_int(db, "PRAGMA synchronous"), 1); /* NORMAL */
	cr_assert_eq(query_int(db, "PRAGMA application_id"), 0x4644534B);
	cr_assert_str_eq(db_login(db), "alice");
	db_close(db);
}

DBTEST(memory_database)
{
	struct fd_db *db = NULL;
	struct fd_err err = {{0}};

	cr_assert_eq(db_open(":memory:", "alice", NULL, &db, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_eq(db_schema_version(db), db_schema_latest());
	cr_assert_eq(db_role(db), ROLE_SUPERVISOR);
	cr_assert_not(db_read_only(db));
	db_close(db);
}

DBTEST(bad_arguments)
{
	struct fd_db *db = NULL;
	struct fd_err err = {{0}};

	cr_assert_eq(db_open(dbpath, "", NULL, &db, &err), FD_E_INVALID);
	cr_assert_eq(db_open("", "alice", NULL, &db, &err), FD_E_INVALID);
	cr_assert_null(db);
	db_close(NULL);
}

DBTEST(now_format)
{
	struct fd_db *db = open_as("alice");
	char *now = db_now(db);

	/* 2024-05-01T08:30:00.123Z */
	cr_assert_eq(strlen(now), 24, "%s", now);
	cr_assert_eq(now[10], 'T');
	cr_assert_eq(now[19], '.');
	cr_assert_eq(now[23], 'Z');
	free(now);
	db_close(db);
}

DBTEST(raw_writes_refused_by_authorizer)
{
	static const char *const refused[] = {
		"UPDATE staff SET name = 'x'",
		"INSERT INTO staff (login, role, created_at)"
		" VALUES ('mallory', 'supervisor', 'now')",
		"DELETE FROM staff",
		"INSERT INTO audit (at, login, entity, entity_id, field)"
		" VALUES ('a', 'b', 'c', 'd', 'e')",
		"UPDATE audit SET login = 'x'",
		"DROP TABLE staff",
		"DROP TRIGGER audit_no_update",
		"CREATE TABLE evil (x)",
		"ALTER TABLE staff ADD COLUMN x",
		"CREATE INDEX evil ON staff (name)",
		"CREATE TEMP TRIGGER evil AFTER INSERT ON staff"
		" BEGIN DELETE FROM audit; END",
		"PRAGMA user_version = 99",
		"PRAGMA foreign_keys = OFF",
		"PRAGMA writable_schema = ON",
		"PRAGMA main.journal_mode = DELETE",
	};
	struct fd_db *db = open_as("alice");
	sqlite3 *s = db_sqlite(db);

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		int rc = sqlite3_exec(s, refused[i], NULL, NULL, NULL);

		cr_expect_eq(rc, SQLITE_AUTH, "not refused: %s (rc %d)",
			     refused[i], rc);
	}
	cr_assert_eq(query_int(db, "SELECT count(*) FROM staff"
				   " WHERE name = '' AND role = 'supervisor'"),
		     1);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit"), 1);
	cr_assert_eq(db_schema_version(db), db_schema_latest());
	cr_assert_eq(query_int(db, "PRAGMA foreign_keys"), 1);

	/* Reads and temp tables stay allowed. */
	cr_assert_eq(sqlite3_exec(s,
				  "CREATE TEMP TABLE scratch (x);"
				  "INSERT INTO scratch VALUES (1);"
				  "UPDATE scratch SET x = 2;"
				  "DELETE FROM scratch;"
				  "DROP TABLE scratch;"
				  "SELECT * FROM staff;"
				  "PRAGMA table_info(staff);",
				  NULL, NULL, NULL),
		     SQLITE_OK, "%s", sqlite3_errmsg(s));
	db_close(db);
}

DBTEST(ensure_idle_rolls_back)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	const struct txn_field f[] = {
		{"login", "bob"},
		{"role", "trainer"},
		{"created_at", "2024-01-01T00:00:00.000Z"},
	};
	sqlite3_stmt *st = NULL;

	cr_assert(db_ensure_idle(db));
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "staff", "login", f, 3, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_not(db_ensure_idle(db));
	cr_assert(sqlite3_get_autocommit(db_sqlite(db)));
	cr_assert_eq(query_int(db, "SELECT count(*) FROM staff"
				   " WHERE login = 'bob'"),
		     0);
	cr_assert_eq(txn_insert(t, "staff", "login", f, 3, &err), FD_E_DB);
	cr_assert_eq(txn_commit(t, &err), FD_E_DB);
	cr_assert_not_null(strstr(err.msg, "rolled back"), "%s", err.msg);
	cr_assert(db_ensure_idle(db));

	/* A SELECT left half-read pins a snapshot: reset it too. */
	cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db), "SELECT * FROM audit",
					-1, &st, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_assert_not(db_ensure_idle(db));
	cr_assert_not(sqlite3_stmt_busy(st));
	sqlite3_finalize(st);

	/* A raw BEGIN left open is rolled back as well. */
	cr_assert_eq(sqlite3_exec(db_sqlite(db), "BEGIN", NULL, NULL, NULL),
		     SQLITE_OK);
	cr_assert_not(db_ensure_idle(db));
	cr_assert(db_ensure_idle(db));

	/* And the session can write again. */
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "staff", "login", f, 3, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	db_close(db);
}

DBTEST(door_statements_kept_bounded_and_guarded)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	sqlite3_stmt *first, *again;
	const struct txn_field f[] = {
		{"login", "bob"},
		{"role", "trainer"},
		{"created_at", "2024-01-01T00:00:00.000Z"},
	};
	const struct txn_field g[] = {
		{"login", "carol"},
		{"role", "trainer"},
		{"created_at", "2024-01-01T00:00:00.000Z"},
	};

	/* Kept by text: the same statement again, reset. */
	first = db_door_stmt(db, "SELECT 41 + 1");
	cr_assert_not_null(first);
	cr_assert_eq(sqlite3_step(first), SQLITE_ROW);
	cr_assert_eq(sqlite3_column_int(first, 0), 42);
	db_door_stmt_done(first);
	again = db_door_stmt(db, "SELECT 41 + 1");
	cr_assert_eq(again, first);
	cr_assert_not(sqlite3_stmt_busy(again));
	db_door_stmt_done(again);
	cr_assert_null(db_door_stmt(db, "SELECT FROM nothing"));

	/* Many more than are kept: each still right. */
	for (int i = 0; i < 600; i++) {
		char sql[32];
		sqlite3_stmt *st;

		snprintf(sql, sizeof(sql), "SELECT %d", i);
		st = db_door_stmt(db, sql);
		cr_assert_not_null(st, "%s", sql);
		cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
		cr_assert_eq(sqlite3_column_int(st, 0), i);
		db_door_stmt_done(st);
	}

	/* A kept INSERT re-prepared after another program's schema change
	 * still goes through the door; raw writes are still refused. */
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "staff", "login", f, 3, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	raw_exec("CREATE INDEX staff_role_x ON staff (role)");
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "staff", "login", g, 3, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(sqlite3_exec(db_sqlite(db),
				  "INSERT INTO staff (login, role, created_at)"
				  " VALUES ('mallory', 'supervisor', 'now')",
				  NULL, NULL, NULL),
		     SQLITE_AUTH);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM staff"), 3);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit"
				   " WHERE entity = 'staff' AND field = '*'"),
		     3);
	db_close(db);
}

static void
count_progress(void *ud, int done, int total)
{
	int *calls = ud;

	cr_assert_geq(done, 0);
	cr_assert_leq(done, total);
	(*calls)++;
}

DBTEST(check_clean_on_fresh_database)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct strbuf problems = {0};
	int calls = 0;

	cr_assert_eq(db_check(db, count_progress, &calls, &problems, &err),
		     FD_OK, "%s / %s", err.msg, problems.buf);
	cr_assert_eq(problems.len, 0);
	cr_assert_gt(calls, 1);
	strbuf_free(&problems);
	db_close(db);
}

DBTEST(check_reports_problems)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct strbuf problems = {0};

	/* The problem lines are catalog texts. */
	cr_assert_eq(i18n_load("en", NULL, &err), FD_OK, "%s", err.msg);

	db_close(db);
	raw_exec("DROP TRIGGER audit_no_update;"
		 "CREATE TABLE note (id INTEGER PRIMARY KEY,"
		 " author TEXT REFERENCES staff (login));"
		 "INSERT INTO note (author) VALUES ('ghost');");
	db = open_as("alice");
	cr_assert_eq(db_check(db, NULL, NULL, &problems, &err), FD_E_CHECK,
		     "%s", err.msg);
	cr_assert_not_null(strstr(problems.buf, "audit_no_update"), "%s",
			   problems.buf);
	cr_assert_null(strstr(problems.buf, "audit_no_delete"), "%s",
		       problems.buf);
	cr_assert_not_null(strstr(problems.buf, "foreign key: note row 1"),
			   "%s", problems.buf);
	cr_assert_not_null(strstr(err.msg, "2 problems"), "%s", err.msg);
	strbuf_free(&problems);
	db_close(db);
	i18n_free();
}

/* A command that only reads opens with no_create: a missing file is
 * FD_E_NOTFOUND naming the path, and no file (nor directory) is made; an
 * existing database opens as before. */
DBTEST(no_create_refuses_a_missing_file)
{
	struct db_options opt = {.no_create = true};
	struct fd_db *db = NULL;
	struct fd_err err = {{0}};
	struct stat sb;
	char path[256];

	snprintf(path, sizeof(path), "%s/sub/missing.db", tmpdir);
	cr_assert_eq(db_open(path, "alice", &opt, &db, &err), FD_E_NOTFOUND);
	cr_assert_null(db);
	cr_assert_not_null(strstr(err.msg, path), "%s", err.msg);
	cr_assert_neq(stat(path, &sb), 0, "the file was created");
	snprintf(path, sizeof(path), "%s/sub", tmpdir);
	cr_assert_neq(stat(path, &sb), 0, "the directory was created");

	db = open_as("alice");
	db_close(db);
	cr_assert_eq(db_open(dbpath, "alice", &opt, &db, &err), FD_OK, "%s",
		     err.msg);
	db_close(db);
}

DBTEST(busy_database)
{
	struct fd_db *db = NULL;
	struct db_options opt = {.busy_timeout_ms = 100};
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	sqlite3 *holder = NULL;

	db = open_as("alice");
	db_close(db);
	cr_assert_eq(db_open(dbpath, "alice", &opt, &db, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(sqlite3_open(dbpath, &holder), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(holder, "BEGIN IMMEDIATE", NULL, NULL, NULL),
		     SQLITE_OK);
	cr_assert_eq(txn_begin(db, &t, &err), FD_E_BUSY, "%s", err.msg);
	cr_assert_null(t);
	sqlite3_exec(holder, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(holder);
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	txn_rollback(t);
	db_close(db);
}

/* A child process: open the new database as login, exit with its role. */
static void
first_open_child(const char *login)
{
	struct fd_db *db = NULL;
	struct db_options opt = {.busy_timeout_ms = 10000};
	struct fd_err err = {{0}};
	int code;

	if (db_open(dbpath, login, &opt, &db, &err) != FD_OK) {
		fprintf(stderr, "%s: %s\n", login, err.msg);
		_exit(100);
	}
	code = (int)db_role(db);
	db_close(db);
	_exit(code);
}

DBTEST(concurrent_first_open_makes_one_supervisor, .timeout = 60)
{
	static const char *const logins[] = {"ann", "ben", "cai"};
	pid_t pids[3];
	int supervisors = 0, status;
	struct fd_db *db;

	for (int i = 0; i < 3; i++) {
		pids[i] = fork();
		cr_assert_neq(pids[i], -1);
		if (pids[i] == 0)
			first_open_child(logins[i]);
	}
	for (int i = 0; i < 3; i++) {
		cr_assert_eq(waitpid(pids[i], &status, 0), pids[i]);
		cr_assert(WIFEXITED(status));
		cr_assert_neq(WEXITSTATUS(status), 100, "%s failed",
			      logins[i]);
		if (WEXITSTATUS(status) == ROLE_SUPERVISOR)
			supervisors++;
		else
			cr_assert_eq(WEXITSTATUS(status), ROLE_NONE);
	}
	cr_assert_eq(supervisors, 1);
	db = open_as("ann");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM staff"), 1);
	cr_assert_eq(db_schema_version(db), db_schema_latest());
	db_close(db);
}
