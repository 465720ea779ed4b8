/*
 * Assessments of a cohort: one row per enrolled trainee with attendance so
 * far (sessions marked present or late, of all the cohort's sessions),
 * the assessment result, the score and the note.
 *
 * Keys: y passed and n not passed, each moving the cursor to the next
 * trainee (a class list is done in one pass); s asks for the score and c
 * for the note of the trainee under the cursor, starting from what is
 * stored. The usual order for one trainee is s, the score, Enter, then y
 * or n. Every key is saved at once through cohort_assessment_set in its
 * own transaction, which writes the result, the score and the note
 * together: the two this key does not change are read again just before
 * and written back as they are stored then (the note with
 * cohort_assessment_note), so a key never puts back what another person
 * changed meanwhile. s and c write the score and the note only
 * (cohort_assessment_detail_set): a trainee given only a score or a note
 * stays not assessed (未录入) until y or n, and the status line says so.
 *
 * This is tab 4 of the cohort (ui_train.h): the same tab line as the
 * cohort screen, and 1-5 or Left/Right go back to it asking for that tab
 * (5 opens graduation from there). A graduated cohort is closed: y, n, s
 * and c refuse at once and leave the bottom line.
 *
 * / and a name narrow the list; Enter gives the keys back; Esc shows
 * everyone; any other key is refused with a hint (as on the register).
 * F7 shows who recorded what for the trainee under the cursor (the audit
 * log of the assessment row). Read-only sessions see everything and
 * change nothing.
 *
 * Args: screen_args.data points to the cohort id (int64_t), copied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/cohort.h"
#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/ui_train.h"
#include "frontdesk/util.h"

#define ASSESS_TAG_SCORE 1
#define ASSESS_TAG_NOTE 2
/* Rows above the list: heading, counts, tabs, column header. */
#define ASSESS_TOP 4
#define ASSESS_SCORE_MAX 10
#define ASSESS_NOTE_MAX 200

/* What one key changes. */
enum assess_field {
	ASSESS_RESULT,
	ASSESS_SCORE,
	ASSESS_NOTE,
};

struct assess_screen {
	int64_t cohort_id;
	struct cohort_info cohort;
	struct cohort_trainee *v; /* the enrolled only */
	char **notes;             /* v[i]'s note */
	size_t n;
	struct ui_list list;
	size_t editing; /* whose score or note a prompt is asking for */
};

static const enum action assess_keys[] = {
	ACT_HELP, ACT_PASS,    ACT_FAIL,   ACT_SCORE,   ACT_NOTE,
	ACT_BACK, ACT_HISTORY, ACT_SEARCH, ACT_REFRESH, ACT_NONE};

/* A graduated cohort: nothing to record (assess_keys_now). */
static const enum action assess_closed_keys[] = {
	ACT_HELP, ACT_BACK, ACT_HISTORY, ACT_SEARCH, ACT_REFRESH, ACT_NONE};

/* The keys a stray key's message lists. */
static const enum action assess_own_keys[] = {ACT_PASS, ACT_FAIL, ACT_SCORE,
					      ACT_NOTE, ACT_NONE};

static const struct ui_key_default assess_key_defaults[] = {
	{ACT_PASS, "y"},  {ACT_FAIL, "n"},  {ACT_SCORE, "s"},
	{ACT_NOTE, "c"},  {ACT_NONE, NULL}};

static const int assess_widths[] = {3, 12, 12, 10, 8, 0};

/* "18/20 90%", the attendance of t so far. */
static void
assess_attendance(const struct cohort_trainee *t, char out[32])
{
	int pct = t->sessions > 0 ? t->attended * 100 / t->sessions : 0;

	snprintf(out, 32, "%d/%d %d%%", t->attended, t->sessions, pct);
}

/* The result of t: passed, not passed, or not assessed yet. */
static const char *
assess_result(const struct cohort_trainee *t)
{
	if (!t->assessed)
		return tr(MSG_ASSESS_NONE);
	return tr(t->passed ? MSG_ASSESS_PASSED : MSG_ASSESS_FAILED);
}

/* One row: number, name, attendance, result, score, note. */
static char *
assess_row(void *ud, size_t i)
{
	struct assess_screen *as = ud;
	const struct cohort_trainee *t = &as->v[i];
	char no[16], att[32];
	const char *cells[6];

	snprintf(no, sizeof(no), "%3zu", i + 1);
	assess_attendance(t, att);
	cells[0] = no;
	cells[1] = t->name;
	cells[2] = att;
	cells[3] = assess_result(t);
	cells[4] = t->score;
	cells[5] = as->notes[i];
	return ui_row(assess_widths, 6, cells);
}

