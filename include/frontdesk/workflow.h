/*
 * The workflow engine: the paths of participants, cohorts, placements and
 * stores as state machines defined in data (assets/workflow.ini, whose
 * format is documented in the file itself), not in screens.
 *
 * A machine has states (with Chinese and English labels), an initial state
 * and named transitions; a transition leaves one or more states for one
 * state, names the staff roles that may take it, its guards (named
 * predicates that must hold: "household verified") and effects (named
 * writes done in the same transaction: "mark participant"), and whether a
 * reason must be given. Guards and effects are C functions registered by
 * name in src/workflow_rules.c: adding one is one line in a table and the
 * function. A definition file that names an unknown state, guard, effect,
 * role or entity, leaves a state unreachable, repeats a transition, lacks
 * an initial state or has a malformed line or an unknown key is refused
 * with "FILE:LINE: ...", and the program does not start.
 *
 * The current state of an entity lives in table wf_state (no row: the
 * machine's initial state); every move, who, when, from, to, why, is a row
 * of wf_history. Both are written through the door (txn.h), so they are
 * audited as well. A move is one IMMEDIATE transaction that re-reads the
 * state, re-checks role and guards, writes state and history and runs the
 * effects: two sessions racing for the same move give one success and one
 * FD_E_CONFLICT that names who moved it, when, and where to.
 *
 * Loaded machines are process-wide, like the code lists; pointers handed
 * out stay valid until the next successful load or workflow_free().
 */
#ifndef FRONTDESK_WORKFLOW_H
#define FRONTDESK_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/db.h"
#include "frontdesk/staff.h"
#include "frontdesk/status.h"
#include "frontdesk/util.h"

struct fd_txn;

struct wf_state {
	char *name;     /* "registered" */
	char *label_zh; /* 已登记 */
	char *label_en; /* Registered */
	int line;       /* the line of its label in the definition file */
};

struct wf_transition {
	char *name; /* "verify", unique within its machine */
	char *label_zh;
	char *label_en;
	size_t *from; /* indexes into the machine's states */
	size_t nfrom;
	size_t to;
	unsigned roles; /* bit (1u << enum staff_role) per allowed role */
	char **guards;  /* names, each registered in workflow_rules.c */
	size_t nguards;
	char **effects; /* names, each registered in workflow_rules.c */
	size_t neffects;
	bool reason; /* a reason must be given */
	int line;    /* the line of its [transition ...] header */
};

struct wf_machine {
	char *name;     /* "participant" */
	char *entity;   /* what entity_id names: "member" for participant */
	char *label_zh; /* the machine's own label (its name if none given) */
	char *label_en;
	struct wf_state *states; /* in file order */
	size_t nstates;
	size_t initial;           /* index into states */
	struct wf_transition *tr; /* in file order */
	size_t ntr;
	int line; /* the line of its [machine ...] header */
};

/* Load the definitions from the file at path, or the embedded
 * assets/workflow.ini when path is NULL or "". Replaces the loaded
 * machines only on success. Errors: FD_E_PARSE "FILE:LINE: what is wrong
 * and what to do", FD_E_IO "FILE: cannot open ...". */
enum fd_status
workflow_load(const char *path, struct fd_err *err);

/* Same from len bytes at data (need not be NUL-terminated; tests and the
 * fuzzer); name stands for the file in messages. */
enum fd_status
workflow_load_buffer(const char *name, const char *data, size_t len,
                     struct fd_err *err);

/* Drop the loaded machines. */
void
workflow_free(void);

/* Labels in English instead of Chinese (ui.language = en). */
void
workflow_set_english(bool en);

/* The loaded machine called name, or NULL. */
const struct wf_machine *
workflow_machine(const char *name);

/* Every loaded machine, in file order; *n gets the count. */
const struct wf_machine *
workflow_machines(size_t *n);

/* The state or transition of m called name, or NULL (m may be NULL). */
const struct wf_state *
wf_state_find(const struct wf_machine *m, const char *name);
const struct wf_transition *
wf_transition_find(const struct wf_machine *m, const char *name);

/* The label of state in the current language; the name itself when m has
 * no such state (a state stored before the definitions changed). Never
 * NULL (NULL state gives ""). */
const char *
wf_state_label(const struct wf_machine *m, const char *state);

/* The label of a transition or a machine in the current language. */
const char *
wf_transition_label(const struct wf_transition *t);
const char *
wf_machine_label(const struct wf_machine *m);

/* The current state of an entity (the machine's initial state if none is
 * stored). FD_E_NOTFOUND for an unknown machine. Caller frees *state. */
enum fd_status
workflow_state(struct fd_db *db, const char *machine, const char *entity_id,
               char **state, struct fd_err *err);

struct wf_action {
	const struct wf_transition *t;
	bool allowed; /* this session may take it now */
	char *why;    /* "" when allowed; else every reason it is blocked, in
	               * the current language, joined: "household not
	               * verified; aged 52: outside the program's ages" */
};

/* Every transition leaving the entity's current state (*state, caller
 * frees; may be NULL if not wanted), in file order, each with whether this
 * session's login and role may take it now and why not: a read-only
 * session, a role the transition does not list, each guard that does not
 * hold. Nothing is written. Caller frees *out with wf_actions_free. */
enum fd_status
workflow_actions(struct fd_db *db, const char *machine, const char *entity_id,
                 char **state, struct wf_action **out, size_t *n,
                 struct fd_err *err);
