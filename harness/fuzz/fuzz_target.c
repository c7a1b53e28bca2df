/*
 * fuzz_target.c: libFuzzer target over the target-file parser (target.c):
 * the input is a .target file, parsed; when it parses, its name must be a
 * safe path component and every template is expanded and split into argv
 * words with every variable set, as a run does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "target.h"

/* expand_all: the templates of t through target_argv and target_expand. */
static void
expand_all(const struct target *t)
{
	struct target_vars v = {"x86_64", "fork", "/b dir/x86_64", "/top", "/c", "/t", "tdiff.trace=0", "/d"};
	char *argv[129], err[256];
	int a, n;

	for (a = 0; a < TARGET_NARCH; a++) {
		char *tmpl[] = {t->qemu[a], t->prepare[a], t->elf[a], t->gdb[a]};
		size_t k;

		for (k = 0; k < sizeof(tmpl) / sizeof(tmpl[0]); k++) {
			char *s;

			if (!tmpl[k])
				continue;
			n = target_argv(tmpl[k], &v, argv, 128, err, sizeof(err));
			if (n >= 0)
				target_argv_free(argv, n);
			s = target_expand(tmpl[k], &v, err, sizeof(err));
			free(s);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), err[512];
	struct target t;

	memcpy(text, data, size);
	text[size] = '\0';	/* target_load refuses NULs: the text ends at the first */
	if (target_parse("fuzz.target", text, &t, err, sizeof(err)) == 0) {
		if (!target_name_ok(t.name) || strchr(t.name, '/'))
			abort();	/* a name that could leave the run directory */
		expand_all(&t);
		target_free(&t);
	}
	free(text);
	return 0;
}
