/*
 * Fuzz target: i18n_load_buffer over the raw input (not NUL-terminated,
 * may hold NULs).
 *
 * Checks, beyond "no crash, no leak": a success makes every tr() text valid
 * UTF-8 with no control character but newline; a failure keeps the previous
 * catalog (here: none, so tr() gives id names) and gives one line without
 * control characters that starts with the file name.
 */
#include <stdint.h>
#include <string.h>

#include "frontdesk/i18n.h"

#define FUZZ_TARGET "fuzz_catalog"
#include "fuzz_common.h"

#define FUZZ_NAME "fuzz.txt"

static const char *const fuzz_ids[] = {
#define FUZZ_ID(name) #name,
    FD_MSG_LIST(FUZZ_ID)
#undef FUZZ_ID
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fd_err err;
	enum fd_status st;

	fuzz_init();
	err.msg[0] = '\0';
	st = i18n_load_buffer(FUZZ_NAME, (const char *)data, size, &err);
	if (st == FD_OK) {
		for (int id = 0; id < MSG__COUNT; id++)
			fuzz_check(fuzz_clean(tr((enum fd_msg)id), 1),
			           "text clean", tr((enum fd_msg)id));
	} else {
		fuzz_check(st == FD_E_PARSE, "status", err.msg);
		fuzz_check(
		    strncmp(err.msg, FUZZ_NAME ":", strlen(FUZZ_NAME) + 1) == 0,
		    "message names the file", err.msg);
		fuzz_check(fuzz_clean(err.msg, 0), "message one printable line",
		           err.msg);
		fuzz_check(strcmp(tr((enum fd_msg)0), fuzz_ids[0]) == 0,
		           "no catalog after a failed first load",
		           tr((enum fd_msg)0));
	}
	i18n_free();
	return 0;
}
