/*
 * A program participant's path (the "participant" workflow machine): the
 * current state, what can be done now and, below, the history. Every
 * action leaving the current state is listed; one this login may not take
 * now is dimmed with the reason ("household not verified"). Enter applies
 * the selected action after a confirmation, or after asking for the reason
 * when the step needs one. A supervisor may override the state (F9) with a
 * mandatory reason, recorded as an override.
 *
 * The screen asks the engine for everything (workflow.h): the steps, their
 * guards and roles live in assets/workflow.ini, not here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/db.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"
#include "frontdesk/workflow.h"

#define WF_MACHINE "participant"
#define WF_TAG_CONFIRM 1
#define WF_TAG_REASON 2
#define WF_TAG_OVERRIDE_STATE 3
#define WF_TAG_OVERRIDE_REASON 4
#define WF_ACTION_ROWS 7

struct participant {
	char *member_id;
	char *name;
	char *id_number;
	char *state;
	struct wf_action *actions;
	size_t nactions;
	struct wf_event *history;
	size_t nhistory;
	struct ui_list list;     /* the actions */
	struct ui_list past;     /* the history */
	size_t chosen;           /* the action being applied */
	const char **state_labels; /* for the override pick list */
	size_t override_to;
};

static const enum action participant_keys[] = {
	ACT_HELP, ACT_BACK, ACT_ENTER, ACT_OVERRIDE, ACT_REFRESH, ACT_NONE};

static const int participant_widths[] = {16, 0};

/* One action row: its label and, when blocked, why. */
static char *
participant_action_row(void *ud, size_t i)
{
	struct participant *p = ud;
	const struct wf_action *a = &p->actions[i];
	const char *cells[] = {wf_transition_label(a->t),
			       a->allowed ? "" : a->why};

	return ui_row(participant_widths, 2, cells);
}

/* One history row: when, who, from → to, reason. */
static char *
participant_history_row(void *ud, size_t i)
{
	struct participant *p = ud;
	const struct wf_machine *m = workflow_machine(WF_MACHINE);
	const struct wf_event *e = &p->history[p->nhistory - 1 - i];
	char when[20];
	char *reason = xasprintf("%s%s", e->override ? tr(MSG_WF_OVERRIDE_MARK)
						     : "",
				 e->reason ? e->reason : "");
	const char *args[] = {when, e->login,
			      e->from && e->from[0] ? wf_state_label(m, e->from)
						    : "∅",
			      wf_state_label(m, e->to), reason};
	char *row;

	ui_local_time(e->at, when);
	row = msg_format(tr(MSG_WF_HISTORY_ROW), 5, args);
	free(reason);
	return row;
}

/* Read state, actions and history again. */
static void
participant_reload(struct participant *p)
{
	struct fd_err err;
	enum fd_status st;

	wf_actions_free(p->actions, p->nactions);
	wf_history_free(p->history, p->nhistory);
	free(p->state);
	p->actions = NULL;
	p->history = NULL;
	p->state = NULL;
	p->nactions = p->nhistory = 0;
	st = workflow_actions(ui_db(), WF_MACHINE, p->member_id, &p->state,
			      &p->actions, &p->nactions, &err);
	if (st == FD_OK)
		st = workflow_history(ui_db(), WF_MACHINE, p->member_id,
				      &p->history, &p->nhistory, &err);
	if (st != FD_OK)
		ui_error_status(st, &err);
	ui_list_set(&p->list, p->nactions, participant_action_row, p);
	ui_list_set(&p->past, p->nhistory, participant_history_row, p);
}

static int
participant_enter(struct screen *s, const struct screen_args *args)
{
	struct participant *p = s->state;
	const struct participant_args *pa = args->data;
	const struct wf_machine *m = workflow_machine(WF_MACHINE);

	p->member_id = xstrdup(pa->member_id);
	p->name = xstrdup(pa->name);
	p->id_number = xstrdup(pa->id_number);
	p->state_labels = xcalloc(m->nstates + 1, sizeof(*p->state_labels));
	for (size_t i = 0; i < m->nstates; i++)
		p->state_labels[i] = wf_state_label(m, m->states[i].name);
	ui_list_init(&p->list);
	ui_list_init(&p->past);
	p->list.plain = p->past.plain = true;
	participant_reload(p);
	return 0;
}

static void
participant_leave(struct screen *s)
{
	struct participant *p = s->state;

	ui_list_free(&p->list);
	ui_list_free(&p->past);
	wf_actions_free(p->actions, p->nactions);
	wf_history_free(p->history, p->nhistory);
	free(p->state);
	free(p->member_id);
	free(p->name);
	free(p->id_number);
	free(p->state_labels);
}

static void
participant_draw(struct screen *s)
{
	struct participant *p = s->state;
	const struct wf_machine *m = workflow_machine(WF_MACHINE);
	const char *args[] = {p->name, p->id_number,
			      p->state ? wf_state_label(m, p->state) : ""};
	char *head = msg_format(tr(MSG_WF_HEAD), 3, args);
	int y = 3;

	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, head);
	wattrset(s->win, A_NORMAL);
	ui_text(s->win, 2, 0, s->cols, tr(MSG_WF_ACTIONS));
	if (p->nactions == 0) {
		wattrset(s->win, ui_attr(UI_STYLE_DIM));
		ui_text(s->win, y, 2, s->cols - 2, tr(MSG_WF_NO_ACTIONS));
		wattrset(s->win, A_NORMAL);
	} else {
		ui_list_draw(s, &p->list, y, WF_ACTION_ROWS);
		/* Dim the blocked ones (the list drew them plain). */
		for (int r = 0; r < WF_ACTION_ROWS; r++) {
			size_t k = p->list.top + (size_t)r;

			if (k < p->list.nshown && !p->actions[p->list.shown[k]].allowed)
				mvwchgat(s->win, y + r, 0, -1,
					 ui_attr(UI_STYLE_DIM) |
						 (k == p->list.sel ? A_REVERSE : 0),
					 0, NULL);
		}
	}
	y += WF_ACTION_ROWS + 1;
	mvwhline(s->win, y, 0, ACS_HLINE, s->cols);
	ui_text(s->win, y, 2, utf8_width(tr(MSG_WF_HISTORY)),
		tr(MSG_WF_HISTORY));
	ui_list_draw(s, &p->past, y + 1, s->rows - y - 1);
	s->cursor_y = -1;
	wnoutrefresh(s->win);
	free(head);
}

