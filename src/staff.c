/*
 * Staff: Unix logins and their roles.
 *
 * The staff table maps a login to a role; db_open resolves the session's
 * role from it, and a login that is absent or inactive gets a read-only
 * session. Changes go through the write door like any other data, so who
 * added whom, and who changed a role, is in the audit log.
 *
 * Invariants:
 * - Only an active supervisor adds or changes staff. The session's role
 *   was read at open; the supervisor check is repeated inside the write
 *   transaction, so a supervisor demoted by someone else meanwhile is
 *   refused.
 * - There is always at least one active supervisor once there is staff:
 *   demoting or deactivating the last one is refused, inside the same
 *   transaction as the change.
 * - Nobody deactivates their own login: the session would turn read-only
 *   at once and could not undo it. Adding a login that is on the list but
 *   inactive reactivates it, so the command line that adds staff is also
 *   the one that brings a login back.
 * - A login is a valid Unix login name; a name is valid UTF-8 of at most
 *   STAFF_NAME_MAX characters without control characters (it is drawn on
 *   terminals).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/staff.h"
#include "frontdesk/txn.h"
#include "frontdesk/util.h"

static const char *const staff_role_names[] = {
	[ROLE_NONE] = "none",
	[ROLE_FRONTDESK] = "frontdesk",
	[ROLE_TRAINER] = "trainer",
	[ROLE_PLACEMENT] = "placement",
	[ROLE_SUPERVISOR] = "supervisor",
};

/* The stored name of role. */
const char *
staff_role_name(enum staff_role role)
{
	if ((size_t)role >= FD_ARRAY_LEN(staff_role_names))
		return "none";
	return staff_role_names[role];
}

/* The role whose stored name is s. */
enum staff_role
staff_role_parse(const char *s)
{
	if (!s)
		return ROLE_NONE;
	for (size_t i = ROLE_NONE + 1; i < FD_ARRAY_LEN(staff_role_names); i++)
		if (strcmp(s, staff_role_names[i]) == 0)
			return (enum staff_role)i;
	return ROLE_NONE;
}

/* Check login against [a-z_][a-z0-9_-]{0,31}. */
bool
staff_login_valid(const char *login)
{
	size_t i;

	if (!login || !((login[0] >= 'a' && login[0] <= 'z') ||
			login[0] == '_'))
		return false;
	for (i = 1; login[i]; i++) {
		char c = login[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return false;
	}
	return i <= STAFF_LOGIN_MAX;
}

/* What is wrong with name, as a sentence, or NULL if it is acceptable. */
static const char *
staff_name_problem(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t chars = 0;

	while (*p) {
		uint32_t c;
		int len;

		if (*p < 0x80) {
			c = *p;
			len = 1;
		} else if ((*p & 0xE0) == 0xC0) {
			c = *p & 0x1F;
			len = 2;
		} else if ((*p & 0xF0) == 0xE0) {
			c = *p & 0x0F;
			len = 3;
		} else if ((*p & 0xF8) == 0xF0) {
			c = *p & 0x07;
			len = 4;
		} else {
			return "the name is not valid UTF-8 text";
		}
		for (int i = 1; i < len; i++) {
			if ((p[i] & 0xC0) != 0x80) /* also stops at NUL */
				return "the name is not valid UTF-8 text";
			c = (c << 6) | (p[i] & 0x3F);
		}
		if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
		    (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
		    (c >= 0xD800 && c <= 0xDFFF))
			return "the name is not valid UTF-8 text";
		if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			return "the name may not contain control characters";
		p += len;
		chars++;
	}
	if (chars > STAFF_NAME_MAX)
		return "the name is too long (at most 40 characters)";
	return NULL;
}

/* True if staff_name_problem finds nothing wrong. */
bool
staff_name_valid(const char *name)
{
	return name && !staff_name_problem(name);
}

/* Copy the current row of a "login, name, role, active, created_at"
 * query into s. */
static void
staff_from_row(sqlite3_stmt *st, struct staff *s)
{
	s->login = xstrdup((const char *)sqlite3_column_text(st, 0));
	s->name = xstrdup((const char *)sqlite3_column_text(st, 1));
	s->role = staff_role_parse((const char *)sqlite3_column_text(st, 2));
	s->active = sqlite3_column_int(st, 3) != 0;
	s->created_at = xstrdup((const char *)sqlite3_column_text(st, 4));
	if (!s->login)
		s->login = xstrdup("");
	if (!s->name)
		s->name = xstrdup("");
	if (!s->created_at)
		s->created_at = xstrdup("");
}

/* Free the strings of s and zero it. */
void
staff_clear(struct staff *s)
{
	if (!s)
		return;
	free(s->login);
	free(s->name);
	free(s->created_at);
	memset(s, 0, sizeof(*s));
}

/* Free each entry and the array. */
void
staff_list_free(struct staff *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++)
		staff_clear(&list[i]);
	free(list);
}

