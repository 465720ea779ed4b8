/*
 * A form over a record, built from its entity's field table: a text field
 * with the right mask and limits for text, ID numbers, dates and digits; a
 * pick list (F4) for code fields, built from the code lists so codes are
 * never typed from memory; a pick list of villages (narrowed by county,
 * township and village name as you type) for regions; several-of for
 * multi-code fields; derived fields (sex, birth date from the ID) read-only.
 *
 * The form holds strings only; ui_record_form_read puts them back into a
 * record, and checks happen in the core (household_check), whose findings
 * come back here as errors next to the fields.
 */
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/i18n.h"
#include "frontdesk/ui.h"
#include "frontdesk/ui_record.h"
#include "frontdesk/util.h"

/* The choices of one field: values and labels, NULL-ended, owned. */
struct ui_record_choices {
	char **values;
	char **labels;
	size_t n;
};

/* Append one choice. */
static void
ui_record_choice_add(struct ui_record_choices *c, const char *value,
		     const char *label)
{
	c->values = xrealloc(c->values, (c->n + 2) * sizeof(*c->values));
	c->labels = xrealloc(c->labels, (c->n + 2) * sizeof(*c->labels));
	c->values[c->n] = xstrdup(value);
	c->labels[c->n] = xstrdup(label);
	c->n++;
	c->values[c->n] = NULL;
	c->labels[c->n] = NULL;
}

/* "临夏县 土桥镇 王家村": the region's path from the county down. */
static char *
ui_record_region_label(const struct region *r)
{
	const struct region *chain[5];
	struct strbuf sb = {0};
	int n = 0;

	for (; r && n < 5; r = r->parent)
		if (r->level >= REGION_COUNTY)
			chain[n++] = r;
	while (n-- > 0) {
		strbuf_adds(&sb, chain[n]->name);
		if (n)
			strbuf_adds(&sb, " ");
	}
	return strbuf_take(&sb);
}

/* Build the choices of a code, bool or region field. */
static void
ui_record_choices_build(struct ui_record_choices *c,
			const struct field_def *fd)
{
	/* Empty first, required or not: nothing is chosen for the person;
	 * a required field left empty is refused at save. */
	if (fd->kind != FIELD_CODES)
		ui_record_choice_add(c, "", tr(MSG_FIELD_EMPTY));
	if (fd->kind == FIELD_BOOL) {
		ui_record_choice_add(c, "1", tr(MSG_YES));
		ui_record_choice_add(c, "0", tr(MSG_NO));
	} else if (fd->kind == FIELD_REGION) {
		size_t n = 0;
		const struct region **v = region_search(REGION_VILLAGE, "", &n);

		for (size_t i = 0; i < n; i++) {
			char *label = ui_record_region_label(v[i]);

			ui_record_choice_add(c, v[i]->code, label);
			free(label);
		}
		free(v);
	} else {
		const struct code_list *cl = codes_list(fd->codes);

		for (size_t i = 0; cl && i < cl->n; i++)
			ui_record_choice_add(c, cl->items[i].code,
					     code_item_label(&cl->items[i]));
	}
	if (!c->values) /* an empty list still needs its terminator */
		ui_record_choice_add(c, "", tr(MSG_FIELD_EMPTY));
}

/* The columns a field takes on screen. */
static int
ui_record_cols(const struct field_def *fd)
{
	switch (fd->kind) {
	case FIELD_ID:
		return 19;
	case FIELD_DATE:
		return 11;
	case FIELD_YEAR:
		return 5;
	case FIELD_PHONE:
		return 14;
	case FIELD_MONEY:
	case FIELD_INT:
		/* every character and the cursor after it: a field narrower
		 * than its longest value scrolls, and once left shows a cut
		 * amount with no sign of the rest */
		return fd->max_chars >= 12 ? fd->max_chars + 1 : 12;
	case FIELD_BOOL:
		return 6;
	case FIELD_CODE:
		return 24;
	case FIELD_CODES:
	case FIELD_REGION:
		return 30;
	case FIELD_DIGITS:
		return fd->max_chars > 0 && fd->max_chars < 30 ? fd->max_chars + 1
							       : 31;
	case FIELD_TEXT:
		break;
	}
	return fd->max_chars > 0 && fd->max_chars * 2 < 30 ? fd->max_chars * 2 + 1
							   : 31;
}

