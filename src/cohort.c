/*
 * Training cohorts in the database: see include/frontdesk/cohort.h and
 * src/migrations/005_training.sql.
 *
 * Design and invariants
 * - Every public write opens ONE IMMEDIATE transaction (txn_begin), reads
 *   what it decides on inside it, writes through the door and commits: two
 *   processes taking the last seat are serialised by SQLite's write lock,
 *   so the second one counts the first one's seat and is waitlisted.
 * - Conflicts are computed by schedule.c over sessions loaded here: the
 *   database only narrows the rows (by date and room / instructor through
 *   the session indexes, by enrolment for trainees). Sessions carry codes
 *   (cohort, room, instructor) so the collision is named with them.
 * - A participant's path (one per person) follows its enrolments:
 *   enrolled -> participant.enrol, waitlisted -> participant.waitlist,
 *   out of the last cohort -> participant.leave (back to eligible), the
 *   first register -> start, graduation -> start then graduate / fail. A
 *   move that the path already made (a trainee enrolled in two cohorts) is
 *   skipped, not refused; graduation reconciles a path that moved on in
 *   another cohort (cohort_outcome_in).
 * - A graduated cohort is closed: every write to it, its sessions, its
 *   roster or its marks is refused (cohort_open_check).
 * - Marks follow the calendar (util_today): a register is taken on its
 *   session's day or after it, never ahead (cohort_session_due_check); a
 *   session with marks is not moved (they were taken on its day), and no
 *   session is moved to a day before today.
 * - An assessment row may hold a score and a note with no result yet
 *   (passed NULL, migration 009): it counts as not assessed until y / n.
 * - All SQL values are bound as text; SQLite's affinity compares them with
 *   INTEGER columns numerically.
 *
 * Messages a person reads come from the catalogs (COHORT_* in msg.h).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/cohort.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/schedule.h"
#include "frontdesk/txn.h"
#include "frontdesk/util.h"
#include "frontdesk/workflow.h"

/* Sessions loaded from the database, with their row ids. */
struct cohort_sessions {
	struct schedule_session *v;
	int64_t *ids;
	size_t n;
	size_t cap;
};

static const char cohort_session_sql[] =
    "SELECT s.id, s.date, s.start_min, s.end_min, s.module, s.part,"
    " c.code, r.code, i.code FROM session s"
    " JOIN cohort c ON c.id = s.cohort_id"
    " JOIN room r ON r.id = s.room_id"
    " JOIN instructor i ON i.id = s.instructor_id WHERE ";

/* Format v as decimal into buf. */
static const char *
cohort_i64(char buf[24], int64_t v)
{
	snprintf(buf, 24, "%" PRId64, v);
	return buf;
}

/* Fail with the connection's last SQLite error. */
static enum fd_status
cohort_db_fail(struct fd_db *db, struct fd_err *err)
{
	return fd_fail(err, FD_E_DB, "%s", sqlite3_errmsg(db_sqlite(db)));
}

/* Prepare sql on db and bind the n text args as ?1..?n. */
static enum fd_status
cohort_prepare(struct fd_db *db, const char *sql, const char *const *args,
               size_t n, sqlite3_stmt **st, struct fd_err *err)
{
	*st = NULL;
	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, st, NULL) != SQLITE_OK)
		return cohort_db_fail(db, err);
	for (size_t i = 0; i < n; i++)
		if (sqlite3_bind_text(*st, (int)i + 1, args[i], -1,
		                      SQLITE_TRANSIENT) != SQLITE_OK) {
			sqlite3_finalize(*st);
			*st = NULL;
			return cohort_db_fail(db, err);
		}
	return FD_OK;
}

/* The integer in the first column of the first row of sql; FD_E_NOTFOUND
 * when there is no row. */
static enum fd_status
cohort_int(struct fd_db *db, const char *sql, const char *const *args,
           size_t n, int64_t *out, struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status;
	int rc;

	*out = 0;
	status = cohort_prepare(db, sql, args, n, &st, err);
	if (status != FD_OK)
		goto out;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		status = fd_fail(err, FD_E_NOTFOUND, "not found");
	else
		status = cohort_db_fail(db, err);
out:
	sqlite3_finalize(st);
	return status;
}

/* The integers in the first column of every row of sql, into *ids
 * (free()) and *n. */
static enum fd_status
cohort_ids(struct fd_db *db, const char *sql, const char *const *args,
           size_t nargs, int64_t **ids, size_t *n, struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status;
	size_t cap = 0;
	int rc = SQLITE_DONE;

	*ids = NULL;
	*n = 0;
	status = cohort_prepare(db, sql, args, nargs, &st, err);
	while (status == FD_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*ids = xrealloc(*ids, cap * sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (status == FD_OK && rc != SQLITE_DONE)
		status = cohort_db_fail(db, err);
	sqlite3_finalize(st);
	return status;
}

/* The text in the first column of the first row of sql into buf ("" when
 * there is no row). */
static void
cohort_text(struct fd_db *db, const char *sql, const char *const *args,
            size_t n, char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;
	struct fd_err err = {{0}};

	buf[0] = '\0';
	if (cohort_prepare(db, sql, args, n, &st, &err) == FD_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		fd_strlcpy(buf, (const char *)sqlite3_column_text(st, 0), size);
	sqlite3_finalize(st);
}

/* FD_OK while the cohort (or the session's cohort) id names has not
 * graduated; else FD_E_INVALID with msg ({1} = the date it graduated).
 * sql selects graduated_at by ?1. */
static enum fd_status
cohort_open_check(struct fd_db *db, const char *sql, const char *id,
                  enum fd_msg msg, struct fd_err *err)
{
	const char *args[] = {id};
	char on[32];
	char *text;
	enum fd_status status;

	cohort_text(db, sql, args, 1, on, sizeof(on));
	if (!*on)
		return FD_OK;
	on[10] = '\0'; /* the date */
	text = trf(msg, on, NULL);
	status = fd_fail(err, FD_E_INVALID, "%s", text);
	free(text);
	return status;
}

#define COHORT_GRADUATED_SQL "SELECT graduated_at FROM cohort WHERE id = ?1"
#define COHORT_SESSION_GRADUATED_SQL                                       \
	"SELECT c.graduated_at FROM session s JOIN cohort c ON c.id ="     \
	" s.cohort_id WHERE s.id = ?1"

/* Free the sessions of s. */
static void
cohort_sessions_free(struct cohort_sessions *s)
{
	free(s->v);
	free(s->ids);
	memset(s, 0, sizeof(*s));
}

/* Append to s the sessions chosen by where (after cohort_session_sql). */
static enum fd_status
cohort_sessions_load(struct fd_db *db, const char *where,
                     const char *const *args, size_t n,
                     struct cohort_sessions *s, struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status;
	char *sql = xasprintf("%s%s", cohort_session_sql, where);
	int rc;

	status = cohort_prepare(db, sql, args, n, &st, err);
	while (status == FD_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct schedule_session *x;

		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
			s->ids = xrealloc(s->ids, s->cap * sizeof(*s->ids));
		}
		x = &s->v[s->n];
		memset(x, 0, sizeof(*x));
		s->ids[s->n++] = sqlite3_column_int64(st, 0);
		fd_strlcpy(x->date, (const char *)sqlite3_column_text(st, 1),
		           sizeof(x->date));
		x->start = sqlite3_column_int(st, 2);
		x->end = sqlite3_column_int(st, 3);
		fd_strlcpy(x->module, (const char *)sqlite3_column_text(st, 4),
		           sizeof(x->module));
		x->part = x->parts = sqlite3_column_int(st, 5);
		fd_strlcpy(x->cohort, (const char *)sqlite3_column_text(st, 6),
		           sizeof(x->cohort));
		fd_strlcpy(x->room, (const char *)sqlite3_column_text(st, 7),
		           sizeof(x->room));
		fd_strlcpy(x->instructor,
		           (const char *)sqlite3_column_text(st, 8),
		           sizeof(x->instructor));
	}
	if (status == FD_OK && rc != SQLITE_DONE)
		status = cohort_db_fail(db, err);
	sqlite3_finalize(st);
	free(sql);
	return status;
}

/* Refuse with the collision: "WHAT on DATE HH:MM-HH:MM with cohort X". */
static enum fd_status
cohort_clash(struct fd_err *err, enum fd_msg kind, const char *what,
             const struct schedule_session *mine, const char *other)
{
	char a[6], b[6], span[16];
	const char *args[] = {tr(kind), what, mine->date, span, other};
	char *text;
	enum fd_status status;

	schedule_time_format(mine->start, a);
	schedule_time_format(mine->end, b);
	snprintf(span, sizeof(span), "%s-%s", a, b);
	text = msg_format(tr(MSG_COHORT_CLASH), FD_ARRAY_LEN(args), args);
	status = fd_fail(err, FD_E_CONFLICT, "%s", text);
	free(text);
	return status;
}

/* The sessions of others sharing r (room or instructor code id) with
 * mine: refuse the first overlap, naming it. */
static enum fd_status
cohort_check_resource(const struct schedule_session *mine, size_t nmine,
                      const struct cohort_sessions *others,
                      enum schedule_resource r, const char *id,
                      struct fd_err *err)
{
	struct schedule_session *v = xcalloc(others->n + 1, sizeof(*v));
	enum fd_status status = FD_OK;
	size_t n = 0, ia = 0, ib = 0;

	for (size_t k = 0; k < others->n; k++) {
		const char *o = r == SCHEDULE_ROOM ? others->v[k].room
		                                   : others->v[k].instructor;

		if (strcmp(o, id) == 0)
			v[n++] = others->v[k];
	}
	if (schedule_conflicts(mine, nmine, v, n, &ia, &ib))
		status = cohort_clash(err,
		                      r == SCHEDULE_ROOM ? MSG_COHORT_KIND_ROOM
		                                       : MSG_COHORT_KIND_INSTRUCTOR,
		                      id, &mine[ia], v[ib].cohort);
	free(v);
	return status;
}

/* Whether a path in state is already at target, or further along (a
 * trainee in two cohorts): the move to target is skipped. */
static bool
cohort_wf_there(const char *state, const char *target)
{
	return strcmp(state, target) == 0 ||
	       (strcmp(target, "waitlisted") == 0 &&
	        (strcmp(state, "enrolled") == 0 ||
	         strcmp(state, "in_training") == 0)) ||
	       (strcmp(target, "enrolled") == 0 &&
	        strcmp(state, "in_training") == 0);
}

/* Move member's participant path by transition name to target inside t,
 * unless the path is already there (or further along, for a trainee in
 * two cohorts); then, with record, the step is still written in the
 * person's history (workflow_record_in), so that it can be seen. */
static enum fd_status
cohort_wf_rec(struct fd_txn *t, int64_t member_id, const char *name,
              const char *target, const char *reason, bool record,
              struct fd_err *err)
{
	char id[24], *state = NULL;
	enum fd_status status;

	cohort_i64(id, member_id);
	status = workflow_state(txn_db(t), "participant", id, &state, err);
	if (status != FD_OK)
		goto out;
	if (!cohort_wf_there(state, target))
		status = workflow_apply_in(t, "participant", id, name, NULL,
		                           reason, err);
	else if (record)
		status = workflow_record_in(t, "participant", id, name, reason,
		                            err);
out:
	free(state);
	return status;
}

/* cohort_wf_rec without recording a skipped step. */
static enum fd_status
cohort_wf(struct fd_txn *t, int64_t member_id, const char *name,
          const char *target, const char *reason, struct fd_err *err)
{
	return cohort_wf_rec(t, member_id, name, target, reason, false, err);
}

/* ---- who may do what ---- */

/* The steps whose roles allow each cohort_act (NULL first step: every
 * transition of the machine), and what the refusal calls the act. */
static const struct {
	enum fd_msg verb;
	const char *machine;
	const char *steps[2];
} cohort_acts[] = {
    [COHORT_ACT_CREATE] = {MSG_COHORT_DO_CREATE, "cohort", {NULL, NULL}},
    [COHORT_ACT_RESOURCE] = {MSG_COHORT_DO_RESOURCE, "cohort", {NULL, NULL}},
    [COHORT_ACT_CAPACITY] = {MSG_COHORT_DO_CAPACITY, "cohort", {NULL, NULL}},
    [COHORT_ACT_MOVE] = {MSG_COHORT_DO_MOVE, "cohort", {NULL, NULL}},
    [COHORT_ACT_ASSIGN] = {MSG_COHORT_DO_ASSIGN, "cohort", {NULL, NULL}},
    [COHORT_ACT_ASSESS] = {MSG_COHORT_DO_ASSESS, "cohort", {NULL, NULL}},
    [COHORT_ACT_REGISTER] = {MSG_COHORT_DO_REGISTER, "cohort",
                             {"start", NULL}},
    [COHORT_ACT_GRADUATE] = {MSG_COHORT_DO_GRADUATE, "cohort",
                             {"finish", NULL}},
    [COHORT_ACT_ENROL] = {MSG_COHORT_DO_ENROL, "participant",
                          {"enrol", "waitlist"}},
    [COHORT_ACT_WITHDRAW] = {MSG_COHORT_DO_WITHDRAW, "participant",
                             {"leave", NULL}},
};

/* The roles (bits 1u << enum staff_role) the loaded workflow gives the
 * steps of act; supervisors alone when it names none of them. */
static unsigned
cohort_act_roles(enum cohort_act act)
{
	const struct wf_machine *m = workflow_machine(cohort_acts[act].machine);
	unsigned roles = 0;

	for (size_t i = 0; m && !cohort_acts[act].steps[0] && i < m->ntr; i++)
		roles |= m->tr[i].roles;
	for (size_t k = 0; k < 2 && cohort_acts[act].steps[k]; k++) {
		const struct wf_transition *t =
		    wf_transition_find(m, cohort_acts[act].steps[k]);

		if (t)
			roles |= t->roles;
	}
	return roles ? roles : 1u << ROLE_SUPERVISOR;
}

/* FD_OK when this session's role is in roles, else the refusal naming
 * what it may not do (verb) and who may. */
static enum fd_status
cohort_role_check(struct fd_db *db, unsigned roles, enum fd_msg verb,
                  struct fd_err *err)
{
	enum staff_role r = db_role(db);
	const char *args[3];
	char *who, *text;
	enum fd_status status;

	if (db_read_only(db))
		return fd_fail(err, FD_E_READONLY, "%s",
		               tr(MSG_READONLY_REFUSED));
	if (r != ROLE_NONE && (roles & (1u << r)))
		return FD_OK;
	who = workflow_roles_text(roles);
	args[0] = tr(staff_role_label(r));
	args[1] = tr(verb);
	args[2] = who;
	text = msg_format(tr(MSG_COHORT_ROLE), 3, args);
	status = fd_fail(err, FD_E_DENIED, "%s", text);
	free(text);
	free(who);
	return status;
}

/* May this session do act? */
enum fd_status
cohort_may(struct fd_db *db, enum cohort_act act, struct fd_err *err)
{
	return cohort_role_check(db, cohort_act_roles(act),
	                         cohort_acts[act].verb, err);
}

/* Inside t: move cohort cid along its path, in order, through the steps
 * open, start and finish up to and including steps[upto], taking each
 * one that leaves where the cohort stands (a cohort created before it had
 * a path starts at planned and catches up; a cancelled one stays). */
static enum fd_status
cohort_path_in(struct fd_txn *t, const char *cid, size_t upto,
               struct fd_err *err)
{
	static const char *const steps[] = {"open", "start", "finish"};
	const struct wf_machine *m = workflow_machine("cohort");
	enum fd_status status = FD_OK;

	for (size_t i = 0; m && status == FD_OK && i <= upto && i < 3; i++) {
		const struct wf_transition *wt = wf_transition_find(m, steps[i]);
		char *state = NULL;

		if (!wt)
			continue;
		status = workflow_state(txn_db(t), "cohort", cid, &state, err);
		if (status == FD_OK && wf_transition_leaves(m, wt, state))
			status = workflow_apply_in(t, "cohort", cid, steps[i],
			                           state, NULL, err);
		free(state);
	}
	return status;
}

#define COHORT_PATH_OPEN 0
#define COHORT_PATH_START 1
#define COHORT_PATH_FINISH 2

/* Insert a room or instructor row. */
static enum fd_status
cohort_resource_add(struct fd_db *db, const char *table, const char *code,
                    const char *name, const char *capacity, int64_t *id,
                    struct fd_err *err)
{
	struct fd_txn *t = NULL;
	struct txn_field f[] = {{"code", code},
	                        {"name", name ? name : ""},
	                        {"capacity", capacity}};
	enum fd_status status;

	if (!code || !*code)
		return fd_fail(err, FD_E_INVALID, "%s",
		               tr(MSG_COHORT_CODE_EMPTY));
	status = cohort_may(db, COHORT_ACT_RESOURCE, err);
	if (status == FD_OK)
		status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	status = txn_insert(t, table, "id", f, capacity ? 3 : 2, err);
	if (status == FD_OK && id)
		*id = strtoll(txn_last_key(t), NULL, 10);
	return txn_end(t, status, err);
}

/* Add a room. */
enum fd_status
cohort_room_add(struct fd_db *db, const char *code, const char *name,
                int capacity, int64_t *id, struct fd_err *err)
{
	char cap[24];

	return cohort_resource_add(db, "room", code, name,
	                           cohort_i64(cap, capacity), id, err);
}

/* Add an instructor. */
enum fd_status
cohort_instructor_add(struct fd_db *db, const char *code, const char *name,
                      int64_t *id, struct fd_err *err)
{
	return cohort_resource_add(db, "instructor", code, name, NULL, id,
	                           err);
}

/* Every row of sql as resources. */
static enum fd_status
cohort_resource_list(struct fd_db *db, const char *sql,
                     struct cohort_resource **out, size_t *n,
                     struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status;
	size_t cap = 0;
	int rc = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	status = cohort_prepare(db, sql, NULL, 0, &st, err);
	while (status == FD_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[*n].id = sqlite3_column_int64(st, 0);
		(*out)[*n].code =
		    xstrdup((const char *)sqlite3_column_text(st, 1));
		(*out)[*n].name =
		    xstrdup((const char *)sqlite3_column_text(st, 2));
		(*out)[*n].capacity = sqlite3_column_int(st, 3);
		(*n)++;
	}
	if (status == FD_OK && rc != SQLITE_DONE)
		status = cohort_db_fail(db, err);
	sqlite3_finalize(st);
	return status;
}

/* Every room by code. */
enum fd_status
cohort_room_list(struct fd_db *db, struct cohort_resource **out, size_t *n,
                 struct fd_err *err)
{
	return cohort_resource_list(
	    db, "SELECT id, code, name, capacity FROM room ORDER BY code", out,
	    n, err);
}

/* Every instructor by code. */
enum fd_status
cohort_instructor_list(struct fd_db *db, struct cohort_resource **out,
                       size_t *n, struct fd_err *err)
{
	return cohort_resource_list(
	    db, "SELECT id, code, name, 0 FROM instructor ORDER BY code", out,
	    n, err);
}

/* Free a resource list. */
void
cohort_resources_free(struct cohort_resource *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].code);
		free(v[i].name);
	}
	free(v);
}

