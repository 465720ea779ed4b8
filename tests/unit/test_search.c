/*
 * search.c and migration 003_search.sql: names of one, two and three
 * characters, whole and partial ID numbers, 户编号 prefixes, village names,
 * the empty query, ranking, limits, renamed and deleted members, queries
 * that look like FTS5 syntax, the bulk mode and the rebuild (whose
 * fd_search_chars spells names out exactly as the view does, odd names
 * included).
 *
 * Rows are written through the write door (txn_insert / txn_update /
 * txn_delete), so the tests also show that the index triggers run under
 * the door's authorizer. Each test has its own database; regions come from
 * a small table here.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/db.h"
#include "frontdesk/idcard.h"
#include "frontdesk/search.h"
#include "frontdesk/txn.h"

#include "fixture.h"

#define VILLAGE1 "622921100201"
#define VILLAGE2 "622921100202"

static const char sr_regions[] =
	"620000 | 甘肃省\n"
	"622900 | 临夏回族自治州\n"
	"622921 | 临夏县\n"
	"622921100 | 韩集镇\n"
	"622921100201 | 红星村\n"
	"622921100202 | 马家庄村\n";

static void
sr_setup(void)
{
	struct fd_err err = {{0}};

	fixture_setup();
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	cr_assert_eq(regions_load_buffer("regions.txt", sr_regions,
					 strlen(sr_regions), &err),
		     FD_OK, "%s", err.msg);
}

static void
sr_teardown(void)
{
	codes_free();
	fixture_teardown();
}

#define SRTEST(name) Test(search, name, .init = sr_setup, .fini = sr_teardown)

/* ---- helpers ---------------------------------------------------------- */

/* A valid ID number of Linxia county: birth YYYYMMDD, sequence (3). */
static void
make_id(char out[19], const char *birth, const char *seq)
{
	snprintf(out, 19, "622921%.8s%.3s", birth, seq);
	out[17] = idcard_check_char(out);
	out[18] = '\0';
}

/* Insert a household through the door; returns its id. */
static int64_t
add_hh(struct fd_db *db, const char *hh_no, const char *region,
       const char *updated)
{
	struct fd_txn *t = NULL;
	struct fd_err err = {{0}};
	const struct txn_field f[] = {
		{"hh_no", hh_no},
		{"region", region},
		{"created_at", "2024-01-01T00:00:00.000Z"},
		{"updated_at", updated},
	};
	int64_t id;

	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "household", "id", f, 4, &err), FD_OK,
		     "%s", err.msg);
	id = strtoll(txn_last_key(t), NULL, 10);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	return id;
}

/* Insert a member through the door; returns its id. */
static int64_t
add_mem(struct fd_db *db, int64_t hh, const char *id_number,
	const char *name, const char *relation)
{
	struct fd_txn *t = NULL;
	struct fd_err err = {{0}};
	char hid[24];
	const struct txn_field f[] = {
		{"household_id", hid},
		{"id_number", id_number},
		{"name", name},
		{"relation", relation},
		{"created_at", "2024-01-01T00:00:00.000Z"},
		{"updated_at", "2024-01-01T00:00:00.000Z"},
	};
	int64_t id;

	snprintf(hid, sizeof(hid), "%lld", (long long)hh);
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "member", "id", f, 6, &err), FD_OK, "%s",
		     err.msg);
	id = strtoll(txn_last_key(t), NULL, 10);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	return id;
}

/* Search, failing the test on an error. */
static void
find(struct fd_db *db, const char *q, size_t limit, struct search_result *r)
{
	struct fd_err err = {{0}};

	cr_assert_eq(search_households(db, q, limit, r, &err), FD_OK,
		     "search \"%s\": %s", q, err.msg);
}

/* Index of household id in r, or -1. */
static int
pos(const struct search_result *r, int64_t id)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].household_id == id)
			return (int)i;
	return -1;
}

/* The FTS5 tables agree with member and household (rank 1: the index is
 * compared with its content table or view). */