/* Drop the loaded roster. */
static void
assess_clear(struct assess_screen *as)
{
	for (size_t i = 0; i < as->n; i++)
		free(as->notes[i]);
	free(as->notes);
	free(as->v);
	as->notes = NULL;
	as->v = NULL;
	as->n = 0;
}

/* Read the cohort, its enrolled trainees and their notes again. */
static enum fd_status
assess_reload(struct assess_screen *as)
{
	struct cohort_trainee *all = NULL;
	size_t nall = 0, top = as->list.top;
	struct fd_err err;
	enum fd_status st;

	assess_clear(as);
	st = cohort_get(ui_db(), as->cohort_id, &as->cohort, &err);
	if (st == FD_OK)
		st = cohort_roster(ui_db(), as->cohort_id, &all, &nall, &err);
	if (st == FD_OK) {
		as->v = xcalloc(nall + 1, sizeof(*as->v));
		as->notes = xcalloc(nall + 1, sizeof(*as->notes));
		for (size_t i = 0; i < nall; i++)
			if (strcmp(all[i].status, "enrolled") == 0)
				as->v[as->n++] = all[i];
	}
	for (size_t i = 0; st == FD_OK && i < as->n; i++)
		st = cohort_assessment_note(ui_db(), as->cohort_id,
					    as->v[i].member_id, &as->notes[i],
					    &err);
	for (size_t i = 0; i < as->n; i++)
		if (!as->notes[i])
			as->notes[i] = xstrdup("");
	free(all);
	if (st != FD_OK)
		ui_error_status(st, &err);
	ui_list_set(&as->list, as->n, assess_row, as);
	as->list.top = top;
	return st;
}

static int
assess_enter(struct screen *s, const struct screen_args *args)
{
	struct assess_screen *as = s->state;
	const int64_t *id = args->data;

	if (!id)
		return -1;
	as->cohort_id = *id;
	ui_list_init(&as->list);
	if (assess_reload(as) != FD_OK) {
		ui_list_free(&as->list);
		assess_clear(as);
		return -1;
	}
	return 0;
}

static void
assess_leave(struct screen *s)
{
	struct assess_screen *as = s->state;

	ui_list_free(&as->list);
	assess_clear(as);
}

/* The counts line: assessed, passed, not passed, not yet. */
static char *
assess_counts(const struct assess_screen *as)
{
	size_t c[4] = {0};
	char n[4][16];
	const char *args[4];

	for (size_t i = 0; i < as->n; i++) {
		c[0] += as->v[i].assessed;
		c[1] += as->v[i].assessed && as->v[i].passed;
		c[2] += as->v[i].assessed && !as->v[i].passed;
		c[3] += !as->v[i].assessed;
	}
	for (size_t k = 0; k < 4; k++) {
		snprintf(n[k], sizeof(n[k]), "%zu", c[k]);
		args[k] = n[k];
	}
	return msg_format(tr(MSG_ASSESS_COUNTS), 4, args);
}

static void
assess_draw(struct screen *s)
{
	struct assess_screen *as = s->state;
	const struct cohort_info *c = &as->cohort;
	char count[16];
	const char *args[5];
	const char *head[] = {"",
			      tr(MSG_ASSESS_COL_NAME),
			      tr(MSG_ASSESS_COL_ATTENDANCE),
			      tr(MSG_ASSESS_COL_RESULT),
			      tr(MSG_ASSESS_COL_SCORE),
			      tr(MSG_ASSESS_COL_NOTE)};
	size_t i = ui_list_selected(&as->list);
	char *line;

	snprintf(count, sizeof(count), "%zu", as->n);
	args[0] = c->code;
	args[1] = ui_train_track_label(c->track);
	args[2] = c->start;
	args[3] = c->end;
	args[4] = count;
	werase(s->win);
	line = msg_format(tr(MSG_ASSESS_HEAD), 5, args);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, line);
	free(line);
	line = assess_counts(as);
	wattrset(s->win, A_NORMAL);
	ui_text(s->win, 1, 0, s->cols, line);
	free(line);
	ui_train_cohort_tabs(s, 2, c, UI_TRAIN_TAB_ASSESS);
	line = ui_row(assess_widths, 6, head);
	wattrset(s->win, A_BOLD);
	ui_text(s->win, 3, 0, s->cols, line);
	free(line);
	wattrset(s->win, A_NORMAL);
	ui_list_draw(s, &as->list, ASSESS_TOP, s->rows - ASSESS_TOP - 1);
	/* The whole note of the trainee under the cursor. */
	line = trf(MSG_ASSESS_NOTE_LINE,
		   i != (size_t)-1 ? as->notes[i] : "", NULL);
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	ui_text(s->win, s->rows - 1, 0, s->cols, line);
	wattrset(s->win, A_NORMAL);
	free(line);
	wnoutrefresh(s->win);
}

