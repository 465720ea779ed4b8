/*
 * A small form that adds a training room (code, name, seats) or an
 * instructor (code, name), opened from the new-cohort form (F6 on its room
 * or instructor field, or the last item of their F4 lists). F2 saves, and
 * so does Enter on the last field; the form closes and hands the new code
 * back to the cohort form, which chooses it. A code already used is
 * marked next to the code field, and what was typed stays.
 *
 * The code handed back lives in a buffer of this file until the next save,
 * since the screen's own state is gone by the time the parent reads it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/cohort.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/util.h"

enum { R_CODE, R_NAME, R_SEATS, R__COUNT };

#define RESOURCE_CODE_MAX 16
#define RESOURCE_NAME_MAX 30

struct resource_form {
	enum resource_kind kind;
	struct ui_field fields[R__COUNT];
	struct ui_form form;
};

static char resource_form_saved[SCHEDULE_ID_MAX];

static const enum action resource_form_keys[] = {
	ACT_HELP, ACT_SAVE, ACT_BACK, ACT_NEXT, ACT_NONE};

static int
resource_form_enter(struct screen *s, const struct screen_args *args)
{
	struct resource_form *r = s->state;
	const enum resource_kind *kind = args->data;
	bool room;

	r->kind = kind ? *kind : RESOURCE_ROOM;
	room = r->kind == RESOURCE_ROOM;
	ui_field_text(&r->fields[R_CODE], MSG_COHORT_FORM_RES_CODE,
		      FIELDEDIT_TEXT, RESOURCE_CODE_MAX, RESOURCE_CODE_MAX,
		      RESOURCE_CODE_MAX + 1);
	ui_field_text(&r->fields[R_NAME],
		      room ? MSG_COHORT_FORM_RES_ROOM_NAME
			   : MSG_COHORT_FORM_RES_PERSON_NAME,
		      FIELDEDIT_TEXT, RESOURCE_NAME_MAX, 0, 31);
	ui_field_text(&r->fields[R_SEATS], MSG_COHORT_FORM_RES_SEATS,
		      FIELDEDIT_DIGITS, 3, 0, 4);
	r->form.fields = r->fields;
	r->form.n = room ? R__COUNT : R_SEATS;
	ui_form_layout(&r->form);
	return 0;
}

static void
resource_form_leave(struct screen *s)
{
	struct resource_form *r = s->state;

	r->form.n = R__COUNT;
	ui_form_free(&r->form);
}

static void
resource_form_draw(struct screen *s)
{
	struct resource_form *r = s->state;

	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols,
		tr(r->kind == RESOURCE_ROOM ? MSG_COHORT_FORM_ROOM_TITLE
					    : MSG_COHORT_FORM_INSTRUCTOR_TITLE));
	wattrset(s->win, A_NORMAL);
	ui_form_draw(s, &r->form, 2, s->rows - 2);
	wnoutrefresh(s->win);
}

/* Check, add, and hand the code back. */
static int
resource_form_save(struct screen *s)
{
	struct resource_form *r = s->state;
	char *code = ui_form_value(&r->form, R_CODE);
	char *name = ui_form_value(&r->form, R_NAME);
	char *seats = r->kind == RESOURCE_ROOM ? ui_form_value(&r->form, R_SEATS)
					       : xstrdup("0");
	struct ui_result res = {.ok = true};
	struct fd_err err;
	enum fd_status st;
	char *m = NULL;

	ui_form_clear_errors(&r->form);
	if (!code[0] || !name[0]) {
		ui_form_error(&r->form, code[0] ? R_NAME : R_CODE,
			      tr(MSG_FIELD_REQUIRED));
		m = trf(MSG_SAVE_FIX, tr(r->fields[r->form.focus].label), NULL);
		ui_error("%s", m);
		goto out;
	}
	if (r->kind == RESOURCE_ROOM)
		st = cohort_room_add(ui_db(), code, name, atoi(seats), NULL,
				     &err);
	else
		st = cohort_instructor_add(ui_db(), code, name, NULL, &err);
	if (st == FD_E_EXISTS) {
		m = trf(MSG_COHORT_FORM_RES_EXISTS, code, NULL);
		ui_form_error(&r->form, R_CODE, m);
		ui_error("%s", m);
		goto out;
	}
	if (st == FD_E_INVALID) {
		ui_error("%s", err.msg);
		goto out;
	}
	if (st != FD_OK) {
		ui_error_status(st, &err);
		goto out;
	}
	m = trf(r->kind == RESOURCE_ROOM ? MSG_COHORT_FORM_ROOM_ADDED
					 : MSG_COHORT_FORM_INSTRUCTOR_ADDED,
		code, name);
	ui_status("%s", m);
	fd_strlcpy(resource_form_saved, code, sizeof(resource_form_saved));
	res.value = resource_form_saved;
	ui_form_mark_clean(&r->form);
	ui_pop(s, &res);
out:
	free(m);
	free(code);
	free(name);
	free(seats);
	return UI_HANDLED | UI_REDRAW;
}

static int
resource_form_action(struct screen *s, enum action act,
		     const struct key_event *ev)
{
	struct resource_form *r = s->state;
	int flags;

	if (act == ACT_SAVE)
		return resource_form_save(s);
	flags = ui_form_action(s, &r->form, act, ev);
	if (flags & UI_FORM_SUBMIT)
		return resource_form_save(s);
	return flags;
}

static bool
resource_form_typing(struct screen *s)
{
	struct resource_form *r = s->state;

	return ui_form_typing(&r->form);
}

static bool
resource_form_unsaved(struct screen *s)
{
	struct resource_form *r = s->state;

	return ui_form_dirty(&r->form);
}

const struct screen_ops screen_resource_form = {
	.name = "resource_form",
	.title = MSG_COHORT_FORM_RESOURCE_TITLE,
	.state_size = sizeof(struct resource_form),
	.keys = resource_form_keys,
	.enter = resource_form_enter,
	.leave = resource_form_leave,
	.draw = resource_form_draw,
	.action = resource_form_action,
	.typing = resource_form_typing,
	.unsaved = resource_form_unsaved,
};