static void
fts_intact(void)
{
	static const char *const sql[] = {
		"INSERT INTO search_name(search_name, rank)"
		" VALUES('integrity-check', 1)",
		"INSERT INTO search_id(search_id, rank)"
		" VALUES('integrity-check', 1)",
		"INSERT INTO search_hh(search_hh, rank)"
		" VALUES('integrity-check', 1)",
	};

	for (size_t i = 0; i < 3; i++)
		raw_exec(sql[i]);
}

/* Two households: 马建国's (head, spouse, son) in 红星村 and 韩秀兰's in
 * 马家庄村. */
struct sr_data {
	int64_t hh1, hh2;
	int64_t head1, spouse1, son1, head2;
	char id_head1[19], id_spouse1[19], id_son1[19], id_head2[19];
};

static void
sr_data_make(struct fd_db *db, struct sr_data *d)
{
	make_id(d->id_head1, "19800501", "113");
	make_id(d->id_spouse1, "19820304", "124");
	make_id(d->id_son1, "20100901", "135");
	make_id(d->id_head2, "19751111", "246");
	d->hh1 = add_hh(db, "6229211002010001", VILLAGE1,
			"2024-01-01T00:00:00.000Z");
	d->head1 = add_mem(db, d->hh1, d->id_head1, "马建国", "01");
	d->spouse1 = add_mem(db, d->hh1, d->id_spouse1, "妥秀英", "02");
	d->son1 = add_mem(db, d->hh1, d->id_son1, "马小龙", "03");
	d->hh2 = add_hh(db, "6229211002020001", VILLAGE2,
			"2024-01-02T00:00:00.000Z");
	d->head2 = add_mem(db, d->hh2, d->id_head2, "韩秀兰", "01");
}

/* ---- tests ------------------------------------------------------------ */

SRTEST(one_character_name)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;

	sr_data_make(db, &d);
	find(db, "妥", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh1);
	cr_assert_eq(r.v[0].match, SEARCH_MATCH_NAME);
	cr_assert_eq(r.v[0].member_id, d.spouse1);
	cr_assert_str_eq(r.v[0].matched, "妥秀英");
	cr_assert_not(r.more);
	search_result_free(&r);

	/* 秀 is inside two names of two households. */
	find(db, "秀", 0, &r);
	cr_assert_eq(r.n, 2);
	cr_assert_geq(pos(&r, d.hh1), 0);
	cr_assert_geq(pos(&r, d.hh2), 0);
	search_result_free(&r);
	db_close(db);
}

SRTEST(two_character_name)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;

	sr_data_make(db, &d);
	find(db, "建国", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh1);
	cr_assert_str_eq(r.v[0].matched, "马建国");
	search_result_free(&r);

	find(db, "小龙", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].member_id, d.son1);
	search_result_free(&r);

	find(db, "建龙", 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);
	db_close(db);
}

SRTEST(three_character_name_and_details)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;

	sr_data_make(db, &d);
	find(db, "马小龙", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh1);
	cr_assert_eq(r.v[0].member_id, d.son1);
	/* The hit carries the head, not the member that matched. */
	cr_assert_str_eq(r.v[0].head_name, "马建国");
	cr_assert_str_eq(r.v[0].head_id, d.id_head1);
	cr_assert_str_eq(r.v[0].hh_no, "6229211002010001");
	cr_assert_str_eq(r.v[0].region, VILLAGE1);
	cr_assert_eq(r.v[0].members, 3);
	search_result_free(&r);

	/* Three characters inside a longer name. */
	add_mem(db, d.hh2, "622921200001010011", "阿卜杜热合曼", "03");
	find(db, "杜热合", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh2);
	search_result_free(&r);
	db_close(db);
}

