/*
 * The database connection.
 *
 * Several people run frontdesk at once over SSH, each as their own Unix
 * login, on one SQLite file. Every connection therefore runs in WAL mode
 * with a busy timeout, foreign keys on and synchronous=NORMAL, and every
 * write transaction is BEGIN IMMEDIATE (deferred ones fail under
 * contention whatever the timeout). A new file is created 0660 so that the
 * group can write it; SQLite gives -wal and -shm the same mode.
 *
 * Invariants:
 * - Writes go through one door (txn.c). An authorizer on the connection
 *   refuses INSERT/UPDATE/DELETE on main-schema tables, schema changes and
 *   the pragmas that would loosen the rules, unless the door flag is set.
 *   Only txn.c (while it prepares and runs its own statements) and this
 *   file (configuration, migrations) set it. Temp tables stay writable.
 * - The schema version is PRAGMA user_version. Migrations are the embedded
 *   assets "migrations/NNN_name.sql", NNN = 1, 2, 3... without gaps; the
 *   missing ones are applied in order in one BEGIN IMMEDIATE transaction
 *   at open, so two programs opening at once never both apply one. A
 *   database newer than the program is refused, never touched.
 * - A file that is neither empty nor a frontdesk database (another
 *   program's SQLite file, or not SQLite at all) is refused before anything
 *   is written to it.
 * - The session's role is read from the staff table at open. On a database
 *   whose staff table is empty the opening login becomes supervisor, in a
 *   door transaction (so it is audited) that re-checks the table.
 * - db_bulk_set only changes the connection's memory and thread use
 *   (cache_size, temp_store, threads), never what is written or checked.
 * - The door's statements (db_door_stmt, for txn.c) are prepared once per
 *   connection, keyed by their SQL text, with SQLITE_PREPARE_PERSISTENT and
 *   the door open, and finalized in db_close. At most DB_STMT_MAX are kept:
 *   the least recently used one goes when a new one would exceed that, so
 *   a caller holds at most one cached statement at a time. SQLite may
 *   re-prepare a kept statement after a schema change, asking the
 *   authorizer again: txn.c steps them with the door open.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/assets.h"
#include "frontdesk/db.h"
#include "frontdesk/hhcheck.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/txn.h"

#define DB_APPLICATION_ID 0x4644534B /* "FDSK" */
#define DB_BUSY_TIMEOUT_MS 5000
#define DB_MIGRATION_PREFIX "migrations/"
#define DB_CACHE_KIB 2000 /* SQLite's default page cache, KiB */
/* Bytes the WAL file is cut back to once checkpointed (64 MiB): a large
 * import grows it to the size of what it wrote (1.2 GB for 300,000
 * households), which would otherwise stay on disk while a session is
 * open. */
#define DB_WAL_LIMIT "67108864"
/* The page cache of a bulk load, KiB: the pages an import keeps
 * rewriting (index leaves all over member, household and audit) stay in
 * memory instead of being spilled to the WAL and read back. */
#define DB_BULK_CACHE_KIB (512 * 1024)
/* Helper threads of SQLite's sorter in a bulk load (an index built again
 * at its end sorts a million keys). */
#define DB_BULK_THREADS 2
#define DB_STMT_MAX 256     /* door statements kept per connection */
#define DB_STMT_BUCKETS 512 /* hash buckets of the statement cache */

/* One kept door statement, in its bucket's chain. */
struct db_stmt {
	struct db_stmt *next;
	uint64_t hash;
	unsigned long long used; /* db->stmt_clock at the last use */
	char *sql;
	sqlite3_stmt *st;
};

struct fd_db {
	sqlite3 *sql;
	char *path;
	char *login;
	enum staff_role role;
	bool read_only;      /* the session may not write */
	bool file_read_only; /* the operating system refuses writes */
	char *ro_reason;     /* why read_only, "" when not */
	enum db_read_only_cause ro_cause;
	bool door_open;      /* the authorizer lets writes through */
	struct fd_txn *txn;  /* the open door transaction, or NULL */
	int last_rc;         /* the SQLite code of the last failure */
	struct db_stmt *stmt[DB_STMT_BUCKETS]; /* kept door statements */
	size_t nstmt;
	unsigned long long stmt_clock;
};

/* Tries at opening when a brand-new file is being set up by someone else. */
#define DB_OPEN_TRIES 5

/* Pragmas that change the rules when given a value: refused outside the
 * door. Reading them stays allowed. */
