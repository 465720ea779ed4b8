/*
 * Training cohorts in the database (migration 005_training.sql): rooms,
 * instructors, cohorts with their stored timetables, enrolment with a
 * waitlist, attendance, assessment and graduation (migration 006 adds the
 * outcome of each enrolment and when a cohort graduated). Core only; the
 * screens are screens/cohort*.c.
 *
 * Every write is one IMMEDIATE transaction through the door (txn.h); the
 * participant's path moves (enrol, waitlist, withdraw, graduate, fail) are
 * applied with workflow_apply_in inside that same transaction, so a
 * refused move leaves nothing behind. Timetables come from
 * schedule_generate and conflicts are found with schedule_conflicts /
 * schedule_double_booked over sessions loaded from the database, named in
 * the message ("room 201 on 2026-03-02 09:00-12:00 with cohort C2026-03").
 *
 * Attendance: a trainee attended a session marked P (present) or L
 * (late); A (absent) and E (excused) are not attended. The attendance
 * ratio is attended / sessions of the cohort. The first attendance written
 * for a cohort (and every one after it) moves its enrolled trainees still
 * in the state enrolled to in_training (participant.start), in the same
 * transaction: a cohort has started when its first register is taken.
 *
 * The cohort's own path (the "cohort" workflow machine) follows the same
 * writes, each in the transaction of the write: a cohort created enters
 * its machine and is opened for enrolment (cohort.open), its first
 * register starts it (cohort.start), its graduation finishes it
 * (cohort.finish). A step the loaded definitions lack is left out.
 *
 * Graduation closes the waitlist: the people still waiting get the
 * enrolment status 'lapsed' (migration 009), and each of them whose path
 * is waitlisted with no other place left goes back to eligible
 * (participant.leave). A waitlist place takes none of the person's time:
 * only enrolments clash; moving up from the waitlist is checked like an
 * enrolment then (a clash or a path that cannot be enrolled any more
 * leaves the person waiting, and the next one moves up).
 *
 * Who may do what (cohort_may) comes from the loaded workflow, not from
 * here: see enum cohort_act.
 */
#ifndef FRONTDESK_COHORT_H
#define FRONTDESK_COHORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/db.h"
#include "frontdesk/schedule.h"
#include "frontdesk/status.h"

struct fd_txn;

/* A room or an instructor (capacity 0 for instructors). */
struct cohort_resource {
	int64_t id;
	char *code;
	char *name;
	int capacity;
};

/* What a cohort is created from. */
struct cohort_spec {
	const char *code;  /* unique: "C2026-03" */
	const char *track; /* curriculum track code */
	const char *start; /* YYYY-MM-DD: first possible day */
	unsigned weekdays; /* schedule.h mask */
	const char *slots; /* "09:00-12:00,14:00-17:00" */
	int64_t room_id;
	int64_t instructor_id;
	int capacity; /* >= 1 */
	unsigned flags; /* SCHEDULE_MODULE_NEW_SLOT */
};

enum cohort_enrol_status {
	COHORT_ENROLLED,
	COHORT_WAITLISTED,
};

/* One trainee in a graduation preview. */
struct cohort_outcome {
	int64_t member_id;
	int attended; /* sessions marked P or L */
	int sessions; /* sessions of the cohort */
	int held;     /* sessions whose register has been taken */
	bool assessed;
	bool passed;   /* assessment passed */
	bool graduates;
	/* Decided on the path screen (by its rule or a supervisor's
	 * override) and recorded as this cohort's outcome: the graduation
	 * records it as it is instead of judging again; why says so. */
	bool decided;
	char *why; /* "" when graduating; else every reason, joined by "; " */
};

/* What a session may do to cohorts. Each is allowed to the roles the
 * loaded workflow gives the steps named (every role of those steps); a
 * step or machine missing from the definitions leaves it to supervisors.
 * Every write below checks its own (FD_E_DENIED, nothing written). */
