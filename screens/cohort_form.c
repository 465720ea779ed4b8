/*
 * The new-cohort form: code, track, start date, weekdays, daily slots,
 * room, instructor, capacity, and whether each module starts a new slot.
 * F2 saves (cohort_create), and so does Enter on the last field; the form
 * then gives way to the new cohort's detail, which shows its timetable.
 *
 * Track, room and instructor are picked, never typed: F4 or any printable
 * key opens their list (narrowed by that key). The room and instructor
 * lists end with an item that adds a new one (the resource form), and F6
 * on either field opens that form directly; the record added is chosen at
 * once. The chosen room's seats are shown next to the capacity. Until then such a field holds the empty choice (index 0), which
 * its own list does not show.
 *
 * While the person types, a preview under the fields says how many
 * sessions the timetable will have and its first and last day
 * (schedule_generate over the same inputs cohort_create will use), and
 * warns when it runs into a year whose holidays are only projected or not
 * loaded. What the checks here can see is marked next to its field with
 * the cursor on it; what only the database knows (a room or an instructor
 * already booked, naming the collision; a code in use) comes back on the
 * status line and on a line under the form. Nothing typed is lost: the
 * input is kept as a draft (draft.h, one per login) whenever it differs
 * from the empty form, and offered back the next time this login opens
 * the form; saving or dropping it on purpose forgets it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/cohort.h"
#include "frontdesk/db.h"
#include "frontdesk/draft.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/schedule.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/ui_train.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

enum {
	F_CODE,
	F_TRACK,
	F_START,
	F_WEEKDAYS,
	F_SLOTS,
	F_ROOM,
	F_INSTRUCTOR,
	F_CAPACITY,
	F_NEW_SLOT,
	F__COUNT
};

/* Tags of the lists this form opens itself (pick results of the other
 * choice fields come back tagged with their field index). */
#define CF_TAG_PICK 100 /* + field index */
#define CF_TAG_ADD 200  /* + field index */
#define CF_TAG_DRAFT 300
#define CF_TAG_WARNED 301 /* "save anyway?" after the warnings */

/* The draft of a new cohort: one per login. */
#define CF_DRAFT_ENTITY "cohort"
#define CF_DRAFT_KEY "new"

#define CF_CODE_MAX 20
#define CF_CAPACITY_MAX 999
/* A slot shorter than this, or a day longer, is likely a typing mistake
 * (09:00-09:30 for 09:00-12:30): the form asks before it saves. */
#define CF_SLOT_MIN_MINUTES 60
#define CF_DAY_MAX_MINUTES 600

/* The choices of a picked field: values[0] = "" (nothing chosen yet). */
struct cf_choices {
	char **values;
	char **labels;
	int *capacity; /* rooms: seats, else 0 */
	int64_t *ids;
	size_t n; /* with the empty one */
};

struct cohort_form {
	struct ui_field fields[F__COUNT];
	struct ui_form form;
	struct cf_choices track, room, instructor;
	const char *flag_labels[3];
	char preview[256];
	char warning[256];
	char problem[512]; /* the last refusal from the database */
	bool warned_ok;    /* the person said save despite the warnings */
	char *baseline;    /* the input as the form opened (cf_text) */
	char *drafted;     /* the input last kept as a draft */
};

/* Names of the fields in a draft's text, by field index. */
static const char *const cf_names[F__COUNT] = {
	"code",	      "track",	    "start",	"weekdays", "slots",
	"room",	      "instructor", "capacity", "new_slot"};

static const char *const cf_flag_values[] = {"0", "1", NULL};

static const enum action cohort_form_keys[] = {
	ACT_HELP, ACT_SAVE, ACT_BACK, ACT_PROMPT, ACT_NEW, ACT_NEXT, ACT_NONE};

/* The other keys that act here, for F1 (moving and editing). */
static const enum action cohort_form_help_keys[] = {
	ACT_PREV, ACT_ENTER, ACT_MENU,  ACT_LEFT,   ACT_RIGHT,
	ACT_HOME, ACT_END,   ACT_ERASE, ACT_DELETE, ACT_NONE};

static const struct ui_key_text cohort_form_texts[] = {
	{ACT_NEW, MSG_COHORT_FORM_KEY_NEW, MSG_COHORT_FORM_HELP_NEW},
	{ACT_NONE, MSG__COUNT, MSG__COUNT}};

/* ---- choices ---- */

/* Free a choice table. */
static void
cf_choices_free(struct cf_choices *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->values[i]);
		free(c->labels[i]);
	}
	free(c->values);
	free(c->labels);
	free(c->capacity);
	free(c->ids);
	memset(c, 0, sizeof(*c));
}

