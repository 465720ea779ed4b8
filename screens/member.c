/*
 * The member form, ID first. Typing the ID number and leaving the field
 * checks it at once (GB 11643 check character, a real past birth date): a
 * wrong number stays as typed with the reason beside it; a good one fills
 * sex and birth date, shows age and the region of issue, and looks for the
 * person in the database before anything else is typed — someone already
 * registered in another household is refused, with an offer to open that
 * household.
 *
 * The form edits the household's member in place (so the household's draft
 * holds what is being typed); Back with the input dropped puts the member
 * back as it was. F2 (or Enter on the last field) returns to the household,
 * which saves the household with all its members.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/ui_record.h"
#include "frontdesk/util.h"

#define MEMBER_TAG_OPEN_OTHER 2000

struct member_screen {
	struct household *h;
	size_t index;
	bool added;             /* appended by this form */
	bool done;              /* F2: the member goes back to the household */
	struct record *backup;  /* the member as it was, for a drop */
	struct ui_record_form rf;
	char checked_id[19];    /* the ID last checked */
	int64_t other;          /* household holding the same ID */
};

static const enum action member_keys[] = {
	ACT_HELP, ACT_SAVE, ACT_BACK, ACT_PROMPT, ACT_WORKFLOW, ACT_NONE};

/* The member being edited. */
static struct record *
member_rec(struct member_screen *ms)
{
	return ms->h->members[ms->index];
}

/* The message of an ID error. */
static char *
member_id_error(enum idcard_error e, const struct idcard *id)
{
	char c[2] = {id->expected, '\0'};

	switch (e) {
	case IDCARD_EMPTY:
		return xstrdup(tr(MSG_RULE_ID_EMPTY));
	case IDCARD_LENGTH:
		return xstrdup(tr(MSG_RULE_ID_LENGTH));
	case IDCARD_CHARS:
		return xstrdup(tr(MSG_RULE_ID_CHARS));
	case IDCARD_DATE:
		return trf(MSG_RULE_ID_DATE, id->birth, NULL);
	case IDCARD_FUTURE:
		return trf(MSG_RULE_ID_FUTURE, id->birth, NULL);
	case IDCARD_CHECK:
		return trf(MSG_RULE_ID_CHECK, c, NULL);
	case IDCARD_OK:
		break;
	}
	return xstrdup("");
}

/* Check the ID field: fill what it gives, find the person. Returns false
 * (and says why next to the field) when the ID cannot stand. */
static bool
member_check_id(struct member_screen *ms)
{
	int fi = ui_record_form_index(&ms->rf, MEM_ID_NUMBER);
	struct ui_field *fld = &ms->rf.fields[fi];
	char *typed = ui_form_value(&ms->rf.form, (size_t)fi);
	struct idcard id;
	char today[11];
	enum idcard_error e;
	int64_t hid, mid = 0;
	bool ok = false;

	idcard_today(today);
	fld->error[0] = fld->note[0] = '\0';
	e = idcard_parse(typed, today, &id);
	if (e != IDCARD_OK) {
		char *m = member_id_error(e, &id);

		ui_form_error(&ms->rf.form, (size_t)fi, m);
		ui_error("%s", m);
		free(m);
		goto out;
	}
	if (strcmp(id.number, typed) != 0) /* x -> X, 15 -> 18 digits */
		ui_record_form_set(&ms->rf, (size_t)fi, id.number);
	hid = household_id_by_member(ui_db(), id.number, &mid);
	if (hid && (hid != ms->h->hh->id || mid != member_rec(ms)->id)) {
		struct household other;
		struct fd_err lerr;
		char hh[64];
		char *m, *q;

		/* Name the other household as people know it: its 户编号. */
		household_init(&other);
		if (household_load(ui_db(), hid, &other, &lerr) == FD_OK)
			fd_strlcpy(hh, other.hh->v[HH_NO], sizeof(hh));
		else
			snprintf(hh, sizeof(hh), "%lld", (long long)hid);
		household_clear(&other);
		m = trf(MSG_RULE_DUP_ID, id.number, hh);
		ui_form_error(&ms->rf.form, (size_t)fi, m);
		ms->other = hid;
		q = trf(MSG_HH_OPEN_OTHER, m, NULL);
		ui_confirm(q, MEMBER_TAG_OPEN_OTHER);
		free(q);
		free(m);
		goto out;
	}
	{
		char sex[2] = {(char)('0' + id.sex), '\0'};
		char age[8];
		const struct region *r = region_of_id(id.number);
		char *where = r ? region_path(r->code) : xstrdup("");
		char *note;

		snprintf(age, sizeof(age), "%d", idcard_age(id.birth, today));
		ui_record_form_set(&ms->rf, (size_t)ui_record_form_index(
						    &ms->rf, MEM_SEX),
				   sex);
		ui_record_form_set(&ms->rf, (size_t)ui_record_form_index(
						    &ms->rf, MEM_BIRTH),
				   id.birth);
		if (region_find(id.region)) {
			const char *args[] = {ui_code_label("sex", sex), id.birth,
					      age, where};

			note = msg_format(tr(MSG_MEM_ID_NOTE), 4, args);
		} else {
			/* An abolished code lives on in old numbers: a warning
			 * here, never a refusal. */
			note = trf(MSG_RULE_ID_REGION, id.region, NULL);
		}
		fd_strlcpy(fld->note, note, sizeof(fld->note));
		free(note);
		free(where);
	}
	ok = true;
out:
	fd_strlcpy(ms->checked_id, typed, sizeof(ms->checked_id));
	free(typed);
	return ok;
}