enum cohort_act {
	COHORT_ACT_CREATE,   /* create a cohort: every cohort.* step */
	COHORT_ACT_RESOURCE, /* add a room or an instructor: every cohort.* */
	COHORT_ACT_CAPACITY, /* change the capacity: every cohort.* */
	COHORT_ACT_MOVE,     /* move a session: every cohort.* */
	COHORT_ACT_ASSIGN,   /* another room or instructor: every cohort.* */
	COHORT_ACT_ASSESS,   /* record an assessment: every cohort.* */
	COHORT_ACT_REGISTER, /* take a register: cohort.start (the first one
	                      * starts the cohort) */
	COHORT_ACT_GRADUATE, /* apply graduation: cohort.finish */
	COHORT_ACT_ENROL,    /* enrol or waitlist: participant.enrol and
	                      * participant.waitlist */
	COHORT_ACT_WITHDRAW, /* withdraw from a cohort: participant.leave */
};

/* FD_OK when this session may do act; FD_E_READONLY for a read-only
 * session; else FD_E_DENIED with "your role (X) may not DO; only: A, B"
 * in the session's language. For the screens, to refuse before asking
 * anything. */
enum fd_status
cohort_may(struct fd_db *db, enum cohort_act act, struct fd_err *err);

/* The graduation rule's attendance threshold (training.min_attendance /
 * 100; 0.8 until set) that the workflow guards attendance_met and
 * attendance_not_met apply. cohort_graduate takes its own. */
void
cohort_set_min_attendance(double ratio);

/* The guards attendance_met (graduates true) and attendance_not_met
 * (false): whether member_id is in training in a cohort (enrolled, the
 * cohort not graduated) whose graduation rule (attendance of all its
 * sessions and assessment) they meet, or can no longer meet (the
 * assessment recorded as not passed, or attendance short even if they
 * came to every session not held yet), or whose outcome for them is
 * already recorded so. On false *why gets every reason (caller frees).
 * Reads on db. */
bool
cohort_rule_holds(struct fd_db *db, int64_t member_id, bool graduates,
                  char **why);

/* Inside t, the effect record_outcome: the outcome of member_id's path
 * state (graduated or failed; nothing for another state) is recorded in
 * the first cohort they are in training in whose rule agrees, unless one
 * has it recorded already (cohort_graduate writes its own). After a
 * supervisor's override (forced) the path is right whatever the rule
 * says: with no cohort agreeing, the first one they are in training in
 * gets the outcome. */
enum fd_status
cohort_outcome_record_in(struct fd_txn *t, int64_t member_id, bool forced,
                         struct fd_err *err);

/* Add a room / an instructor; *id (may be NULL) gets its id. FD_E_EXISTS
 * for a code already used, FD_E_INVALID for an empty code. */
enum fd_status
cohort_room_add(struct fd_db *db, const char *code, const char *name,
                int capacity, int64_t *id, struct fd_err *err);
enum fd_status
cohort_instructor_add(struct fd_db *db, const char *code, const char *name,
                      int64_t *id, struct fd_err *err);
/* Every room / instructor by code. Free with cohort_resources_free. */
enum fd_status
cohort_room_list(struct fd_db *db, struct cohort_resource **out, size_t *n,
                 struct fd_err *err);
enum fd_status
cohort_instructor_list(struct fd_db *db, struct cohort_resource **out,
                       size_t *n, struct fd_err *err);
void
cohort_resources_free(struct cohort_resource *v, size_t n);

/* Generate the timetable of spec and store the cohort and its sessions in
 * one IMMEDIATE transaction; *id (may be NULL) gets its id. Refuses
 * (FD_E_CONFLICT, nothing written) a room or an instructor already booked
 * by another cohort in an overlapping slot, naming the first collision;
 * FD_E_NOTFOUND for an unknown room, instructor or track; FD_E_INVALID
 * for bad slots, dates or capacity; FD_E_EXISTS for a code in use. */
