/*
 * The workflow engine: loading and checking the machine definitions, and
 * moving entities along them.
 *
 * Loader
 * - A small line parser of its own (not iniparser, which lowercases,
 *   fails a whole file on one long line and loses line numbers): UTF-8,
 *   a BOM skipped, CRLF fine, "#" comment lines, "[section]" headers and
 *   "key = value" settings. The format is documented at the top of
 *   assets/workflow.ini.
 * - Settings of a section are collected with their lines, then checked
 *   together when the section ends (a label.STATE may come before
 *   states =), so every error names the line it is about. The first
 *   error stops the load: "FILE:LINE: what is wrong; what to do".
 * - A machine must come before its transitions; a transition is checked
 *   against its finished machine at once. After the last line every state
 *   must be reachable from its machine's initial state, and a "participant"
 *   machine on entity "member" must exist (the participant screens need
 *   it).
 * - The loaded machines are replaced only by a load that succeeded in
 *   full.
 *
 * Engine
 * - State in wf_state (no row = initial state), moves in wf_history,
 *   both written with txn_* (migration 004 says more).
 * - workflow_apply and workflow_override do everything inside one
 *   txn_begin (BEGIN IMMEDIATE): re-read, compare with what the person
 *   saw, check, write, run effects, commit. The state row is updated with
 *   txn_update_if(state, version as read) as well: a second guard.
 * - Role and guard checks are one function (workflow_allowed) used both to
 *   list actions and to apply one, so what the screen offers is what apply
 *   accepts.
 * - Entity ids are record numbers in canonical decimal form ("42"), so
 *   one entity has one key.
 *
 * Invariants
 * - Every loaded name matches [a-z][a-z0-9_]{0,31}; labels are non-empty
 *   UTF-8 without control characters; every from/to index is < nstates;
 *   every guard and effect name is in the tables of workflow_rules.c.
 * - The core never prints; refusals a person sees are in the session's
 *   language (i18n), loader errors in English like the other loaders.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/assets.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/txn.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"
#include "frontdesk/workflow.h"

#define WORKFLOW_ASSET      "workflow.ini"
#define WORKFLOW_SIZE_MAX   (1024u * 1024)
#define WORKFLOW_LINE_MAX   4096 /* bytes of one line */
#define WORKFLOW_NAME_MAX   32   /* characters of a name */
#define WORKFLOW_TEXT_MAX   200  /* bytes of one label */
#define WORKFLOW_SHOW_MAX   40   /* bytes of bad input quoted */
#define WORKFLOW_MACH_MAX   32   /* machines in a file */
#define WORKFLOW_STATES_MAX 64   /* states of a machine */
#define WORKFLOW_TR_MAX     256  /* transitions of a machine */
#define WORKFLOW_LIST_MAX   16   /* guards, effects of a transition */
#define WORKFLOW_ID_MAX     18   /* digits of an entity id */

/* The machines loaded, in file order. */
static struct wf_machine *workflow_machs;
static size_t workflow_nmachs;
/* Labels in English instead of Chinese. */
static bool workflow_english;

/* ---- loader ----------------------------------------------------------- */

enum workflow_sec {
	WORKFLOW_SEC_NONE,
	WORKFLOW_SEC_MACHINE,
	WORKFLOW_SEC_TRANSITION
};

/* One "key = value" of the section being read. */
struct workflow_kv {
	char *key;
	char *val;
	int line;
};

/* The section being read. */
struct workflow_section {
	enum workflow_sec kind;
	int line;
	struct wf_machine *m; /* the machine it is or belongs to */
	char *tr_name;        /* a transition's name */
	struct workflow_kv *kv;
	size_t nkv;
	size_t cap;
};

/* The state of one load. */
struct workflow_parser {
	const char *file;
	const char *data;
	size_t len;
	size_t pos;
	int line;
	struct wf_machine *m; /* machines read so far */
	size_t nm;
	struct workflow_section sec;
	struct fd_err *err;
};

/* Fail with "FILE:LINE: ..." (line 0: "FILE: ..."). */
static enum fd_status workflow_fail(struct workflow_parser *p, int line,
                                    const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum fd_status
workflow_fail(struct workflow_parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	enum fd_status st;

	va_start(ap, fmt);
	st = util_vfail_at(p->err, FD_E_PARSE, p->file, line, fmt, ap);
	va_end(ap);
	return st;
}

/* Whitespace trimmed around lines, keys and values. */
static bool
workflow_is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Trim [*s, *e) of blanks at both ends. */
static void
workflow_trim(const char **s, const char **e)
{
	while (*s < *e && workflow_is_blank((unsigned char)**s))
		(*s)++;
	while (*e > *s && workflow_is_blank((unsigned char)(*e)[-1]))
		(*e)--;
}

/* Whether the n bytes at s are a name: [a-z][a-z0-9_]{0,31}. */
static bool
workflow_name_ok(const char *s, size_t n)
{
	if (n == 0 || n > WORKFLOW_NAME_MAX || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/* Whether the n bytes at s (valid UTF-8) hold a control character. */
static bool
workflow_has_control(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		int k = utf8_decode(s + i, n - i, &cp);

		if (k <= 0 || cp < 0x20 || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F))
			return true;
		i += (size_t)k;
	}
	return false;
}

/* s quoted for a message: at most WORKFLOW_SHOW_MAX bytes, controls as ?.
 * Returns buf. */
static const char *
workflow_show(char buf[WORKFLOW_SHOW_MAX + 8], const char *s, size_t n)
{
	util_excerpt(buf, WORKFLOW_SHOW_MAX + 8, s, n, WORKFLOW_SHOW_MAX);
	return buf;
}

/* Free the members of state s. */
static void
workflow_state_clear(struct wf_state *s)
{
	free(s->name);
	free(s->label_zh);
	free(s->label_en);
}

/* Free the members of transition t. */
static void
workflow_tr_clear(struct wf_transition *t)
{
	free(t->name);
	free(t->label_zh);
	free(t->label_en);
	free(t->from);
	for (size_t i = 0; i < t->nguards; i++)
		free(t->guards[i]);
	free(t->guards);
	for (size_t i = 0; i < t->neffects; i++)
		free(t->effects[i]);
	free(t->effects);
}

/* Free n machines and the array. */
static void
workflow_machines_free(struct wf_machine *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < m[i].nstates; j++)
			workflow_state_clear(&m[i].states[j]);
		free(m[i].states);
		for (size_t j = 0; j < m[i].ntr; j++)
			workflow_tr_clear(&m[i].tr[j]);
		free(m[i].tr);
		free(m[i].name);
		free(m[i].entity);
		free(m[i].label_zh);
		free(m[i].label_en);
	}
	free(m);
}

/* Forget the settings of the current section. */
static void
workflow_section_reset(struct workflow_section *sec)
{
	for (size_t i = 0; i < sec->nkv; i++) {
		free(sec->kv[i].key);
		free(sec->kv[i].val);
	}
	free(sec->kv);
	free(sec->tr_name);
	memset(sec, 0, sizeof(*sec));
}

/* The setting key of the current section, or NULL. */
static const struct workflow_kv *
workflow_kv_get(const struct workflow_section *sec, const char *key)
{
	for (size_t i = 0; i < sec->nkv; i++)
		if (strcmp(sec->kv[i].key, key) == 0)
			return &sec->kv[i];
	return NULL;
}

/* The next line that is neither blank nor a comment into [*s, *e),
 * trimmed. Returns 1 for a line, 0 at the end, -1 on an error. */
static int
workflow_next_line(struct workflow_parser *p, const char **s, const char **e)
{
	while (p->pos < p->len) {
		const char *b = p->data + p->pos;
		const char *nl = memchr(b, '\n', p->len - p->pos);
		const char *end = nl ? nl : p->data + p->len;
		size_t bad;

		p->pos = (size_t)(end - p->data) + (nl != NULL);
		p->line++;
		if (p->line == 1 && end - b >= 3 &&
		    memcmp(b, "\xEF\xBB\xBF", 3) == 0)
			b += 3;
		if (end - b > WORKFLOW_LINE_MAX) {
			workflow_fail(p, p->line,
			              "the line is longer than %d bytes; "
			              "split the list or shorten the label",
			              WORKFLOW_LINE_MAX);
			return -1;
		}
		if (memchr(b, '\0', (size_t)(end - b))) {
			workflow_fail(p, p->line,
			              "the line holds a NUL byte; is this a "
			              "text file?");
			return -1;
		}
		bad = utf8_invalid_at(b, (size_t)(end - b));
		if (bad < (size_t)(end - b)) {
			workflow_fail(p, p->line,
			              "not valid UTF-8 (byte %zu of the line); "
			              "save the file as UTF-8",
			              bad + 1);
			return -1;
		}
		workflow_trim(&b, &end);
		if (b == end || *b == '#')
			continue;
		*s = b;
		*e = end;
		return 1;
	}
	return 0;
}

