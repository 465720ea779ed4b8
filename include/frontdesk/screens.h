/*
 * Every screen of the program, one file each under screens/. Adding a
 * screen: write screens/NAME.c exporting `const struct screen_ops
 * screen_NAME`, declare it here and list it in ui_screens[] (src/ui_keys.c)
 * so that [keys.NAME] in the config is recognised.
 */
#ifndef FRONTDESK_SCREENS_H
#define FRONTDESK_SCREENS_H

#include "frontdesk/ui.h"

extern const struct screen_ops screen_menu;
extern const struct screen_ops screen_help;
extern const struct screen_ops screen_staff;
extern const struct screen_ops screen_staff_form;
extern const struct screen_ops screen_audit;
extern const struct screen_ops screen_check;
extern const struct screen_ops screen_pick;
extern const struct screen_ops screen_confirm;

/* What ui_pick hands to the pick-list screen. */
struct pick_args {
	enum fd_msg title;
	const char *const *labels; /* NULL-ended */
	size_t current;
	const char *initial; /* first filter text, may be NULL */
};

/* What ui_confirm hands to the confirm screen. */
struct confirm_args {
	const char *question;
};

#endif
