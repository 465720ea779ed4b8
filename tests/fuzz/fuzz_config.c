/*
 * Fuzz target: config_load_buffer over the raw input (not NUL-terminated,
 * may hold NULs), i.e. the pre-scan, iniparser through a memfd, and the
 * schema checks, layered over the embedded defaults.
 *
 * Checks, beyond "no crash, no leak, no fd leak": a success gives values
 * within the schema's ranges and binds that each carry a line (a bind
 * without a line means the pre-scan and iniparser disagree about a line);
 * a failure leaves the struct zeroed and gives one line, valid UTF-8
 * without control characters, that starts with the file name.
 */
#include <stdint.h>
#include <string.h>

#include "frontdesk/config.h"
#include "frontdesk/i18n.h"
#include "frontdesk/utf8.h"

#define FUZZ_TARGET "fuzz_config"
#include "fuzz_common.h"

#define FUZZ_NAME "fuzz.ini"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Check a loaded configuration against the schema. */
static void
fuzz_check_config(const struct config *cfg)
{
	const char *const *langs = i18n_languages();
	int lang_ok = 0;

	fuzz_check(strcmp(cfg->source, FUZZ_NAME) == 0, "source", cfg->source);
	fuzz_check(cfg->db_path && cfg->db_path[0], "db_path", "");
	fuzz_check(cfg->busy_timeout_ms >= 100 &&
	               cfg->busy_timeout_ms <= 600000,
	           "busy_timeout_ms", "");
	fuzz_check(cfg->esc_delay_ms >= 0 && cfg->esc_delay_ms <= 1000,
	           "esc_delay_ms", "");
	fuzz_check(cfg->esc_prefix_ms >= 100 && cfg->esc_prefix_ms <= 5000,
	           "esc_prefix_ms", "");
	fuzz_check(cfg->color == CONFIG_COLOR_AUTO ||
	               cfg->color == CONFIG_COLOR_ON ||
	               cfg->color == CONFIG_COLOR_OFF,
	           "color", "");
	fuzz_check(!cfg->catalog || cfg->catalog[0], "catalog", "empty string");
	for (size_t i = 0; langs[i]; i++)
		lang_ok |= strcmp(langs[i], cfg->language) == 0;
	fuzz_check(lang_ok, "language", cfg->language);
	for (size_t i = 0; i < cfg->nbinds; i++) {
		const struct config_bind *b = &cfg->binds[i];

		fuzz_check(b->line > 0, "bind has a line", b->action);
		fuzz_check(i == 0 || b->line > cfg->binds[i - 1].line,
		           "binds in file order", b->action);
		fuzz_check(b->screen && b->action && b->spec && b->file,
		           "bind fields", "");
		fuzz_check(b->action[0] != '\0', "bind action", "");
		fuzz_check(utf8_valid(b->spec, strlen(b->spec)), "spec UTF-8",
		           b->spec);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct fd_err err;
	enum fd_status st;

	fuzz_init();
	err.msg[0] = '\0';
	st =
	    config_load_buffer(FUZZ_NAME, (const char *)data, size, &cfg, &err);
	if (st == FD_OK) {
		fuzz_check_config(&cfg);
	} else {
		fuzz_check(st == FD_E_CONFIG, "status", err.msg);
		fuzz_check(cfg.source == NULL && cfg.nbinds == 0,
		           "zeroed on error", err.msg);
		fuzz_check(
		    strncmp(err.msg, FUZZ_NAME ":", strlen(FUZZ_NAME) + 1) == 0,
		    "message names the file", err.msg);
		fuzz_check(fuzz_clean(err.msg, 0), "message clean", err.msg);
	}
	config_free(&cfg);
	return 0;
}
