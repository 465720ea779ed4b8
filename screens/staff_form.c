/*
 * The staff form: a new staff member (login, name, role) or an existing
 * one (name, role, active; the login is the key and stays). F2 saves, and
 * so does Enter on the last field. The checks the core makes are made here
 * first so each error stands next to its field with the cursor on it; what
 * only the database can know (a login taken meanwhile) comes back on the
 * status line, and the input stays.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/staff.h"
#include "frontdesk/ui.h"
#include "frontdesk/util.h"

enum { F_LOGIN, F_NAME, F_ROLE, F_ACTIVE, F__COUNT };

struct staff_form {
	bool editing;
	struct ui_field fields[F__COUNT];
	struct ui_form form;
	const char *role_labels[5];
	const char *active_labels[3];
};

static const char *const staff_form_roles[] = {"frontdesk", "trainer",
					       "placement", "supervisor", NULL};
static const char *const staff_form_active[] = {"1", "0", NULL};

static const enum action staff_form_keys[] = {
	ACT_HELP, ACT_SAVE, ACT_BACK, ACT_PROMPT, ACT_NEXT, ACT_NONE};

static int
staff_form_enter(struct screen *s, const struct screen_args *args)
{
	struct staff_form *f = s->state;
	struct staff cur = {0};
	struct fd_err err;

	for (size_t i = 0; staff_form_roles[i]; i++)
		f->role_labels[i] =
			tr(staff_role_label(staff_role_parse(staff_form_roles[i])));
	f->active_labels[0] = tr(MSG_YES);
	f->active_labels[1] = tr(MSG_NO);
	/* 17 columns show a usual login whole (a longer one scrolls) and
	 * leave room for the reason beside the field at 80 columns. */
	ui_field_text(&f->fields[F_LOGIN], MSG_FIELD_LOGIN, FIELDEDIT_TEXT,
		      STAFF_LOGIN_MAX, STAFF_LOGIN_MAX, 17);
	ui_field_text(&f->fields[F_NAME], MSG_FIELD_NAME, FIELDEDIT_TEXT,
		      STAFF_NAME_MAX, 0, 31);
	ui_field_choice(&f->fields[F_ROLE], MSG_FIELD_ROLE, staff_form_roles,
			f->role_labels, 16);
	ui_field_choice(&f->fields[F_ACTIVE], MSG_FIELD_ACTIVE,
			staff_form_active, f->active_labels, 16);
	f->form.fields = f->fields;
	f->form.n = F_ACTIVE; /* "active" only when editing */
	f->form.spill_y = 2 + F__COUNT + 1;
	if (args->key) {
		enum fd_status rc = staff_get(ui_db(), args->key, &cur, &err);

		if (rc != FD_OK) {
			ui_error_status(rc, &err);
			f->form.n = F__COUNT;
			ui_form_free(&f->form);
			return -1;
		}
		f->editing = true;
		f->form.n = F__COUNT;
		fieldedit_set_utf8(&f->fields[F_LOGIN].fe, cur.login);
		f->fields[F_LOGIN].readonly = true;
		fieldedit_set_utf8(&f->fields[F_NAME].fe, cur.name);
		ui_field_choose(&f->fields[F_ROLE], staff_role_name(cur.role));
		ui_field_choose(&f->fields[F_ACTIVE], cur.active ? "1" : "0");
		f->form.focus = F_NAME;
		staff_clear(&cur);
	}
	ui_form_layout(&f->form);
	return 0;
}

static void
staff_form_leave(struct screen *s)
{
	struct staff_form *f = s->state;

	f->form.n = F__COUNT;
	ui_form_free(&f->form);
}

static void
staff_form_draw(struct screen *s)
{
	struct staff_form *f = s->state;

	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols,
		tr(f->editing ? MSG_STAFF_EDIT : MSG_STAFF_NEW));
	wattrset(s->win, A_NORMAL);
	ui_form_draw(s, &f->form, 2, s->rows - 2);
	wnoutrefresh(s->win);
}

/* Would saving leave no active supervisor? Counted from the list as it
 * is now (the core counts again inside its transaction). */
static bool
staff_form_last_supervisor(const char *login, const char *role,
			   const char *active)
{
	struct staff *list = NULL;
	size_t n = 0, others = 0;
	bool was = false;
	struct fd_err err;

	if (strcmp(role, "supervisor") == 0 && strcmp(active, "1") == 0)
		return false;
	if (staff_list(ui_db(), &list, &n, &err) != FD_OK)
		return false; /* the core will say */
	for (size_t i = 0; i < n; i++) {
		bool sup = list[i].active && list[i].role == ROLE_SUPERVISOR;

		if (strcmp(list[i].login, login) == 0)
			was = sup;
		else if (sup)
			others++;
	}
	staff_list_free(list, n);
	return was && others == 0;
}