/* Start a table of n choices after the empty one (arrays NULL-ended). */
static void
cf_choices_alloc(struct cf_choices *c, size_t n)
{
	cf_choices_free(c);
	c->n = n + 1;
	c->values = xcalloc(n + 2, sizeof(*c->values));
	c->labels = xcalloc(n + 2, sizeof(*c->labels));
	c->capacity = xcalloc(n + 1, sizeof(*c->capacity));
	c->ids = xcalloc(n + 1, sizeof(*c->ids));
	c->values[0] = xstrdup("");
	c->labels[0] = xstrdup("");
}

/* Point field fld at table c, keeping the chosen value if it is still
 * there, or choosing `want` when not NULL. The form is new: nothing is
 * chosen when it is filled (clean_choice 0). */
static void
cf_choices_bind(struct ui_field *fld, const struct cf_choices *c,
		const char *want)
{
	char *keep = xstrdup(want ? want
			     : fld->choices ? fld->choices[fld->choice] : "");

	fld->choices = (const char *const *)c->values;
	fld->choice_labels = (const char *const *)c->labels;
	fld->choice = 0;
	fld->clean_choice = 0;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->values[i], keep) == 0)
			fld->choice = i;
	free(keep);
}

/* The curriculum's tracks. */
static void
cf_load_tracks(struct cohort_form *f)
{
	size_t n = 0;
	const struct schedule_track *t = schedule_tracks(&n);

	cf_choices_alloc(&f->track, n);
	for (size_t i = 0; i < n; i++) {
		f->track.values[i + 1] = xstrdup(t[i].code);
		f->track.labels[i + 1] = xstrdup(schedule_track_label(&t[i]));
	}
}

/* The rooms or the instructors, from the database. */
static void
cf_load_resources(struct cohort_form *f, enum resource_kind kind)
{
	struct cf_choices *c = kind == RESOURCE_ROOM ? &f->room : &f->instructor;
	struct cohort_resource *v = NULL;
	size_t n = 0;
	struct fd_err err;
	enum fd_status st;

	if (kind == RESOURCE_ROOM)
		st = cohort_room_list(ui_db(), &v, &n, &err);
	else
		st = cohort_instructor_list(ui_db(), &v, &n, &err);
	if (st != FD_OK) {
		ui_error_status(st, &err);
		n = 0;
	}
	cf_choices_alloc(c, n);
	for (size_t i = 0; i < n; i++) {
		char seats[16];

		snprintf(seats, sizeof(seats), "%d", v[i].capacity);
		c->values[i + 1] = xstrdup(v[i].code);
		c->ids[i + 1] = v[i].id;
		c->capacity[i + 1] = v[i].capacity;
		if (kind == RESOURCE_ROOM && v[i].capacity > 0) {
			const char *args[] = {v[i].code, v[i].name, seats};

			c->labels[i + 1] =
				msg_format(tr(MSG_COHORT_FORM_ROOM_LABEL), 3, args);
		} else {
			c->labels[i + 1] = xasprintf("%s  %s", v[i].code, v[i].name);
		}
	}
	cohort_resources_free(v, n);
}

/* The table behind a picked field, or NULL. */
static struct cf_choices *
cf_table(struct cohort_form *f, size_t field)
{
	switch (field) {
	case F_TRACK:
		return &f->track;
	case F_ROOM:
		return &f->room;
	case F_INSTRUCTOR:
		return &f->instructor;
	default:
		return NULL;
	}
}

/* Open the list of a picked field (without the empty choice; rooms and
 * instructors end with "add one"), narrowed by initial. */
static void
cf_pick(struct cohort_form *f, size_t field, const char *initial)
{
	struct cf_choices *c = cf_table(f, field);
	const char **labels = xcalloc(c->n + 1, sizeof(*labels));
	size_t n = 0;
	size_t cur = f->fields[field].choice;

	for (size_t i = 1; i < c->n; i++)
		labels[n++] = c->labels[i];
	if (field == F_ROOM)
		labels[n++] = tr(MSG_COHORT_FORM_ADD_ROOM);
	else if (field == F_INSTRUCTOR)
		labels[n++] = tr(MSG_COHORT_FORM_ADD_INSTRUCTOR);
	if (n == 0) {
		ui_error("%s", tr(MSG_COHORT_FORM_NO_TRACKS));
		free(labels);
		return;
	}
	ui_pick(f->fields[field].label, labels, cur ? cur - 1 : 0,
		CF_TAG_PICK + (int)field, initial);
	free(labels);
}

/* Open the form that adds a room or an instructor. */
static void
cf_add(size_t field)
{
	static const enum resource_kind room = RESOURCE_ROOM;
	static const enum resource_kind instructor = RESOURCE_INSTRUCTOR;
	struct screen_args args = {.tag = CF_TAG_ADD + (int)field};

	if (!ui_train_may(COHORT_ACT_RESOURCE))
		return;
	args.data = field == F_ROOM ? &room : &instructor;
	ui_push(&screen_resource_form, &args);
}

/* ---- preview and checks ---- */

