/*
 * Drawing text by columns. Everything drawn passes through utf8_pad, which
 * replaces non-printable characters (ESC among them) with U+FFFD, so data
 * can never send escape sequences to the terminal, and cuts and pads by
 * display columns, never bytes, so a double-width character is never split.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/ui.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

int
ui_text(WINDOW *w, int y, int x, int cols, const char *s)
{
	size_t size;
	char *buf;
	int n;

	if (cols <= 0)
		return 0;
	size = UTF8_PAD_SIZE(cols);
	buf = xmalloc(size);
	n = utf8_pad(buf, size, s ? s : "", cols);
	mvwaddstr(w, y, x, buf);
	free(buf);
	return n;
}

int
ui_text_rows(const char *s, int cols)
{
	size_t next;
	int n = 0;

	while (s && *s) {
		utf8_wrap_line(s, cols, &next);
		s += next;
		n++;
	}
	return n ? n : 1;
}

int
ui_text_wrap(WINDOW *w, int y, int x, int cols, int max_rows, const char *s,
	     bool center)
{
	size_t len, next;
	int n = 0;

	while (s && *s && n < max_rows) {
		char *line;

		len = utf8_wrap_line(s, cols, &next);
		/* the last row allowed takes the rest, cut by ui_text */
		line = n + 1 == max_rows ? xstrdup(s) : xstrndup(s, len);
		if (center) {
			int width = utf8_width(line);

			width = width < cols ? width : cols;
			ui_text(w, y + n, x + (cols - width) / 2, width, line);
		} else {
			ui_text(w, y + n, x, cols, line);
		}
		free(line);
		s += next;
		n++;
	}
	return n;
}

void
ui_text_center(WINDOW *w, int y, int cols, const char *s)
{
	int width = utf8_width(s);
	int x;

	if (width > cols)
		width = cols;
	x = (cols - width) / 2;
	ui_text(w, y, x, width, s);
}

char *
ui_row(const int *widths, size_t n, const char *const *cells)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < n; i++) {
		const char *c = cells[i] ? cells[i] : "";

		if (i + 1 < n) {
			size_t size = UTF8_PAD_SIZE(widths[i]);
			char *pad = xmalloc(size);

			utf8_pad(pad, size, c, widths[i]);
			strbuf_adds(&sb, pad);
			strbuf_adds(&sb, " ");
			free(pad);
		} else {
			strbuf_adds(&sb, c);
		}
	}
	return strbuf_take(&sb);
}

void
ui_local_time(const char *utc, char buf[20])
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (!utc || sscanf(utc, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon,
			   &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			   &tm.tm_sec) != 6) {
		fd_strlcpy(buf, utc ? utc : "", 20);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(buf, 20, "%Y-%m-%d %H:%M:%S", &tm);
}
