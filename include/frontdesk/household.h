/*
 * Registered poor households (建档立卡户) and their members.
 *
 * The fields are the tables entity_household / entity_member below, in the
 * order of the paper form (DOMAIN.md). Saving a household saves it and
 * its members in one IMMEDIATE transaction through the write door, after:
 *  - field checks (kinds, code lists, ID numbers: check digit, real past
 *    birth date; sex and birth date derived from the ID);
 *  - the county consistency rules of DOMAIN.md (errors refuse, warnings
 *    must be accepted and the acceptance is recorded);
 *  - duplicate checks: the same 户编号 or member ID number is refused naming
 *    the existing record; a likely duplicate (same name and birth date, or
 *    same name in the same village) must be declared "not a duplicate",
 *    which is recorded;
 *  - a version check: a household or member changed by someone else since
 *    it was loaded is never overwritten (FD_E_CONFLICT and the stored
 *    values, for the person to choose field by field).
 */
#ifndef FRONTDESK_HOUSEHOLD_H
#define FRONTDESK_HOUSEHOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/db.h"
#include "frontdesk/record.h"
#include "frontdesk/status.h"

/* Household fields, in form order (index = position in household_fields). */
enum hh_field {
	HH_NO,           /* 户编号 [aac001], digits, required, unique */
	HH_REGION,       /* village code (12 digits), required */
	HH_NATURAL_VILLAGE,
	HH_PHONE,
	HH_STANDARD,     /* 识别标准 */
	HH_ATTRIBUTE,    /* 贫困户属性 [AAC006], required */
	HH_MAIN_CAUSE,   /* 主要致贫原因 [AAC007], required */
	HH_OTHER_CAUSES, /* 其他致贫原因 [AAC008], several */
	HH_EXIT_STATUS,  /* 脱贫状态 */
	HH_PLAN_EXIT_YEAR,
	HH_EXIT_YEAR,
	HH_FIRST_IDENTIFIED, /* 首次识别时间 (date) */
	HH_BANK,
	HH_BANK_ACCOUNT,
	HH_HELPER_NAME,  /* 帮扶责任人 */
	HH_HELPER_UNIT,
	HH_HELPER_POST,
	HH_HELPER_PHONE,
	/* page 2: income and production conditions */
	HH_INCOME_WAGE,
	HH_INCOME_BUSINESS,
	HH_INCOME_PROPERTY,
	HH_INCOME_TRANSFER,
	HH_INCOME_PER_CAPITA, /* per-capita net income */
	HH_LAND_MU,      /* cultivated land, mu */
	HH_SAFE_WATER,   /* bool */
	HH_SAFE_HOUSING, /* bool */
	HH_VERIFIED,     /* bool: household verified (a workflow guard) */
	HH__COUNT
};

/* Member fields, ID first (ID-first entry). */
enum mem_field {
	MEM_ID_NUMBER,   /* required, unique across all households */
	MEM_NAME,        /* required */
	MEM_SEX,         /* derived from the ID */
	MEM_BIRTH,       /* derived from the ID */
	MEM_RELATION,    /* 与户主关系, required */
	MEM_ETHNICITY,
	MEM_EDUCATION,   /* 文化程度 */
	MEM_SCHOOL,      /* 在校生状况 */
	MEM_HEALTH,
	MEM_LABOUR,      /* 劳动技能 */
	MEM_WORK_STATUS, /* 务工状况 */
	MEM_WORK_PLACE,
	MEM_WORK_MONTHS,
	MEM_PHONE,
	MEM_DISABILITY_NO,
	MEM_PARTICIPANT, /* bool: program participant */
	MEM__COUNT
};

extern const struct entity entity_household; /* table "household" */
extern const struct entity entity_member;    /* table "member" */

/* A household with its members, as loaded or being edited. */
struct household {
	struct record *hh;
	struct record **members;
	size_t nmembers;
	/* members removed in this edit (ids), deleted on save */
	int64_t *removed;
	size_t nremoved;
};

