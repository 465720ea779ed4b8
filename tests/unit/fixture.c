/*
 * The unit tests' temporary directory and database fixture (see
 * fixture.h). No Test() here: the Makefile links every .c file of tests/unit
 * into the unit-test binary, and this file only serves the others.
 */
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fixture.h"

char tmpdir[64];
char dbpath[160];

/* Name the directory after the running suite, so a leftover one says
 * which tests made it. */
void
fixture_setup(void)
{
	const char *suite = criterion_current_suite
				    ? criterion_current_suite->name
				    : "unit";

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/fd_test_%s.XXXXXX", suite);
	cr_assert_not_null(mkdtemp(tmpdir));
	snprintf(dbpath, sizeof(dbpath), "%s/fd.db", tmpdir);
}

/* Remove one file or directory (nftw callback). */
static int
fixture_remove(const char *path, const struct stat *sb, int flag,
	       struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Depth first, without following links. */
void
fixture_teardown(void)
{
	nftw(tmpdir, fixture_remove, 8, FTW_DEPTH | FTW_PHYS);
}

/* db_open with default options. */
struct fd_db *
open_as(const char *login)
{
	struct fd_db *db = NULL;
	struct fd_err err = {{0}};
	enum fd_status st = db_open(dbpath, login, NULL, &db, &err);

	cr_assert_eq(st, FD_OK, "db_open(%s): %s", login, err.msg);
	cr_assert_not_null(db);
	return db;
}

/* A connection of its own, with a busy timeout, closed again. */
int
raw_exec_rc(const char *sql, char *msg, size_t len)
{
	sqlite3 *s = NULL;
	char *m = NULL;
	int rc;

	cr_assert_eq(sqlite3_open(dbpath, &s), SQLITE_OK);
	sqlite3_busy_timeout(s, 5000);
	rc = sqlite3_exec(s, sql, NULL, NULL, &m);
	if (msg)
		snprintf(msg, len, "%s", m ? m : "");
	sqlite3_free(m);
	sqlite3_close(s);
	return rc;
}

/* The message goes into the failure report. */
void
raw_exec(const char *sql)
{
	char msg[512];
	int rc = raw_exec_rc(sql, msg, sizeof(msg));

	cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, msg);
}

/* Prepared on db's own connection, so it sees its open transaction. */
long long
query_int(struct fd_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v;

	cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL),
		     SQLITE_OK, "%s", sql);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}