static const char *const db_guarded_pragmas[] = {
	"application_id",   "defer_foreign_keys", "foreign_keys",
	"ignore_check_constraints", "journal_mode", "locking_mode",
	"recursive_triggers", "schema_version",   "user_version",
	"writable_schema",
};

/* True if the pragma named name is in db_guarded_pragmas. */
static bool
db_pragma_guarded(const char *name)
{
	for (size_t i = 0; i < FD_ARRAY_LEN(db_guarded_pragmas); i++)
		if (strcasecmp(name, db_guarded_pragmas[i]) == 0)
			return true;
	return false;
}

/* The authorizer: with the door closed, deny writes to main-schema tables
 * (SQLite's own sqlite_* bookkeeping aside), schema changes and guarded
 * pragmas. Called by SQLite while it prepares each statement. */
static int
db_authorize(void *ud, int action, const char *a1, const char *a2,
	     const char *dbname, const char *trigger)
{
	struct fd_db *db = ud;
	bool main_db = !dbname || strcmp(dbname, "main") == 0;

	(void)trigger;
	if (db->door_open)
		return SQLITE_OK;
	switch (action) {
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		if (main_db && !(a1 && strncmp(a1, "sqlite_", 7) == 0))
			return SQLITE_DENY;
		return SQLITE_OK;
	case SQLITE_CREATE_INDEX:
	case SQLITE_CREATE_TABLE:
	case SQLITE_CREATE_TRIGGER:
	case SQLITE_CREATE_VIEW:
	case SQLITE_CREATE_VTABLE:
	case SQLITE_DROP_INDEX:
	case SQLITE_DROP_TABLE:
	case SQLITE_DROP_TRIGGER:
	case SQLITE_DROP_VIEW:
	case SQLITE_DROP_VTABLE:
		return main_db ? SQLITE_DENY : SQLITE_OK;
	case SQLITE_ALTER_TABLE:
	case SQLITE_CREATE_TEMP_TRIGGER: /* may fire on main tables */
		return SQLITE_DENY;
	case SQLITE_PRAGMA:
		if (a2 && a1 && db_pragma_guarded(a1))
			return SQLITE_DENY;
		return SQLITE_OK;
	default:
		return SQLITE_OK;
	}
}

/* Open or close the write door (txn.c and this file only); whether it
 * was open. */
bool
db_door_set(struct fd_db *db, bool open)
{
	bool was = db->door_open;

	db->door_open = open;
	return was;
}

/* Record the door transaction now open on db (txn.c only). */
void
db_txn_set(struct fd_db *db, struct fd_txn *t)
{
	db->txn = t;
}

/* The door transaction open on db, or NULL. */
struct fd_txn *
db_txn_get(const struct fd_db *db)
{
	return db->txn;
}

/* FNV-1a hash of s. */
static uint64_t
db_hash(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Unlink and finalize the least recently used kept statement. */
static void
db_stmt_evict(struct fd_db *db)
{
	struct db_stmt **victim = NULL, *e;

	for (size_t b = 0; b < DB_STMT_BUCKETS; b++)
		for (struct db_stmt **pp = &db->stmt[b]; *pp; pp = &(*pp)->next)
			if (!victim || (*pp)->used < (*victim)->used)
				victim = pp;
	if (!victim)
		return;
	e = *victim;
	*victim = e->next;
	sqlite3_finalize(e->st);
	free(e->sql);
	free(e);
	db->nstmt--;
}

/* The kept door statement for sql (txn.c only), prepared on first use. */
sqlite3_stmt *
db_door_stmt(struct fd_db *db, const char *sql)
{
	uint64_t h = db_hash(sql);
	struct db_stmt **head = &db->stmt[h % DB_STMT_BUCKETS], *e;
	sqlite3_stmt *st = NULL;
	bool was = db->door_open;
	int rc;

	for (e = *head; e; e = e->next) {
		if (e->hash == h && strcmp(e->sql, sql) == 0) {
			e->used = ++db->stmt_clock;
			return e->st;
		}
	}
	db->door_open = true;
	rc = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
				&st, NULL);
	db->door_open = was;
	if (rc != SQLITE_OK || !st) {
		sqlite3_finalize(st);
		return NULL;
	}
	if (db->nstmt >= DB_STMT_MAX)
		db_stmt_evict(db);
	e = xcalloc(1, sizeof(*e));
	e->hash = h;
	e->used = ++db->stmt_clock;
	e->sql = xstrdup(sql);
	e->st = st;
	e->next = *head;
	*head = e;
	db->nstmt++;
	return st;
}

