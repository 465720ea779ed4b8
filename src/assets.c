/*
 * Lookup over the table that the build generates from assets/ and
 * src/migrations/ (build/assets_gen.c).
 */
#include <string.h>

#include "frontdesk/assets.h"

const struct fd_asset *
assets_find(const char *name)
{
	for (size_t i = 0; i < fd_assets_count; i++)
		if (strcmp(fd_assets[i].name, name) == 0)
			return &fd_assets[i];
	return NULL;
}
