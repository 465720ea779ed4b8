/*
 * Registered poor households and their members: the field tables, loading,
 * the checks of DOMAIN.md, and saving through the write door.
 *
 * Design
 * - The entity tables below are the single description of the fields
 *   (order = enum hh_field / enum mem_field = form order); load, save,
 *   checks, drafts and CSV all walk them. Column names are the field names.
 * - household_check works on a normalised copy (household_normalize), so
 *   what it reports is what household_save will find; household_save
 *   normalises h itself, so the form shows the stored values afterwards.
 * - Checks produce struct hh_issue with a stable rule id (household.h),
 *   the member and field it belongs to, and a text from the RULE_* messages
 *   with the field's label as {1} where the message wants one.
 * - Rule 6 (exactly one of education / school status applies), precisely:
 *   a member is a STUDENT when school status is filled with a code other
 *   than 01 非在校生. A student has a school status and no education; a
 *   non-student (school status empty or 01) has an education (07 学龄前儿童
 *   for a child not yet at school). Violations, both reported on the
 *   education field: a student with an education, a non-student without.
 * - Rule 8 (a warning): health 01 健康, not a student (as above), aged 16
 *   to 60 inclusive on today, and labour 05 无劳动力 or 04 丧失劳动力 (a
 *   healthy working-age person who "lost the ability to work" is the same
 *   contradiction; assets/codes.txt documents both).
 * - The codes the rules rely on are the CODES_* constants of codes.h, which
 *   codes.c requires of every codes file (relation 01 户主, 02 配偶; school
 *   01; health 01; labour 04, 05; sex 1, 2; yes_no 1, 0).
 * - A value of a list (code, codes, yes/no, village) is looked up before
 *   its length is checked: a wrong label is "not in the list", whatever
 *   its length.
 * - Duplicate checks use indexed lookups only: household(hh_no) unique,
 *   member(id_number) unique, member(name, birth), household(region) with
 *   member joined on its primary key.
 * - Every query is one of enum household_q, got with household_stmt and
 *   given back with household_stmt_done: prepared and finalized per call,
 *   or kept prepared between household_batch_begin and _end (an import
 *   runs hundreds of thousands of them; preparing was most of its time).
 * - Versions: a household's version grows on every save of the household
 *   or of any of its members, so two sessions saving the same household
 *   always conflict; a member's version grows when its own row changes.
 *   household_save_in loads the stored household inside the caller's
 *   IMMEDIATE transaction and compares versions before anything else, then
 *   re-runs the checks there (another session may have inserted the same
 *   ID), and writes with txn_update_if(version = loaded) as a second
 *   guard. household_save is txn_begin + household_save_in + txn_commit:
 *   one code path for the form and the import.
 * - household_save_new_in is the same path for the import's new
 *   households (no load, no versions to compare), its inserts through
 *   txn_insert_bulk (household_bulk_cols: the same columns in the same
 *   order, so the same audit text), the duplicate queries left out when
 *   the import's filter proves them useless (an ID number twice in the
 *   household is still looked for).
 * - A save that would change nothing (every value and member as stored,
 *   none removed or new) writes nothing: no version moves, so another
 *   session editing the same household meanwhile gets no conflict.
 * - Recorded warnings: a warning is asked once for the values it is about
 *   (rule8: birth, health, school, labour; id_region: the ID number;
 *   likely_dup: name, birth, the household's village and the warning's
 *   text, which names the other household). household_mark_recorded
 *   finds it recorded when those values are the stored ones and a
 *   decision on it is newer, by audit id, than the last audit row that
 *   touched them; such a warning is neither asked nor recorded again. No
 *   column was added for this: the audit trail already says when each
 *   value last changed. A likely duplicate is one pair: "not a
 *   duplicate" said when one member was saved also answers it when the
 *   other side is saved, while neither name nor birth moved
 *   (HQ_DECIDED_PAIR; the decision's text names this household's number).
 * - An insert leaves empty values to the column default '' and the
 *   version to its default 1 (no audit rows for them: an import of a
 *   million members writes millions fewer); an update passes every field
 *   and txn_update writes and audits only the changed ones.
 *
 * Invariants
 * - Every value in a record is a string, never NULL; codes are stored, not
 *   labels; an ID number is stored normalised (18 characters, upper-case X).
 * - A failed save writes nothing and leaves h's ids and versions as they
 *   were (values may have been normalised).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/codes.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/txn.h"
#include "frontdesk/util.h"

#define HOUSEHOLD_LABOUR_AGE_MIN 16
#define HOUSEHOLD_LABOUR_AGE_MAX 60

/* Shorthand for the field tables: name, label, kind, list, max, required,
 * page, derived. */
#define F(n, l, k, c, m, r, p, d)                                          \
	{ .name = n, .label = l, .kind = k, .codes = c, .max_chars = m,    \
	  .required = r, .page = p, .derived = d }

static const struct field_def household_fields[HH__COUNT] = {
	[HH_NO] = F("hh_no", MSG_FIELD_HH_NO, FIELD_DIGITS, NULL, 30, true,
		    0, false),
	[HH_REGION] = F("region", MSG_FIELD_HH_REGION, FIELD_REGION, NULL, 12,
			true, 0, false),
	[HH_NATURAL_VILLAGE] = F("natural_village",
				 MSG_FIELD_HH_NATURAL_VILLAGE, FIELD_TEXT,
				 NULL, 30, false, 0, false),
	[HH_PHONE] = F("phone", MSG_FIELD_HH_PHONE, FIELD_PHONE, NULL, 11,
		       false, 0, false),
	[HH_STANDARD] = F("standard", MSG_FIELD_HH_STANDARD, FIELD_CODE,
			  "standard", 4, false, 0, false),
	[HH_ATTRIBUTE] = F("attribute", MSG_FIELD_HH_ATTRIBUTE, FIELD_CODE,
			   "attribute", 4, true, 0, false),
	[HH_MAIN_CAUSE] = F("main_cause", MSG_FIELD_HH_MAIN_CAUSE, FIELD_CODE,
			    "cause", 4, true, 0, false),
	[HH_OTHER_CAUSES] = F("other_causes", MSG_FIELD_HH_OTHER_CAUSES,
			      FIELD_CODES, "other_cause", 60, false, 0,
			      false),
	[HH_EXIT_STATUS] = F("exit_status", MSG_FIELD_HH_EXIT_STATUS,
			     FIELD_CODE, "exit_status", 4, false, 0, false),
	[HH_PLAN_EXIT_YEAR] = F("plan_exit_year", MSG_FIELD_HH_PLAN_EXIT_YEAR,
				FIELD_YEAR, NULL, 4, false, 0, false),
	[HH_EXIT_YEAR] = F("exit_year", MSG_FIELD_HH_EXIT_YEAR, FIELD_YEAR,
			   NULL, 4, false, 0, false),
	[HH_FIRST_IDENTIFIED] = F("first_identified",
				  MSG_FIELD_HH_FIRST_IDENTIFIED, FIELD_DATE,
				  NULL, 10, false, 0, false),
	[HH_BANK] = F("bank", MSG_FIELD_HH_BANK, FIELD_TEXT, NULL, 30, false,
		      0, false),
	[HH_BANK_ACCOUNT] = F("bank_account", MSG_FIELD_HH_BANK_ACCOUNT,
			      FIELD_DIGITS, NULL, 25, false, 0, false),
	[HH_HELPER_NAME] = F("helper_name", MSG_FIELD_HH_HELPER_NAME,
			     FIELD_TEXT, NULL, 20, false, 0, false),
	[HH_HELPER_UNIT] = F("helper_unit", MSG_FIELD_HH_HELPER_UNIT,
			     FIELD_TEXT, NULL, 40, false, 0, false),
	[HH_HELPER_POST] = F("helper_post", MSG_FIELD_HH_HELPER_POST,
			     FIELD_TEXT, NULL, 20, false, 0, false),
	[HH_HELPER_PHONE] = F("helper_phone", MSG_FIELD_HH_HELPER_PHONE,
			      FIELD_PHONE, NULL, 11, false, 0, false),
	[HH_INCOME_WAGE] = F("income_wage", MSG_FIELD_HH_INCOME_WAGE,
			     FIELD_MONEY, NULL, 12, false, 1, false),
	[HH_INCOME_BUSINESS] = F("income_business",
				 MSG_FIELD_HH_INCOME_BUSINESS, FIELD_MONEY,
				 NULL, 12, false, 1, false),
	[HH_INCOME_PROPERTY] = F("income_property",
				 MSG_FIELD_HH_INCOME_PROPERTY, FIELD_MONEY,
				 NULL, 12, false, 1, false),
	[HH_INCOME_TRANSFER] = F("income_transfer",
				 MSG_FIELD_HH_INCOME_TRANSFER, FIELD_MONEY,
				 NULL, 12, false, 1, false),
	[HH_INCOME_PER_CAPITA] = F("income_per_capita",
				   MSG_FIELD_HH_INCOME_PER_CAPITA, FIELD_MONEY,
				   NULL, 12, false, 1, false),
	[HH_LAND_MU] = F("land_mu", MSG_FIELD_HH_LAND_MU, FIELD_INT, NULL, 6,
			 false, 1, false),
	[HH_SAFE_WATER] = F("safe_water", MSG_FIELD_HH_SAFE_WATER, FIELD_BOOL,
			    "yes_no", 1, false, 1, false),
	[HH_SAFE_HOUSING] = F("safe_housing", MSG_FIELD_HH_SAFE_HOUSING,
			      FIELD_BOOL, "yes_no", 1, false, 1, false),
	[HH_VERIFIED] = F("verified", MSG_FIELD_HH_VERIFIED, FIELD_BOOL,
			  "yes_no", 1, false, 1, false),
};