enum fd_status
cohort_create(struct fd_db *db, const struct cohort_spec *spec, int64_t *id,
              struct fd_err *err);

/* Move session session_id to date at start ("HH:MM"), keeping its length
 * (schedule_move's rules), then re-check its room, its instructor and
 * every trainee enrolled in it against the other cohorts' sessions
 * (FD_E_CONFLICT naming the collision; nothing changes). FD_E_INVALID for
 * a graduated cohort, for a session whose register has been taken (its
 * marks belong to the day they were taken) and for a new date before
 * today (util_today). */
enum fd_status
cohort_move_session(struct fd_db *db, int64_t session_id, const char *date,
                    const char *start, struct fd_err *err);

/* Give session session_id another room and/or instructor (0 keeps the
 * one it has): a substitute teacher, a room out of use; with onwards, that
 * session and every later one of its cohort, which then has them as its
 * own. Refuses (FD_E_CONFLICT, nothing changes) a room or instructor
 * booked by another cohort at any of those times, naming it;
 * FD_E_NOTFOUND for an unknown session, room or instructor; FD_E_INVALID
 * for a graduated cohort. */
enum fd_status
cohort_session_assign(struct fd_db *db, int64_t session_id, int64_t room_id,
                      int64_t instructor_id, bool onwards, struct fd_err *err);

enum fd_status
cohort_enrol(struct fd_db *db, int64_t cohort_id, int64_t member_id,
             enum cohort_enrol_status *status, struct fd_err *err);

/* Set the capacity of cohort_id in one transaction; seats added go to the
 * people waiting, in order (participant.enrol, in their history), and
 * *promoted (may be NULL) gets how many. Refuses (FD_E_INVALID) a
 * capacity below 1 or below the number enrolled, and a graduated cohort. */
enum fd_status
cohort_capacity_set(struct fd_db *db, int64_t cohort_id, int capacity,
                    size_t *promoted, struct fd_err *err);

/* Withdraw member_id from cohort_id (reason required) in one transaction:
 * the enrolment becomes withdrawn and, if it held a seat, the first person
 * waiting is enrolled (participant.enrol, recorded in their history);
 * the reason is the note of its audit rows. This cohort only: when the
 * member is in no other cohort any more, the path goes back to eligible
 * (participant.leave); leaving the program is participant.withdraw.
 * FD_E_INVALID without a reason or for a graduated cohort. */
enum fd_status
cohort_withdraw(struct fd_db *db, int64_t cohort_id, int64_t member_id,
                const char *reason, struct fd_err *err);

/* Inside t: withdraw every enrolment of member_id that is enrolled or
 * waitlisted in a cohort not graduated (a graduated cohort's roster is
 * closed) and give each freed seat to the first person waiting who may
 * take it (their enrolment enrolled, participant.enrol applied). What
 * the workflow effect enrol_from_waitlist runs; doing it twice is
 * harmless. */
enum fd_status
cohort_release_in(struct fd_txn *t, int64_t member_id, struct fd_err *err);

/* Whether every cohort where member_id is enrolled holds no more enrolled
 * than its capacity (the workflow guard). Reads on db. */
bool
cohort_seats_hold(struct fd_db *db, int64_t member_id, int64_t *full_cohort);

/* Mark member_id at session_id ('P', 'A', 'E' or 'L'); the member must be
 * enrolled in the session's cohort (FD_E_INVALID otherwise, for a
 * session after today (util_today): a register is taken in class or
 * after it, never ahead; and for a graduated cohort: its marks and
 * assessments are closed). */
enum fd_status
cohort_attendance_set(struct fd_db *db, int64_t session_id, int64_t member_id,
                      char mark, struct fd_err *err);
/* Mark every enrolled trainee of the session not marked yet with mark;
 * *n (may be NULL) gets how many were marked. The same refusals as
 * cohort_attendance_set. */
enum fd_status
cohort_attendance_default(struct fd_db *db, int64_t session_id, char mark,
                          size_t *n, struct fd_err *err);