/* Give the connection a large page cache, in-memory temporary files
 * (the statement journal of txn.c's savepoints) and sorter threads (an
 * index built again at the end of the load) for a bulk load, or the
 * defaults back. No such pragma loosens a rule, so none is guarded. */
void
db_bulk_set(struct fd_db *db, bool on)
{
	char sql[128];

	snprintf(sql, sizeof(sql),
		 "PRAGMA cache_size = %d; PRAGMA temp_store = %s;"
		 " PRAGMA threads = %d",
		 -(on ? DB_BULK_CACHE_KIB : DB_CACHE_KIB),
		 on ? "MEMORY" : "DEFAULT", on ? DB_BULK_THREADS : 0);
	sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
}

/* Reset a statement of db_door_stmt and clear its bindings. */
void
db_door_stmt_done(sqlite3_stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Finalize every kept door statement. */
static void
db_stmt_free_all(struct fd_db *db)
{
	for (size_t b = 0; b < DB_STMT_BUCKETS; b++) {
		while (db->stmt[b]) {
			struct db_stmt *e = db->stmt[b];

			db->stmt[b] = e->next;
			sqlite3_finalize(e->st);
			free(e->sql);
			free(e);
		}
	}
	db->nstmt = 0;
}

/* Run sql (no result rows wanted) with the door open. */
static int
db_exec_door(struct fd_db *db, const char *sql)
{
	bool was = db->door_open;
	int rc;

	db->door_open = true;
	rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
	db->door_open = was;
	return rc;
}

/* Run a one-value query; *out gets the first column of the first row (a new
 * string, NULL for SQL NULL or no row). Returns the SQLite result code. */
static int
db_query_text(struct fd_db *db, const char *sql, char **out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	rc = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto out;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = xstrdup((const char *)sqlite3_column_text(st, 0));
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
out:
	sqlite3_finalize(st);
	return rc;
}

/* Run a one-integer query into *out (0 for no row or NULL). */
static int
db_query_int(struct fd_db *db, const char *sql, long long *out)
{
	char *s = NULL;
	int rc = db_query_text(db, sql, &s);

	*out = s ? strtoll(s, NULL, 10) : 0;
	free(s);
	return rc;
}

/* Fill err from the connection's last error, prefixed with the path and
 * what was being done, and return the matching status. */
static enum fd_status
db_fail_sqlite(struct fd_db *db, int rc, const char *doing,
	       struct fd_err *err)
{
	const char *msg = db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc);

	db->last_rc = rc;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return fd_fail(err, FD_E_BUSY,
			       "%s: the database is busy (%s); try again in "
			       "a moment",
			       db->path, doing);
	case SQLITE_NOTADB:
		return fd_fail(err, FD_E_DB,
			       "%s: not a database file (it is not SQLite)",
			       db->path);
	case SQLITE_CORRUPT:
		return fd_fail(err, FD_E_DB,
			       "%s: the database file is damaged (%s): "
			       "restore it from a backup",
			       db->path, msg);
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return fd_fail(err, FD_E_IO,
			       "%s: %s: %s (check the file's and its "
			       "directory's permissions)",
			       db->path, doing, msg);
	default:
		return fd_fail(err, FD_E_DB, "%s: %s: %s", db->path, doing,
			       msg);
	}
}

/* Create the missing parent directories of path (mode 0775 less umask). */
static enum fd_status
db_mkdir_parents(const char *path, struct fd_err *err)
{
	char *dir = xstrdup(path);
	enum fd_status st = FD_OK;

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0775) != 0 && errno != EEXIST) {
			st = fd_fail(err, FD_E_IO,
				     "cannot create directory %s for the "
				     "database: %s",
				     dir, strerror(errno));
			goto out;
		}
		*p = '/';
	}
out:
	free(dir);
	return st;
}

/* Make sure a database file exists at path: an existing file is left
 * alone; a new one is created empty with mode 0660 whatever the umask, so
 * that the group can write it (SQLite then creates -wal and -shm alike). */
static enum fd_status
db_file_prepare(const char *path, struct fd_err *err)
{
	struct stat sb;
	enum fd_status st = FD_OK;
	int fd = -1;

	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			st = fd_fail(err, FD_E_IO,
				     "%s is a directory, not a database file",
				     path);
		goto out;
	}
	if (errno != ENOENT) {
		st = fd_fail(err, FD_E_IO, "%s: %s", path, strerror(errno));
		goto out;
	}
	st = db_mkdir_parents(path, err);
	if (st != FD_OK)
		goto out;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0660);
	if (fd < 0) {
		if (errno != EEXIST) /* else someone else just created it */
			st = fd_fail(err, FD_E_IO,
				     "cannot create database %s: %s", path,
				     strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0660) != 0) {
		st = fd_fail(err, FD_E_IO,
			     "cannot make database %s group-writable: %s",
			     path, strerror(errno));
		unlink(path);
	}
