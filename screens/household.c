/*
 * The household form: the household's fields in the order of the paper
 * form (income and production conditions after them), and its members
 * below. F2 saves the household with all its members in one transaction.
 *
 * Saving: the core checks everything (household_check); errors go next to
 * their fields (a member's errors to its row, and into the member form when
 * it is opened); each warning is asked about in turn and, when accepted, is
 * saved with the record as a decision; a save over a newer version opens
 * the conflict screen, where the person chooses field by field.
 *
 * Drafts: whenever the input differs from what was loaded or saved, the
 * whole household (members included, also one being typed in the member
 * form, which edits the household's member in place) is kept as a draft
 * before the program waits for the next key, so a dropped link or a kill
 * loses nothing; the draft is offered back when the same login opens the
 * same household (or a new one) again. Restoring is the default answer
 * (Enter, Y): a reflex key must not lose typed input. Only N discards the
 * draft; Esc or F3 opens the record as stored and leaves the draft to be
 * offered next time (until new input here replaces it: one draft per
 * record).
 *
 * F2 with nothing changed since the household was loaded or saved writes
 * nothing (no version moves, so nobody else gets a conflict) and says so.
 * Warnings accepted in an earlier save for the same values are not asked
 * again (household_check marks them recorded).
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/db.h"
#include "frontdesk/draft.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/ui_record.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define HH_FIELD_ROWS 12
#define HH_TAG_DRAFT 1000
#define HH_TAG_WARNING 1001
#define HH_TAG_MEMBER 1002
#define HH_TAG_CONFLICT 1003
#define HH_TAG_OPEN_OTHER 1004

struct hhform_screen {
	struct household h;
	struct ui_record_form rf;
	struct ui_list members;
	bool in_members;    /* the focus is in the member list */
	char key[32];       /* draft key: the id, or "new" */
	char *baseline;     /* the text of h as loaded or saved */
	char *drafted;      /* the text last kept as a draft */
	struct hh_issues issues;   /* of the last check */
	struct hh_issues accepted; /* warnings accepted in this save */
	size_t asking;      /* the warning being asked about */
	int64_t other;      /* a household to open, from a duplicate */
	int widths[7];      /* of the member rows' columns */
};

static const enum action hhform_keys[] = {
	ACT_HELP, ACT_SAVE, ACT_BACK, ACT_PROMPT, ACT_NEW, ACT_HISTORY,
	ACT_WORKFLOW, ACT_NONE};

/* ---- drafts ---- */

/* The household with the form's values read in. */
static void
hhform_read(struct hhform_screen *hs)
{
	ui_record_form_read(&hs->rf, hs->h.hh);
}

/* Take the current state as saved (no draft needed). */
static void
hhform_set_baseline(struct hhform_screen *hs)
{
	free(hs->baseline);
	hs->baseline = household_to_text(&hs->h);
	free(hs->drafted);
	hs->drafted = xstrdup(hs->baseline);
}

/* ---- drawing ---- */

/* Member row columns: mark, name, ID, sex, birth date, relation (then
 * the participant mark, as it is). Sex and relation take the width of
 * their longest label in the session's language (hhform_members_refresh):
 * "Female" and "Head of household" were cut at fixed Chinese widths. */
enum { HH_COL_MARK, HH_COL_NAME, HH_COL_ID, HH_COL_SEX, HH_COL_BIRTH,
       HH_COL_RELATION, HH_COL_PARTICIPANT, HH_COLS };

