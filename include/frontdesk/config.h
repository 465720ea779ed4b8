/*
 * The configuration file: where it is, what it says, and whether it says it
 * correctly.
 *
 * The defaults are the embedded assets/frontdesk.ini, parsed like any other
 * file; a user file is laid over them key by key. Any problem (an unknown
 * section or key, a bad value, a line iniparser cannot read) is an error with
 * one line of text naming the file and, wherever possible, the line:
 * "FILE:LINE: ...". The program stops at start-up with that line.
 */
#ifndef FRONTDESK_CONFIG_H
#define FRONTDESK_CONFIG_H

#include <stddef.h>

#include "frontdesk/status.h"

/* The name that stands for the embedded defaults in cfg->source and in
 * error messages. */
#define CONFIG_DEFAULTS_NAME "(built-in defaults)"

enum config_color {
	CONFIG_COLOR_AUTO,
	CONFIG_COLOR_ON,
	CONFIG_COLOR_OFF
};

/* One "action = specs" line of [keys] or [keys.NAME], carried raw: the key
 * module decides what the action and the specs mean. */
struct config_bind {
	char *screen;     /* "" for [keys], else NAME of [keys.NAME], lowercased */
	char *action;     /* the key name, lowercased by iniparser */
	char *spec;       /* the value as written, e.g. "F2 Esc-2 C-s" */
	int line;         /* line in file */
	const char *file; /* cfg->source or CONFIG_DEFAULTS_NAME; not owned */
};

/* A loaded configuration. Owns every pointer in it; config_free(). */
struct config {
	/* Path of the file loaded, or CONFIG_DEFAULTS_NAME. */
	char *source;
	/* database.path, with a leading ~/ expanded from $HOME. */
	char *db_path;
	/* database.busy_timeout_ms */
	int busy_timeout_ms;
	/* ui.language: a language of i18n_languages(), "zh" or "en". */
	char *language;
	/* ui.esc_delay_ms */
	int esc_delay_ms;
	/* ui.esc_prefix_ms: after a lone Esc, a digit within this time means
	 * F-digit. */
	int esc_prefix_ms;
	/* ui.color */
	enum config_color color;
	/* ui.catalog: path of an edited catalog file, NULL for the built-in
	 * one; ~/ expanded. */
	char *catalog;
	int mask_id;           /* intake.mask_id: 0 = yes (mask ID numbers in lists), 1 = no */
	int participant_min_age; /* intake.participant_min_age */
	int participant_max_age; /* intake.participant_max_age */
	char *codes;           /* intake.codes: edited code lists, NULL = built-in */
	char *regions;         /* intake.regions: edited region table, NULL = built-in */
	char *import_map;      /* intake.import_map: edited CSV column map, NULL = built-in */
	char *workflow;        /* workflow.file: edited workflow definitions, NULL = built-in */
	/* training.min_attendance: the graduation rule's attendance threshold,
	 * in percent (0-100): graduates attended >= min_attendance% of the
	 * sessions and passed the assessment. cohort_graduate takes
	 * min_attendance / 100.0. */
	int min_attendance;
	/* training.holidays: a holidays file added after the built-in one
	 * (schedule_holidays_add), NULL = none; ~/ expanded. */
	char *holidays;
	/* training.curriculum: a curriculum file replacing the built-in one
	 * (schedule_load), NULL = built-in; ~/ expanded. */
	char *curriculum;
	/* Every key of [keys] and [keys.*], raw: the defaults' first, then the
	 * file's, each in file order. */
	struct config_bind *binds;
	size_t nbinds;
	/* Internal: the line that set each schema key; see config_line(). */
	int *key_lines;
};

/* Resolve which file to read: explicit_path (from --config), else
 * $FRONTDESK_CONFIG, else $XDG_CONFIG_HOME/frontdesk/frontdesk.ini (when
 * XDG_CONFIG_HOME is set and absolute) or ~/.config/frontdesk/frontdesk.ini,
 * else /etc/frontdesk/frontdesk.ini, else *path_out = NULL meaning the
 * built-in defaults. An explicit or $FRONTDESK_CONFIG file that does not
 * exist is an error (FD_E_CONFIG, the message names the file and who named
 * it). Caller frees *path_out. */
enum fd_status
config_find(const char *explicit_path, char **path_out, struct fd_err *err);

/* Load the defaults from the embedded assets/frontdesk.ini, then overlay the
 * file at path (NULL: defaults only). Every failure is FD_E_CONFIG with one
 * line in err. On failure *cfg is left all zero; either way config_free(cfg)
 * releases it. Uses iniparser's global error callback while it runs. */
enum fd_status
config_load(const char *path, struct config *cfg, struct fd_err *err);

/* Same, with the overlay taken from len bytes at data (need not be
 * NUL-terminated); name stands for the file in cfg->source and messages. */
enum fd_status
config_load_buffer(const char *name, const char *data, size_t len,
    struct config *cfg, struct fd_err *err);

/* The line of cfg->source that set name ("database.path"), or 0 when the
 * key kept its built-in default or is not a known key. For messages such as
 * "FILE:LINE: database.path: cannot create the directory". */
int
config_line(const struct config *cfg, const char *name);

/* Release everything cfg owns and zero it. Safe on a zeroed struct. */
void
config_free(struct config *cfg);

#endif