/* Attended sessions (P or L) and sessions of the cohort of member_id. */
enum fd_status
cohort_attendance_total(struct fd_db *db, int64_t cohort_id, int64_t member_id,
                        int *attended, int *sessions, struct fd_err *err);

/* Record the assessment of member_id in cohort_id (FD_E_INVALID once the
 * cohort graduated). */
enum fd_status
cohort_assessment_set(struct fd_db *db, int64_t cohort_id, int64_t member_id,
                      bool passed, const char *score, const char *note,
                      struct fd_err *err);
/* Record the score and the note of member_id's assessment in cohort_id
 * and leave its result as it is: a trainee not assessed yet stays
 * pending (not assessed; migration 009) until cohort_assessment_set.
 * FD_E_INVALID once the cohort graduated. */
enum fd_status
cohort_assessment_detail_set(struct fd_db *db, int64_t cohort_id,
                             int64_t member_id, const char *score,
                             const char *note, struct fd_err *err);

/* Who of the enrolled graduates (attendance ratio >= min_ratio and the
 * assessment passed) and who fails and why, by member id. A trainee
 * whose outcome here was decided on the path screen (recorded by
 * record_outcome, or their path graduated / failed while in training
 * here with no other cohort holding that outcome) is not judged again:
 * decided, graduates as decided. Free with
 * cohort_outcomes_free. */
enum fd_status
cohort_graduation_preview(struct fd_db *db, int64_t cohort_id,
                          double min_ratio, struct cohort_outcome **out,
                          size_t *n, struct fd_err *err);
void
cohort_outcomes_free(struct cohort_outcome *v, size_t n);

/* Apply the preview in one transaction: each enrolled trainee's outcome
 * is recorded, they move to in_training if still enrolled
 * (participant.start), then graduate or fail with the reasons; the
 * waitlist is closed (the people waiting lapse, their paths back to
 * eligible when they have no other place) and the cohort's path is
 * finished (cohort.finish). *graduated / *failed may be NULL. */
enum fd_status
cohort_graduate(struct fd_db *db, int64_t cohort_id, double min_ratio,
                size_t *graduated, size_t *failed, struct fd_err *err);

/* ---- Reading, for the screens and the report ---- */

/* Where a cohort stands on a given day. */
enum cohort_phase {
	COHORT_PLANNED,   /* today is before its first session */
	COHORT_RUNNING,   /* between its first and last session */
	COHORT_ENDED,     /* after its last session, graduation not applied */
	COHORT_GRADUATED, /* cohort_graduate has been applied */
};

#define COHORT_TEXT_MAX 96 /* bytes of a room, instructor or trainee name */

/* One cohort with its counts (cohort_list, cohort_get). */
struct cohort_info {
	int64_t id;
	char code[SCHEDULE_ID_MAX];
	char track[SCHEDULE_CODE_MAX];
	char start[11]; /* first session's date */
	char end[11];   /* last session's date */
	unsigned weekdays;
	char slots[SCHEDULE_SLOTS_MAX * 12];
	int64_t room_id;
	int64_t instructor_id;
	char room[SCHEDULE_ID_MAX];       /* code */
	char room_name[COHORT_TEXT_MAX];
	char instructor[SCHEDULE_ID_MAX]; /* code */
	char instructor_name[COHORT_TEXT_MAX];
	int capacity;
	int enrolled;
	int waitlisted;
	int withdrawn;
	int sessions;       /* in the timetable */
	int sessions_taken; /* with at least one attendance mark */
	int marks;          /* attendance marks recorded */
	int attended;       /* of which P or L */
	int graduated;      /* outcomes after cohort_graduate */
	int failed;
	char graduated_at[20]; /* "" until cohort_graduate */
	int64_t version;
};

