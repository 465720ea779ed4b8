/*
 * The guards, effects and entities that workflow definitions may name.
 *
 * Each table below is one line per entry, name and function; adding a
 * guard is one line here and the function above it (and a line in the
 * comment at the top of assets/workflow.ini, which lists them for whoever
 * edits the file). The loader refuses a definition naming anything not in
 * these tables.
 *
 * Guards only read, on the connection they are given (inside
 * workflow_apply, the transaction's own), and explain a "no" in the
 * session's language. Effects write through the transition's transaction
 * with txn_*, so a failing effect undoes the whole move. Entity ids are
 * record numbers (workflow.c checks their form before any of this runs).
 *
 * Member effects follow household.c's versions: a change to a member
 * raises the member's version and its household's, so a household form
 * loaded before the change conflicts instead of overwriting it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/cohort.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/txn.h"
#include "frontdesk/util.h"
#include "frontdesk/workflow.h"

/* What the guards and effects read of a member. */
struct workflow_rules_member {
	int64_t household_id;
	int64_t version;
	char participant[8];
	char birth[16];
	char id_number[24];
	char verified[8];
	int64_t hh_version;
};

/* Copy column i of st into buf (NULL as ""). */
static void
workflow_rules_col(sqlite3_stmt *st, int i, char *buf, size_t n)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	fd_strlcpy(buf, s ? (const char *)s : "", n);
}

/* Read member entity_id and its household into *m. FD_E_NOTFOUND when
 * there is no such member. */
static enum fd_status
workflow_rules_member_read(struct fd_db *db, const char *entity_id,
                           struct workflow_rules_member *m, struct fd_err *err)
{
	static const char sql[] =
	    "SELECT m.household_id, m.version, m.participant, m.birth,"
	    " m.id_number, h.verified, h.version"
	    " FROM member m JOIN household h ON h.id = m.household_id"
	    " WHERE m.id = ?1";
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	int rc;

	memset(m, 0, sizeof(*m));
	rc = sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, strtoll(entity_id, NULL, 10));
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		m->household_id = sqlite3_column_int64(st, 0);
		m->version = sqlite3_column_int64(st, 1);
		workflow_rules_col(st, 2, m->participant,
		                   sizeof(m->participant));
		workflow_rules_col(st, 3, m->birth, sizeof(m->birth));
		workflow_rules_col(st, 4, m->id_number, sizeof(m->id_number));
		workflow_rules_col(st, 5, m->verified, sizeof(m->verified));
		m->hh_version = sqlite3_column_int64(st, 6);
	} else if (rc == SQLITE_DONE) {
		status =
		    fd_fail(err, FD_E_NOTFOUND, "%s", tr(MSG_ERR_NOTFOUND));
	} else {
		status =
		    fd_fail(err, FD_E_DB, "%s", sqlite3_errmsg(db_sqlite(db)));
	}
	sqlite3_finalize(st);
	return status;
}

/* The member for a guard; false with *why set when it cannot be read. */
static bool
workflow_rules_guard_member(struct fd_db *db, const char *entity_id,
                            struct workflow_rules_member *m, char **why)
{
	struct fd_err err = {{0}};
	enum fd_status st = workflow_rules_member_read(db, entity_id, m, &err);

	if (st == FD_OK)
		return true;
	*why =
	    st == FD_E_DB ? trf(MSG_DB_ERROR, err.msg, NULL) : xstrdup(err.msg);
	return false;
}

/* Guard household_verified: the member's household is marked verified. */
static bool
workflow_rules_household_verified(struct fd_db *db, const char *entity_id,
                                  char **why)
{
	struct workflow_rules_member m;

	if (!workflow_rules_guard_member(db, entity_id, &m, why))
		return false;
	if (strcmp(m.verified, "1") == 0)
		return true;
	*why = xstrdup(tr(MSG_WF_WHY_HH_UNVERIFIED));
	return false;
}

/* Guard age_in_range: the member is within the program's participant ages
 * today (household.h's range, the one the intake rules use). */
static bool
workflow_rules_age_in_range(struct fd_db *db, const char *entity_id, char **why)
{
	struct workflow_rules_member m;
	struct household h;
	struct idcard card;
	struct fd_err err = {{0}};
	char today[11], age[16];
	bool ok = false;
	int years = -1;

	if (!workflow_rules_guard_member(db, entity_id, &m, why))
		return false;
	idcard_today(today);
	household_init(&h);
	if (household_load(db, m.household_id, &h, &err) != FD_OK) {
		*why = trf(MSG_DB_ERROR, err.msg, NULL);
		goto out;
	}
	for (size_t i = 0; i < h.nmembers; i++)
		if (h.members[i]->id == strtoll(entity_id, NULL, 10))
			ok = household_member_may_participate(&h, i, today);
	if (ok)
		goto out;
	if (*m.birth)
		years = idcard_age(m.birth, today);
	else if (idcard_parse(m.id_number, today, &card) == IDCARD_OK)
		years = idcard_age(card.birth, today);
	if (years >= 0)
		snprintf(age, sizeof(age), "%d", years);
	else
		snprintf(age, sizeof(age), "?");
	*why = trf(MSG_WF_WHY_AGE, age, NULL);
out:
	household_clear(&h);
	return ok;
}

/* Guard is_participant: the member is marked a program participant. */
static bool
workflow_rules_is_participant(struct fd_db *db, const char *entity_id,
                              char **why)
{
	struct workflow_rules_member m;

	if (!workflow_rules_guard_member(db, entity_id, &m, why))
		return false;
	if (strcmp(m.participant, "1") == 0)
		return true;
	*why = xstrdup(tr(MSG_WF_WHY_NOT_PARTICIPANT));
	return false;
}

