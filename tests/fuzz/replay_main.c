/*
 * Replays fuzz inputs without libFuzzer: calls LLVMFuzzerTestOneInput once
 * per file named on the command line, so `make test` runs every seed corpus
 * under gcc and `make asan` under the sanitizers. A file that cannot be read
 * is a failure (exit 1): an empty or misspelt corpus must not pass quietly.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read the whole file at path into a new buffer (*len bytes). Caller
 * frees. NULL with errno set when it cannot be read. */
static uint8_t *
replay_read(const char *path, size_t *len)
{
	struct strbuf sb = {0};
	char chunk[4096];
	size_t r;
	FILE *f = fopen(path, "rb");

	*len = 0;
	if (!f)
		return NULL;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, r);
	if (ferror(f)) {
		int saved = errno ? errno : EIO;

		fclose(f);
		strbuf_free(&sb);
		errno = saved;
		return NULL;
	}
	fclose(f);
	*len = sb.len;
	return (uint8_t *)strbuf_take(&sb);
}

int
main(int argc, char **argv)
{
	int n = 0;

	for (int i = 1; i < argc; i++) {
		size_t len;
		uint8_t *data = replay_read(argv[i], &len);

		if (!data) {
			fprintf(stderr, "%s: cannot read %s: %s\n", argv[0],
			        argv[i], strerror(errno));
			return 1;
		}
		LLVMFuzzerTestOneInput(data, len);
		free(data);
		n++;
	}
	printf("replayed %d inputs\n", n);
	return 0;
}