/* Split the value of kv into names (spaces or commas between them) into a
 * new array *out of *n (caller frees the strings and the array, also on
 * failure). what names the setting in messages. */
static enum fd_status
workflow_names(struct workflow_parser *p, const struct workflow_kv *kv,
               size_t max, char ***out, size_t *n)
{
	const char *s = kv->val;
	char show[WORKFLOW_SHOW_MAX + 8];

	*out = NULL;
	*n = 0;
	while (*s) {
		size_t len;

		while (*s == ',' || workflow_is_blank((unsigned char)*s))
			s++;
		if (!*s)
			break;
		len = strcspn(s, ", \t\r\v\f");
		if (!workflow_name_ok(s, len))
			return workflow_fail(
			    p, kv->line,
			    "\"%s\" is not a name (a-z, 0-9 and _, starting "
			    "with a letter, at most %d characters)",
			    workflow_show(show, s, len), WORKFLOW_NAME_MAX);
		for (size_t i = 0; i < *n; i++)
			if (strlen((*out)[i]) == len &&
			    memcmp((*out)[i], s, len) == 0)
				return workflow_fail(
				    p, kv->line,
				    "\"%s\" is listed twice in %s; list it "
				    "once",
				    (*out)[i], kv->key);
		if (*n >= max)
			return workflow_fail(p, kv->line,
			                     "%s lists more than %zu names",
			                     kv->key, max);
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = xstrndup(s, len);
		s += len;
	}
	return FD_OK;
}

/* Free a name array from workflow_names. */
static void
workflow_names_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Parse the label "中文 | English" of kv into *zh and *en (new strings;
 * left NULL on failure). */
static enum fd_status
workflow_label(struct workflow_parser *p, const struct workflow_kv *kv,
               char **zh, char **en)
{
	const char *bar = strchr(kv->val, '|');
	const char *part[2][2];

	*zh = *en = NULL;
	if (!bar || strchr(bar + 1, '|'))
		return workflow_fail(p, kv->line,
		                     "a label is  中文 | English : both, "
		                     "with one | between them");
	part[0][0] = kv->val;
	part[0][1] = bar;
	part[1][0] = bar + 1;
	part[1][1] = kv->val + strlen(kv->val);
	for (int i = 0; i < 2; i++) {
		workflow_trim(&part[i][0], &part[i][1]);
		if (part[i][0] == part[i][1])
			return workflow_fail(p, kv->line,
			                     "the %s label is empty; write "
			                     " 中文 | English",
			                     i ? "English" : "Chinese");
		if (part[i][1] - part[i][0] > WORKFLOW_TEXT_MAX)
			return workflow_fail(p, kv->line,
			                     "the %s label is longer than %d "
			                     "bytes; shorten it",
			                     i ? "English" : "Chinese",
			                     WORKFLOW_TEXT_MAX);
		if (workflow_has_control(part[i][0],
		                         (size_t)(part[i][1] - part[i][0])))
			return workflow_fail(p, kv->line,
			                     "the %s label holds a control "
			                     "character (a tab?); remove it",
			                     i ? "English" : "Chinese");
	}
	*zh = xstrndup(part[0][0], (size_t)(part[0][1] - part[0][0]));
	*en = xstrndup(part[1][0], (size_t)(part[1][1] - part[1][0]));
	return FD_OK;
}

/* The index of state name in m, or (size_t)-1. */
static size_t
workflow_state_index(const struct wf_machine *m, const char *name)
{
	for (size_t i = 0; m && name && i < m->nstates; i++)
		if (strcmp(m->states[i].name, name) == 0)
			return i;
	return (size_t)-1;
}

/* The states of m as "a, b, c" for messages. Caller frees. */
static char *
workflow_state_list(const struct wf_machine *m)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < m->nstates; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", m->states[i].name);
	return strbuf_take(&sb);
}

/* The names that may be used where a guard (kind 0), an effect (1) or an
 * entity (2) is expected, as "a, b" for messages. Caller frees. */
static char *
workflow_known(int kind)
{
	size_t n = kind == 0   ? wf_nguards
	           : kind == 1 ? wf_neffects
	                       : wf_nentities;
	struct strbuf sb = {0};

	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "",
		            kind == 0   ? wf_guards[i].name
		            : kind == 1 ? wf_effects[i].name
		                        : wf_entities[i].name);
	if (n == 0)
		strbuf_adds(&sb, "(none yet)");
	return strbuf_take(&sb);
}

/* The guard called name, or NULL. */
static const struct wf_guard_def *
workflow_guard_find(const char *name)
{
	for (size_t i = 0; i < wf_nguards; i++)
		if (strcmp(wf_guards[i].name, name) == 0)
			return &wf_guards[i];
	return NULL;
}

/* The effect called name, or NULL. */
static const struct wf_effect_def *
workflow_effect_find(const char *name)
{
	for (size_t i = 0; i < wf_neffects; i++)
		if (strcmp(wf_effects[i].name, name) == 0)
			return &wf_effects[i];
	return NULL;
}

/* The entity called name, or NULL. */
static const struct wf_entity_def *
workflow_entity_find(const char *name)
{
	for (size_t i = 0; i < wf_nentities; i++)
		if (strcmp(wf_entities[i].name, name) == 0)
			return &wf_entities[i];
	return NULL;
}

/* Check and keep the setting key = val of line for the current section. */
static enum fd_status
workflow_setting(struct workflow_parser *p, const char *key, size_t klen,
                 const char *val, size_t vlen)
{
	static const char *const mkeys[] = {"entity", "label", "states",
	                                    "initial"};
	static const char *const tkeys[] = {
	    "from", "to", "roles", "guards", "effects", "reason", "label"};
	struct workflow_section *sec = &p->sec;
	const char *const *keys =
	    sec->kind == WORKFLOW_SEC_MACHINE ? mkeys : tkeys;
	size_t nkeys = sec->kind == WORKFLOW_SEC_MACHINE ? FD_ARRAY_LEN(mkeys)
	                                                 : FD_ARRAY_LEN(tkeys);
	char show[WORKFLOW_SHOW_MAX + 8];
	bool known = false;
	char *k;

	if (sec->kind == WORKFLOW_SEC_NONE)
		return workflow_fail(p, p->line,
		                     "a setting before any section; start "
		                     "with [machine NAME]");
	for (size_t i = 0; i < nkeys; i++)
		if (strlen(keys[i]) == klen && memcmp(keys[i], key, klen) == 0)
			known = true;
	if (sec->kind == WORKFLOW_SEC_MACHINE && klen > 6 &&
	    memcmp(key, "label.", 6) == 0 &&
	    workflow_name_ok(key + 6, klen - 6))
		known = true;
	if (!known)
		return workflow_fail(
		    p, p->line,
		    "unknown key \"%s\" in a [%s] section; the "
		    "keys are %s",
		    workflow_show(show, key, klen),
		    sec->kind == WORKFLOW_SEC_MACHINE ? "machine"
		                                      : "transition",
		    sec->kind == WORKFLOW_SEC_MACHINE
		        ? "entity, label, states, initial, label.STATE"
		        : "from, to, roles, guards, effects, reason, label");
	k = xstrndup(key, klen);
	for (size_t i = 0; i < sec->nkv; i++)
		if (strcmp(sec->kv[i].key, k) == 0) {
			enum fd_status st = workflow_fail(
			    p, p->line,
			    "\"%s\" is set twice in this section (first on "
			    "line %d); keep one",
			    k, sec->kv[i].line);

			free(k);
			return st;
		}
	if (sec->nkv == sec->cap) {
		sec->cap = sec->cap ? sec->cap * 2 : 8;
		sec->kv = xrealloc(sec->kv, sec->cap * sizeof(*sec->kv));
	}
	sec->kv[sec->nkv].key = k;
	sec->kv[sec->nkv].val = xstrndup(val, vlen);
	sec->kv[sec->nkv].line = p->line;
	sec->nkv++;
	return FD_OK;
}

