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
#include "frontdesk/utf8.h"
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
	char derived_id[19];    /* the ID sex and birth date come from ("":
				 * none, they were cleared) */
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

/* The form index of member field `field`. */
static size_t
member_field(struct member_screen *ms, int field)
{
	return (size_t)ui_record_form_index(&ms->rf, field);
}

/* Where the ID was issued, in at most room columns: the region's path
 * from the province down, without its top levels while it does not fit
 * (the county is what tells people apart; "临夏回族自治州 临夏县" rather
 * than "甘肃省 临夏回族自治州" cut before the county). Caller frees. */
static char *
member_where(const struct region *r, int room)
{
	const struct region *chain[8];
	struct strbuf sb = {0};
	size_t n = 0;

	for (; r && n < FD_ARRAY_LEN(chain); r = r->parent)
		chain[n++] = r; /* chain[0] the most specific */
	for (size_t top = n; top > 0; top--) {
		strbuf_free(&sb);
		for (size_t k = top; k > 0; k--) {
			strbuf_adds(&sb, chain[k - 1]->name);
			if (k > 1)
				strbuf_adds(&sb, " ");
		}
		if (utf8_width(sb.buf) <= room)
			break;
	}
	return sb.len ? strbuf_take(&sb) : xstrdup("");
}

/* Fill what the valid ID id gives: sex, birth date, and the note next to
 * the ID (sex, birth date, age, region of issue; or the warning that the
 * region is unknown). */
static void
member_fill(struct member_screen *ms, const struct idcard *id,
	    const char *today)
{
	struct ui_field *fld = &ms->rf.fields[member_field(ms, MEM_ID_NUMBER)];
	char sex[2] = {(char)('0' + id->sex), '\0'};
	char age[8];
	const struct region *r = region_of_id(id->number);
	char *note;

	snprintf(age, sizeof(age), "%d", idcard_age(id->birth, today));
	ui_record_form_set(&ms->rf, member_field(ms, MEM_SEX), sex);
	ui_record_form_set(&ms->rf, member_field(ms, MEM_BIRTH), id->birth);
	if (region_find(id->region)) {
		const char *args[] = {ui_code_label("sex", sex), id->birth, age,
				      ""};
		char *bare = msg_format(tr(MSG_MEM_ID_NOTE), 4, args);
		int room = ui_form_message_cols(&ms->rf.form, member_field(
						     ms, MEM_ID_NUMBER)) -
			   utf8_width(bare);
		char *where = member_where(r, room);

		args[3] = where;
		note = msg_format(tr(MSG_MEM_ID_NOTE), 4, args);
		free(where);
		free(bare);
	} else {
		/* An abolished code lives on in old numbers: a warning
		 * here, never a refusal. */
		note = trf(MSG_RULE_ID_REGION, id->region, NULL);
	}
	fld->note[0] = '\0';
	ui_form_note(&ms->rf.form, member_field(ms, MEM_ID_NUMBER), note);
	free(note);
	fd_strlcpy(ms->derived_id, id->number, sizeof(ms->derived_id));
}

/* Clear what an ID gave (sex, birth date, the note): the ID in the field
 * gives nothing, or nothing that may be used. */
static void
member_underive(struct member_screen *ms)
{
	size_t fi = member_field(ms, MEM_ID_NUMBER);

	if (!*ms->derived_id && !ms->rf.fields[fi].note[0])
		return;
	ms->rf.fields[fi].note[0] = '\0';
	ui_record_form_set(&ms->rf, member_field(ms, MEM_SEX), "");
	ui_record_form_set(&ms->rf, member_field(ms, MEM_BIRTH), "");
	ms->derived_id[0] = '\0';
}

/* The household holding ID number `number` when it is not this member
 * (0 if none); *mid gets that member's id. */
static int64_t
member_elsewhere_id(struct member_screen *ms, const char *number,
		    int64_t *mid)
{
	int64_t hid = household_id_by_member(ui_db(), number, mid);

	if (hid && (hid != ms->h->hh->id || *mid != member_rec(ms)->id))
		return hid;
	return 0;
}

/* True if ID number `number` is registered to someone else. */
static bool
member_elsewhere(struct member_screen *ms, const char *number)
{
	int64_t mid = 0;

	return member_elsewhere_id(ms, number, &mid) != 0;
}

/* The ID field changed (a key typed or erased): keep what it gives in
 * step. A valid number fills sex, birth date and the note at once; any
 * other text clears them, so no sex, birth date, age or region stands
 * next to an ID it does not come from. Errors and the duplicate lookup
 * wait until the person leaves the field (member_check_id). */
static void
member_derive(struct member_screen *ms)
{
	size_t fi = member_field(ms, MEM_ID_NUMBER);
	char *typed = ui_form_value(&ms->rf.form, fi);
	struct idcard id;
	char today[11];

	idcard_today(today);
	if (idcard_parse(typed, today, &id) == IDCARD_OK &&
	    !member_elsewhere(ms, id.number)) {
		if (strcmp(id.number, ms->derived_id) != 0)
			member_fill(ms, &id, today);
	} else {
		member_underive(ms);
	}
	free(typed);
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

		member_underive(ms);
		ui_form_error(&ms->rf.form, (size_t)fi, m);
		ui_error("%s", m);
		free(m);
		goto out;
	}
	if (strcmp(id.number, typed) != 0) /* x -> X, 15 -> 18 digits */
		ui_record_form_set(&ms->rf, (size_t)fi, id.number);
	hid = member_elsewhere_id(ms, id.number, &mid);
	if (hid) {
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
		member_underive(ms);
		m = trf(MSG_RULE_DUP_ID, id.number, hh);
		ui_form_error(&ms->rf.form, (size_t)fi, m);
		ms->other = hid;
		q = trf(MSG_HH_OPEN_OTHER, m, NULL);
		ui_confirm(q, MEMBER_TAG_OPEN_OTHER);
		free(q);
		free(m);
		goto out;
	}
	member_fill(ms, &id, today);
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
	const char *said = NULL;

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
		if (first)
			said = is->v[i].text;
		first = false;
	}
	if (said) /* where the cursor is: the whole text */
		ui_error("%s", said);
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
	/* What is stored came from the stored ID (or was checked against
	 * it at save). */
	fd_strlcpy(ms->derived_id, member_rec(ms)->v[MEM_ID_NUMBER],
		   sizeof(ms->derived_id));
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
	ui_status("%s", tr(ms->added ? MSG_MEM_APPLIED : MSG_MEM_CHANGES_KEPT));
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
	if (ms->rf.form.focus == (size_t)id_field &&
	    (act == ACT_CHAR || act == ACT_ERASE || act == ACT_DELETE))
		member_derive(ms);
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
