/*
 * draft.c: put, get, replace and drop a draft; drafts belong to the
 * session's login; drafts write no audit rows (while a real save does);
 * a read-only session cannot keep drafts. Each test has its own database
 * in its own mkdtemp directory.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/db.h"
#include "frontdesk/draft.h"
#include "frontdesk/household.h"
#include "frontdesk/txn.h"

#include "fixture.h"

#define DRAFTTEST(name, ...)                                               \
	Test(draft, name, .init = fixture_setup, .fini = fixture_teardown, \
	     ##__VA_ARGS__)

static void
put_ok(struct fd_db *db, const char *entity, const char *key,
       const char *text)
{
	struct fd_err err = {{0}};

	cr_assert_eq(draft_put(db, entity, key, text, &err), FD_OK, "%s",
		     err.msg);
}

DRAFTTEST(put_get_replace_drop)
{
	struct fd_db *db = open_as("clerk");
	struct fd_err err = {{0}};
	char *text = NULL, *at = NULL;

	cr_assert_eq(draft_get(db, "household", "new", &text, &at, &err),
		     FD_OK);
	cr_assert_null(text);
	cr_assert_null(at);

	put_ok(db, "household", "new", "hh_no=1\nname=马建国\\n");
	cr_assert_eq(draft_get(db, "household", "new", &text, &at, &err),
		     FD_OK, "%s", err.msg);
	cr_assert_str_eq(text, "hh_no=1\nname=马建国\\n");
	cr_assert_not_null(at);
	cr_assert_eq(strlen(at), strlen("2024-05-01T08:30:00.123Z"), "%s", at);
	free(text);
	free(at);

	put_ok(db, "household", "new", "hh_no=2");
	put_ok(db, "household", "17", "hh_no=17");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM draft"), 2);
	cr_assert_eq(draft_get(db, "household", "new", &text, NULL, &err),
		     FD_OK);
	cr_assert_str_eq(text, "hh_no=2");
	free(text);

	cr_assert_eq(draft_drop(db, "household", "new", &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(draft_get(db, "household", "new", &text, &at, &err),
		     FD_OK);
	cr_assert_null(text);
	cr_assert_eq(draft_drop(db, "household", "new", &err), FD_OK,
		     "dropping no draft is fine");
	cr_assert_eq(draft_get(db, "household", "17", &text, NULL, &err),
		     FD_OK);
	cr_assert_str_eq(text, "hh_no=17");
	free(text);
	db_close(db);
}

DRAFTTEST(drafts_write_no_audit_rows)
{
	struct fd_db *db = open_as("clerk");
	struct fd_err err = {{0}};
	struct fd_txn *t = NULL;
	const struct txn_field f[] = {{"name", "x"}, {"role", "trainer"},
				      {"active", "1"},
				      {"created_at", "2024-01-01"}};
	long long before = query_int(db, "SELECT count(*) FROM audit");

	put_ok(db, "household", "new", "a");
	put_ok(db, "household", "new", "ab");
	put_ok(db, "member", "3", "c");
	cr_assert_eq(draft_drop(db, "household", "new", &err), FD_OK);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit"),
		     before);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit WHERE"
					   " entity = 'draft'"),
		     0);
	/* the door still audits every other table */
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	{
		const struct txn_field g[] = {{"login", "x"}, f[0], f[1], f[2],
					      f[3]};

		cr_assert_eq(txn_insert(t, "staff", "login", g, 5, &err), FD_OK,
			     "%s", err.msg);
	}
	cr_assert_eq(txn_commit(t, &err), FD_OK);
	cr_assert_gt(query_int(db, "SELECT count(*) FROM audit"),
		     before);
	db_close(db);
}

DRAFTTEST(drafts_belong_to_their_login)
{
	struct fd_db *db = open_as("clerk");
	struct fd_err err = {{0}};
	char *text = NULL;

	raw_exec("INSERT INTO draft (login, entity, key, text,"
			 " saved_at) VALUES ('other', 'household', 'new',"
			 " 'theirs', '2024-01-01T00:00:00.000Z')");
	cr_assert_eq(draft_get(db, "household", "new", &text, NULL, &err),
		     FD_OK);
	cr_assert_null(text);
	put_ok(db, "household", "new", "mine");
	cr_assert_eq(draft_get(db, "household", "new", &text, NULL, &err),
		     FD_OK);
	cr_assert_str_eq(text, "mine");
	free(text);
	cr_assert_eq(draft_drop(db, "household", "new", &err), FD_OK);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM draft WHERE"
					   " login = 'other'"),
		     1);
	db_close(db);
}

DRAFTTEST(read_only_session_keeps_no_draft)
{
	struct fd_db *db = open_as("clerk");
	struct fd_err err = {{0}};

	db_close(db);
	db = open_as("stranger");
	cr_assert_eq(draft_put(db, "household", "new", "x", &err),
		     FD_E_READONLY);
	db_close(db);
}

DRAFTTEST(household_draft_round_trip)
{
	struct fd_db *db = open_as("clerk");
	struct fd_err err = {{0}};
	struct household h, back;
	char *text = NULL, *stored = NULL;
	size_t m;

	household_init(&h);
	h.hh = record_new(&entity_household);
	record_set(h.hh, HH_NO, "622921000001");
	record_set(h.hh, HH_HELPER_UNIT, "县扶贫办\n(二)\\");
	m = household_add_member(&h);
	record_set(h.members[m], MEM_NAME, "马建国");
	text = household_to_text(&h);
	put_ok(db, "household", "new", text);
	cr_assert_eq(draft_get(db, "household", "new", &stored, NULL, &err),
		     FD_OK);
	household_init(&back);
	household_from_text(&back, stored);
	cr_assert(record_equal(back.hh, h.hh));
	cr_assert_eq(back.nmembers, 1);
	cr_assert_str_eq(back.members[0]->v[MEM_NAME], "马建国");
	free(stored);
	free(text);
	household_clear(&back);
	household_clear(&h);
	db_close(db);
}
