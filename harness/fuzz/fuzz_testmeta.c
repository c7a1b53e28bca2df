/*
 * fuzz_testmeta.c: libFuzzer target over the testcase metadata parser
 * (testmeta.c): the input is a testcase's text, parsed as a .c and as a .sh
 * file, and its first line split into words as @args are.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testmeta.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"fuzz.c", "fuzz.sh"};
	char *text = malloc(size + 1), err[512], *words[TM_MAX_WORDS], *nl;
	struct testmeta m;
	size_t i;
	int n = 0;

	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (testmeta_parse(names[i], text, size, &m, err, sizeof(err)) == 0)
			testmeta_free(&m);
	nl = strchr(text, '\n');
	if (nl)
		*nl = '\0';
	testmeta_split(text, words, TM_MAX_WORDS, &n);
	for (i = 0; i < (size_t)n; i++)
		free(words[i]);
	free(text);
	return 0;
}
