/*
 * The line reader shared by the asset loaders (codes.c, schedule.c): see
 * include/frontdesk/lines.h.
 */
#include <stdint.h>
#include <string.h>

#include "frontdesk/assets.h"
#include "frontdesk/lines.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

/* Whitespace trimmed around lines and fields. */
bool
lines_is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Whether the len bytes at s hold a control character (C0, DEL, C1);
 * s is valid UTF-8. */
bool
lines_has_control(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		int k = utf8_decode(s + i, len - i, &cp);

		if (k <= 0 || cp < 0x20 || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F))
			return true;
		i += (size_t)k;
	}
	return false;
}

/* The next line that is neither blank nor a comment into [*s, *e),
 * trimmed. Returns 1 for a line, 0 at the end, -1 on an error (NUL byte,
 * invalid UTF-8) with err filled. */
int
lines_next(struct lines_reader *r, const char **s, const char **e,
           struct fd_err *err)
{
	while (r->pos < r->len) {
		const char *b = r->data + r->pos;
		const char *nl = memchr(b, '\n', r->len - r->pos);
		const char *end = nl ? nl : r->data + r->len;
		size_t bad;

		r->pos = (size_t)(end - r->data) + (nl != NULL);
		r->line++;
		if (r->line == 1 && end - b >= 3 &&
		    memcmp(b, "\xEF\xBB\xBF", 3) == 0)
			b += 3;
		if (memchr(b, '\0', (size_t)(end - b))) {
			util_fail_at(err, FD_E_PARSE, r->file, r->line,
			             "the line holds a NUL byte; is this a "
			             "text file?");
			return -1;
		}
		bad = utf8_invalid_at(b, (size_t)(end - b));
		if (bad < (size_t)(end - b)) {
			util_fail_at(err, FD_E_PARSE, r->file, r->line,
			             "not valid UTF-8 (byte %zu of the line); "
			             "save the file as UTF-8",
			             bad + 1);
			return -1;
		}
		while (b < end && lines_is_blank((unsigned char)*b))
			b++;
		while (end > b && lines_is_blank((unsigned char)end[-1]))
			end--;
		if (b == end || *b == '#')
			continue;
		*s = b;
		*e = end;
		return 1;
	}
	return 0;
}

/* Split [s, e) at | into trimmed fields (at most max kept);
 * returns the number of fields there are. */
size_t
lines_split(const char *s, const char *e, const char *fb[], const char *fe[],
            size_t max)
{
	size_t n = 0;

	for (;;) {
		const char *bar = memchr(s, '|', (size_t)(e - s));
		const char *end = bar ? bar : e;
		const char *b = s, *t = end;

		while (b < t && lines_is_blank((unsigned char)*b))
			b++;
		while (t > b && lines_is_blank((unsigned char)t[-1]))
			t--;
		if (n < max) {
			fb[n] = b;
			fe[n] = t;
		}
		n++;
		if (!bar)
			break;
		s = bar + 1;
	}
	return n;
}

enum fd_status
lines_source(const char *path, const char *name, size_t max, const char **data,
             size_t *len, char **owned, struct fd_err *err)
{
	const struct fd_asset *a;

	*owned = NULL;
	if (path && *path) {
		enum fd_status st = util_read_file(path, max, owned, len, err);

		*data = *owned;
		return st;
	}
	a = assets_find(name);
	if (!a)
		return util_fail_at(err, FD_E_NOTFOUND, name, 0,
		                    "not embedded in this build; name a file "
		                    "in the configuration");
	*data = (const char *)a->data;
	*len = a->len;
	return FD_OK;
}
