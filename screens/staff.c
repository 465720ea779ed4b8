/*
 * The staff list: every login allowed to change data, with name, role and
 * whether active. Everyone may read it; a supervisor adds (F6) and edits
 * (Enter) through the staff form. Type to narrow, like every list.
 */
#include <stdlib.h>

#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/staff.h"
#include "frontdesk/ui.h"
#include "frontdesk/util.h"

struct staff_screen {
	struct staff *rows;
	size_t n;
	struct ui_list list;
};

static const enum action staff_keys[] = {ACT_HELP, ACT_BACK, ACT_NEW,
					 ACT_ENTER, ACT_SEARCH, ACT_REFRESH,
					 ACT_NONE};

/* The other keys that act here, for F1 (the menu and moving in the list;
 * not F8 or F9, which do nothing on staff). */
static const enum action staff_help_keys[] = {
	ACT_MENU, ACT_NEXT, ACT_PREV, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_ERASE,
	ACT_NONE};

static const int staff_widths[] = {17, 19, 11, 4};

/* One row: login, name, role, active. */
static char *
staff_row(void *ud, size_t i)
{
	struct staff_screen *st = ud;
	const struct staff *r = &st->rows[i];
	const char *cells[] = {r->login, r->name, tr(staff_role_label(r->role)),
			       tr(r->active ? MSG_YES : MSG_NO)};

	return ui_row(staff_widths, 4, cells);
}

/* Read the staff table again. */
static void
staff_reload(struct staff_screen *st)
{
	struct fd_err err;
	enum fd_status rc;

	staff_list_free(st->rows, st->n);
	st->rows = NULL;
	st->n = 0;
	rc = staff_list(ui_db(), &st->rows, &st->n, &err);

	if (rc != FD_OK)
		ui_error_status(rc, &err);
	ui_list_set(&st->list, st->n, staff_row, st);
}

static int
staff_enter(struct screen *s, const struct screen_args *args)
{
	struct staff_screen *st = s->state;

	(void)args;
	ui_list_init(&st->list);
	staff_reload(st);
	return 0;
}

static void
staff_leave(struct screen *s)
{
	struct staff_screen *st = s->state;

	ui_list_free(&st->list);
	staff_list_free(st->rows, st->n);
}

static void
staff_draw(struct screen *s)
{
	struct staff_screen *st = s->state;

	werase(s->win);
	wattrset(s->win, A_BOLD);
	ui_text(s->win, 0, 0, s->cols, tr(MSG_STAFF_HEADER));
	wattrset(s->win, A_NORMAL);
	ui_list_draw(s, &st->list, 1, s->rows - 1);
	wnoutrefresh(s->win);
}

/* Only a supervisor changes staff; say so where the person looks. */
static bool
staff_may_change(void)
{
	if (db_read_only(ui_db())) {
		ui_error_status(FD_E_READONLY, NULL);
		return false;
	}
	if (db_role(ui_db()) != ROLE_SUPERVISOR) {
		ui_error("%s", tr(MSG_STAFF_ONLY_SUPERVISOR));
		return false;
	}
	return true;
}

static int
staff_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct staff_screen *st = s->state;
	struct screen_args args = {0};
	size_t i;

	switch (act) {
	case ACT_NEW:
		if (staff_may_change())
			ui_push(&screen_staff_form, &args);
		return UI_HANDLED;
	case ACT_ENTER:
		i = ui_list_selected(&st->list);
		if (i == (size_t)-1 || !staff_may_change())
			return UI_HANDLED;
		args.key = st->rows[i].login;
		ui_push(&screen_staff_form, &args);
		return UI_HANDLED;
	case ACT_REFRESH:
		staff_reload(st);
		return UI_UNHANDLED; /* and the global repaint */
	default:
		return ui_list_action(s, &st->list, act, ev, s->rows - 1);
	}
}

/* The form saved: show the change. */
static int
staff_result(struct screen *s, const struct ui_result *r)
{
	struct staff_screen *st = s->state;

	if (r->ok)
		staff_reload(st);
	return UI_REDRAW;
}

static bool
staff_typing(struct screen *s)
{
	struct staff_screen *st = s->state;

	return st->list.searching;
}

const struct screen_ops screen_staff = {
	.name = "staff",
	.title = MSG_STAFF_TITLE,
	.state_size = sizeof(struct staff_screen),
	.keys = staff_keys,
	.enter = staff_enter,
	.leave = staff_leave,
	.draw = staff_draw,
	.action = staff_action,
	.result = staff_result,
	.typing = staff_typing,
	.help_keys = staff_help_keys,
};