/* Insert the cohort row and its sessions inside t. */
static enum fd_status
cohort_store(struct fd_txn *t, const struct cohort_spec *spec,
             const char *slots, const struct schedule_timetable *tt,
             int64_t *id, struct fd_err *err)
{
	char wd[24], room[24], ins[24], cap[24], cid[24], a[24], b[24], p[24];
	char *now = db_now(txn_db(t));
	const struct txn_field f[] = {
	    {"code", spec->code},
	    {"track", spec->track},
	    {"start_date", tt->first},
	    {"end_date", tt->last},
	    {"weekdays", cohort_i64(wd, spec->weekdays)},
	    {"slots", slots},
	    {"room_id", cohort_i64(room, spec->room_id)},
	    {"instructor_id", cohort_i64(ins, spec->instructor_id)},
	    {"capacity", cohort_i64(cap, spec->capacity)},
	    {"created_at", now},
	    {"updated_at", now}};
	enum fd_status status;

	status = txn_insert(t, "cohort", "id", f, FD_ARRAY_LEN(f), err);
	if (status != FD_OK)
		goto out;
	fd_strlcpy(cid, txn_last_key(t), sizeof(cid));
	*id = strtoll(cid, NULL, 10);
	for (size_t i = 0; i < tt->n && status == FD_OK; i++) {
		const struct schedule_session *s = &tt->v[i];
		const struct txn_field sf[] = {
		    {"cohort_id", cid},
		    {"date", s->date},
		    {"start_min", cohort_i64(a, s->start)},
		    {"end_min", cohort_i64(b, s->end)},
		    {"module", s->module},
		    {"part", cohort_i64(p, s->part)},
		    {"room_id", room},
		    {"instructor_id", ins}};

		status =
		    txn_insert(t, "session", "id", sf, FD_ARRAY_LEN(sf), err);
	}
out:
	free(now);
	return status;
}

/* Generate, check and store a cohort. */
enum fd_status
cohort_create(struct fd_db *db, const struct cohort_spec *spec, int64_t *id,
              struct fd_err *err)
{
	struct schedule_slot slots[SCHEDULE_SLOTS_MAX];
	struct schedule_timetable tt = {0};
	struct cohort_sessions others = {0};
	struct fd_txn *t = NULL;
	char room_code[SCHEDULE_ID_MAX], ins_code[SCHEDULE_ID_MAX];
	char slots_text[160], rid[24], iid[24], cid[24];
	size_t nslots = 0;
	int64_t new_id = 0;
	enum fd_status status;

	if (!spec->code || !*spec->code)
		return fd_fail(err, FD_E_INVALID, "%s",
		               tr(MSG_COHORT_CODE_EMPTY));
	if (spec->capacity < 1)
		return fd_fail(err, FD_E_INVALID, "%s",
		               tr(MSG_COHORT_CAPACITY));
	status = schedule_slots_parse(spec->slots ? spec->slots : "", slots,
	                              SCHEDULE_SLOTS_MAX, &nslots, err);
	if (status != FD_OK)
		return status;
	schedule_slots_format(slots, nslots, slots_text, sizeof(slots_text));
	status = cohort_may(db, COHORT_ACT_CREATE, err);
	if (status == FD_OK)
		status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	{
		const char *ra[] = {cohort_i64(rid, spec->room_id)};
		const char *ia[] = {cohort_i64(iid, spec->instructor_id)};

		cohort_text(db, "SELECT code FROM room WHERE id = ?1", ra, 1,
		            room_code, sizeof(room_code));
		cohort_text(db, "SELECT code FROM instructor WHERE id = ?1", ia,
		            1, ins_code, sizeof(ins_code));
	}
	if (!*room_code || !*ins_code) {
		status = fd_fail(err, FD_E_NOTFOUND, "%s",
		                 tr(*room_code ? MSG_COHORT_NO_INSTRUCTOR
		                               : MSG_COHORT_NO_ROOM));
		goto out;
	}
	{
		const struct schedule_request req = {
		    .track = spec->track,
		    .start = spec->start,
		    .weekdays = spec->weekdays,
		    .slots = slots,
		    .nslots = nslots,
		    .cohort = spec->code,
		    .room = room_code,
		    .instructor = ins_code,
		    .flags = spec->flags};

		status = schedule_generate(&req, &tt, err);
	}
	if (status != FD_OK)
		goto out;
	{
		const char *args[] = {tt.first, tt.last, rid, iid};

		status = cohort_sessions_load(
		    db,
		    "s.date BETWEEN ?1 AND ?2 AND (s.room_id = ?3 OR"
		    " s.instructor_id = ?4) ORDER BY s.date, s.start_min",
		    args, 4, &others, err);
	}
	if (status == FD_OK)
		status = cohort_check_resource(tt.v, tt.n, &others,
		                               SCHEDULE_ROOM, room_code, err);
	if (status == FD_OK)
		status =
		    cohort_check_resource(tt.v, tt.n, &others,
		                          SCHEDULE_INSTRUCTOR, ins_code, err);
	if (status == FD_OK)
		status = cohort_store(t, spec, slots_text, &tt, &new_id, err);
	/* Into its path at once, open for enrolment. */
	if (status == FD_OK)
		status = cohort_path_in(t, cohort_i64(cid, new_id),
		                        COHORT_PATH_OPEN, err);
	if (status == FD_OK && id)
		*id = new_id;
out:
	status = txn_end(t, status, err);
	schedule_timetable_free(&tt);
	cohort_sessions_free(&others);
	return status;
}

/* Refuse a moved session s of cohort cid that overlaps a session of a
 * cohort sharing one of its trainees (enrolled in both: a waitlist place
 * takes none of the person's time). */
