/*
 * Allocation helpers, a growable string buffer, and what the parsers of
 * outside files share: "FILE:LINE: message" errors, excerpts of bad input
 * safe to put in a message, and a bounded whole-file read. Out-of-memory
 * is the one condition that aborts: everything else is reported through
 * fd_status. Today's date comes from util_today() alone, so a test can fix
 * it (FRONTDESK_TODAY) for every part of the program at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

static void
oom(size_t n)
{
	fprintf(stderr, "frontdesk: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		oom(nmemb * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom(n);
	return q;
}

char *
xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return xstrdup("");
	sb.buf = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(sb.buf, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return sb.buf;
}

size_t
fd_strlcpy(char *dst, const char *src, size_t n)
{
	size_t len;

	if (n == 0)
		return 0;
	len = strlen(src);
	if (len >= n) {
		len = n - 1;
		/* Back off continuation bytes so no sequence is cut. */
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
	return len;
}

static void
strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->cap)
		return;
	sb->cap = sb->cap ? sb->cap : 64;
	while (sb->cap < need)
		sb->cap *= 2;
	sb->buf = xrealloc(sb->buf, sb->cap);
}

void
strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	strbuf_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void
strbuf_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

char *
strbuf_take(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

/* The message into a local buffer first, then the location before it. */
enum fd_status
util_vfail_at(struct fd_err *err, enum fd_status st, const char *file,
              int line, const char *fmt, va_list ap)
{
	char body[512];
	char whole[1024];

	if (!err)
		return st;
	vsnprintf(body, sizeof(body), fmt, ap);
	if (line > 0)
		snprintf(whole, sizeof(whole), "%s:%d: %s", file, line, body);
	else
		snprintf(whole, sizeof(whole), "%s: %s", file, body);
	fd_strlcpy(err->msg, whole, sizeof(err->msg));
	return st;
}

/* util_vfail_at() over the variable arguments. */
enum fd_status
util_fail_at(struct fd_err *err, enum fd_status st, const char *file,
             int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	st = util_vfail_at(err, st, file, line, fmt, ap);
	va_end(ap);
	return st;
}

/* Walk whole sequences; stop with "..." before the one that passes max. */
void
util_excerpt(char *out, size_t outsz, const char *s, size_t n, size_t max)
{
	size_t i = 0, o = 0;
	uint32_t cp;

	while (i < n) {
		int k = utf8_decode(s + i, n - i, &cp);
		size_t step = k > 0 ? (size_t)k : 1;
		int ctl = k <= 0 || cp < 0x20 || cp == 0x7F ||
		          (cp >= 0x80 && cp <= 0x9F);

		if (i + step > max || o + step + 4 > outsz) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (ctl) {
			out[o++] = '?';
		} else {
			memcpy(out + o, s + i, step);
			o += step;
		}
		i += step;
	}
	out[o] = '\0';
}

/* Read in chunks, checking the size as it grows (fstat may lie, as for
 * files under /proc). */
enum fd_status
util_read_file(const char *path, size_t max_bytes, char **data, size_t *len,
               struct fd_err *err)
{
	struct strbuf sb = {0};
	struct stat sbuf;
	char chunk[4096];
	int fd;
	enum fd_status st = FD_OK;

	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: a FIFO must not hang start-up; no effect on files. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return util_fail_at(err, FD_E_IO, path, 0, "cannot open: %s",
		                    strerror(errno));
	if (fstat(fd, &sbuf) != 0 || !S_ISREG(sbuf.st_mode)) {
		st = util_fail_at(err, FD_E_IO, path, 0, "not a regular file");
		goto out;
	}
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof(chunk));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			st = util_fail_at(err, FD_E_IO, path, 0,
			                  "cannot read: %s", strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		strbuf_add(&sb, chunk, (size_t)r);
		if (sb.len > max_bytes) {
			st = util_fail_at(
			    err, FD_E_PARSE, path, 0,
			    "the file is over %zu KiB; is this the right file?",
			    max_bytes / 1024);
			goto out;
		}
	}
	*len = sb.len;
	*data = strbuf_take(&sb);
out:
	strbuf_free(&sb);
	close(fd);
	return st;
}

/* A real date "YYYY-MM-DD" within the years given. */
bool
util_date_parse(const char *s, int min_year, int max_year, int *y, int *m,
                int *d)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
	                             31, 31, 30, 31, 30, 31};
	int yy, mm, dd, max;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	yy = atoi(s);
	mm = atoi(s + 5);
	dd = atoi(s + 8);
	if (yy < min_year || yy > max_year || mm < 1 || mm > 12)
		return false;
	max = days[mm - 1];
	if (mm == 2 && ((yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0))
		max = 29;
	if (dd < 1 || dd > max)
		return false;
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
	return true;
}

/* "YYYY-MM-DD" of a date's parts. */
void
util_date_format(int y, int m, int d, char out[11])
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10 % 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10 % 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* Today from $FRONTDESK_TODAY when it holds a real date, else the clock. */
void
util_today(char buf[11])
{
	const char *fixed = getenv(UTIL_TODAY_ENV);
	time_t now;
	struct tm tmv;

	if (fixed && util_date_parse(fixed, 1970, 9999, NULL, NULL, NULL)) {
		memcpy(buf, fixed, 11);
		return;
	}
	now = time(NULL);
	if (!localtime_r(&now, &tmv) ||
	    strftime(buf, 11, "%Y-%m-%d", &tmv) != 10)
		snprintf(buf, 11, "1970-01-01");
}

/* The length of the blank at s (a byte of " \t" or the three of U+3000),
 * 0 if s is not at a blank. */
static size_t
util_blank_len(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

/* Trim, upper-case ASCII, and say whether a blank is left inside. */
bool
util_code_normalise(const char *in, char **out)
{
	const char *start = in ? in : "", *end;
	size_t n;
	bool ok = true;
	char *s;

	while ((n = util_blank_len(start)) > 0)
		start += n;
	end = start + strlen(start);
	for (;;) {
		if (end - start >= 1 && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		else if (end - start >= 3 && util_blank_len(end - 3) == 3)
			end -= 3;
		else
			break;
	}
	s = xstrndup(start, (size_t)(end - start));
	for (char *p = s; *p; p++) {
		if (util_blank_len(p))
			ok = false;
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	}
	*out = s;
	return ok;
}