/* A required setting of the current section, or NULL after an error that
 * names the section's line and what to add. */
static const struct workflow_kv *
workflow_need(struct workflow_parser *p, const char *key, const char *hint)
{
	const struct workflow_kv *kv = workflow_kv_get(&p->sec, key);

	if (kv && kv->val[0])
		return kv;
	if (kv)
		workflow_fail(p, kv->line, "%s is empty; %s", key, hint);
	else
		workflow_fail(p, p->sec.line, "this section has no %s; add %s",
		              key, hint);
	return NULL;
}

/* Check the finished [machine] section and fill its machine. */
static enum fd_status
workflow_end_machine(struct workflow_parser *p)
{
	struct wf_machine *m = p->sec.m;
	const struct workflow_kv *kv, *states, *initial, *entity;
	char **names = NULL;
	size_t n = 0;
	enum fd_status st;

	states = workflow_need(p, "states", "states = NAME NAME ...");
	initial =
	    states ? workflow_need(p, "initial", "initial = STATE") : NULL;
	entity = initial ? workflow_need(p, "entity",
	                                 "entity = member (or cohort, "
	                                 "placement, store)")
	                 : NULL;
	if (!entity)
		return FD_E_PARSE;
	st = workflow_names(p, states, WORKFLOW_STATES_MAX, &names, &n);
	if (st != FD_OK)
		goto out;
	if (n == 0) {
		st = workflow_fail(p, states->line, "states lists no state");
		goto out;
	}
	m->states = xcalloc(n, sizeof(*m->states));
	for (size_t i = 0; i < n; i++) {
		m->states[i].name = names[i];
		m->states[i].line = states->line;
	}
	m->nstates = n;
	free(names);
	names = NULL;
	n = 0;

	m->initial = workflow_state_index(m, initial->val);
	if (m->initial == (size_t)-1) {
		char *list = workflow_state_list(m);
		char show[WORKFLOW_SHOW_MAX + 8];

		st = workflow_fail(
		    p, initial->line,
		    "the initial state \"%s\" is not one of the "
		    "states (%s)",
		    workflow_show(show, initial->val, strlen(initial->val)),
		    list);
		free(list);
		goto out;
	}
	if (!workflow_entity_find(entity->val)) {
		char show[WORKFLOW_SHOW_MAX + 8];
		char *known = workflow_known(2);

		st = workflow_fail(
		    p, entity->line, "unknown entity \"%s\"; known: %s",
		    workflow_show(show, entity->val, strlen(entity->val)),
		    known);
		free(known);
		goto out;
	}
	m->entity = xstrdup(entity->val);
	kv = workflow_kv_get(&p->sec, "label");
	if (kv) {
		st = workflow_label(p, kv, &m->label_zh, &m->label_en);
		if (st != FD_OK)
			goto out;
	} else {
		m->label_zh = xstrdup(m->name);
		m->label_en = xstrdup(m->name);
	}
	for (size_t i = 0; i < p->sec.nkv; i++) {
		struct wf_state *s;
		size_t k;

		kv = &p->sec.kv[i];
		if (strncmp(kv->key, "label.", 6) != 0)
			continue;
		k = workflow_state_index(m, kv->key + 6);
		if (k == (size_t)-1) {
			char *list = workflow_state_list(m);

			st = workflow_fail(p, kv->line,
			                   "%s: unknown state \"%s\"; the "
			                   "states are %s",
			                   kv->key, kv->key + 6, list);
			free(list);
			goto out;
		}
		s = &m->states[k];
		st = workflow_label(p, kv, &s->label_zh, &s->label_en);
		if (st != FD_OK)
			goto out;
		s->line = kv->line;
	}
	for (size_t i = 0; i < m->nstates; i++)
		if (!m->states[i].label_zh) {
			st =
			    workflow_fail(p, states->line,
			                  "state \"%s\" has no label; add "
			                  "label.%s = 中文 | English",
			                  m->states[i].name, m->states[i].name);
			goto out;
		}
out:
	workflow_names_free(names, n);
	return st;
}

/* The from states of the current transition into t. */
static enum fd_status
workflow_tr_from(struct workflow_parser *p, const struct wf_machine *m,
                 const struct workflow_kv *kv, struct wf_transition *t)
{
	char **names = NULL;
	size_t n = 0;
	enum fd_status st;

	st = workflow_names(p, kv, WORKFLOW_STATES_MAX, &names, &n);
	if (st == FD_OK && n == 0)
		st = workflow_fail(p, kv->line, "from lists no state");
	if (st != FD_OK)
		goto out;
	t->from = xcalloc(n, sizeof(*t->from));
	for (size_t i = 0; i < n; i++) {
		size_t k = workflow_state_index(m, names[i]);

		if (k == (size_t)-1) {
			char *list = workflow_state_list(m);

			st = workflow_fail(p, kv->line,
			                   "from: unknown state \"%s\" of "
			                   "machine %s; its states are %s",
			                   names[i], m->name, list);
			free(list);
			goto out;
		}
		t->from[t->nfrom++] = k;
	}
out:
	workflow_names_free(names, n);
	return st;
}

/* The to state of the current transition into t (after its from). */
static enum fd_status
workflow_tr_to(struct workflow_parser *p, const struct wf_machine *m,
               const struct workflow_kv *kv, struct wf_transition *t)
{
	char show[WORKFLOW_SHOW_MAX + 8];

	t->to = workflow_state_index(m, kv->val);
	if (t->to == (size_t)-1) {
		char *list = workflow_state_list(m);
		enum fd_status st = workflow_fail(
		    p, kv->line,
		    "to: unknown state \"%s\" of machine %s; its states "
		    "are %s",
		    workflow_show(show, kv->val, strlen(kv->val)), m->name,
		    list);

		free(list);
		return st;
	}
	for (size_t i = 0; i < t->nfrom; i++)
		if (t->from[i] == t->to)
			return workflow_fail(p, kv->line,
			                     "\"%s\" is both in from and to; "
			                     "a transition must change the "
			                     "state",
			                     kv->val);
	return FD_OK;
}

/* The roles of the current transition into t. */
static enum fd_status
workflow_tr_roles(struct workflow_parser *p, const struct workflow_kv *kv,
                  struct wf_transition *t)
{
	char **names = NULL;
	size_t n = 0;
	enum fd_status st;

	st = workflow_names(p, kv, 8, &names, &n);
	if (st == FD_OK && n == 0)
		st = workflow_fail(p, kv->line, "roles lists no role");
	for (size_t i = 0; st == FD_OK && i < n; i++) {
		enum staff_role r = staff_role_parse(names[i]);

		if (r == ROLE_NONE)
			st = workflow_fail(
			    p, kv->line,
			    "unknown role \"%s\"; the roles are frontdesk, "
			    "trainer, placement, supervisor",
			    names[i]);
		else
			t->roles |= 1u << r;
	}
	workflow_names_free(names, n);
	return st;
}

/* The guards (effects when effects) of the current transition into t. */
static enum fd_status
workflow_tr_rules(struct workflow_parser *p, const struct workflow_kv *kv,
                  struct wf_transition *t, bool effects)
{
	char ***v = effects ? &t->effects : &t->guards;
	size_t *n = effects ? &t->neffects : &t->nguards;
	enum fd_status st;

	st = workflow_names(p, kv, WORKFLOW_LIST_MAX, v, n);
	for (size_t i = 0; st == FD_OK && i < *n; i++) {
		bool ok = effects ? workflow_effect_find((*v)[i]) != NULL
		                  : workflow_guard_find((*v)[i]) != NULL;
		char *known;

		if (ok)
			continue;
		known = workflow_known(effects ? 1 : 0);
		st =
		    workflow_fail(p, kv->line, "unknown %s \"%s\"; known: %s",
		                  effects ? "effect" : "guard", (*v)[i], known);
		free(known);
	}
	return st;
}

/* Refuse a transition that joins a pair of states another one of m
 * already joins. */