/* Read every staff row, ordered by login. */
enum fd_status
staff_list(struct fd_db *db, struct staff **out, size_t *n,
	   struct fd_err *err)
{
	sqlite3 *sql = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	struct staff *list = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = sqlite3_prepare_v2(sql,
				"SELECT login, name, role, active, created_at"
				" FROM staff ORDER BY login",
				-1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			list = xrealloc(list, cap * sizeof(*list));
		}
		staff_from_row(st, &list[len++]);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		status = fd_fail(err, FD_E_DB, "cannot read the staff list: %s",
				 sqlite3_errmsg(sql));
		staff_list_free(list, len);
		goto out;
	}
	*out = list;
	*n = len;
out:
	sqlite3_finalize(st);
	return status;
}

/* Read one staff row by login. */
enum fd_status
staff_get(struct fd_db *db, const char *login, struct staff *out,
	  struct fd_err *err)
{
	sqlite3 *sql = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = sqlite3_prepare_v2(sql,
				"SELECT login, name, role, active, created_at"
				" FROM staff WHERE login = ?1",
				-1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, login ? login : "", -1,
				       SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		staff_from_row(st, out);
	} else if (rc == SQLITE_DONE) {
		status = fd_fail(err, FD_E_NOTFOUND,
				 "%s is not on the staff list",
				 login ? login : "");
	} else {
		status = fd_fail(err, FD_E_DB, "cannot read the staff list: %s",
				 sqlite3_errmsg(sql));
	}
	sqlite3_finalize(st);
	return status;
}

/* Run a count query with one bound text parameter (may be NULL). */
static enum fd_status
staff_count(struct fd_db *db, const char *query, const char *param,
	    long long *count, struct fd_err *err)
{
	sqlite3 *sql = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	int rc;

	*count = 0;
	rc = sqlite3_prepare_v2(sql, query, -1, &st, NULL);
	if (rc == SQLITE_OK && param)
		rc = sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	else
		status = fd_fail(err, FD_E_DB, "cannot read the staff list: %s",
				 sqlite3_errmsg(sql));
	sqlite3_finalize(st);
	return status;
}

/* Fail with a catalog text (the command line says these to the person,
 * in the configured language). */
static enum fd_status
staff_fail_msg(struct fd_err *err, enum fd_status st, enum fd_msg msg,
	       const char *a1, const char *a2)
{
	char *text = trf(msg, a1, a2);

	st = fd_fail(err, st, "%s", text);
	free(text);
	return st;
}