/* Parse the slots field; false (and err filled) if it is not right. */
static bool
cf_slots(struct cohort_form *f, struct schedule_slot *slots, size_t *n,
	 struct fd_err *err)
{
	char *text = ui_form_value(&f->form, F_SLOTS);
	bool ok = schedule_slots_parse(text, slots, SCHEDULE_SLOTS_MAX, n,
				       err) == FD_OK;

	free(text);
	return ok;
}

/* The weekdays typed, or 0. */
static unsigned
cf_weekdays(struct cohort_form *f, char **bad)
{
	char *text = ui_form_value(&f->form, F_WEEKDAYS);
	unsigned mask = schedule_weekdays_parse(text, bad);

	free(text);
	return mask;
}

/* Say what a year's holidays mean for a timetable, into out. */
static void
cf_year_warning(int projected, int unknown, char *out, size_t size)
{
	char year[16];
	char *m = NULL;

	out[0] = '\0';
	if (projected) {
		snprintf(year, sizeof(year), "%d", projected);
		m = trf(MSG_COHORT_FORM_PROJECTED, year, NULL);
	} else if (unknown) {
		snprintf(year, sizeof(year), "%d", unknown);
		m = trf(MSG_COHORT_FORM_UNKNOWN_YEAR, year, NULL);
	}
	if (m)
		fd_strlcpy(out, m, size);
	free(m);
}

/* The notes next to the fields: the start date's weekday, the weekdays
 * as read, the room's seats by the capacity, and on the room or
 * instructor field the keys that pick or add one. */
static void
cf_notes(struct cohort_form *f, int wd, unsigned mask)
{
	char *days;

	f->fields[F_START].note[0] = '\0';
	f->fields[F_WEEKDAYS].note[0] = '\0';
	f->fields[F_ROOM].note[0] = '\0';
	f->fields[F_INSTRUCTOR].note[0] = '\0';
	f->fields[F_CAPACITY].note[0] = '\0';
	if (f->room.capacity[f->fields[F_ROOM].choice] > 0) {
		char seats[16];
		char *m;

		snprintf(seats, sizeof(seats), "%d",
			 f->room.capacity[f->fields[F_ROOM].choice]);
		m = trf(MSG_COHORT_FORM_SEATS_NOTE, seats, NULL);
		fd_strlcpy(f->fields[F_CAPACITY].note, m,
			   sizeof(f->fields[F_CAPACITY].note));
		free(m);
	}
	if (f->form.focus == F_ROOM || f->form.focus == F_INSTRUCTOR) {
		const struct screen_ops *o = &screen_cohort_form;
		const char *k1 = ui_keys_first(o, ACT_PROMPT);
		const char *k2 = ui_keys_first(o, ACT_NEW);
		char *m = trf(MSG_COHORT_FORM_PICK_OR_ADD, k1 ? k1 : "-",
			      k2 ? k2 : "-");

		fd_strlcpy(f->fields[f->form.focus].note, m,
			   sizeof(f->fields[f->form.focus].note));
		free(m);
	}
	if (wd >= 0) {
		days = ui_train_weekdays_text(1u << wd);
		fd_strlcpy(f->fields[F_START].note, days,
			   sizeof(f->fields[F_START].note));
		free(days);
	}
	if (mask) {
		days = ui_train_weekdays_text(mask);
		fd_strlcpy(f->fields[F_WEEKDAYS].note, days,
			   sizeof(f->fields[F_WEEKDAYS].note));
		free(days);
	}
}

/* Compute the preview (sessions, first and last day) from the fields, and
 * the notes. */
static void
cf_preview(struct cohort_form *f)
{
	struct schedule_slot slots[SCHEDULE_SLOTS_MAX];
	struct schedule_timetable tt = {0};
	struct schedule_request req = {0};
	struct fd_err err;
	char *start = ui_form_value(&f->form, F_START);
	char *bad = NULL;
	unsigned mask = cf_weekdays(f, &bad);
	size_t nslots = 0;
	int wd = schedule_weekday(start);

	f->preview[0] = '\0';
	f->warning[0] = '\0';
	cf_notes(f, wd, mask);
	if (f->fields[F_TRACK].choice == 0 || wd < 0 || !mask ||
	    !cf_slots(f, slots, &nslots, &err)) {
		fd_strlcpy(f->preview, tr(MSG_COHORT_FORM_PREVIEW_WAIT),
			   sizeof(f->preview));
		goto out;
	}
	req.track = f->track.values[f->fields[F_TRACK].choice];
	req.start = start;
	req.weekdays = mask;
	req.slots = slots;
	req.nslots = nslots;
	req.flags = f->fields[F_NEW_SLOT].choice == 1 ? SCHEDULE_MODULE_NEW_SLOT
						       : 0;
	if (schedule_generate(&req, &tt, &err) != FD_OK) {
		fd_strlcpy(f->preview, err.msg, sizeof(f->preview));
	} else {
		char count[16], hours[16];
		const char *args[] = {count, tt.first, tt.last, hours};
		char *m;

		snprintf(count, sizeof(count), "%zu", tt.n);
		snprintf(hours, sizeof(hours), "%d", tt.minutes / 60);
		m = msg_format(tr(MSG_COHORT_FORM_PREVIEW), 4, args);
		fd_strlcpy(f->preview, m, sizeof(f->preview));
		free(m);
		cf_year_warning(tt.projected_year, tt.unknown_year, f->warning,
				sizeof(f->warning));
	}
	schedule_timetable_free(&tt);
out:
	free(bad);
	free(start);
}

