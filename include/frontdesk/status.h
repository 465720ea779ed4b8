/*
 * Status codes returned by every fallible core function.
 *
 * A function returns an enum fd_status; the details a person needs (which
 * file, which line, which field) go into the caller's struct fd_err.
 * The message table is generated from the one X-macro below.
 */
#ifndef FRONTDESK_STATUS_H
#define FRONTDESK_STATUS_H

#include <stddef.h>

#define FD_STATUS_LIST(X)                                                  \
	X(FD_OK, "ok")                                                     \
	X(FD_E_NOMEM, "out of memory")                                     \
	X(FD_E_IO, "input/output error")                                   \
	X(FD_E_NOTFOUND, "not found")                                      \
	X(FD_E_CONFIG, "bad configuration")                                \
	X(FD_E_PARSE, "cannot parse")                                      \
	X(FD_E_INVALID, "invalid value")                                   \
	X(FD_E_DB, "database error")                                       \
	X(FD_E_BUSY, "database busy")                                      \
	X(FD_E_TOO_NEW, "database is newer than this program")             \
	X(FD_E_READONLY, "read-only session")                              \
	X(FD_E_DENIED, "not allowed for this role")                        \
	X(FD_E_EXISTS, "already exists")                                   \
	X(FD_E_CONFLICT, "changed by someone else")                        \
	X(FD_E_CHECK, "check found problems")                              \
	X(FD_E_STOPPED, "stopped: a key was pressed")

enum fd_status {
#define FD_STATUS_ENUM(name, text) name,
	FD_STATUS_LIST(FD_STATUS_ENUM)
#undef FD_STATUS_ENUM
};

/* Details of a failure, filled by the function that failed. */
struct fd_err {
	char msg[512];
};

/* English text of a status code; never NULL. */
const char *
fd_status_str(enum fd_status st);

/* Format a message into err (printf-style) and return st, for one-line
 * error returns: return fd_fail(err, FD_E_INVALID, "line %d: ...", n); */
enum fd_status
fd_fail(struct fd_err *err, enum fd_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
