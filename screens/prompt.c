/*
 * A one-line text question over the current screen (a reason for a
 * workflow step, say): the field edits like every field (Chinese too),
 * Enter answers, Esc or F3 backs out. The answer is kept in a buffer of
 * this file until the next prompt, since the screen's own state is gone by
 * the time the parent reads it.
 *
 * A parent that finds the answer wrong says so with ui_prompt_refuse (or
 * ui_prompt_warn, for an answer that may be meant) from its result(): the
 * prompt opens again with the same question, the text as typed and the
 * reason under it, so a bad answer never costs what was typed. The last
 * question is kept here for that.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

struct prompt {
	WINDOW *frame;
	char *question;
	char *error;  /* under the answer, or NULL */
	bool warning; /* error is a warning */
	struct ui_field field;
	struct ui_form form;
};

static char *prompt_answer;

/* The last prompt opened, to open it again after a refusal. */
static struct {
	char *question;
	int tag;
	size_t max_chars;
	char *warned;   /* the answer a warning was shown for, or NULL */
	bool confirmed; /* the answer in hand repeats the warned one */
} prompt_last;

static const enum action prompt_keys[] = {ACT_ENTER, ACT_BACK, ACT_NONE};

static int
prompt_enter(struct screen *s, const struct screen_args *args)
{
	struct prompt *p = s->state;
	const struct prompt_args *pa = args->data;

	char *question = xstrdup(pa->question);

	free(prompt_last.question); /* pa->question may be this one */
	prompt_last.question = question;
	prompt_last.tag = s->tag;
	prompt_last.max_chars = pa->max_chars;
	if (!pa->warning) {
		free(prompt_last.warned);
		prompt_last.warned = NULL;
	}
	p->question = xstrdup(question);
	p->error = pa->error ? xstrdup(pa->error) : NULL;
	p->warning = pa->warning;
	ui_field_text(&p->field, MSG_PROMPT_TITLE, FIELDEDIT_TEXT, pa->max_chars,
		      0, 50);
	if (pa->initial) /* the cursor at its end */
		fieldedit_set_utf8(&p->field.fe, pa->initial);
	if (pa->error)
		beep();
	p->form.fields = &p->field;
	p->form.n = 1;
	ui_form_layout(&p->form);
	return 0;
}

static void
prompt_leave(struct screen *s)
{
	struct prompt *p = s->state;

	ui_form_free(&p->form);
	free(p->question);
	free(p->error);
	if (p->frame)
		delwin(p->frame);
}

static void
prompt_layout(struct screen *s, int rows, int cols)
{
	struct prompt *p = s->state;

	int w = cols - 2 < 72 ? cols - 2 : 72;

	(void)rows;
	/* the question wrapped (a margin of one column each side), a blank
	 * row, the field, a blank row, the keys; 2 for the frame */
	ui_overlay(s, &p->frame, ui_text_rows(p->question, w - 4) + 6, w);
}

static void
prompt_draw(struct screen *s)
{
	struct prompt *p = s->state;

	ui_overlay_frame(p->frame, tr(MSG_PROMPT_TITLE));
	int n;

	werase(s->win);
	n = ui_text_wrap(s->win, 0, 1, s->cols - 2, s->rows - 4, p->question,
			 false);
	ui_form_draw(s, &p->form, n + 1, 1);
	if (p->error) {
		int cy = s->cursor_y, cx = s->cursor_x;

		wattrset(s->win, ui_attr(UI_STYLE_ERROR));
		ui_text(s->win, n + 2, 1, s->cols - 2, p->error);
		wattrset(s->win, A_NORMAL);
		s->cursor_y = cy;
		s->cursor_x = cx;
	}
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	ui_text(s->win, n + 3, 1, s->cols - 2, tr(MSG_PROMPT_KEYS));
	wattrset(s->win, A_NORMAL);
	wnoutrefresh(s->win);
}

static int
prompt_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct prompt *p = s->state;
	struct ui_result r = {0};

	switch (act) {
	case ACT_ENTER:
	case ACT_SAVE:
		free(prompt_answer);
		prompt_answer = ui_form_value(&p->form, 0);
		prompt_last.confirmed = prompt_last.warned &&
					strcmp(prompt_last.warned,
					       prompt_answer) == 0;
		r.ok = true;
		r.value = prompt_answer;
		ui_pop(s, &r);
		return UI_HANDLED;
	case ACT_BACK:
		ui_pop(s, &r);
		return UI_HANDLED;
	case ACT_HELP:
		return UI_UNHANDLED;
	default:
		ui_form_action(s, &p->form, act, ev);
		if (p->error && fieldedit_dirty(&p->field.fe)) {
			/* The answer changed: the reason was about the old. */
			free(p->error);
			p->error = NULL;
		}
		return UI_HANDLED | UI_REDRAW;
	}
}

/* Open the last prompt again over the parent, with its answer and msg. */
static void
prompt_again(const char *msg, bool warning)
{
	struct prompt_args pa = {prompt_last.question, prompt_last.max_chars,
				 prompt_answer, msg, warning};
	struct screen_args args = {.tag = prompt_last.tag, .data = &pa};

	if (!prompt_last.question)
		return;
	if (warning) {
		free(prompt_last.warned);
		prompt_last.warned = xstrdup(prompt_answer ? prompt_answer : "");
	}
	ui_push(&screen_prompt, &args);
}

void
ui_prompt_refuse(const char *msg)
{
	prompt_again(msg, false);
}

void
ui_prompt_warn(const char *msg)
{
	prompt_again(msg, true);
}

bool
ui_prompt_confirmed(void)
{
	return prompt_last.confirmed;
}

static bool
prompt_typing(struct screen *s)
{
	(void)s;
	return true;
}

const struct screen_ops screen_prompt = {
	.name = "prompt",
	.title = MSG_PROMPT_TITLE,
	.state_size = sizeof(struct prompt),
	.overlay = true,
	.keys = prompt_keys,
	.enter = prompt_enter,
	.leave = prompt_leave,
	.layout = prompt_layout,
	.draw = prompt_draw,
	.action = prompt_action,
	.typing = prompt_typing,
};