SRTEST(long_and_latin_names)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;
	/* 20 characters: the last 4 are indexed as one block. */
	const char *long_name = "阿卜杜热合曼买买提明艾力江阿不都热西提";

	sr_data_make(db, &d);
	add_mem(db, d.hh2, "622921200001010011", long_name, "03");
	add_mem(db, d.hh2, "622921200001010038", "Mary Ann", "04");
	find(db, "买买提", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_str_eq(r.v[0].matched, long_name);
	search_result_free(&r);
	find(db, "阿不", 0, &r); /* characters 13-14 */
	cr_assert_eq(r.n, 1);
	search_result_free(&r);
	find(db, "ann", 0, &r); /* case folded by the index */
	cr_assert_eq(r.n, 1);
	cr_assert_str_eq(r.v[0].matched, "Mary Ann");
	search_result_free(&r);
	db_close(db);
	fts_intact();
}

SRTEST(whole_id_number)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;
	char lower[19];

	sr_data_make(db, &d);
	find(db, d.id_spouse1, 0, &r);
	cr_assert_geq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh1);
	cr_assert_eq(r.v[0].match, SEARCH_MATCH_ID);
	cr_assert_eq(r.v[0].member_id, d.spouse1);
	cr_assert_str_eq(r.v[0].matched, d.id_spouse1);
	search_result_free(&r);

	/* An ID ending in X is found when typed with a lower-case x. */
	make_id(lower, "19900101", "002");
	for (unsigned seq = 2; lower[17] != 'X' && seq < 1000; seq += 2) {
		char s[12];

		snprintf(s, sizeof(s), "%03u", seq);
		make_id(lower, "19900101", s);
	}
	cr_assert_eq(lower[17], 'X');
	add_mem(db, d.hh2, lower, "韩晓", "03");
	lower[17] = 'x';
	find(db, lower, 0, &r);
	cr_assert_geq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh2);
	cr_assert_eq(r.v[0].match, SEARCH_MATCH_ID);
	search_result_free(&r);
	db_close(db);
}

SRTEST(last_digits_and_middle_of_id)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;

	sr_data_make(db, &d);
	find(db, d.id_head2 + 14, 0, &r);
	cr_assert_geq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh2);
	cr_assert_eq(r.v[0].match, SEARCH_MATCH_ID);
	cr_assert_str_eq(r.v[0].matched, d.id_head2);
	search_result_free(&r);

	/* The last five, and six digits of the birth date. */
	find(db, d.id_son1 + 13, 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].member_id, d.son1);
	search_result_free(&r);
	find(db, "100901", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh1);
	cr_assert_eq(r.v[0].member_id, d.son1);
	search_result_free(&r);

	/* More than 6 digits from the middle: birth date and sequence. */
	find(db, "19800501113", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].member_id, d.head1);
	search_result_free(&r);
	/* 6 of them that end the same as another ID's do not match it. */
	find(db, "19820501113", 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);

	/* The start of an ID number (a region code): by prefix. */
	find(db, "6229211982", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].member_id, d.spouse1);
	cr_assert_eq(r.v[0].match, SEARCH_MATCH_ID);
	search_result_free(&r);
	db_close(db);
}

SRTEST(household_number_prefix_and_exact)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;

	sr_data_make(db, &d);
	find(db, "622921100202", 0, &r);
	cr_assert_eq(r.v[0].household_id, d.hh2);
	cr_assert_eq(r.v[0].match, SEARCH_MATCH_HH_NO);
	search_result_free(&r);

	/* Both numbers start with 62292110020; both households. */
	find(db, "62292110020", 0, &r);
	cr_assert_eq(r.n, 2);
	cr_assert_eq(r.v[0].household_id, d.hh1);
	cr_assert_eq(r.v[1].household_id, d.hh2);
	search_result_free(&r);

	/* Short digits: 户编号 prefix only. */
	find(db, "62", 0, &r);
	cr_assert_eq(r.n, 2);
	search_result_free(&r);

	/* The exact number comes first. */
	find(db, "6229211002020001", 0, &r);
	cr_assert_eq(r.v[0].household_id, d.hh2);
	cr_assert_eq(r.v[0].match, SEARCH_MATCH_HH_NO);
	search_result_free(&r);

	/* Digits inside the number (trigram). */
	find(db, "9211002", 0, &r);
	cr_assert_eq(r.n, 2);
	search_result_free(&r);
	db_close(db);
}