static enum fd_status
workflow_tr_unique(struct workflow_parser *p, const struct wf_machine *m,
                   const struct wf_transition *t)
{
	for (size_t i = 0; i + 1 < m->ntr; i++) {
		const struct wf_transition *o = &m->tr[i];

		if (o->to != t->to)
			continue;
		for (size_t a = 0; a < t->nfrom; a++)
			for (size_t b = 0; b < o->nfrom; b++)
				if (t->from[a] == o->from[b])
					return workflow_fail(
					    p, t->line,
					    "duplicate transition: %s "
					    "already leads from %s to %s "
					    "(line %d); merge the two or "
					    "remove one",
					    o->name, m->states[t->from[a]].name,
					    m->states[t->to].name, o->line);
	}
	return FD_OK;
}

/* Check the finished [transition] section and fill its transition. */
static enum fd_status
workflow_end_transition(struct workflow_parser *p)
{
	struct wf_machine *m = p->sec.m;
	struct wf_transition *t = &m->tr[m->ntr - 1];
	const struct workflow_kv *from, *to, *roles, *label, *kv;
	enum fd_status st;

	from = workflow_need(p, "from", "from = STATE STATE ...");
	to = from ? workflow_need(p, "to", "to = STATE") : NULL;
	roles = to ? workflow_need(p, "roles",
	                           "roles = frontdesk trainer placement "
	                           "supervisor (those that may)")
	           : NULL;
	label =
	    roles ? workflow_need(p, "label", "label = 中文 | English") : NULL;
	if (!label)
		return FD_E_PARSE;
	st = workflow_tr_from(p, m, from, t);
	if (st == FD_OK)
		st = workflow_tr_to(p, m, to, t);
	if (st == FD_OK)
		st = workflow_tr_roles(p, roles, t);
	kv = workflow_kv_get(&p->sec, "guards");
	if (st == FD_OK && kv)
		st = workflow_tr_rules(p, kv, t, false);
	kv = workflow_kv_get(&p->sec, "effects");
	if (st == FD_OK && kv)
		st = workflow_tr_rules(p, kv, t, true);
	kv = workflow_kv_get(&p->sec, "reason");
	if (st == FD_OK && kv) {
		if (strcmp(kv->val, "yes") == 0)
			t->reason = true;
		else if (strcmp(kv->val, "no") != 0)
			st = workflow_fail(p, kv->line, "reason is yes or no");
	}
	if (st == FD_OK)
		st = workflow_label(p, label, &t->label_zh, &t->label_en);
	if (st == FD_OK)
		st = workflow_tr_unique(p, m, t);
	return st;
}

/* Check the current section, if any, and forget its settings. */
static enum fd_status
workflow_end_section(struct workflow_parser *p)
{
	enum fd_status st = FD_OK;

	if (p->sec.kind == WORKFLOW_SEC_MACHINE)
		st = workflow_end_machine(p);
	else if (p->sec.kind == WORKFLOW_SEC_TRANSITION)
		st = workflow_end_transition(p);
	workflow_section_reset(&p->sec);
	return st;
}

/* The machine called name among those read, or NULL. */
static struct wf_machine *
workflow_parsed(struct workflow_parser *p, const char *name, size_t len)
{
	for (size_t i = 0; i < p->nm; i++)
		if (strlen(p->m[i].name) == len &&
		    memcmp(p->m[i].name, name, len) == 0)
			return &p->m[i];
	return NULL;
}

/* Start the section whose header is [s, e) (brackets included). */
static enum fd_status
workflow_header(struct workflow_parser *p, const char *s, const char *e)
{
	char show[WORKFLOW_SHOW_MAX + 8];
	const char *kb, *ke, *nb, *ne, *dot;
	struct wf_machine *m;

	if (e[-1] != ']' || e - s < 2)
		return workflow_fail(p, p->line,
		                     "a section header ends with ]: "
		                     "[machine NAME] or [transition "
		                     "MACHINE.NAME]");
	kb = s + 1;
	ne = e - 1;
	workflow_trim(&kb, &ne);
	ke = kb;
	while (ke < ne && !workflow_is_blank((unsigned char)*ke))
		ke++;
	nb = ke;
	workflow_trim(&nb, &ne);
	if ((size_t)(ke - kb) == 7 && memcmp(kb, "machine", 7) == 0) {
		if (!workflow_name_ok(nb, (size_t)(ne - nb)))
			return workflow_fail(
			    p, p->line,
			    "\"%s\" is not a machine name (a-z, 0-9 and _, "
			    "starting with a letter, at most %d characters)",
			    workflow_show(show, nb, (size_t)(ne - nb)),
			    WORKFLOW_NAME_MAX);
		m = workflow_parsed(p, nb, (size_t)(ne - nb));
		if (m)
			return workflow_fail(p, p->line,
			                     "machine %s is defined twice "
			                     "(first on line %d)",
			                     m->name, m->line);
		if (p->nm >= WORKFLOW_MACH_MAX)
			return workflow_fail(p, p->line,
			                     "more than %d machines",
			                     WORKFLOW_MACH_MAX);
		p->m = xrealloc(p->m, (p->nm + 1) * sizeof(*p->m));
		m = &p->m[p->nm++];
		memset(m, 0, sizeof(*m));
		m->name = xstrndup(nb, (size_t)(ne - nb));
		m->line = p->line;
		p->sec.kind = WORKFLOW_SEC_MACHINE;
		p->sec.m = m;
		p->sec.line = p->line;
		return FD_OK;
	}
	if ((size_t)(ke - kb) != 10 || memcmp(kb, "transition", 10) != 0)
		return workflow_fail(p, p->line,
		                     "unknown section \"%s\"; the sections "
		                     "are [machine NAME] and [transition "
		                     "MACHINE.NAME]",
		                     workflow_show(show, s, (size_t)(e - s)));
	dot = memchr(nb, '.', (size_t)(ne - nb));
	if (!dot || !workflow_name_ok(nb, (size_t)(dot - nb)) ||
	    !workflow_name_ok(dot + 1, (size_t)(ne - dot - 1)))
		return workflow_fail(
		    p, p->line,
		    "\"%s\" is not MACHINE.NAME (two names "
		    "of a-z, 0-9 and _ joined by a dot)",
		    workflow_show(show, nb, (size_t)(ne - nb)));
	m = workflow_parsed(p, nb, (size_t)(dot - nb));
	if (!m)
		return workflow_fail(p, p->line,
		                     "transition of machine \"%.*s\", which is "
		                     "not defined above; define [machine "
		                     "%.*s] first",
		                     (int)(dot - nb), nb, (int)(dot - nb), nb);
	for (size_t i = 0; i < m->ntr; i++)
		if (strlen(m->tr[i].name) == (size_t)(ne - dot - 1) &&
		    memcmp(m->tr[i].name, dot + 1, (size_t)(ne - dot - 1)) == 0)
			return workflow_fail(p, p->line,
			                     "duplicate transition: %s.%s is "
			                     "already defined on line %d",
			                     m->name, m->tr[i].name,
			                     m->tr[i].line);
	if (m->ntr >= WORKFLOW_TR_MAX)
		return workflow_fail(p, p->line,
		                     "machine %s has more than %d transitions",
		                     m->name, WORKFLOW_TR_MAX);
	m->tr = xrealloc(m->tr, (m->ntr + 1) * sizeof(*m->tr));
	memset(&m->tr[m->ntr], 0, sizeof(*m->tr));
	m->tr[m->ntr].name = xstrndup(dot + 1, (size_t)(ne - dot - 1));
	m->tr[m->ntr].line = p->line;
	m->ntr++;
	p->sec.kind = WORKFLOW_SEC_TRANSITION;
	p->sec.m = m;
	p->sec.line = p->line;
	return FD_OK;
}