/* Set up form field fld for entity field fd. */
static void
ui_record_field_init(struct ui_field *fld, struct ui_record_choices *c,
		     const struct field_def *fd)
{
	enum fieldedit_mask mask = FIELDEDIT_TEXT;
	int cols = ui_record_cols(fd);

	switch (fd->kind) {
	case FIELD_CODE:
	case FIELD_BOOL:
	case FIELD_REGION:
		ui_record_choices_build(c, fd);
		ui_field_choice(fld, fd->label, (const char *const *)c->values,
				(const char *const *)c->labels, cols);
		break;
	case FIELD_CODES:
		ui_record_choices_build(c, fd);
		ui_field_multi(fld, fd->label, (const char *const *)c->values,
			       (const char *const *)c->labels, cols);
		break;
	case FIELD_ID:
		ui_field_text(fld, fd->label, FIELDEDIT_ID, 18, 0, cols);
		break;
	case FIELD_DATE:
		ui_field_text(fld, fd->label, FIELDEDIT_DATE, 10, 0, cols);
		break;
	case FIELD_YEAR:
		ui_field_text(fld, fd->label, FIELDEDIT_DIGITS, 4, 0, cols);
		break;
	case FIELD_DIGITS:
	case FIELD_PHONE:
	case FIELD_INT:
		mask = FIELDEDIT_DIGITS;
		/* fall through */
	case FIELD_MONEY:
	case FIELD_TEXT:
		ui_field_text(fld, fd->label, mask,
			      fd->max_chars > 0 ? (size_t)fd->max_chars : 0, 0,
			      cols);
		break;
	}
	fld->readonly = fd->derived;
}

void
ui_record_form_init(struct ui_record_form *rf, const struct entity *ent,
		    int page)
{
	memset(rf, 0, sizeof(*rf));
	rf->ent = ent;
	rf->fields = xcalloc(ent->n, sizeof(*rf->fields));
	rf->choices = xcalloc(ent->n, sizeof(*rf->choices));
	rf->map = xcalloc(ent->n, sizeof(*rf->map));
	for (size_t i = 0; i < ent->n; i++) {
		const struct field_def *fd = &ent->fields[i];

		if (page >= 0 && fd->page != page)
			continue;
		rf->map[rf->form.n] = i;
		ui_record_field_init(&rf->fields[rf->form.n],
				     &rf->choices[rf->form.n], fd);
		rf->form.n++;
	}
	rf->form.fields = rf->fields;
	ui_form_layout(&rf->form);
}

void
ui_record_form_set(struct ui_record_form *rf, size_t i, const char *value)
{
	struct ui_field *fld = &rf->fields[i];

	if (fld->picked)
		ui_field_pick_values(fld, value);
	else if (fld->choices)
		ui_field_choose(fld, value);
	else if (fieldedit_set_utf8(&fld->fe, value) != 0) {
		/* Stored text the field's mask refuses (an imported bad date):
		 * show it as it is, in a plain text field, rather than lose
		 * it; the save check says what is wrong with it. */
		fieldedit_free(&fld->fe);
		fieldedit_init(&fld->fe, FIELDEDIT_TEXT, 0, 0);
		fieldedit_set_utf8(&fld->fe, value);
	}
}

void
ui_record_form_fill(struct ui_record_form *rf, const struct record *r)
{
	for (size_t i = 0; i < rf->form.n; i++)
		ui_record_form_set(rf, i, r->v[rf->map[i]]);
	ui_form_mark_clean(&rf->form);
}

void
ui_record_form_read(const struct ui_record_form *rf, struct record *r)
{
	for (size_t i = 0; i < rf->form.n; i++) {
		char *v = ui_form_value(&rf->form, i);

		record_set(r, rf->map[i], v);
		free(v);
	}
}

int
ui_record_form_index(const struct ui_record_form *rf, int field)
{
	for (size_t i = 0; i < rf->form.n; i++)
		if ((int)rf->map[i] == field)
			return (int)i;
	return -1;
}

void
ui_record_form_free(struct ui_record_form *rf)
{
	ui_form_free(&rf->form);
	for (size_t i = 0; rf->choices && i < rf->ent->n; i++) {
		for (size_t k = 0; k < rf->choices[i].n; k++) {
			free(rf->choices[i].values[k]);
			free(rf->choices[i].labels[k]);
		}
		free(rf->choices[i].values);
		free(rf->choices[i].labels);
	}
	free(rf->choices);
	free(rf->fields);
	free(rf->map);
	memset(rf, 0, sizeof(*rf));
}

const char *
ui_code_label(const char *list, const char *code)
{
	const char *label = codes_label(list, code);

	return label ? label : code;
}