/* One member row: errors mark, name, ID, sex, birth, relation. */
static char *
hhform_member_row(void *ud, size_t i)
{
	struct hhform_screen *hs = ud;
	const struct record *m = hs->h.members[i];
	const char *mark = "";
	const char *cells[HH_COLS];

	for (size_t k = 0; k < hs->issues.n; k++)
		if (hs->issues.v[k].member == (int)i && !hs->issues.v[k].warning)
			mark = "!";
	cells[0] = mark;
	cells[1] = m->v[MEM_NAME];
	cells[2] = m->v[MEM_ID_NUMBER];
	cells[3] = ui_code_label("sex", m->v[MEM_SEX]);
	cells[4] = m->v[MEM_BIRTH];
	cells[5] = ui_code_label("relation", m->v[MEM_RELATION]);
	cells[6] = strcmp(m->v[MEM_PARTICIPANT], "1") == 0
			   ? tr(MSG_HH_MEMBER_PARTICIPANT)
			   : "";
	return ui_row(hs->widths, HH_COLS, cells);
}

/* The width of the widest label of code list `list`, at least min. */
static int
hhform_label_width(const char *list, int min)
{
	const struct code_list *cl = codes_list(list);
	int w = min;

	for (size_t i = 0; cl && i < cl->n; i++) {
		int lw = utf8_width(code_item_label(&cl->items[i]));

		if (lw > w)
			w = lw;
	}
	return w;
}

/* Show the members again (after a change to the list). */
static void
hhform_members_refresh(struct hhform_screen *hs)
{
	int relation = 4;

	hs->widths[HH_COL_MARK] = 2;
	hs->widths[HH_COL_NAME] = 10;
	hs->widths[HH_COL_ID] = 18;
	hs->widths[HH_COL_SEX] = hhform_label_width("sex", 2);
	hs->widths[HH_COL_BIRTH] = 10;
	/* the relations shown, not the whole list (之外祖母...) */
	for (size_t i = 0; i < hs->h.nmembers; i++) {
		int w = utf8_width(ui_code_label(
			"relation", hs->h.members[i]->v[MEM_RELATION]));

		if (w > relation)
			relation = w;
	}
	hs->widths[HH_COL_RELATION] = relation < 18 ? relation : 18;
	hs->widths[HH_COL_PARTICIPANT] = 0;
	ui_list_set(&hs->members, hs->h.nmembers, hhform_member_row, hs);
}

static void
hhform_draw(struct screen *s)
{
	struct hhform_screen *hs = s->state;
	char count[16];
	char *title = hs->h.hh->id
			      ? trf(MSG_HH_FORM_EDIT, hs->h.hh->v[HH_NO], NULL)
			      : xstrdup(tr(MSG_HH_FORM_NEW));
	char *members;
	int y = 1 + HH_FIELD_ROWS;

	snprintf(count, sizeof(count), "%zu", hs->h.nmembers);
	members = trf(MSG_HH_MEMBERS_TITLE, count, NULL);
	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, title);
	wattrset(s->win, A_NORMAL);
	hs->rf.form.inactive = hs->in_members;
	ui_form_draw(s, &hs->rf.form, 1, HH_FIELD_ROWS);
	mvwhline(s->win, y, 0, ACS_HLINE, s->cols);
	wattrset(s->win, hs->in_members ? ui_attr(UI_STYLE_LABEL) : A_NORMAL);
	ui_text(s->win, y, 2, utf8_width(members), members);
	wattrset(s->win, A_NORMAL);
	if (hs->in_members) {
		ui_list_draw(s, &hs->members, y + 1, s->rows - y - 1);
		s->cursor_y = -1;
	} else {
		int cy = s->cursor_y, cx = s->cursor_x;

		ui_list_draw(s, &hs->members, y + 1, s->rows - y - 1);
		s->cursor_y = cy;
		s->cursor_x = cx;
	}
	wnoutrefresh(s->win);
	free(title);
	free(members);
}

/* ---- saving ---- */