/* Refuse a state of m that cannot be reached from its initial state. */
static enum fd_status
workflow_reachable(struct workflow_parser *p, const struct wf_machine *m)
{
	bool seen[WORKFLOW_STATES_MAX] = {false};
	size_t queue[WORKFLOW_STATES_MAX], head = 0, tail = 0;

	seen[m->initial] = true;
	queue[tail++] = m->initial;
	while (head < tail) {
		size_t s = queue[head++];

		for (size_t i = 0; i < m->ntr; i++) {
			const struct wf_transition *t = &m->tr[i];

			for (size_t j = 0; j < t->nfrom; j++)
				if (t->from[j] == s && !seen[t->to]) {
					seen[t->to] = true;
					queue[tail++] = t->to;
				}
		}
	}
	for (size_t i = 0; i < m->nstates; i++)
		if (!seen[i])
			return workflow_fail(
			    p, m->states[i].line,
			    "state %s of machine %s cannot be reached from "
			    "the initial state %s; add a transition to it or "
			    "remove it",
			    m->states[i].name, m->name,
			    m->states[m->initial].name);
	return FD_OK;
}

/* Parse the whole file into p->m. */
static enum fd_status
workflow_parse(struct workflow_parser *p)
{
	const char *s, *e;
	enum fd_status st = FD_OK;
	const struct wf_machine *part;
	int r;

	while (st == FD_OK && (r = workflow_next_line(p, &s, &e)) != 0) {
		const char *eq;

		if (r < 0)
			return FD_E_PARSE;
		if (*s == '[') {
			st = workflow_end_section(p);
			if (st == FD_OK)
				st = workflow_header(p, s, e);
			continue;
		}
		eq = memchr(s, '=', (size_t)(e - s));
		if (!eq)
			return workflow_fail(
			    p, p->line,
			    "not a [section] nor a key = value "
			    "line");
		{
			const char *kb = s, *ke = eq, *vb = eq + 1, *ve = e;

			workflow_trim(&kb, &ke);
			workflow_trim(&vb, &ve);
			if (kb == ke)
				return workflow_fail(p, p->line,
				                     "the key before = is "
				                     "missing");
			st = workflow_setting(p, kb, (size_t)(ke - kb), vb,
			                      (size_t)(ve - vb));
		}
	}
	if (st == FD_OK)
		st = workflow_end_section(p);
	for (size_t i = 0; st == FD_OK && i < p->nm; i++)
		st = workflow_reachable(p, &p->m[i]);
	if (st != FD_OK)
		return st;
	part = NULL;
	for (size_t i = 0; i < p->nm; i++)
		if (strcmp(p->m[i].name, "participant") == 0)
			part = &p->m[i];
	if (!part)
		return workflow_fail(p, 0,
		                     "no [machine participant]; the "
		                     "participant screens need it");
	if (strcmp(part->entity, "member") != 0)
		return workflow_fail(p, part->line,
		                     "machine participant must have entity = "
		                     "member");
	return FD_OK;
}

/* Parse a whole definition file held in memory; replace on success. */
enum fd_status
workflow_load_buffer(const char *name, const char *data, size_t len,
                     struct fd_err *err)
{
	struct workflow_parser p;
	enum fd_status st;

	memset(&p, 0, sizeof(p));
	p.file = name;
	p.data = data;
	p.len = len;
	p.err = err;
	if (len > WORKFLOW_SIZE_MAX)
		st = workflow_fail(&p, 0,
		                   "the file is over %u KiB; is this the right "
		                   "file?",
		                   WORKFLOW_SIZE_MAX / 1024);
	else
		st = workflow_parse(&p);
	workflow_section_reset(&p.sec);
	if (st != FD_OK) {
		workflow_machines_free(p.m, p.nm);
		return st;
	}
	workflow_free();
	workflow_machs = p.m;
	workflow_nmachs = p.nm;
	return FD_OK;
}

/* Load the embedded definitions or the file at path. */
enum fd_status
workflow_load(const char *path, struct fd_err *err)
{
	const struct fd_asset *a;
	char *data = NULL;
	size_t len = 0;
	enum fd_status st;

	if (!path || !*path) {
		a = assets_find(WORKFLOW_ASSET);
		if (!a)
			return util_fail_at(err, FD_E_NOTFOUND, WORKFLOW_ASSET,
			                    0,
			                    "not embedded in this build; name "
			                    "a file in the configuration");
		return workflow_load_buffer(WORKFLOW_ASSET,
		                            (const char *)a->data, a->len, err);
	}
	st = util_read_file(path, WORKFLOW_SIZE_MAX, &data, &len, err);
	if (st == FD_OK)
		st = workflow_load_buffer(path, data, len, err);
	free(data);
	return st;
}

/* Drop the loaded machines. */
void
workflow_free(void)
{
	workflow_machines_free(workflow_machs, workflow_nmachs);
	workflow_machs = NULL;
	workflow_nmachs = 0;
}

/* Choose the labels' language. */
void
workflow_set_english(bool en)
{
	workflow_english = en;
}

/* ---- lookups and labels ----------------------------------------------- */

/* The loaded machine called name, or NULL. */
const struct wf_machine *
workflow_machine(const char *name)
{
	for (size_t i = 0; name && i < workflow_nmachs; i++)
		if (strcmp(workflow_machs[i].name, name) == 0)
			return &workflow_machs[i];
	return NULL;
}

/* Every loaded machine and their count. */
const struct wf_machine *
workflow_machines(size_t *n)
{
	*n = workflow_nmachs;
	return workflow_machs;
}

/* The state of m called name, or NULL. */
const struct wf_state *
wf_state_find(const struct wf_machine *m, const char *name)
{
	size_t i = workflow_state_index(m, name);

	return i == (size_t)-1 ? NULL : &m->states[i];
}

/* The transition of m called name, or NULL. */
const struct wf_transition *
wf_transition_find(const struct wf_machine *m, const char *name)
{
	for (size_t i = 0; m && name && i < m->ntr; i++)
		if (strcmp(m->tr[i].name, name) == 0)
			return &m->tr[i];
	return NULL;
}

/* A state's label in the current language, else its name. */
const char *
wf_state_label(const struct wf_machine *m, const char *state)
{
	const struct wf_state *s = wf_state_find(m, state);

	if (!s)
		return state ? state : "";
	return workflow_english ? s->label_en : s->label_zh;
}

/* A transition's label in the current language. */
const char *
wf_transition_label(const struct wf_transition *t)
{
	return workflow_english ? t->label_en : t->label_zh;
}

/* A machine's label in the current language. */
const char *
wf_machine_label(const struct wf_machine *m)
{
	return workflow_english ? m->label_en : m->label_zh;
}

/* ---- engine ----------------------------------------------------------- */

/* The loaded machine called name, or NULL with err filled. */
static const struct wf_machine *
workflow_get(const char *name, struct fd_err *err)
{
	const struct wf_machine *m = workflow_machine(name);

	if (!m)
		fd_fail(err, FD_E_NOTFOUND,
		        "no workflow machine \"%s\" is loaded",
		        name ? name : "");
	return m;
}

/* Fail with SQLite's last error on db as FD_E_DB. */
static enum fd_status
workflow_db_fail(struct fd_db *db, struct fd_err *err)
{
	char *s = trf(MSG_DB_ERROR, sqlite3_errmsg(db_sqlite(db)), NULL);

	fd_fail(err, FD_E_DB, "%s", s);
	free(s);
	return FD_E_DB;
}

/* Refuse an entity id that is not a record number in canonical form. */
static enum fd_status
workflow_check_id(const char *id, struct fd_err *err)
{
	size_t n = id ? strlen(id) : 0;
	char show[WORKFLOW_SHOW_MAX + 8];
	bool ok = n > 0 && n <= WORKFLOW_ID_MAX && id[0] >= '1' && id[0] <= '9';

	for (size_t i = 1; ok && i < n; i++)
		ok = id[i] >= '0' && id[i] <= '9';
	if (ok)
		return FD_OK;
	return fd_fail(err, FD_E_INVALID,
	               "workflow: \"%s\" is not a record number",
	               id ? workflow_show(show, id, n) : "(null)");
}

/* Read the stored state of entity id on m: *state (caller frees; the
 * initial state when none is stored, *found false) and *version. */
static enum fd_status
workflow_read(struct fd_db *db, const struct wf_machine *m, const char *id,
              char **state, int64_t *version, bool *found, struct fd_err *err)
{
	static const char sql[] = "SELECT state, version FROM wf_state"
	                          " WHERE machine = ?1 AND entity_id = ?2";
	sqlite3 *h = db_sqlite(db);
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	int rc;

	*state = NULL;
	*version = 0;
	*found = false;
	rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		*state = xstrdup(s ? s : "");
		*version = sqlite3_column_int64(st, 1);
		*found = true;
	} else if (rc == SQLITE_DONE) {
		*state = xstrdup(m->states[m->initial].name);
	} else {
		status = workflow_db_fail(db, err);
	}
	sqlite3_finalize(st);
	return status;
}

