/*
 * Database check: the same checks as `frontdesk check` (integrity, foreign
 * keys, the audit table's protection, the consistency rules of every
 * household), with a progress bar while they run and the problems listed
 * afterwards. They run as the screen opens; F5
 * runs them again.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/util.h"

struct check_screen {
	struct screen *s;
	int done, total;
	bool ran;
	enum fd_status st;
	char **lines;
	size_t nlines;
	struct ui_list list;
};

static const enum action check_keys[] = {ACT_HELP, ACT_BACK, ACT_REFRESH,
					 ACT_NONE};

static char *
check_row(void *ud, size_t i)
{
	struct check_screen *c = ud;

	return xstrdup(c->lines[i]);
}

/* Called by db_check between steps: show how far it is. */
static void
check_progress(void *ud, int done, int total)
{
	struct check_screen *c = ud;

	c->done = done;
	c->total = total;
	ui_dirty(c->s);
	ui_flush();
}

/* Free the problem lines. */
static void
check_clear(struct check_screen *c)
{
	for (size_t i = 0; i < c->nlines; i++)
		free(c->lines[i]);
	free(c->lines);
	c->lines = NULL;
	c->nlines = 0;
}

/* Run the checks and keep one line per problem. */
static void
check_run(struct check_screen *c)
{
	struct strbuf problems = {0};
	struct fd_err err = {{0}};
	char *save = NULL, *line;

	check_clear(c);
	c->ran = false;
	c->st = db_check(ui_db(), check_progress, c, &problems, &err);
	c->ran = true;
	if (c->st != FD_OK && c->st != FD_E_CHECK)
		strbuf_addf(&problems, "%s\n", err.msg);
	line = problems.buf ? strtok_r(problems.buf, "\n", &save) : NULL;
	for (; line;
	     line = strtok_r(NULL, "\n", &save)) {
		c->lines = xrealloc(c->lines, (c->nlines + 1) * sizeof(*c->lines));
		c->lines[c->nlines++] = xstrdup(line);
	}
	strbuf_free(&problems);
	ui_list_set(&c->list, c->nlines, check_row, c);
	ui_dirty(c->s);
}

static int
check_enter(struct screen *s, const struct screen_args *args)
{
	struct check_screen *c = s->state;

	(void)args;
	c->s = s;
	ui_list_init(&c->list);
	c->total = 1;
	/* The screen is already on top: progress draws it while this runs. */
	check_run(c);
	return 0;
}

static void
check_leave(struct screen *s)
{
	struct check_screen *c = s->state;

	check_clear(c);
	ui_list_free(&c->list);
}

static void
check_draw(struct screen *s)
{
	struct check_screen *c = s->state;

	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, tr(MSG_CHECK_TITLE));
	wattrset(s->win, A_NORMAL);
	if (!c->ran) {
		ui_text(s->win, 2, 0, s->cols, tr(MSG_CHECK_RUNNING));
		ui_progress(s->win, 3, 0, s->cols < 60 ? s->cols : 60, c->done,
			    c->total);
	} else if (c->st == FD_OK) {
		/* No bar once done: a full bar is reverse-video blanks, which
		 * a terminal without that attribute shows as a lone "100%". */
		ui_text(s->win, 2, 0, s->cols, tr(MSG_CHECK_OK));
		wattrset(s->win, ui_attr(UI_STYLE_DIM));
		ui_text(s->win, 4, 0, s->cols, tr(MSG_CHECK_HINT));
		wattrset(s->win, A_NORMAL);
	} else {
		wattrset(s->win, ui_attr(UI_STYLE_ERROR));
		ui_text(s->win, 2, 0, s->cols, tr(MSG_CHECK_PROBLEMS));
		wattrset(s->win, A_NORMAL);
		ui_list_draw(s, &c->list, 3, s->rows - 3);
	}
	s->cursor_y = -1;
	wnoutrefresh(s->win);
}

static int
check_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct check_screen *c = s->state;

	if (act == ACT_REFRESH) {
		c->ran = false;
		c->done = 0;
		check_run(c);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_action(s, &c->list, act, ev, s->rows - 3);
}

static bool
check_typing(struct screen *s)
{
	struct check_screen *c = s->state;

	return c->list.searching;
}

const struct screen_ops screen_check = {
	.name = "check",
	.title = MSG_CHECK_TITLE,
	.state_size = sizeof(struct check_screen),
	.keys = check_keys,
	.enter = check_enter,
	.leave = check_leave,
	.draw = check_draw,
	.action = check_action,
	.typing = check_typing,
};