/* Put the last check's errors next to their fields; say the first one. */
static void
hhform_show_errors(struct hhform_screen *hs)
{
	bool focused = false;

	ui_form_clear_errors(&hs->rf.form);
	for (size_t i = 0; i < hs->issues.n; i++) {
		const struct hh_issue *is = &hs->issues.v[i];
		int fi;

		if (is->warning)
			continue;
		if (is->member < 0) {
			fi = ui_record_form_index(&hs->rf, is->field);
			if (fi >= 0 && !hs->rf.fields[fi].error[0]) {
				size_t keep = hs->rf.form.focus;

				ui_form_error(&hs->rf.form, (size_t)fi, is->text);
				if (focused)
					hs->rf.form.focus = keep;
			}
			if (!focused) {
				hs->in_members = false;
				ui_error("%s", is->text);
				focused = true;
			}
		} else if (!focused) {
			char *m = trf(MSG_HH_MEMBER_FIX,
				      hs->h.members[is->member]->v[MEM_NAME],
				      is->text);

			hs->in_members = true;
			hs->members.sel = (size_t)is->member;
			ui_error("%s", m);
			free(m);
			focused = true;
		}
	}
	hhform_members_refresh(hs);
}

/* Is the warning is already accepted in this save? */
static bool
hhform_accepted(const struct hhform_screen *hs, const struct hh_issue *is)
{
	for (size_t i = 0; i < hs->accepted.n; i++)
		if (hs->accepted.v[i].member == is->member &&
		    strcmp(hs->accepted.v[i].rule, is->rule) == 0)
			return true;
	return false;
}

/* Accept a warning for this save. */
static void
hhform_accept(struct hhform_screen *hs, const struct hh_issue *is)
{
	struct hh_issue *a;

	hs->accepted.v = xrealloc(hs->accepted.v,
				  (hs->accepted.n + 1) * sizeof(*hs->accepted.v));
	a = &hs->accepted.v[hs->accepted.n++];
	*a = *is;
	a->text = xstrdup(is->text);
}

static void hhform_save(struct screen *s);
static bool hhform_unsaved(struct screen *s);

/* Write the household; the checks and warnings are done. */
static void
hhform_write(struct screen *s)
{
	struct hhform_screen *hs = s->state;
	struct household *stored = xcalloc(1, sizeof(*stored));
	struct fd_err err;
	enum fd_status st;
	char today[11];
	/* a write always raises a stored household's version */
	int64_t before = hs->h.hh->id ? hs->h.hh->version : -1;

	idcard_today(today);
	household_init(stored);
	st = household_save(ui_db(), &hs->h, today, &hs->accepted, stored,
			    &err);
	if (st == FD_OK) {
		char *m = hs->h.hh->version == before
				  ? xstrdup(tr(MSG_SAVE_NOTHING))
				  : trf(MSG_HH_SAVED, hs->h.hh->v[HH_NO], NULL);

		draft_drop(ui_db(), "household", hs->key, &err);
		snprintf(hs->key, sizeof(hs->key), "%lld",
			 (long long)hs->h.hh->id);
		ui_record_form_fill(&hs->rf, hs->h.hh);
		hhform_set_baseline(hs);
		hhform_members_refresh(hs);
		ui_status("%s", m);
		free(m);
	} else if (st == FD_E_CONFLICT) {
		struct household *base = xcalloc(1, sizeof(*base));
		struct conflict_args ca = {&hs->h, stored, base};

		/* What was loaded: a field the person did not touch keeps
		 * the stored value unless they choose otherwise. */
		household_init(base);
		household_from_text(base, hs->baseline);
		struct screen_args args = {.tag = HH_TAG_CONFLICT, .data = &ca};

		stored = NULL; /* the conflict screen owns it now */
		ui_push(&screen_conflict, &args);
	} else if (st == FD_E_INVALID) {
		/* Someone saved something that clashes since the check. */
		hhform_save(s);
	} else {
		ui_error_status(st, &err);
	}
	if (stored) {
		household_clear(stored);
		free(stored);
	}
	hh_issues_free(&hs->accepted);
}

/* Ask about the next warning not yet accepted, or write. */
static void
hhform_next_warning(struct screen *s)
{
	struct hhform_screen *hs = s->state;

	for (; hs->asking < hs->issues.n; hs->asking++) {
		const struct hh_issue *is = &hs->issues.v[hs->asking];

		if (is->warning && !is->recorded && !hhform_accepted(hs, is)) {
			char *q = trf(MSG_HH_WARNING_ASK, is->text, NULL);

			ui_confirm(q, HH_TAG_WARNING);
			free(q);
			return;
		}
	}
	hhform_write(s);
}