out:
	if (fd >= 0)
		close(fd);
	return st;
}

/* The migration number of an asset named "migrations/NNN_name.sql", or 0
 * if name is not a migration. */
static int
db_migration_number(const char *name)
{
	size_t plen = strlen(DB_MIGRATION_PREFIX), len = strlen(name);
	const char *p = name + plen;
	int n = 0;

	if (strncmp(name, DB_MIGRATION_PREFIX, plen) != 0 || len < plen + 6 ||
	    strcmp(name + len - 4, ".sql") != 0)
		return 0;
	for (; *p >= '0' && *p <= '9' && n < 100000; p++)
		n = n * 10 + (*p - '0');
	return *p == '_' ? n : 0;
}

/* The embedded migration number n; NULL if there is none. *dups is set to
 * the number of migrations with that number. */
static const struct fd_asset *
db_migration_find(int n, int *dups)
{
	const struct fd_asset *found = NULL;

	*dups = 0;
	for (size_t i = 0; i < fd_assets_count; i++) {
		if (db_migration_number(fd_assets[i].name) == n) {
			found = &fd_assets[i];
			(*dups)++;
		}
	}
	return found;
}

/* The highest migration number among the embedded assets. */
int
db_schema_latest(void)
{
	int latest = 0;

	for (size_t i = 0; i < fd_assets_count; i++) {
		int n = db_migration_number(fd_assets[i].name);

		if (n > latest)
			latest = n;
	}
	return latest;
}

/* Check that the file is empty or a frontdesk database (before anything
 * writes to it), then set the connection's pragmas. */
static enum fd_status
db_configure(struct fd_db *db, bool memory, struct fd_err *err)
{
	enum fd_status st = FD_OK;
	long long app_id = 0, version = 0, objects = 0;
	char *mode = NULL;
	int rc;

	rc = db_query_int(db, "PRAGMA application_id", &app_id);
	if (rc == SQLITE_OK)
		rc = db_query_int(db, "PRAGMA user_version", &version);
	if (rc == SQLITE_OK)
		rc = db_query_int(db, "SELECT count(*) FROM sqlite_master",
				  &objects);
	if (rc != SQLITE_OK) {
		st = db_fail_sqlite(db, rc, "cannot read the database", err);
		goto out;
	}
	if ((app_id != 0 && app_id != DB_APPLICATION_ID) ||
	    (app_id == 0 && version == 0 && objects > 0)) {
		st = fd_fail(err, FD_E_DB,
			     "%s is a SQLite database of another program, "
			     "not a frontdesk database",
			     db->path);
		goto out;
	}
	db->file_read_only = sqlite3_db_readonly(db->sql, "main") == 1;

	db->door_open = true;
	rc = db_query_text(db, "PRAGMA journal_mode=WAL", &mode);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->sql,
				  "PRAGMA foreign_keys=ON;"
				  "PRAGMA synchronous=NORMAL;"
				  "PRAGMA journal_size_limit=" DB_WAL_LIMIT ";",
				  NULL, NULL, NULL);
	db->door_open = false;
	if (rc != SQLITE_OK) {
		st = db_fail_sqlite(db, rc, "cannot configure the connection",
				    err);
		goto out;
	}
	if (!memory && !db->file_read_only &&
	    (!mode || strcasecmp(mode, "wal") != 0)) {
		st = fd_fail(err, FD_E_DB,
			     "%s: cannot switch to WAL journal mode (got "
			     "\"%s\"); is the file on a network file system?",
			     db->path, mode ? mode : "");
		goto out;
	}
out:
	free(mode);
	return st;
}

/* Read the schema version into *version, and refuse one newer than the
 * program's (latest) in a message naming both. */
static enum fd_status
db_version_read(struct fd_db *db, int latest, long long *version,
		struct fd_err *err)
{
	int rc = db_query_int(db, "PRAGMA user_version", version);

	if (rc != SQLITE_OK)
		return db_fail_sqlite(db, rc, "cannot read the schema version",
				      err);
	if (*version > latest)
		return fd_fail(err, FD_E_TOO_NEW,
			       "%s: database schema version %lld is newer "
			       "than this program (%d): use a newer frontdesk",
			       db->path, *version, latest);
	return FD_OK;
}

/* Apply the missing migrations, in order, in one BEGIN IMMEDIATE
 * transaction, and set user_version and application_id. */
