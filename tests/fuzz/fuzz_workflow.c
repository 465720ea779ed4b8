/*
 * Fuzz target: workflow_load_buffer over the raw input (not
 * NUL-terminated, may hold NULs): the line reader, sections, settings,
 * names, labels, lists and every check of the loader.
 *
 * Checks, beyond "no crash, no leak":
 * - A failure is FD_E_PARSE with one line, valid UTF-8 without control
 *   characters, that starts with the file name; nothing is loaded after it
 *   (each run starts with nothing loaded).
 * - A success gives what the engine relies on: a participant machine on
 *   entity member; every name matches [a-z][a-z0-9_]{0,31} and is found by
 *   its lookup; labels are clean and non-empty; indexes are in range; a
 *   transition changes the state, names a role, and its guards and effects
 *   are in the tables; transition names are unique in a machine and no two
 *   transitions join the same pair of states; every state is reachable from
 *   the initial one; the DOT output names every state and has one edge per
 *   (from, to).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "frontdesk/util.h"
#include "frontdesk/workflow.h"

#define FUZZ_TARGET "fuzz_workflow"
#include "fuzz_common.h"

#define FUZZ_NAME "fuzz.ini"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether s is a name as the loader accepts them. */
static int
fuzz_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32 || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* Whether the guard (effect when effect) called name is registered. */
static int
fuzz_rule(const char *name, int effect)
{
	size_t n = effect ? wf_neffects : wf_nguards;

	for (size_t i = 0; i < n; i++)
		if (strcmp(effect ? wf_effects[i].name : wf_guards[i].name,
		           name) == 0)
			return 1;
	return 0;
}

/* The invariants of one loaded machine. */
static void
fuzz_machine(const struct wf_machine *m)
{
	unsigned char seen[64] = {0};
	size_t queue[64], head = 0, tail = 0, edges = 0, found = 0;
	struct strbuf dot = {0};
	struct fd_err err;

	fuzz_check(fuzz_name(m->name), "machine name", m->name);
	fuzz_check(workflow_machine(m->name) == m, "machine lookup", m->name);
	fuzz_check(fuzz_name(m->entity), "entity", m->name);
	fuzz_check(*m->label_zh && fuzz_clean(m->label_zh, 0) && *m->label_en &&
	               fuzz_clean(m->label_en, 0),
	           "machine label", m->name);
	fuzz_check(m->nstates > 0 && m->nstates <= 64, "state count", m->name);
	fuzz_check(m->initial < m->nstates, "initial", m->name);
	for (size_t i = 0; i < m->nstates; i++) {
		const struct wf_state *s = &m->states[i];

		fuzz_check(fuzz_name(s->name), "state name", s->name);
		fuzz_check(wf_state_find(m, s->name) == s, "state lookup",
		           s->name);
		fuzz_check(*s->label_zh && fuzz_clean(s->label_zh, 0) &&
		               *s->label_en && fuzz_clean(s->label_en, 0),
		           "state label", s->name);
		fuzz_check(s->line > 0, "state line", s->name);
	}
	for (size_t i = 0; i < m->ntr; i++) {
		const struct wf_transition *t = &m->tr[i];

		fuzz_check(fuzz_name(t->name), "transition name", t->name);
		fuzz_check(wf_transition_find(m, t->name) == t,
		           "transition names unique", t->name);
		fuzz_check(*t->label_zh && fuzz_clean(t->label_zh, 0) &&
		               *t->label_en && fuzz_clean(t->label_en, 0),
		           "transition label", t->name);
		fuzz_check(t->to < m->nstates && t->nfrom > 0, "to", t->name);
		fuzz_check(t->roles != 0 && (t->roles & 1u) == 0, "roles",
		           t->name);
		for (size_t j = 0; j < t->nfrom; j++) {
			fuzz_check(t->from[j] < m->nstates &&
			               t->from[j] != t->to,
			           "from", t->name);
			for (size_t k = 0; k < i; k++)
				for (size_t l = 0; l < m->tr[k].nfrom; l++)
					fuzz_check(m->tr[k].to != t->to ||
					               m->tr[k].from[l] !=
					                   t->from[j],
					           "pairs unique", t->name);
		}
		for (size_t j = 0; j < t->nguards; j++)
			fuzz_check(fuzz_rule(t->guards[j], 0), "guard",
			           t->guards[j]);
		for (size_t j = 0; j < t->neffects; j++)
			fuzz_check(fuzz_rule(t->effects[j], 1), "effect",
			           t->effects[j]);
		edges += t->nfrom;
	}
	seen[m->initial] = 1;
	queue[tail++] = m->initial;
	while (head < tail) {
		size_t s = queue[head++];

		for (size_t i = 0; i < m->ntr; i++)
			for (size_t j = 0; j < m->tr[i].nfrom; j++)
				if (m->tr[i].from[j] == s &&
				    !seen[m->tr[i].to]) {
					seen[m->tr[i].to] = 1;
					queue[tail++] = m->tr[i].to;
				}
	}
	fuzz_check(tail == m->nstates, "every state reachable", m->name);

	fuzz_check(workflow_dot(m->name, &dot, &err) == FD_OK, "dot", m->name);
	for (size_t i = 0; i < m->nstates; i++) {
		char node[48];

		snprintf(node, sizeof(node), "\t\"%s\" [label=\"",
		         m->states[i].name);
		fuzz_check(strstr(dot.buf, node) != NULL, "dot state",
		           m->states[i].name);
	}
	/* An edge line is \t"FROM" -> "TO" [...]: names hold no quote, so
	 * a quote inside a label (escaped) cannot be taken for one. */
	for (const char *p = dot.buf; p && *p; p = strchr(p, '\n')) {
		const char *q;

		if (*p == '\n')
			p++;
		if (strncmp(p, "\t\"", 2) != 0)
			continue;
		q = strchr(p + 2, '"');
		if (q && strncmp(q, "\" -> \"", 6) == 0)
			found++;
	}
	fuzz_check(found == edges, "dot edges", m->name);
	strbuf_free(&dot);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fd_err err;
	enum fd_status st;

	fuzz_init();
	err.msg[0] = '\0';
	st = workflow_load_buffer(FUZZ_NAME, (const char *)data, size, &err);
	if (st == FD_OK) {
		size_t n;
		const struct wf_machine *all = workflow_machines(&n);
		const struct wf_machine *p = workflow_machine("participant");

		fuzz_check(p != NULL && strcmp(p->entity, "member") == 0,
		           "participant on member", "");
		for (size_t i = 0; i < n; i++)
			fuzz_machine(&all[i]);
	} else {
		fuzz_check(st == FD_E_PARSE, "status", err.msg);
		fuzz_check(
		    strncmp(err.msg, FUZZ_NAME ":", strlen(FUZZ_NAME) + 1) == 0,
		    "message names the file", err.msg);
		fuzz_check(fuzz_clean(err.msg, 0), "message one printable line",
		           err.msg);
		fuzz_check(workflow_machine("participant") == NULL,
		           "nothing loaded after a failure", err.msg);
	}
	workflow_free();
	return 0;
}