/* Mark field i with msg and say it on the status line. */
static void
cf_refuse(struct cohort_form *f, size_t i, const char *msg)
{
	ui_form_error(&f->form, i, msg);
	ui_error("%s", msg);
}

/* The code field as it will be kept (trimmed, ASCII upper-cased), put
 * back into the field; false when a blank is left inside it. */
static bool
cf_code_normalise(struct cohort_form *f)
{
	struct ui_field *fld = &f->fields[F_CODE];
	char *text = ui_form_value(&f->form, F_CODE);
	char *norm = NULL;
	bool ok = util_code_normalise(text, &norm);

	if (strcmp(text, norm) != 0)
		fieldedit_set_utf8(&fld->fe, norm);
	free(text);
	free(norm);
	return ok;
}

/* What is wrong with field i as it stands, or NULL (a text field that is
 * still empty is not judged until F2). Caller frees. */
static char *
cf_field_problem(struct cohort_form *f, size_t i)
{
	struct schedule_slot slots[SCHEDULE_SLOTS_MAX];
	struct fd_err err;
	char *text = ui_form_value(&f->form, i);
	char *bad = NULL, *m = NULL;
	size_t nslots;
	unsigned mask;

	if (!text[0] && i != F_WEEKDAYS && i != F_SLOTS)
		goto out;
	switch (i) {
	case F_CODE:
		if (!cf_code_normalise(f))
			m = xstrdup(tr(MSG_COHORT_FORM_CODE_BLANK));
		break;
	case F_WEEKDAYS:
		mask = cf_weekdays(f, &bad);
		if (!mask)
			m = bad ? trf(MSG_COHORT_FORM_WEEKDAYS_BAD, bad, NULL)
				: xstrdup(tr(MSG_SCHED_NO_WEEKDAYS));
		break;
	case F_SLOTS:
		if (!cf_slots(f, slots, &nslots, &err))
			m = xstrdup(err.msg);
		break;
	case F_CAPACITY: {
		int cap = atoi(text);

		if (cap < 1 || cap > CF_CAPACITY_MAX) {
			char max[16];

			snprintf(max, sizeof(max), "%d", CF_CAPACITY_MAX);
			m = trf(MSG_COHORT_FORM_CAPACITY_BAD, max, NULL);
		}
		break;
	}
	default:
		break;
	}
out:
	free(bad);
	free(text);
	return m;
}

/* The cursor left field i: mark what is wrong with it there and then,
 * not only at F2 (ui_form's left hook). */
static void
cf_left(struct ui_form *form, size_t i, void *ctx)
{
	struct cohort_form *f = ctx;
	char *m = cf_field_problem(f, i);

	(void)form;
	if (m)
		fd_strlcpy(f->fields[i].error, m, sizeof(f->fields[i].error));
	free(m);
}

/* Add one warning to sb, joined to those before as the language joins
 * sentences (COHORT_FORM_WARN_JOIN: "；" or ". "). */
static void
cf_warn_add(struct strbuf *sb, const char *m)
{
	char *joined;

	if (!sb->len) {
		strbuf_adds(sb, m);
		return;
	}
	joined = trf(MSG_COHORT_FORM_WARN_JOIN, sb->buf, m);
	sb->len = 0;
	strbuf_adds(sb, joined);
	free(joined);
}

/* The warnings that ask before saving (not refusals: a short slot, a long
 * day, more trainees than the room seats may all be meant), joined into
 * out; false when there are none. */
