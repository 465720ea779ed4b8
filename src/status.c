/*
 * The status message table, generated from FD_STATUS_LIST, and fd_fail,
 * the one-line way to fill a caller's error buffer and return.
 */
#include <stdarg.h>
#include <stdio.h>

#include "frontdesk/status.h"

static const char *const status_text[] = {
#define FD_STATUS_TEXT(name, text) [name] = text,
	FD_STATUS_LIST(FD_STATUS_TEXT)
#undef FD_STATUS_TEXT
};

const char *
fd_status_str(enum fd_status st)
{
	if ((size_t)st >= sizeof(status_text) / sizeof(status_text[0]) ||
	    !status_text[st])
		return "unknown status";
	return status_text[st];
}

enum fd_status
fd_fail(struct fd_err *err, enum fd_status st, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return st;
}
