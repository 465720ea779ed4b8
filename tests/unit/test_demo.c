/*
 * demo.c: the requested number of households with about four members
 * each, every household passing household_check with no error and no
 * warning, valid ID numbers and 户编号, participants within the age range,
 * the same data for the same seed and day (and other data for another
 * seed), refusal on a database that already has households, progress
 * reports, and the demo data found by search.
 *
 * Codes and regions are the embedded assets (the demo needs the villages
 * below Linxia that assets/regions.txt ships).
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/db.h"
#include "frontdesk/demo.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/search.h"

#include "fixture.h"

#define TODAY "2024-06-01"

static void
dm_setup(void)
{
	struct fd_err err = {{0}};

	fixture_setup();
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	cr_assert_eq(i18n_load("zh", NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(codes_load(NULL, NULL, &err), FD_OK, "%s", err.msg);
	household_set_participant_ages(16, 45);
}

static void
dm_teardown(void)
{
	codes_free();
	i18n_free();
	fixture_teardown();
}

#define DMTEST(name) Test(demo, name, .init = dm_setup, .fini = dm_teardown)

/* Every household and member value but the timestamps, as one string.
 * Caller frees. */
static char *
dump(struct fd_db *db)
{
	static const char *const sql[] = {
		"SELECT * FROM household ORDER BY id",
		"SELECT * FROM member ORDER BY id",
	};
	struct strbuf sb = {0};

	for (size_t q = 0; q < 2; q++) {
		sqlite3_stmt *st = NULL;

		cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db), sql[q], -1, &st,
						NULL),
			     SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const char *name = sqlite3_column_name(st, c);
				const char *v;

				if (strcmp(name, "created_at") == 0 ||
				    strcmp(name, "updated_at") == 0)
					continue;
				v = (const char *)sqlite3_column_text(st, c);
				strbuf_addf(&sb, "%s|", v ? v : "NULL");
			}
			strbuf_adds(&sb, "\n");
		}
		sqlite3_finalize(st);
	}
	return strbuf_take(&sb);
}

/* Count the calls and remember the last. */
struct dm_progress {
	int calls, first_done, last_done, last_total;
};

static void
dm_progress(void *ud, int done, int total)
{
	struct dm_progress *p = ud;

	if (p->calls++ == 0)
		p->first_done = done;
	p->last_done = done;
	p->last_total = total;
}

DMTEST(counts_and_no_issues)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct dm_progress prog = {0};
	sqlite3_stmt *st = NULL;
	long long members, households, participants;
	int checked = 0;

	cr_assert_eq(demo_fill_on(db, 0, 2026, TODAY, dm_progress, &prog, &err),
		     FD_OK, "%s", err.msg);
	households = query_int(db, "SELECT count(*) FROM household");
	members = query_int(db, "SELECT count(*) FROM member");
	cr_assert_eq(households, DEMO_DEFAULT_HOUSEHOLDS);
	cr_assert(members >= 3 * households && members <= 5 * households,
		  "%lld members in %lld households", members, households);
	cr_assert_eq(prog.first_done, 0);
	cr_assert_eq(prog.last_done, DEMO_DEFAULT_HOUSEHOLDS);
	cr_assert_eq(prog.last_total, DEMO_DEFAULT_HOUSEHOLDS);
	cr_assert_eq(prog.calls, DEMO_DEFAULT_HOUSEHOLDS + 1);

	/* 户编号: the village's 12 digits and 4 more, unique. */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM household"
				   " WHERE length(hh_no) <> 16"
				   " OR substr(hh_no, 1, 12) <> region"
				   " OR hh_no GLOB '*[^0-9]*'"),
		     0);
	/* Every member's ID of the village's county. */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM member m"
				   " JOIN household h ON h.id = m.household_id"
				   " WHERE substr(m.id_number, 1, 6)"
				   " <> substr(h.region, 1, 6)"),
		     0);
	/* Some participants, all within 16-45 on the day. */
	participants = query_int(db, "SELECT count(*) FROM member"
				     " WHERE participant = '1'");
	cr_assert_gt(participants, 0);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM member"
				   " WHERE participant = '1' AND"
				   " (birth > '2008-06-01'"
				   " OR birth <= '1978-06-01')"),
		     0);
	/* Several counties and ethnicities, both sexes as heads. */
	cr_assert_geq(query_int(db, "SELECT count(DISTINCT"
				    " substr(region, 1, 6)) FROM household"),
		      2);
	cr_assert_geq(query_int(db, "SELECT count(DISTINCT ethnicity)"
				    " FROM member"),
		      3);
	cr_assert_eq(query_int(db, "SELECT count(DISTINCT sex) FROM member"
				   " WHERE relation = '01'"),
		     2);

	/* Every household passes every check, warnings included. */
	cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db),
					"SELECT id FROM household ORDER BY id",
					-1, &st, NULL),
		     SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct household h;
		struct hh_issues is = {0};

		household_init(&h);
		cr_assert_eq(household_load(db, sqlite3_column_int64(st, 0), &h,
					    &err),
			     FD_OK, "%s", err.msg);
		for (size_t m = 0; m < h.nmembers; m++) {
			const char *idn = h.members[m]->v[MEM_ID_NUMBER];
			struct idcard card;

			cr_assert_eq(idcard_parse(idn, TODAY, &card),
				     IDCARD_OK);
		}
		cr_assert_eq(household_check(db, &h, TODAY, &is, &err), FD_OK,
			     "%s", err.msg);
		cr_assert_eq(is.n, 0, "household %s: %s (rule %s)",
			     h.hh->v[HH_NO], is.n ? is.v[0].text : "",
			     is.n ? is.v[0].rule : "");
		hh_issues_free(&is);
		household_clear(&h);
		checked++;
	}
	sqlite3_finalize(st);
	cr_assert_eq(checked, DEMO_DEFAULT_HOUSEHOLDS);
	db_close(db);
}

