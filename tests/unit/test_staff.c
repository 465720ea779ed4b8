/*
 * staff.c: roles, login and name validation, the first supervisor,
 * read-only sessions, who may change staff, and the last-supervisor rule.
 * Each test has its own database file in its own mkdtemp directory.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/audit.h"
#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/staff.h"
#include "frontdesk/txn.h"

#include "fixture.h"

#define STAFFTEST(name, ...)                                               \
	Test(staff, name, .init = fixture_setup, .fini = fixture_teardown, \
	     ##__VA_ARGS__)

static void
add_ok(struct fd_db *db, const char *login, const char *name,
       enum staff_role role)
{
	struct fd_err err = {{0}};

	cr_assert_eq(staff_add(db, login, name, role, &err), FD_OK,
		     "staff_add(%s): %s", login, err.msg);
}

Test(staff, role_names)
{
	for (int r = ROLE_NONE; r <= ROLE_SUPERVISOR; r++)
		cr_assert_eq(staff_role_parse(staff_role_name(r)),
			     r == ROLE_NONE ? ROLE_NONE : (enum staff_role)r);
	cr_assert_str_eq(staff_role_name(ROLE_FRONTDESK), "frontdesk");
	cr_assert_str_eq(staff_role_name(ROLE_TRAINER), "trainer");
	cr_assert_str_eq(staff_role_name(ROLE_PLACEMENT), "placement");
	cr_assert_str_eq(staff_role_name(ROLE_SUPERVISOR), "supervisor");
	cr_assert_eq(staff_role_parse("Supervisor"), ROLE_NONE);
	cr_assert_eq(staff_role_parse(NULL), ROLE_NONE);
}

Test(staff, login_names)
{
	static const char *const good[] = {
		"alice", "_svc", "li-na", "w1_2", "a",
		"abcdefghijklmnopqrstuvwxyz012345", /* 32 */
	};
	static const char *const bad[] = {
		"", "Alice", "1abc", "-x", "li na", "bob$", "a.b",
		"abcdefghijklmnopqrstuvwxyz0123456", /* 33 */
		"\xe5\xbc\xa0", "x;drop",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		cr_expect(staff_login_valid(good[i]), "%s", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_not(staff_login_valid(bad[i]), "%s", bad[i]);
	cr_expect_not(staff_login_valid(NULL));
}

Test(staff, names)
{
	char forty[40 * 3 + 1] = "", fortyone[41 * 3 + 1] = "";

	for (int i = 0; i < 40; i++)
		strcat(forty, "\xe7\x8e\x8b"); /* 王 */
	snprintf(fortyone, sizeof(fortyone), "%s\xe7\x8e\x8b", forty);
	cr_expect(staff_name_valid(""));
	cr_expect(staff_name_valid("Li Na"));
	cr_expect(staff_name_valid("\xe5\xbc\xa0\xe4\xb8\x89")); /* 张三 */
	cr_expect(staff_name_valid("\xf0\x9f\x98\x80"));         /* emoji */
	cr_expect(staff_name_valid(forty));
	cr_expect_not(staff_name_valid(fortyone));
	cr_expect_not(staff_name_valid("\xff"));
	cr_expect_not(staff_name_valid("\xe5\xbc"));     /* truncated */
	cr_expect_not(staff_name_valid("\xc0\xaf"));     /* overlong */
	cr_expect_not(staff_name_valid("\xed\xa0\x80")); /* surrogate */
	cr_expect_not(staff_name_valid("a\x1b[2Jb"));    /* ESC */
	cr_expect_not(staff_name_valid("a\xc2\x9b" "b"));  /* C1 CSI */
	cr_expect_not(staff_name_valid(NULL));
}

STAFFTEST(first_login_becomes_supervisor_audited)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct audit_entry *a = NULL;
	struct staff s = {0};
	size_t n = 0;

	cr_assert_eq(db_role(db), ROLE_SUPERVISOR);
	cr_assert_not(db_read_only(db));
	cr_assert_str_eq(db_read_only_reason(db), "");
	cr_assert_eq(staff_get(db, "alice", &s, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(s.role, ROLE_SUPERVISOR);
	cr_assert(s.active);
	cr_assert_eq(strlen(s.created_at), 24, "%s", s.created_at);
	staff_clear(&s);

	cr_assert_eq(audit_list(db, "staff", "alice", 0, &a, &n, &err), FD_OK);
	cr_assert_eq(n, 1); /* an insert is one audit row, field "*" */
	cr_expect_str_eq(a[0].login, "alice");
	cr_expect_null(a[0].old_value);
	cr_expect_str_eq(a[0].note, "first login on a new database");
	cr_expect_str_eq(a[0].field, "*");
	cr_expect_not_null(strstr(a[0].new_value, "\nrole=supervisor\n"),
			   "%s", a[0].new_value);
	audit_list_free(a, n);
	db_close(db);
}

STAFFTEST(unknown_login_is_read_only)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;

	db_close(db);
	db = open_as("bob");
	cr_assert_eq(db_role(db), ROLE_NONE);
	cr_assert(db_read_only(db));
	cr_assert_eq(txn_begin(db, &t, &err), FD_E_READONLY);
	cr_assert_null(t);
	cr_assert_not_null(strstr(err.msg, "bob is not on the staff list"),
			   "%s", err.msg);
	cr_assert_eq(staff_add(db, "carol", "", ROLE_TRAINER, &err),
		     FD_E_READONLY);
	cr_assert_eq(staff_update(db, "alice", NULL, ROLE_TRAINER, true, &err),
		     FD_E_READONLY);
	db_close(db);
}

STAFFTEST(supervisor_adds_others_may_not)
{
	struct fd_db *db = open_as("alice");
	struct fd_db *bob;
	struct fd_err err = {{0}};
	struct staff *list = NULL;
	size_t n = 0;

	add_ok(db, "zoe", "Zoe", ROLE_PLACEMENT);
	add_ok(db, "bob", NULL, ROLE_FRONTDESK);
	cr_assert_eq(staff_list(db, &list, &n, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(list[0].login, "alice");
	cr_assert_str_eq(list[1].login, "bob");
	cr_assert_str_eq(list[1].name, "");
	cr_assert_eq(list[1].role, ROLE_FRONTDESK);
	cr_assert_str_eq(list[2].login, "zoe");
	cr_assert_eq(list[2].role, ROLE_PLACEMENT);
	staff_list_free(list, n);

	bob = open_as("bob");
	cr_assert_eq(db_role(bob), ROLE_FRONTDESK);
	cr_assert_not(db_read_only(bob));
	cr_assert_eq(i18n_load("en", NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(staff_add(bob, "carol", "", ROLE_TRAINER, &err),
		     FD_E_DENIED);
	cr_assert_not_null(strstr(err.msg, "supervisor"), "%s", err.msg);
	cr_assert_eq(staff_update(bob, "bob", NULL, ROLE_SUPERVISOR, true, &err),
		     FD_E_DENIED);
	db_close(bob);
	db_close(db);
}

STAFFTEST(duplicate_and_bad_input)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct staff s = {0};

	add_ok(db, "bob", "Bob", ROLE_TRAINER);
	/* the refusal is a catalog text (the command line says it) */
	cr_assert_eq(i18n_load("en", NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(staff_add(db, "bob", "Other", ROLE_FRONTDESK, &err),
		     FD_E_EXISTS);
	cr_assert_str_eq(err.msg, "bob is already on the staff list");
	i18n_free();
	cr_assert_eq(staff_add(db, "Bob Smith", "", ROLE_TRAINER, &err),
		     FD_E_INVALID);
	cr_assert_not_null(strstr(err.msg, "not a valid login name"), "%s",
			   err.msg);
	cr_assert_eq(staff_add(db, "carol", "", ROLE_NONE, &err),
		     FD_E_INVALID);
	cr_assert_eq(staff_add(db, "carol", "\xff", ROLE_TRAINER, &err),
		     FD_E_INVALID);
	cr_assert_not_null(strstr(err.msg, "UTF-8"), "%s", err.msg);
	cr_assert_eq(staff_get(db, "carol", &s, &err), FD_E_NOTFOUND);
	cr_assert_eq(staff_update(db, "carol", NULL, ROLE_TRAINER, true, &err),
		     FD_E_NOTFOUND);
	cr_assert_not_null(strstr(err.msg, "carol"), "%s", err.msg);
	db_close(db);
}

STAFFTEST(chinese_name)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct staff s = {0};
	const char *name = "\xe9\xa9\xac\xe5\xb0\x8f\xe8\x8a\xb3"; /* 马小芳 */
	char toolong[41 * 3 + 1] = "";

	add_ok(db, "mxf", name, ROLE_TRAINER);
	cr_assert_eq(staff_get(db, "mxf", &s, &err), FD_OK, "%s", err.msg);
	cr_assert_str_eq(s.name, name);
	staff_clear(&s);
	for (int i = 0; i < 41; i++)
		strcat(toolong, "\xe8\x8a\xb3");
	cr_assert_eq(staff_add(db, "long", toolong, ROLE_TRAINER, &err),
		     FD_E_INVALID);
	cr_assert_not_null(strstr(err.msg, "40 characters"), "%s", err.msg);
	db_close(db);
}

STAFFTEST(update_audits_changed_fields)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct audit_entry *a = NULL;
	struct staff s = {0};
	size_t n = 0;

	add_ok(db, "bob", "Bob", ROLE_TRAINER);
	cr_assert_eq(staff_update(db, "bob", NULL, ROLE_PLACEMENT, false, &err),
		     FD_OK, "%s", err.msg);
	cr_assert_eq(staff_get(db, "bob", &s, &err), FD_OK);
	cr_assert_eq(s.role, ROLE_PLACEMENT);
	cr_assert_not(s.active);
	cr_assert_str_eq(s.name, "Bob");
	staff_clear(&s);
	cr_assert_eq(audit_list(db, "staff", "bob", 2, &a, &n, &err), FD_OK);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(a[0].field, "active");
	cr_assert_str_eq(a[0].old_value, "1");
	cr_assert_str_eq(a[0].new_value, "0");
	cr_assert_str_eq(a[1].field, "role");
	cr_assert_str_eq(a[1].old_value, "trainer");
	cr_assert_str_eq(a[1].new_value, "placement");
	audit_list_free(a, n);
	db_close(db);

	/* An inactive login gets a read-only session. */
	db = open_as("bob");
	cr_assert_eq(db_role(db), ROLE_NONE);
	cr_assert(db_read_only(db));
	db_close(db);
}

STAFFTEST(last_supervisor_protected)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};

	cr_assert_eq(staff_update(db, "alice", NULL, ROLE_TRAINER, true, &err),
		     FD_E_DENIED);
	cr_assert_not_null(strstr(err.msg, "last active supervisor"), "%s",
			   err.msg);
	cr_assert_eq(staff_update(db, "alice", NULL, ROLE_SUPERVISOR, false,
				  &err),
		     FD_E_DENIED);
	/* A name change alone is fine. */
	cr_assert_eq(staff_update(db, "alice", "Alice", ROLE_SUPERVISOR, true,
				  &err),
		     FD_OK, "%s", err.msg);

	add_ok(db, "carol", "", ROLE_SUPERVISOR);
	cr_assert_eq(staff_update(db, "alice", NULL, ROLE_TRAINER, true, &err),
		     FD_OK, "%s", err.msg);
	/* alice's own session follows the change at once. */
	cr_assert_eq(db_role(db), ROLE_TRAINER);
	cr_assert_not(db_read_only(db));
	cr_assert_eq(staff_add(db, "dan", "", ROLE_TRAINER, &err), FD_E_DENIED);
	db_close(db);

	db = open_as("carol");
	cr_assert_eq(staff_update(db, "carol", NULL, ROLE_SUPERVISOR, false,
				  &err),
		     FD_E_DENIED);
	db_close(db);
}

STAFFTEST(demoted_elsewhere_is_refused)
{
	struct fd_db *alice = open_as("alice");
	struct fd_db *carol;
	struct fd_err err = {{0}};

	add_ok(alice, "carol", "", ROLE_SUPERVISOR);
	carol = open_as("carol");
	cr_assert_eq(staff_update(carol, "alice", NULL, ROLE_FRONTDESK, true,
				  &err),
		     FD_OK, "%s", err.msg);
	/* alice's session still says supervisor, the table does not. */
	cr_assert_eq(db_role(alice), ROLE_SUPERVISOR);
	cr_assert_eq(i18n_load("en", NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(staff_add(alice, "dan", "", ROLE_TRAINER, &err),
		     FD_E_DENIED);
	cr_assert_not_null(strstr(err.msg, "no longer"), "%s", err.msg);
	cr_assert_eq(db_role_refresh(alice, &err), FD_OK);
	cr_assert_eq(db_role(alice), ROLE_FRONTDESK);
	db_close(carol);
	db_close(alice);
}

/* A supervisor may not deactivate their own login (the session would be
 * read-only at once, with no way back), even with another supervisor. */
STAFFTEST(own_login_cannot_be_deactivated)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct staff s = {0};

	add_ok(db, "carol", "", ROLE_SUPERVISOR);
	cr_assert_eq(staff_update(db, "alice", NULL, ROLE_SUPERVISOR, false,
				  &err),
		     FD_E_DENIED);
	cr_assert_not_null(strstr(err.msg, "own login"), "%s", err.msg);
	cr_assert_eq(staff_get(db, "alice", &s, &err), FD_OK);
	cr_assert(s.active);
	staff_clear(&s);
	cr_assert_not(db_read_only(db));
	/* Another supervisor may, and the last-supervisor rule still holds
	 * for carol. */
	cr_assert_eq(staff_update(db, "carol", NULL, ROLE_SUPERVISOR, false,
				  &err),
		     FD_OK, "%s", err.msg);
	db_close(db);
}

/* An inactive login is read-only for its own reason (not "not on the
 * list"), and staff add of it reactivates it with the role given. */
STAFFTEST(inactive_login_read_only_then_reactivated)
{
	struct fd_db *alice = open_as("alice");
	struct fd_db *bob;
	struct fd_err err = {{0}};
	struct staff s = {0};
	bool back = false;

	add_ok(alice, "bob", "Bob", ROLE_TRAINER);
	cr_assert_eq(staff_update(alice, "bob", NULL, ROLE_TRAINER, false,
				  &err),
		     FD_OK, "%s", err.msg);
	bob = open_as("bob");
	cr_assert(db_read_only(bob));
	cr_assert_eq(db_read_only_cause(bob), DB_RO_INACTIVE);
	cr_assert_not_null(strstr(db_read_only_reason(bob), "bob is inactive"),
			   "%s", db_read_only_reason(bob));
	cr_assert_null(strstr(db_read_only_reason(bob), "not on the staff"),
		       "%s", db_read_only_reason(bob));
	/* bob cannot bring himself back. */
	cr_assert_eq(staff_add(bob, "bob", "", ROLE_TRAINER, &err),
		     FD_E_READONLY);
	db_close(bob);

	cr_assert_eq(staff_add_or_reactivate(alice, "bob", "", ROLE_FRONTDESK,
					     &back, &err),
		     FD_OK, "%s", err.msg);
	cr_assert(back);
	cr_assert_eq(staff_get(alice, "bob", &s, &err), FD_OK);
	cr_assert(s.active);
	cr_assert_eq(s.role, ROLE_FRONTDESK);
	cr_assert_str_eq(s.name, "Bob"); /* an empty name keeps the old one */
	staff_clear(&s);
	/* Active now: adding again is a duplicate, not a reactivation. */
	cr_assert_eq(staff_add_or_reactivate(alice, "bob", "", ROLE_FRONTDESK,
					     &back, &err),
		     FD_E_EXISTS);
	cr_assert_not(back);
	bob = open_as("bob");
	cr_assert_not(db_read_only(bob));
	cr_assert_eq(db_read_only_cause(bob), DB_RO_NONE);
	cr_assert_eq(db_role(bob), ROLE_FRONTDESK);
	db_close(bob);

	bob = open_as("nobody2");
	cr_assert_eq(db_read_only_cause(bob), DB_RO_NOT_STAFF);
	db_close(bob);
	db_close(alice);
}