static const struct field_def member_fields[MEM__COUNT] = {
	[MEM_ID_NUMBER] = F("id_number", MSG_FIELD_MEM_ID_NUMBER, FIELD_ID,
			    NULL, 18, true, 0, false),
	[MEM_NAME] = F("name", MSG_FIELD_MEM_NAME, FIELD_TEXT, NULL, 30, true,
		       0, false),
	[MEM_SEX] = F("sex", MSG_FIELD_MEM_SEX, FIELD_CODE, "sex", 1, false, 0,
		      true),
	[MEM_BIRTH] = F("birth", MSG_FIELD_MEM_BIRTH, FIELD_DATE, NULL, 10,
			false, 0, true),
	[MEM_RELATION] = F("relation", MSG_FIELD_MEM_RELATION, FIELD_CODE,
			   "relation", 4, true, 0, false),
	[MEM_ETHNICITY] = F("ethnicity", MSG_FIELD_MEM_ETHNICITY, FIELD_CODE,
			    "ethnicity", 4, false, 0, false),
	[MEM_EDUCATION] = F("education", MSG_FIELD_MEM_EDUCATION, FIELD_CODE,
			    "education", 4, false, 0, false),
	[MEM_SCHOOL] = F("school", MSG_FIELD_MEM_SCHOOL, FIELD_CODE, "school",
			 4, false, 0, false),
	[MEM_HEALTH] = F("health", MSG_FIELD_MEM_HEALTH, FIELD_CODE, "health",
			 4, false, 0, false),
	[MEM_LABOUR] = F("labour", MSG_FIELD_MEM_LABOUR, FIELD_CODE, "labour",
			 4, false, 0, false),
	[MEM_WORK_STATUS] = F("work_status", MSG_FIELD_MEM_WORK_STATUS,
			      FIELD_CODE, "work_status", 4, false, 0, false),
	[MEM_WORK_PLACE] = F("work_place", MSG_FIELD_MEM_WORK_PLACE,
			     FIELD_TEXT, NULL, 40, false, 0, false),
	[MEM_WORK_MONTHS] = F("work_months", MSG_FIELD_MEM_WORK_MONTHS,
			      FIELD_INT, NULL, 2, false, 0, false),
	[MEM_PHONE] = F("phone", MSG_FIELD_MEM_PHONE, FIELD_PHONE, NULL, 11,
			false, 0, false),
	[MEM_DISABILITY_NO] = F("disability_no", MSG_FIELD_MEM_DISABILITY_NO,
				FIELD_TEXT, NULL, 22, false, 0, false),
	[MEM_PARTICIPANT] = F("participant", MSG_FIELD_MEM_PARTICIPANT,
			      FIELD_BOOL, "yes_no", 1, false, 0, false),
};

#undef F

const struct entity entity_household = {
	.table = "household",
	.fields = household_fields,
	.n = HH__COUNT,
};

const struct entity entity_member = {
	.table = "member",
	.fields = member_fields,
	.n = MEM__COUNT,
};

static int household_participant_min = 16;
static int household_participant_max = 45;

/* Empty h (no records). */
void
household_init(struct household *h)
{
	memset(h, 0, sizeof(*h));
}

/* Free what h holds and make it empty again. */
void
household_clear(struct household *h)
{
	record_free(h->hh);
	for (size_t i = 0; i < h->nmembers; i++)
		record_free(h->members[i]);
	free(h->members);
	free(h->removed);
	household_init(h);
}

/* Append a new empty member record. */
size_t
household_add_member(struct household *h)
{
	h->members = xrealloc(h->members,
			      (h->nmembers + 1) * sizeof(*h->members));
	h->members[h->nmembers] = record_new(&entity_member);
	return h->nmembers++;
}

/* Drop member m, remembering a saved one's id for deletion. */
void
household_remove_member(struct household *h, size_t m)
{
	struct record *r;

	if (m >= h->nmembers)
		return;
	r = h->members[m];
	if (r->id) {
		h->removed = xrealloc(h->removed,
				      (h->nremoved + 1) * sizeof(*h->removed));
		h->removed[h->nremoved++] = r->id;
	}
	record_free(r);
	memmove(&h->members[m], &h->members[m + 1],
		(h->nmembers - m - 1) * sizeof(*h->members));
	h->nmembers--;
}

/* A deep copy of src into dst (initialised, empty). */
void
household_copy(struct household *dst, const struct household *src)
{
	household_init(dst);
	dst->hh = src->hh ? record_dup(src->hh)
			  : record_new(&entity_household);
	for (size_t i = 0; i < src->nmembers; i++) {
		size_t m = household_add_member(dst);

		record_free(dst->members[m]);
		dst->members[m] = record_dup(src->members[i]);
	}
	if (src->nremoved) {
		dst->removed = xcalloc(src->nremoved, sizeof(*dst->removed));
		memcpy(dst->removed, src->removed,
		       src->nremoved * sizeof(*dst->removed));
		dst->nremoved = src->nremoved;
	}
}

/* ---- statements ------------------------------------------------------- */

/* The queries of this file. */
enum household_q {
	HQ_HH_BY_ID,      /* household_load: the household */
	HQ_MEMBERS_OF,    /* household_load: its members, head first */
	HQ_ID_BY_NO,      /* household with this 户编号 */
	HQ_ID_BY_MEMBER,  /* household and member with this ID number */
	HQ_DUP_HH_NO,     /* household with this 户编号, not self */
	HQ_HH_NO_OF,      /* 户编号 of a household */
	HQ_HEAD_NAME,     /* head's (or first member's) name */
	HQ_DUP_ID,        /* member with this ID number */
	HQ_DUP_NAME_BIRTH, /* same name and birth, other household */
	HQ_DUP_NAME_VILL, /* same name, same village, other household */
	HQ_NOW,           /* the database's timestamp (as db_now) */
	HQ_DECIDED,       /* a warning accepted since its fields last moved */
	HQ_DECIDED_PAIR,  /* "not a duplicate" said from the other side */
	HQ__COUNT
};

static const char *const household_sql_fixed[HQ__COUNT] = {
	[HQ_ID_BY_NO] = "SELECT id FROM household WHERE hh_no = ?1",
	[HQ_ID_BY_MEMBER] = "SELECT household_id, id FROM member"
			    " WHERE id_number = ?1",
	[HQ_DUP_HH_NO] = "SELECT id FROM household WHERE hh_no = ?1"
			 " AND id <> ?2",
	[HQ_HH_NO_OF] = "SELECT hh_no FROM household WHERE id = ?1",
	[HQ_HEAD_NAME] = "SELECT name FROM member WHERE household_id = ?1"
			 " ORDER BY relation <> '" CODES_RELATION_HEAD "', id"
			 " LIMIT 1",
	[HQ_DUP_ID] = "SELECT id, household_id FROM member"
		      " WHERE id_number = ?1",
	/* min() rather than ORDER BY ... LIMIT 1: the same household (the
	 * lowest id; NULL, read as 0, when none) without a temporary b-tree
	 * built on every call. */
	[HQ_DUP_NAME_BIRTH] = "SELECT min(household_id) FROM member"
			      " WHERE name = ?1 AND birth = ?2"
			      " AND household_id <> ?3 AND id_number <> ?4",
	[HQ_DUP_NAME_VILL] = "SELECT min(m.household_id) FROM member m"
			     " JOIN household h ON h.id = m.household_id"
			     " WHERE m.name = ?1 AND h.region = ?2"
			     " AND m.household_id <> ?3 AND m.id_number <> ?4",
	[HQ_NOW] = "SELECT strftime('%Y-%m-%dT%H:%M:%fZ','now')",
	/* A decision on rule ?2 for member ?1 (with the text ?3 when not
	 * NULL), after whose audit row (the insert, field '*') no audit row
	 * touches the member's fields listed in ?4 (",a,b,"), its row as a
	 * whole ('*': an insert, a reused id), or household ?5's fields in
	 * ?6. Audit ids only grow, so "after" is exact, where timestamps
	 * could tie. */
	[HQ_DECIDED] =
		"SELECT 1 FROM decision d JOIN audit a"
		" ON a.entity = 'decision' AND a.entity_id = CAST(d.id AS TEXT)"
		" AND a.field = '*'"
		" WHERE d.entity = 'member' AND d.entity_id = ?1 AND d.rule = ?2"
		" AND (?3 IS NULL OR d.detail = ?3)"
		" AND NOT EXISTS (SELECT 1 FROM audit c WHERE c.entity = 'member'"
		"  AND c.entity_id = ?1 AND c.id > a.id"
		"  AND (c.field = '*' OR instr(?4, ',' || c.field || ',') > 0))"
		" AND NOT EXISTS (SELECT 1 FROM audit c WHERE"
		"  c.entity = 'household' AND c.entity_id = ?5 AND c.id > a.id"
		"  AND instr(?6, ',' || c.field || ',') > 0)"
		" LIMIT 1",
	/* The same pair declared "not a duplicate" from the other side: a
	 * likely_dup decision on a member of household ?1 named ?2 whose
	 * text names this household's number ?3 (digits, the same in every
	 * language), after whose audit row neither that member's nor member
	 * ?4's name or birth (nor either row as a whole) changed. */
	[HQ_DECIDED_PAIR] =
		"SELECT 1 FROM decision d JOIN member o"
		" ON d.entity = 'member' AND d.entity_id = CAST(o.id AS TEXT)"
		" JOIN audit a ON a.entity = 'decision'"
		" AND a.entity_id = CAST(d.id AS TEXT) AND a.field = '*'"
		" WHERE o.household_id = ?1 AND o.name = ?2"
		" AND d.rule = 'likely_dup' AND instr(d.detail, ?3) > 0"
		" AND NOT EXISTS (SELECT 1 FROM audit c WHERE c.entity = 'member'"
		"  AND c.entity_id IN (?4, d.entity_id) AND c.id > a.id"
		"  AND c.field IN ('*', 'name', 'birth'))"
		" LIMIT 1",
};

/* The statements kept by household_batch_begin (db NULL: no batch). */
static struct {
	struct fd_db *db;
	sqlite3_stmt *st[HQ__COUNT];
} household_batch;

/* "SELECT id, version, <fields> FROM <table> <rest>" for ent into buf. */
static void
household_select_sql(char *buf, size_t size, const struct entity *ent,
		     const char *rest)
{
	struct strbuf sb = {0};

	strbuf_adds(&sb, "SELECT id, version");
	for (size_t i = 0; i < ent->n; i++)
		strbuf_addf(&sb, ", \"%s\"", ent->fields[i].name);
	strbuf_addf(&sb, " FROM \"%s\" %s", ent->table, rest);
	fd_strlcpy(buf, sb.buf, size);
	strbuf_free(&sb);
}

/* The SQL of query q. */
static const char *
household_sql(enum household_q q)
{
	static char hh_by_id[1024], members_of[1024];

	if (q == HQ_HH_BY_ID) {
		if (!*hh_by_id)
			household_select_sql(hh_by_id, sizeof(hh_by_id),
					     &entity_household, "WHERE id = ?1");
		return hh_by_id;
	}
	if (q == HQ_MEMBERS_OF) {
		if (!*members_of)
			household_select_sql(members_of, sizeof(members_of),
					     &entity_member,
					     "WHERE household_id = ?1 ORDER BY"
					     " relation <> '" CODES_RELATION_HEAD
					     "', id");
		return members_of;
	}
	return household_sql_fixed[q];
}

