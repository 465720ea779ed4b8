/*
 * Catalog texts with arguments. A text carries {1}..{9} where arguments go;
 * the catalogs are data that the base may edit, so they are never used as
 * printf formats.
 */
#ifndef FRONTDESK_MSGFMT_H
#define FRONTDESK_MSGFMT_H

#include <stddef.h>

#include "frontdesk/msg.h"

/* tmpl with {k} replaced by args[k-1] ("" past n; "{" and "}" elsewhere
 * kept as they are). Caller frees. */
char *
msg_format(const char *tmpl, size_t n, const char *const *args);

/* The catalog text of id with {1} = a1 and {2} = a2 (either may be NULL).
 * Caller frees. */
char *
trf(enum fd_msg id, const char *a1, const char *a2);

#endif