static enum fd_status
cohort_check_trainees(struct fd_db *db, const char *cid,
                      const struct schedule_session *s, struct fd_err *err)
{
	struct cohort_sessions o = {0};
	const char *args[] = {s->date, cid};
	enum fd_status status;

	status = cohort_sessions_load(
	    db,
	    "s.date = ?1 AND s.cohort_id <> ?2 AND s.cohort_id IN"
	    " (SELECT e2.cohort_id FROM enrolment e1 JOIN enrolment e2"
	    " ON e2.member_id = e1.member_id WHERE e1.cohort_id = ?2"
	    " AND e1.status = 'enrolled' AND e2.status = 'enrolled')",
	    args, 2, &o, err);
	for (size_t k = 0; status == FD_OK && k < o.n; k++) {
		char name[128];
		const char *na[] = {cid, o.v[k].cohort};

		if (!schedule_overlap(s, &o.v[k]))
			continue;
		cohort_text(db,
		            "SELECT m.name FROM enrolment e1 JOIN enrolment e2"
		            " ON e2.member_id = e1.member_id JOIN member m ON"
		            " m.id = e1.member_id JOIN cohort c ON c.id ="
		            " e2.cohort_id WHERE e1.cohort_id = ?1 AND c.code ="
		            " ?2 AND e1.status = 'enrolled' AND e2.status ="
		            " 'enrolled' ORDER BY m.id LIMIT 1",
		            na, 2, name, sizeof(name));
		status = cohort_clash(err, MSG_COHORT_KIND_TRAINEE, name, s, o.v[k].cohort);
	}
	cohort_sessions_free(&o);
	return status;
}

/* Inside t: set the start and end dates of cohort cid to its first and
 * last sessions' (after a move), bumping its version when they change. */
static enum fd_status
cohort_span_in(struct fd_txn *t, const char *cid, struct fd_err *err)
{
	char first[11], last[11], ver[24];
	const char *args[] = {cid, first, last};
	int64_t v = 0;
	enum fd_status status;

	cohort_text(txn_db(t), "SELECT min(date) FROM session WHERE"
	            " cohort_id = ?1", args, 1, first, sizeof(first));
	cohort_text(txn_db(t), "SELECT max(date) FROM session WHERE"
	            " cohort_id = ?1", args, 1, last, sizeof(last));
	status = cohort_int(txn_db(t), "SELECT version + 1 FROM cohort WHERE"
	                    " id = ?1 AND (start_date <> ?2 OR end_date <> ?3)",
	                    args, 3, &v, err);
	if (status == FD_E_NOTFOUND)
		return FD_OK; /* unchanged */
	if (status == FD_OK) {
		const struct txn_field f[] = {{"start_date", first},
		                              {"end_date", last},
		                              {"version", cohort_i64(ver, v)}};

		status = txn_update(t, "cohort", "id", cid, f, FD_ARRAY_LEN(f),
		                    err);
	}
	return status;
}

/* Refuse moving session sid once its register has been taken: the marks
 * were taken on its day and would silently move with it. */
static enum fd_status
cohort_move_unmarked_check(struct fd_db *db, const char *sid,
                           struct fd_err *err)
{
	const char *args[] = {sid};
	int64_t marks = 0;
	char n[24], *text;
	enum fd_status status;

	status = cohort_int(db, "SELECT count(*) FROM attendance WHERE"
	                    " session_id = ?1", args, 1, &marks, err);
	if (status != FD_OK || marks == 0)
		return status;
	text = trf(MSG_COHORT_MOVE_MARKED, cohort_i64(n, marks), NULL);
	status = fd_fail(err, FD_E_INVALID, "%s", text);
	free(text);
	return status;
}

/* Refuse a session moved to date, a day before today (util_today): a
 * session is moved to when it will be held. */
static enum fd_status
cohort_move_date_check(const char *date, struct fd_err *err)
{
	char today[11], *text;
	enum fd_status status;

	util_today(today);
	if (strcmp(date, today) >= 0)
		return FD_OK;
	text = trf(MSG_COHORT_MOVE_PAST, today, NULL);
	status = fd_fail(err, FD_E_INVALID, "%s", text);
	free(text);
	return status;
}

/* Move one session and re-check every conflict. */
enum fd_status
cohort_move_session(struct fd_db *db, int64_t session_id, const char *date,
                    const char *start, struct fd_err *err)
{
	struct cohort_sessions mine = {0}, others = {0};
	struct fd_txn *t = NULL;
	char sid[24], cid[24], a[24], b[24];
	int64_t cohort_id = 0, weekdays = 0;
	size_t i = 0, moved = 0;
	enum fd_status status;

	status = cohort_may(db, COHORT_ACT_MOVE, err);
	if (status == FD_OK)
		status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	{
		const char *args[] = {cohort_i64(sid, session_id)};

		status = cohort_open_check(db, COHORT_SESSION_GRADUATED_SQL,
		                           sid, MSG_COHORT_GRADUATED_TIMETABLE,
		                           err);
		if (status == FD_OK)
			status = cohort_int(
			    db, "SELECT cohort_id FROM session WHERE id = ?1",
			    args, 1, &cohort_id, err);
		if (status == FD_OK)
			status = cohort_move_unmarked_check(db, sid, err);
	}
	if (status != FD_OK)
		goto out;
	{
		const char *args[] = {cohort_i64(cid, cohort_id)};

		status = cohort_int(db,
		                    "SELECT weekdays FROM cohort WHERE id = ?1",
		                    args, 1, &weekdays, err);
		if (status == FD_OK)
			status = cohort_sessions_load(
			    db, "s.cohort_id = ?1 ORDER BY s.date, s.start_min",
			    args, 1, &mine, err);
	}
	if (status != FD_OK)
		goto out;
	while (i < mine.n && mine.ids[i] != session_id)
		i++;
	/* A day gone by is refused first: why it overlaps or falls on a
	 * weekend says nothing to someone who typed last week's date. */
	if (date && *date) {
		int y, m, d;
		char day[11];

		if (util_date_parse(date, 1, 9999, &y, &m, &d)) {
			util_date_format(y, m, d, day);
			status = cohort_move_date_check(day, err);
		}
	}
	if (status != FD_OK)
		goto out;
	status = schedule_move(mine.v, mine.n, i, (unsigned)weekdays, date,
	                       start, &moved, err);
	if (status == FD_OK)
		status = cohort_move_date_check(mine.v[moved].date, err);
	if (status != FD_OK)
		goto out;
	{
		const struct schedule_session *s = &mine.v[moved];
		const char *args[] = {s->date, cid};

		status = cohort_sessions_load(db,
		                              "s.date = ?1 AND s.cohort_id <> ?2",
		                              args, 2, &others, err);
		if (status == FD_OK)
			status = cohort_check_resource(
			    s, 1, &others, SCHEDULE_ROOM, s->room, err);
		if (status == FD_OK)
			status = cohort_check_resource(s, 1, &others,
			                               SCHEDULE_INSTRUCTOR,
			                               s->instructor, err);
		if (status == FD_OK)
			status = cohort_check_trainees(db, cid, s, err);
		if (status == FD_OK) {
			const struct txn_field f[] = {
			    {"date", s->date},
			    {"start_min", cohort_i64(a, s->start)},
			    {"end_min", cohort_i64(b, s->end)}};

			status = txn_update(t, "session", "id", sid, f,
			                    FD_ARRAY_LEN(f), err);
		}
		if (status == FD_OK)
			status = cohort_span_in(t, cid, err);
	}
out:
	status = txn_end(t, status, err);
	cohort_sessions_free(&mine);
	cohort_sessions_free(&others);
	return status;
}

/* Refuse member enrolled in another cohort whose sessions overlap those
 * of cid. A waitlist place does not count: it takes none of the person's
 * time until they move up, and moving up checks this again
 * (cohort_promote_in). */
static enum fd_status
cohort_check_member(struct fd_db *db, const char *cid, const char *mid,
                    struct fd_err *err)
{
	struct cohort_sessions mine = {0}, o = {0};
	const char *args[] = {cid, mid};
	enum fd_status status;
	size_t ia = 0, ib = 0;

	status = cohort_sessions_load(
	    db, "s.cohort_id = ?1 ORDER BY s.date, s.start_min", args, 1,
	    &mine, err);
	if (status == FD_OK)
		status = cohort_sessions_load(
		    db,
		    "s.cohort_id IN (SELECT cohort_id FROM enrolment WHERE"
		    " member_id = ?2 AND status = 'enrolled' AND cohort_id"
		    " <> ?1) ORDER BY s.date, s.start_min",
		    args, 2, &o, err);
	if (status == FD_OK &&
	    schedule_conflicts(mine.v, mine.n, o.v, o.n, &ia, &ib)) {
		char name[128];

		cohort_text(db, "SELECT name FROM member WHERE id = ?1",
		            args + 1, 1, name, sizeof(name));
		status = cohort_clash(err, MSG_COHORT_KIND_TRAINEE, name, &mine.v[ia],
		                      o.v[ib].cohort);
	}
	cohort_sessions_free(&mine);
	cohort_sessions_free(&o);
	return status;
}

/* Another room or instructor for one session, or for it and the rest. */
enum fd_status
cohort_session_assign(struct fd_db *db, int64_t session_id, int64_t room_id,
                      int64_t instructor_id, bool onwards, struct fd_err *err)
{
	struct cohort_sessions mine = {0}, others = {0};
	struct fd_txn *t = NULL;
	char sid[24], rid[24], iid[24], code[SCHEDULE_ID_MAX];
	char cid[24], ver[24];
	const char *args[] = {cohort_i64(sid, session_id)};
	struct txn_field f[3];
	size_t nf = 0;
	int64_t cohort_id = 0, v = 0;
	enum fd_status status;

	status = cohort_may(db, COHORT_ACT_ASSIGN, err);
	if (status == FD_OK)
		status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	status = cohort_open_check(db, COHORT_SESSION_GRADUATED_SQL, sid,
	                           MSG_COHORT_GRADUATED_TIMETABLE, err);
	if (status == FD_OK)
		status = cohort_sessions_load(
		    db,
		    onwards ? "s.cohort_id = (SELECT cohort_id FROM session"
		              " WHERE id = ?1) AND (s.date, s.start_min) >="
		              " (SELECT date, start_min FROM session WHERE id ="
		              " ?1) ORDER BY s.date, s.start_min"
		            : "s.id = ?1",
		    args, 1, &mine, err);
	if (status != FD_OK)
		goto out;
	if (mine.n == 0) {
		status = fd_fail(err, FD_E_NOTFOUND, "%s",
		                 tr(MSG_COHORT_NO_SESSION));
		goto out;
	}
	if (room_id) {
		const char *ra[] = {cohort_i64(rid, room_id)};

		cohort_text(db, "SELECT code FROM room WHERE id = ?1", ra, 1,
		            code, sizeof(code));
		if (!*code) {
			status = fd_fail(err, FD_E_NOTFOUND, "%s",
			                 tr(MSG_COHORT_NO_ROOM));
			goto out;
		}
		for (size_t k = 0; k < mine.n; k++)
			fd_strlcpy(mine.v[k].room, code, sizeof(mine.v[k].room));
		f[nf++] = (struct txn_field){"room_id", rid};
	}
	if (instructor_id) {
		const char *ia[] = {cohort_i64(iid, instructor_id)};

		cohort_text(db, "SELECT code FROM instructor WHERE id = ?1", ia,
		            1, code, sizeof(code));
		if (!*code) {
			status = fd_fail(err, FD_E_NOTFOUND, "%s",
			                 tr(MSG_COHORT_NO_INSTRUCTOR));
			goto out;
		}
		for (size_t k = 0; k < mine.n; k++)
			fd_strlcpy(mine.v[k].instructor, code,
			           sizeof(mine.v[k].instructor));
		f[nf++] = (struct txn_field){"instructor_id", iid};
	}
	if (nf == 0)
		goto out; /* nothing to change */
	{
		const char *oa[] = {mine.v[0].date, mine.v[mine.n - 1].date,
		                    mine.v[0].cohort};

		status = cohort_sessions_load(db,
		                              "s.date BETWEEN ?1 AND ?2 AND"
		                              " c.code <> ?3",
		                              oa, 3, &others, err);
	}
	if (status == FD_OK && room_id)
		status = cohort_check_resource(mine.v, mine.n, &others,
		                               SCHEDULE_ROOM, mine.v[0].room,
		                               err);
	if (status == FD_OK && instructor_id)
		status = cohort_check_resource(mine.v, mine.n, &others,
		                               SCHEDULE_INSTRUCTOR,
		                               mine.v[0].instructor, err);
	for (size_t k = 0; status == FD_OK && k < mine.n; k++) {
		char key[24];

		status = txn_update(t, "session", "id",
		                    cohort_i64(key, mine.ids[k]), f, nf, err);
	}
	/* From here on, the cohort's own room and instructor are these. */
	if (status == FD_OK && onwards)
		status = cohort_int(db,
		                    "SELECT cohort_id FROM session WHERE id = ?1",
		                    args, 1, &cohort_id, err);
	if (status == FD_OK && onwards) {
		const char *ca[] = {cohort_i64(cid, cohort_id)};

		status = cohort_int(db, "SELECT version + 1 FROM cohort WHERE"
		                        " id = ?1", ca, 1, &v, err);
		f[nf++] = (struct txn_field){"version", cohort_i64(ver, v)};
		if (status == FD_OK)
			status = txn_update(t, "cohort", "id", cid, f, nf, err);
	}
out:
	status = txn_end(t, status, err);
	cohort_sessions_free(&mine);
	cohort_sessions_free(&others);
	return status;
}

