/*
 * Message catalogs: the text of every enum fd_msg id in one language.
 *
 * A catalog is UTF-8 text, one "ID = text" per line; "#" comment lines and
 * blank lines are ignored; whitespace around "=" and at both ends of a line
 * is trimmed; in the text, \n is a newline and \\ a backslash. ID is a name
 * from FD_MSG_LIST without the MSG_ prefix, and every id must appear exactly
 * once. A leading UTF-8 byte-order mark is skipped. Control characters in a
 * text are refused (the UI draws these strings as they are).
 *
 * One catalog is loaded at a time, process-wide; tr() reads it.
 */
#ifndef FRONTDESK_I18N_H
#define FRONTDESK_I18N_H

#include <stddef.h>

#include "frontdesk/msg.h"
#include "frontdesk/status.h"

/* Load the catalog of language lang ("zh", "en") from the embedded assets,
 * or the file at path when path is non-NULL (lang is then not used). Every
 * id must be present exactly once; an unknown id, a duplicate, a missing id,
 * invalid UTF-8 or a malformed line is FD_E_PARSE naming FILE:LINE (or the
 * missing ids); an unreadable file is FD_E_IO; a language without an
 * embedded catalog is FD_E_NOTFOUND. A successful load replaces the current
 * catalog; a failed one keeps it. */
enum fd_status
i18n_load(const char *lang, const char *path, struct fd_err *err);

/* Same, from len bytes at data (need not be NUL-terminated); name stands for
 * the file in messages. */
enum fd_status
i18n_load_buffer(const char *name, const char *data, size_t len,
    struct fd_err *err);

/* The text of id in the loaded catalog; never NULL. Before any load (or
 * after i18n_free) it is the id's name, e.g. "MENU_TITLE". The string stays
 * valid until the next successful load or i18n_free. */
const char *
tr(enum fd_msg id);

/* Languages with an embedded catalog ("en", "zh", ...), NULL-terminated.
 * Static storage; do not free. */
const char *const *
i18n_languages(void);

/* Drop the loaded catalog; tr() returns id names again. */
void
i18n_free(void);

#endif
