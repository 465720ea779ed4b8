/*
 * Staff: the Unix logins allowed to change data, and their roles.
 *
 * A login absent from the staff list, or inactive, gets a read-only
 * session. Only a supervisor adds or changes staff, and the last active
 * supervisor cannot be demoted or deactivated.
 */
#ifndef FRONTDESK_STAFF_H
#define FRONTDESK_STAFF_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/msg.h"
#include "frontdesk/status.h"

struct fd_db;

enum staff_role {
	ROLE_NONE,
	ROLE_FRONTDESK,
	ROLE_TRAINER,
	ROLE_PLACEMENT,
	ROLE_SUPERVISOR,
};

#define STAFF_LOGIN_MAX 32 /* bytes */
#define STAFF_NAME_MAX 40  /* characters */

struct staff {
	char *login;
	char *name; /* UTF-8, may be empty */
	enum staff_role role;
	bool active;
	char *created_at; /* UTC ISO-8601 */
};

/* The role's name as stored ("frontdesk", "trainer", "placement",
 * "supervisor"; "none" for ROLE_NONE). Static string. */
const char *
staff_role_name(enum staff_role role);

/* The catalog id of the role's label (前台, 主管...). */
enum fd_msg
staff_role_label(enum staff_role role);

/* The role named s (as stored), ROLE_NONE if s names none. */
enum staff_role
staff_role_parse(const char *s);

/* True if login is a valid Unix login name: [a-z_][a-z0-9_-]{0,31}. */
bool
staff_login_valid(const char *login);

/* True if name is valid UTF-8 of at most STAFF_NAME_MAX characters
 * without control characters. */
bool
staff_name_valid(const char *name);

/* Every staff member, ordered by login, into a new array *out of *n
 * entries. Caller frees with staff_list_free. */
enum fd_status
staff_list(struct fd_db *db, struct staff **out, size_t *n,
	   struct fd_err *err);

/* Free an array from staff_list. */
void
staff_list_free(struct staff *list, size_t n);

/* The staff member `login` into *out (FD_E_NOTFOUND if none).
 * Caller frees the members with staff_clear. */
enum fd_status
staff_get(struct fd_db *db, const char *login, struct staff *out,
	  struct fd_err *err);

/* Free the members of s and zero it. */
void
staff_clear(struct staff *s);

/* Add an active staff member (supervisors only). name may be NULL ("").
 * A login already on the list but inactive is reactivated with role (and
 * name, when not empty); an active one is FD_E_EXISTS. */
enum fd_status
staff_add(struct fd_db *db, const char *login, const char *name,
	  enum staff_role role, struct fd_err *err);

/* staff_add, and *reactivated (may be NULL) says whether the login was
 * on the list, inactive, and is now active again. */
enum fd_status
staff_add_or_reactivate(struct fd_db *db, const char *login, const char *name,
			enum staff_role role, bool *reactivated,
			struct fd_err *err);

/* Change a staff member's name (NULL keeps it), role and active flag
 * (supervisors only). Refuses to leave no active supervisor, and refuses
 * the session's own login being deactivated (FD_E_DENIED both). */
enum fd_status
staff_update(struct fd_db *db, const char *login, const char *name,
	     enum staff_role role, bool active, struct fd_err *err);

#endif
