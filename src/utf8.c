/*
 * UTF-8 decoding, validation and column arithmetic.
 *
 * Design: one strict decoder (utf8_decode) is the only place that reads
 * UTF-8; every other function walks a string with it. An invalid byte is
 * consumed alone and stands for U+FFFD, so a string never "loses" bytes
 * and every walk terminates. One width rule (utf8_cp_width: wcwidth() if it
 * is 1 or 2, else 1 for the U+FFFD drawn instead) is shared by width, fit,
 * pad and sanitize, which is what keeps them consistent:
 *
 *   utf8_width(s) == utf8_width(utf8_sanitize(s))
 *   utf8_width(prefix of s of utf8_fit(s, c) bytes) <= c
 *   utf8_width(utf8_pad(s, c)) == c
 *
 * Nothing here allocates except sanitize and the conversions, whose
 * results the caller frees.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

/* The replacement character, encoded. */
static const char utf8_fffd[] = "\xEF\xBF\xBD";

int
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	int need, i;

	*cp = UTF8_REPLACEMENT;
	if (len == 0)
		return 0;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		c &= 0x07;
		min = 0x10000;
	} else {
		return -1; /* continuation byte, C0/C1 overlong lead, F5..FF */
	}
	if (len < (size_t)need + 1)
		return -1;
	for (i = 1; i <= need; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return need + 1;
}

size_t
utf8_encode(uint32_t cp, char buf[UTF8_MAX_BYTES])
{
	unsigned char *b = (unsigned char *)buf;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | (cp >> 18));
	b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool
utf8_valid(const char *s, size_t len)
{
	return utf8_invalid_at(s, len) == len;
}

size_t
utf8_invalid_at(const char *s, size_t len)
{
	uint32_t cp;
	size_t i = 0;
	int n;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n <= 0)
			return i;
		i += (size_t)n;
	}
	return len;
}

bool
utf8_printable(uint32_t cp)
{
	int w;

	/* C1 controls are tested by hand: their width is locale data. */
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp > 0x10FFFF)
		return false;
	w = wcwidth((wchar_t)cp);
	return w == 1 || w == 2;
}

int
utf8_cp_width(uint32_t cp)
{
	return utf8_printable(cp) ? wcwidth((wchar_t)cp) : 1;
}

/* Decode the next character of the NUL-terminated s at *i, advance *i and
 * return its drawn width; an invalid byte advances by one. */
static int
utf8_next(const char *s, size_t *i, uint32_t *cp)
{
	size_t left = strnlen(s + *i, UTF8_MAX_BYTES);
	int n = utf8_decode(s + *i, left, cp);

	*i += n > 0 ? (size_t)n : 1;
	return n > 0 ? utf8_cp_width(*cp) : 1;
}

int
utf8_width(const char *s)
{
	uint32_t cp;
	size_t i = 0;
	int cols = 0;

	if (!s)
		return 0;
	while (s[i] != '\0')
		cols += utf8_next(s, &i, &cp);
	return cols;
}

size_t
utf8_fit(const char *s, int cols)
{
	uint32_t cp;
	size_t i = 0, next;
	int used = 0, w;

	if (!s)
		return 0;
	while (s[i] != '\0') {
		next = i;
		w = utf8_next(s, &next, &cp);
		if (used + w > cols)
			break;
		used += w;
		i = next;
	}
	return i;
}

/* True for the ASCII characters a word is made of (no break inside). */
static bool
utf8_wordish(unsigned char c)
{
	return c > ' ' && c < 0x7f;
}