static bool
cf_warnings(struct cohort_form *f, int capacity, char *out, size_t size)
{
	struct schedule_slot slots[SCHEDULE_SLOTS_MAX];
	struct strbuf sb = {0};
	struct fd_err err;
	size_t nslots = 0;
	int day = 0, seats = f->room.capacity[f->fields[F_ROOM].choice];
	char *m;

	if (cf_slots(f, slots, &nslots, &err)) {
		for (size_t k = 0; k < nslots; k++) {
			day += slots[k].end - slots[k].start;
			if (slots[k].end - slots[k].start < CF_SLOT_MIN_MINUTES) {
				char one[16];

				schedule_slots_format(&slots[k], 1, one,
						      sizeof(one));
				m = trf(MSG_COHORT_FORM_WARN_SHORT, one, NULL);
				cf_warn_add(&sb, m);
				free(m);
			}
		}
	}
	if (day > CF_DAY_MAX_MINUTES) {
		char hours[16];

		/* Hours as a number (11.5), not a clock (11:30), which
		 * reads as a time of day. */
		int cents = (day % 60 * 100 + 30) / 60;
		size_t e;

		snprintf(hours, sizeof(hours), "%d.%02d", day / 60, cents);
		for (e = strlen(hours); hours[e - 1] == '0'; e--)
			hours[e - 1] = '\0'; /* 11.50 -> 11.5, 11.00 -> 11. */
		if (hours[e - 1] == '.')
			hours[e - 1] = '\0';
		m = trf(MSG_COHORT_FORM_WARN_LONG_DAY, hours, NULL);
		cf_warn_add(&sb, m);
		free(m);
	}
	if (seats > 0 && capacity > seats) {
		char cap[16], n[16];
		const char *args[] = {cap, f->room.values[f->fields[F_ROOM].choice],
				      n};

		snprintf(cap, sizeof(cap), "%d", capacity);
		snprintf(n, sizeof(n), "%d", seats);
		m = msg_format(tr(MSG_COHORT_FORM_WARN_SEATS), 3, args);
		cf_warn_add(&sb, m);
		free(m);
	}
	fd_strlcpy(out, sb.buf ? sb.buf : "", size);
	strbuf_free(&sb);
	return out[0] != '\0';
}

/* Check what can be checked here; mark the first bad field. */
static bool
cf_valid(struct cohort_form *f, unsigned *mask, int *capacity)
{
	struct schedule_slot slots[SCHEDULE_SLOTS_MAX];
	struct fd_err err;
	char *code = ui_form_value(&f->form, F_CODE);
	char *start = ui_form_value(&f->form, F_START);
	char *cap = ui_form_value(&f->form, F_CAPACITY);
	char *bad = NULL, *m = NULL;
	size_t nslots;
	bool ok = false;

	ui_form_clear_errors(&f->form);
	*mask = cf_weekdays(f, &bad);
	*capacity = atoi(cap);
	if (!code[0] || !cf_code_normalise(f)) {
		cf_refuse(f, F_CODE, code[0] ? tr(MSG_COHORT_FORM_CODE_BLANK)
					      : tr(MSG_FIELD_REQUIRED));
	} else if (f->fields[F_TRACK].choice == 0) {
		cf_refuse(f, F_TRACK, tr(MSG_COHORT_FORM_PICK));
	} else if (schedule_weekday(start) < 0) {
		m = start[0] ? trf(MSG_FIELD_DATE_BAD, start, NULL)
			     : xstrdup(tr(MSG_FIELD_REQUIRED));
		cf_refuse(f, F_START, m);
	} else if (!*mask) {
		m = bad ? trf(MSG_COHORT_FORM_WEEKDAYS_BAD, bad, NULL)
			: xstrdup(tr(MSG_SCHED_NO_WEEKDAYS));
		cf_refuse(f, F_WEEKDAYS, m);
	} else if (!cf_slots(f, slots, &nslots, &err)) {
		cf_refuse(f, F_SLOTS, err.msg);
	} else if (f->fields[F_ROOM].choice == 0) {
		cf_refuse(f, F_ROOM, tr(MSG_COHORT_FORM_PICK));
	} else if (f->fields[F_INSTRUCTOR].choice == 0) {
		cf_refuse(f, F_INSTRUCTOR, tr(MSG_COHORT_FORM_PICK));
	} else if (*capacity < 1 || *capacity > CF_CAPACITY_MAX) {
		char max[16];

		snprintf(max, sizeof(max), "%d", CF_CAPACITY_MAX);
		m = trf(MSG_COHORT_FORM_CAPACITY_BAD, max, NULL);
		cf_refuse(f, F_CAPACITY, m);
	} else {
		ok = true;
	}
	free(m);
	free(bad);
	free(code);
	free(start);
	free(cap);
	return ok;
}

/* Put a refusal of cohort_create where the person can act on it. */
static void
cf_refused(struct cohort_form *f, enum fd_status st, const struct fd_err *err,
	   const char *code)
{
	char *m = NULL;

	switch (st) {
	case FD_E_EXISTS:
		m = trf(MSG_COHORT_FORM_CODE_EXISTS, code, NULL);
		cf_refuse(f, F_CODE, m);
		break;
	case FD_E_CONFLICT:
	case FD_E_INVALID:
	case FD_E_NOTFOUND:
		m = trf(MSG_COHORT_FORM_REFUSED, err->msg, NULL);
		fd_strlcpy(f->problem, m, sizeof(f->problem));
		ui_error("%s", m);
		break;
	default:
		ui_error_status(st, err);
		break;
	}
	free(m);
}

/* Say the cohort is made: its sessions, first and last day. */
static void
cf_saved(const char *code, int64_t id)
{
	struct cohort_info ci;
	struct fd_err err;
	char count[16];
	char *m;

	if (cohort_get(ui_db(), id, &ci, &err) != FD_OK) {
		m = trf(MSG_COHORT_FORM_SAVED, code, NULL);
	} else {
		const char *args[] = {code, count, ci.start, ci.end};

		snprintf(count, sizeof(count), "%d", ci.sessions);
		m = msg_format(tr(MSG_COHORT_FORM_SAVED_PREVIEW), 4, args);
	}
	ui_status("%s", m);
	free(m);
}