/* Refuse a session that may not change staff (before any transaction). */
static enum fd_status
staff_may_change(struct fd_db *db, struct fd_err *err)
{
	if (db_read_only(db)) {
		/* why, in the session's language (as the shell says it) */
		enum fd_msg m = MSG_READONLY_STATUS;

		if (db_read_only_cause(db) == DB_RO_INACTIVE)
			m = MSG_READONLY_INACTIVE;
		else if (db_read_only_cause(db) == DB_RO_FILE)
			m = MSG_READONLY_FILE;
		return staff_fail_msg(err, FD_E_READONLY, m, db_login(db),
				      NULL);
	}
	if (db_role(db) != ROLE_SUPERVISOR)
		return staff_fail_msg(err, FD_E_DENIED,
				      MSG_STAFF_ONLY_SUPERVISOR_ROLE,
				      db_login(db),
				      tr(staff_role_label(db_role(db))));
	return FD_OK;
}

/* Inside the transaction: is the session's login still an active
 * supervisor? */
static enum fd_status
staff_still_supervisor(struct fd_db *db, struct fd_err *err)
{
	long long n = 0;
	enum fd_status st;

	st = staff_count(db,
			 "SELECT count(*) FROM staff WHERE login = ?1"
			 " AND active = 1 AND role = 'supervisor'",
			 db_login(db), &n, err);
	if (st == FD_OK && n == 0)
		st = staff_fail_msg(err, FD_E_DENIED,
				    MSG_STAFF_NO_LONGER_SUPERVISOR,
				    db_login(db), NULL);
	return st;
}

/* Validate, then insert an active staff row in a door transaction, or
 * reactivate the inactive row of that login. */
enum fd_status
staff_add_or_reactivate(struct fd_db *db, const char *login, const char *name,
			enum staff_role role, bool *reactivated,
			struct fd_err *err)
{
	struct staff cur = {0};
	struct fd_txn *t = NULL;
	enum fd_status st;
	const char *problem;
	char *now = NULL;

	if (reactivated)
		*reactivated = false;
	st = staff_may_change(db, err);
	if (st != FD_OK)
		goto out;
	if (!staff_login_valid(login)) {
		st = fd_fail(err, FD_E_INVALID,
			     "\"%s\" is not a valid login name: use lowercase "
			     "letters, digits, _ and -, starting with a letter "
			     "or _, at most %d characters",
			     login ? login : "", STAFF_LOGIN_MAX);
		goto out;
	}
	if (role == ROLE_NONE || (size_t)role >= FD_ARRAY_LEN(staff_role_names)) {
		st = fd_fail(err, FD_E_INVALID,
			     "choose a role for %s: frontdesk, trainer, "
			     "placement or supervisor",
			     login);
		goto out;
	}
	if (!name)
		name = "";
	problem = staff_name_problem(name);
	if (problem) {
		st = fd_fail(err, FD_E_INVALID, "%s", problem);
		goto out;
	}

	st = txn_begin(db, &t, err);
	if (st == FD_OK)
		st = staff_still_supervisor(db, err);
	if (st != FD_OK)
		goto out;
	st = staff_get(db, login, &cur, err);
	if (st == FD_OK && cur.active) {
		st = staff_fail_msg(err, FD_E_EXISTS, MSG_STAFF_EXISTS, login,
				    NULL);
		goto out;
	} else if (st == FD_OK) {
		/* On the list but inactive: bring it back with the role asked
		 * for (and the name, when one is given). */
		struct txn_field f[3];
		size_t nf = 0;

		if (name[0])
			f[nf++] = (struct txn_field){"name", name};
		f[nf++] = (struct txn_field){"role", staff_role_name(role)};
		f[nf++] = (struct txn_field){"active", "1"};
		txn_note(t, "reactivated");
		st = txn_update(t, "staff", "login", login, f, nf, err);
		if (st == FD_OK && reactivated)
			*reactivated = true;
	} else if (st == FD_E_NOTFOUND) {
		now = db_now(db);
		const struct txn_field f[] = {
			{"login", login},
			{"name", name},
			{"role", staff_role_name(role)},
			{"active", "1"},
			{"created_at", now},
		};

		st = txn_insert(t, "staff", "login", f, FD_ARRAY_LEN(f), err);
		if (st == FD_E_EXISTS)
			staff_fail_msg(err, st, MSG_STAFF_EXISTS, login, NULL);
	}
	if (st != FD_OK)
		goto out;
	st = txn_commit(t, err);
	t = NULL;
	if (st == FD_OK && strcmp(login, db_login(db)) == 0)
		st = db_role_refresh(db, err);
out:
	txn_rollback(t);
	staff_clear(&cur);
	free(now);
	return st;
}