SRTEST(village_name)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;

	sr_data_make(db, &d);
	find(db, "红星", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh1);
	cr_assert_eq(r.v[0].match, SEARCH_MATCH_VILLAGE);
	cr_assert_str_eq(r.v[0].matched, "红星村");
	search_result_free(&r);

	/* 马 starts two names of household 1 and is in household 2's
	 * village: names first, the village after. */
	find(db, "马", 0, &r);
	cr_assert_eq(r.n, 2);
	cr_assert_eq(r.v[0].household_id, d.hh1);
	cr_assert_eq(r.v[0].match, SEARCH_MATCH_NAME);
	cr_assert_eq(r.v[1].household_id, d.hh2);
	cr_assert_eq(r.v[1].match, SEARCH_MATCH_VILLAGE);
	cr_assert_str_eq(r.v[1].matched, "马家庄村");
	search_result_free(&r);
	db_close(db);
}

SRTEST(empty_query_lists_recent)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;
	struct fd_txn *t = NULL;
	struct fd_err err = {{0}};
	char key[24];
	const struct txn_field f[] = {
		{"updated_at", "2024-02-01T00:00:00.000Z"}};

	sr_data_make(db, &d);
	find(db, "", 0, &r);
	cr_assert_eq(r.n, 2);
	cr_assert_eq(r.v[0].household_id, d.hh2);
	cr_assert_eq(r.v[0].match, SEARCH_MATCH_NONE);
	cr_assert_str_eq(r.v[0].matched, "");
	cr_assert_eq(r.v[1].household_id, d.hh1);
	search_result_free(&r);

	snprintf(key, sizeof(key), "%lld", (long long)d.hh1);
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_update(t, "household", "id", key, f, 1, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	find(db, "  ", 0, &r);
	cr_assert_eq(r.n, 2);
	cr_assert_eq(r.v[0].household_id, d.hh1);
	search_result_free(&r);
	db_close(db);
}

SRTEST(renamed_member)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;
	struct fd_txn *t = NULL;
	struct fd_err err = {{0}};
	char key[24];
	const struct txn_field f[] = {{"name", "何小虎"}};

	sr_data_make(db, &d);
	snprintf(key, sizeof(key), "%lld", (long long)d.son1);
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_update(t, "member", "id", key, f, 1, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);

	find(db, "小虎", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].member_id, d.son1);
	cr_assert_str_eq(r.v[0].matched, "何小虎");
	search_result_free(&r);
	find(db, "何", 0, &r);
	cr_assert_eq(r.n, 1);
	search_result_free(&r);
	find(db, "小龙", 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);
	find(db, "马小龙", 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);
	/* 马建国 still is 马. */
	find(db, "马建", 0, &r);
	cr_assert_eq(r.n, 1);
	search_result_free(&r);
	/* His ID number still finds him. */
	find(db, d.id_son1 + 12, 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].member_id, d.son1);
	search_result_free(&r);
	db_close(db);
	fts_intact();
}

SRTEST(changed_id_number)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;
	struct fd_txn *t = NULL;
	struct fd_err err = {{0}};
	char key[24], id[19];
	struct txn_field f[] = {{"id_number", NULL}};

	sr_data_make(db, &d);
	make_id(id, "19770707", "777");
	f[0].value = id;
	snprintf(key, sizeof(key), "%lld", (long long)d.head2);
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_update(t, "member", "id", key, f, 1, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	find(db, "19770707", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh2);
	search_result_free(&r);
	find(db, "19751111", 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);
	db_close(db);
	fts_intact();
}