/* Whether entity id of m exists, where its table is known: FD_OK, or
 * FD_E_NOTFOUND with the catalog's text. */
static enum fd_status
workflow_entity_exists(struct fd_db *db, const struct wf_machine *m,
                       const char *id, struct fd_err *err)
{
	const struct wf_entity_def *ent = workflow_entity_find(m->entity);
	sqlite3_stmt *st = NULL;
	enum fd_status status = FD_OK;
	char *sql;
	int rc;

	if (!ent || !ent->table)
		return FD_OK;
	sql = xasprintf("SELECT 1 FROM \"%s\" WHERE id = ?1", ent->table);
	rc = sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, strtoll(id, NULL, 10));
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		status =
		    fd_fail(err, FD_E_NOTFOUND, "%s", tr(MSG_ERR_NOTFOUND));
	else if (rc != SQLITE_ROW)
		status = workflow_db_fail(db, err);
	sqlite3_finalize(st);
	free(sql);
	return status;
}

/* The stored or initial state of an entity. */
enum fd_status
workflow_state(struct fd_db *db, const char *machine, const char *entity_id,
               char **state, struct fd_err *err)
{
	const struct wf_machine *m = workflow_get(machine, err);
	int64_t version;
	bool found;

	*state = NULL;
	if (!m)
		return FD_E_NOTFOUND;
	if (workflow_check_id(entity_id, err) != FD_OK)
		return FD_E_INVALID;
	return workflow_read(db, m, entity_id, state, &version, &found, err);
}

/* Append a reason to sb, after the separator of the current language when
 * sb is not empty. */
static void
workflow_why_add(struct strbuf *sb, const char *why)
{
	if (sb->len)
		strbuf_adds(sb, workflow_english ? "; " : "；");
	strbuf_adds(sb, why);
}

/* The roles of a bit set, as a person reads them. */
char *
workflow_roles_text(unsigned roles)
{
	static const enum staff_role all[] = {
	    ROLE_FRONTDESK, ROLE_TRAINER, ROLE_PLACEMENT, ROLE_SUPERVISOR};
	struct strbuf list = {0};

	for (size_t i = 0; i < FD_ARRAY_LEN(all); i++)
		if (roles & (1u << all[i])) {
			if (list.len)
				strbuf_adds(&list,
				            workflow_english ? ", " : "、");
			strbuf_adds(&list, tr(staff_role_label(all[i])));
		}
	return list.len ? strbuf_take(&list) : xstrdup("");
}

/* Why this session may not take t by its role ("" appended when it may). */
static bool
workflow_role_ok(struct fd_db *db, const struct wf_transition *t,
                 struct strbuf *why)
{
	enum staff_role r = db_role(db);
	char *list, *s;

	if (db_read_only(db)) {
		workflow_why_add(why, tr(MSG_READONLY_REFUSED));
		return false;
	}
	if (r != ROLE_NONE && (t->roles & (1u << r)))
		return true;
	list = workflow_roles_text(t->roles);
	s = trf(MSG_WF_WHY_ROLE, tr(staff_role_label(r)), list);
	workflow_why_add(why, s);
	free(s);
	free(list);
	return false;
}

/* Whether this session may take t for entity id now: its role, then every
 * guard (all of them, so every reason is told). *why gets the reasons
 * ("" when allowed; caller frees). */
static bool
workflow_allowed(struct fd_db *db, const struct wf_transition *t,
                 const char *id, char **why)
{
	struct strbuf sb = {0};
	bool ok = workflow_role_ok(db, t, &sb);

	for (size_t i = 0; i < t->nguards; i++) {
		const struct wf_guard_def *g =
		    workflow_guard_find(t->guards[i]);
		char *w = NULL;

		if (g && g->fn(db, id, &w)) {
			free(w);
			continue;
		}
		ok = false;
		workflow_why_add(&sb, w && *w ? w : t->guards[i]);
		free(w);
	}
	*why = strbuf_take(&sb);
	return ok;
}

/* Whether t may be taken from state index s. */
static bool
workflow_leaves(const struct wf_transition *t, size_t s)
{
	for (size_t i = 0; i < t->nfrom; i++)
		if (t->from[i] == s)
			return true;
	return false;
}

/* The transitions leaving the current state, each allowed or why not. */
enum fd_status
workflow_actions(struct fd_db *db, const char *machine, const char *entity_id,
                 char **state, struct wf_action **out, size_t *n,
                 struct fd_err *err)
{
	const struct wf_machine *m = workflow_get(machine, err);
	struct wf_action *v = NULL;
	size_t nv = 0, s;
	char *cur = NULL;
	int64_t version;
	bool found;
	enum fd_status st;

	*out = NULL;
	*n = 0;
	if (state)
		*state = NULL;
	if (!m)
		return FD_E_NOTFOUND;
	st = workflow_check_id(entity_id, err);
	if (st == FD_OK)
		st = workflow_entity_exists(db, m, entity_id, err);
	if (st == FD_OK)
		st = workflow_read(db, m, entity_id, &cur, &version, &found,
		                   err);
	if (st != FD_OK)
		goto out;
	s = workflow_state_index(m, cur);
	for (size_t i = 0; s != (size_t)-1 && i < m->ntr; i++) {
		if (!workflow_leaves(&m->tr[i], s))
			continue;
		v = xrealloc(v, (nv + 1) * sizeof(*v));
		v[nv].t = &m->tr[i];
		v[nv].allowed =
		    workflow_allowed(db, &m->tr[i], entity_id, &v[nv].why);
		nv++;
	}
	*out = v;
	*n = nv;
	if (state) {
		*state = cur;
		cur = NULL;
	}
out:
	free(cur);
	return st;
}

/* Free a list from workflow_actions. */
void
wf_actions_free(struct wf_action *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(a[i].why);
	free(a);
}

/* Fill err with who moved entity id of m to state cur, and when. */
static enum fd_status
workflow_conflict(struct fd_db *db, const struct wf_machine *m, const char *id,
                  const char *cur, struct fd_err *err)
{
	static const char sql[] =
	    "SELECT login, strftime('%Y-%m-%d %H:%M', at, 'localtime')"
	    " FROM wf_history WHERE machine = ?1 AND entity_id = ?2"
	    " ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *login = (const char *)sqlite3_column_text(st, 0);
		const char *when = (const char *)sqlite3_column_text(st, 1);
		const char *args[] = {wf_state_label(m, cur),
		                      login ? login : "", when ? when : ""};
		char *s = msg_format(tr(MSG_WF_CONFLICT), 3, args);

		fd_fail(err, FD_E_CONFLICT, "%s", s);
		free(s);
	} else {
		fd_fail(err, FD_E_CONFLICT, "%s", tr(MSG_ERR_CONFLICT));
	}
	sqlite3_finalize(st);
	return FD_E_CONFLICT;
}