/* Enrol or waitlist a member. */
enum fd_status
cohort_enrol(struct fd_db *db, int64_t cohort_id, int64_t member_id,
             enum cohort_enrol_status *out, struct fd_err *err)
{
	struct fd_txn *t = NULL;
	char cid[24], mid[24], pos[24], *now = NULL;
	const char *args[] = {cohort_i64(cid, cohort_id),
	                      cohort_i64(mid, member_id)};
	int64_t cap = 0, enrolled = 0, next = 0, row = 0;
	char cur[32];
	bool seat;
	enum fd_status status;

	status = cohort_may(db, COHORT_ACT_ENROL, err);
	if (status == FD_OK)
		status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	status = cohort_int(db, "SELECT capacity FROM cohort WHERE id = ?1",
	                    args, 1, &cap, err);
	if (status == FD_E_NOTFOUND)
		status = fd_fail(err, FD_E_NOTFOUND, "%s",
		                 tr(MSG_COHORT_NO_COHORT));
	if (status != FD_OK)
		goto out;
	/* A graduated cohort is closed; an ended one still takes late
	 * records (a register kept on paper and typed in afterwards). */
	status = cohort_open_check(db, COHORT_GRADUATED_SQL, cid,
	                           MSG_COHORT_GRADUATED_CLOSED, err);
	if (status != FD_OK)
		goto out;
	cohort_text(db,
	            "SELECT status FROM enrolment WHERE cohort_id = ?1 AND"
	            " member_id = ?2",
	            args, 2, cur, sizeof(cur));
	if (strcmp(cur, "enrolled") == 0 || strcmp(cur, "waitlisted") == 0) {
		status = fd_fail(err, FD_E_EXISTS, "%s",
		                 tr(strcmp(cur, "waitlisted") == 0
		                        ? MSG_COHORT_ALREADY_WAITING
		                        : MSG_COHORT_ALREADY_ENROLLED));
		goto out;
	}
	status = cohort_check_member(db, cid, mid, err);
	if (status != FD_OK)
		goto out;
	status = cohort_int(db,
	                    "SELECT count(*) FROM enrolment WHERE cohort_id ="
	                    " ?1 AND status = 'enrolled'",
	                    args, 1, &enrolled, err);
	if (status == FD_OK)
		status = cohort_int(db,
		                    "SELECT coalesce(max(position), 0) + 1 FROM"
		                    " enrolment WHERE cohort_id = ?1 AND status"
		                    " = 'waitlisted'",
		                    args, 1, &next, err);
	if (status != FD_OK)
		goto out;
	seat = enrolled < cap;
	/* The step this is, by its own roles: the path may not move (a
	 * trainee enrolled elsewhere), which would not check them. */
	{
		const struct wf_transition *wt = wf_transition_find(
		    workflow_machine("participant"), seat ? "enrol" : "waitlist");

		if (wt)
			status = cohort_role_check(db, wt->roles,
			                           MSG_COHORT_DO_ENROL, err);
		if (status != FD_OK)
			goto out;
	}
	now = db_now(db);
	{
		const struct txn_field f[] = {
		    {"cohort_id", cid},
		    {"member_id", mid},
		    {"status", seat ? "enrolled" : "waitlisted"},
		    {"position", cohort_i64(pos, seat ? 0 : next)},
		    {"at", now}};

		if (*cur) {
			char key[24];

			status = cohort_int(db,
			                    "SELECT id FROM enrolment WHERE"
			                    " cohort_id = ?1 AND member_id = ?2",
			                    args, 2, &row, err);
			if (status == FD_OK)
				status = txn_update(t, "enrolment", "id",
				                    cohort_i64(key, row), f + 2,
				                    3, err);
		} else {
			status = txn_insert(t, "enrolment", "id", f,
			                    FD_ARRAY_LEN(f), err);
		}
	}
	if (status == FD_OK)
		status = seat ? cohort_wf(t, member_id, "enrol", "enrolled",
		                          NULL, err)
		              : cohort_wf(t, member_id, "waitlist",
		                          "waitlisted", NULL, err);
	if (status == FD_OK && out)
		*out = seat ? COHORT_ENROLLED : COHORT_WAITLISTED;
out:
	status = txn_end(t, status, err);
	free(now);
	return status;
}

/* Whether member may move up from the waitlist of cohort cid now, as an
 * enrolment would be checked: their path can be enrolled (a step enrol
 * leaves its state, or it is enrolled already, in another cohort) and no
 * cohort they are enrolled in overlaps this one. *ok false: leave them
 * waiting. */
static enum fd_status
cohort_promotable(struct fd_txn *t, const char *cid, int64_t member,
                  bool *ok, struct fd_err *err)
{
	const struct wf_machine *m = workflow_machine("participant");
	struct fd_err clash = {{0}};
	char mid[24], *state = NULL;
	enum fd_status status;

	*ok = false;
	status = workflow_state(txn_db(t), "participant",
	                        cohort_i64(mid, member), &state, err);
	if (status != FD_OK)
		return status;
	*ok = cohort_wf_there(state, "enrolled") ||
	      wf_transition_leaves(m, wf_transition_find(m, "enrol"), state);
	free(state);
	if (!*ok)
		return FD_OK;
	status = cohort_check_member(txn_db(t), cid, mid, &clash);
	if (status == FD_E_CONFLICT) {
		*ok = false;
		return FD_OK;
	}
	if (status != FD_OK)
		*err = clash;
	return status;
}

/* Give free seats of cohort cid to the people waiting, in order, each
 * checked as an enrolment is (cohort_promotable: one who cannot take the
 * seat now keeps their place and the next one moves up). The move is in
 * the person's history even when their path is enrolled already. */
static enum fd_status
cohort_promote_in(struct fd_txn *t, const char *cid, struct fd_err *err)
{
	struct fd_db *db = txn_db(t);
	const char *args[] = {cid};
	int64_t *rows = NULL, free_seats = 0;
	size_t nrows = 0;
	char code[SCHEDULE_ID_MAX], *reason = NULL;
	enum fd_status status;

	status = cohort_int(db,
	                    "SELECT capacity - (SELECT count(*) FROM"
	                    " enrolment WHERE cohort_id = ?1 AND status"
	                    " = 'enrolled') FROM cohort WHERE id = ?1",
	                    args, 1, &free_seats, err);
	if (status != FD_OK || free_seats <= 0)
		return status;
	status = cohort_ids(db,
	                    "SELECT id FROM enrolment WHERE cohort_id = ?1"
	                    " AND status = 'waitlisted' ORDER BY position, id",
	                    args, 1, &rows, &nrows, err);
	cohort_text(db, "SELECT code FROM cohort WHERE id = ?1", args, 1, code,
	            sizeof(code));
	reason = trf(MSG_COHORT_PROMOTED, code, NULL);
	for (size_t i = 0; status == FD_OK && i < nrows && free_seats > 0;
	     i++) {
		const struct txn_field f[] = {{"status", "enrolled"},
		                              {"position", "0"}};
		char key[24];
		const char *ra[] = {cohort_i64(key, rows[i])};
		int64_t member = 0;
		bool ok = false;

		status = cohort_int(db,
		                    "SELECT member_id FROM enrolment WHERE id = ?1",
		                    ra, 1, &member, err);
		if (status == FD_OK)
			status = cohort_promotable(t, cid, member, &ok, err);
		if (status != FD_OK || !ok)
			continue;
		status = txn_update(t, "enrolment", "id", key, f,
		                    FD_ARRAY_LEN(f), err);
		if (status == FD_OK)
			status = cohort_wf_rec(t, member, "enrol", "enrolled",
			                       reason, true, err);
		free_seats--;
	}
	free(rows);
	free(reason);
	return status;
}

/* Withdraw every live enrolment of member and promote from waitlists. */
enum fd_status
cohort_release_in(struct fd_txn *t, int64_t member_id, struct fd_err *err)
{
	struct fd_db *db = txn_db(t);
	char mid[24];
	const char *args[] = {cohort_i64(mid, member_id)};
	enum fd_status status = FD_OK;

	for (;;) {
		int64_t row = 0, cohort = 0;
		char key[24], cid[24], was[16];
		const struct txn_field f[] = {{"status", "withdrawn"},
		                              {"position", "0"}};

		status = cohort_int(db,
		                    "SELECT e.id FROM enrolment e JOIN cohort c"
		                    " ON c.id = e.cohort_id WHERE e.member_id ="
		                    " ?1 AND e.status IN ('enrolled',"
		                    " 'waitlisted') AND c.graduated_at = ''"
		                    " ORDER BY e.id LIMIT 1",
		                    args, 1, &row, err);
		if (status == FD_E_NOTFOUND) {
			status = FD_OK;
			break;
		}
		if (status != FD_OK)
			break;
		{
			const char *ra[] = {cohort_i64(key, row)};

			cohort_text(db,
			            "SELECT status FROM enrolment WHERE id = ?1",
			            ra, 1, was, sizeof(was));
			status = cohort_int(db,
			                    "SELECT cohort_id FROM enrolment"
			                    " WHERE id = ?1",
			                    ra, 1, &cohort, err);
		}
		if (status == FD_OK)
			status = txn_update(t, "enrolment", "id", key, f,
			                    FD_ARRAY_LEN(f), err);
		if (status == FD_OK && strcmp(was, "enrolled") == 0)
			status = cohort_promote_in(t, cohort_i64(cid, cohort),
			                           err);
		if (status != FD_OK)
			break;
	}
	return status;
}

/* Whether the seats of member's cohorts hold. */
bool
cohort_seats_hold(struct fd_db *db, int64_t member_id, int64_t *full_cohort)
{
	struct fd_err err = {{0}};
	char mid[24];
	const char *args[] = {cohort_i64(mid, member_id)};
	int64_t c = 0;
	enum fd_status st;

	st = cohort_int(db,
	                "SELECT e.cohort_id FROM enrolment e JOIN cohort c ON"
	                " c.id = e.cohort_id WHERE e.member_id = ?1 AND"
	                " e.status = 'enrolled' AND (SELECT count(*) FROM"
	                " enrolment x WHERE x.cohort_id = e.cohort_id AND"
	                " x.status = 'enrolled') > c.capacity LIMIT 1",
	                args, 1, &c, &err);
	if (full_cohort)
		*full_cohort = st == FD_OK ? c : 0;
	return st == FD_E_NOTFOUND;
}

/* Change a cohort's capacity and fill the seats it adds. */
enum fd_status
cohort_capacity_set(struct fd_db *db, int64_t cohort_id, int capacity,
                    size_t *promoted, struct fd_err *err)
{
	struct fd_txn *t = NULL;
	char cid[24], cap[24], ver[24], n[24];
	const char *args[] = {cohort_i64(cid, cohort_id)};
	int64_t before = 0, after = 0, v = 0;
	char *now = NULL;
	enum fd_status status;

	if (promoted)
		*promoted = 0;
	if (capacity < 1)
		return fd_fail(err, FD_E_INVALID, "%s",
		               tr(MSG_COHORT_CAPACITY));
	status = cohort_may(db, COHORT_ACT_CAPACITY, err);
	if (status == FD_OK)
		status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	status = cohort_open_check(db, COHORT_GRADUATED_SQL, cid,
	                           MSG_COHORT_GRADUATED_CLOSED, err);
	if (status == FD_OK)
		status = cohort_int(db, "SELECT version + 1 FROM cohort WHERE"
		                        " id = ?1", args, 1, &v, err);
	if (status == FD_E_NOTFOUND)
		status = fd_fail(err, FD_E_NOTFOUND, "%s",
		                 tr(MSG_COHORT_NO_COHORT));
	if (status == FD_OK)
		status = cohort_int(db,
		                    "SELECT count(*) FROM enrolment WHERE"
		                    " cohort_id = ?1 AND status = 'enrolled'",
		                    args, 1, &before, err);
	if (status == FD_OK && capacity < before) {
		char *text = trf(MSG_COHORT_CAPACITY_BELOW,
		                 cohort_i64(n, before), NULL);

		status = fd_fail(err, FD_E_INVALID, "%s", text);
		free(text);
	}
	if (status == FD_OK)
		now = db_now(db);
	if (status == FD_OK) {
		const struct txn_field f[] = {
		    {"capacity", cohort_i64(cap, capacity)},
		    {"version", cohort_i64(ver, v)},
		    {"updated_at", now}};

		status = txn_update(t, "cohort", "id", cid, f, FD_ARRAY_LEN(f),
		                    err);
	}
	if (status == FD_OK)
		status = cohort_promote_in(t, cid, err);
	if (status == FD_OK)
		status = cohort_int(db,
		                    "SELECT count(*) FROM enrolment WHERE"
		                    " cohort_id = ?1 AND status = 'enrolled'",
		                    args, 1, &after, err);
	free(now);
	status = txn_end(t, status, err);
	if (status == FD_OK && promoted)
		*promoted = (size_t)(after - before);
	return status;
}