/* The prepared statement of query q on db (the batch's when one runs on
 * db), or NULL with the connection's error set; give it back with
 * household_stmt_done. */
static sqlite3_stmt *
household_stmt(struct fd_db *db, enum household_q q)
{
	sqlite3_stmt *st = NULL;

	if (household_batch.db == db && household_batch.st[q])
		return household_batch.st[q];
	if (sqlite3_prepare_v2(db_sqlite(db), household_sql(q), -1, &st,
			       NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return NULL;
	}
	if (household_batch.db == db)
		household_batch.st[q] = st;
	return st;
}

/* Give back st of household_stmt: reset if the batch keeps it, else
 * finalized. NULL is ignored. */
static void
household_stmt_done(struct fd_db *db, sqlite3_stmt *st)
{
	if (!st)
		return;
	if (household_batch.db == db) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return;
	}
	sqlite3_finalize(st);
}

/* Keep the statements run on db prepared until household_batch_end. */
void
household_batch_begin(struct fd_db *db)
{
	household_batch_end();
	household_batch.db = db;
}

/* Finalize the batch's statements. */
void
household_batch_end(void)
{
	for (size_t i = 0; i < HQ__COUNT; i++)
		sqlite3_finalize(household_batch.st[i]);
	memset(&household_batch, 0, sizeof(household_batch));
}

/* ---- loading ---------------------------------------------------------- */

/* A record of ent from the current row of st (id, version, fields). */
static struct record *
household_row_record(const struct entity *ent, sqlite3_stmt *st)
{
	struct record *r = record_new(ent);

	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	for (size_t i = 0; i < ent->n; i++)
		record_set(r, i, (const char *)sqlite3_column_text(st, (int)i + 2));
	return r;
}

/* The error of a failed read of household id. */
static enum fd_status
household_read_fail(struct fd_db *db, int64_t id, struct fd_err *err)
{
	return fd_fail(err, FD_E_DB, "cannot read household %" PRId64 ": %s",
		       id, sqlite3_errmsg(db_sqlite(db)));
}

/* Fill out with household id and its members, head first then by id. */
enum fd_status
household_load(struct fd_db *db, int64_t id, struct household *out,
	       struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	struct household h;
	int rc = SQLITE_ERROR;

	household_init(&h);
	st = household_stmt(db, HQ_HH_BY_ID);
	if (st)
		rc = sqlite3_bind_int64(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		status = fd_fail(err, FD_E_NOTFOUND,
				 "household %" PRId64 " does not exist (someone "
				 "may have deleted it)",
				 id);
		goto out;
	}
	if (rc != SQLITE_ROW) {
		status = household_read_fail(db, id, err);
		goto out;
	}
	h.hh = household_row_record(&entity_household, st);
	household_stmt_done(db, st);

	rc = SQLITE_ERROR;
	st = household_stmt(db, HQ_MEMBERS_OF);
	if (st)
		rc = sqlite3_bind_int64(st, 1, id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t m = household_add_member(&h);

		record_free(h.members[m]);
		h.members[m] = household_row_record(&entity_member, st);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		status = household_read_fail(db, id, err);
		goto out;
	}
	household_clear(out);
	*out = h;
	household_init(&h);
out:
	household_stmt_done(db, st);
	household_clear(&h);
	return status;
}

/* The integers of the query q (one text parameter), 0 if none. */
static int64_t
household_query_id(struct fd_db *db, enum household_q q, const char *arg,
		   int64_t *second)
{
	sqlite3_stmt *st = NULL;
	int64_t id = 0;

	if (second)
		*second = 0;
	if (!arg)
		return 0;
	st = household_stmt(db, q);
	if (st &&
	    sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (second)
			*second = sqlite3_column_int64(st, 1);
	}
	household_stmt_done(db, st);
	return id;
}

/* The household whose 户编号 is hh_no. */
int64_t
household_id_by_no(struct fd_db *db, const char *hh_no)
{
	return household_query_id(db, HQ_ID_BY_NO, hh_no, NULL);
}

/* The household holding ID number id_number, and the member's id. */
int64_t
household_id_by_member(struct fd_db *db, const char *id_number,
		       int64_t *member_id)
{
	int64_t mid = 0, hid;

	hid = household_query_id(db, HQ_ID_BY_MEMBER, id_number, &mid);
	if (member_id)
		*member_id = mid;
	return hid;
}

/* ---- normalising ------------------------------------------------------ */