SRTEST(deleted_member_and_household)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;
	struct fd_txn *t = NULL;
	struct fd_err err = {{0}};
	char key[24];

	sr_data_make(db, &d);
	snprintf(key, sizeof(key), "%lld", (long long)d.spouse1);
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_delete(t, "member", "id", key, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	find(db, "妥秀英", 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);
	find(db, "妥", 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);
	find(db, d.id_spouse1, 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);
	find(db, "马建国", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].members, 2);
	search_result_free(&r);

	/* The whole second household. */
	snprintf(key, sizeof(key), "%lld", (long long)d.head2);
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_delete(t, "member", "id", key, &err), FD_OK, "%s",
		     err.msg);
	snprintf(key, sizeof(key), "%lld", (long long)d.hh2);
	cr_assert_eq(txn_delete(t, "household", "id", key, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	find(db, "6229211002020001", 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);
	find(db, "9211002", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh1);
	search_result_free(&r);
	db_close(db);
	fts_intact();
}

/* Insert a member inside t; returns the status. */
static enum fd_status
try_mem(struct fd_txn *t, int64_t hh, const char *id_number, const char *name)
{
	struct fd_err err = {{0}};
	char hid[24];
	const struct txn_field f[] = {
		{"household_id", hid},
		{"id_number", id_number},
		{"name", name},
		{"relation", "03"},
		{"created_at", "2024-01-01T00:00:00.000Z"},
		{"updated_at", "2024-01-01T00:00:00.000Z"},
	};

	snprintf(hid, sizeof(hid), "%lld", (long long)hh);
	return txn_insert(t, "member", "id", f, 6, &err);
}

SRTEST(rollbacks_keep_the_index_exact)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;
	struct fd_txn *t = NULL;
	struct fd_err err = {{0}};

	sr_data_make(db, &d);
	/* A failed insert (same ID number) between two good ones. */
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(try_mem(t, d.hh2, "622921200101010017", "沙一"), FD_OK);
	cr_assert_eq(try_mem(t, d.hh2, d.id_head1, "沙二"), FD_E_EXISTS);
	cr_assert_eq(try_mem(t, d.hh2, "622921200101010033", "沙三"), FD_OK);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	find(db, "沙一", 0, &r);
	cr_assert_eq(r.n, 1);
	search_result_free(&r);
	find(db, "沙三", 0, &r);
	cr_assert_eq(r.n, 1);
	search_result_free(&r);
	find(db, "沙二", 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);

	/* A transaction rolled back. */
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(try_mem(t, d.hh2, "622921200101010050", "沙四"), FD_OK);
	txn_rollback(t);
	find(db, "沙四", 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);
	find(db, "沙", 0, &r);
	cr_assert_eq(r.n, 1);
	search_result_free(&r);
	db_close(db);
	fts_intact();
}

SRTEST(ranking_exact_prefix_contains)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	int64_t contains, prefix, exact;

	contains = add_hh(db, "1001", VILLAGE1, "2024-01-01T00:00:00.000Z");
	add_mem(db, contains, "622921198001010012", "韩马明", "01");
	prefix = add_hh(db, "1002", VILLAGE1, "2024-01-01T00:00:00.000Z");
	add_mem(db, prefix, "622921198001010039", "马明华", "01");
	exact = add_hh(db, "1003", VILLAGE1, "2024-01-01T00:00:00.000Z");
	add_mem(db, exact, "622921198001010055", "马明", "01");

	find(db, "马明", 0, &r);
	cr_assert_eq(r.n, 3);
	cr_assert_eq(r.v[0].household_id, exact);
	cr_assert_eq(r.v[1].household_id, prefix);
	cr_assert_eq(r.v[2].household_id, contains);
	search_result_free(&r);
	db_close(db);
}