/* One finding of household_check.
 *
 * Rule ids (stable: they are stored in the decision table):
 *   errors   "required" "too_long" "format" "code" "region" (a field);
 *            "name_digits" (a member's name with a digit in it);
 *            "id" (ID number malformed, bad date, bad check character:
 *            DOMAIN rule 1); "sex_id" "birth_id" (sex or birth date differs
 *            from the ID); "rule3" (no member, not exactly one head, more
 *            than one spouse); "rule4" (spouse's sex = head's); "rule6"
 *            (education / school status); "rule7" (place of work / months);
 *            "participant" (outside the participant ages); "dup_hh" (same
 *            户编号 as another household); "dup_id" (ID number registered in
 *            another household: DOMAIN rule 2); "dup_id_self" (the same ID
 *            twice in this household);
 *   warnings "id_region" (unknown region prefix in the ID); "rule8"
 *            (healthy non-student aged 16-60 without labour); "likely_dup"
 *            (same name and birth date in another household, or same name
 *            in another household of the same village). */
struct hh_issue {
	int member;       /* -1: the household; else index in members */
	int field;        /* field index in its entity, -1 for none */
	bool warning;     /* a warning (may be accepted) rather than an error */
	bool recorded;    /* a warning accepted before (decision table) for
			   * the values it is about, unchanged since: not
			   * asked again, not recorded again */
	char rule[16];    /* stable id, see above */
	char *text;       /* the reason, in the session's language */
	int64_t other_household; /* the existing household, for duplicates */
};

struct hh_issues {
	struct hh_issue *v;
	size_t n;
};

void
household_init(struct household *h);
void
household_clear(struct household *h);
/* A deep copy of src (records, members, removed ids) into dst, which is
 * initialised first (not cleared: clear it before if it holds one). */
void
household_copy(struct household *dst, const struct household *src);
/* Append a new empty member; returns its index. */
size_t
household_add_member(struct household *h);
/* Remove member m (later members move up one); a saved member's id goes
 * into h->removed, to be deleted by household_save. */
void
household_remove_member(struct household *h, size_t m);

/* Load household id with its members (ordered: head first). */
enum fd_status
household_load(struct fd_db *db, int64_t id, struct household *out,
	       struct fd_err *err);
/* The id of the household whose 户编号 is hh_no (0 if none). */
int64_t
household_id_by_no(struct fd_db *db, const char *hh_no);
/* The household (and member index) holding ID number id (0 if none). */
int64_t
household_id_by_member(struct fd_db *db, const char *id_number,
		       int64_t *member_id);

/* Fill what the ID number gives into member m: the normalised number
 * (upper-case X, a 15-digit number converted), sex '1'/'2' and birth date.
 * Nothing is changed unless the ID is valid (checked against today's
 * date). Returns the ID's error (IDCARD_OK when it is valid); see idcard.h. */
int
household_member_from_id(struct household *h, size_t m);

/* Bring every value to its stored form, as household_save does before it
 * checks: surrounding blanks trimmed; a code field given as a label (either
 * language) replaced by its code, several codes joined by ","; a valid ID
 * number normalised, and an empty sex or birth date filled from it; a
 * valid phone number without spaces or dashes. Values that cannot be
 * normalised are left for household_check to report. */
void
household_normalize(struct household *h);

/* The whole household (records, members, removed ids) as text for a draft,
 * in sections "[household]", "[member]" (one per member) and "[removed]"
 * of record_to_text lines. Caller frees. */
char *
household_to_text(const struct household *h);
/* Replace h with what household_to_text wrote (h must be initialised). */
void
household_from_text(struct household *h, const char *text);

/* Run every check (fields, rules, duplicates) without writing; today is
 * "YYYY-MM-DD". The checks see the values as household_normalize would
 * make them (h itself is not changed), so they are the ones household_save
 * will find. *out (zero it first) gets the issues, errors first, then
 * warnings, each group in form order. A warning already accepted for the
 * same stored member and the same values it is about (see household.c)
 * is marked recorded. FD_OK even when there are issues; another status
 * only if the checks could not run. */
enum fd_status
household_check(struct fd_db *db, const struct household *h,
		const char *today, struct hh_issues *out, struct fd_err *err);
/* household_check of a household as stored, for the database check: the
 * same checks without the duplicate queries (an ID number given twice in
 * h is still found). Stored households need none: the unique indexes
 * keep 户编号 and ID numbers apart, and the queries' other finding, a
 * likely duplicate, is a warning a person accepted when saving; at
 * 300,000 households they were most of the time. */
enum fd_status
household_check_stored(struct fd_db *db, const struct household *h,
		       const char *today, struct hh_issues *out,
		       struct fd_err *err);
