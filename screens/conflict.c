/*
 * The conflict screen: someone saved the household while this person was
 * editing it. Every field whose stored value differs from what this person
 * typed is listed with both values; the person picks, field by field,
 * which one stays (Space or Left/Right), and F2 takes the choice: the
 * household is then saved again over the stored version. Nothing is
 * overwritten without being seen. Back keeps the person's input unsaved.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/util.h"

struct conflict_row {
	int member;      /* -1 household, else index in mine */
	int stored_member; /* index in stored, -1 for the household */
	size_t field;
	bool take_stored;
};

struct conflict {
	struct household *mine;
	struct household *stored; /* owned */
	struct household *base;   /* as loaded, owned */
	struct conflict_row *rows;
	size_t n;
	struct ui_list list;
};

static const enum action conflict_keys[] = {ACT_HELP, ACT_SAVE, ACT_BACK,
					    ACT_NONE};

static const int conflict_widths[] = {22, 4, 24, 4, 24};

/* The record of a row, mine or stored. */
static const struct record *
conflict_rec(const struct conflict *c, const struct conflict_row *r,
	     bool stored)
{
	if (r->member < 0)
		return stored ? c->stored->hh : c->mine->hh;
	return stored ? c->stored->members[r->stored_member]
		      : c->mine->members[r->member];
}

static char *
conflict_row_text(void *ud, size_t i)
{
	struct conflict *c = ud;
	const struct conflict_row *r = &c->rows[i];
	const struct entity *ent = r->member < 0 ? &entity_household
						 : &entity_member;
	const struct record *mine = conflict_rec(c, r, false);
	const struct record *stored = conflict_rec(c, r, true);
	char *label = r->member < 0
			      ? xstrdup(tr(ent->fields[r->field].label))
			      : xasprintf("%s·%s", mine->v[MEM_NAME],
					  tr(ent->fields[r->field].label));
	const char *cells[] = {label, r->take_stored ? "" : "▶",
			       mine->v[r->field], r->take_stored ? "▶" : "",
			       stored->v[r->field]};
	char *row = ui_row(conflict_widths, 5, cells);

	free(label);
	return row;
}

/* The loaded record matching a (by id), or NULL. */
static const struct record *
conflict_base(const struct conflict *c, int member, const struct record *a)
{
	if (member < 0)
		return c->base->hh;
	for (size_t i = 0; i < c->base->nmembers; i++)
		if (c->base->members[i]->id == a->id)
			return c->base->members[i];
	return NULL;
}

/* Add a row for every field of a (mine) and b (stored) that differs. A
 * field the person did not change since loading starts on the stored
 * value; one they changed starts on theirs. */
static void
conflict_compare(struct conflict *c, int member, int stored_member,
		 const struct record *a, const struct record *b)
{
	const struct record *base = conflict_base(c, member, a);

	for (size_t f = 0; f < a->ent->n; f++) {
		bool untouched;

		if (strcmp(a->v[f], b->v[f]) == 0)
			continue;
		untouched = base && strcmp(base->v[f], a->v[f]) == 0;
		c->rows = xrealloc(c->rows, (c->n + 1) * sizeof(*c->rows));
		c->rows[c->n++] = (struct conflict_row){member, stored_member, f,
							untouched};
	}
}

static int
conflict_enter(struct screen *s, const struct screen_args *args)
{
	struct conflict *c = s->state;
	const struct conflict_args *ca = args->data;

	c->mine = ca->mine;
	c->stored = ca->stored;
	c->base = ca->base;
	conflict_compare(c, -1, -1, c->mine->hh, c->stored->hh);
	for (size_t i = 0; i < c->mine->nmembers; i++)
		for (size_t k = 0; k < c->stored->nmembers; k++)
			if (c->mine->members[i]->id &&
			    c->mine->members[i]->id == c->stored->members[k]->id)
				conflict_compare(c, (int)i, (int)k,
						 c->mine->members[i],
						 c->stored->members[k]);
	ui_list_init(&c->list);
	/* A few fields side by side: no search line (it read "查找：
	 * 2/2 条" under a list nobody searches). */
	c->list.plain = true;
	ui_list_set(&c->list, c->n, conflict_row_text, c);
	return 0;
}

static void
conflict_leave(struct screen *s)
{
	struct conflict *c = s->state;

	ui_list_free(&c->list);
	free(c->rows);
	household_clear(c->stored);
	free(c->stored);
	household_clear(c->base);
	free(c->base);
}

static void
conflict_draw(struct screen *s)
{
	struct conflict *c = s->state;

	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_ERROR));
	ui_text(s->win, 0, 0, s->cols, tr(MSG_CONFLICT_TITLE));
	wattrset(s->win, A_NORMAL);
	ui_text(s->win, 1, 0, s->cols, tr(MSG_CONFLICT_INTRO));
	wattrset(s->win, A_BOLD);
	ui_text(s->win, 2, 0, s->cols, tr(MSG_CONFLICT_HEADER));
	wattrset(s->win, A_NORMAL);
	if (c->n == 0)
		ui_text(s->win, 3, 0, s->cols, tr(MSG_CONFLICT_NONE));
	else
		ui_list_draw(s, &c->list, 3, s->rows - 3);
	wnoutrefresh(s->win);
}

/* Take the choices into mine, on top of the stored versions. */
static void
conflict_apply(struct conflict *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct conflict_row *r = &c->rows[i];

		if (!r->take_stored)
			continue;
		record_set(r->member < 0 ? c->mine->hh
					 : c->mine->members[r->member],
			   r->field, conflict_rec(c, r, true)->v[r->field]);
	}
	c->mine->hh->version = c->stored->hh->version;
	for (size_t i = 0; i < c->mine->nmembers; i++)
		for (size_t k = 0; k < c->stored->nmembers; k++)
			if (c->mine->members[i]->id &&
			    c->mine->members[i]->id == c->stored->members[k]->id)
				c->mine->members[i]->version =
					c->stored->members[k]->version;
}

static int
conflict_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct conflict *c = s->state;
	size_t i = ui_list_selected(&c->list);
	struct ui_result r = {.ok = true};

	switch (act) {
	case ACT_SAVE:
		conflict_apply(c);
		ui_pop(s, &r);
		return UI_HANDLED;
	case ACT_LEFT:
	case ACT_RIGHT:
	case ACT_CHAR:
		if (act == ACT_CHAR && ev->ch != L' ')
			return UI_HANDLED;
		if (i != (size_t)-1) {
			c->rows[i].take_stored = act == ACT_CHAR
							 ? !c->rows[i].take_stored
							 : act == ACT_RIGHT;
			ui_list_set(&c->list, c->n, conflict_row_text, c);
		}
		return UI_HANDLED | UI_REDRAW;
	case ACT_BACK:
		r.ok = false;
		ui_pop(s, &r);
		return UI_HANDLED;
	default:
		return ui_list_action(s, &c->list, act, ev, s->rows - 3);
	}
}

const struct screen_ops screen_conflict = {
	.name = "conflict",
	.title = MSG_CONFLICT_TITLE,
	.state_size = sizeof(struct conflict),
	.keys = conflict_keys,
	.enter = conflict_enter,
	.leave = conflict_leave,
	.draw = conflict_draw,
	.action = conflict_action,
};
