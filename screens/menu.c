/*
 * The main menu: the jobs that exist, chosen by digit (or Up/Down and
 * Enter). Only screens that are built are listed; nothing is a stub.
 */
#include "frontdesk/i18n.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

static const struct menu_item {
	wchar_t key;
	enum fd_msg label;
	const struct screen_ops *ops;
} menu_items[] = {
	{L'1', MSG_MENU_HOUSEHOLDS, &screen_households},
	{L'2', MSG_MENU_IMPORT, &screen_import},
	{L'3', MSG_MENU_STAFF, &screen_staff},
	{L'4', MSG_MENU_AUDIT, &screen_audit},
	{L'5', MSG_MENU_CHECK, &screen_check},
	{L'6', MSG_COHORTS_MENU, &screen_cohorts},
	{L'7', MSG_MENU_WEEK, &screen_week},
	{L'8', MSG_MENU_TODAY, &screen_today},
};

struct menu {
	size_t sel;
};

static const enum action menu_keys[] = {ACT_HELP, ACT_BACK, ACT_ENTER,
					ACT_NONE};

static void
menu_draw(struct screen *s)
{
	struct menu *m = s->state;
	int width = 0;
	int x, y = 2;

	for (size_t i = 0; i < FD_ARRAY_LEN(menu_items); i++) {
		int w = utf8_width(tr(menu_items[i].label)) + 4;

		if (w > width)
			width = w;
	}
	x = (s->cols - width) / 2;
	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text_center(s->win, y, s->cols, tr(MSG_MENU_TITLE));
	y += 2;
	for (size_t i = 0; i < FD_ARRAY_LEN(menu_items); i++, y++) {
		char key[8];

		snprintf(key, sizeof(key), "%lc", (wint_t)menu_items[i].key);
		wattrset(s->win, i == m->sel ? ui_attr(UI_STYLE_SELECTED)
					     : A_NORMAL);
		ui_text(s->win, y, x, 2, key);
		ui_text(s->win, y, x + 2, 2, "");
		ui_text(s->win, y, x + 4, width - 4, tr(menu_items[i].label));
	}
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	ui_text_center(s->win, y + 1, s->cols, tr(MSG_MENU_HINT));
	wattrset(s->win, A_NORMAL);
	s->cursor_y = -1;
	wnoutrefresh(s->win);
}

/* Open item i. */
static int
menu_open(size_t i)
{
	ui_push(menu_items[i].ops, NULL);
	return UI_HANDLED;
}

static int
menu_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct menu *m = s->state;

	switch (act) {
	case ACT_CHAR:
		for (size_t i = 0; i < FD_ARRAY_LEN(menu_items); i++) {
			if (menu_items[i].key == ev->ch) {
				m->sel = i;
				return menu_open(i);
			}
		}
		return UI_HANDLED;
	case ACT_NEXT:
		if (m->sel + 1 < FD_ARRAY_LEN(menu_items))
			m->sel++;
		return UI_HANDLED | UI_REDRAW;
	case ACT_PREV:
		if (m->sel > 0)
			m->sel--;
		return UI_HANDLED | UI_REDRAW;
	case ACT_ENTER:
		return menu_open(m->sel);
	default:
		return UI_UNHANDLED;
	}
}

const struct screen_ops screen_menu = {
	.name = "menu",
	.title = MSG_MENU_TITLE,
	.state_size = sizeof(struct menu),
	.keys = menu_keys,
	.draw = menu_draw,
	.action = menu_action,
};
