/*
 * Records as data: one row's values as strings, indexed by the fields of an
 * entity table (household.c holds the household and member tables).
 *
 * Invariants:
 * - r->v has r->ent->n entries and none is NULL ("" is empty).
 * - Every empty value is the one shared record_empty, never freed: a new
 *   record costs one allocation per value given, not one per field (an
 *   import builds millions). Values are only ever set through this file
 *   (record_set, record_from_text), which knows it.
 * - record_to_text writes one "name=value" line per field, preceded by
 *   "@id=" and "@version=" lines; in a value, a backslash is written "\\",
 *   a newline "\n" and a carriage return "\r", so every line of the text is
 *   one field. record_from_text reads that back: unknown names and lines
 *   without "=" are ignored, fields not named keep their values, and an
 *   unknown escape keeps the character after the backslash.
 * - The id and version travel with a draft on purpose: a draft restored
 *   over a freshly loaded record keeps the version the person started from,
 *   so a change saved by someone else meanwhile is a conflict, not silently
 *   overwritten.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/household.h"
#include "frontdesk/record.h"
#include "frontdesk/util.h"

/* The value of every empty field (see the invariants). */
static char record_empty[1];

/* Replace value *slot (freed unless shared) with v, which is taken over
 * (record_empty for ""). */
static void
record_put(char **slot, char *v)
{
	if (*slot != record_empty)
		free(*slot);
	*slot = v;
}

/* A new empty record of ent. */
struct record *
record_new(const struct entity *ent)
{
	struct record *r = xcalloc(1, sizeof(*r));

	r->ent = ent;
	r->v = xcalloc(ent->n ? ent->n : 1, sizeof(*r->v));
	for (size_t i = 0; i < ent->n; i++)
		r->v[i] = record_empty;
	return r;
}

/* A deep copy of r. */
struct record *
record_dup(const struct record *r)
{
	struct record *c = record_new(r->ent);

	c->id = r->id;
	c->version = r->version;
	for (size_t i = 0; i < r->ent->n; i++)
		record_set(c, i, r->v[i]);
	return c;
}

/* Free r and its values; NULL is a no-op. */
void
record_free(struct record *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ent->n; i++)
		record_put(&r->v[i], NULL);
	free(r->v);
	free(r);
}

/* Replace value i with a copy of value (NULL = ""). */
void
record_set(struct record *r, size_t i, const char *value)
{
	char *copy;

	if (i >= r->ent->n)
		return;
	copy = value && *value ? xstrdup(value) : record_empty;
	record_put(&r->v[i], copy);
}

/* The index of the field called name in ent, or -1. */
int
record_field(const struct entity *ent, const char *name)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < ent->n; i++)
		if (strcmp(ent->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Append code and, when list knows it, its label. */
static void
record_code_text(struct strbuf *sb, const char *list, const char *code,
                 size_t len)
{
	char *one = xstrndup(code, len);
	const char *label = codes_label(list, one);

	strbuf_adds(sb, one);
	if (label) {
		strbuf_adds(sb, " ");
		strbuf_adds(sb, label);
	}
	free(one);
}

/* A stored value as a person reads it. */
char *
record_value_text(const struct entity *ent, const char *field,
                  const char *value)
{
	int i = ent && value && *value ? record_field(ent, field) : -1;
	const struct field_def *f = i >= 0 ? &ent->fields[i] : NULL;
	struct strbuf sb = {0};
	char *path;

	if (!f)
		return xstrdup(value ? value : "");
	switch (f->kind) {
	case FIELD_CODE:
	case FIELD_BOOL:
		if (f->codes)
			record_code_text(&sb, f->codes, value, strlen(value));
		break;
	case FIELD_CODES:
		for (const char *p = value; f->codes && *p;) {
			size_t len = strcspn(p, ",");

			if (sb.len)
				strbuf_adds(&sb, ", ");
			record_code_text(&sb, f->codes, p, len);
			p += len + (p[len] == ',');
		}
		break;
	case FIELD_REGION:
		path = region_path(value);
		strbuf_adds(&sb, value);
		if (path) {
			strbuf_adds(&sb, " ");
			strbuf_adds(&sb, path);
		}
		free(path);
		break;
	default:
		break;
	}
	return sb.len ? strbuf_take(&sb) : xstrdup(value);
}

/* The entity of a table name. */
const struct entity *
record_entity_of(const char *table)
{
	if (table && strcmp(table, entity_household.table) == 0)
		return &entity_household;
	if (table && strcmp(table, entity_member.table) == 0)
		return &entity_member;
	return NULL;
}

/* True if a and b are of the same entity and every value is equal. */
bool
record_equal(const struct record *a, const struct record *b)
{
	if (a->ent != b->ent)
		return false;
	for (size_t i = 0; i < a->ent->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

/* Append value to sb with backslash, newline and return escaped. */
static void
record_escape(struct strbuf *sb, const char *value)
{
	for (const char *p = value; *p; p++) {
		switch (*p) {
		case '\\':
			strbuf_adds(sb, "\\\\");
			break;
		case '\n':
			strbuf_adds(sb, "\\n");
			break;
		case '\r':
			strbuf_adds(sb, "\\r");
			break;
		default:
			strbuf_add(sb, p, 1);
			break;
		}
	}
}

/* The n bytes at s with escapes undone, as a new string. */
static char *
record_unescape(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 == n) {
			out[o++] = s[i];
			continue;
		}
		i++;
		switch (s[i]) {
		case 'n':
			out[o++] = '\n';
			break;
		case 'r':
			out[o++] = '\r';
			break;
		default:
			out[o++] = s[i];
			break;
		}
	}
	out[o] = '\0';
	return out;
}

/* The record as "@id", "@version" and "name=value" lines. */
char *
record_to_text(const struct record *r)
{
	struct strbuf sb = {0};

	strbuf_addf(&sb, "@id=%" PRId64 "\n@version=%" PRId64 "\n", r->id,
		    r->version);
	for (size_t i = 0; i < r->ent->n; i++) {
		strbuf_addf(&sb, "%s=", r->ent->fields[i].name);
		record_escape(&sb, r->v[i]);
		strbuf_adds(&sb, "\n");
	}
	return strbuf_take(&sb);
}

/* Parse a decimal int64 of len bytes at s into *out; false if malformed. */
static bool
record_parse_i64(const char *s, size_t len, int64_t *out)
{
	char buf[24];
	char *end;
	long long v;

	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	v = strtoll(buf, &end, 10);
	if (*end)
		return false;
	*out = (int64_t)v;
	return true;
}

/* Set the fields (and id, version) named in text, as record_to_text wrote. */
void
record_from_text(struct record *r, const char *text)
{
	const char *p = text;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *eq = memchr(p, '=', len);

		if (len > 0 && p[len - 1] == '\r')
			len--; /* a CRLF file edited by hand */
		if (eq && eq < p + len) {
			size_t nlen = (size_t)(eq - p);
			const char *val = eq + 1;
			size_t vlen = len - nlen - 1;

			if (nlen == 3 && memcmp(p, "@id", 3) == 0) {
				record_parse_i64(val, vlen, &r->id);
			} else if (nlen == 8 && memcmp(p, "@version", 8) == 0) {
				record_parse_i64(val, vlen, &r->version);
			} else {
				for (size_t i = 0; i < r->ent->n; i++) {
					const char *name = r->ent->fields[i].name;

					if (strlen(name) == nlen &&
					    memcmp(name, p, nlen) == 0) {
						record_put(&r->v[i],
							   record_unescape(val,
									   vlen));
						break;
					}
				}
			}
		}
		p = eol ? eol + 1 : NULL;
	}
}
