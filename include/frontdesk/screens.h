/*
 * Every screen of the program, one file each under screens/. Adding a
 * screen: write screens/NAME.c exporting `const struct screen_ops
 * screen_NAME`, declare it here and list it in ui_screens[] (src/ui_keys.c)
 * so that [keys.NAME] in the config is recognised.
 */
#ifndef FRONTDESK_SCREENS_H
#define FRONTDESK_SCREENS_H

#include "frontdesk/cohort.h"
#include "frontdesk/ui.h"

extern const struct screen_ops screen_menu;
extern const struct screen_ops screen_help;
extern const struct screen_ops screen_staff;
extern const struct screen_ops screen_staff_form;
extern const struct screen_ops screen_audit;
extern const struct screen_ops screen_check;
extern const struct screen_ops screen_households;
extern const struct screen_ops screen_household;
extern const struct screen_ops screen_member;
extern const struct screen_ops screen_conflict;
extern const struct screen_ops screen_import;
extern const struct screen_ops screen_participant;
extern const struct screen_ops screen_prompt;
extern const struct screen_ops screen_pick;
extern const struct screen_ops screen_confirm;
/* Training: attendance, assessments, graduation (data: const int64_t *,
 * the session or the cohort id), the week by room and today's sessions. */
extern const struct screen_ops screen_session;
extern const struct screen_ops screen_assess;
extern const struct screen_ops screen_graduation;
extern const struct screen_ops screen_week;
extern const struct screen_ops screen_today;
/* Training cohorts: the list, the new-cohort form, a room or
 * instructor form, and a cohort's detail. */
extern const struct screen_ops screen_cohorts;
extern const struct screen_ops screen_cohort_form;
extern const struct screen_ops screen_resource_form;
extern const struct screen_ops screen_cohort;

/* What ui_pick hands to the pick-list screen. */
struct pick_args {
	enum fd_msg title;
	const char *const *labels; /* NULL-ended */
	size_t current;
	const char *initial; /* first filter text, may be NULL */
};

struct household;
struct hh_issues;
struct record;

/* What the household screen hands to the member form: the household being
 * edited (the member is edited in place) and the last check's findings. */
struct member_args {
	struct household *h;
	size_t index; /* == h->nmembers for a new member */
	const struct hh_issues *issues;
};

/* What the household screen hands to the conflict screen: mine is merged
 * in place with the stored values the person chooses; stored and base
 * (allocated) become the conflict screen's, which frees them. */
struct conflict_args {
	struct household *mine;
	struct household *stored;
	struct household *base; /* as loaded; owned like stored */
};

/* The audit screen limited to some records (n == 0: the whole log). */
#define AUDIT_ARGS_MAX 16
struct audit_args {
	size_t n;
	const char *entity[AUDIT_ARGS_MAX];
	const char *id[AUDIT_ARGS_MAX];
	/* Also the rows of the records of rows_of whose rows_by is
	 * rows_value (audit_filter's); rows_of NULL: none. */
	const char *rows_of;
	const char *rows_by;
	const char *rows_value;
};

/* What ui_prompt hands to the prompt screen. */
struct prompt_args {
	const char *question;
	size_t max_chars;
	const char *initial; /* the answer's text to start from, may be NULL */
	const char *error;   /* why the last answer was refused, or NULL */
	bool warning;        /* error is a warning: the same answer again
			      * is taken (ui_prompt_confirmed) */
};

/* Who the participant screen is about: a saved member. */
struct participant_args {
	const char *member_id;
	const char *name;
	const char *id_number;
};

/* Open the participant path of a member record (says why not when the
 * member is not saved or not a participant). */
void
participant_open(const struct record *member);

/* What ui_confirm hands to the confirm screen. */
struct confirm_args {
	const char *question;
	const char *keys;  /* the answers' line; NULL: MSG_CONFIRM_KEYS */
	bool default_yes;  /* Enter is Yes; Esc/F3 answer neither (backed) */
};

/* ---- training cohorts (screens/cohorts.c, shared by the cohort screens) */

/* Which record the resource form adds (screen_args.data points to one). */
enum resource_kind {
	RESOURCE_ROOM,
	RESOURCE_INSTRUCTOR,
};

#endif
