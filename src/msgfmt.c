/*
 * Argument substitution for catalog texts: {1}..{9} only, everything else
 * copied as it is, so an edited catalog cannot crash the program the way a
 * wrong printf format would.
 */
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/util.h"

char *
msg_format(const char *tmpl, size_t n, const char *const *args)
{
	struct strbuf sb = {0};
	const char *p = tmpl;

	while (*p) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
			size_t k = (size_t)(p[1] - '1');

			if (k < n && args[k])
				strbuf_adds(&sb, args[k]);
			p += 3;
			continue;
		}
		strbuf_add(&sb, p, 1);
		p++;
	}
	return strbuf_take(&sb);
}

char *
trf(enum fd_msg id, const char *a1, const char *a2)
{
	const char *args[2] = {a1, a2};

	return msg_format(tr(id), 2, args);
}