void
hh_issues_free(struct hh_issues *is);
/* True if any issue is an error. */
bool
hh_issues_have_errors(const struct hh_issues *is);

/* Save (insert or update) the household and its members in one IMMEDIATE
 * transaction: h is normalised (household_normalize), then, inside the
 * transaction, versions are compared and every check runs again (another
 * session may have saved meanwhile).
 * - FD_E_CONFLICT: the household or an existing member was saved by someone
 *   else since it was loaded (its version moved on); nothing is written and
 *   *stored (if not NULL; household_init'ed, cleared first) gets the stored
 *   household for the conflict screen. Every save of a household raises the
 *   household's version, so any concurrent save of the same household is a
 *   conflict.
 * - FD_OK with nothing written: h is a stored household whose values and
 *   members are all as stored (nothing removed, nothing new); no check
 *   runs, no version moves, no audit row. The caller sees it by h's
 *   household version, unchanged (a write always raises it).
 * - FD_E_INVALID: a check found an error, or a warning that is neither
 *   recorded (struct hh_issue) nor listed by accepted (may be NULL;
 *   matched by rule id and member index); err names the first. Nothing is
 *   written.
 * - FD_OK: written; each accepted warning that occurred and was not
 *   recorded already is recorded in the decision table ('not_duplicate'
 *   for likely_dup, else 'warning_accepted'); h's ids and versions are
 *   those stored, h->removed is emptied. Members removed in h are deleted
 *   first, then changed members updated, then new ones inserted. */
enum fd_status
household_save(struct fd_db *db, struct household *h, const char *today,
	       const struct hh_issues *accepted, struct household *stored,
	       struct fd_err *err);

/* household_save inside the caller's open transaction t: same normalising,
 * version check, checks and writes, no begin/commit; on failure the caller
 * rolls back t. note (may be NULL) is the audit note of its writes, joined
 * with "accepted: RULES" when warnings were accepted ("import; accepted:
 * rule8"); t's note is cleared afterwards. On FD_OK h's ids and versions
 * are those written, so a caller that then rolls t back must reload h.
 * household_save is this between txn_begin and txn_commit. */
enum fd_status
household_save_in(struct fd_txn *t, struct household *h, const char *today,
		  const struct hh_issues *accepted, struct household *stored,
		  const char *note, struct fd_err *err);

/* household_save_in for the import, which lists the warnings in its
 * report: every warning is accepted (and recorded as usual), and *found
 * (if not NULL; zeroed or cleared, it is replaced) gets every issue the
 * checks found, so the caller need not check twice. On FD_E_INVALID with
 * an error in *found nothing was written by this call (the checks come
 * before the writes); any other failure is a write that failed: roll t
 * back. A form must use household_save(_in) with the warnings the person
 * saw. */
enum fd_status
household_save_accepting_in(struct fd_txn *t, struct household *h,
			    const char *today, const char *note,
			    struct hh_issues *found, struct fd_err *err);

/* household_save_accepting_in for the import's bulk load of a NEW household
 * (h->hh->id 0, FD_E_INVALID otherwise), normalised by the caller
 * (household_normalize: it is not normalised again): the same checks,
 * rows, audit rows and decisions, written with txn_insert_bulk (so a
 * write that fails spoils t: roll it back). dups false skips the
 * duplicate queries; only the caller can know that none could find
 * anything (no stored household has h's 户编号, no stored member one of
 * its ID numbers, name + birth date, or name in h's village: the import
 * keeps these in memory); an ID number given twice in h is still
 * refused. */
enum fd_status
household_save_new_in(struct fd_txn *t, struct household *h,
		      const char *today, const char *note, bool dups,
		      struct hh_issues *found, struct fd_err *err);

/* Between household_batch_begin(db) and household_batch_end(), the
 * statements household_load, household_id_by_no, household_id_by_member,
 * household_check and household_save(_in) run on db stay prepared from one
 * call to the next instead of being prepared on every call: for thousands
 * of households on one connection (the import). Calls on another
 * connection are not affected; a second begin ends the first batch. End
 * the batch before closing db. */
void
household_batch_begin(struct fd_db *db);
void
household_batch_end(void);

/* Age range of program participants (config intake.participant_*). */
void
household_set_participant_ages(int min_age, int max_age);
/* True if member m is within the participant age range on today. */
bool
household_member_may_participate(const struct household *h, size_t m,
				 const char *today);

#endif
