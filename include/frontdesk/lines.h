/*
 * Reading the line-based asset files (code lists, regions, curriculum,
 * holidays): UTF-8 text, a BOM skipped, CRLF accepted, blank lines and
 * lines starting with # skipped, fields separated by |. Errors name the
 * file and the line, as every loader's do.
 */
#ifndef FRONTDESK_LINES_H
#define FRONTDESK_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/status.h"

struct lines_reader {
	const char *file; /* for messages */
	const char *data; /* not owned */
	size_t len;
	size_t pos;
	int line; /* of the line last returned */
};

/* Whitespace trimmed around lines and fields. */
bool
lines_is_blank(int c);
/* Whether the len bytes at s (valid UTF-8) hold a control character (C0,
 * DEL, C1). */
bool
lines_has_control(const char *s, size_t len);
/* The next line that is neither blank nor a comment into [*s, *e),
 * trimmed. Returns 1 for a line, 0 at the end, -1 on an error (NUL byte,
 * invalid UTF-8) with err filled as "FILE:LINE: ...". */
int
lines_next(struct lines_reader *r, const char **s, const char **e,
	   struct fd_err *err);
/* Split [s, e) at | into trimmed fields (at most max kept in fb/fe);
 * returns the number of fields there are. */
size_t
lines_split(const char *s, const char *e, const char *fb[], const char *fe[],
	    size_t max);

/* The text of an asset file: the file at path when path is set (at most
 * max bytes; *owned is then the copy the caller frees), else the embedded
 * asset called name. */
enum fd_status
lines_source(const char *path, const char *name, size_t max,
	     const char **data, size_t *len, char **owned, struct fd_err *err);

#endif