static enum fd_status
db_migrate(struct fd_db *db, struct fd_err *err)
{
	int latest = db_schema_latest(), rc, dups;
	long long version = 0;
	bool in_txn = false;
	enum fd_status st = FD_OK;
	char *sql = NULL;

	for (int n = 1; n <= latest; n++) {
		if (!db_migration_find(n, &dups) || dups != 1) {
			st = fd_fail(err, FD_E_DB,
				     "this program's migrations are broken: "
				     "%d file(s) numbered %03d (a build error)",
				     dups, n);
			goto out;
		}
	}
	st = db_version_read(db, latest, &version, err);
	if (st != FD_OK || version == latest)
		goto out;
	if (db->file_read_only) {
		st = fd_fail(err, FD_E_READONLY,
			     "%s needs upgrading from schema %lld to %d, but "
			     "%s cannot write to it",
			     db->path, version, latest, db->login);
		goto out;
	}

	rc = db_exec_door(db, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK) {
		st = db_fail_sqlite(db, rc, "cannot start the schema upgrade",
				    err);
		goto out;
	}
	in_txn = true;
	/* Another program may have upgraded while we waited for the lock. */
	st = db_version_read(db, latest, &version, err);
	if (st != FD_OK)
		goto out;
	rc = db_exec_door(db, "PRAGMA defer_foreign_keys=ON");
	for (int n = (int)version + 1; rc == SQLITE_OK && n <= latest; n++) {
		const struct fd_asset *a = db_migration_find(n, &dups);

		rc = db_exec_door(db, (const char *)a->data);
		if (rc != SQLITE_OK) {
			st = fd_fail(err, FD_E_DB,
				     "%s: migration %s failed: %s", db->path,
				     a->name, sqlite3_errmsg(db->sql));
			goto out;
		}
	}
	if (rc == SQLITE_OK) {
		sql = xasprintf("PRAGMA user_version=%d;"
				"PRAGMA application_id=%d;",
				latest, DB_APPLICATION_ID);
		rc = db_exec_door(db, sql);
	}
	if (rc == SQLITE_OK)
		rc = db_exec_door(db, "COMMIT");
	if (rc != SQLITE_OK) {
		st = db_fail_sqlite(db, rc, "cannot upgrade the schema", err);
		goto out;
	}
	in_txn = false;
out:
	if (in_txn)
		db_exec_door(db, "ROLLBACK");
	free(sql);
	return st;
}

/* Count the staff rows into *count. */
static enum fd_status
db_staff_count(struct fd_db *db, long long *count, struct fd_err *err)
{
	int rc = db_query_int(db, "SELECT count(*) FROM staff", count);

	if (rc != SQLITE_OK)
		return db_fail_sqlite(db, rc, "cannot read the staff list", err);
	return FD_OK;
}

/* On a database with no staff yet, make the opening login its first
 * supervisor, through the door (audited). The count is checked again
 * inside the transaction so that two first logins make one supervisor. */