/* Withdraw a member from a cohort. */
enum fd_status
cohort_withdraw(struct fd_db *db, int64_t cohort_id, int64_t member_id,
                const char *reason, struct fd_err *err)
{
	struct fd_txn *t = NULL;
	char cid[24], mid[24], cur[16], row[24];
	const char *args[] = {cohort_i64(cid, cohort_id),
	                      cohort_i64(mid, member_id)};
	const struct txn_field f[] = {{"status", "withdrawn"},
	                              {"position", "0"}};
	int64_t id = 0, others = 0;
	enum fd_status status;

	if (!reason || !*reason)
		return fd_fail(err, FD_E_INVALID, "%s",
		               tr(MSG_WF_REASON_NEEDED));
	status = cohort_may(db, COHORT_ACT_WITHDRAW, err);
	if (status == FD_OK)
		status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	cohort_text(db,
	            "SELECT status FROM enrolment WHERE cohort_id = ?1 AND"
	            " member_id = ?2",
	            args, 2, cur, sizeof(cur));
	if (strcmp(cur, "enrolled") != 0 && strcmp(cur, "waitlisted") != 0) {
		status = fd_fail(err, FD_E_NOTFOUND, "%s",
		                 tr(MSG_COHORT_NOT_IN));
		goto out;
	}
	status = cohort_open_check(db, COHORT_GRADUATED_SQL, cid,
	                           MSG_COHORT_GRADUATED_ROSTER, err);
	if (status == FD_OK)
		status = cohort_int(db,
		                    "SELECT id FROM enrolment WHERE cohort_id ="
		                    " ?1 AND member_id = ?2",
		                    args, 2, &id, err);
	/* This cohort only: the reason goes with the audit rows. */
	txn_note(t, reason);
	if (status == FD_OK)
		status = txn_update(t, "enrolment", "id", cohort_i64(row, id), f,
		                    FD_ARRAY_LEN(f), err);
	txn_note(t, NULL);
	if (status == FD_OK && strcmp(cur, "enrolled") == 0)
		status = cohort_promote_in(t, cid, err);
	/* In no other cohort now: the path goes back to eligible (still a
	 * participant, free to enrol elsewhere). Leaving the program is
	 * participant.withdraw, on the path screen. */
	if (status == FD_OK)
		status = cohort_int(db,
		                    "SELECT count(*) FROM enrolment WHERE"
		                    " member_id = ?2 AND cohort_id <> ?1 AND"
		                    " status IN ('enrolled', 'waitlisted')",
		                    args, 2, &others, err);
	if (status == FD_OK && others == 0)
		status = cohort_wf(t, member_id, "leave", "eligible", reason,
		                   err);
out:
	status = txn_end(t, status, err);
	return status;
}

/* Insert or update the row of table whose key column is key. */
static enum fd_status
cohort_upsert(struct fd_txn *t, const char *table, const char *key,
              const struct txn_field *all, size_t nall,
              const struct txn_field *upd, size_t nupd, struct fd_err *err)
{
	const char *args[] = {key};
	int64_t one = 0;
	char *sql = xasprintf("SELECT 1 FROM %s WHERE key = ?1", table);
	enum fd_status status;

	status = cohort_int(txn_db(t), sql, args, 1, &one, err);
	free(sql);
	if (status == FD_OK)
		return txn_update(t, table, "key", key, upd, nupd, err);
	if (status == FD_E_NOTFOUND)
		return txn_insert(t, table, "key", all, nall, err);
	return status;
}

/* Inside t: the cohort of session sid has started (cohort.start, after
 * cohort.open for a cohort created before it had a path); move its
 * enrolled trainees still in the state enrolled to in_training
 * (participant.start), when the person's role may start training (a
 * register is taken by the roles of cohort.start; a definition giving
 * participant.start fewer roles leaves them enrolled, and graduation
 * starts them anyway). */
static enum fd_status
cohort_start_in(struct fd_txn *t, const char *sid, struct fd_err *err)
{
	const struct wf_machine *m = workflow_machine("participant");
	const struct wf_transition *start = m ? wf_transition_find(m, "start")
	                                      : NULL;
	const char *args[] = {sid};
	int64_t *ids = NULL, cohort = 0;
	size_t nids = 0;
	char cid[24];
	enum fd_status status;

	status = cohort_int(txn_db(t),
	                    "SELECT cohort_id FROM session WHERE id = ?1", args,
	                    1, &cohort, err);
	if (status == FD_OK)
		status = cohort_path_in(t, cohort_i64(cid, cohort),
		                        COHORT_PATH_START, err);
	if (status != FD_OK || !start ||
	    !(start->roles & (1u << db_role(txn_db(t)))))
		return status;
	status = cohort_ids(
	    txn_db(t),
	    "SELECT e.member_id FROM session s JOIN enrolment e ON"
	    " e.cohort_id = s.cohort_id AND e.status = 'enrolled' JOIN"
	    " wf_state w ON w.machine = 'participant' AND w.entity_id ="
	    " CAST(e.member_id AS TEXT) AND w.state = 'enrolled' WHERE"
	    " s.id = ?1",
	    args, 1, &ids, &nids, err);
	for (size_t i = 0; status == FD_OK && i < nids; i++)
		status = cohort_wf(t, ids[i], "start", "in_training", NULL,
		                   err);
	free(ids);
	return status;
}

/* Mark one trainee at one session inside t. */
static enum fd_status
cohort_mark_in(struct fd_txn *t, const char *sid, const char *mid, char mark,
               struct fd_err *err)
{
	char key[64], m[2] = {mark, '\0'};
	const struct txn_field f[] = {{"key", key},
	                              {"session_id", sid},
	                              {"member_id", mid},
	                              {"mark", m}};

	snprintf(key, sizeof(key), "%s:%s", sid, mid);
	return cohort_upsert(t, "attendance", key, f, FD_ARRAY_LEN(f), f + 3,
	                     1, err);
}

/* Whether mark is one of P A E L. */
static enum fd_status
cohort_mark_check(char mark, struct fd_err *err)
{
	if (mark && strchr("PAEL", mark))
		return FD_OK;
	return fd_fail(err, FD_E_INVALID, "%s", tr(MSG_COHORT_BAD_MARK));
}

/* Refuse marks at session sid while it is still to come (its date after
 * util_today): a register is taken in class or after it, never ahead. */
static enum fd_status
cohort_session_due_check(struct fd_db *db, const char *sid,
                         struct fd_err *err)
{
	const char *args[] = {sid};
	char date[16], today[11], *text;
	enum fd_status status;

	cohort_text(db, "SELECT date FROM session WHERE id = ?1", args, 1,
	            date, sizeof(date));
	util_today(today);
	if (!*date || strcmp(date, today) <= 0)
		return FD_OK; /* an unknown session is refused further on */
	text = trf(MSG_COHORT_SESSION_FUTURE, date, NULL);
	status = fd_fail(err, FD_E_INVALID, "%s", text);
	free(text);
	return status;
}

/* Mark one trainee. */
enum fd_status
cohort_attendance_set(struct fd_db *db, int64_t session_id, int64_t member_id,
                      char mark, struct fd_err *err)
{
	struct fd_txn *t = NULL;
	char sid[24], mid[24];
	const char *args[] = {cohort_i64(sid, session_id),
	                      cohort_i64(mid, member_id)};
	int64_t one = 0;
	enum fd_status status = cohort_mark_check(mark, err);

	if (status == FD_OK)
		status = cohort_may(db, COHORT_ACT_REGISTER, err);
	if (status != FD_OK)
		return status;
	status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	status = cohort_open_check(db, COHORT_SESSION_GRADUATED_SQL, sid,
	                           MSG_COHORT_GRADUATED_FROZEN, err);
	if (status == FD_OK)
		status = cohort_session_due_check(db, sid, err);
	if (status == FD_OK)
		status = cohort_int(db,
		                    "SELECT 1 FROM session s JOIN enrolment e ON"
		                    " e.cohort_id = s.cohort_id WHERE s.id = ?1"
		                    " AND e.member_id = ?2 AND e.status ="
		                    " 'enrolled'",
		                    args, 2, &one, err);
	if (status == FD_E_NOTFOUND)
		status = fd_fail(err, FD_E_INVALID, "%s",
		                 tr(MSG_COHORT_NOT_TRAINEE));
	if (status == FD_OK)
		status = cohort_mark_in(t, sid, mid, mark, err);
	if (status == FD_OK)
		status = cohort_start_in(t, sid, err);
	return txn_end(t, status, err);
}

/* Mark every unmarked enrolled trainee of a session. */
enum fd_status
cohort_attendance_default(struct fd_db *db, int64_t session_id, char mark,
                          size_t *n, struct fd_err *err)
{
	struct fd_txn *t = NULL;
	char sid[24];
	const char *args[] = {cohort_i64(sid, session_id)};
	int64_t *ids = NULL;
	size_t nids = 0;
	enum fd_status status = cohort_mark_check(mark, err);

	if (n)
		*n = 0;
	if (status == FD_OK)
		status = cohort_may(db, COHORT_ACT_REGISTER, err);
	if (status != FD_OK)
		return status;
	status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	status = cohort_open_check(db, COHORT_SESSION_GRADUATED_SQL, sid,
	                           MSG_COHORT_GRADUATED_FROZEN, err);
	if (status == FD_OK)
		status = cohort_session_due_check(db, sid, err);
	if (status == FD_OK)
		status = cohort_ids(
	    db,
	    "SELECT e.member_id FROM session s JOIN enrolment e ON"
	    " e.cohort_id = s.cohort_id AND e.status = 'enrolled' WHERE s.id"
	    " = ?1 AND NOT EXISTS (SELECT 1 FROM attendance a WHERE"
	    " a.session_id = s.id AND a.member_id = e.member_id)"
	    " ORDER BY e.member_id",
	    args, 1, &ids, &nids, err);
	for (size_t i = 0; status == FD_OK && i < nids; i++) {
		char mid[24];

		status = cohort_mark_in(t, sid, cohort_i64(mid, ids[i]), mark,
		                        err);
	}
	free(ids);
	if (status == FD_OK)
		status = cohort_start_in(t, sid, err);
	status = txn_end(t, status, err);
	if (status == FD_OK && n)
		*n = nids;
	return status;
}

/* Attended and total sessions of a trainee. */
enum fd_status
cohort_attendance_total(struct fd_db *db, int64_t cohort_id, int64_t member_id,
                        int *attended, int *sessions, struct fd_err *err)
{
	char cid[24], mid[24];
	const char *args[] = {cohort_i64(cid, cohort_id),
	                      cohort_i64(mid, member_id)};
	int64_t a = 0, s = 0;
	enum fd_status status;

	status = cohort_int(db,
	                    "SELECT count(*) FROM attendance a JOIN session s"
	                    " ON s.id = a.session_id WHERE s.cohort_id = ?1"
	                    " AND a.member_id = ?2 AND a.mark IN ('P', 'L')",
	                    args, 2, &a, err);
	if (status == FD_OK)
		status = cohort_int(db,
		                    "SELECT count(*) FROM session WHERE"
		                    " cohort_id = ?1",
		                    args, 1, &s, err);
	*attended = (int)a;
	*sessions = (int)s;
	return status;
}

/* Record an assessment. */
enum fd_status
cohort_assessment_set(struct fd_db *db, int64_t cohort_id, int64_t member_id,
                      bool passed, const char *score, const char *note,
                      struct fd_err *err)
{
	struct fd_txn *t = NULL;
	char cid[24], mid[24], key[64];
	const struct txn_field f[] = {{"key", key},
	                              {"cohort_id", cohort_i64(cid, cohort_id)},
	                              {"member_id", cohort_i64(mid, member_id)},
	                              {"passed", passed ? "1" : "0"},
	                              {"score", score ? score : ""},
	                              {"note", note ? note : ""}};
	enum fd_status status;

	snprintf(key, sizeof(key), "%s:%s", cid, mid);
	status = cohort_may(db, COHORT_ACT_ASSESS, err);
	if (status == FD_OK)
		status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	status = cohort_open_check(db, COHORT_GRADUATED_SQL, cid,
	                           MSG_COHORT_GRADUATED_FROZEN, err);
	if (status == FD_OK)
		status = cohort_upsert(t, "assessment", key, f, FD_ARRAY_LEN(f), f + 3,
	                       3, err);
	return txn_end(t, status, err);
}

/* Record the score and the note, the result as it is (none for a new
 * row: pending until y or n). */
