/*
 * What the training screens (session, assess, graduation, week, today)
 * share: labels of weekdays, attendance marks, tracks and modules in the
 * session's language, a session's time range, and the graduation
 * threshold. Texts come from the catalogs and from the curriculum
 * (schedule.h); an unknown track or module shows its code.
 */
#ifndef FRONTDESK_UI_TRAIN_H
#define FRONTDESK_UI_TRAIN_H

#include "frontdesk/cohort.h"
#include "frontdesk/ui.h"

/* The attendance marks in the order the screens offer them. */
#define UI_TRAIN_MARKS "PLEA"

/* "周一".."周日" for a date "YYYY-MM-DD"; "" when it is not a date. */
const char *
ui_train_weekday(const char *date);
/* The weekday name of 0 = Monday .. 6 = Sunday. */
const char *
ui_train_weekday_n(int wd);
/* 出勤 迟到 请假 缺勤 for 'P' 'L' 'E' 'A'; the "not marked" text for
 * anything else. */
const char *
ui_train_mark_label(char mark);
/* The label of a track or module code, or the code itself. */
const char *
ui_train_track_label(const char *code);
const char *
ui_train_module_label(const char *code);
/* "09:00-12:00" from minutes after midnight. */
void
ui_train_time_range(int start, int end, char out[12]);
/* "1 出勤  2 迟到 ..." : the first key and label of each action of acts
 * (ACT_NONE-ended) on screen ops, as bound now. Caller frees. */
char *
ui_train_keys_legend(const struct screen_ops *ops, const enum action *acts);
/* Refuse a printable key that is none of the screen's (acts are its own
 * keys): the status line names the key, the screen's keys and the search
 * key, instead of the key starting a search. */
void
ui_train_not_a_key(const struct screen_ops *ops, const enum action *acts,
		   const struct key_event *ev);
/* The label of where a cohort stands (未开课, 上课中...). */
enum fd_msg
ui_train_phase_label(enum cohort_phase p);
/* A weekdays mask as the person reads it ("周一至五", "周一、三、五").
 * Caller frees. */
char *
ui_train_weekdays_text(unsigned mask);
/* The seats of room room_id (0 when unknown). */
int
ui_train_room_seats(int64_t room_id);
/* A capacity typed in a prompt over the seats of room room_id (code
 * room): say so under the answer (ui_prompt_warn) and return true; the
 * same answer again is taken (the base may add chairs). False when it
 * fits, or was confirmed. */
bool
ui_train_capacity_warn(int64_t room_id, const char *room, int capacity);
/* The attendance ratio graduation asks for (0..1): the configured
 * training.min_attendance percent. Every screen asks here. */
double
ui_train_min_ratio(void);
/* Whether this session may do act to cohorts (cohort_may); when not,
 * says why on the status line (the read-only message, or which roles
 * may) and returns false. Screens ask before opening a prompt or a pick
 * list for the change. */
bool
ui_train_may(enum cohort_act act);

/* The five tabs of a cohort: the first three are lists of the cohort
 * screen (screens/cohort.c), the last two the assessment and graduation
 * screens it opens. Those two go back to it with ui_pop and a result
 * whose index is the tab asked for (UI_TRAIN_TAB_BACK: none, just back),
 * so 1-5 and Left/Right reach every tab from every one. */
enum {
	UI_TRAIN_TAB_TIMETABLE,
	UI_TRAIN_TAB_ROSTER,
	UI_TRAIN_TAB_WAITLIST,
	UI_TRAIN_TAB_ASSESS,
	UI_TRAIN_TAB_GRADUATION,
	UI_TRAIN_TABS,
};
#define UI_TRAIN_TAB_BACK ((size_t)-1)

/* Draw the tab line of cohort c on row y of s (1 课表 N │ 2 学员 N │ 3 候补
 * N │ 4 考核 │ 5 结业), tab current shown selected. */
void
ui_train_cohort_tabs(struct screen *s, int y, const struct cohort_info *c,
		     int current);
/* The tab a key asks for from tab current (1-5, Left, Right), or -1. */
int
ui_train_tab_key(enum action act, const struct key_event *ev, int current);
/* From the assessment or graduation screen s: go back to the cohort
 * screen, asking it for tab (UI_TRAIN_TAB_BACK: none). */
void
ui_train_tab_leave(struct screen *s, size_t tab);

#endif
