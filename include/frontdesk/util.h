/*
 * Small helpers shared by the whole program: allocation that aborts only on
 * out-of-memory, string duplication, a growable string buffer.
 */
#ifndef FRONTDESK_UTIL_H
#define FRONTDESK_UTIL_H

#include <stdarg.h>
#include <stddef.h>

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

#endif