enum fd_status
cohort_assessment_detail_set(struct fd_db *db, int64_t cohort_id,
                             int64_t member_id, const char *score,
                             const char *note, struct fd_err *err)
{
	struct fd_txn *t = NULL;
	char cid[24], mid[24], key[64];
	const struct txn_field f[] = {{"key", key},
	                              {"cohort_id", cohort_i64(cid, cohort_id)},
	                              {"member_id", cohort_i64(mid, member_id)},
	                              {"score", score ? score : ""},
	                              {"note", note ? note : ""}};
	enum fd_status status;

	snprintf(key, sizeof(key), "%s:%s", cid, mid);
	status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	status = cohort_open_check(db, COHORT_GRADUATED_SQL, cid,
	                           MSG_COHORT_GRADUATED_FROZEN, err);
	if (status == FD_OK)
		status = cohort_upsert(t, "assessment", key, f, FD_ARRAY_LEN(f),
		                       f + 3, 2, err);
	return txn_end(t, status, err);
}

/* Free a preview. */
void
cohort_outcomes_free(struct cohort_outcome *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].why);
	free(v);
}

/* Judge o (member_id, assessed and passed read) in cohort_id by the
 * rule: attendance ratio >= min_ratio and the assessment passed; fills
 * attended, sessions, graduates and why (every reason, or ""). */
static enum fd_status
cohort_judge(struct fd_db *db, int64_t cohort_id, double min_ratio,
             struct cohort_outcome *o, struct fd_err *err)
{
	struct strbuf why = {0};
	enum fd_status status;
	bool enough;

	status = cohort_attendance_total(db, cohort_id, o->member_id,
	                                 &o->attended, &o->sessions, err);
	if (status == FD_OK) {
		char cid[24];
		const char *args[] = {cohort_i64(cid, cohort_id)};
		int64_t held = 0;

		status = cohort_int(db,
		                    "SELECT count(DISTINCT a.session_id) FROM"
		                    " attendance a JOIN session s ON s.id ="
		                    " a.session_id WHERE s.cohort_id = ?1",
		                    args, 1, &held, err);
		o->held = (int)held;
	}
	if (status != FD_OK)
		return status;
	enough = o->sessions > 0 && (double)o->attended + 1e-9 >=
	                                min_ratio * (double)o->sessions;
	if (!enough) {
		char a[16], b[16], pct[16];
		const char *nums[] = {a, b, pct};
		char *text;

		snprintf(a, sizeof(a), "%d", o->attended);
		snprintf(b, sizeof(b), "%d", o->sessions);
		snprintf(pct, sizeof(pct), "%.0f", min_ratio * 100);
		text = msg_format(tr(MSG_COHORT_WHY_ATTENDANCE), 3, nums);
		strbuf_adds(&why, text);
		free(text);
	}
	if (!o->passed) {
		if (why.len)
			strbuf_adds(&why, tr(MSG_COHORT_WHY_SEP));
		strbuf_adds(&why, tr(o->assessed ? MSG_COHORT_WHY_FAILED
		                                 : MSG_COHORT_WHY_NOT_ASSESSED));
	}
	o->graduates = enough && o->passed;
	free(o->why);
	o->why = why.len ? strbuf_take(&why) : xstrdup("");
	strbuf_free(&why);
	return FD_OK;
}

/* Whether the preview row st (member, passed, outcome, path state, how
 * many other cohorts hold that state as their outcome) was decided on the
 * path screen: its outcome recorded here (record_outcome), or - paths
 * overridden before the override recorded the outcome - the path
 * graduated or failed with no other cohort's outcome to account for it,
 * so it was decided while in training here. Sets decided, graduates. */
static void
cohort_decided_row(sqlite3_stmt *st, struct cohort_outcome *o)
{
	const char *outcome = (const char *)sqlite3_column_text(st, 2);
	const char *state = (const char *)sqlite3_column_text(st, 3);
	const char *d = NULL;

	if (outcome && *outcome)
		d = outcome;
	else if (state && (strcmp(state, "graduated") == 0 ||
	                   strcmp(state, "failed") == 0) &&
	         sqlite3_column_int(st, 4) == 0)
		d = state;
	o->decided = d != NULL;
	o->graduates = d && strcmp(d, "graduated") == 0;
}