DMTEST(deterministic_for_a_seed)
{
	struct fd_err err = {{0}};
	struct fd_db *db;
	char *a, *b, *c;

	snprintf(dbpath, sizeof(dbpath), "%s/a.db", tmpdir);
	db = open_as("alice");
	cr_assert_eq(demo_fill_on(db, 40, 7, TODAY, NULL, NULL, &err), FD_OK,
		     "%s", err.msg);
	a = dump(db);
	db_close(db);

	snprintf(dbpath, sizeof(dbpath), "%s/b.db", tmpdir);
	db = open_as("bob");
	cr_assert_eq(demo_fill_on(db, 40, 7, TODAY, NULL, NULL, &err), FD_OK,
		     "%s", err.msg);
	b = dump(db);
	db_close(db);

	snprintf(dbpath, sizeof(dbpath), "%s/c.db", tmpdir);
	db = open_as("carol");
	cr_assert_eq(demo_fill_on(db, 40, 8, TODAY, NULL, NULL, &err), FD_OK,
		     "%s", err.msg);
	c = dump(db);
	db_close(db);

	cr_assert_gt(strlen(a), 1000);
	cr_assert_str_eq(a, b);
	cr_assert_str_neq(a, c);
	free(a);
	free(b);
	free(c);
}

DMTEST(refuses_a_database_with_households)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};

	cr_assert_eq(demo_fill_on(db, 5, 1, TODAY, NULL, NULL, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_eq(demo_fill(db, 5, 1, NULL, NULL, &err), FD_E_EXISTS);
	cr_assert(strstr(err.msg, "already holds 5"), "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM household"), 5);
	db_close(db);
}

DMTEST(read_only_session_writes_nothing)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};

	db_close(db);
	db = open_as("mallory");
	cr_assert_eq(demo_fill_on(db, 5, 1, TODAY, NULL, NULL, &err),
		     FD_E_READONLY, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM household"), 0);
	db_close(db);
}

DMTEST(found_by_search)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct search_result r = {0};
	sqlite3_stmt *st = NULL;
	char name[64], id[19];
	long long hid;

	cr_assert_eq(demo_fill(db, 30, 3, NULL, NULL, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db),
					"SELECT household_id, name, id_number"
					" FROM member WHERE relation = '03'"
					" ORDER BY id LIMIT 1",
					-1, &st, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	hid = sqlite3_column_int64(st, 0);
	snprintf(name, sizeof(name), "%s", sqlite3_column_text(st, 1));
	snprintf(id, sizeof(id), "%s", sqlite3_column_text(st, 2));
	sqlite3_finalize(st);

	cr_assert_eq(search_households(db, name, 0, &r, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_geq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, hid);
	search_result_free(&r);
	cr_assert_eq(search_households(db, id, 0, &r, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(r.v[0].household_id, hid);
	cr_assert_gt(r.v[0].members, 1);
	cr_assert_neq(r.v[0].head_name[0], '\0');
	search_result_free(&r);
	db_close(db);
}
