/*
 * The confirm dialog: a question answered Y or N. The default (Enter, Esc,
 * F3) is No, so a stray key never drops anything.
 */
#include <stdlib.h>

#include "frontdesk/i18n.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

struct confirm {
	WINDOW *frame;
	char *question;
	int tag;
};

static const enum action confirm_keys[] = {ACT_ENTER, ACT_BACK, ACT_NONE};

static int
confirm_enter(struct screen *s, const struct screen_args *args)
{
	struct confirm *c = s->state;
	const struct confirm_args *ca = args->data;

	c->question = xstrdup(ca->question);
	c->tag = args->tag;
	return 0;
}

static void
confirm_leave(struct screen *s)
{
	struct confirm *c = s->state;

	free(c->question);
	if (c->frame)
		delwin(c->frame);
}

static void
confirm_layout(struct screen *s, int rows, int cols)
{
	struct confirm *c = s->state;
	int w = utf8_width(c->question);
	int k = utf8_width(tr(MSG_CONFIRM_KEYS));

	(void)rows;
	(void)cols;
	w = (w > k ? w : k) + 6;
	ui_overlay(s, &c->frame, 6, w < 40 ? 40 : w);
}

static void
confirm_draw(struct screen *s)
{
	struct confirm *c = s->state;

	ui_overlay_frame(c->frame, tr(MSG_CONFIRM_TITLE));
	werase(s->win);
	ui_text_center(s->win, 0, s->cols, c->question);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text_center(s->win, 2, s->cols, tr(MSG_CONFIRM_KEYS));
	wattrset(s->win, A_NORMAL);
	wnoutrefresh(s->win);
}

static int
confirm_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct confirm *c = s->state;
	struct ui_result r = {.tag = c->tag};

	switch (act) {
	case ACT_CHAR:
		if (ev->ch == L'y' || ev->ch == L'Y') {
			r.ok = true;
			ui_pop(s, &r);
		} else if (ev->ch == L'n' || ev->ch == L'N') {
			ui_pop(s, &r);
		}
		return UI_HANDLED;
	case ACT_ENTER:
	case ACT_BACK:
		ui_pop(s, &r);
		return UI_HANDLED;
	case ACT_HELP:
		return UI_UNHANDLED;
	default:
		return UI_HANDLED;
	}
}

const struct screen_ops screen_confirm = {
	.name = "confirm",
	.title = MSG_CONFIRM_TITLE,
	.state_size = sizeof(struct confirm),
	.overlay = true,
	.keys = confirm_keys,
	.enter = confirm_enter,
	.leave = confirm_leave,
	.layout = confirm_layout,
	.draw = confirm_draw,
	.action = confirm_action,
};
