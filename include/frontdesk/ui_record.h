/*
 * A form over a record (record.h), one field per entity field: see
 * src/ui_record.c. Used by the household and member screens; any later
 * entity with a field table gets its form the same way.
 */
#ifndef FRONTDESK_UI_RECORD_H
#define FRONTDESK_UI_RECORD_H

#include "frontdesk/record.h"
#include "frontdesk/ui.h"

struct ui_record_choices;

struct ui_record_form {
	const struct entity *ent;
	struct ui_form form;     /* draw and drive it with ui_form_* */
	struct ui_field *fields;
	struct ui_record_choices *choices;
	size_t *map;             /* form field -> entity field */
};

/* Build the form of ent's fields on page (or every field: page -1). */
void
ui_record_form_init(struct ui_record_form *rf, const struct entity *ent,
		    int page);
/* Put the record's values in the form and take them as saved. */
void
ui_record_form_fill(struct ui_record_form *rf, const struct record *r);
/* Set form field i to value (not marking it saved). */
void
ui_record_form_set(struct ui_record_form *rf, size_t i, const char *value);
/* Copy the form's values into the record. */
void
ui_record_form_read(const struct ui_record_form *rf, struct record *r);
/* The form index of entity field `field`, or -1 if not on this form. */
int
ui_record_form_index(const struct ui_record_form *rf, int field);
void
ui_record_form_free(struct ui_record_form *rf);
/* The label of code in code list `list`, or the code itself. */
const char *
ui_code_label(const char *list, const char *code);

#endif