/* reason without surrounding blanks and newlines. Caller frees. */
static char *
workflow_reason_trim(const char *reason)
{
	const char *s = reason ? reason : "";
	const char *e = s + strlen(s);

	while (s < e && (workflow_is_blank((unsigned char)*s) || *s == '\n'))
		s++;
	while (e > s &&
	       (workflow_is_blank((unsigned char)e[-1]) || e[-1] == '\n'))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

/* What one move writes. */
struct workflow_move {
	const struct wf_machine *m;
	const char *id;
	const char *from; /* the state read in the transaction */
	int64_t version;  /* its version (found) */
	bool found;       /* a wf_state row exists */
	const char *to;
	const char *transition; /* "" for an override */
	const char *reason;
	bool override;
};

/* Write the new state and the history row of mv through t. */
static enum fd_status
workflow_write(struct fd_txn *t, const struct workflow_move *mv,
               struct fd_err *err)
{
	struct fd_db *db = txn_db(t);
	char *now = db_now(db);
	char *key = xasprintf("%s:%s", mv->m->name, mv->id);
	char ver[24], next[24];
	enum fd_status st;

	snprintf(ver, sizeof(ver), "%" PRId64, mv->version);
	snprintf(next, sizeof(next), "%" PRId64, mv->version + 1);
	if (mv->found) {
		const struct txn_field expect[] = {{"state", mv->from},
		                                   {"version", ver}};
		const struct txn_field f[] = {
		    {"state", mv->to}, {"version", next}, {"updated_at", now}};

		st = txn_update_if(t, "wf_state", "key", key, expect,
		                   FD_ARRAY_LEN(expect), f, FD_ARRAY_LEN(f),
		                   err);
	} else {
		const struct txn_field f[] = {{"key", key},
		                              {"machine", mv->m->name},
		                              {"entity", mv->m->entity},
		                              {"entity_id", mv->id},
		                              {"state", mv->to},
		                              {"updated_at", now}};

		st = txn_insert(t, "wf_state", "key", f, FD_ARRAY_LEN(f), err);
	}
	if (st == FD_OK) {
		const struct txn_field h[] = {
		    {"at", now},
		    {"login", db_login(db)},
		    {"machine", mv->m->name},
		    {"entity_id", mv->id},
		    {"from_state", mv->from},
		    {"to_state", mv->to},
		    {"transition", mv->transition},
		    {"reason", mv->reason},
		    {"override", mv->override ? "1" : "0"},
		};

		st = txn_insert(t, "wf_history", "id", h, FD_ARRAY_LEN(h), err);
	}
	free(key);
	free(now);
	return st;
}

/* Run the effects of wt for entity id through t. */
static enum fd_status
workflow_effects(struct fd_txn *t, const struct wf_transition *wt,
                 const char *id, struct fd_err *err)
{
	enum fd_status st = FD_OK;

	for (size_t i = 0; st == FD_OK && i < wt->neffects; i++) {
		const struct wf_effect_def *e =
		    workflow_effect_find(wt->effects[i]);

		if (e)
			st = e->fn(t, id, err);
	}
	return st;
}

/* The machine and transition of a move, after the checks that need no
 * database: both exist, the entity id is a record number, a reason is
 * there if required (text: reason trimmed). */
static enum fd_status
workflow_apply_args(const char *machine, const char *entity_id,
                    const char *name, const char *text,
                    const struct wf_machine **m,
                    const struct wf_transition **wt, struct fd_err *err)
{
	*wt = NULL;
	*m = workflow_get(machine, err);
	if (!*m)
		return FD_E_NOTFOUND;
	*wt = wf_transition_find(*m, name);
	if (!*wt)
		return fd_fail(err, FD_E_NOTFOUND,
		               "workflow %s has no transition \"%s\"",
		               (*m)->name, name ? name : "");
	if (workflow_check_id(entity_id, err) != FD_OK)
		return FD_E_INVALID;
	if ((*wt)->reason && !*text)
		return fd_fail(err, FD_E_INVALID, "%s",
		               tr(MSG_WF_REASON_NEEDED));
	return FD_OK;
}

/* Move an entity along a transition inside the caller's transaction. */
enum fd_status
workflow_apply_in(struct fd_txn *t, const char *machine, const char *entity_id,
                  const char *name, const char *expected, const char *reason,
                  struct fd_err *err)
{
	struct fd_db *db = txn_db(t);
	const struct wf_machine *m;
	const struct wf_transition *wt;
	struct workflow_move mv;
	char *why = NULL, *cur = NULL, *note = NULL;
	char *text = workflow_reason_trim(reason);
	enum fd_status st;

	memset(&mv, 0, sizeof(mv));
	st = workflow_apply_args(machine, entity_id, name, text, &m, &wt, err);
	if (st != FD_OK)
		goto out;
	st = workflow_read(db, m, entity_id, &cur, &mv.version, &mv.found, err);
	if (st != FD_OK)
		goto out;
	if (expected && strcmp(cur, expected) != 0) {
		st = workflow_conflict(db, m, entity_id, cur, err);
		goto out;
	}
	if (!workflow_leaves(wt, workflow_state_index(m, cur))) {
		char *s = trf(MSG_WF_NOT_FROM, wf_transition_label(wt),
		              wf_state_label(m, cur));

		st = fd_fail(err, FD_E_INVALID, "%s", s);
		free(s);
		goto out;
	}
	st = workflow_entity_exists(db, m, entity_id, err);
	if (st != FD_OK)
		goto out;
	if (!workflow_allowed(db, wt, entity_id, &why)) {
		st = fd_fail(err, FD_E_DENIED, "%s", why);
		goto out;
	}
	note = *text ? xasprintf("workflow %s.%s: %s", m->name, wt->name, text)
	             : xasprintf("workflow %s.%s", m->name, wt->name);
	txn_note(t, note);
	mv.m = m;
	mv.id = entity_id;
	mv.from = cur;
	mv.to = m->states[wt->to].name;
	mv.transition = wt->name;
	mv.reason = text;
	st = workflow_write(t, &mv, err);
	if (st == FD_OK)
		st = workflow_effects(t, wt, entity_id, err);
	txn_note(t, NULL);
out:
	free(why);
	free(cur);
	free(note);
	free(text);
	return st;
}

/* Record a step that leaves the entity where it is. */
enum fd_status
workflow_record_in(struct fd_txn *t, const char *machine,
                   const char *entity_id, const char *name,
                   const char *reason, struct fd_err *err)
{
	struct fd_db *db = txn_db(t);
	const struct wf_machine *m;
	const struct wf_transition *wt;
	struct workflow_move mv;
	struct strbuf why = {0};
	char *cur = NULL, *note = NULL;
	char *text = workflow_reason_trim(reason);
	enum fd_status st;

	memset(&mv, 0, sizeof(mv));
	st = workflow_apply_args(machine, entity_id, name, text, &m, &wt, err);
	if (st == FD_OK)
		st = workflow_read(db, m, entity_id, &cur, &mv.version,
		                   &mv.found, err);
	if (st == FD_OK)
		st = workflow_entity_exists(db, m, entity_id, err);
	if (st != FD_OK)
		goto out;
	if (!workflow_role_ok(db, wt, &why)) {
		st = fd_fail(err, FD_E_DENIED, "%s", why.buf ? why.buf : "");
		goto out;
	}
	note = *text ? xasprintf("workflow %s.%s: %s", m->name, wt->name, text)
	             : xasprintf("workflow %s.%s", m->name, wt->name);
	txn_note(t, note);
	{
		char *now = db_now(db);
		const struct txn_field h[] = {
		    {"at", now},
		    {"login", db_login(db)},
		    {"machine", m->name},
		    {"entity_id", entity_id},
		    {"from_state", cur},
		    {"to_state", cur},
		    {"transition", wt->name},
		    {"reason", text},
		    {"override", "0"},
		};

		st = txn_insert(t, "wf_history", "id", h, FD_ARRAY_LEN(h), err);
		free(now);
	}
	txn_note(t, NULL);
out:
	strbuf_free(&why);
	free(cur);
	free(note);
	free(text);
	return st;
}

/* Whether t leaves the state called state of m. */
bool
wf_transition_leaves(const struct wf_machine *m, const struct wf_transition *t,
                     const char *state)
{
	size_t s = m && t && state ? workflow_state_index(m, state) : (size_t)-1;

	return s != (size_t)-1 && workflow_leaves(t, s);
}

/* Move an entity along a transition in one IMMEDIATE transaction. */
enum fd_status
workflow_apply(struct fd_db *db, const char *machine, const char *entity_id,
               const char *name, const char *expected, const char *reason,
               struct fd_err *err)
{
	const struct wf_machine *m;
	const struct wf_transition *wt;
	struct fd_txn *t = NULL;
	char *text = workflow_reason_trim(reason);
	enum fd_status st;

	st = workflow_apply_args(machine, entity_id, name, text, &m, &wt, err);
	if (st == FD_OK)
		st = txn_begin(db, &t, err);
	if (st == FD_OK)
		st = workflow_apply_in(t, machine, entity_id, name, expected,
		                       reason, err);
	if (st == FD_OK) {
		st = txn_commit(t, err);
		t = NULL;
	}
	txn_rollback(t);
	free(text);
	return st;
}

/* After an override into `to`: the effects of the steps leading there
 * that keep something in step with the state (on_override), each once. */
static enum fd_status
workflow_override_effects(struct fd_txn *t, const struct wf_machine *m,
                          const struct wf_state *to, const char *id,
                          struct fd_err *err)
{
	const struct wf_effect_def *done[8];
	size_t ndone = 0;
	enum fd_status st = FD_OK;

	for (size_t i = 0; st == FD_OK && i < m->ntr; i++) {
		const struct wf_transition *wt = &m->tr[i];

		if (&m->states[wt->to] != to)
			continue;
		for (size_t k = 0; st == FD_OK && k < wt->neffects; k++) {
			const struct wf_effect_def *e =
			    workflow_effect_find(wt->effects[k]);
			bool seen = false;

			for (size_t j = 0; j < ndone; j++)
				seen = seen || done[j] == e;
			if (!e || !e->on_override || seen)
				continue;
			st = e->on_override(t, id, err);
			if (ndone < FD_ARRAY_LEN(done))
				done[ndone++] = e;
		}
	}
	return st;
}

/* Put an entity in any state (supervisor, with a reason). */
enum fd_status
workflow_override(struct fd_db *db, const char *machine, const char *entity_id,
                  const char *to_state, const char *reason, struct fd_err *err)
{
	const struct wf_machine *m = workflow_get(machine, err);
	const struct wf_state *to;
	struct workflow_move mv;
	struct fd_txn *t = NULL;
	char *cur = NULL, *note = NULL;
	char *text = workflow_reason_trim(reason);
	enum fd_status st;

	memset(&mv, 0, sizeof(mv));
	if (!m) {
		st = FD_E_NOTFOUND;
		goto out;
	}
	st = workflow_check_id(entity_id, err);
	if (st != FD_OK)
		goto out;
	if (db_role(db) != ROLE_SUPERVISOR) {
		st = fd_fail(err, FD_E_DENIED, "%s", tr(MSG_WF_OVERRIDE_ONLY));
		goto out;
	}
	to = wf_state_find(m, to_state);
	if (!to) {
		char *list = workflow_state_list(m);

		st = fd_fail(err, FD_E_INVALID,
		             "workflow %s has no state \"%s\" (states: %s)",
		             m->name, to_state ? to_state : "", list);
		free(list);
		goto out;
	}
	if (!*text) {
		st = fd_fail(err, FD_E_INVALID, "%s", tr(MSG_WF_REASON_NEEDED));
		goto out;
	}
	st = txn_begin(db, &t, err);
	if (st != FD_OK)
		goto out;
	st = workflow_read(db, m, entity_id, &cur, &mv.version, &mv.found, err);
	if (st == FD_OK)
		st = workflow_entity_exists(db, m, entity_id, err);
	if (st != FD_OK)
		goto out;
	if (strcmp(cur, to->name) == 0) {
		char *s =
		    trf(MSG_WF_OVERRIDE_SAME, wf_state_label(m, cur), NULL);

		st = fd_fail(err, FD_E_INVALID, "%s", s);
		free(s);
		goto out;
	}
	note = xasprintf("workflow %s override: %s", m->name, text);
	txn_note(t, note);
	mv.m = m;
	mv.id = entity_id;
	mv.from = cur;
	mv.to = to->name;
	mv.transition = "";
	mv.reason = text;
	mv.override = true;
	st = workflow_write(t, &mv, err);
	if (st == FD_OK)
		st = workflow_override_effects(t, m, to, entity_id, err);
	if (st == FD_OK) {
		st = txn_commit(t, err);
		t = NULL;
	}
out:
	txn_rollback(t);
	free(cur);
	free(note);
	free(text);
	return st;
}

/* Column i of st as a new string ("" for NULL). */
static char *
workflow_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return xstrdup(s ? s : "");
}

