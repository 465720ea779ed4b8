/*
 * audit.c: listing the audit log, newest first, filtered by entity and
 * key, with a limit. Each test has its own database file in its own
 * mkdtemp directory.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/audit.h"
#include "frontdesk/db.h"
#include "frontdesk/staff.h"

#include "fixture.h"

Test(audit, list_filters_and_order, .init = fixture_setup,
     .fini = fixture_teardown)
{
	struct fd_db *db = NULL;
	struct fd_err err = {{0}};
	struct audit_entry *a = NULL;
	size_t n = 0;

	cr_assert_eq(db_open(dbpath, "alice", NULL, &db, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(staff_add(db, "bob", "Bob", ROLE_TRAINER, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_eq(staff_update(db, "bob", "Robert", ROLE_TRAINER, true,
				  &err),
		     FD_OK, "%s", err.msg);

	cr_assert_eq(audit_list(db, NULL, NULL, 0, &a, &n, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(n, 3); /* alice added, bob added, rename */
	for (size_t i = 1; i < n; i++)
		cr_expect_gt(a[i - 1].id, a[i].id, "newest first");
	cr_assert_str_eq(a[0].field, "name");
	cr_assert_str_eq(a[0].old_value, "Bob");
	cr_assert_str_eq(a[0].new_value, "Robert");
	cr_assert_str_eq(a[0].entity_id, "bob");
	cr_assert_geq(strcmp(a[0].at, a[n - 1].at), 0);
	/* An insert is one row: field "*", its values as name=value lines. */
	cr_assert_str_eq(a[1].field, "*");
	cr_assert_str_eq(a[1].entity_id, "bob");
	cr_assert_null(a[1].old_value);
	cr_assert_not_null(strstr(a[1].new_value, "login=bob\n"), "%s",
			   a[1].new_value);
	cr_assert_not_null(strstr(a[1].new_value, "name=Bob\n"), "%s",
			   a[1].new_value);
	audit_list_free(a, n);

	cr_assert_eq(audit_list(db, "staff", "alice", 0, &a, &n, &err), FD_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(a[0].field, "*");
	cr_assert_not_null(strstr(a[0].new_value, "role=supervisor\n"), "%s",
			   a[0].new_value);
	audit_list_free(a, n);
	cr_assert_eq(audit_list(db, "staff", NULL, 2, &a, &n, &err), FD_OK);
	cr_assert_eq(n, 2);
	audit_list_free(a, n);
	cr_assert_eq(audit_list(db, "household", NULL, 0, &a, &n, &err),
		     FD_OK);
	cr_assert_eq(n, 0);
	audit_list_free(a, n);
	audit_list_free(NULL, 0);
	db_close(db);
}