/* F2: check, create, and show the new cohort. */
static int
cf_save(struct screen *s)
{
	struct cohort_form *f = s->state;
	struct cohort_spec spec = {0};
	struct ui_result res = {.ok = true};
	struct screen_args args = {0};
	char *code = NULL;
	char *start = ui_form_value(&f->form, F_START);
	char *slots = ui_form_value(&f->form, F_SLOTS);
	char warn[512];
	struct fd_err err;
	enum fd_status st;
	int64_t id = 0;
	unsigned mask;
	int capacity;

	f->problem[0] = '\0';
	if (!cf_valid(f, &mask, &capacity))
		goto out;
	code = ui_form_value(&f->form, F_CODE); /* as normalised */
	if (!f->warned_ok && cf_warnings(f, capacity, warn, sizeof(warn))) {
		char *q = trf(MSG_COHORT_FORM_WARN_ASK, warn, NULL);

		ui_confirm(q, CF_TAG_WARNED);
		free(q);
		goto out;
	}
	f->warned_ok = false;
	spec.code = code;
	spec.track = f->track.values[f->fields[F_TRACK].choice];
	spec.start = start;
	spec.weekdays = mask;
	spec.slots = slots;
	spec.room_id = f->room.ids[f->fields[F_ROOM].choice];
	spec.instructor_id = f->instructor.ids[f->fields[F_INSTRUCTOR].choice];
	spec.capacity = capacity;
	spec.flags = f->fields[F_NEW_SLOT].choice == 1 ? SCHEDULE_MODULE_NEW_SLOT
							: 0;
	st = cohort_create(ui_db(), &spec, &id, &err);
	if (st != FD_OK) {
		cf_refused(f, st, &err, code);
		goto out;
	}
	cf_saved(code, id);
	draft_drop(ui_db(), CF_DRAFT_ENTITY, CF_DRAFT_KEY, &err);
	ui_form_mark_clean(&f->form);
	ui_pop(s, &res); /* s is gone from here on */
	args.data = &id;
	ui_push(&screen_cohort, &args);
out:
	free(code);
	free(start);
	free(slots);
	return UI_HANDLED | UI_REDRAW;
}

/* ---- drafts ---- */

/* The input as "name=value" lines (choices by value). Caller frees. */
static char *
cf_text(const struct cohort_form *f)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < F__COUNT; i++) {
		char *v = ui_form_value(&f->form, i);

		strbuf_addf(&sb, "%s=%s\n", cf_names[i], v);
		free(v);
	}
	return strbuf_take(&sb);
}

/* Put the values of a draft's text back into the fields. */
static void
cf_restore(struct cohort_form *f, const char *text)
{
	char *copy = xstrdup(text), *save = NULL;

	for (char *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');

		if (!eq)
			continue;
		*eq = '\0';
		for (size_t i = 0; i < F__COUNT; i++) {
			struct ui_field *fld = &f->fields[i];

			if (strcmp(line, cf_names[i]) != 0)
				continue;
			if (cf_table(f, i))
				cf_choices_bind(fld, cf_table(f, i), eq + 1);
			else if (fld->choices)
				ui_field_choose(fld, eq + 1);
			else
				fieldedit_set_utf8(&fld->fe, eq + 1);
		}
	}
	free(copy);
}

/* Offer the draft this login left, if any. */
static void
cf_offer_draft(void)
{
	char *text = NULL, *at = NULL;
	struct fd_err err;

	if (draft_get(ui_db(), CF_DRAFT_ENTITY, CF_DRAFT_KEY, &text, &at,
		      &err) == FD_OK &&
	    text) {
		char when[20];
		char *q;

		ui_local_time(at, when);
		q = trf(MSG_HH_DRAFT_ASK, when, NULL);
		ui_confirm(q, CF_TAG_DRAFT);
		free(q);
	}
	free(text);
	free(at);
}

/* The draft was accepted (ok) or declined. */
static void
cf_draft_answer(struct cohort_form *f, bool ok)
{
	char *text = NULL;
	struct fd_err err;

	if (!ok) {
		draft_drop(ui_db(), CF_DRAFT_ENTITY, CF_DRAFT_KEY, &err);
		return;
	}
	if (draft_get(ui_db(), CF_DRAFT_ENTITY, CF_DRAFT_KEY, &text, NULL,
		      &err) == FD_OK &&
	    text) {
		cf_restore(f, text);
		free(f->drafted);
		f->drafted = text;
		ui_status("%s", tr(MSG_HH_DRAFT_RESTORED));
	}
}

/* ---- the screen ---- */