/* One session of a timetable, a week or a day (cohort_sessions*). */
struct cohort_session_row {
	int64_t id;
	int64_t cohort_id;
	char cohort[SCHEDULE_ID_MAX];
	char track[SCHEDULE_CODE_MAX];
	char date[11];
	int start; /* minutes after midnight */
	int end;
	char module[SCHEDULE_CODE_MAX];
	int part; /* 1.. when a module spans several sessions */
	char room[SCHEDULE_ID_MAX];
	char instructor[SCHEDULE_ID_MAX]; /* the session's own (code) */
	int marked;   /* trainees marked at this session */
	int attended; /* of which P or L */
	char instructor_name[COHORT_TEXT_MAX]; /* the session's own */
};

/* One person in a cohort's roster or a session's attendance list. */
struct cohort_trainee {
	int64_t member_id;
	char name[COHORT_TEXT_MAX];
	char id_number[20];
	char hh_no[32];
	char status[12];  /* enrolled | waitlisted | withdrawn | lapsed */
	int position;     /* waitlist order, 1 first; 0 otherwise */
	char mark;        /* cohort_session_marks: 'P' 'A' 'E' 'L' or 0 */
	int attended;     /* cohort_roster: sessions marked P or L */
	int sessions;     /* cohort_roster: sessions of the cohort */
	bool assessed; /* a result (passed or not) is recorded */
	bool passed;
	char score[16]; /* may be set while the result is pending */
	char outcome[12]; /* "" | graduated | failed */
};

/* Every cohort, latest start first. Free *out with free(). */
enum fd_status
cohort_list(struct fd_db *db, struct cohort_info **out, size_t *n,
            struct fd_err *err);
/* One cohort by id (FD_E_NOTFOUND when there is none). */
enum fd_status
cohort_get(struct fd_db *db, int64_t id, struct cohort_info *out,
           struct fd_err *err);
/* Where c stands on today (YYYY-MM-DD). */
enum cohort_phase
cohort_phase_on(const struct cohort_info *c, const char *today);

/* The timetable of cohort_id in order. Free *out with free(). */
enum fd_status
cohort_sessions(struct fd_db *db, int64_t cohort_id,
                struct cohort_session_row **out, size_t *n,
                struct fd_err *err);
/* Every session of every cohort from `from` to `to` (dates, inclusive),
 * by date, room and start. Free *out with free(). */
enum fd_status
cohort_sessions_between(struct fd_db *db, const char *from, const char *to,
                        struct cohort_session_row **out, size_t *n,
                        struct fd_err *err);
/* One session by id. */
enum fd_status
cohort_session_get(struct fd_db *db, int64_t session_id,
                   struct cohort_session_row *out, struct fd_err *err);

/* The roster of cohort_id: enrolled by name, then waitlisted by position,
 * then withdrawn and lapsed; with attendance totals, assessment and outcome. Free
 * *out with free(). */
enum fd_status
cohort_roster(struct fd_db *db, int64_t cohort_id, struct cohort_trainee **out,
              size_t *n, struct fd_err *err);
/* The enrolled trainees of session_id's cohort by name, each with their
 * mark at that session (0 when not marked yet). Free *out with free(). */
enum fd_status
cohort_session_marks(struct fd_db *db, int64_t session_id,
                     struct cohort_trainee **out, size_t *n,
                     struct fd_err *err);
/* Program participants who may be enrolled in cohort_id (participant
 * state eligible or waitlisted, not enrolled or waitlisted in it), by
 * name. status holds their participant state. Free *out with free(). */
enum fd_status
cohort_candidates(struct fd_db *db, int64_t cohort_id,
                  struct cohort_trainee **out, size_t *n, struct fd_err *err);

/* The note of member_id's assessment in cohort_id into *note ("" when
 * there is none; caller frees): cohort_roster leaves notes out. (Added by
 * the training screens; a note field in struct cohort_trainee would
 * replace it.) */
enum fd_status
cohort_assessment_note(struct fd_db *db, int64_t cohort_id, int64_t member_id,
                       char **note, struct fd_err *err);

#endif