SRTEST(limit_and_more)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	char no[16], id[19], seq[16];

	for (int i = 0; i < 5; i++) {
		int64_t h;

		snprintf(no, sizeof(no), "20%02d", i);
		snprintf(seq, sizeof(seq), "%03d", i);
		make_id(id, "19800101", seq);
		h = add_hh(db, no, VILLAGE1, "2024-01-01T00:00:00.000Z");
		add_mem(db, h, id, "杨明", "01");
		make_id(id, "19900101", seq);
		add_mem(db, h, id, "杨花", "02");
	}
	/* Two members per household, each household once. */
	find(db, "杨", 3, &r);
	cr_assert_eq(r.n, 3);
	cr_assert(r.more);
	for (size_t i = 0; i < r.n; i++)
		for (size_t j = 0; j < i; j++)
			cr_assert_neq(r.v[i].household_id,
				      r.v[j].household_id);
	search_result_free(&r);
	find(db, "杨", 5, &r);
	cr_assert_eq(r.n, 5);
	cr_assert_not(r.more);
	search_result_free(&r);
	find(db, "杨", 0, &r);
	cr_assert_eq(r.n, 5);
	search_result_free(&r);
	db_close(db);
}

SRTEST(odd_queries)
{
	static const char *const qs[] = {
		"\"", "\"\"", "马\"", "*", "马*", "AND", "NEAR(马 建)", "·",
		"(", ")", "'", "%", "_", "-", "^", "马 建", "\t马\n",
		"\xff\xfe", "\xe9\xa9", "x", "X", "123x4",
	};
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;

	sr_data_make(db, &d);
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		find(db, qs[i], 0, &r);
		search_result_free(&r);
	}
	/* Blanks and controls around a name are ignored. */
	find(db, "\t马建国\n", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh1);
	search_result_free(&r);
	db_close(db);
}

SRTEST(full_width_digits)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;
	char q[64] = "";

	sr_data_make(db, &d);
	/* The last four digits typed full-width, with an ideographic
	 * space after them. */
	for (int i = 14; i < 18; i++) {
		char c = d.id_head2[i];
		size_t n = strlen(q);

		if (c == 'X')
			snprintf(q + n, sizeof(q) - n, "\xef\xbc\xb8");
		else
			snprintf(q + n, sizeof(q) - n, "\xef\xbc%c",
				 (char)(0x90 + (c - '0')));
	}
	strcat(q, "\xe3\x80\x80");
	find(db, q, 0, &r);
	cr_assert_geq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, d.hh2);
	cr_assert_eq(r.v[0].match, SEARCH_MATCH_ID);
	search_result_free(&r);
	db_close(db);
}

SRTEST(head_missing)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	int64_t h = add_hh(db, "3001", VILLAGE1, "2024-01-01T00:00:00.000Z");

	add_mem(db, h, "622921198001010012", "冶成", "03");
	find(db, "冶成", 0, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_str_eq(r.v[0].head_name, "");
	cr_assert_str_eq(r.v[0].head_id, "");
	cr_assert_eq(r.v[0].members, 1);
	search_result_free(&r);
	db_close(db);
}

SRTEST(bulk_mode_and_rebuild)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;
	struct fd_txn *t = NULL;
	struct fd_err err = {{0}};
	char hid[24];
	const struct txn_field f[] = {
		{"household_id", hid},
		{"id_number", "622921199901010018"},
		{"name", "赵一鸣"},
		{"relation", "03"},
		{"created_at", "2024-01-01T00:00:00.000Z"},
		{"updated_at", "2024-01-01T00:00:00.000Z"},
	};

	sr_data_make(db, &d);
	snprintf(hid, sizeof(hid), "%lld", (long long)d.hh2);
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(search_bulk_begin(t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(txn_insert(t, "member", "id", f, 6, &err), FD_OK, "%s",
		     err.msg);
	/* Not indexed row by row while deferred. */
	find(db, "一鸣", 0, &r);
	cr_assert_eq(r.n, 0);
	search_result_free(&r);
	cr_assert_eq(search_bulk_end(t, &err), FD_OK, "%s", err.msg);
	find(db, "一鸣", 0, &r);
	cr_assert_eq(r.n, 1);
	search_result_free(&r);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT deferred FROM search_state"), 0);
	/* Both switches are audited. */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit"
				   " WHERE entity = 'search_state'"),
		     2);

	cr_assert_eq(search_rebuild(db, &err), FD_OK, "%s", err.msg);
	find(db, "赵", 0, &r);
	cr_assert_eq(r.n, 1);
	search_result_free(&r);
	find(db, "马建国", 0, &r);
	cr_assert_eq(r.n, 1);
	search_result_free(&r);
	find(db, "0018", 0, &r);
	cr_assert_eq(r.n, 1);
	search_result_free(&r);
	db_close(db);
	fts_intact();
}