/* The moves of an entity, oldest first. */
enum fd_status
workflow_history(struct fd_db *db, const char *machine, const char *entity_id,
                 struct wf_event **out, size_t *n, struct fd_err *err)
{
	static const char sql[] =
	    "SELECT at, login, from_state, to_state, transition, reason,"
	    " override FROM wf_history"
	    " WHERE machine = ?1 AND entity_id = ?2 ORDER BY id";
	const struct wf_machine *m = workflow_get(machine, err);
	struct wf_event *v = NULL;
	sqlite3_stmt *st = NULL;
	size_t nv = 0;
	enum fd_status status = FD_OK;
	int rc;

	*out = NULL;
	*n = 0;
	if (!m)
		return FD_E_NOTFOUND;
	if (workflow_check_id(entity_id, err) != FD_OK)
		return FD_E_INVALID;
	rc = sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, entity_id, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct wf_event *e;

		v = xrealloc(v, (nv + 1) * sizeof(*v));
		e = &v[nv++];
		e->at = workflow_col(st, 0);
		e->login = workflow_col(st, 1);
		e->from = workflow_col(st, 2);
		e->to = workflow_col(st, 3);
		e->transition = workflow_col(st, 4);
		e->reason = workflow_col(st, 5);
		e->override = sqlite3_column_int(st, 6) != 0;
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		status = workflow_db_fail(db, err);
		wf_history_free(v, nv);
		v = NULL;
		nv = 0;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = nv;
	return status;
}

/* Free a list from workflow_history. */
void
wf_history_free(struct wf_event *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].at);
		free(e[i].login);
		free(e[i].from);
		free(e[i].to);
		free(e[i].transition);
		free(e[i].reason);
	}
	free(e);
}

/* ---- Graphviz --------------------------------------------------------- */

/* Append s to sb as the inside of a DOT quoted string. */
static void
workflow_dot_str(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_add(sb, "\\", 1);
		strbuf_add(sb, s, 1);
	}
}

/* Append the names v[0..n) joined by ", " as a DOT label line. */
static void
workflow_dot_list(struct strbuf *sb, const char *what, char *const *v, size_t n)
{
	if (n == 0)
		return;
	strbuf_addf(sb, "\\n%s: ", what);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_adds(sb, ", ");
		workflow_dot_str(sb, v[i]);
	}
}

/* A machine as Graphviz DOT. */
enum fd_status
workflow_dot(const char *machine, struct strbuf *out, struct fd_err *err)
{
	static const enum staff_role roles[] = {
	    ROLE_FRONTDESK, ROLE_TRAINER, ROLE_PLACEMENT, ROLE_SUPERVISOR};
	const struct wf_machine *m = workflow_get(machine, err);

	if (!m)
		return FD_E_NOTFOUND;
	strbuf_addf(out, "digraph \"%s\" {\n\tlabel=\"", m->name);
	workflow_dot_str(out, wf_machine_label(m));
	strbuf_addf(out, " (%s, entity %s)\";\n", m->name, m->entity);
	strbuf_adds(out, "\tlabelloc=t;\n\trankdir=LR;\n"
	                 "\tnode [shape=box, style=rounded];\n");
	for (size_t i = 0; i < m->nstates; i++) {
		const struct wf_state *s = &m->states[i];

		strbuf_addf(out, "\t\"%s\" [label=\"", s->name);
		workflow_dot_str(out, wf_state_label(m, s->name));
		strbuf_addf(out, "\\n%s\"%s];\n", s->name,
		            i == m->initial ? ", style=\"rounded,bold\"" : "");
	}
	for (size_t i = 0; i < m->ntr; i++) {
		const struct wf_transition *t = &m->tr[i];
		bool first = true;

		for (size_t j = 0; j < t->nfrom; j++) {
			strbuf_addf(out, "\t\"%s\" -> \"%s\" [label=\"",
			            m->states[t->from[j]].name,
			            m->states[t->to].name);
			workflow_dot_str(out, wf_transition_label(t));
			strbuf_addf(out, " (%s)\\nroles: ", t->name);
			first = true;
			for (size_t r = 0; r < FD_ARRAY_LEN(roles); r++)
				if (t->roles & (1u << roles[r])) {
					strbuf_addf(out, "%s%s",
					            first ? "" : ", ",
					            staff_role_name(roles[r]));
					first = false;
				}
			workflow_dot_list(out, "guards", t->guards, t->nguards);
			workflow_dot_list(out, "effects", t->effects,
			                  t->neffects);
			if (t->reason)
				strbuf_adds(out, "\\nreason required");
			strbuf_adds(out, "\"];\n");
		}
	}
	strbuf_adds(out, "}\n");
	return FD_OK;
}
