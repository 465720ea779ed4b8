/*
 * Fuzz target: the code-list and region loaders over the raw input (not
 * NUL-terminated, may hold NULs). The first byte chooses the loader (even:
 * codes_load_buffer, odd: regions_load_buffer); the rest is the file.
 *
 * Checks, beyond "no crash, no leak":
 * - A failure is FD_E_PARSE with one printable line that starts with the
 *   file name, and leaves nothing loaded (the tables start empty here).
 * - A code-list success: every list has items; codes, labels, names and
 *   versions are valid UTF-8 without control characters; codes_find of a
 *   code and of each label gives an item with that code or label, and
 *   codes_label gives the Chinese label.
 * - A regions success: every region is found by its code; a parent is one
 *   level up at least and its code a prefix of the child's; region_path
 *   ends with the region's name; region_children of every region and of
 *   NULL partition the table; region_search of a name finds its region.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/utf8.h"

#define FUZZ_NAME "fuzz.txt"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when an invariant does not hold. */
static void
fuzz_check(int ok, const char *what, const char *detail)
{
	if (!ok) {
		fprintf(stderr, "fuzz_codes: invariant failed: %s (%s)\n", what,
		        detail ? detail : "(null)");
		abort();
	}
}

/* Whether s is non-empty valid UTF-8 without control characters. */
static int
fuzz_clean(const char *s)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp;

	if (n == 0)
		return 0;
	while (i < n) {
		int k = utf8_decode(s + i, n - i, &cp);

		if (k <= 0 || cp < 0x20 || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F))
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/* The invariants of a successful code-list load. */
static void
fuzz_codes_ok(void)
{
	static const char *const names[] = {"relation", "sex", "school",
	                                    "yes_no", "cause"};

	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		const struct code_list *l = codes_list(names[k]);

		fuzz_check(l != NULL, "required list", names[k]);
		fuzz_check(l->n > 0, "list has items", l->name);
		fuzz_check(fuzz_clean(l->name) && fuzz_clean(l->version),
		           "list name and version clean", l->name);
		for (size_t i = 0; i < l->n; i++) {
			const struct code_item *it = &l->items[i];
			const char *f;

			fuzz_check(fuzz_clean(it->code) &&
			               fuzz_clean(it->label_zh) &&
			               fuzz_clean(it->label_en),
			           "item clean", it->code);
			fuzz_check(strcmp(codes_find(l->name, it->code),
			                  it->code) == 0,
			           "find by code", it->code);
			fuzz_check(strcmp(codes_label(l->name, it->code),
			                  it->label_zh) == 0,
			           "label of code", it->code);
			f = codes_find(l->name, it->label_zh);
			fuzz_check(f && (strcmp(f, it->code) == 0 ||
			                 strcmp(f, it->label_zh) == 0),
			           "find by Chinese label", it->label_zh);
			f = codes_find(l->name, it->label_en);
			fuzz_check(f != NULL, "find by English label",
			           it->label_en);
		}
	}
}

/* The invariants of a successful regions load. */
static void
fuzz_regions_ok(void)
{
	size_t nall, n, total = 0;
	const struct region **all = region_search(REGION_ANY, NULL, &nall);
	const struct region **v;

	fuzz_check(nall > 0, "regions loaded", NULL);
	v = region_children(NULL, &n);
	for (size_t i = 0; i < n; i++)
		fuzz_check(v[i]->parent == NULL, "top level", v[i]->code);
	total += n;
	free(v);
	for (size_t i = 0; i < nall; i++) {
		const struct region *r = all[i];
		const struct region **hits;
		size_t nhits, len = strlen(r->code), plen;
		char *path;
		int found = 0;

		fuzz_check(region_find(r->code) == r, "find by code", r->code);
		fuzz_check(fuzz_clean(r->name), "name clean", r->code);
		fuzz_check(len == 6 || len == 9 || len == 12, "code length",
		           r->code);
		fuzz_check(r->level >= REGION_PROVINCE &&
		               r->level <= REGION_VILLAGE,
		           "level", r->code);
		if (r->parent) {
			plen = strlen(r->parent->code);
			fuzz_check(r->parent->level < r->level, "parent level",
			           r->code);
			fuzz_check(
			    strncmp(r->parent->code, r->code,
			            plen == 6 ? (len == 6 ? 2 : 6) : plen) == 0,
			    "parent prefix", r->code);
		} else {
			fuzz_check(r->level == REGION_PROVINCE, "orphan",
			           r->code);
		}
		path = region_path(r->code);
		fuzz_check(path && strlen(path) >= strlen(r->name) &&
		               strcmp(path + strlen(path) - strlen(r->name),
		                      r->name) == 0,
		           "path ends with the name", r->code);
		free(path);
		v = region_children(r, &n);
		for (size_t j = 0; j < n; j++)
			fuzz_check(v[j]->parent == r, "child's parent",
			           v[j]->code);
		total += n;
		free(v);
		hits = region_search(r->level, r->name, &nhits);
		for (size_t j = 0; j < nhits; j++)
			found |= hits[j] == r;
		fuzz_check(found, "search by name", r->code);
		free(hits);
	}
	fuzz_check(total == nall, "children partition the table", NULL);
	free(all);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct fd_err err;
	enum fd_status st;
	int regions;
	const char *text;
	size_t len;

	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		ready = 1;
	}
	if (size == 0)
		return 0;
	regions = data[0] & 1;
	text = (const char *)data + 1;
	len = size - 1;
	err.msg[0] = '\0';
	st = regions ? regions_load_buffer(FUZZ_NAME, text, len, &err)
	             : codes_load_buffer(FUZZ_NAME, text, len, &err);
	if (st == FD_OK) {
		if (regions)
			fuzz_regions_ok();
		else
			fuzz_codes_ok();
	} else {
		fuzz_check(st == FD_E_PARSE, "status", err.msg);
		fuzz_check(
		    strncmp(err.msg, FUZZ_NAME ":", strlen(FUZZ_NAME) + 1) == 0,
		    "message names the file", err.msg);
		fuzz_check(strchr(err.msg, '\n') == NULL && fuzz_clean(err.msg),
		           "message one printable line", err.msg);
		fuzz_check(codes_list("relation") == NULL &&
		               region_find("620000") == NULL,
		           "nothing loaded after a failure", err.msg);
	}
	codes_free();
	return 0;
}