static int
cohort_form_enter(struct screen *s, const struct screen_args *args)
{
	struct cohort_form *f = s->state;
	struct ui_field *fl = f->fields;

	(void)args;
	f->flag_labels[0] = tr(MSG_NO);
	f->flag_labels[1] = tr(MSG_YES);
	ui_field_text(&fl[F_CODE], MSG_COHORT_FORM_CODE, FIELDEDIT_TEXT,
		      CF_CODE_MAX, CF_CODE_MAX, CF_CODE_MAX + 1);
	ui_field_choice(&fl[F_TRACK], MSG_COHORT_FORM_TRACK, cf_flag_values,
			NULL, 24);
	ui_field_text(&fl[F_START], MSG_COHORT_FORM_START, FIELDEDIT_DATE, 0, 0,
		      11);
	ui_field_text(&fl[F_WEEKDAYS], MSG_COHORT_FORM_WEEKDAYS, FIELDEDIT_TEXT,
		      20, 0, 15);
	ui_field_text(&fl[F_SLOTS], MSG_COHORT_FORM_SLOTS, FIELDEDIT_TEXT, 60,
		      0, 24);
	ui_field_choice(&fl[F_ROOM], MSG_COHORT_FORM_ROOM, cf_flag_values, NULL,
			24);
	ui_field_choice(&fl[F_INSTRUCTOR], MSG_COHORT_FORM_INSTRUCTOR,
			cf_flag_values, NULL, 24);
	ui_field_text(&fl[F_CAPACITY], MSG_COHORT_FORM_CAPACITY,
		      FIELDEDIT_DIGITS, 3, 0, 4);
	ui_field_choice(&fl[F_NEW_SLOT], MSG_COHORT_FORM_NEW_SLOT,
			cf_flag_values, f->flag_labels, 4);
	fieldedit_set_utf8(&fl[F_WEEKDAYS].fe, tr(MSG_COHORT_FORM_WEEKDAYS_DEFAULT));
	fieldedit_set_utf8(&fl[F_SLOTS].fe, tr(MSG_COHORT_FORM_SLOTS_DEFAULT));
	cf_load_tracks(f);
	cf_load_resources(f, RESOURCE_ROOM);
	cf_load_resources(f, RESOURCE_INSTRUCTOR);
	cf_choices_bind(&fl[F_TRACK], &f->track, NULL);
	cf_choices_bind(&fl[F_ROOM], &f->room, NULL);
	cf_choices_bind(&fl[F_INSTRUCTOR], &f->instructor, NULL);
	f->form.fields = fl;
	f->form.n = F__COUNT;
	f->form.left = cf_left;
	f->form.ctx = f;
	f->form.spill_y = 2 + F__COUNT + 3; /* between warning and problem */
	ui_form_layout(&f->form);
	cf_preview(f);
	f->baseline = cf_text(f);
	f->drafted = xstrdup(f->baseline);
	if (f->track.n <= 1)
		ui_error("%s", tr(MSG_COHORT_FORM_NO_TRACKS));
	cf_offer_draft();
	return 0;
}

static void
cohort_form_leave(struct screen *s)
{
	struct cohort_form *f = s->state;
	struct fd_err err;

	if (s->dropped)
		draft_drop(ui_db(), CF_DRAFT_ENTITY, CF_DRAFT_KEY, &err);
	free(f->baseline);
	free(f->drafted);
	ui_form_free(&f->form);
	cf_choices_free(&f->track);
	cf_choices_free(&f->room);
	cf_choices_free(&f->instructor);
}

static void
cohort_form_draw(struct screen *s)
{
	struct cohort_form *f = s->state;
	int y = 2 + F__COUNT + 1;
	int cy, cx;

	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, tr(MSG_COHORT_FORM_HEAD));
	wattrset(s->win, A_NORMAL);
	ui_form_draw(s, &f->form, 2, F__COUNT);
	cy = s->cursor_y;
	cx = s->cursor_x;
	ui_text(s->win, y, 2, s->cols - 2, f->preview);
	wattrset(s->win, ui_attr(UI_STYLE_ERROR));
	ui_text(s->win, y + 1, 2, s->cols - 2, f->warning);
	ui_text(s->win, y + 3, 2, s->cols - 2, f->problem);
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	ui_text(s->win, s->rows - 1, 2, s->cols - 2, tr(MSG_COHORT_FORM_HINT));
	wattrset(s->win, A_NORMAL);
	s->cursor_y = cy;
	s->cursor_x = cx;
	wnoutrefresh(s->win);
}