/* True for the ASCII blanks trimmed around values. */
static bool
household_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* The n bytes at s without surrounding ASCII blanks, as a new string. */
static char *
household_trimmed(const char *s, size_t n)
{
	while (n > 0 && household_blank(*s)) {
		s++;
		n--;
	}
	while (n > 0 && household_blank(s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Length of the separator of a code list at s (",", "，", "、", ";", "；"),
 * 0 if there is none. */
static size_t
household_separator(const char *s)
{
	static const char *const seps[] = {",", ";", "\xef\xbc\x8c",
					   "\xe3\x80\x81", "\xef\xbc\x9b"};

	for (size_t i = 0; i < FD_ARRAY_LEN(seps); i++)
		if (strncmp(s, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

/* v (several codes or labels) as codes joined by ","; unknown items kept. */
static char *
household_codes_normal(const char *list, const char *v)
{
	struct strbuf sb = {0};
	const char *p = v;

	while (*p) {
		const char *q = p;
		size_t sep = 0;
		char *item;

		while (*q && !(sep = household_separator(q)))
			q++;
		item = household_trimmed(p, (size_t)(q - p));
		if (*item) {
			const char *code = codes_find(list, item);

			if (sb.len)
				strbuf_adds(&sb, ",");
			strbuf_adds(&sb, code ? code : item);
		}
		free(item);
		p = *q ? q + sep : q;
	}
	return strbuf_take(&sb);
}

/* Normalise one value of r (see household_normalize). A value already in
 * its stored form is left as it is, without allocating: an import
 * normalises a million members, mostly stored or clean already. */
static void
household_normalize_value(struct record *r, size_t i, const char *today)
{
	const struct field_def *f = &r->ent->fields[i];
	const char *v = r->v[i];
	char *trimmed = NULL, *codes = NULL;
	size_t n = strlen(v);
	char phone[12];
	struct idcard card;
	const char *code;

	if (n && (household_blank(v[0]) || household_blank(v[n - 1]))) {
		trimmed = household_trimmed(v, n);
		v = trimmed;
	}
	switch (*v ? f->kind : FIELD_TEXT) {
	case FIELD_CODE:
	case FIELD_BOOL:
		/* a code is its own code: look labels up only otherwise */
		if (f->codes && !codes_label(f->codes, v) &&
		    (code = codes_find(f->codes, v)) != NULL)
			v = code;
		break;
	case FIELD_CODES:
		codes = household_codes_normal(f->codes, v);
		v = codes;
		break;
	case FIELD_PHONE:
		if (phone_valid(v, phone))
			v = phone;
		break;
	case FIELD_ID:
		if (idcard_parse(v, today, &card) == IDCARD_OK)
			v = card.number;
		break;
	default:
		break;
	}
	if (strcmp(v, r->v[i]) != 0)
		record_set(r, i, v);
	free(trimmed);
	free(codes);
}

/* Normalise every value of r; for a member, fill an empty sex or birth
 * date from a valid ID number. */
static void
household_normalize_record(struct record *r, const char *today)
{
	struct idcard card;

	for (size_t i = 0; i < r->ent->n; i++)
		household_normalize_value(r, i, today);
	if (r->ent == &entity_member &&
	    strlen(r->v[MEM_DISABILITY_NO]) > 17 &&
	    r->v[MEM_DISABILITY_NO][17] == 'x') {
		/* the ID inside a disability card number, as the ID is
		 * stored */
		char *d = xstrdup(r->v[MEM_DISABILITY_NO]);

		d[17] = 'X';
		record_set(r, MEM_DISABILITY_NO, d);
		free(d);
	}
	if (r->ent != &entity_member || (*r->v[MEM_SEX] && *r->v[MEM_BIRTH]))
		return;
	if (idcard_parse(r->v[MEM_ID_NUMBER], today, &card) != IDCARD_OK)
		return;
	if (!*r->v[MEM_SEX])
		record_set(r, MEM_SEX,
			   card.sex == 1 ? CODES_SEX_MALE : CODES_SEX_FEMALE);
	if (!*r->v[MEM_BIRTH])
		record_set(r, MEM_BIRTH, card.birth);
}

/* Normalise h as of day today. */
static void
household_normalize_on(struct household *h, const char *today)
{
	if (h->hh)
		household_normalize_record(h->hh, today);
	for (size_t m = 0; m < h->nmembers; m++)
		household_normalize_record(h->members[m], today);
}

/* Bring every value of h to its stored form. */
void
household_normalize(struct household *h)
{
	char today[11];

	idcard_today(today);
	household_normalize_on(h, today);
}

/* Fill the normalised number, sex and birth date of member m from its ID. */
int
household_member_from_id(struct household *h, size_t m)
{
	struct idcard card;
	enum idcard_error e;
	char today[11];
	struct record *r;

	if (m >= h->nmembers)
		return IDCARD_EMPTY;
	r = h->members[m];
	idcard_today(today);
	e = idcard_parse(r->v[MEM_ID_NUMBER], today, &card);
	if (e != IDCARD_OK)
		return e;
	record_set(r, MEM_ID_NUMBER, card.number);
	record_set(r, MEM_SEX,
			   card.sex == 1 ? CODES_SEX_MALE : CODES_SEX_FEMALE);
	record_set(r, MEM_BIRTH, card.birth);
	return e;
}

/* ---- drafts ----------------------------------------------------------- */

/* The household as sections of record_to_text lines. */
char *
household_to_text(const struct household *h)
{
	struct strbuf sb = {0};
	char *t;

	if (h->hh) {
		t = record_to_text(h->hh);
		strbuf_adds(&sb, "[household]\n");
		strbuf_adds(&sb, t);
		free(t);
	}
	for (size_t m = 0; m < h->nmembers; m++) {
		t = record_to_text(h->members[m]);
		strbuf_adds(&sb, "[member]\n");
		strbuf_adds(&sb, t);
		free(t);
	}
	if (h->nremoved) {
		strbuf_adds(&sb, "[removed]\nids=");
		for (size_t i = 0; i < h->nremoved; i++)
			strbuf_addf(&sb, "%s%" PRId64, i ? "," : "",
				    h->removed[i]);
		strbuf_adds(&sb, "\n");
	}
	return strbuf_take(&sb);
}

/* Parse the "ids=" line of a [removed] section into h->removed. */
static void
household_removed_from_text(struct household *h, const char *s)
{
	const char *p = strstr(s, "ids=");

	if (!p)
		return;
	p += 4;
	while (*p >= '0' && *p <= '9') {
		char *end;
		long long v = strtoll(p, &end, 10);

		h->removed = xrealloc(h->removed,
				      (h->nremoved + 1) * sizeof(*h->removed));
		h->removed[h->nremoved++] = (int64_t)v;
		p = *end == ',' ? end + 1 : end;
	}
}

/* Replace h with the household household_to_text wrote. */
void
household_from_text(struct household *h, const char *text)
{
	const char *p = text ? text : "";

	household_clear(h);
	h->hh = record_new(&entity_household);
	while (*p) {
		const char *body = strchr(p, '\n');
		const char *end;
		char *chunk;

		if (*p != '[' || !body) {
			p = body ? body + 1 : p + strlen(p);
			continue;
		}
		body++;
		end = body;
		while (*end && *end != '[') {
			const char *nl = strchr(end, '\n');

			end = nl ? nl + 1 : end + strlen(end);
		}
		chunk = xstrndup(body, (size_t)(end - body));
		if (strncmp(p, "[household]", 11) == 0) {
			record_from_text(h->hh, chunk);
		} else if (strncmp(p, "[member]", 8) == 0) {
			size_t m = household_add_member(h);

			record_from_text(h->members[m], chunk);
		} else if (strncmp(p, "[removed]", 9) == 0) {
			household_removed_from_text(h, chunk);
		}
		free(chunk);
		p = end;
	}
}

/* ---- checks ----------------------------------------------------------- */

/* Append an issue (text taken over) to is. */
static void
household_issue(struct hh_issues *is, int member, int field, bool warning,
		const char *rule, char *text, int64_t other)
{
	struct hh_issue *it;

	is->v = xrealloc(is->v, (is->n + 1) * sizeof(*is->v));
	it = &is->v[is->n++];
	memset(it, 0, sizeof(*it));
	it->member = member;
	it->field = field;
	it->warning = warning;
	fd_strlcpy(it->rule, rule, sizeof(it->rule));
	it->text = text;
	it->other_household = other;
}

/* Free the issues and zero is. */
void
hh_issues_free(struct hh_issues *is)
{
	if (!is)
		return;
	for (size_t i = 0; i < is->n; i++)
		free(is->v[i].text);
	free(is->v);
	is->v = NULL;
	is->n = 0;
}

/* True if any issue is an error. */
bool
hh_issues_have_errors(const struct hh_issues *is)
{
	for (size_t i = 0; is && i < is->n; i++)
		if (!is->v[i].warning)
			return true;
	return false;
}

/* Characters (code points) of UTF-8 s. */
static size_t
household_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* True if s is n or more ASCII digits and nothing else. */
static bool
household_all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* True if s is a real date "YYYY-MM-DD" of years 1800-2199. */
static bool
household_date_valid(const char *s)
{
	return util_date_parse(s, 1800, 2199, NULL, NULL, NULL);
}

/* True if s is a four-digit year 1900-2199. */
static bool
household_year_valid(const char *s)
{
	return strlen(s) == 4 && household_all_digits(s) &&
	       (s[0] == '1' ? s[1] == '9' : s[0] == '2' && s[1] <= '1');
}

/* True if s is digits with at most two decimals. */
static bool
household_money_valid(const char *s)
{
	const char *dot = strchr(s, '.');
	size_t ip = dot ? (size_t)(dot - s) : strlen(s);

	if (ip == 0)
		return false;
	for (size_t i = 0; i < ip; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	if (!dot)
		return true;
	return household_all_digits(dot + 1) && strlen(dot + 1) <= 2;
}

/* True if every comma-separated item of v is a code of list. */
static bool
household_codes_valid(const char *list, const char *v, char **bad)
{
	const char *p = v;

	while (*p) {
		const char *q = strchr(p, ',');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		char *item = xstrndup(p, n);
		const char *code = codes_find(list, item);

		if (!code || strcmp(code, item) != 0) {
			*bad = item;
			return false;
		}
		free(item);
		p = q ? q + 1 : p + n;
	}
	return true;
}

/* The text of the ID number error e for card. Caller frees. */
static char *
household_id_text(enum idcard_error e, const struct idcard *card)
{
	char expected[2] = {card->expected, '\0'};

	switch (e) {
	case IDCARD_EMPTY:
		return trf(MSG_RULE_ID_EMPTY, NULL, NULL);
	case IDCARD_LENGTH:
		return trf(MSG_RULE_ID_LENGTH, NULL, NULL);
	case IDCARD_CHARS:
		return trf(MSG_RULE_ID_CHARS, NULL, NULL);
	case IDCARD_DATE:
		return trf(MSG_RULE_ID_DATE, card->birth, NULL);
	case IDCARD_FUTURE:
		return trf(MSG_RULE_ID_FUTURE, card->birth, NULL);
	case IDCARD_CHECK:
	default:
		return trf(MSG_RULE_ID_CHECK, expected, NULL);
	}
}

/* The shape some fields must have beyond their kind (a message id, or
 * MSG__COUNT when fine): a disability card number is the holder's ID
 * number and a suffix of 1-4 digits (category and level: DOMAIN "the ID
 * plus a suffix"); a bank account number has 12 to 25 digits (bank card
 * numbers 16-19, company accounts up to 25). */
static enum fd_msg
household_check_shape(const struct record *r, size_t i)
{
	const char *v = r->v[i];
	size_t n = strlen(v);

	if (r->ent == &entity_member && i == MEM_DISABILITY_NO) {
		const char *id = r->v[MEM_ID_NUMBER];
		size_t idn = strlen(id);

		if (idn != 18 || n < idn + 1 || n > idn + 4 ||
		    strncasecmp(v, id, idn) != 0 ||
		    !household_all_digits(v + idn))
			return MSG_RULE_DISABILITY_NO;
	}
	if (r->ent == &entity_household && i == HH_BANK_ACCOUNT &&
	    (n < 12 || n > 25))
		return MSG_RULE_BANK_ACCOUNT;
	return MSG__COUNT;
}

/* True if s holds a full-width digit (０-９, U+FF10-FF19: EF BC 90-99). */
static bool
household_has_wide_digit(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; p[0]; p++)
		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99)
			return true;
	return false;
}

/* Check value i of r (member m, -1 for the household) against its field's
 * kind, list and limits. */
static void
household_check_value(struct hh_issues *is, int m, const struct record *r,
		      size_t i, const char *today)
{
	const struct field_def *f = &r->ent->fields[i];
	const char *v = r->v[i];
	const char *label = tr(f->label);
	const char *code;
	enum fd_msg msg = MSG__COUNT;
	struct idcard card;
	enum idcard_error e;
	char *bad = NULL;
	char max[16];
	size_t before = is->n;
	/* A value of a list (a wrong label is often long) is first looked up,
	 * so that it says "not in the list" rather than "too long". */
	bool listed = f->kind == FIELD_CODE || f->kind == FIELD_CODES ||
		      f->kind == FIELD_BOOL || f->kind == FIELD_REGION;
	bool too_long = household_chars(v) > (size_t)f->max_chars;

	if (!*v) {
		if (f->required)
			household_issue(is, m, (int)i, false, "required",
					f->kind == FIELD_ID
						? trf(MSG_RULE_ID_EMPTY, NULL,
						      NULL)
						: trf(MSG_RULE_REQUIRED, label,
						      NULL),
					0);
		return;
	}
	if (too_long && !listed) {
		snprintf(max, sizeof(max), "%d", f->max_chars);
		household_issue(is, m, (int)i, false, "too_long",
				trf(MSG_RULE_TOO_LONG, label, max), 0);
		return;
	}
	/* A person's name holds no digits (an ID number typed into the name
	 * field, QA saw one saved): 0-9 and the full-width ０-９. */
	if (r->ent == &entity_member && i == MEM_NAME &&
	    (strpbrk(v, "0123456789") || household_has_wide_digit(v))) {
		household_issue(is, m, (int)i, false, "name_digits",
				trf(MSG_RULE_NAME_DIGITS, label, NULL), 0);
		return;
	}
	switch (f->kind) {
	case FIELD_TEXT:
		break;
	case FIELD_DATE:
		if (!household_date_valid(v))
			msg = MSG_RULE_DATE;
		break;
	case FIELD_YEAR:
		if (!household_year_valid(v))
			msg = MSG_RULE_YEAR;
		break;
	case FIELD_DIGITS:
		if (!household_all_digits(v))
			msg = MSG_RULE_DIGITS;
		break;
	case FIELD_PHONE: {
		char phone[12];

		if (!phone_valid(v, phone) || strcmp(phone, v) != 0)
			msg = MSG_RULE_PHONE;
		break;
	}
	case FIELD_MONEY:
		if (!household_money_valid(v))
			msg = MSG_RULE_MONEY;
		break;
	case FIELD_INT:
		if (!household_all_digits(v))
			msg = MSG_RULE_NUMBER;
		break;
	case FIELD_BOOL:
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
			household_issue(is, m, (int)i, false, "code",
					trf(MSG_RULE_CODE, label, v), 0);
		break;
	case FIELD_CODE:
		code = codes_find(f->codes, v);
		if (!code || strcmp(code, v) != 0)
			household_issue(is, m, (int)i, false, "code",
					trf(MSG_RULE_CODE, label, v), 0);
		break;
	case FIELD_CODES:
		if (!household_codes_valid(f->codes, v, &bad))
			household_issue(is, m, (int)i, false, "code",
					trf(MSG_RULE_CODE, label, bad), 0);
		free(bad);
		break;
	case FIELD_REGION: {
		const struct region *reg = region_find(v);

		if (!reg || reg->level != REGION_VILLAGE)
			household_issue(is, m, (int)i, false, "region",
					trf(MSG_RULE_REGION, label, NULL), 0);
		break;
	}
	case FIELD_ID:
		e = idcard_parse(v, today, &card);
		if (e != IDCARD_OK)
			household_issue(is, m, (int)i, false, "id",
					household_id_text(e, &card), 0);
		else if (!region_of_id(card.number))
			household_issue(is, m, (int)i, true, "id_region",
					trf(MSG_RULE_ID_REGION, card.region,
					    NULL),
					0);
		break;
	}
	if (msg == MSG__COUNT && is->n == before)
		msg = household_check_shape(r, i);
	if (msg != MSG__COUNT)
		household_issue(is, m, (int)i, false, "format",
				trf(msg, label, NULL), 0);
	if (too_long && listed && is->n == before) {
		snprintf(max, sizeof(max), "%d", f->max_chars);
		household_issue(is, m, (int)i, false, "too_long",
				trf(MSG_RULE_TOO_LONG, label, max), 0);
	}
}

/* True if member r is a student (rule 6): school status filled with a code
 * other than the non-student one. */
static bool
household_student(const struct record *r)
{
	const char *school = r->v[MEM_SCHOOL];

	return *school && strcmp(school, CODES_SCHOOL_NONE) != 0;
}

/* The age of member r on today from its birth date, -1 if unknown. */
static int
household_age(const struct record *r, const char *today)
{
	struct idcard card;

	if (*r->v[MEM_BIRTH])
		return idcard_age(r->v[MEM_BIRTH], today);
	if (idcard_parse(r->v[MEM_ID_NUMBER], today, &card) == IDCARD_OK)
		return idcard_age(card.birth, today);
	return -1;
}

/* Sex and birth date of member m against its (valid) ID number. */
static void
household_check_derived(struct hh_issues *is, int m, const struct record *r,
			const char *today)
{
	struct idcard card;
	char sex[2];
	const char *label;

	if (idcard_parse(r->v[MEM_ID_NUMBER], today, &card) != IDCARD_OK)
		return;
	snprintf(sex, sizeof(sex), "%d", card.sex);
	if (*r->v[MEM_SEX] && strcmp(r->v[MEM_SEX], sex) != 0) {
		label = codes_label("sex", sex);
		household_issue(is, m, MEM_SEX, false, "sex_id",
				trf(MSG_RULE_SEX_ID, label ? label : sex, NULL),
				0);
	}
	if (*r->v[MEM_BIRTH] && strcmp(r->v[MEM_BIRTH], card.birth) != 0)
		household_issue(is, m, MEM_BIRTH, false, "birth_id",
				trf(MSG_RULE_BIRTH_ID, card.birth, NULL), 0);
}

/* Rules 3 and 4: one head, at most one spouse of the other sex. */
static void
household_check_family(struct hh_issues *is, const struct household *h)
{
	int heads = 0, spouses = 0, head = -1, second_head = -1;
	int second_spouse = -1;
	char n[16];

	if (h->nmembers == 0) {
		household_issue(is, -1, -1, false, "rule3",
				trf(MSG_RULE_NO_MEMBERS, NULL, NULL), 0);
		return;
	}
	for (size_t m = 0; m < h->nmembers; m++) {
		const char *rel = h->members[m]->v[MEM_RELATION];

		if (strcmp(rel, CODES_RELATION_HEAD) == 0) {
			if (++heads == 1)
				head = (int)m;
			else if (heads == 2)
				second_head = (int)m;
		} else if (strcmp(rel, CODES_RELATION_SPOUSE) == 0) {
			if (++spouses == 2)
				second_spouse = (int)m;
		}
	}
	if (heads != 1) {
		snprintf(n, sizeof(n), "%d", heads);
		household_issue(is, heads ? second_head : 0, MEM_RELATION,
				false, "rule3", trf(MSG_RULE_ONE_HEAD, n, NULL),
				0);
	}
	if (spouses > 1) {
		snprintf(n, sizeof(n), "%d", spouses);
		household_issue(is, second_spouse, MEM_RELATION, false,
				"rule3", trf(MSG_RULE_ONE_SPOUSE, n, NULL), 0);
	}
	if (heads != 1 || !*h->members[head]->v[MEM_SEX])
		return;
	for (size_t m = 0; m < h->nmembers; m++) {
		const struct record *r = h->members[m];

		if (strcmp(r->v[MEM_RELATION], CODES_RELATION_SPOUSE) == 0 &&
		    strcmp(r->v[MEM_SEX], h->members[head]->v[MEM_SEX]) == 0)
			household_issue(is, (int)m, MEM_SEX, false, "rule4",
					trf(MSG_RULE_SPOUSE_SEX, NULL, NULL),
					0);
	}
}

/* Rules 6, 7, 8 and the participant ages for member m. */
static void
household_check_member_rules(struct hh_issues *is, int m,
			     const struct record *r, const char *today)
{
	bool student = household_student(r);
	const char *months = r->v[MEM_WORK_MONTHS];
	int age = household_age(r, today);
	char a[16], range[32];

	/* Rule 6: say which one applies, not only that one does. */
	if (student && *r->v[MEM_EDUCATION])
		household_issue(is, m, MEM_EDUCATION, false, "rule6",
				xstrdup(tr(MSG_RULE_EDU_STUDENT)), 0);
	else if (!student && !*r->v[MEM_EDUCATION])
		household_issue(is, m, MEM_EDUCATION, false, "rule6",
				xstrdup(tr(MSG_RULE_EDU_NEEDED)), 0);
	if (!*months || household_all_digits(months)) {
		bool worked = *months && strtol(months, NULL, 10) > 0;

		if (worked != (*r->v[MEM_WORK_PLACE] != '\0'))
			household_issue(is, m, MEM_WORK_PLACE, false, "rule7",
					trf(MSG_RULE_WORK_PLACE, NULL, NULL),
					0);
	}
	if (!student && age >= HOUSEHOLD_LABOUR_AGE_MIN &&
	    age <= HOUSEHOLD_LABOUR_AGE_MAX &&
	    strcmp(r->v[MEM_HEALTH], CODES_HEALTH_HEALTHY) == 0 &&
	    (strcmp(r->v[MEM_LABOUR], CODES_LABOUR_NONE) == 0 ||
	     strcmp(r->v[MEM_LABOUR], CODES_LABOUR_LOST) == 0))
		household_issue(is, m, MEM_LABOUR, true, "rule8",
				trf(MSG_RULE_NO_LABOUR, r->v[MEM_NAME], NULL),
				0);
	if (strcmp(r->v[MEM_PARTICIPANT], "1") == 0 && age >= 0 &&
	    (age < household_participant_min ||
	     age > household_participant_max)) {
		snprintf(a, sizeof(a), "%d", age);
		snprintf(range, sizeof(range), "%d-%d",
			 household_participant_min, household_participant_max);
		household_issue(is, m, MEM_PARTICIPANT, false, "participant",
				trf(MSG_RULE_PARTICIPANT_AGE, a, range), 0);
	}
}

/* Prepared statements of the duplicate checks. */
struct household_dupq {
	struct fd_db *db;
	sqlite3_stmt *hh_no;      /* HQ_DUP_HH_NO */
	sqlite3_stmt *hh_of;      /* HQ_HH_NO_OF */
	sqlite3_stmt *head;       /* HQ_HEAD_NAME */
	sqlite3_stmt *id_number;  /* HQ_DUP_ID */
	sqlite3_stmt *name_birth; /* HQ_DUP_NAME_BIRTH */
	sqlite3_stmt *name_vill;  /* HQ_DUP_NAME_VILL */
};

/* Get the statements of q; false with err filled on failure. */
static bool
household_dupq_open(struct fd_db *db, struct household_dupq *q,
		    struct fd_err *err)
{
	sqlite3_stmt **st[] = {&q->hh_no,     &q->hh_of,      &q->head,
			       &q->id_number, &q->name_birth, &q->name_vill};
	static const enum household_q which[] = {
		HQ_DUP_HH_NO, HQ_HH_NO_OF,	 HQ_HEAD_NAME,
		HQ_DUP_ID,    HQ_DUP_NAME_BIRTH, HQ_DUP_NAME_VILL};

	memset(q, 0, sizeof(*q));
	q->db = db;
	for (size_t i = 0; i < FD_ARRAY_LEN(st); i++) {
		*st[i] = household_stmt(db, which[i]);
		if (!*st[i]) {
			fd_fail(err, FD_E_DB,
				"cannot look for duplicates: %s",
				sqlite3_errmsg(db_sqlite(db)));
			return false;
		}
	}
	return true;
}

/* Give back the statements of q. */
static void
household_dupq_close(struct household_dupq *q)
{
	household_stmt_done(q->db, q->hh_no);
	household_stmt_done(q->db, q->hh_of);
	household_stmt_done(q->db, q->head);
	household_stmt_done(q->db, q->id_number);
	household_stmt_done(q->db, q->name_birth);
	household_stmt_done(q->db, q->name_vill);
}

/* Step st once: SQLITE_ROW, SQLITE_DONE, or an error (recorded in *rc). */
static bool
household_step(sqlite3_stmt *st, int *rc)
{
	int r = sqlite3_step(st);

	if (r != SQLITE_ROW && r != SQLITE_DONE)
		*rc = r;
	return r == SQLITE_ROW;
}

/* The text column 0 of st run with id, as a new string ("" if none). */
static char *
household_text_of(sqlite3_stmt *st, int64_t id, int *rc)
{
	char *s;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	s = xstrdup(household_step(st, rc)
			    ? (const char *)sqlite3_column_text(st, 0)
			    : "");
	sqlite3_reset(st);
	return s ? s : xstrdup("");
}

/* True if member id mid is one of h's members other than m, or removed. */
static bool
household_own_row(const struct household *h, size_t m, int64_t mid)
{
	for (size_t k = 0; k < h->nmembers; k++)
		if (k != m && h->members[k]->id == mid)
			return true;
	for (size_t k = 0; k < h->nremoved; k++)
		if (h->removed[k] == mid)
			return true;
	return false;
}

/* True (after reporting dup_id_self) if member m's ID number is an
 * earlier member's. */
static bool
household_id_twice(const struct household *h, size_t m, struct hh_issues *is)
{
	const char *idn = h->members[m]->v[MEM_ID_NUMBER];

	for (size_t k = 0; *idn && k < m; k++) {
		if (strcmp(h->members[k]->v[MEM_ID_NUMBER], idn) == 0) {
			household_issue(is, (int)m, MEM_ID_NUMBER, false,
					"dup_id_self",
					trf(MSG_RULE_DUP_ID_SELF, idn, NULL), 0);
			return true;
		}
	}
	return false;
}

/* The duplicate checks; FD_E_DB if a query failed. Without query (the
 * caller knows nothing stored can be a duplicate) only the ID numbers
 * given twice in h are looked for. */
static enum fd_status
household_check_dups(struct fd_db *db, const struct household *h,
		     bool query, struct hh_issues *is, struct fd_err *err)
{
	struct household_dupq q;
	const struct record *hr = h->hh;
	int64_t self = hr->id;
	int rc = SQLITE_OK;
	enum fd_status status = FD_OK;

	memset(&q, 0, sizeof(q));
	if (!query) {
		for (size_t m = 0; m < h->nmembers; m++)
			household_id_twice(h, m, is);
		goto out;
	}
	if (!household_dupq_open(db, &q, err)) {
		status = FD_E_DB;
		goto out;
	}
	if (*hr->v[HH_NO]) {
		sqlite3_bind_text(q.hh_no, 1, hr->v[HH_NO], -1, SQLITE_STATIC);
		sqlite3_bind_int64(q.hh_no, 2, self);
		if (household_step(q.hh_no, &rc)) {
			int64_t other = sqlite3_column_int64(q.hh_no, 0);
			char *head = household_text_of(q.head, other, &rc);

			household_issue(is, -1, HH_NO, false, "dup_hh",
					trf(MSG_RULE_DUP_HH, hr->v[HH_NO], head),
					other);
			free(head);
		}
		sqlite3_reset(q.hh_no);
	}
	for (size_t m = 0; m < h->nmembers; m++) {
		const struct record *r = h->members[m];
		const char *idn = r->v[MEM_ID_NUMBER];
		const char *name = r->v[MEM_NAME];
		bool dup = household_id_twice(h, m, is);
		int64_t other = 0;

		if (*idn && !dup) {
			sqlite3_bind_text(q.id_number, 1, idn, -1,
					  SQLITE_STATIC);
			if (household_step(q.id_number, &rc)) {
				int64_t mid = sqlite3_column_int64(q.id_number, 0);

				other = sqlite3_column_int64(q.id_number, 1);
				if (mid != r->id && !household_own_row(h, m, mid)) {
					char *no = household_text_of(q.hh_of,
								     other, &rc);

					household_issue(is, (int)m,
							MEM_ID_NUMBER, false,
							"dup_id",
							trf(MSG_RULE_DUP_ID, idn,
							    no),
							other);
					free(no);
					dup = true;
				}
			}
			sqlite3_reset(q.id_number);
		}
		if (dup || !*name)
			continue;
		other = 0;
		if (*r->v[MEM_BIRTH]) {
			sqlite3_bind_text(q.name_birth, 1, name, -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(q.name_birth, 2, r->v[MEM_BIRTH], -1,
					  SQLITE_STATIC);
			sqlite3_bind_int64(q.name_birth, 3, self);
			sqlite3_bind_text(q.name_birth, 4, idn, -1,
					  SQLITE_STATIC);
			if (household_step(q.name_birth, &rc))
				other = sqlite3_column_int64(q.name_birth, 0);
			sqlite3_reset(q.name_birth);
		}
		if (!other && *hr->v[HH_REGION]) {
			sqlite3_bind_text(q.name_vill, 1, name, -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(q.name_vill, 2, hr->v[HH_REGION], -1,
					  SQLITE_STATIC);
			sqlite3_bind_int64(q.name_vill, 3, self);
			sqlite3_bind_text(q.name_vill, 4, idn, -1,
					  SQLITE_STATIC);
			if (household_step(q.name_vill, &rc))
				other = sqlite3_column_int64(q.name_vill, 0);
			sqlite3_reset(q.name_vill);
		}
		if (other) {
			char *no = household_text_of(q.hh_of, other, &rc);

			household_issue(is, (int)m, MEM_NAME, true,
					"likely_dup",
					trf(MSG_RULE_LIKELY_DUP, name, no),
					other);
			free(no);
		}
	}
	if (rc != SQLITE_OK)
		status = fd_fail(err, FD_E_DB, "cannot look for duplicates: %s",
				 sqlite3_errstr(rc));
out:
	household_dupq_close(&q);
	return status;
}

/* Order of issues: errors first, then by member (household first), then
 * by field. */
static int
household_issue_cmp(const struct hh_issue *a, const struct hh_issue *b)
{
	if (a->warning != b->warning)
		return a->warning ? 1 : -1;
	if (a->member != b->member)
		return a->member < b->member ? -1 : 1;
	if (a->field != b->field)
		return a->field < b->field ? -1 : 1;
	return 0;
}

/* Stable insertion sort of the issues (there are few). */
static void
household_issues_sort(struct hh_issues *is)
{
	for (size_t i = 1; i < is->n; i++) {
		struct hh_issue x = is->v[i];
		size_t j = i;

		while (j > 0 && household_issue_cmp(&is->v[j - 1], &x) > 0) {
			is->v[j] = is->v[j - 1];
			j--;
		}
		is->v[j] = x;
	}
}

static void
household_mark_recorded(struct fd_db *db, const struct household *h,
			const struct household *cur, struct hh_issues *is);

/* Every check on c, which is normalised already (the duplicate queries
 * only when dups). */
static enum fd_status
household_check_normal(struct fd_db *db, const struct household *c,
		       const char *today, bool dups, struct hh_issues *out,
		       struct fd_err *err)
{
	enum fd_status status;

	for (size_t i = 0; i < entity_household.n; i++)
		household_check_value(out, -1, c->hh, i, today);
	household_check_family(out, c);
	for (size_t m = 0; m < c->nmembers; m++) {
		const struct record *r = c->members[m];

		for (size_t i = 0; i < entity_member.n; i++)
			household_check_value(out, (int)m, r, i, today);
		household_check_derived(out, (int)m, r, today);
		household_check_member_rules(out, (int)m, r, today);
	}
	status = household_check_dups(db, c, dups, out, err);
	household_issues_sort(out);
	return status;
}

/* Every check on a normalised copy of h. */
enum fd_status
household_check(struct fd_db *db, const struct household *h,
		const char *today, struct hh_issues *out, struct fd_err *err)
{
	struct household c;
	enum fd_status status;

	household_copy(&c, h);
	household_normalize_on(&c, today);
	status = household_check_normal(db, &c, today, true, out, err);
	if (status == FD_OK && c.hh->id) {
		struct household cur;
		struct fd_err lerr;

		/* Not loadable (deleted meanwhile): nothing counts as
		 * recorded, the save will say what happened. */
		household_init(&cur);
		if (household_load(db, c.hh->id, &cur, &lerr) == FD_OK)
			household_mark_recorded(db, &c, &cur, out);
		household_clear(&cur);
	}
	household_clear(&c);
	return status;
}

/* household_check without the duplicate queries. */
enum fd_status
household_check_stored(struct fd_db *db, const struct household *h,
		       const char *today, struct hh_issues *out,
		       struct fd_err *err)
{
	struct household c;
	enum fd_status status;

	household_copy(&c, h);
	household_normalize_on(&c, today);
	status = household_check_normal(db, &c, today, false, out, err);
	household_clear(&c);
	return status;
}

/* ---- participants ----------------------------------------------------- */

/* Set the participant age range. */
void
household_set_participant_ages(int min_age, int max_age)
{
	household_participant_min = min_age;
	household_participant_max = max_age;
}

/* True if member m's age on today is within the participant range. */
bool
household_member_may_participate(const struct household *h, size_t m,
				 const char *today)
{
	int age;

	if (m >= h->nmembers)
		return false;
	age = household_age(h->members[m], today);
	return age >= household_participant_min &&
	       age <= household_participant_max;
}

/* ---- saving ----------------------------------------------------------- */

/* True if accepted lists issue it (same rule, same member). */
static bool
household_accepted(const struct hh_issues *accepted, const struct hh_issue *it)
{
	for (size_t i = 0; accepted && i < accepted->n; i++)
		if (accepted->v[i].member == it->member &&
		    strcmp(accepted->v[i].rule, it->rule) == 0)
			return true;
	return false;
}

/* The stored member with id, or NULL. */
static const struct record *
household_stored_member(const struct household *s, int64_t id)
{
	for (size_t i = 0; i < s->nmembers; i++)
		if (s->members[i]->id == id)
			return s->members[i];
	return NULL;
}

/* True if h (as loaded) is behind the stored household s. */
static bool
household_stale(const struct household *h, const struct household *s)
{
	if (h->hh->version != s->hh->version)
		return true;
	for (size_t m = 0; m < h->nmembers; m++) {
		const struct record *r = h->members[m];
		const struct record *sr;

		if (!r->id)
			continue;
		sr = household_stored_member(s, r->id);
		if (!sr || sr->version != r->version)
			return true;
	}
	return false;
}

/* True if saving h would change nothing in the stored household s (same
 * values, same members, none removed, none new); h is not stale. */
static bool
household_unchanged(const struct household *h, const struct household *s)
{
	if (!h->hh->id || h->nremoved || h->nmembers != s->nmembers ||
	    !record_equal(h->hh, s->hh))
		return false;
	for (size_t m = 0; m < h->nmembers; m++) {
		const struct record *r = h->members[m];
		const struct record *sr =
			r->id ? household_stored_member(s, r->id) : NULL;

		if (!sr || !record_equal(r, sr))
			return false;
	}
	return true;
}

/* The fields whose values decide a warning of rule: the member's in mem,
 * the household's in hh (",a,b," lists for HQ_DECIDED, NULL-ended index
 * lists for comparing); *text true when the warning's text must also be
 * the one recorded (it names another household). False for a rule never
 * taken as recorded. */
static bool
household_rule_fields(const char *rule, const int **mem, const char **mem_csv,
		      const int **hh, const char **hh_csv, bool *text)
{
	static const int rule8[] = {MEM_BIRTH, MEM_HEALTH, MEM_SCHOOL,
				    MEM_LABOUR, -1};
	static const int id_region[] = {MEM_ID_NUMBER, -1};
	static const int dup[] = {MEM_NAME, MEM_BIRTH, -1};
	static const int dup_hh[] = {HH_REGION, -1};
	static const int none[] = {-1};

	*hh = none;
	*hh_csv = "";
	*text = false;
	if (strcmp(rule, "rule8") == 0) {
		*mem = rule8;
		*mem_csv = ",birth,health,school,labour,";
	} else if (strcmp(rule, "id_region") == 0) {
		*mem = id_region;
		*mem_csv = ",id_number,";
	} else if (strcmp(rule, "likely_dup") == 0) {
		*mem = dup;
		*mem_csv = ",name,birth,";
		*hh = dup_hh;
		*hh_csv = ",region,";
		*text = true;
	} else {
		return false;
	}
	return true;
}

/* Was the likely duplicate it (member r of h and a member of
 * it->other_household) declared "not a duplicate" when the other one was
 * saved? Then it is one decision about one pair, not asked again from
 * this side while neither name nor birth moved (HQ_DECIDED_PAIR). */
static bool
household_pair_decided(struct fd_db *db, const struct household *h,
		       const struct record *r, const struct hh_issue *it)
{
	sqlite3_stmt *st = household_stmt(db, HQ_DECIDED_PAIR);
	char mid[24];
	bool found = false;

	snprintf(mid, sizeof(mid), "%" PRId64, r->id);
	if (st && *h->hh->v[HH_NO] &&
	    sqlite3_bind_int64(st, 1, it->other_household) == SQLITE_OK &&
	    sqlite3_bind_text(st, 2, r->v[MEM_NAME], -1, SQLITE_STATIC) ==
		    SQLITE_OK &&
	    sqlite3_bind_text(st, 3, h->hh->v[HH_NO], -1, SQLITE_STATIC) ==
		    SQLITE_OK &&
	    sqlite3_bind_text(st, 4, mid, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		found = true;
	household_stmt_done(db, st);
	return found;
}

/* Mark the warnings of is that were accepted before for the same values
 * (DOMAIN: "a warning asks for confirmation and is recorded"; once
 * recorded it is not asked again while what it is about stays as it
 * was): the member is stored, the values the rule looks at are the stored
 * ones (cur, as loaded), and a decision on the rule for that member is
 * newer than every change of those values (HQ_DECIDED). A new member, a
 * changed value or any doubt asks again. */
static void
household_mark_recorded(struct fd_db *db, const struct household *h,
			const struct household *cur, struct hh_issues *is)
{
	char hid[24], mid[24];

	if (!h->hh->id || !cur->hh)
		return;
	snprintf(hid, sizeof(hid), "%" PRId64, h->hh->id);
	for (size_t i = 0; i < is->n; i++) {
		struct hh_issue *it = &is->v[i];
		const int *mem, *hh;
		const char *mem_csv, *hh_csv;
		const struct record *r, *sr;
		bool text, same = true;
		sqlite3_stmt *st;

		if (!it->warning || it->member < 0 ||
		    (size_t)it->member >= h->nmembers ||
		    !household_rule_fields(it->rule, &mem, &mem_csv, &hh,
					   &hh_csv, &text))
			continue;
		r = h->members[it->member];
		sr = r->id ? household_stored_member(cur, r->id) : NULL;
		if (!sr)
			continue;
		for (size_t k = 0; same && mem[k] >= 0; k++)
			same = strcmp(r->v[mem[k]], sr->v[mem[k]]) == 0;
		for (size_t k = 0; same && hh[k] >= 0; k++)
			same = strcmp(h->hh->v[hh[k]], cur->hh->v[hh[k]]) == 0;
		if (!same)
			continue;
		snprintf(mid, sizeof(mid), "%" PRId64, r->id);
		st = household_stmt(db, HQ_DECIDED);
		if (st &&
		    sqlite3_bind_text(st, 1, mid, -1, SQLITE_STATIC) == SQLITE_OK &&
		    sqlite3_bind_text(st, 2, it->rule, -1, SQLITE_STATIC) ==
			    SQLITE_OK &&
		    (!text || sqlite3_bind_text(st, 3, it->text, -1,
						SQLITE_STATIC) == SQLITE_OK) &&
		    sqlite3_bind_text(st, 4, mem_csv, -1, SQLITE_STATIC) ==
			    SQLITE_OK &&
		    sqlite3_bind_text(st, 5, hid, -1, SQLITE_STATIC) ==
			    SQLITE_OK &&
		    sqlite3_bind_text(st, 6, hh_csv, -1, SQLITE_STATIC) ==
			    SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			it->recorded = true;
		household_stmt_done(db, st);
		if (!it->recorded && text && it->other_household > 0)
			it->recorded = household_pair_decided(db, h, r, it);
	}
}

/* The txn fields of r (without the empty ones when skip_empty), then up
 * to 4 extra name/value pairs (NULL-ended). Returns the count; f must hold
 * r->ent->n + 4 entries. */
static size_t
household_fields_of(const struct record *r, struct txn_field *f,
		    const char *const *extra, bool skip_empty)
{
	size_t n = 0;

	for (size_t i = 0; i < r->ent->n; i++) {
		if (skip_empty && !*r->v[i])
			continue;
		f[n].name = r->ent->fields[i].name;
		f[n++].value = r->v[i];
	}
	for (size_t i = 0; extra && extra[i] && i < 8; i += 2) {
		f[n].name = extra[i];
		f[n++].value = extra[i + 1];
	}
	return n;
}

/* The columns of txn_insert_bulk for ent: its fields, then the extra
 * names (NULL-ended, at most 4), in the order household_fields_of gives
 * them; *n gets the count. Built once per entity (the arrays must keep
 * their address: txn_insert_bulk finds its statements by it). */
static const char *const *
household_bulk_cols(const struct entity *ent, const char *const *extra,
		    size_t *n)
{
	static const char *hh[HH__COUNT + 4], *mem[MEM__COUNT + 4];
	static size_t nhh, nmem;
	const char **cols = ent == &entity_household ? hh : mem;
	size_t *count = ent == &entity_household ? &nhh : &nmem;

	if (!*count) {
		for (size_t i = 0; i < ent->n; i++)
			cols[(*count)++] = ent->fields[i].name;
		for (size_t i = 0; extra && extra[i] && i < 8; i += 2)
			cols[(*count)++] = extra[i];
	}
	*n = *count;
	return cols;
}

/* Insert r into its table with the extra columns; *id gets its key. Empty
 * values are left to the columns' default '' and the version to its
 * default 1 (so they leave no audit rows saying so). bulk: through
 * txn_insert_bulk (the same row and audit row); the extra names must then
 * be the same on every call for an entity. */
static enum fd_status
household_insert(struct fd_txn *t, const struct record *r,
		  const char *const *extra, bool bulk, int64_t *id,
		  struct fd_err *err)
{
	struct txn_field f[MEM__COUNT + HH__COUNT + 4];
	const char *vals[MEM__COUNT + HH__COUNT + 4];
	const char *const *cols;
	size_t n;
	enum fd_status st;

	if (bulk) {
		size_t k = 0;

		cols = household_bulk_cols(r->ent, extra, &n);
		for (size_t i = 0; i < r->ent->n; i++, k++)
			vals[k] = *r->v[i] ? r->v[i] : NULL;
		for (size_t i = 0; extra && extra[i]; i += 2, k++) {
			if (k >= n || strcmp(cols[k], extra[i]) != 0)
				break;
			vals[k] = extra[i + 1];
		}
		if (k != n || (extra && extra[2 * (k - r->ent->n)]))
			return fd_fail(err, FD_E_INVALID,
				       "%s: other extra columns than before "
				       "(a program error)",
				       r->ent->table);
		st = txn_insert_bulk(t, r->ent->table, "id", cols, vals, n,
				     err);
	} else {
		n = household_fields_of(r, f, extra, true);
		st = txn_insert(t, r->ent->table, "id", f, n, err);
	}
	if (st == FD_OK)
		*id = strtoll(txn_last_key(t), NULL, 10);
	return st;
}

/* Update r in its table if its version is still r->version, with version
 * + 1 and updated_at = now. */
static enum fd_status
household_update(struct fd_txn *t, const struct record *r, const char *now,
		 struct fd_err *err)
{
	struct txn_field f[MEM__COUNT + HH__COUNT + 4];
	char key[24], ver[24], next[24];
	const char *const ext[] = {"version", next, "updated_at", now, NULL};
	struct txn_field expect = {"version", ver};
	size_t n;

	snprintf(key, sizeof(key), "%" PRId64, r->id);
	snprintf(ver, sizeof(ver), "%" PRId64, r->version);
	snprintf(next, sizeof(next), "%" PRId64, r->version + 1);
	n = household_fields_of(r, f, ext, false);
	return txn_update_if(t, r->ent->table, "id", key, &expect, 1, f, n,
			     err);
}

/* The columns of a decision row, in household_decide's order. */
static const char *const household_decision_cols[] = {
	"at", "login", "entity", "entity_id", "kind", "rule", "detail",
};

/* Record the accepted warning it of h (ids as now stored); bulk: through
 * txn_insert_bulk. */
static enum fd_status
household_decide(struct fd_txn *t, const char *now, const struct hh_issue *it,
		 int64_t hh_id, const int64_t *member_ids, bool bulk,
		 struct fd_err *err)
{
	const char *vals[FD_ARRAY_LEN(household_decision_cols)];
	char eid[24];
	bool dup = strcmp(it->rule, "likely_dup") == 0;
	struct txn_field f[] = {
		{"at", now},
		{"login", db_login(txn_db(t))},
		{"entity", it->member < 0 ? "household" : "member"},
		{"entity_id", eid},
		{"kind", dup ? "not_duplicate" : "warning_accepted"},
		{"rule", it->rule},
		{"detail", it->text},
	};

	snprintf(eid, sizeof(eid), "%" PRId64,
		 it->member < 0 ? hh_id : member_ids[it->member]);
	if (!bulk)
		return txn_insert(t, "decision", "id", f, FD_ARRAY_LEN(f), err);
	for (size_t i = 0; i < FD_ARRAY_LEN(f); i++)
		vals[i] = f[i].value;
	return txn_insert_bulk(t, "decision", "id", household_decision_cols,
			       vals, FD_ARRAY_LEN(f), err);
}

/* The writes of a save, inside t: removed members, the household, the
 * members, the decisions. ids/versions of the result in hh_id, mem_ids,
 * mem_vers. */
static enum fd_status
household_write(struct fd_txn *t, const struct household *h,
		const struct household *stored, const struct hh_issues *is,
		const char *now, bool bulk, int64_t *hh_id, int64_t *mem_ids,
		int64_t *mem_vers, struct fd_err *err)
{
	enum fd_status st = FD_OK;
	char key[24], hid[24];

	for (size_t k = 0; st == FD_OK && k < h->nremoved; k++) {
		snprintf(key, sizeof(key), "%" PRId64, h->removed[k]);
		st = txn_delete(t, "member", "id", key, err);
		if (st == FD_E_NOTFOUND)
			st = FD_OK;
	}
	if (st != FD_OK)
		return st;
	if (h->hh->id) {
		*hh_id = h->hh->id;
		st = household_update(t, h->hh, now, err);
	} else {
		const char *ext[] = {"created_at", now, "updated_at", now,
				     NULL};

		st = household_insert(t, h->hh, ext, bulk, hh_id, err);
	}
	snprintf(hid, sizeof(hid), "%" PRId64, *hh_id);
	for (size_t m = 0; st == FD_OK && m < h->nmembers; m++) {
		const struct record *r = h->members[m];
		const struct record *sr =
			r->id ? household_stored_member(stored, r->id) : NULL;

		mem_ids[m] = r->id;
		mem_vers[m] = r->version;
		if (r->id && sr && record_equal(r, sr))
			continue;
		if (r->id) {
			st = household_update(t, r, now, err);
			mem_vers[m] = r->version + 1;
		} else {
			const char *ext[] = {"household_id", hid,
					     "created_at", now,
					     "updated_at", now, NULL};

			st = household_insert(t, r, ext, bulk, &mem_ids[m],
					      err);
			mem_vers[m] = 1;
		}
	}
	for (size_t i = 0; st == FD_OK && i < is->n; i++)
		if (is->v[i].warning && !is->v[i].recorded)
			st = household_decide(t, now, &is->v[i], *hh_id, mem_ids,
					      bulk, err);
	return st;
}

/* The audit note: note (may be NULL), then the rules of the accepted
 * warnings once each ("import; accepted: rule8, likely_dup"); NULL when
 * both are empty. Caller frees. */
static char *
household_note(const char *note, const struct hh_issues *is)
{
	struct strbuf sb = {0};
	bool any = false;

	if (note && *note)
		strbuf_adds(&sb, note);
	for (size_t i = 0; i < is->n; i++) {
		bool seen = false;

		if (!is->v[i].warning || is->v[i].recorded)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = is->v[j].warning && !is->v[j].recorded &&
			       strcmp(is->v[j].rule, is->v[i].rule) == 0;
		if (seen)
			continue;
		if (!any)
			strbuf_adds(&sb, sb.len ? "; accepted: " : "accepted: ");
		else
			strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, is->v[i].rule);
		any = true;
	}
	return sb.len ? strbuf_take(&sb) : NULL;
}

/* The database's timestamp (see HQ_NOW). Caller frees. */
static char *
household_now(struct fd_db *db)
{
	sqlite3_stmt *st = household_stmt(db, HQ_NOW);
	char *now = NULL;

	if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		now = xstrdup((const char *)sqlite3_column_text(st, 0));
	household_stmt_done(db, st);
	return now ? now : db_now(db);
}

/* How household_save_do saves. */
enum household_how {
	HOUSEHOLD_ACCEPT_ALL = 1 << 0, /* every warning accepted */
	HOUSEHOLD_NO_DUPS = 1 << 1,    /* no duplicate queries (new only) */
	HOUSEHOLD_BULK = 1 << 2,       /* writes by txn_insert_bulk */
	HOUSEHOLD_NORMAL = 1 << 3,     /* h is normalised already */
};

/* Normalise, compare versions, check, write, inside t: household_save_in
 * when how is 0, household_save_accepting_in when it is
 * HOUSEHOLD_ACCEPT_ALL (every warning accepted, the issues handed to
 * *found when found is not NULL), household_save_new_in with the other
 * flags. */
static enum fd_status
household_save_do(struct fd_txn *t, struct household *h, const char *today,
		  const struct hh_issues *accepted, unsigned how,
		  struct household *stored, const char *note,
		  struct hh_issues *found, struct fd_err *err)
{
	bool all = how & HOUSEHOLD_ACCEPT_ALL;
	struct fd_db *db;
	struct household cur;
	struct hh_issues is = {0};
	enum fd_status st;
	int64_t hh_id = 0, *mem_ids = NULL, *mem_vers = NULL;
	char *now = NULL, *full = NULL;
	bool noted = false;

	household_init(&cur);
	if (!t) {
		st = fd_fail(err, FD_E_DB, "no transaction (a program error)");
		goto out;
	}
	db = txn_db(t);
	if (!h->hh)
		h->hh = record_new(&entity_household);
	if (!(how & HOUSEHOLD_NORMAL))
		household_normalize_on(h, today);
	if (h->hh->id) {
		st = household_load(db, h->hh->id, &cur, err);
		if (st != FD_OK)
			goto out;
		if (household_stale(h, &cur)) {
			st = fd_fail(err, FD_E_CONFLICT,
				     "household %s was changed by someone else "
				     "since you opened it; compare and choose",
				     h->hh->v[HH_NO]);
			if (stored) {
				household_clear(stored);
				*stored = cur;
				household_init(&cur);
			}
			goto out;
		}
		if (household_unchanged(h, &cur))
			goto out; /* FD_OK: nothing to write, nothing written */
	}
	st = household_check_normal(db, h, today, !(how & HOUSEHOLD_NO_DUPS),
				    &is, err);
	if (st != FD_OK)
		goto out;
	if (h->hh->id)
		household_mark_recorded(db, h, &cur, &is);
	for (size_t i = 0; i < is.n; i++) {
		if (!is.v[i].warning ||
		    (!all && !is.v[i].recorded &&
		     !household_accepted(accepted, &is.v[i]))) {
			st = fd_fail(err, FD_E_INVALID, "%s", is.v[i].text);
			goto out;
		}
	}
	full = household_note(note, &is);
	txn_note(t, full);
	noted = true;
	now = household_now(db);
	mem_ids = xcalloc(h->nmembers + 1, sizeof(*mem_ids));
	mem_vers = xcalloc(h->nmembers + 1, sizeof(*mem_vers));
	st = household_write(t, h, &cur, &is, now, how & HOUSEHOLD_BULK,
			     &hh_id, mem_ids, mem_vers, err);
	if (st != FD_OK)
		goto out;
	h->hh->version = h->hh->id ? h->hh->version + 1 : 1;
	h->hh->id = hh_id;
	for (size_t m = 0; m < h->nmembers; m++) {
		h->members[m]->id = mem_ids[m];
		h->members[m]->version = mem_vers[m];
	}
	free(h->removed);
	h->removed = NULL;
	h->nremoved = 0;
out:
	if (noted)
		txn_note(t, NULL);
	if (found) {
		hh_issues_free(found);
		*found = is;
	} else {
		hh_issues_free(&is);
	}
	household_clear(&cur);
	free(mem_ids);
	free(mem_vers);
	free(now);
	free(full);
	return st;
}

/* household_save_do with the warnings the caller accepted. */
enum fd_status
household_save_in(struct fd_txn *t, struct household *h, const char *today,
		  const struct hh_issues *accepted, struct household *stored,
		  const char *note, struct fd_err *err)
{
	return household_save_do(t, h, today, accepted, 0, stored, note,
				 NULL, err);
}

/* household_save_do accepting every warning, handing back the issues. */
enum fd_status
household_save_accepting_in(struct fd_txn *t, struct household *h,
			    const char *today, const char *note,
			    struct hh_issues *found, struct fd_err *err)
{
	return household_save_do(t, h, today, NULL, HOUSEHOLD_ACCEPT_ALL, NULL,
				 note, found, err);
}

/* household_save_accepting_in of a new household through the bulk
 * inserts, without the duplicate queries unless dups. */
enum fd_status
household_save_new_in(struct fd_txn *t, struct household *h,
		      const char *today, const char *note, bool dups,
		      struct hh_issues *found, struct fd_err *err)
{
	unsigned how = HOUSEHOLD_ACCEPT_ALL | HOUSEHOLD_BULK | HOUSEHOLD_NORMAL;

	if (h->hh && h->hh->id)
		return fd_fail(err, FD_E_INVALID,
			       "household %s is not new (a program error)",
			       h->hh->v[HH_NO]);
	if (!dups)
		how |= HOUSEHOLD_NO_DUPS;
	return household_save_do(t, h, today, NULL, how, NULL, note, found,
				 err);
}

/* The ids and versions of a household, kept across a save. */
struct household_ids {
	int64_t hh_id, hh_version;
	int64_t *ids, *versions; /* of each member */
	size_t n;
	int64_t *removed;
	size_t nremoved;
};

/* Keep h's ids, versions and removed ids in k. */
static void
household_ids_keep(struct household_ids *k, const struct household *h)
{
	memset(k, 0, sizeof(*k));
	k->hh_id = h->hh->id;
	k->hh_version = h->hh->version;
	k->n = h->nmembers;
	k->ids = xcalloc(k->n + 1, sizeof(*k->ids));
	k->versions = xcalloc(k->n + 1, sizeof(*k->versions));
	for (size_t m = 0; m < k->n; m++) {
		k->ids[m] = h->members[m]->id;
		k->versions[m] = h->members[m]->version;
	}
	k->nremoved = h->nremoved;
	k->removed = xcalloc(k->nremoved + 1, sizeof(*k->removed));
	if (h->nremoved)
		memcpy(k->removed, h->removed,
		       h->nremoved * sizeof(*k->removed));
}

/* Put the kept ids back into h (same members) and free k. */
static void
household_ids_restore(struct household_ids *k, struct household *h)
{
	h->hh->id = k->hh_id;
	h->hh->version = k->hh_version;
	for (size_t m = 0; m < k->n && m < h->nmembers; m++) {
		h->members[m]->id = k->ids[m];
		h->members[m]->version = k->versions[m];
	}
	free(h->removed);
	h->removed = k->removed;
	h->nremoved = k->nremoved;
	k->removed = NULL;
}

/* Free what k holds. */
static void
household_ids_free(struct household_ids *k)
{
	free(k->ids);
	free(k->versions);
	free(k->removed);
	memset(k, 0, sizeof(*k));
}

/* Begin, household_save_in, commit; a failed commit puts h's ids back. */
enum fd_status
household_save(struct fd_db *db, struct household *h, const char *today,
	       const struct hh_issues *accepted, struct household *stored,
	       struct fd_err *err)
{
	struct fd_txn *t = NULL;
	struct household_ids kept;
	enum fd_status st;

	if (!h->hh)
		h->hh = record_new(&entity_household);
	household_normalize_on(h, today);
	household_ids_keep(&kept, h);
	st = txn_begin(db, &t, err);
	if (st == FD_OK)
		st = household_save_in(t, h, today, accepted, stored, NULL,
				       err);
	if (st == FD_OK) {
		st = txn_commit(t, err);
		t = NULL;
		if (st != FD_OK)
			household_ids_restore(&kept, h);
	}
	txn_rollback(t);
	household_ids_free(&kept);
	return st;
}