void
wf_actions_free(struct wf_action *a, size_t n);

/* Apply transition `name` to the entity in ONE IMMEDIATE transaction:
 * the state is re-read and must still be `expected` (what the person saw;
 * NULL: whatever it is), else FD_E_CONFLICT "already moved to X by LOGIN
 * at TIME"; the transition must leave that state (FD_E_INVALID); the
 * session's role and every guard are checked again (FD_E_DENIED with the
 * reasons); a reason must be given if the transition says so
 * (FD_E_INVALID); the entity must exist where its table is known
 * (FD_E_NOTFOUND). Then state and history are written and the effects run,
 * all in that transaction; the audit note of its rows is "workflow
 * MACHINE.NAME: REASON". reason may be NULL; it is stored trimmed.
 * FD_E_READONLY / FD_E_BUSY as txn_begin gives them. */
enum fd_status
workflow_apply(struct fd_db *db, const char *machine, const char *entity_id,
               const char *name, const char *expected, const char *reason,
               struct fd_err *err);

/* workflow_apply inside the caller's open transaction t (for an effect
 * or a later module that moves entities as part of a larger write, e.g.
 * enrolling from the waitlist): the same checks and writes, no begin or
 * commit; on failure the caller rolls t back. t's audit note is cleared
 * afterwards. */
enum fd_status
workflow_apply_in(struct fd_txn *t, const char *machine, const char *entity_id,
                  const char *name, const char *expected, const char *reason,
                  struct fd_err *err);

/* Inside t: record in the entity's history a step of transition `name`
 * that leaves its state as it is (from = to = the current state): a
 * trainee already enrolled in one cohort who moves up from the waitlist
 * of another is enrolled once more, and that belongs in their history
 * though the path does not move. The session's role is checked as for
 * the transition (FD_E_DENIED); its guards and effects are not run (the
 * caller did what the step stands for). reason may be NULL. */
enum fd_status
workflow_record_in(struct fd_txn *t, const char *machine,
                   const char *entity_id, const char *name,
                   const char *reason, struct fd_err *err);

/* Whether transition t of machine m may be taken from state (by name). */
bool
wf_transition_leaves(const struct wf_machine *m, const struct wf_transition *t,
                     const char *state);

/* The roles in the bit set roles (bit 1u << enum staff_role) as a person
 * reads them, in the current language: "培训师、主管". Caller frees. */
char *
workflow_roles_text(unsigned roles);

/* Supervisors only (FD_E_DENIED): put the entity in state to_state,
 * whatever the transitions say, without guards or effects; the reason is
 * mandatory (FD_E_INVALID) and the move is recorded as an override. An
 * unknown state, or the state it is already in, is FD_E_INVALID. */
enum fd_status
workflow_override(struct fd_db *db, const char *machine, const char *entity_id,
                  const char *to_state, const char *reason, struct fd_err *err);

struct wf_event {
	char *at; /* UTC ISO-8601, as every timestamp in the database */
	char *login;
	char *from; /* state names (labels: wf_state_label) */
	char *to;
	char *transition; /* its name; "" for an override */
	char *reason;     /* "" when none was given */
	bool override;
};

/* The entity's history, oldest first. Never NULL strings. Caller frees
 * with wf_history_free. */
enum fd_status
workflow_history(struct fd_db *db, const char *machine, const char *entity_id,
                 struct wf_event **out, size_t *n, struct fd_err *err);
void
wf_history_free(struct wf_event *e, size_t n);

/* Graphviz DOT of a machine, appended to out: every state with its label
 * (the initial one drawn bold), every transition an edge with its label,
 * roles, guards, effects and whether a reason is required. FD_E_NOTFOUND
 * for an unknown machine. */
enum fd_status
workflow_dot(const char *machine, struct strbuf *out, struct fd_err *err);

/*
 * For workflow.c and workflow_rules.c alone: the tables of named guards,
 * effects and entities that definition files may name.
 *
 * A guard tells whether a transition may be taken for entity_id now; when
 * it does not hold it sets *why to the reason in the current language
 * (caller frees). It only reads; inside workflow_apply, db is the
 * transaction's connection, so it sees the transaction's writes.
 * An effect writes through t, the transition's own transaction; a failure
 * rolls the whole transition back.
 * An entity names the table whose "id" column entity_id is (table NULL:
 * not checked until that table exists).
 */
struct wf_guard_def {
	const char *name;
	bool (*fn)(struct fd_db *db, const char *entity_id, char **why);
};

struct wf_effect_def {
	const char *name;
	enum fd_status (*fn)(struct fd_txn *t, const char *entity_id,
	                     struct fd_err *err);
	/* Run after a supervisor's override into a state that a transition
	 * naming this effect leads to (NULL: an override does not run it),
	 * so what the effect keeps in step (a cohort's outcome) follows an
	 * override as it follows the ordinary step. */
	enum fd_status (*on_override)(struct fd_txn *t, const char *entity_id,
	                              struct fd_err *err);
};

struct wf_entity_def {
	const char *name;
	const char *table;
};

extern const struct wf_guard_def wf_guards[];
extern const size_t wf_nguards;
extern const struct wf_effect_def wf_effects[];
extern const size_t wf_neffects;
extern const struct wf_entity_def wf_entities[];
extern const size_t wf_nentities;

#endif
