/*
 * F1 help: every key of the screen it was opened from, straight from the
 * key table (so rebinding a key in the config changes the help too). The
 * screen's own keys come first; an action with no key there (one that has
 * keys on other screens only) is left out. A screen that names the other
 * keys acting on it (help_keys) gets just those after its own, not F7 or
 * F9 that do nothing there. A screen whose bottom line depends on what it
 * shows (keys_now: a graduated cohort, a role that may not change it)
 * leaves out of help, too, what its full bottom line has and that line
 * does not: those keys are refused there. Where the screen is typing (a
 * search, a field), letters are text, so they are not named as keys. The
 * list is searchable like any list; a row's text too long for it is
 * shortened with "…" (its config name stays), and the whole of it is under
 * the list.
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
	const enum action *now;      /* its bottom line as it is now */
	bool typing;                 /* letters are text there */
	int cols;                    /* room for a row */
	enum action order[ACT__COUNT];
	size_t n;
	struct ui_list list;
};

static const enum action help_keys[] = {ACT_BACK, ACT_SEARCH, ACT_NONE};

static const int help_widths[] = {22, 10, 0};

#define HELP_DETAIL_ROWS 3 /* a rule and two lines */

/* One row: keys, label, what it does and its config name; where the row
 * would cut the text, it is shortened with "…" before the name (the whole
 * text is under the list). */
static char *
help_row(void *ud, size_t i)
{
	struct help *h = ud;
	enum action a = h->order[i];
	char *keys = ui_keys_acting(h->of, a, h->typing);
	const char *text = tr(ui_screen_action_help(h->of, a));
	const char *name = ui_action_name(a);
	int room = h->cols - (help_widths[0] + 1 + help_widths[1] + 1);
	char *tail = xasprintf("%s  [%s]", text, name);
	const char *cells[3];
	char *row;

	if (utf8_width(tail) > room) {
		/* "…  [name]" takes the name's width and five columns */
		int fit = room - (int)strlen(name) - 5;
		size_t n = utf8_fit(text, fit > 0 ? fit : 0);

		free(tail);
		tail = xasprintf("%.*s…  [%s]", (int)n, text, name);
	}
	cells[0] = keys;
	cells[1] = tr(ui_screen_action_label(h->of, a));
	cells[2] = tail;
	row = ui_row(help_widths, 3, cells);
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

/* Is a among the keys the screen shows on its bottom line now? */
static bool
help_on_screen(const struct help *h, enum action a)
{
	return help_listed(h->now, a);
}

/* Does a act on the screen: on its bottom line, among its help_keys, or
 * (a screen that names none) anything with a key; never a key its full
 * bottom line has and the present one leaves out (refused just now). */
static bool
help_acts(const struct help *h, enum action a)
{
	const struct screen_ops *ops = h->of;

	if (h->now != ops->keys && help_listed(ops->keys, a) &&
	    !help_listed(h->now, a))
		return false;
	return !ops->help_keys || help_on_screen(h, a) ||
	       help_listed(ops->help_keys, a);
}

/* Has a a key that acts here (a letter is text where the screen types)? */
static bool
help_has_key(const struct help *h, enum action a)
{
	char *keys = ui_keys_acting(h->of, a, h->typing);
	bool any = keys[0] != '\0';

	free(keys);
	return any;
}

/* args->data: the screen help is about (NULL: the main menu). */
static int
help_enter(struct screen *s, const struct screen_args *args)
{
	struct help *h = s->state;
	struct screen *from = (struct screen *)args->data;

	h->of = from ? from->ops : &screen_menu;
	h->now = from && h->of->keys_now ? h->of->keys_now(from) : h->of->keys;
	h->typing = from && h->of->typing && h->of->typing(from);
	h->cols = s->cols;
	for (int pass = 0; pass < 2; pass++)
		for (int a = ACT_NONE + 1; a < ACT_CHAR; a++)
			if (help_on_screen(h, (enum action)a) == (pass == 0) &&
			    help_acts(h, (enum action)a) &&
			    help_has_key(h, (enum action)a))
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

/* Under a rule, the whole text of the selected key's action and its
 * config name, wrapped at the screen's width (a list row may shorten it). */
static void
help_draw_detail(struct screen *s, const struct help *h)
{
	size_t i = ui_list_selected(&h->list);
	int y = s->rows - HELP_DETAIL_ROWS;
	char *text;
	const char *p;

	mvwhline(s->win, y, 0, ACS_HLINE, s->cols);
	if (i == (size_t)-1)
		return;
	text = xasprintf("%s  [%s]", tr(ui_screen_action_help(h->of, h->order[i])),
			 ui_action_name(h->order[i]));
	p = text;
	for (int r = 1; r < HELP_DETAIL_ROWS && *p; r++) {
		size_t n = utf8_fit(p, s->cols);
		char *line = xstrndup(p, n ? n : 1);

		ui_text(s->win, y + r, 0, s->cols, line);
		free(line);
		p += n ? n : 1;
		while (*p == ' ')
			p++; /* a wrapped line starts with the next word */
	}
	free(text);
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