static int
cohort_form_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct cohort_form *f = s->state;
	size_t focus = f->form.focus;
	int flags;

	if (act == ACT_SAVE)
		return cf_save(s);
	if (cf_table(f, focus) && (act == ACT_PROMPT || act == ACT_CHAR)) {
		char *initial = act == ACT_CHAR ? utf8_from_wcs(&ev->ch, 1) : NULL;

		cf_pick(f, focus, initial);
		free(initial);
		return UI_HANDLED;
	}
	if (act == ACT_NEW) {
		if (focus == F_ROOM || focus == F_INSTRUCTOR)
			cf_add(focus);
		else
			ui_status("%s", tr(MSG_COHORT_FORM_NEW_WHERE));
		return UI_HANDLED;
	}
	flags = ui_form_action(s, &f->form, act, ev);
	if (flags & UI_FORM_SUBMIT)
		return cf_save(s);
	if (act == ACT_CHAR || act == ACT_ERASE || act == ACT_DELETE) {
		f->problem[0] = '\0'; /* the input changed since the refusal */
		f->warned_ok = false;
	}
	cf_preview(f);
	return flags;
}

/* A room or instructor was added: list them again and choose it. */
static void
cf_added(struct cohort_form *f, size_t field, const struct ui_result *r)
{
	enum resource_kind kind = field == F_ROOM ? RESOURCE_ROOM
						  : RESOURCE_INSTRUCTOR;

	cf_load_resources(f, kind);
	cf_choices_bind(&f->fields[field], cf_table(f, field),
			r->ok ? r->value : NULL);
	if (r->ok && f->fields[field].choice) {
		f->fields[field].error[0] = '\0';
		f->problem[0] = '\0'; /* a new room or instructor: judge again */
		if (field == F_ROOM)
			f->form.focus = F_INSTRUCTOR;
		else
			f->form.focus = F_CAPACITY;
	}
}

static int
cohort_form_result(struct screen *s, const struct ui_result *r)
{
	struct cohort_form *f = s->state;
	int flags = UI_REDRAW;

	if (r->tag == CF_TAG_DRAFT) {
		cf_draft_answer(f, r->ok);
	} else if (r->tag == CF_TAG_WARNED) {
		if (r->ok) {
			/* cf_save closes this screen when it saves, and ui_pop
			 * must not touch it after result(): mark it for
			 * redrawing now (in case it stays) and say nothing. */
			f->warned_ok = true;
			ui_dirty(s);
			cf_save(s);
			return UI_HANDLED;
		}
	} else if (r->tag >= CF_TAG_ADD) {
		cf_added(f, (size_t)(r->tag - CF_TAG_ADD), r);
	} else if (r->tag >= CF_TAG_PICK) {
		size_t field = (size_t)(r->tag - CF_TAG_PICK);
		struct cf_choices *c = cf_table(f, field);

		if (r->ok && r->index + 1 >= c->n) {
			cf_add(field); /* the last item: add one */
		} else if (r->ok) {
			f->fields[field].choice = r->index + 1;
			f->fields[field].error[0] = '\0';
			f->form.focus = field + 1;
			f->problem[0] = '\0';
			f->warned_ok = false;
		}
	} else {
		flags = ui_form_result(s, &f->form, r);
	}
	cf_preview(f);
	return flags | UI_REDRAW;
}

static bool
cohort_form_typing(struct screen *s)
{
	struct cohort_form *f = s->state;

	return ui_form_typing(&f->form);
}

/* Does the input differ from the form as it opened (a draft restored
 * counts)? */
static bool
cohort_form_unsaved(struct screen *s)
{
	struct cohort_form *f = s->state;
	char *now = cf_text(f);
	bool differ = strcmp(now, f->baseline) != 0;

	free(now);
	return differ;
}

/* Keep a draft of unsaved input before waiting for the next key. */
static void
cohort_form_idle(struct screen *s)
{
	struct cohort_form *f = s->state;
	struct fd_err err;
	enum fd_status st;
	char *now;

	if (db_read_only(ui_db()))
		return; /* nothing can be saved, so nothing to keep */
	now = cf_text(f);
	if (strcmp(now, f->drafted) == 0) {
		free(now);
		return;
	}
	if (strcmp(now, f->baseline) == 0)
		st = draft_drop(ui_db(), CF_DRAFT_ENTITY, CF_DRAFT_KEY, &err);
	else
		st = draft_put(ui_db(), CF_DRAFT_ENTITY, CF_DRAFT_KEY, now, &err);
	if (st == FD_E_BUSY) {
		free(now); /* someone is saving: try again on the next pass */
		return;
	}
	if (st != FD_OK)
		ui_error_status(st, &err);
	free(f->drafted);
	f->drafted = now;
}

const struct screen_ops screen_cohort_form = {
	.name = "cohort_form",
	.title = MSG_COHORT_FORM_TITLE,
	.state_size = sizeof(struct cohort_form),
	.keys = cohort_form_keys,
	.key_texts = cohort_form_texts,
	.help_keys = cohort_form_help_keys,
	.enter = cohort_form_enter,
	.leave = cohort_form_leave,
	.draw = cohort_form_draw,
	.action = cohort_form_action,
	.result = cohort_form_result,
	.typing = cohort_form_typing,
	.unsaved = cohort_form_unsaved,
	.idle = cohort_form_idle,
};