/* Read trainee i's stored assessment again (someone else may have
 * changed it since the list was read), so that a key writes back the
 * fields it does not change as they are now, not as they were. */
static enum fd_status
assess_fresh(struct assess_screen *as, size_t i, struct fd_err *err)
{
	struct cohort_trainee *all = NULL;
	size_t nall = 0;
	char *note = NULL;
	enum fd_status st;

	st = cohort_roster(ui_db(), as->cohort_id, &all, &nall, err);
	for (size_t k = 0; st == FD_OK && k < nall; k++)
		if (all[k].member_id == as->v[i].member_id)
			as->v[i] = all[k];
	free(all);
	if (st == FD_OK)
		st = cohort_assessment_note(ui_db(), as->cohort_id,
					    as->v[i].member_id, &note, err);
	if (st == FD_OK) {
		free(as->notes[i]);
		as->notes[i] = note;
	}
	return st;
}

/* Save one field of trainee i's assessment (the result as passed, or the
 * score or the note as text), the other two as stored (a score or a
 * note leaves the result as it is: none yet, or the one recorded); the
 * status line says what was done (and, while no result is recorded,
 * that it is still to come). */
static bool
assess_save(struct assess_screen *as, size_t i, enum assess_field field,
	    bool passed, const char *text)
{
	struct fd_err err;
	enum fd_status st;
	bool pending = false;
	char *score = NULL, *note = NULL, *m;

	st = assess_fresh(as, i, &err);
	if (st == FD_OK) {
		pending = !as->v[i].assessed && field != ASSESS_RESULT;
		if (field != ASSESS_RESULT)
			passed = as->v[i].assessed && as->v[i].passed;
		score = xstrdup(field == ASSESS_SCORE ? text : as->v[i].score);
		note = xstrdup(field == ASSESS_NOTE ? text : as->notes[i]);
		st = field == ASSESS_RESULT
			     ? cohort_assessment_set(ui_db(), as->cohort_id,
						     as->v[i].member_id, passed,
						     score, note, &err)
			     : cohort_assessment_detail_set(
				       ui_db(), as->cohort_id,
				       as->v[i].member_id, score, note, &err);
	}
	if (st != FD_OK) {
		if (st == FD_E_INVALID || st == FD_E_CONFLICT ||
		    st == FD_E_DENIED)
			ui_error("%s", err.msg);
		else
			ui_error_status(st, &err);
		goto out;
	}
	as->v[i].assessed = !pending;
	as->v[i].passed = !pending && passed;
	fd_strlcpy(as->v[i].score, score, sizeof(as->v[i].score));
	free(as->notes[i]);
	as->notes[i] = note;
	note = NULL;
	ui_list_set(&as->list, as->n, assess_row, as);
	if (pending) {
		const char *pk = ui_keys_first(&screen_assess, ACT_PASS);
		const char *fk = ui_keys_first(&screen_assess, ACT_FAIL);
		const char *args[] = {as->v[i].name, pk ? pk : "-",
				      fk ? fk : "-"};

		m = msg_format(tr(MSG_ASSESS_SAVED_FIRST), 3, args);
	} else
		m = trf(MSG_ASSESS_SAVED, as->v[i].name,
			assess_result(&as->v[i]));
	ui_status("%s", m);
	free(m);
out:
	free(score);
	free(note);
	return st == FD_OK;
}

/* The trainee under the cursor, or -1 (and a message in a read-only
 * session, for a role that may not record assessments, or in a graduated
 * cohort: refused before anything is asked). */
static size_t
assess_target(struct assess_screen *as)
{
	if (!ui_train_may(COHORT_ACT_ASSESS))
		return (size_t)-1;
	if (as->cohort.graduated_at[0]) {
		ui_error("%s", tr(MSG_COHORT_VIEW_CLOSED));
		return (size_t)-1;
	}
	return ui_list_selected(&as->list);
}

/* F7: the history of the assessment under the cursor (audit log). */
static int
assess_history(struct assess_screen *as)
{
	size_t i = ui_list_selected(&as->list);
	struct audit_args aa = {.n = 1, .entity = {"assessment"}};
	struct screen_args args = {.data = &aa};
	char key[64];

	if (i == (size_t)-1)
		return UI_HANDLED;
	snprintf(key, sizeof(key), "%lld:%lld", (long long)as->cohort_id,
		 (long long)as->v[i].member_id);
	aa.id[0] = key;
	ui_push(&screen_audit, &args);
	return UI_HANDLED;
}