/* Check the fields the way the core will; mark the first bad one. */
static bool
staff_form_valid(struct staff_form *f, const char *login, const char *name,
		 const char *role, const char *active)
{
	ui_form_clear_errors(&f->form);
	if (f->editing && strcmp(active, "0") == 0 &&
	    strcmp(login, db_login(ui_db())) == 0) {
		ui_form_error(&f->form, F_ACTIVE, tr(MSG_STAFF_SELF_INACTIVE));
		return false;
	}
	if (f->editing && staff_form_last_supervisor(login, role, active)) {
		ui_form_error(&f->form,
			      strcmp(active, "0") == 0 ? F_ACTIVE : F_ROLE,
			      tr(MSG_STAFF_LAST_SUPERVISOR_SHORT));
		return false;
	}
	if (!f->editing && !login[0]) {
		ui_form_error(&f->form, F_LOGIN, tr(MSG_FIELD_REQUIRED));
		return false;
	}
	if (!f->editing && !staff_login_valid(login)) {
		ui_form_error(&f->form, F_LOGIN, tr(MSG_STAFF_BAD_LOGIN));
		return false;
	}
	if (!staff_name_valid(name)) {
		ui_form_error(&f->form, F_NAME, tr(MSG_FIELD_BADCHAR));
		return false;
	}
	return true;
}

/* The core refused the save: put the reason next to its field where there
 * is one, and on the status line. The input stays as typed. */
static void
staff_form_refused(struct staff_form *f, enum fd_status st,
		   const struct fd_err *err, const char *login)
{
	char *m;

	if (st == FD_E_EXISTS) {
		m = trf(MSG_STAFF_EXISTS, login, NULL);
		ui_form_error(&f->form, F_LOGIN, m);
	} else if (st == FD_E_DENIED && f->editing &&
		   db_role(ui_db()) == ROLE_SUPERVISOR) {
		/* A supervisor is refused only to keep one supervisor (which
		 * another session may have changed since the form's check). */
		m = trf(MSG_STAFF_LAST_SUPERVISOR, login, NULL);
		ui_form_error(&f->form, F_ROLE,
			      tr(MSG_STAFF_LAST_SUPERVISOR_SHORT));
	} else if (st == FD_E_INVALID) {
		m = xstrdup(err->msg);
	} else {
		ui_error_status(st, err);
		return;
	}
	ui_error("%s", m);
	free(m);
}

/* Save through the core; on success close the form. */
static int
staff_form_save(struct screen *s)
{
	struct staff_form *f = s->state;
	char *login = ui_form_value(&f->form, F_LOGIN);
	char *name = ui_form_value(&f->form, F_NAME);
	char *role = ui_form_value(&f->form, F_ROLE);
	char *active = f->editing ? ui_form_value(&f->form, F_ACTIVE) : NULL;
	struct ui_result res = {.ok = true};
	struct fd_err err;
	enum fd_status st;
	bool back = false;

	if (!ui_form_dirty(&f->form)) {
		ui_status("%s", tr(MSG_SAVE_NOTHING));
		goto out;
	}
	if (!staff_form_valid(f, login, name, role, active ? active : "1")) {
		char *m = trf(MSG_SAVE_FIX,
			      tr(f->fields[f->form.focus].label), NULL);

		ui_error("%s", m);
		free(m);
		goto out;
	}
	if (f->editing)
		st = staff_update(ui_db(), login, name, staff_role_parse(role),
				  strcmp(active, "1") == 0, &err);
	else
		st = staff_add_or_reactivate(ui_db(), login, name,
					     staff_role_parse(role), &back,
					     &err);
	if (st != FD_OK) {
		staff_form_refused(f, st, &err, login);
		goto out;
	}
	/* The session's own role may have changed. */
	db_role_refresh(ui_db(), &err);
	{
		char *m = trf(back ? MSG_STAFF_REACTIVATED : MSG_STAFF_SAVED,
			      login, NULL);

		ui_status("%s", m);
		free(m);
	}
	ui_form_mark_clean(&f->form);
	ui_pop(s, &res);
out:
	free(login);
	free(name);
	free(role);
	free(active);
	return UI_HANDLED | UI_REDRAW;
}

static int
staff_form_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct staff_form *f = s->state;
	int flags;

	if (act == ACT_SAVE)
		return staff_form_save(s);
	flags = ui_form_action(s, &f->form, act, ev);
	if (flags & UI_FORM_SUBMIT)
		return staff_form_save(s);
	return flags;
}

static int
staff_form_result(struct screen *s, const struct ui_result *r)
{
	struct staff_form *f = s->state;

	return ui_form_result(s, &f->form, r);
}

static bool
staff_form_typing(struct screen *s)
{
	struct staff_form *f = s->state;

	return ui_form_typing(&f->form);
}

static bool
staff_form_unsaved(struct screen *s)
{
	struct staff_form *f = s->state;

	return ui_form_dirty(&f->form);
}

const struct screen_ops screen_staff_form = {
	.name = "staff_form",
	.title = MSG_STAFF_TITLE,
	.state_size = sizeof(struct staff_form),
	.keys = staff_form_keys,
	.enter = staff_form_enter,
	.leave = staff_form_leave,
	.draw = staff_form_draw,
	.action = staff_form_action,
	.result = staff_form_result,
	.typing = staff_form_typing,
	.unsaved = staff_form_unsaved,
};