/* Show the household check's findings for this member next to fields. */
static void
member_show_issues(struct member_screen *ms, const struct hh_issues *is)
{
	bool first = true;

	for (size_t i = 0; is && i < is->n; i++) {
		int fi;

		if (is->v[i].member != (int)ms->index || is->v[i].warning)
			continue;
		fi = ui_record_form_index(&ms->rf, is->v[i].field);
		if (fi < 0)
			fi = 0;
		if (!ms->rf.fields[fi].error[0]) {
			size_t keep = ms->rf.form.focus;

			ui_form_error(&ms->rf.form, (size_t)fi, is->v[i].text);
			if (!first)
				ms->rf.form.focus = keep;
		}
		first = false;
	}
}

static int
member_enter(struct screen *s, const struct screen_args *args)
{
	struct member_screen *ms = s->state;
	const struct member_args *ma = args->data;

	ms->h = ma->h;
	ms->index = ma->index;
	if (ms->index >= ms->h->nmembers) {
		ms->index = household_add_member(ms->h);
		ms->added = true;
	} else {
		ms->backup = record_dup(member_rec(ms));
	}
	ui_record_form_init(&ms->rf, &entity_member, -1);
	ui_record_form_fill(&ms->rf, member_rec(ms));
	member_show_issues(ms, ma->issues);
	fd_strlcpy(ms->checked_id, member_rec(ms)->v[MEM_ID_NUMBER],
		   sizeof(ms->checked_id));
	return 0;
}

static void
member_leave(struct screen *s)
{
	struct member_screen *ms = s->state;

	if (ms->added && !ms->done) {
		/* Not taken into the household: a drop, or Back with
		 * nothing typed. (After a hang-up the draft already holds
		 * what was typed.) */
		household_remove_member(ms->h, ms->index);
	} else if (s->dropped) {
		record_free(member_rec(ms));
		ms->h->members[ms->index] = ms->backup;
		ms->backup = NULL;
	}
	record_free(ms->backup);
	ui_record_form_free(&ms->rf);
}

static void
member_draw(struct screen *s)
{
	struct member_screen *ms = s->state;
	char *title = ms->added ? xstrdup(tr(MSG_MEM_FORM_NEW))
				: trf(MSG_MEM_FORM_EDIT,
				      member_rec(ms)->v[MEM_NAME], NULL);

	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, title);
	wattrset(s->win, A_NORMAL);
	ui_form_draw(s, &ms->rf.form, 2, s->rows - 2);
	wnoutrefresh(s->win);
	free(title);
}

/* F2: back to the household, which saves. */
static int
member_done(struct screen *s)
{
	struct member_screen *ms = s->state;
	struct ui_result r = {.ok = true};

	if (!member_check_id(ms))
		return UI_HANDLED | UI_REDRAW;
	ui_record_form_read(&ms->rf, member_rec(ms));
	ms->done = true;
	ui_status("%s", tr(MSG_MEM_APPLIED));
	ui_pop(s, &r);
	return UI_HANDLED;
}

static int
member_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct member_screen *ms = s->state;
	int id_field = ui_record_form_index(&ms->rf, MEM_ID_NUMBER);
	int flags;

	if (act == ACT_SAVE)
		return member_done(s);
	if (act == ACT_WORKFLOW) {
		participant_open(member_rec(ms));
		return UI_HANDLED;
	}
	if ((act == ACT_NEXT || act == ACT_ENTER) &&
	    ms->rf.form.focus == (size_t)id_field && !member_check_id(ms))
		return UI_HANDLED | UI_REDRAW; /* stay on a bad ID */
	flags = ui_form_action(s, &ms->rf.form, act, ev);
	if (flags & UI_FORM_SUBMIT)
		return member_done(s);
	return flags;
}

static int
member_result(struct screen *s, const struct ui_result *r)
{
	struct member_screen *ms = s->state;

	if (r->tag == MEMBER_TAG_OPEN_OTHER) {
		if (r->ok) {
			char key[24];
			struct screen_args args = {.key = key};

			snprintf(key, sizeof(key), "%lld", (long long)ms->other);
			ui_push(&screen_household, &args);
		}
		return UI_REDRAW;
	}
	return ui_form_result(s, &ms->rf.form, r);
}

static bool
member_typing(struct screen *s)
{
	struct member_screen *ms = s->state;

	return ui_form_typing(&ms->rf.form);
}

static bool
member_unsaved(struct screen *s)
{
	struct member_screen *ms = s->state;

	return ui_form_dirty(&ms->rf.form);
}

/* Keep the household's member in step with the form, for the draft. */
static void
member_idle(struct screen *s)
{
	struct member_screen *ms = s->state;

	ui_record_form_read(&ms->rf, member_rec(ms));
}

const struct screen_ops screen_member = {
	.name = "member",
	.title = MSG_MEM_TITLE,
	.state_size = sizeof(struct member_screen),
	.keys = member_keys,
	.enter = member_enter,
	.leave = member_leave,
	.draw = member_draw,
	.action = member_action,
	.result = member_result,
	.typing = member_typing,
	.unsaved = member_unsaved,
	.idle = member_idle,
};