SRTEST(rebuild_spells_odd_names_as_the_view)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct sr_data d;
	char sql[512];
	/* Written around the door (raw), as no form would: empty, one
	 * ASCII letter, 16, 17 and 20 characters, mixed, invalid UTF-8 (a
	 * lead byte alone, a stray continuation byte, a lead byte at the
	 * end), a blob. */
	static const char *const names[] = {
	    "''",
	    "'A'",
	    "'一二三四五六七八九十一二三四五六'",
	    "'一二三四五六七八九十一二三四五六七'",
	    "'一二三四五六七八九十一二三四五六七八九十'",
	    "'Ma 马 x'",
	    "CAST(X'E5A4E5A4A9' AS TEXT)",
	    "CAST(X'41A4A442' AS TEXT)",
	    "CAST(X'4142E5' AS TEXT)",
	    "CAST(X'C0C1FF41' AS TEXT)",
	    "X'E9A9AC41004243'",
	};

	sr_data_make(db, &d);
	for (size_t i = 0; i < FD_ARRAY_LEN(names); i++) {
		snprintf(sql, sizeof(sql),
			 "INSERT INTO member (household_id, id_number, name,"
			 " created_at, updated_at) VALUES (%lld, 'odd%zu', %s,"
			 " '', '')",
			 (long long)d.hh2, i, names[i]);
		raw_exec(sql);
	}
	cr_assert_eq(search_rebuild(db, &err), FD_OK, "%s", err.msg);
	/* Byte for byte what the view gives, row by row. */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM member m"
				   " JOIN search_name_text v ON v.id = m.id"),
		     4 + FD_ARRAY_LEN(names));
	cr_assert_eq(query_int(db, "SELECT count(*) FROM member m"
				   " JOIN search_name_text v ON v.id = m.id"
				   " WHERE v.chars IS NOT fd_search_chars(m.name)"),
		     0);
	cr_assert_eq(query_int(db, "SELECT fd_search_chars(NULL) IS NULL"),
		     1);
	db_close(db);
	fts_intact();
}

SRTEST(index_writes_only_through_the_door)
{
	struct fd_db *db = open_as("alice");
	sqlite3 *sql = db_sqlite(db);

	/* The door's authorizer refuses writing the index tables or the
	 * state directly, as any other table. */
	cr_assert_neq(sqlite3_exec(sql,
				   "UPDATE search_state SET deferred = 1",
				   NULL, NULL, NULL),
		      SQLITE_OK);
	cr_assert_neq(sqlite3_exec(sql,
				   "INSERT INTO search_name(rowid, chars)"
				   " VALUES (1, 'x')",
				   NULL, NULL, NULL),
		      SQLITE_OK);
	db_close(db);
}

SRTEST(read_only_session_searches)
{
	struct fd_db *db = open_as("alice");
	struct search_result r = {0};
	struct sr_data d;
	struct fd_err err = {{0}};

	sr_data_make(db, &d);
	db_close(db);
	db = open_as("mallory"); /* not on the staff list */
	cr_assert(db_read_only(db));
	find(db, "马建国", 0, &r);
	cr_assert_eq(r.n, 1);
	search_result_free(&r);
	cr_assert_neq(search_rebuild(db, &err), FD_OK);
	db_close(db);
}
