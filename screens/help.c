/*
 * F1 help: every key of the screen it was opened from, straight from the
 * key table (so rebinding a key in the config changes the help too). The
 * screen's own keys come first; an action with no key there (one that has
 * keys on other screens only) is left out. A screen that names the other
 * keys acting on it (help_keys) gets just those after its own, not F7 or
 * F9 that do nothing there. The list is searchable like any list.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

struct help {
	const struct screen_ops *of; /* the screen help is about */
	enum action order[ACT__COUNT];
	size_t n;
	struct ui_list list;
};

static const enum action help_keys[] = {ACT_BACK, ACT_SEARCH, ACT_NONE};

static const int help_widths[] = {22, 10, 0};

#define HELP_DETAIL_ROWS 3 /* a rule and two lines */

/* One row: keys, label, what it does, config name. */
static char *
help_row(void *ud, size_t i)
{
	struct help *h = ud;
	enum action a = h->order[i];
	char *keys = ui_keys_all(h->of, a);
	char *tail = xasprintf("%s  [%s]", tr(ui_screen_action_help(h->of, a)),
			       ui_action_name(a));
	const char *cells[] = {keys, tr(ui_screen_action_label(h->of, a)), tail};
	char *row = ui_row(help_widths, 3, cells);

	free(keys);
	free(tail);
	return row;
}

/* Is a among the actions of list (ACT_NONE-ended, may be NULL)? */
static bool
help_listed(const enum action *list, enum action a)
{
	for (const enum action *k = list; k && *k != ACT_NONE; k++)
		if (*k == a)
			return true;
	return false;
}

/* Is a among the keys the screen shows on its bottom line? */
static bool
help_on_screen(const struct screen_ops *ops, enum action a)
{
	return help_listed(ops->keys, a);
}

/* Does a act on the screen: on its bottom line, among its help_keys, or
 * (a screen that names none) anything with a key. */
static bool
help_acts(const struct screen_ops *ops, enum action a)
{
	return !ops->help_keys || help_on_screen(ops, a) ||
	       help_listed(ops->help_keys, a);
}

static int
help_enter(struct screen *s, const struct screen_args *args)
{
	struct help *h = s->state;

	h->of = args->data ? args->data : &screen_menu;
	for (int pass = 0; pass < 2; pass++)
		for (int a = ACT_NONE + 1; a < ACT_CHAR; a++)
			if (help_on_screen(h->of, (enum action)a) == (pass == 0) &&
			    help_acts(h->of, (enum action)a) &&
			    ui_keys_first(h->of, (enum action)a))
				h->order[h->n++] = (enum action)a;
	ui_list_init(&h->list);
	ui_list_set(&h->list, h->n, help_row, h);
	return 0;
}

static void
help_leave(struct screen *s)
{
	struct help *h = s->state;

	ui_list_free(&h->list);
}

/* The rows of the key list: under the headings, above the detail. */
static int
help_list_rows(const struct screen *s)
{
	return s->rows - 4 - HELP_DETAIL_ROWS;
}

/* Under a rule, the whole text of the selected key's action, wrapped at
 * the screen's width (a list row cuts it). */
static void
help_draw_detail(struct screen *s, const struct help *h)
{
	size_t i = ui_list_selected(&h->list);
	int y = s->rows - HELP_DETAIL_ROWS;
	const char *p;

	mvwhline(s->win, y, 0, ACS_HLINE, s->cols);
	if (i == (size_t)-1)
		return;
	p = tr(ui_screen_action_help(h->of, h->order[i]));
	for (int r = 1; r < HELP_DETAIL_ROWS && *p; r++) {
		size_t n = r + 1 < HELP_DETAIL_ROWS ? utf8_fit(p, s->cols)
						     : strlen(p); /* the rest, cut */
		char *line = xstrndup(p, n ? n : 1);

		ui_text(s->win, y + r, 0, s->cols, line);
		free(line);
		p += n ? n : 1;
	}
}

static void
help_draw(struct screen *s)
{
	struct help *h = s->state;
	char *intro = trf(MSG_HELP_INTRO, tr(h->of->title), NULL);
	const char *head[] = {tr(MSG_HELP_COL_KEYS), tr(MSG_HELP_COL_ACTION), ""};
	char *header = ui_row(help_widths, 3, head);

	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, tr(MSG_HELP_TITLE));
	wattrset(s->win, A_NORMAL);
	ui_text(s->win, 1, 0, s->cols, intro);
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	ui_text(s->win, 2, 0, s->cols, tr(MSG_HELP_REBIND));
	wattrset(s->win, A_BOLD);
	ui_text(s->win, 3, 0, s->cols, header);
	wattrset(s->win, A_NORMAL);
	ui_list_draw(s, &h->list, 4, help_list_rows(s));
	help_draw_detail(s, h);
	wnoutrefresh(s->win);
	free(intro);
	free(header);
}

static int
help_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct help *h = s->state;

	if (act == ACT_HELP)
		return UI_HANDLED; /* already here */
	return ui_list_action(s, &h->list, act, ev, help_list_rows(s));
}

static bool
help_typing(struct screen *s)
{
	struct help *h = s->state;

	return h->list.searching;
}

const struct screen_ops screen_help = {
	.name = "help",
	.title = MSG_HELP_TITLE,
	.state_size = sizeof(struct help),
	.keys = help_keys,
	.enter = help_enter,
	.leave = help_leave,
	.draw = help_draw,
	.action = help_action,
	.typing = help_typing,
};