static enum fd_status
db_bootstrap(struct fd_db *db, struct fd_err *err)
{
	struct fd_txn *t = NULL;
	enum fd_status st = FD_OK;
	long long count = 0;
	char *now = NULL;

	if (db->file_read_only || !staff_login_valid(db->login))
		goto out;
	st = db_staff_count(db, &count, err);
	if (st != FD_OK || count > 0)
		goto out;
	st = txn_begin(db, &t, err);
	if (st == FD_OK)
		st = db_staff_count(db, &count, err);
	if (st != FD_OK || count > 0)
		goto out;
	now = db_now(db);
	{
		const struct txn_field f[] = {
			{"login", db->login},
			{"name", ""},
			{"role", staff_role_name(ROLE_SUPERVISOR)},
			{"active", "1"},
			{"created_at", now},
		};

		txn_note(t, "first login on a new database");
		st = txn_insert(t, "staff", "login", f, FD_ARRAY_LEN(f), err);
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

/* Read the session's role from the staff table and derive read_only and its
 * reason. An inactive login is told apart from an unknown one: the cure
 * differs (a supervisor reactivates it, rather than adds it). */
enum fd_status
db_role_refresh(struct fd_db *db, struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	enum staff_role role = ROLE_NONE;
	bool listed = false;
	int rc;

	rc = sqlite3_prepare_v2(db->sql,
				"SELECT role, active FROM staff WHERE login = ?1",
				-1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, db->login, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			listed = true;
			if (sqlite3_column_int(st, 1) != 0)
				role = staff_role_parse((const char *)
						sqlite3_column_text(st, 0));
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK) {
		status = db_fail_sqlite(db, rc, "cannot read the staff list",
					err);
		goto out;
	}
	db->role = role;
	free(db->ro_reason);
	if (db->file_read_only) {
		db->read_only = true;
		db->ro_cause = DB_RO_FILE;
		db->ro_reason = xasprintf(
			"%s is read-only for %s: this session cannot save; "
			"ask the administrator for group write permission",
			db->path, db->login);
	} else if (role == ROLE_NONE && listed) {
		db->read_only = true;
		db->ro_cause = DB_RO_INACTIVE;
		db->ro_reason = xasprintf(
			"%s is inactive on the staff list: this session is "
			"read-only; a supervisor can reactivate it with "
			"frontdesk staff add %s ROLE",
			db->login, db->login);
	} else if (role == ROLE_NONE) {
		db->read_only = true;
		db->ro_cause = DB_RO_NOT_STAFF;
		db->ro_reason = xasprintf(
			"%s is not on the staff list: this session is "
			"read-only; a supervisor can add it with "
			"frontdesk staff add %s ROLE",
			db->login, db->login);
	} else {
		db->read_only = false;
		db->ro_cause = DB_RO_NONE;
		db->ro_reason = xstrdup("");
	}
out:
	sqlite3_finalize(st);
	return status;
}

/* One try at opening: connect, configure, migrate, bootstrap, resolve the
 * role. On failure *rc is the SQLite code behind it (0 if none). */
static enum fd_status
db_open_once(const char *path, const char *login, const struct db_options *opt,
	     bool memory, struct fd_db **out, int *rc_out, struct fd_err *err)
{
	struct fd_db *db = xcalloc(1, sizeof(*db));
	enum fd_status st = FD_OK;
	int rc, timeout;

	db->path = xstrdup(path);
	db->login = xstrdup(login);
	db->ro_reason = xstrdup("");
	rc = sqlite3_open_v2(path, &db->sql,
			     SQLITE_OPEN_READWRITE |
				     (memory ? SQLITE_OPEN_CREATE : 0),
			     NULL);
	if (rc != SQLITE_OK) {
		st = db_fail_sqlite(db, rc, "cannot open the database", err);
		goto out;
	}
	sqlite3_extended_result_codes(db->sql, 1);
	timeout = opt && opt->busy_timeout_ms > 0 ? opt->busy_timeout_ms
						  : DB_BUSY_TIMEOUT_MS;
	sqlite3_busy_timeout(db->sql, timeout);
	sqlite3_set_authorizer(db->sql, db_authorize, db);

	st = db_configure(db, memory, err);
	if (st == FD_OK)
		st = db_migrate(db, err);
	if (st == FD_OK)
		st = db_bootstrap(db, err);
	if (st == FD_OK)
		st = db_role_refresh(db, err);
out:
	*rc_out = st == FD_OK ? 0 : db->last_rc;
	if (st != FD_OK) {
		db_close(db);
		db = NULL;
	}
	*out = db;
	return st;
}

/* Open the file (creating it 0660 if new), configure, migrate, bootstrap,
 * resolve the role. When several people open a brand-new file at the same
 * moment, one of them can read it while another is turning it into a WAL
 * database and get SQLITE_IOERR, or SQLITE_BUSY without the busy handler
 * being asked (WAL recovery): that try is retried after a short pause. */
enum fd_status
db_open(const char *path, const char *login, const struct db_options *opt,
	struct fd_db **out, struct fd_err *err)
{
	enum fd_status st = FD_OK;
	bool memory;
	int rc = 0;

	*out = NULL;
	if (!path || !*path)
		return fd_fail(err, FD_E_INVALID, "no database file given");
	if (!login || !*login)
		return fd_fail(err, FD_E_INVALID,
			       "no login name: cannot tell who is using %s",
			       path);
	memory = strcmp(path, ":memory:") == 0;
	if (!memory && opt && opt->no_create) {
		struct stat sb;

		if (stat(path, &sb) != 0 && errno == ENOENT)
			return fd_fail(err, FD_E_NOTFOUND,
				       "no such database: %s", path);
	}
	if (!memory) {
		st = db_file_prepare(path, err);
		if (st != FD_OK)
			return st;
	}
	for (int attempt = 1; attempt <= DB_OPEN_TRIES; attempt++) {
		struct timespec pause = {0, 20000000L * attempt};

		st = db_open_once(path, login, opt, memory, out, &rc, err);
		if (st == FD_OK || ((rc & 0xff) != SQLITE_IOERR &&
				     (rc & 0xff) != SQLITE_BUSY))
			break;
		nanosleep(&pause, NULL);
	}
	return st;
}

/* Roll back what is open and close the connection. */
void
db_close(struct fd_db *db)
{
	if (!db)
		return;
	if (db->sql) {
		if (!sqlite3_get_autocommit(db->sql))
			db_exec_door(db, "ROLLBACK");
		db_stmt_free_all(db);
		/* A statement a caller forgot keeps the handle as a zombie
		 * until it is finalized, rather than failing here. */
		sqlite3_close_v2(db->sql);
	}
	free(db->path);
	free(db->login);
	free(db->ro_reason);
	free(db);
}

/* The SQLite handle, for reads. */
sqlite3 *
db_sqlite(struct fd_db *db)
{
	return db->sql;
}

/* The session's login. */
const char *
db_login(const struct fd_db *db)
{
	return db->login;
}

/* The session's role as last resolved. */
enum staff_role
db_role(const struct fd_db *db)
{
	return db->role;
}

/* True when the session may not write. */
bool
db_read_only(const struct fd_db *db)
{
	return db->read_only;
}

/* What made the session read-only. */
enum db_read_only_cause
db_read_only_cause(const struct fd_db *db)
{
	return db->read_only ? db->ro_cause : DB_RO_NONE;
}

/* The sentence that explains read_only. */
const char *
db_read_only_reason(const struct fd_db *db)
{
	return db->ro_reason;
}

/* PRAGMA user_version, -1 on error. */
int
db_schema_version(struct fd_db *db)
{
	long long v = -1;

	if (db_query_int(db, "PRAGMA user_version", &v) != SQLITE_OK)
		return -1;
	return (int)v;
}

/* SQLite's current UTC time in the database's timestamp format. */
char *
db_now(struct fd_db *db)
{
	char *s = NULL;
	char buf[32];
	struct tm tm;
	time_t now;

	if (db_query_text(db, "SELECT strftime('%Y-%m-%dT%H:%M:%fZ','now')",
			  &s) == SQLITE_OK &&
	    s)
		return s;
	free(s);
	/* Only on out-of-memory inside SQLite: the same format from libc. */
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
	return xstrdup(buf);
}

/* Reset busy statements and roll back an open transaction; true if there
 * were none. */
bool
db_ensure_idle(struct fd_db *db)
{
	sqlite3_stmt *st = NULL;
	bool idle = true;

	while ((st = sqlite3_next_stmt(db->sql, st)) != NULL) {
		if (sqlite3_stmt_busy(st)) {
			sqlite3_reset(st);
			idle = false;
		}
	}
	if (!sqlite3_get_autocommit(db->sql)) {
		db_exec_door(db, "ROLLBACK");
		db->txn = NULL;
		idle = false;
	}
	return idle;
}

/* Append the problem line text (a catalog text: `frontdesk check` and the
 * check screen show it as it is) and free it. */
static void
db_check_line(struct strbuf *problems, char *text)
{
	strbuf_addf(problems, "%s\n", text);
	free(text);
}

/* PRAGMA integrity_check: every line but a lone "ok" is a problem. */
static enum fd_status
db_check_integrity(struct fd_db *db, struct strbuf *problems, size_t *found,
		   struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	int rc;

	rc = sqlite3_prepare_v2(db->sql, "PRAGMA integrity_check", -1, &st,
				NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);

		rc = SQLITE_OK;
		if (line && strcmp(line, "ok") == 0)
			continue;
		db_check_line(problems, trf(MSG_CHECK_LINE_INTEGRITY,
					    line ? line : "?", NULL));
		(*found)++;
	}
	if (rc != SQLITE_DONE)
		status = db_fail_sqlite(db, rc, "integrity check failed", err);
	sqlite3_finalize(st);
	return status;
}

/* PRAGMA foreign_key_check: one problem per row that refers to nothing. */
static enum fd_status
db_check_foreign_keys(struct fd_db *db, struct strbuf *problems,
		      size_t *found, struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	int rc;

	rc = sqlite3_prepare_v2(db->sql, "PRAGMA foreign_key_check", -1, &st,
				NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		const char *parent = (const char *)sqlite3_column_text(st, 2);

		char row[24];
		const char *args[3];

		snprintf(row, sizeof(row), "%lld",
			 (long long)sqlite3_column_int64(st, 1));
		args[0] = table ? table : "?";
		args[1] = row;
		args[2] = parent ? parent : "?";
		db_check_line(problems,
			      msg_format(tr(MSG_CHECK_LINE_FOREIGN_KEY), 3, args));
		(*found)++;
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		status = db_fail_sqlite(db, rc, "foreign-key check failed",
					err);
	sqlite3_finalize(st);
	return status;
}

/* The audit table and its two append-only triggers (named in
 * 001_foundation.sql) are present. */
static enum fd_status
db_check_audit(struct fd_db *db, struct strbuf *problems, size_t *found,
	       struct fd_err *err)
{
	static const char *const names[] = {"audit_no_update",
					    "audit_no_delete"};
	static const char *const types[] = {"trigger", "trigger"};
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	int rc;

	rc = sqlite3_prepare_v2(db->sql,
				"SELECT count(*) FROM sqlite_master"
				" WHERE type = ?1 AND name = ?2"
				" AND tbl_name = 'audit'",
				-1, &st, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i <= FD_ARRAY_LEN(names); i++) {
		const char *type = i < FD_ARRAY_LEN(names) ? types[i] : "table";
		const char *name = i < FD_ARRAY_LEN(names) ? names[i] : "audit";

		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		rc = SQLITE_OK;
		if (sqlite3_column_int(st, 0) > 0)
			continue;
		if (i < FD_ARRAY_LEN(names))
			db_check_line(problems, trf(MSG_CHECK_LINE_AUDIT_TRIGGER,
						    name, NULL));
		else
			db_check_line(problems,
				      xstrdup(tr(MSG_CHECK_LINE_AUDIT_TABLE)));
		(*found)++;
	}
	if (rc != SQLITE_OK)
		status = db_fail_sqlite(db, rc, "audit check failed", err);
	sqlite3_finalize(st);
	return status;
}

/* The share of the bar of fixed step i, in households checked: the
 * integrity check reads every page, about as long as the household step
 * (measured at 300,000 households: 10 s each); the foreign keys and the
 * audit triggers take a moment. At least 1. */
static size_t
db_check_step_weight(size_t i, size_t households)
{
	size_t w = i == 0 ? households : i == 1 ? households / 50 : 0;

	return w > 0 ? w : 1;
}

/* Progress of the household step, passed on in db_check's units. */
struct db_check_progress {
	void (*progress)(void *ud, int done, int total);
	void *ud;
	size_t before, total; /* units of the fixed steps; all units */
};

static void
db_check_households_progress(void *ud, size_t done, size_t total)
{
	struct db_check_progress *p = ud;

	(void)total;
	if (p->progress)
		p->progress(p->ud, (int)(p->before + done), (int)p->total);
}

/* Run each check step in turn, collecting problems, reporting progress:
 * integrity, foreign keys, the audit table's protection, then the
 * consistency rules of every household (hhcheck_all). */
enum fd_status
db_check(struct fd_db *db, void (*progress)(void *ud, int done, int total),
	 void *ud, struct strbuf *problems, struct fd_err *err)
{
	enum fd_status (*const steps[])(struct fd_db *, struct strbuf *,
					size_t *, struct fd_err *) = {
		db_check_integrity,
		db_check_foreign_keys,
		db_check_audit,
	};
	struct db_check_progress p = {progress, ud, 0, 0};
	long long households = 0;
	enum fd_status st = FD_OK;
	size_t found = 0;
	char today[11];

	/* A bad count only makes the bar less exact: the step reads them all. */
	if (db_query_int(db, "SELECT count(*) FROM household", &households) !=
		    SQLITE_OK ||
	    households < 0)
		households = 0;
	p.total = (size_t)households;
	for (size_t i = 0; i < FD_ARRAY_LEN(steps); i++)
		p.total += db_check_step_weight(i, (size_t)households);
	if (p.total > INT_MAX) /* the callback counts in int */
		p.total = INT_MAX;
	if (progress)
		progress(ud, 0, (int)p.total);
	for (size_t i = 0; i < FD_ARRAY_LEN(steps); i++) {
		st = steps[i](db, problems, &found, err);
		if (st != FD_OK)
			goto out;
		p.before += db_check_step_weight(i, (size_t)households);
		if (progress)
			progress(ud, (int)p.before, (int)p.total);
	}
	util_today(today);
	st = hhcheck_all(db, today, db_check_households_progress, &p, problems,
			 &found, err);
	if (st != FD_OK)
		goto out;
	if (progress)
		progress(ud, (int)p.total, (int)p.total);
	if (found > 0)
		st = fd_fail(err, FD_E_CHECK, "%s: the check found %zu problem%s",
			     db->path, found, found == 1 ? "" : "s");
out:
	return st;
}
