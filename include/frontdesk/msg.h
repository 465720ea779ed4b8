/*
 * Every user-visible string of the program, by id. The texts live in one
 * catalog per language under assets/i18n/ (zh.txt, en.txt), one line per
 * id: "MENU_TITLE = 主菜单". Texts take
 * arguments as {1}, {2} (never printf formats: catalogs are data). Adding a string: add X(NAME) here and a line
 * to every catalog (a unit test fails until every catalog has every id).
 */
#ifndef FRONTDESK_MSG_H
#define FRONTDESK_MSG_H

#define FD_MSG_LIST(X) \
	X(APP_NAME) \
	X(MENU_TITLE) \
	X(MENU_HINT) \
	X(MENU_STAFF) \
	X(MENU_AUDIT) \
	X(MENU_CHECK) \
	X(KEY_HELP) \
	X(KEY_SAVE) \
	X(KEY_BACK) \
	X(KEY_PROMPT) \
	X(KEY_REFRESH) \
	X(KEY_NEW) \
	X(KEY_MENU) \
	X(KEY_NEXT) \
	X(KEY_PREV) \
	X(KEY_ENTER) \
	X(KEY_SEARCH) \
	X(KEY_PAGE_UP) \
	X(KEY_PAGE_DOWN) \
	X(KEY_LEFT) \
	X(KEY_RIGHT) \
	X(KEY_HOME) \
	X(KEY_END) \
	X(KEY_ERASE) \
	X(KEY_DELETE) \
	X(HELP_HELP) \
	X(HELP_SAVE) \
	X(HELP_BACK) \
	X(HELP_PROMPT) \
	X(HELP_REFRESH) \
	X(HELP_NEW) \
	X(HELP_MENU) \
	X(HELP_NEXT) \
	X(HELP_PREV) \
	X(HELP_ENTER) \
	X(HELP_SEARCH) \
	X(HELP_PAGE_UP) \
	X(HELP_PAGE_DOWN) \
	X(HELP_LEFT) \
	X(HELP_RIGHT) \
	X(HELP_HOME) \
	X(HELP_END) \
	X(HELP_ERASE) \
	X(HELP_DELETE) \
	X(HELP_TITLE) \
	X(HELP_INTRO) \
	X(HELP_COL_KEYS) \
	X(HELP_COL_ACTION) \
	X(HELP_COL_NAME) \
	X(HELP_REBIND) \
	X(READONLY_BANNER) \
	X(READONLY_STATUS) \
	X(READONLY_REFUSED) \
	X(TOO_SMALL) \
	X(TOO_SMALL_HINT) \
	X(ROLE_NONE) \
	X(ROLE_FRONTDESK) \
	X(ROLE_TRAINER) \
	X(ROLE_PLACEMENT) \
	X(ROLE_SUPERVISOR) \
	X(YES) \
	X(NO) \
	X(STAFF_TITLE) \
	X(STAFF_HEADER) \
	X(STAFF_NEW) \
	X(STAFF_EDIT) \
	X(STAFF_SAVED) \
	X(STAFF_ONLY_SUPERVISOR) \
	X(STAFF_HINT) \
	X(FIELD_LOGIN) \
	X(FIELD_NAME) \
	X(FIELD_ROLE) \
	X(FIELD_ACTIVE) \
	X(FIELD_REQUIRED) \
	X(FIELD_FULL) \
	X(FIELD_DIGITS) \
	X(FIELD_DATE) \
	X(FIELD_ID) \
	X(FIELD_BADCHAR) \
	X(FIELD_READONLY) \
	X(FIELD_PICK_HINT) \
	X(SAVE_NOTHING) \
	X(SAVE_FIX) \
	X(AUDIT_TITLE) \
	X(AUDIT_HEADER) \
	X(AUDIT_DETAIL_OLD) \
	X(AUDIT_DETAIL_NEW) \
	X(CHECK_TITLE) \
	X(CHECK_RUNNING) \
	X(CHECK_OK) \
	X(CHECK_PROBLEMS) \
	X(CHECK_HINT) \
	X(CONFIRM_TITLE) \
	X(CONFIRM_DROP) \
	X(CONFIRM_KEYS) \
	X(LIST_EMPTY) \
	X(LIST_NO_MATCH) \
	X(LIST_SEARCH) \
	X(LIST_COUNT) \
	X(PICK_TITLE) \
	X(DB_ERROR) \
	X(STAFF_BAD_LOGIN)

enum fd_msg {
#define FD_MSG_ENUM(name) MSG_##name,
	FD_MSG_LIST(FD_MSG_ENUM)
#undef FD_MSG_ENUM
	MSG__COUNT
};

#endif