size_t
utf8_wrap_line(const char *s, int cols, size_t *next)
{
	size_t fit, end, i, brk = 0;

	*next = 0;
	if (!s || !*s)
		return 0;
	if (cols < 1)
		cols = 1;
	fit = utf8_fit(s, cols);
	if (fit == 0) { /* one character wider than the line: take it */
		uint32_t cp;

		utf8_next(s, &fit, &cp);
	}
	/* a newline within the line ends it */
	for (i = 0; i < fit; i++)
		if (s[i] == '\n') {
			*next = i + 1;
			end = i;
			goto trim;
		}
	if (s[fit] == '\0' || s[fit] == '\n') {
		*next = s[fit] ? fit + 1 : fit;
		end = fit;
		goto trim;
	}
	end = fit;
	if (utf8_wordish((unsigned char)s[fit]) &&
	    utf8_wordish((unsigned char)s[fit - 1])) {
		/* inside an English word: back up to the last break */
		for (i = fit; i > 0; i--) {
			unsigned char a = (unsigned char)s[i - 1];
			unsigned char b = (unsigned char)s[i];

			if ((b & 0xC0) == 0x80)
				continue; /* inside a character */
			if (!utf8_wordish(a) || !utf8_wordish(b)) {
				brk = i;
				break;
			}
		}
		if (brk > 0)
			end = brk;
	} else {
		/* elsewhere (Chinese): at the last blank in the second half
		 * of the line, if any, so that a phrase set off by blanks
		 * ("……  仍然保存吗？") stays whole */
		for (i = fit; i > 0; i--)
			if (s[i - 1] == ' ') {
				size_t k = 0;
				int used = 0;
				uint32_t cp;

				while (k < i)
					used += utf8_next(s, &k, &cp);
				if (2 * used >= cols)
					end = i;
				break;
			}
	}
	*next = end;
	while (s[*next] == ' ')
		(*next)++;
trim:
	while (end > 0 && s[end - 1] == ' ')
		end--;
	return end;
}

int
utf8_pad(char *dst, size_t dstsize, const char *s, int cols)
{
	char enc[UTF8_MAX_BYTES];
	uint32_t cp;
	size_t i = 0, o = 0, n;
	int used = 0, w;

	if (dstsize == 0)
		return 0;
	while (s && s[i] != '\0') {
		w = utf8_next(s, &i, &cp);
		if (used + w > cols)
			break;
		if (!utf8_printable(cp))
			cp = UTF8_REPLACEMENT; /* as an invalid byte gave */
		n = utf8_encode(cp, enc);
		if (o + n >= dstsize)
			break;
		memcpy(dst + o, enc, n);
		o += n;
		used += w;
	}
	while (used < cols && o + 1 < dstsize) {
		dst[o++] = ' ';
		used++;
	}
	dst[o] = '\0';
	return used;
}

char *
utf8_sanitize_n(const char *s, size_t len)
{
	struct strbuf sb = {0};
	char enc[UTF8_MAX_BYTES];
	uint32_t cp;
	size_t i = 0;
	int n;

	while (s && i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n < 0 || !utf8_printable(cp)) {
			strbuf_add(&sb, utf8_fffd, 3);
			i += n > 0 ? (size_t)n : 1;
			continue;
		}
		strbuf_add(&sb, enc, utf8_encode(cp, enc));
		i += (size_t)n;
	}
	return strbuf_take(&sb);
}

char *
utf8_sanitize(const char *s)
{
	return utf8_sanitize_n(s, s ? strlen(s) : 0);
}

wchar_t *
utf8_to_wcs(const char *s, size_t *nchars)
{
	size_t len = strlen(s), i = 0, k = 0;
	wchar_t *ws;
	uint32_t cp;
	int n;

	/* A character takes at least one byte: len + 1 slots are enough. */
	ws = xmalloc((len + 1) * sizeof(*ws));
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n < 0) {
			free(ws);
			return NULL;
		}
		ws[k++] = (wchar_t)cp;
		i += (size_t)n;
	}
	ws[k] = L'\0';
	if (nchars)
		*nchars = k;
	return ws;
}

char *
utf8_from_wcs(const wchar_t *ws, size_t n)
{
	struct strbuf sb = {0};
	char enc[UTF8_MAX_BYTES];
	size_t i;
	uint32_t cp;

	for (i = 0; i < n; i++) {
		/* wchar_t is signed on Linux: negative is not a scalar. */
		cp = ws[i] < 0 ? UTF8_REPLACEMENT : (uint32_t)ws[i];
		strbuf_add(&sb, enc, utf8_encode(cp, enc));
	}
	return strbuf_take(&sb);
}
