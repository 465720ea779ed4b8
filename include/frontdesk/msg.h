/*
 * Every user-visible string of the program, by id. The texts live in one
 * catalog per language under assets/i18n/ (zh.txt, en.txt), one line per
 * id: "MENU_TITLE = 主菜单". Adding a string: add X(NAME) here and a line
 * to every catalog (a unit test fails until every catalog has every id).
 */
#ifndef FRONTDESK_MSG_H
#define FRONTDESK_MSG_H

#define FD_MSG_LIST(X)                                                     \
	X(APP_NAME)                                                        \
	X(MENU_TITLE)

enum fd_msg {
#define FD_MSG_ENUM(name) MSG_##name,
	FD_MSG_LIST(FD_MSG_ENUM)
#undef FD_MSG_ENUM
	MSG__COUNT
};

#endif