/* y / n: the result, keeping score and note; then the next trainee. */
static int
assess_pass(struct assess_screen *as, bool passed)
{
	size_t i = assess_target(as);
	size_t top = as->list.top;

	if (i == (size_t)-1)
		return UI_HANDLED;
	if (assess_save(as, i, ASSESS_RESULT, passed, NULL)) {
		as->list.top = top;
		if (as->list.sel + 1 < as->list.nshown)
			as->list.sel++;
	}
	return UI_HANDLED | UI_REDRAW;
}

/* s / c: ask for the score or the note, starting from the stored one. */
static int
assess_ask(struct assess_screen *as, int tag)
{
	size_t i = assess_target(as);
	char *q;

	if (i == (size_t)-1)
		return UI_HANDLED;
	as->editing = i;
	q = trf(tag == ASSESS_TAG_SCORE ? MSG_ASSESS_ASK_SCORE
					: MSG_ASSESS_ASK_NOTE,
		as->v[i].name, NULL);
	ui_prompt_with(q, tag,
		       tag == ASSESS_TAG_SCORE ? ASSESS_SCORE_MAX
					       : ASSESS_NOTE_MAX,
		       tag == ASSESS_TAG_SCORE ? as->v[i].score
					       : as->notes[i]);
	free(q);
	return UI_HANDLED;
}

static int
assess_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct assess_screen *as = s->state;
	int flags, tab;

	if (as->list.searching && act == ACT_ENTER) {
		as->list.searching = false; /* keep the narrowed list */
		return UI_HANDLED | UI_REDRAW;
	}
	tab = as->list.searching ? -1
				 : ui_train_tab_key(act, ev, UI_TRAIN_TAB_ASSESS);
	if (tab == UI_TRAIN_TAB_ASSESS)
		return UI_HANDLED;
	if (tab >= 0) {
		ui_train_tab_leave(s, (size_t)tab); /* the cohort shows it */
		return UI_HANDLED;
	}
	switch (act) {
	case ACT_PASS:
		return assess_pass(as, true);
	case ACT_FAIL:
		return assess_pass(as, false);
	case ACT_SCORE:
		return assess_ask(as, ASSESS_TAG_SCORE);
	case ACT_NOTE:
		return assess_ask(as, ASSESS_TAG_NOTE);
	case ACT_HISTORY:
		return assess_history(as);
	case ACT_REFRESH:
		assess_reload(as);
		return UI_UNHANDLED; /* and the global repaint */
	default:
		break;
	}
	if (act == ACT_CHAR && !as->list.searching) {
		/* A stray key must not start a search in the middle of a
		 * register: only the search key does. */
		ui_train_not_a_key(s->ops, assess_own_keys, ev);
		return UI_HANDLED;
	}
	flags = ui_list_action(s, &as->list, act, ev, s->rows - ASSESS_TOP - 1);
	if (flags == UI_UNHANDLED && act == ACT_BACK) {
		/* The cohort shows the new results. */
		ui_train_tab_leave(s, UI_TRAIN_TAB_BACK);
		return UI_HANDLED;
	}
	return flags;
}

/* The bottom line: nothing to record once the cohort has graduated. */
static const enum action *
assess_keys_now(struct screen *s)
{
	const struct assess_screen *as = s->state;

	return as->cohort.graduated_at[0] ? assess_closed_keys : assess_keys;
}

/* A score or a note was typed: save it with the rest as stored. */
static int
assess_result_cb(struct screen *s, const struct ui_result *r)
{
	struct assess_screen *as = s->state;
	size_t i = as->editing;
	size_t top = as->list.top;

	if (!r->ok || !r->value || i >= as->n)
		return UI_REDRAW;
	if (r->tag == ASSESS_TAG_SCORE) {
		if (strlen(r->value) >= sizeof(as->v[i].score)) {
			ui_error("%s", tr(MSG_ASSESS_SCORE_LONG));
			return UI_REDRAW;
		}
		assess_save(as, i, ASSESS_SCORE, false, r->value);
	} else if (r->tag == ASSESS_TAG_NOTE) {
		assess_save(as, i, ASSESS_NOTE, false, r->value);
	}
	as->list.top = top;
	return UI_REDRAW;
}

/* Typing narrows the list while its search line has focus. */
static bool
assess_typing(struct screen *s)
{
	struct assess_screen *as = s->state;

	return as->list.searching;
}

const struct screen_ops screen_assess = {
	.name = "assess",
	.title = MSG_ASSESS_TITLE,
	.state_size = sizeof(struct assess_screen),
	.keys = assess_keys,
	.key_defaults = assess_key_defaults,
	.keys_now = assess_keys_now,
	.enter = assess_enter,
	.leave = assess_leave,
	.draw = assess_draw,
	.action = assess_action,
	.result = assess_result_cb,
	.typing = assess_typing,
};
