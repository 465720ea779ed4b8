/*
 * The fixture of the unit tests that need a database file: each test gets
 * its own mkdtemp directory (Criterion runs tests in parallel, each in its
 * own process), a database path inside it, and helpers to open, poke and
 * query that database. fixture.c holds no tests.
 *
 * Use: Test(suite, name, .init = fixture_setup, .fini = fixture_teardown).
 * The helpers keep the short names the tests have always called them by.
 */
#ifndef FRONTDESK_TEST_FIXTURE_H
#define FRONTDESK_TEST_FIXTURE_H

#include <stddef.h>

#include "frontdesk/db.h"

/* The test's directory, /tmp/fd_test_SUITE.XXXXXX. */
extern char tmpdir[64];
/* The test's database file, tmpdir/fd.db; a test may point it elsewhere
 * under tmpdir before opening it. */
extern char dbpath[160];

/* Make tmpdir and set dbpath (a Criterion .init). */
void
fixture_setup(void);
/* Remove tmpdir and everything in it (a Criterion .fini). */
void
fixture_teardown(void);

/* Open dbpath as login; the test fails if that fails. Caller closes. */
struct fd_db *
open_as(const char *login);

/* Run sql on a plain connection to dbpath, without frontdesk's authorizer;
 * returns the SQLite code and copies its message into msg (len bytes; msg
 * may be NULL). */
int
raw_exec_rc(const char *sql, char *msg, size_t len);

/* raw_exec_rc(), and the test fails unless it succeeds. */
void
raw_exec(const char *sql);

/* The integer in the first column of the first row of sql on db; the test
 * fails if there is no row. */
long long
query_int(struct fd_db *db, const char *sql);

#endif