/* F2: check everything, then ask about warnings, then write. */
static void
hhform_save(struct screen *s)
{
	struct hhform_screen *hs = s->state;
	struct fd_err err;
	enum fd_status st;
	char today[11];

	hhform_read(hs);
	if (hs->h.hh->id && !hhform_unsaved(s)) {
		ui_form_clear_errors(&hs->rf.form);
		ui_status("%s", tr(MSG_SAVE_NOTHING));
		return;
	}
	if (hs->h.nmembers == 0) {
		ui_error("%s", tr(MSG_HH_NEED_MEMBER));
		return;
	}
	idcard_today(today);
	hh_issues_free(&hs->issues);
	st = household_check(ui_db(), &hs->h, today, &hs->issues, &err);
	if (st != FD_OK) {
		ui_error_status(st, &err);
		return;
	}
	if (hh_issues_have_errors(&hs->issues)) {
		hhform_show_errors(hs);
		return;
	}
	ui_form_clear_errors(&hs->rf.form);
	hhform_members_refresh(hs);
	hs->asking = 0;
	hhform_next_warning(s);
}

/* ---- the screen ---- */

/* Offer a draft kept for this household by this login, if any. */
static void
hhform_offer_draft(struct hhform_screen *hs)
{
	char *text = NULL, *at = NULL;
	struct fd_err err;

	if (draft_get(ui_db(), "household", hs->key, &text, &at, &err) == FD_OK &&
	    text) {
		char when[20];
		char *q;

		ui_local_time(at, when);
		q = trf(MSG_HH_DRAFT_ASK, when, NULL);
		ui_confirm_yes(q, tr(MSG_HH_DRAFT_KEYS), HH_TAG_DRAFT);
		free(q);
	}
	free(text);
	free(at);
}

static int
hhform_enter(struct screen *s, const struct screen_args *args)
{
	struct hhform_screen *hs = s->state;
	struct fd_err err;

	household_init(&hs->h);
	ui_list_init(&hs->members);
	hs->members.plain = true;
	if (args->key) {
		enum fd_status st = household_load(
			ui_db(), strtoll(args->key, NULL, 10), &hs->h, &err);

		if (st != FD_OK) {
			ui_error_status(st, &err);
			household_clear(&hs->h);
			ui_list_free(&hs->members);
			return -1;
		}
		fd_strlcpy(hs->key, args->key, sizeof(hs->key));
	} else {
		hs->h.hh = record_new(&entity_household);
		fd_strlcpy(hs->key, "new", sizeof(hs->key));
	}
	ui_record_form_init(&hs->rf, &entity_household, -1);
	ui_record_form_fill(&hs->rf, hs->h.hh);
	hhform_set_baseline(hs);
	hhform_members_refresh(hs);
	hhform_offer_draft(hs);
	return 0;
}

static void
hhform_leave(struct screen *s)
{
	struct hhform_screen *hs = s->state;
	struct fd_err err;

	if (s->dropped)
		draft_drop(ui_db(), "household", hs->key, &err);
	ui_record_form_free(&hs->rf);
	ui_list_free(&hs->members);
	household_clear(&hs->h);
	hh_issues_free(&hs->issues);
	hh_issues_free(&hs->accepted);
	free(hs->baseline);
	free(hs->drafted);
}

/* Open member i (or a new one when i is the member count). */
static void
hhform_open_member(struct screen *s, size_t i)
{
	struct hhform_screen *hs = s->state;
	struct member_args ma = {&hs->h, i, &hs->issues};
	struct screen_args args = {.tag = HH_TAG_MEMBER, .data = &ma};

	hhform_read(hs);
	ui_push(&screen_member, &args);
}