/* Apply the chosen action with this reason (NULL: none asked). */
static void
participant_apply(struct participant *p, const char *reason)
{
	const struct wf_action *a = &p->actions[p->chosen];
	const struct wf_machine *m = workflow_machine(WF_MACHINE);
	char *label = xstrdup(wf_transition_label(a->t));
	struct fd_err err;
	enum fd_status st;

	st = workflow_apply(ui_db(), WF_MACHINE, p->member_id, a->t->name,
			    p->state, reason, &err);
	participant_reload(p);
	if (st == FD_OK) {
		char *m2 = trf(MSG_WF_DONE, label,
			       p->state ? wf_state_label(m, p->state) : "");

		ui_status("%s", m2);
		free(m2);
	} else if (st == FD_E_CONFLICT || st == FD_E_DENIED ||
		   st == FD_E_INVALID) {
		ui_error("%s", err.msg);
	} else {
		ui_error_status(st, &err);
	}
	free(label);
}

static int
participant_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct participant *p = s->state;
	size_t i;

	switch (act) {
	case ACT_ENTER:
		i = ui_list_selected(&p->list);
		if (i == (size_t)-1)
			return UI_HANDLED;
		if (!p->actions[i].allowed) {
			char *m = trf(MSG_WF_BLOCKED,
				      wf_transition_label(p->actions[i].t),
				      p->actions[i].why);

			ui_error("%s", m);
			free(m);
			return UI_HANDLED;
		}
		p->chosen = i;
		if (p->actions[i].t->reason) {
			char *q = trf(MSG_WF_REASON,
				      wf_transition_label(p->actions[i].t), NULL);

			ui_prompt(q, WF_TAG_REASON, 200);
			free(q);
		} else {
			char *q = trf(MSG_WF_ASK,
				      wf_transition_label(p->actions[i].t), NULL);

			ui_confirm(q, WF_TAG_CONFIRM);
			free(q);
		}
		return UI_HANDLED;
	case ACT_OVERRIDE:
		if (db_role(ui_db()) != ROLE_SUPERVISOR || db_read_only(ui_db())) {
			ui_error("%s", tr(MSG_WF_OVERRIDE_ONLY));
			return UI_HANDLED;
		}
		ui_pick(MSG_WF_OVERRIDE_PICK, p->state_labels, 0,
			WF_TAG_OVERRIDE_STATE, NULL);
		return UI_HANDLED;
	case ACT_REFRESH:
		participant_reload(p);
		return UI_UNHANDLED; /* and the global repaint */
	case ACT_NEXT:
	case ACT_PREV:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
		return ui_list_action(s, &p->list, act, ev, WF_ACTION_ROWS);
	default:
		return UI_UNHANDLED;
	}
}

static int
participant_result(struct screen *s, const struct ui_result *r)
{
	struct participant *p = s->state;
	const struct wf_machine *m = workflow_machine(WF_MACHINE);
	struct fd_err err;
	enum fd_status st;

	if (!r->ok)
		return UI_REDRAW;
	switch (r->tag) {
	case WF_TAG_CONFIRM:
		participant_apply(p, NULL);
		break;
	case WF_TAG_REASON:
		if (!r->value || !r->value[0]) {
			ui_error("%s", tr(MSG_WF_REASON_NEEDED));
			break;
		}
		participant_apply(p, r->value);
		break;
	case WF_TAG_OVERRIDE_STATE:
		p->override_to = r->index;
		ui_prompt(tr(MSG_WF_OVERRIDE_REASON), WF_TAG_OVERRIDE_REASON, 200);
		break;
	case WF_TAG_OVERRIDE_REASON:
		if (!r->value || !r->value[0]) {
			ui_error("%s", tr(MSG_WF_REASON_NEEDED));
			break;
		}
		st = workflow_override(ui_db(), WF_MACHINE, p->member_id,
				       m->states[p->override_to].name, r->value,
				       &err);
		participant_reload(p);
		if (st != FD_OK)
			ui_error("%s", err.msg);
		break;
	default:
		break;
	}
	return UI_REDRAW;
}

const struct screen_ops screen_participant = {
	.name = "participant",
	.title = MSG_WF_TITLE,
	.state_size = sizeof(struct participant),
	.keys = participant_keys,
	.enter = participant_enter,
	.leave = participant_leave,
	.draw = participant_draw,
	.action = participant_action,
	.result = participant_result,
};

void
participant_open(const struct record *member)
{
	struct participant_args pa;
	struct screen_args args = {.data = &pa};
	char id[24];

	if (!member->id || strcmp(member->v[MEM_PARTICIPANT], "1") != 0) {
		ui_error("%s", tr(MSG_WF_NOT_PARTICIPANT));
		return;
	}
	snprintf(id, sizeof(id), "%lld", (long long)member->id);
	pa.member_id = id;
	pa.name = member->v[MEM_NAME];
	pa.id_number = member->v[MEM_ID_NUMBER];
	ui_push(&screen_participant, &args);
}