/* Add a staff member, or reactivate an inactive one (see staff.h). */
enum fd_status
staff_add(struct fd_db *db, const char *login, const char *name,
	  enum staff_role role, struct fd_err *err)
{
	return staff_add_or_reactivate(db, login, name, role, NULL, err);
}

/* Validate, protect the last supervisor, then update the changed fields. */
enum fd_status
staff_update(struct fd_db *db, const char *login, const char *name,
	     enum staff_role role, bool active, struct fd_err *err)
{
	struct staff cur = {0};
	struct fd_txn *t = NULL;
	struct txn_field f[3];
	size_t nf = 0;
	enum fd_status st;
	const char *problem;
	long long supervisors = 0;

	st = staff_may_change(db, err);
	if (st != FD_OK)
		goto out;
	if (role == ROLE_NONE || (size_t)role >= FD_ARRAY_LEN(staff_role_names)) {
		st = fd_fail(err, FD_E_INVALID,
			     "choose a role: frontdesk, trainer, placement "
			     "or supervisor");
		goto out;
	}
	problem = name ? staff_name_problem(name) : NULL;
	if (problem) {
		st = fd_fail(err, FD_E_INVALID, "%s", problem);
		goto out;
	}
	if (!active && login && strcmp(login, db_login(db)) == 0) {
		st = fd_fail(err, FD_E_DENIED,
			     "%s cannot deactivate their own login: the session "
			     "would turn read-only; ask another supervisor",
			     login);
		goto out;
	}

	st = txn_begin(db, &t, err);
	if (st == FD_OK)
		st = staff_still_supervisor(db, err);
	if (st == FD_OK)
		st = staff_get(db, login, &cur, err);
	if (st != FD_OK)
		goto out;
	if (cur.role == ROLE_SUPERVISOR && cur.active &&
	    (role != ROLE_SUPERVISOR || !active)) {
		st = staff_count(db,
				 "SELECT count(*) FROM staff"
				 " WHERE active = 1 AND role = 'supervisor'",
				 NULL, &supervisors, err);
		if (st != FD_OK)
			goto out;
		if (supervisors <= 1) {
			st = fd_fail(err, FD_E_DENIED,
				     "%s is the last active supervisor: make "
				     "someone else a supervisor first",
				     login);
			goto out;
		}
	}
	if (name)
		f[nf++] = (struct txn_field){"name", name};
	f[nf++] = (struct txn_field){"role", staff_role_name(role)};
	f[nf++] = (struct txn_field){"active", active ? "1" : "0"};
	st = txn_update(t, "staff", "login", login, f, nf, err);
	if (st != FD_OK)
		goto out;
	st = txn_commit(t, err);
	t = NULL;
	if (st == FD_OK && strcmp(login, db_login(db)) == 0)
		st = db_role_refresh(db, err);
out:
	txn_rollback(t);
	staff_clear(&cur);
	return st;
}

/* The catalog id of the role's label. */
enum fd_msg
staff_role_label(enum staff_role role)
{
	switch (role) {
	case ROLE_FRONTDESK:
		return MSG_ROLE_FRONTDESK;
	case ROLE_TRAINER:
		return MSG_ROLE_TRAINER;
	case ROLE_PLACEMENT:
		return MSG_ROLE_PLACEMENT;
	case ROLE_SUPERVISOR:
		return MSG_ROLE_SUPERVISOR;
	case ROLE_NONE:
		break;
	}
	return MSG_ROLE_NONE;
}
