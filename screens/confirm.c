/*
 * The confirm dialog: a question answered Y or N. The default (Enter, Esc,
 * F3) is No, so a stray key never drops anything. A question whose safe
 * answer is Yes (restore a draft) is asked with default_yes: Enter is Yes,
 * and Esc or F3 answer neither (the parent gets backed = true and decides
 * what "not now" means; for a draft: keep it).
 *
 * The question is wrapped onto as many rows as it needs (ui_text_wrap),
 * so at 80 columns a long one still shows its end, where the question
 * itself usually stands ("... 仍然保存吗？").
 */
#include <stdbool.h>
#include <stdlib.h>

#include "frontdesk/i18n.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

struct confirm {
	WINDOW *frame;
	char *question;
	char *keys;      /* the answers' line under the question */
	bool default_yes;
	int tag;
};

/* Enter is left off the bottom line: there it would read "确定" (OK)
 * while it answers the default, No on most questions; the dialog's own
 * line says which answer Enter gives. */
static const enum action confirm_keys[] = {ACT_BACK, ACT_NONE};

static int
confirm_enter(struct screen *s, const struct screen_args *args)
{
	struct confirm *c = s->state;
	const struct confirm_args *ca = args->data;

	c->question = xstrdup(ca->question);
	c->keys = xstrdup(ca->keys ? ca->keys : tr(MSG_CONFIRM_KEYS));
	c->default_yes = ca->default_yes;
	c->tag = args->tag;
	return 0;
}

static void
confirm_leave(struct screen *s)
{
	struct confirm *c = s->state;

	free(c->question);
	free(c->keys);
	if (c->frame)
		delwin(c->frame);
}

static void
confirm_layout(struct screen *s, int rows, int cols)
{
	struct confirm *c = s->state;
	int w = utf8_width(c->question);
	int k = utf8_width(c->keys);

	(void)rows;
	w = (w > k ? w : k) + 6;
	if (w < 40)
		w = 40;
	if (w > cols - 2)
		w = cols - 2;
	/* frame, a margin of one column each side: w - 4 for the text */
	ui_overlay(s, &c->frame, ui_text_rows(c->question, w - 4) + 4, w);
}

static void
confirm_draw(struct screen *s)
{
	struct confirm *c = s->state;

	ui_overlay_frame(c->frame, tr(MSG_CONFIRM_TITLE));
	int n;

	werase(s->win);
	n = ui_text_wrap(s->win, 0, 1, s->cols - 2, s->rows - 2, c->question,
			 true);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text_center(s->win, n + 1 < s->rows ? n + 1 : s->rows - 1, s->cols,
		       c->keys);
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
		r.ok = c->default_yes;
		ui_pop(s, &r);
		return UI_HANDLED;
	case ACT_BACK:
		r.backed = true;
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