/* Who graduates and who fails, and why. */
enum fd_status
cohort_graduation_preview(struct fd_db *db, int64_t cohort_id,
                          double min_ratio, struct cohort_outcome **out,
                          size_t *n, struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	char cid[24];
	const char *args[] = {cohort_i64(cid, cohort_id)};
	enum fd_status status;
	size_t cap = 0;
	int rc = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	status = cohort_prepare(
	    db,
	    "SELECT e.member_id, a.passed, e.outcome, w.state,"
	    " (SELECT count(*) FROM enrolment o WHERE o.member_id ="
	    " e.member_id AND o.cohort_id <> e.cohort_id AND o.outcome ="
	    " w.state)"
	    " FROM enrolment e LEFT JOIN assessment a ON a.cohort_id ="
	    " e.cohort_id AND a.member_id = e.member_id LEFT JOIN wf_state w"
	    " ON w.machine = 'participant' AND w.entity_id ="
	    " CAST(e.member_id AS TEXT) WHERE e.cohort_id = ?1 AND"
	    " e.status = 'enrolled' ORDER BY e.member_id",
	    args, 1, &st, err);
	while (status == FD_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cohort_outcome *o;

		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		o = &(*out)[(*n)++];
		memset(o, 0, sizeof(*o));
		o->member_id = sqlite3_column_int64(st, 0);
		o->assessed = sqlite3_column_type(st, 1) != SQLITE_NULL;
		o->passed = o->assessed && sqlite3_column_int(st, 1) == 1;
		cohort_decided_row(st, o);
	}
	if (status == FD_OK && rc != SQLITE_DONE)
		status = cohort_db_fail(db, err);
	sqlite3_finalize(st);
	for (size_t i = 0; status == FD_OK && i < *n; i++) {
		struct cohort_outcome *o = &(*out)[i];
		bool decided = o->decided, graduates = o->graduates;

		status = cohort_judge(db, cohort_id, min_ratio, o, err);
		if (status == FD_OK && decided) {
			/* Not judged again: the path screen decided. */
			o->decided = true;
			o->graduates = graduates;
			free(o->why);
			o->why = trf(MSG_COHORT_DECIDED_BY_PATH,
			             tr(graduates ? MSG_COHORT_VIEW_OUTCOME_GRADUATED
			                          : MSG_COHORT_VIEW_OUTCOME_FAILED),
			             NULL);
		}
	}
	if (status != FD_OK) {
		cohort_outcomes_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return status;
}

/* ---- the rule outside the cohort's graduation ---- */

/* The threshold the guards apply (training.min_attendance / 100). */
static double cohort_min_ratio = 0.8;

/* Set the guards' threshold. */
void
cohort_set_min_attendance(double ratio)
{
	cohort_min_ratio = ratio;
}

/* The cohorts member_id is in training in: enrolled, the cohort not
 * graduated; earliest first. */
struct cohort_open_row {
	int64_t enrolment;
	int64_t cohort;
	char code[SCHEDULE_ID_MAX];
	char outcome[12];
	bool assessed;
	bool passed;
};

/* One row of the cohorts in training (cohort_open_sql). */
static void
cohort_open_row(sqlite3_stmt *st, void *item)
{
	struct cohort_open_row *r = item;
	const unsigned char *v;

	r->enrolment = sqlite3_column_int64(st, 0);
	r->cohort = sqlite3_column_int64(st, 1);
	v = sqlite3_column_text(st, 2);
	fd_strlcpy(r->code, v ? (const char *)v : "", sizeof(r->code));
	v = sqlite3_column_text(st, 3);
	fd_strlcpy(r->outcome, v ? (const char *)v : "", sizeof(r->outcome));
	r->assessed = sqlite3_column_type(st, 4) != SQLITE_NULL;
	r->passed = r->assessed && sqlite3_column_int(st, 4) == 1;
}

static enum fd_status cohort_rows(struct fd_db *, const char *,
                                  const char *const *, size_t, size_t,
                                  void (*)(sqlite3_stmt *, void *), void **,
                                  size_t *, struct fd_err *);

/* The cohorts member is in training in, into *out (free()). */
static enum fd_status
cohort_open_rows(struct fd_db *db, int64_t member,
                 struct cohort_open_row **out, size_t *n, struct fd_err *err)
{
	char mid[24];
	const char *args[] = {cohort_i64(mid, member)};

	return cohort_rows(
	    db,
	    "SELECT e.id, c.id, c.code, e.outcome, a.passed FROM enrolment e"
	    " JOIN cohort c ON c.id = e.cohort_id LEFT JOIN assessment a ON"
	    " a.cohort_id = e.cohort_id AND a.member_id = e.member_id"
	    " WHERE e.member_id = ?1 AND e.status = 'enrolled' AND"
	    " c.graduated_at = '' ORDER BY c.start_date, c.id",
	    args, 1, sizeof(**out), cohort_open_row, (void **)out, n, err);
}

/* Judge member in the cohort of r by the guards' threshold. */
static enum fd_status
cohort_open_judge(struct fd_db *db, int64_t member,
                  const struct cohort_open_row *r, struct cohort_outcome *o,
                  struct fd_err *err)
{
	memset(o, 0, sizeof(*o));
	o->member_id = member;
	o->assessed = r->assessed;
	o->passed = r->passed;
	return cohort_judge(db, r->cohort, cohort_min_ratio, o, err);
}

/* Whether o (judged in the cohort called code) can no longer meet the
 * rule: the assessment recorded as not passed, or attendance short of
 * the threshold even with every session not held yet attended. Failing
 * someone mid-course whom the rest of the course could still carry over
 * the line would be a judgement the rule does not make. Otherwise *text
 * says why they may still graduate (caller frees). */
static bool
cohort_cannot_graduate(const struct cohort_outcome *o, char **text,
                       const char *code)
{
	int left = o->sessions - o->held;
	char a[16], h[16], l[16], all[16];

	*text = NULL;
	if (o->assessed && !o->passed)
		return true;
	if (left < 0)
		left = 0;
	if (o->sessions <= 0 || (double)(o->attended + left) + 1e-9 <
	                            cohort_min_ratio * (double)o->sessions)
		return true;
	snprintf(a, sizeof(a), "%d", o->attended);
	snprintf(h, sizeof(h), "%d", o->held);
	snprintf(l, sizeof(l), "%d", left);
	snprintf(all, sizeof(all), "%d", o->sessions);
	if (o->graduates) {
		*text = trf(MSG_COHORT_RULE_MET, code, NULL);
	} else if ((double)o->attended + 1e-9 >=
	           cohort_min_ratio * (double)o->sessions) {
		/* Attendance is there; only the assessment is missing. */
		const char *args[] = {code, a, all};

		*text = msg_format(tr(MSG_COHORT_RULE_AWAIT_ASSESSMENT), 3,
		                   args);
	} else {
		const char *args[] = {code, a, h, l};

		*text = msg_format(tr(MSG_COHORT_RULE_STILL_POSSIBLE), 4, args);
	}
	return false;
}

/* The guards attendance_met / attendance_not_met. */
bool
cohort_rule_holds(struct fd_db *db, int64_t member_id, bool graduates,
                  char **why)
{
	const char *want = graduates ? "graduated" : "failed";
	struct cohort_open_row *v = NULL;
	struct strbuf sb = {0};
	struct fd_err err = {{0}};
	size_t n = 0;
	bool ok = false;

	*why = NULL;
	if (cohort_open_rows(db, member_id, &v, &n, &err) != FD_OK) {
		*why = trf(MSG_DB_ERROR, err.msg, NULL);
		return false;
	}
	for (size_t i = 0; !ok && i < n; i++) {
		struct cohort_outcome o;
		const char *args[2] = {v[i].code, NULL};
		char *text;

		if (strcmp(v[i].outcome, want) == 0) {
			ok = true; /* decided so: the cohort's graduation */
			break;
		}
		if (v[i].outcome[0]) {
			args[1] = tr(strcmp(v[i].outcome, "graduated") == 0
			                 ? MSG_COHORT_VIEW_OUTCOME_GRADUATED
			                 : MSG_COHORT_VIEW_OUTCOME_FAILED);
			text = msg_format(tr(MSG_COHORT_RULE_DECIDED), 2, args);
		} else if (cohort_open_judge(db, member_id, &v[i], &o, &err) !=
		           FD_OK) {
			text = trf(MSG_DB_ERROR, err.msg, NULL);
		} else if (graduates) {
			ok = o.graduates;
			args[1] = o.why;
			text = msg_format(tr(MSG_COHORT_RULE_UNMET), 2, args);
			free(o.why);
		} else {
			ok = cohort_cannot_graduate(&o, &text, v[i].code);
			free(o.why);
		}
		if (!ok) {
			if (sb.len)
				strbuf_adds(&sb, tr(MSG_COHORT_WHY_SEP));
			strbuf_adds(&sb, text);
		}
		free(text);
	}
	if (!ok)
		*why = sb.len ? strbuf_take(&sb)
		              : xstrdup(tr(MSG_COHORT_RULE_NO_COHORT));
	strbuf_free(&sb);
	free(v);
	return ok;
}

/* The effect record_outcome. */
enum fd_status
cohort_outcome_record_in(struct fd_txn *t, int64_t member_id, bool forced,
                         struct fd_err *err)
{
	struct fd_db *db = txn_db(t);
	struct cohort_open_row *v = NULL;
	char mid[24], *state = NULL;
	const char *want;
	size_t n = 0, pick = (size_t)-1;
	bool done = false;
	enum fd_status status;

	status = workflow_state(db, "participant", cohort_i64(mid, member_id),
	                        &state, err);
	if (status != FD_OK)
		return status;
	want = strcmp(state, "graduated") == 0 ? "graduated"
	       : strcmp(state, "failed") == 0  ? "failed"
	                                       : NULL;
	free(state);
	if (!want)
		return FD_OK;
	status = cohort_open_rows(db, member_id, &v, &n, err);
	for (size_t i = 0; status == FD_OK && i < n; i++) {
		struct cohort_outcome o;

		if (strcmp(v[i].outcome, want) == 0) {
			pick = (size_t)-1; /* recorded already */
			done = true;
			break;
		}
		if (v[i].outcome[0] || pick != (size_t)-1)
			continue;
		status = cohort_open_judge(db, member_id, &v[i], &o, err);
		if (status == FD_OK && o.graduates == (want[0] == 'g'))
			pick = i;
		free(o.why);
	}
	if (status == FD_OK && forced && pick == (size_t)-1 && !done) {
		/* An override: the first cohort not decided yet, else the
		 * first, decided the other way by an earlier override. */
		for (size_t i = 0; pick == (size_t)-1 && i < n; i++)
			if (!v[i].outcome[0])
				pick = i;
		if (pick == (size_t)-1 && n)
			pick = 0;
	}
	if (status == FD_OK && pick != (size_t)-1) {
		char key[24];
		const struct txn_field f[] = {{"outcome", want}};

		status = txn_update(t, "enrolment", "id",
		                    cohort_i64(key, v[pick].enrolment), f, 1, err);
	}
	free(v);
	return status;
}

/* Inside t: move member_id's path for this cohort's outcome. The path is
 * one per person, and a person may be in two cohorts (not overlapping):
 * one already graduated stays graduated whatever this cohort says; one
 * who failed elsewhere and passes here is trained again (retrain, enrol,
 * start) and graduates; one who failed elsewhere and fails here stays
 * failed. Otherwise start (if not started) then graduate or fail. */
static enum fd_status
cohort_outcome_in(struct fd_txn *t, int64_t member_id, bool graduates,
                  const char *why, struct fd_err *err)
{
	char id[24], *state = NULL;
	enum fd_status status;

	status = workflow_state(txn_db(t), "participant",
	                        cohort_i64(id, member_id), &state, err);
	if (status != FD_OK)
		goto out;
	if (strcmp(state, "graduated") == 0 ||
	    (strcmp(state, "failed") == 0 && !graduates))
		goto out; /* the cohort's outcome is recorded all the same */
	if (strcmp(state, "failed") == 0) {
		status = cohort_wf(t, member_id, "retrain", "eligible", NULL,
		                   err);
		if (status == FD_OK)
			status = cohort_wf(t, member_id, "enrol", "enrolled",
			                   NULL, err);
	}
	if (status == FD_OK)
		status = cohort_wf(t, member_id, "start", "in_training", NULL,
		                   err);
	if (status == FD_OK)
		status = graduates ? cohort_wf(t, member_id, "graduate",
		                               "graduated", NULL, err)
		                   : cohort_wf(t, member_id, "fail", "failed",
		                               why, err);
out:
	free(state);
	return status;
}

/* Inside t: close the waitlist of cohort cid, which has just graduated:
 * every place still waiting lapses (kept, with the reason as the note of
 * its audit rows), and each of those people whose path is waitlisted and
 * who has no place left in a cohort not graduated goes back to eligible
 * (participant.leave, in their history). */
static enum fd_status
cohort_lapse_in(struct fd_txn *t, const char *cid, struct fd_err *err)
{
	struct fd_db *db = txn_db(t);
	const char *args[] = {cid};
	const char *reason = tr(MSG_COHORT_WAITLIST_LAPSED);
	/* The position stays: the lapsed places keep the order they had. */
	const struct txn_field f[] = {{"status", "lapsed"}};
	int64_t *rows = NULL, *members = NULL;
	size_t nrows = 0, nmembers = 0;
	enum fd_status status;

	status = cohort_ids(db,
	                    "SELECT id FROM enrolment WHERE cohort_id = ?1"
	                    " AND status = 'waitlisted' ORDER BY position, id",
	                    args, 1, &rows, &nrows, err);
	if (status == FD_OK)
		status = cohort_ids(db,
		                    "SELECT member_id FROM enrolment WHERE"
		                    " cohort_id = ?1 AND status = 'waitlisted'"
		                    " ORDER BY position, id",
		                    args, 1, &members, &nmembers, err);
	txn_note(t, reason);
	for (size_t i = 0; status == FD_OK && i < nrows; i++) {
		char key[24];

		status = txn_update(t, "enrolment", "id", cohort_i64(key, rows[i]),
		                    f, FD_ARRAY_LEN(f), err);
	}
	txn_note(t, NULL);
	for (size_t i = 0; status == FD_OK && i < nmembers; i++) {
		char mid[24], *state = NULL;
		const char *ma[] = {cohort_i64(mid, members[i])};
		int64_t places = 0;

		status = cohort_int(db,
		                    "SELECT count(*) FROM enrolment e JOIN cohort"
		                    " c ON c.id = e.cohort_id WHERE e.member_id ="
		                    " ?1 AND e.status IN ('enrolled',"
		                    " 'waitlisted') AND c.graduated_at = ''",
		                    ma, 1, &places, err);
		if (status == FD_OK && places == 0)
			status = workflow_state(db, "participant", mid, &state,
			                        err);
		if (status == FD_OK && state && strcmp(state, "waitlisted") == 0)
			status = workflow_apply_in(t, "participant", mid,
			                           "leave", state, reason, err);
		free(state);
	}
	free(rows);
	free(members);
	return status;
}

/* Apply graduation through the workflow. */
enum fd_status
cohort_graduate(struct fd_db *db, int64_t cohort_id, double min_ratio,
                size_t *graduated, size_t *failed, struct fd_err *err)
{
	struct fd_txn *t = NULL;
	struct cohort_outcome *v = NULL;
	size_t n = 0, g = 0, f = 0;
	char cid[24], *now = NULL;
	const char *args[] = {cohort_i64(cid, cohort_id)};
	enum fd_status status;

	status = cohort_may(db, COHORT_ACT_GRADUATE, err);
	if (status == FD_OK)
		status = txn_begin(db, &t, err);
	if (status != FD_OK)
		return status;
	status = cohort_open_check(db, COHORT_GRADUATED_SQL, cid,
	                           MSG_COHORT_GRADUATED_ON, err);
	if (status != FD_OK)
		goto out;
	status = cohort_graduation_preview(db, cohort_id, min_ratio, &v, &n,
	                                   err);
	for (size_t i = 0; status == FD_OK && i < n; i++) {
		char mid[24], key[24];
		const char *eargs[] = {cid, cohort_i64(mid, v[i].member_id)};
		const struct txn_field o[] = {
		    {"outcome", v[i].graduates ? "graduated" : "failed"}};
		int64_t eid = 0;

		if (v[i].graduates)
			g++;
		else
			f++;
		/* The outcome first: the path's graduate / fail guards
		 * (attendance_met ...) read it as this cohort's decision. */
		status = cohort_int(db,
		                    "SELECT id FROM enrolment WHERE"
		                    " cohort_id = ?1 AND member_id = ?2",
		                    eargs, 2, &eid, err);
		if (status == FD_OK)
			status = txn_update(t, "enrolment", "id",
			                    cohort_i64(key, eid), o, 1, err);
		if (status == FD_OK)
			status = cohort_outcome_in(t, v[i].member_id,
			                           v[i].graduates, v[i].why, err);
	}
	if (status == FD_OK) {
		int64_t ver = 0;

		now = db_now(db);
		status = cohort_int(db, "SELECT version + 1 FROM cohort WHERE"
		                        " id = ?1", args, 1, &ver, err);
		if (status == FD_OK) {
			char vbuf[24];
			const struct txn_field c[] = {
			    {"graduated_at", now},
			    {"updated_at", now},
			    {"version", cohort_i64(vbuf, ver)}};

			status = txn_update(t, "cohort", "id", cid, c,
			                    FD_ARRAY_LEN(c), err);
		}
	}
	if (status == FD_OK)
		status = cohort_lapse_in(t, cid, err);
	if (status == FD_OK)
		status = cohort_path_in(t, cid, COHORT_PATH_FINISH, err);
out:
	free(now);
	cohort_outcomes_free(v, n);
	status = txn_end(t, status, err);
	if (status == FD_OK) {
		if (graduated)
			*graduated = g;
		if (failed)
			*failed = f;
	}
	return status;
}

/* ---- Reading ---- */

/* Copy column i of st into dst ("" for NULL). */
static void
cohort_col(sqlite3_stmt *st, int i, char *dst, size_t size)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	fd_strlcpy(dst, v ? (const char *)v : "", size);
}

/* Run sql with args and call row(st, item) for each row into a growing
 * array of items of size bytes: *out (free()), *n. */
static enum fd_status
cohort_rows(struct fd_db *db, const char *sql, const char *const *args,
            size_t nargs, size_t size, void (*row)(sqlite3_stmt *, void *),
            void **out, size_t *n, struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	enum fd_status status;
	unsigned char *v = NULL;
	size_t cap = 0;
	int rc = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	status = cohort_prepare(db, sql, args, nargs, &st, err);
	while (status == FD_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * size);
		}
		memset(v + *n * size, 0, size);
		row(st, v + *n * size);
		(*n)++;
	}
	if (status == FD_OK && rc != SQLITE_DONE)
		status = cohort_db_fail(db, err);
	sqlite3_finalize(st);
	if (status != FD_OK) {
		free(v);
		v = NULL;
		*n = 0;
	}
	*out = v;
	return status;
}

static const char cohort_info_sql[] =
    "SELECT c.id, c.code, c.track, c.start_date, c.end_date, c.weekdays,"
    " c.slots, c.room_id, c.instructor_id, r.code, r.name, i.code, i.name,"
    " c.capacity, c.graduated_at, c.version,"
    " (SELECT count(*) FROM enrolment e WHERE e.cohort_id = c.id AND"
    "  e.status = 'enrolled'),"
    " (SELECT count(*) FROM enrolment e WHERE e.cohort_id = c.id AND"
    "  e.status = 'waitlisted'),"
    " (SELECT count(*) FROM enrolment e WHERE e.cohort_id = c.id AND"
    "  e.status = 'withdrawn'),"
    " (SELECT count(*) FROM session s WHERE s.cohort_id = c.id),"
    " (SELECT count(DISTINCT a.session_id) FROM session s JOIN attendance"
    "  a ON a.session_id = s.id WHERE s.cohort_id = c.id),"
    " (SELECT count(*) FROM session s JOIN attendance a ON a.session_id ="
    "  s.id WHERE s.cohort_id = c.id),"
    " (SELECT count(*) FROM session s JOIN attendance a ON a.session_id ="
    "  s.id WHERE s.cohort_id = c.id AND a.mark IN ('P', 'L')),"
    " (SELECT count(*) FROM enrolment e WHERE e.cohort_id = c.id AND"
    "  e.outcome = 'graduated'),"
    " (SELECT count(*) FROM enrolment e WHERE e.cohort_id = c.id AND"
    "  e.outcome = 'failed')"
    " FROM cohort c JOIN room r ON r.id = c.room_id"
    " JOIN instructor i ON i.id = c.instructor_id";

