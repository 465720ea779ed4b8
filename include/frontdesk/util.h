/*
 * Small helpers shared by the whole program: allocation that aborts only on
 * out-of-memory, string duplication, a growable string buffer, and the
 * "FILE:LINE: message" errors and whole-file reads of the parsers of
 * outside files (configuration, message catalogs).
 */
#ifndef FRONTDESK_UTIL_H
#define FRONTDESK_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/status.h"

#define FD_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* malloc/calloc/realloc that abort with a message on out-of-memory. */
void *
xmalloc(size_t n);
void *
xcalloc(size_t nmemb, size_t size);
void *
xrealloc(void *p, size_t n);
/* Duplicate s (NULL gives NULL). Caller frees. */
char *
xstrdup(const char *s);
/* Duplicate at most n bytes of s, always NUL-terminated. Caller frees. */
char *
xstrndup(const char *s, size_t n);
/* printf into a new string. Caller frees. */
char *
xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Copy src into dst of size n, always NUL-terminated, never splitting a
 * UTF-8 sequence. Returns the bytes copied. */
size_t
fd_strlcpy(char *dst, const char *src, size_t n);

/* A growable NUL-terminated byte buffer. Zero-initialise to start. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

void
strbuf_add(struct strbuf *sb, const char *s, size_t n);
void
strbuf_adds(struct strbuf *sb, const char *s);
void
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Release the buffer and zero the struct. */
void
strbuf_free(struct strbuf *sb);
/* Hand the string to the caller (never NULL) and zero the struct. Caller frees. */
char *
strbuf_take(struct strbuf *sb);

/* Fill err (may be NULL) with "FILE:LINE: message", or "FILE: message"
 * when line is 0, never splitting a UTF-8 sequence, and return st. */
enum fd_status
util_fail_at(struct fd_err *err, enum fd_status st, const char *file,
             int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* util_fail_at() with a va_list, for a module's own error wrapper. */
enum fd_status
util_vfail_at(struct fd_err *err, enum fd_status st, const char *file,
              int line, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

/* Copy at most max bytes of s[0..n) into out (outsz >= max + 4) to quote
 * in a message: whole UTF-8 sequences only, control characters (C0, DEL,
 * C1) and invalid bytes as '?', "..." when cut. */
void
util_excerpt(char *out, size_t outsz, const char *s, size_t n, size_t max);

/* Read the whole regular file at path into *data (NUL-terminated, *len
 * bytes without the NUL). Opens with O_NONBLOCK, so a FIFO is refused
 * instead of hanging. Fails with FD_E_IO ("PATH: cannot open: ...", "PATH:
 * not a regular file", "PATH: cannot read: ...") or, past max_bytes, with
 * FD_E_PARSE ("PATH: the file is over N KiB; is this the right file?",
 * N = max_bytes / 1024). On failure *data is NULL. Caller frees *data. */
enum fd_status
util_read_file(const char *path, size_t max_bytes, char **data, size_t *len,
               struct fd_err *err);

/* The environment variable that fixes today's date (YYYY-MM-DD) for the
 * whole program: end-to-end tests set it; a value that is not a real date
 * is ignored. */
/* Whether s is a real date "YYYY-MM-DD" (leap years counted) of a year
 * from min_year to max_year; its parts into *y, *m, *d (any may be NULL). */
bool
util_date_parse(const char *s, int min_year, int max_year, int *y, int *m,
                int *d);
/* "YYYY-MM-DD" of y (0-9999), m, d into out, without printf. */
void
util_date_format(int y, int m, int d, char out[11]);

/* A code as staff type it ("  qa-04 ") as it is kept ("QA-04"): blanks
 * (ASCII and the ideographic space U+3000) cut from both ends, ASCII
 * letters upper-cased, anything else as it is. False when a blank is left
 * inside ("QA 04"), which a code cannot hold. *out gets the normalised
 * text either way. Caller frees *out. */
bool
util_code_normalise(const char *in, char **out);

#define UTIL_TODAY_ENV "FRONTDESK_TODAY"

/* Today's date "YYYY-MM-DD" in local time into buf[11] ($FRONTDESK_TODAY
 * when set to a real date). Every part of the program asks here. */
void
util_today(char buf[11]);

#endif
