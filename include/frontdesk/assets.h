/*
 * Files from assets/ and src/migrations/ embedded at build time, so a lone
 * binary still runs. Each is NUL-terminated (len excludes the NUL), so text
 * assets can be used as C strings.
 */
#ifndef FRONTDESK_ASSETS_H
#define FRONTDESK_ASSETS_H

#include <stddef.h>

struct fd_asset {
	const char *name; /* "frontdesk.ini", "i18n/zh.txt", "migrations/001_x.sql" */
	const unsigned char *data;
	size_t len;
};

/* All embedded assets. */
extern const struct fd_asset fd_assets[];
extern const size_t fd_assets_count;

/* The asset called name, or NULL. */
const struct fd_asset *
assets_find(const char *name);

#endif