/* One row of cohort_info_sql into a struct cohort_info. */
static void
cohort_info_row(sqlite3_stmt *st, void *item)
{
	struct cohort_info *c = item;

	c->id = sqlite3_column_int64(st, 0);
	cohort_col(st, 1, c->code, sizeof(c->code));
	cohort_col(st, 2, c->track, sizeof(c->track));
	cohort_col(st, 3, c->start, sizeof(c->start));
	cohort_col(st, 4, c->end, sizeof(c->end));
	c->weekdays = (unsigned)sqlite3_column_int(st, 5);
	cohort_col(st, 6, c->slots, sizeof(c->slots));
	c->room_id = sqlite3_column_int64(st, 7);
	c->instructor_id = sqlite3_column_int64(st, 8);
	cohort_col(st, 9, c->room, sizeof(c->room));
	cohort_col(st, 10, c->room_name, sizeof(c->room_name));
	cohort_col(st, 11, c->instructor, sizeof(c->instructor));
	cohort_col(st, 12, c->instructor_name, sizeof(c->instructor_name));
	c->capacity = sqlite3_column_int(st, 13);
	cohort_col(st, 14, c->graduated_at, sizeof(c->graduated_at));
	c->version = sqlite3_column_int64(st, 15);
	c->enrolled = sqlite3_column_int(st, 16);
	c->waitlisted = sqlite3_column_int(st, 17);
	c->withdrawn = sqlite3_column_int(st, 18);
	c->sessions = sqlite3_column_int(st, 19);
	c->sessions_taken = sqlite3_column_int(st, 20);
	c->marks = sqlite3_column_int(st, 21);
	c->attended = sqlite3_column_int(st, 22);
	c->graduated = sqlite3_column_int(st, 23);
	c->failed = sqlite3_column_int(st, 24);
}

/* Every cohort. */
enum fd_status
cohort_list(struct fd_db *db, struct cohort_info **out, size_t *n,
            struct fd_err *err)
{
	char *sql = xasprintf("%s ORDER BY c.start_date DESC, c.code",
	                      cohort_info_sql);
	enum fd_status status;

	status = cohort_rows(db, sql, NULL, 0, sizeof(**out), cohort_info_row,
	                     (void **)out, n, err);
	free(sql);
	return status;
}

/* One cohort. */
enum fd_status
cohort_get(struct fd_db *db, int64_t id, struct cohort_info *out,
           struct fd_err *err)
{
	char cid[24];
	const char *args[] = {cohort_i64(cid, id)};
	char *sql = xasprintf("%s WHERE c.id = ?1", cohort_info_sql);
	struct cohort_info *v = NULL;
	size_t n = 0;
	enum fd_status status;

	memset(out, 0, sizeof(*out));
	status = cohort_rows(db, sql, args, 1, sizeof(*v), cohort_info_row,
	                     (void **)&v, &n, err);
	if (status == FD_OK && n == 0)
		status = fd_fail(err, FD_E_NOTFOUND, "%s",
		                 tr(MSG_COHORT_NO_COHORT));
	if (status == FD_OK)
		*out = v[0];
	free(v);
	free(sql);
	return status;
}

/* Where a cohort stands on today. */
enum cohort_phase
cohort_phase_on(const struct cohort_info *c, const char *today)
{
	if (c->graduated_at[0])
		return COHORT_GRADUATED;
	if (strcmp(today, c->start) < 0)
		return COHORT_PLANNED;
	if (strcmp(today, c->end) <= 0)
		return COHORT_RUNNING;
	return COHORT_ENDED;
}

static const char cohort_row_sql[] =
    "SELECT s.id, s.cohort_id, c.code, c.track, s.date, s.start_min,"
    " s.end_min, s.module, s.part, r.code, i.code,"
    " (SELECT count(*) FROM attendance a WHERE a.session_id = s.id),"
    " (SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND"
    "  a.mark IN ('P', 'L')), i.name"
    " FROM session s JOIN cohort c ON c.id = s.cohort_id"
    " JOIN room r ON r.id = s.room_id"
    " JOIN instructor i ON i.id = s.instructor_id ";

/* One row of cohort_row_sql into a struct cohort_session_row. */
static void
cohort_session_row(sqlite3_stmt *st, void *item)
{
	struct cohort_session_row *r = item;

	r->id = sqlite3_column_int64(st, 0);
	r->cohort_id = sqlite3_column_int64(st, 1);
	cohort_col(st, 2, r->cohort, sizeof(r->cohort));
	cohort_col(st, 3, r->track, sizeof(r->track));
	cohort_col(st, 4, r->date, sizeof(r->date));
	r->start = sqlite3_column_int(st, 5);
	r->end = sqlite3_column_int(st, 6);
	cohort_col(st, 7, r->module, sizeof(r->module));
	r->part = sqlite3_column_int(st, 8);
	cohort_col(st, 9, r->room, sizeof(r->room));
	cohort_col(st, 10, r->instructor, sizeof(r->instructor));
	r->marked = sqlite3_column_int(st, 11);
	r->attended = sqlite3_column_int(st, 12);
	cohort_col(st, 13, r->instructor_name, sizeof(r->instructor_name));
}

/* Sessions chosen by where (after cohort_row_sql). */
static enum fd_status
cohort_session_rows(struct fd_db *db, const char *where,
                    const char *const *args, size_t nargs,
                    struct cohort_session_row **out, size_t *n,
                    struct fd_err *err)
{
	char *sql = xasprintf("%s%s", cohort_row_sql, where);
	enum fd_status status;

	status = cohort_rows(db, sql, args, nargs, sizeof(**out),
	                     cohort_session_row, (void **)out, n, err);
	free(sql);
	return status;
}

/* The timetable of a cohort. */
enum fd_status
cohort_sessions(struct fd_db *db, int64_t cohort_id,
                struct cohort_session_row **out, size_t *n,
                struct fd_err *err)
{
	char cid[24];
	const char *args[] = {cohort_i64(cid, cohort_id)};

	return cohort_session_rows(db,
	                           "WHERE s.cohort_id = ?1 ORDER BY s.date,"
	                           " s.start_min, s.id",
	                           args, 1, out, n, err);
}

/* Every session between two dates. */
enum fd_status
cohort_sessions_between(struct fd_db *db, const char *from, const char *to,
                        struct cohort_session_row **out, size_t *n,
                        struct fd_err *err)
{
	const char *args[] = {from, to};

	return cohort_session_rows(db,
	                           "WHERE s.date BETWEEN ?1 AND ?2 ORDER BY"
	                           " s.date, r.code, s.start_min, s.id",
	                           args, 2, out, n, err);
}

/* One session. */
enum fd_status
cohort_session_get(struct fd_db *db, int64_t session_id,
                   struct cohort_session_row *out, struct fd_err *err)
{
	char sid[24];
	const char *args[] = {cohort_i64(sid, session_id)};
	struct cohort_session_row *v = NULL;
	size_t n = 0;
	enum fd_status status;

	memset(out, 0, sizeof(*out));
	status = cohort_session_rows(db, "WHERE s.id = ?1", args, 1, &v, &n,
	                             err);
	if (status == FD_OK && n == 0)
		status = fd_fail(err, FD_E_NOTFOUND, "%s",
		                 tr(MSG_COHORT_NO_SESSION));
	if (status == FD_OK)
		*out = v[0];
	free(v);
	return status;
}

/* Columns 0-5 of a trainee row: member id, name, ID number, 户编号,
 * enrolment status, position. */
#define COHORT_TRAINEE_COLS                                                \
	"m.id, m.name, m.id_number, h.hh_no, e.status, e.position"

/* One candidate row: member id, name, ID number, 户编号, state (the
 * first five columns of every trainee row). */
static void
cohort_candidate_row(sqlite3_stmt *st, void *item)
{
	struct cohort_trainee *p = item;

	p->member_id = sqlite3_column_int64(st, 0);
	cohort_col(st, 1, p->name, sizeof(p->name));
	cohort_col(st, 2, p->id_number, sizeof(p->id_number));
	cohort_col(st, 3, p->hh_no, sizeof(p->hh_no));
	cohort_col(st, 4, p->status, sizeof(p->status));
}

/* One roster row: the trainee columns, then attended, sessions, assessed,
 * passed, score, outcome. */
static void
cohort_roster_row(sqlite3_stmt *st, void *item)
{
	struct cohort_trainee *p = item;

	cohort_candidate_row(st, item);
	p->position = sqlite3_column_int(st, 5);
	p->attended = sqlite3_column_int(st, 6);
	p->sessions = sqlite3_column_int(st, 7);
	p->assessed = sqlite3_column_type(st, 8) != SQLITE_NULL;
	p->passed = p->assessed && sqlite3_column_int(st, 8) == 1;
	cohort_col(st, 9, p->score, sizeof(p->score));
	cohort_col(st, 10, p->outcome, sizeof(p->outcome));
}

/* The roster of a cohort. */
enum fd_status
cohort_roster(struct fd_db *db, int64_t cohort_id, struct cohort_trainee **out,
              size_t *n, struct fd_err *err)
{
	char cid[24];
	const char *args[] = {cohort_i64(cid, cohort_id)};

	return cohort_rows(
	    db,
	    "SELECT " COHORT_TRAINEE_COLS ","
	    " (SELECT count(*) FROM session s JOIN attendance a ON"
	    "  a.session_id = s.id WHERE s.cohort_id = e.cohort_id AND"
	    "  a.member_id = e.member_id AND a.mark IN ('P', 'L')),"
	    " (SELECT count(*) FROM session s WHERE s.cohort_id = e.cohort_id),"
	    " x.passed, x.score, e.outcome"
	    " FROM enrolment e JOIN member m ON m.id = e.member_id"
	    " JOIN household h ON h.id = m.household_id"
	    " LEFT JOIN assessment x ON x.cohort_id = e.cohort_id AND"
	    "  x.member_id = e.member_id"
	    " WHERE e.cohort_id = ?1 ORDER BY CASE e.status WHEN 'enrolled'"
	    " THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, e.position, m.name,"
	    " m.id",
	    args, 1, sizeof(**out), cohort_roster_row, (void **)out, n, err);
}

/* One session-marks row: the trainee columns, then the mark. */
static void
cohort_mark_row(sqlite3_stmt *st, void *item)
{
	struct cohort_trainee *p = item;
	const unsigned char *mark = sqlite3_column_text(st, 6);

	cohort_roster_row(st, item);
	p->attended = p->sessions = 0;
	p->mark = mark ? (char)mark[0] : 0;
}

/* The enrolled trainees of a session with their marks. */
enum fd_status
cohort_session_marks(struct fd_db *db, int64_t session_id,
                     struct cohort_trainee **out, size_t *n,
                     struct fd_err *err)
{
	char sid[24];
	const char *args[] = {cohort_i64(sid, session_id)};

	return cohort_rows(
	    db,
	    "SELECT " COHORT_TRAINEE_COLS ", a.mark, 0, NULL, NULL, e.outcome"
	    " FROM session s JOIN enrolment e ON e.cohort_id = s.cohort_id AND"
	    "  e.status = 'enrolled'"
	    " JOIN member m ON m.id = e.member_id"
	    " JOIN household h ON h.id = m.household_id"
	    " LEFT JOIN attendance a ON a.session_id = s.id AND a.member_id ="
	    "  e.member_id"
	    " WHERE s.id = ?1 ORDER BY m.name, m.id",
	    args, 1, sizeof(**out), cohort_mark_row, (void **)out, n, err);
}


/* Who may be enrolled in a cohort. */
enum fd_status
cohort_candidates(struct fd_db *db, int64_t cohort_id,
                  struct cohort_trainee **out, size_t *n, struct fd_err *err)
{
	char cid[24];
	const char *args[] = {cohort_i64(cid, cohort_id)};

	return cohort_rows(
	    db,
	    "SELECT m.id, m.name, m.id_number, h.hh_no, w.state"
	    " FROM wf_state w JOIN member m ON w.entity_id = CAST(m.id AS TEXT)"
	    " JOIN household h ON h.id = m.household_id"
	    " WHERE w.machine = 'participant' AND w.state IN ('eligible',"
	    " 'waitlisted') AND NOT EXISTS (SELECT 1 FROM enrolment e WHERE"
	    " e.cohort_id = ?1 AND e.member_id = m.id AND e.status IN"
	    " ('enrolled', 'waitlisted'))"
	    " ORDER BY m.name, m.id",
	    args, 1, sizeof(**out), cohort_candidate_row, (void **)out, n,
	    err);
}

/* The note of an assessment (cohort_roster carries no notes), so that a
 * screen changing the result or the score writes the note back as it
 * was. */
enum fd_status
cohort_assessment_note(struct fd_db *db, int64_t cohort_id, int64_t member_id,
                       char **note, struct fd_err *err)
{
	sqlite3_stmt *st = NULL;
	char cid[24], mid[24];
	const char *args[] = {cohort_i64(cid, cohort_id),
	                      cohort_i64(mid, member_id)};
	enum fd_status status;
	int rc;

	*note = NULL;
	status = cohort_prepare(db,
	                        "SELECT note FROM assessment WHERE cohort_id = ?1"
	                        " AND member_id = ?2",
	                        args, 2, &st, err);
	if (status != FD_OK)
		goto out;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		*note = xstrdup((const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = cohort_db_fail(db, err);
out:
	sqlite3_finalize(st);
	if (status == FD_OK && !*note)
		*note = xstrdup("");
	return status;
}
