/*
 * What the training screens (session, assess, graduation, week, today)
 * share: labels of weekdays, attendance marks, tracks and modules in the
 * session's language, a session's time range, and the graduation
 * threshold. Texts come from the catalogs and from the curriculum
 * (schedule.h); an unknown track or module shows its code.
 */
#ifndef FRONTDESK_UI_TRAIN_H
#define FRONTDESK_UI_TRAIN_H

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
/* The attendance ratio graduation asks for (0..1): the configured
 * training.min_attendance percent once the config has it; 80% until
 * then. Every screen asks here. */
double
ui_train_min_ratio(void);

#endif
