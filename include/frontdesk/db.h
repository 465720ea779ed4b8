/*
 * The database connection: one SQLite file shared by every user of the
 * base, opened once per session for one Unix login.
 *
 * db_open configures the connection (WAL, busy timeout, foreign keys),
 * applies the embedded migrations, and resolves the session's role from the
 * staff table. Reads go straight to db_sqlite(); writes go through the one
 * door in txn.h, which audits them. An authorizer installed on the
 * connection refuses any other INSERT, UPDATE, DELETE or schema change.
 */
#ifndef FRONTDESK_DB_H
#define FRONTDESK_DB_H

#include <stdbool.h>

#include <sqlite3.h>

#include "frontdesk/staff.h"
#include "frontdesk/status.h"
#include "frontdesk/util.h"

struct fd_db;
struct fd_txn;

struct db_options {
	int busy_timeout_ms; /* 0 or less: 5000 */
	/* A missing file is FD_E_NOTFOUND, not a new database (the commands
	 * that only read: a mistyped path must not leave an empty file). */
	bool no_create;
};

/* Open or create (unless opt->no_create) the database at path for the Unix login `login`.
 * opt may be NULL. ":memory:" opens a private in-memory database.
 * A new file is created 0660 (group-writable, whatever the umask), with any
 * missing parent directories. The session is read-only when the login is
 * not an active staff member or the file is not writable; on a database
 * whose staff table is empty, login becomes its first supervisor.
 * On success *out is the connection (close it with db_close). */
enum fd_status
db_open(const char *path, const char *login, const struct db_options *opt,
	struct fd_db **out, struct fd_err *err);

/* Roll back any open transaction, close the connection, free db.
 * NULL is a no-op. */
void
db_close(struct fd_db *db);

/* The SQLite handle, for reads (prepare/step SELECTs). Writes through it
 * are refused by the authorizer: use txn.h. Owned by db. */
sqlite3 *
db_sqlite(struct fd_db *db);

/* The session's Unix login. Owned by db. */
const char *
db_login(const struct fd_db *db);

/* The session's role, resolved at open (ROLE_NONE for a login that is not
 * an active staff member). */
enum staff_role
db_role(const struct fd_db *db);

/* Re-read the session's role from the staff table (after staff changes). */
enum fd_status
db_role_refresh(struct fd_db *db, struct fd_err *err);

/* True when the session may not write. */
bool
db_read_only(const struct fd_db *db);

/* Why the session is read-only, as a sentence for the status line
 * ("" when it is not). Owned by db. */
const char *
db_read_only_reason(const struct fd_db *db);

/* Why the session is read-only, for a message in the session's language. */
enum db_read_only_cause {
	DB_RO_NONE,      /* the session may write */
	DB_RO_FILE,      /* the operating system refuses writes */
	DB_RO_NOT_STAFF, /* the login is not on the staff list */
	DB_RO_INACTIVE,  /* the login is on the list but inactive */
};
enum db_read_only_cause
db_read_only_cause(const struct fd_db *db);

/* The database's schema version (PRAGMA user_version), -1 on error. */
int
db_schema_version(struct fd_db *db);

/* The highest embedded migration (the schema version this program makes). */
int
db_schema_latest(void);

/* The current UTC time from SQLite, "2024-05-01T08:30:00.123Z", the format
 * of every timestamp in the database. Caller frees. */
char *
db_now(struct fd_db *db);

/* True if no transaction is open; if one is, roll it back and return false
 * (the UI calls this before waiting for a key: no transaction may stay open
 * while a person thinks). A SELECT left stepping (which pins a snapshot) is
 * reset and also gives false. */
bool
db_ensure_idle(struct fd_db *db);

/* A bulk load (an import) is about to write many rows in one transaction
 * (on = true), or is over (false): give the connection a page cache large
 * enough to hold the pages it keeps rewriting (the indexes; up to 512 MiB,
 * taken only as used), in-memory temporary files and two helper threads
 * for SQLite's sorter (indexes built again in one pass), or SQLite's
 * defaults back. Call it with no transaction open. */
void
db_bulk_set(struct fd_db *db, bool on);

/* Integrity check (PRAGMA integrity_check), foreign-key check, the audit
 * table's append-only triggers present, then the consistency rules of
 * every household (hhcheck_all: what a save would refuse, as of
 * util_today). Each problem is appended as one line (ending in '\n', a
 * catalog text) to problems; progress(ud, done, total) is called before
 * the first step, during the household step and after each (may be NULL).
 * FD_OK when clean, FD_E_CHECK when problems were found, another status
 * if the check itself failed. */
enum fd_status
db_check(struct fd_db *db, void (*progress)(void *ud, int done, int total),
	 void *ud, struct strbuf *problems, struct fd_err *err);

/*
 * For txn.c alone. The write door: while open, the authorizer lets writes
 * and schema changes through. Every other module writes with txn_*();
 * `grep -n db_door src/` must list only db.c and txn.c. Returns whether
 * it was open: a caller that opens it puts that state back, not "closed"
 * (an open door closed by a nested call would deny the statements SQLite
 * prepares by itself while a write runs, e.g. FTS5 writing out its
 * pending terms when a statement ends).
 */
bool
db_door_set(struct fd_db *db, bool open);

/* For txn.c alone (the grep above finds it): the statement for sql,
 * prepared on first use with the door open and SQLITE_PREPARE_PERSISTENT,
 * and kept (keyed by its text) until db_close; NULL with the connection's
 * error set if it does not prepare. Step it with the door open (SQLite may
 * re-prepare it after a schema change and ask the authorizer again); give
 * it back with db_door_stmt_done before asking for another (a kept
 * statement may be finalized to make room). */
sqlite3_stmt *
db_door_stmt(struct fd_db *db, const char *sql);
/* For txn.c alone: reset st (of db_door_stmt) and clear its bindings;
 * NULL is a no-op. */
void
db_door_stmt_done(sqlite3_stmt *st);

/* For txn.c alone: the door transaction now open on db (NULL when none).
 * db_ensure_idle and db_close reset it to NULL when they roll back. */
void
db_txn_set(struct fd_db *db, struct fd_txn *t);
struct fd_txn *
db_txn_get(const struct fd_db *db);

#endif