/* Effect mark_participant: member.participant = '1', raising the member's
 * and its household's versions; nothing when it is already set. */
static enum fd_status
workflow_rules_mark_participant(struct fd_txn *t, const char *entity_id,
                                struct fd_err *err)
{
	struct fd_db *db = txn_db(t);
	struct workflow_rules_member m;
	char ver[24], next[24], hid[24], hver[24], hnext[24];
	char *now = NULL;
	enum fd_status st;

	st = workflow_rules_member_read(db, entity_id, &m, err);
	if (st != FD_OK || strcmp(m.participant, "1") == 0)
		goto out;
	now = db_now(db);
	snprintf(ver, sizeof(ver), "%" PRId64, m.version);
	snprintf(next, sizeof(next), "%" PRId64, m.version + 1);
	snprintf(hid, sizeof(hid), "%" PRId64, m.household_id);
	snprintf(hver, sizeof(hver), "%" PRId64, m.hh_version);
	snprintf(hnext, sizeof(hnext), "%" PRId64, m.hh_version + 1);
	{
		const struct txn_field expect = {"version", ver};
		const struct txn_field f[] = {{"participant", "1"},
		                              {"version", next},
		                              {"updated_at", now}};
		const struct txn_field hexpect = {"version", hver};
		const struct txn_field hf[] = {{"version", hnext},
		                               {"updated_at", now}};

		st = txn_update_if(t, "member", "id", entity_id, &expect, 1, f,
		                   FD_ARRAY_LEN(f), err);
		if (st == FD_OK)
			st = txn_update_if(t, "household", "id", hid, &hexpect,
			                   1, hf, FD_ARRAY_LEN(hf), err);
	}
out:
	free(now);
	return st;
}

/* Guard cohort_seat_free: no cohort the member is enrolled in holds more
 * trainees than its capacity (cohort_enrol writes the enrolment first, so
 * a seat taken over capacity is refused here too). */
static bool
workflow_rules_seat_free(struct fd_db *db, const char *entity_id, char **why)
{
	int64_t full = 0;

	if (cohort_seats_hold(db, strtoll(entity_id, NULL, 10), &full))
		return true;
	/* COHORT_WHY_FULL (proposed msg id): the cohort is full */
	*why = xasprintf("cohort %" PRId64 " is full", full);
	return false;
}

/* Effect enrol_from_waitlist: the member's enrolments are withdrawn and
 * each seat freed goes to the first person waiting in that cohort. */
static enum fd_status
workflow_rules_enrol_from_waitlist(struct fd_txn *t, const char *entity_id,
                                   struct fd_err *err)
{
	return cohort_release_in(t, strtoll(entity_id, NULL, 10), err);
}

/* Guard attendance_met: the member is in training in a cohort (enrolled,
 * not graduated) whose graduation rule they meet: attendance at least
 * [training] min_attendance and the assessment passed, as the cohort's
 * graduation tab applies it (or that cohort's graduation, being applied,
 * has recorded them as graduating). */
static bool
workflow_rules_attendance_met(struct fd_db *db, const char *entity_id,
                              char **why)
{
	return cohort_rule_holds(db, strtoll(entity_id, NULL, 10), true, why);
}

/* Guard attendance_not_met: the same rule, out of reach (the assessment
 * not passed, or attendance short even with every session left attended),
 * in a cohort the member is in training in. */
static bool
workflow_rules_attendance_not_met(struct fd_db *db, const char *entity_id,
                                  char **why)
{
	return cohort_rule_holds(db, strtoll(entity_id, NULL, 10), false,
	                         why);
}

/* Effect record_outcome: the outcome the step leads to (graduated,
 * failed) is recorded in the cohort it was judged in, so the cohort's
 * roster and counts say what the path says. */
static enum fd_status
workflow_rules_record_outcome(struct fd_txn *t, const char *entity_id,
                              struct fd_err *err)
{
	return cohort_outcome_record_in(t, strtoll(entity_id, NULL, 10), false,
	                                err);
}

/* The same after a supervisor's override to graduated or failed: the
 * outcome is recorded whatever the rule says, so the cohort's graduation
 * does not judge again what the path screen decided. */
static enum fd_status
workflow_rules_record_outcome_forced(struct fd_txn *t, const char *entity_id,
                                     struct fd_err *err)
{
	return cohort_outcome_record_in(t, strtoll(entity_id, NULL, 10), true,
	                                err);
}

/* ---- the tables: one line each ---------------------------------------- */

const struct wf_guard_def wf_guards[] = {
    {"household_verified", workflow_rules_household_verified},
    {"age_in_range", workflow_rules_age_in_range},
    {"is_participant", workflow_rules_is_participant},
    {"cohort_seat_free", workflow_rules_seat_free},
    {"attendance_met", workflow_rules_attendance_met},
    {"attendance_not_met", workflow_rules_attendance_not_met},
};
const size_t wf_nguards = FD_ARRAY_LEN(wf_guards);

const struct wf_effect_def wf_effects[] = {
    {"mark_participant", workflow_rules_mark_participant},
    {"enrol_from_waitlist", workflow_rules_enrol_from_waitlist},
    {"record_outcome", workflow_rules_record_outcome,
     workflow_rules_record_outcome_forced},
};
const size_t wf_neffects = FD_ARRAY_LEN(wf_effects);

/* Entities and the table whose id column their entity_id is; NULL until
 * the issue that brings the table sets it. */
const struct wf_entity_def wf_entities[] = {
    {"member", "member"},
    {"cohort", NULL},
    {"placement", NULL},
    {"store", NULL},
};
const size_t wf_nentities = FD_ARRAY_LEN(wf_entities);