/* Open the history of this household and its members. */
static void
hhform_history(struct hhform_screen *hs)
{
	struct audit_args aa = {0};
	char ids[AUDIT_ARGS_MAX][24];
	struct screen_args args = {.data = &aa};

	if (!hs->h.hh->id)
		return;
	snprintf(ids[0], sizeof(ids[0]), "%lld", (long long)hs->h.hh->id);
	aa.entity[0] = "household";
	aa.id[0] = ids[0];
	aa.n = 1;
	for (size_t i = 0; i < hs->h.nmembers && aa.n < AUDIT_ARGS_MAX; i++) {
		if (!hs->h.members[i]->id)
			continue;
		snprintf(ids[aa.n], sizeof(ids[aa.n]), "%lld",
			 (long long)hs->h.members[i]->id);
		aa.entity[aa.n] = "member";
		aa.id[aa.n] = ids[aa.n];
		aa.n++;
	}
	ui_push(&screen_audit, &args);
}

static int
hhform_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct hhform_screen *hs = s->state;
	int flags;

	switch (act) {
	case ACT_SAVE:
		hhform_save(s);
		return UI_HANDLED | UI_REDRAW;
	case ACT_BACK:
		if (hhform_unsaved(s))
			return UI_UNHANDLED; /* the framework asks first */
		{
			struct ui_result r = {.ok = true};

			ui_pop(s, &r); /* the list shows what is saved now */
		}
		return UI_HANDLED;
	case ACT_NEW:
		hhform_open_member(s, hs->h.nmembers);
		return UI_HANDLED;
	case ACT_HISTORY:
		hhform_history(hs);
		return UI_HANDLED;
	default:
		break;
	}
	if (hs->in_members) {
		if (act == ACT_WORKFLOW) {
			size_t i = ui_list_selected(&hs->members);

			if (i != (size_t)-1)
				participant_open(hs->h.members[i]);
			return UI_HANDLED;
		}
		if (act == ACT_ENTER) {
			size_t i = ui_list_selected(&hs->members);

			if (i != (size_t)-1)
				hhform_open_member(s, i);
			return UI_HANDLED;
		}
		if (act == ACT_PREV && hs->members.sel == 0) {
			hs->in_members = false;
			return UI_HANDLED | UI_REDRAW;
		}
		if (act == ACT_CHAR)
			return UI_HANDLED;
		return ui_list_action(s, &hs->members, act, ev,
				      s->rows - HH_FIELD_ROWS - 2);
	}
	if (act == ACT_WORKFLOW) {
		char *m = trf(MSG_HH_WORKFLOW_MEMBER,
			      ui_keys_first(s->ops, ACT_WORKFLOW), NULL);

		ui_status("%s", m);
		free(m);
		return UI_HANDLED;
	}
	flags = ui_form_action(s, &hs->rf.form, act, ev);
	if (flags & UI_FORM_SUBMIT)
		act = ACT_NEXT;
	else if (flags != UI_UNHANDLED)
		return flags;
	if (act == ACT_NEXT || act == ACT_PAGE_DOWN) {
		if (act == ACT_PAGE_DOWN &&
		    hs->rf.form.focus + HH_FIELD_ROWS < hs->rf.form.n) {
			hs->rf.form.focus += HH_FIELD_ROWS;
			return UI_HANDLED | UI_REDRAW;
		}
		if (hs->h.nmembers == 0)
			hhform_open_member(s, 0);
		else
			hs->in_members = true;
		return UI_HANDLED | UI_REDRAW;
	}
	if (act == ACT_PAGE_UP) {
		hs->rf.form.focus = hs->rf.form.focus > HH_FIELD_ROWS
					    ? hs->rf.form.focus - HH_FIELD_ROWS
					    : 0;
		return UI_HANDLED | UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int
hhform_result(struct screen *s, const struct ui_result *r)
{
	struct hhform_screen *hs = s->state;
	struct fd_err err;

	switch (r->tag) {
	case HH_TAG_DRAFT: {
		char *text = NULL;

		if (!r->ok && r->backed) {
			/* Not now: the record as stored, the draft kept. */
			ui_status("%s", tr(MSG_HH_DRAFT_KEPT));
			break;
		}
		if (!r->ok) {
			enum fd_status st = draft_drop(ui_db(), "household",
						       hs->key, &err);

			if (st == FD_OK)
				ui_status("%s", tr(MSG_HH_DRAFT_DROPPED));
			else
				ui_error_status(st, &err);
			break;
		}
		if (draft_get(ui_db(), "household", hs->key, &text, NULL,
			      &err) == FD_OK &&
		    text) {
			household_from_text(&hs->h, text);
			ui_record_form_fill(&hs->rf, hs->h.hh);
			/* Restored input is unsaved: the baseline stays the
			 * stored record, so Back still asks. */
			free(hs->drafted);
			hs->drafted = text;
			text = NULL;
			hhform_members_refresh(hs);
			ui_status("%s", tr(MSG_HH_DRAFT_RESTORED));
		}
		free(text);
		break;
	}
	case HH_TAG_WARNING:
		if (!r->ok) {
			hh_issues_free(&hs->accepted);
			ui_status("%s", tr(MSG_HH_NOT_SAVED));
			break;
		}
		hhform_accept(hs, &hs->issues.v[hs->asking]);
		hs->asking++;
		hhform_next_warning(s);
		break;
	case HH_TAG_MEMBER:
		hhform_members_refresh(hs);
		hs->in_members = hs->h.nmembers > 0;
		if (r->ok)
			hhform_save(s);
		break;
	case HH_TAG_CONFLICT:
		if (r->ok) {
			ui_record_form_fill(&hs->rf, hs->h.hh);
			hhform_members_refresh(hs);
			hhform_save(s);
		}
		break;
	default:
		return ui_form_result(s, &hs->rf.form, r);
	}
	return UI_REDRAW;
}

static bool
hhform_typing(struct screen *s)
{
	struct hhform_screen *hs = s->state;

	return !hs->in_members && ui_form_typing(&hs->rf.form);
}

/* Does the input differ from what was loaded or saved? */
static bool
hhform_unsaved(struct screen *s)
{
	struct hhform_screen *hs = s->state;
	char *now;
	bool differ;

	hhform_read(hs);
	now = household_to_text(&hs->h);
	differ = strcmp(now, hs->baseline) != 0;
	free(now);
	return differ;
}

/* Keep a draft of unsaved input before waiting for the next key. */
static void
hhform_idle(struct screen *s)
{
	struct hhform_screen *hs = s->state;
	struct fd_err err;
	enum fd_status st;
	char *now;

	if (db_read_only(ui_db()))
		return; /* nothing can be saved, so nothing to keep */
	hhform_read(hs);
	now = household_to_text(&hs->h);
	if (strcmp(now, hs->drafted) == 0) {
		free(now);
		return;
	}
	if (strcmp(now, hs->baseline) == 0)
		st = draft_drop(ui_db(), "household", hs->key, &err);
	else
		st = draft_put(ui_db(), "household", hs->key, now, &err);
	if (st == FD_E_BUSY) {
		/* Someone is saving: keep hs->drafted as it was, so the next
		 * pass (at most half a second later) tries again. */
		free(now);
		return;
	}
	if (st != FD_OK)
		ui_error_status(st, &err);
	free(hs->drafted);
	hs->drafted = now;
}

const struct screen_ops screen_household = {
	.name = "household",
	.title = MSG_HH_TITLE,
	.state_size = sizeof(struct hhform_screen),
	.keys = hhform_keys,
	.enter = hhform_enter,
	.leave = hhform_leave,
	.draw = hhform_draw,
	.action = hhform_action,
	.result = hhform_result,
	.typing = hhform_typing,
	.unsaved = hhform_unsaved,
	.idle = hhform_idle,
};
