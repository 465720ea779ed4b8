/*
 * The F4 pick list: an overlay listing the values a field may take. Typing
 * narrows the list at once (the filter always has focus), Up/Down move,
 * Enter picks, Esc clears the filter or, when it is empty, backs out.
 */
#include <stdlib.h>

#include "frontdesk/i18n.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

struct pick {
	WINDOW *frame;
	enum fd_msg title;
	char **labels; /* owned copies: the caller's array may be temporary */
	size_t n;
	int tag;
	int width;
	struct ui_list list;
};

static const enum action pick_keys[] = {ACT_ENTER, ACT_BACK, ACT_HELP,
					ACT_NONE};

/* A row is the label as it is. */
static char *
pick_row(void *ud, size_t i)
{
	struct pick *p = ud;

	return xstrdup(p->labels[i]);
}

static int
pick_enter(struct screen *s, const struct screen_args *args)
{
	struct pick *p = s->state;
	const struct pick_args *pa = args->data;

	p->title = pa->title;
	p->tag = args->tag;
	p->width = utf8_width(tr(pa->title)) + 4;
	while (pa->labels[p->n])
		p->n++;
	p->labels = xcalloc(p->n + 1, sizeof(*p->labels));
	for (size_t i = 0; i < p->n; i++) {
		int w = utf8_width(pa->labels[i]);

		p->labels[i] = xstrdup(pa->labels[i]);
		if (w > p->width)
			p->width = w;
	}
	ui_list_init(&p->list);
	ui_list_set(&p->list, p->n, pick_row, p);
	if (pa->current < p->n)
		p->list.sel = pa->current;
	p->list.searching = true;
	if (pa->initial && pa->initial[0]) {
		fieldedit_set_utf8(&p->list.filter, pa->initial);
		ui_list_set(&p->list, p->n, pick_row, p);
	}
	return 0;
}

static void
pick_leave(struct screen *s)
{
	struct pick *p = s->state;

	ui_list_free(&p->list);
	for (size_t i = 0; i < p->n; i++)
		free(p->labels[i]);
	free(p->labels);
	if (p->frame)
		delwin(p->frame);
}

static void
pick_layout(struct screen *s, int rows, int cols)
{
	struct pick *p = s->state;
	int w = p->width + 4 < 44 ? 44 : p->width + 4;

	if (w > cols - 2)
		w = cols - 2;

	ui_overlay(s, &p->frame, (int)p->n + 3 < rows ? (int)p->n + 3 : rows, w);
}

static void
pick_draw(struct screen *s)
{
	struct pick *p = s->state;

	ui_overlay_frame(p->frame, tr(p->title));
	ui_list_draw(s, &p->list, 0, s->rows);
	wnoutrefresh(s->win);
}

static int
pick_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct pick *p = s->state;
	struct ui_result r = {.tag = p->tag};

	switch (act) {
	case ACT_ENTER:
		r.index = ui_list_selected(&p->list);
		if (r.index == (size_t)-1)
			return UI_HANDLED;
		r.ok = true;
		ui_pop(s, &r);
		return UI_HANDLED;
	case ACT_BACK:
		if (p->list.filter.len) {
			ui_list_action(s, &p->list, act, ev, s->rows);
			p->list.searching = true;
			return UI_HANDLED | UI_REDRAW;
		}
		ui_pop(s, &r);
		return UI_HANDLED;
	default:
		break;
	}
	return ui_list_action(s, &p->list, act, ev, s->rows);
}

/* The filter always has focus: every printable key narrows. */
static bool
pick_typing(struct screen *s)
{
	(void)s;
	return true;
}

const struct screen_ops screen_pick = {
	.name = "pick",
	.title = MSG_PICK_TITLE,
	.state_size = sizeof(struct pick),
	.overlay = true,
	.keys = pick_keys,
	.enter = pick_enter,
	.leave = pick_leave,
	.layout = pick_layout,
	.draw = pick_draw,
	.action = pick_action,
	.typing = pick_typing,
};
