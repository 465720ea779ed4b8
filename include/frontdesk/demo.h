/*
 * Demonstration data: registered poor households of Linxia (临夏) with
 * their members, plausible and valid, for trying the program and for
 * benchmarks.
 *
 * Households are spread over the villages below Linxia prefecture
 * (622900) in the loaded region table; 户编号 is the village code and a
 * 4-digit sequence. Families: a head aged 30-65, mostly a spouse of the
 * other sex, children (students at the age for it), sometimes the head's
 * parents, a married son's wife and grandchildren, about 4 members a
 * household. Names from the surnames of the area; ID numbers valid (the
 * county's region code, the birth date, a sequence of the right parity,
 * the check character); every code field set from the code lists so that
 * household_check finds neither errors nor warnings; some members aged
 * within the participant range marked as program participants.
 *
 * Everything is written through household_save_in (checked and audited),
 * all households in one transaction: nothing is written unless all are.
 *
 * Training (demo_training, after the households): three rooms, four
 * instructors and four cohorts of different tracks around the day of the
 * demo: one that ended weeks ago (attendance, assessments, graduation
 * applied: most graduate, a poor attender and a failed assessment do
 * not), one running since two weeks (attendance of the past sessions, a
 * waitlist, a withdrawal that promoted the first one waiting), one
 * starting next Monday (enrolments and a waitlist) and one in three
 * weeks. Trainees are the program participants of verified households,
 * moved to eligible through the workflow first; everything goes through
 * cohort.h and the workflow engine, as the screens do it.
 */
#ifndef FRONTDESK_DEMO_H
#define FRONTDESK_DEMO_H

#include <stdbool.h>

#include "frontdesk/db.h"
#include "frontdesk/household.h"
#include "frontdesk/status.h"

/* Households when demo_fill is given 0 or less. */
#define DEMO_DEFAULT_HOUSEHOLDS 300

/* Add `households` demonstration households (0 or less: 300) to db, which
 * must hold none yet (FD_E_EXISTS otherwise), from the pseudo-random
 * sequence of seed, with ages counted from today (idcard_today). The code
 * lists and regions must be loaded (codes_load). progress(ud, done, total)
 * (may be NULL) is called before the first household and after each. */
enum fd_status
demo_fill(struct fd_db *db, int households, unsigned seed,
	  void (*progress)(void *ud, int done, int total), void *ud,
	  struct fd_err *err);

/* demo_fill with ages counted from today ("YYYY-MM-DD"): the same seed and
 * day give the same data. */
enum fd_status
demo_fill_on(struct fd_db *db, int households, unsigned seed,
	     const char *today,
	     void (*progress)(void *ud, int done, int total), void *ud,
	     struct fd_err *err);

/* The same households without a database (benchmarks, CSV files): a
 * generator for seed and today ("YYYY-MM-DD"); NULL with err filled when
 * the regions lack Linxia's villages or the date is bad. demo_gen_next
 * puts the next household into h (which it initialises: clear it with
 * household_clear before the next call). The sequence is the one
 * demo_fill_on saves; 户编号 and ID numbers are unique within it (up to
 * 9999 households a village). */
struct demo_gen;

struct demo_gen *
demo_gen_new(unsigned seed, const char *today, struct fd_err *err);
void
demo_gen_next(struct demo_gen *g, struct household *h);
void
demo_gen_free(struct demo_gen *g);

/* What demo_training added. */
struct demo_training_counts {
	int rooms, instructors, cohorts, sessions;
	int enrolled, waitlisted; /* enrolments in the end */
	int marks;                /* attendance marks */
	int graduated, failed;    /* participants */
};

/* Add the demonstration training data (see the top) to db, the cohorts
 * placed around today ("YYYY-MM-DD"), the ended one graduated with
 * min_ratio (training.min_attendance / 100), choices from the sequence of
 * seed: the same seed, day and households give the same data. The
 * curriculum (schedule_load) and the workflow (workflow_load) must be
 * loaded and the session must be a supervisor's. Refuses (FD_E_EXISTS) a
 * database holding a cohort, room or instructor already. Each step is
 * one of cohort.h's transactions: after a failure (err names the cohort)
 * the steps before it stay. *counts (may be NULL) gets what was added.
 * Fewer participants than the cohorts ask for give smaller cohorts. */
enum fd_status
demo_training(struct fd_db *db, unsigned seed, const char *today,
	      double min_ratio, struct demo_training_counts *counts,
	      struct fd_err *err);

#endif
