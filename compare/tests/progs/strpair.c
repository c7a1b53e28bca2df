/*
 * strpair.c: how golden's decoded <test>.trace and raw <test>.raw line up
 * for the raw level's strings (compare/src/strs.h): per trace pair, the
 * tasks, those whose calls line up one to one, and the strings taken
 * over; a total line at the end.  `make compare-strpair` runs it over
 * golden/<arch>/ (the figures in compare/README.md, "Levels").
 *
 *   strpair ARCH GOLDEN.raw...
 */
#include <stdio.h>
#include <string.h>

#include "strs.h"
#include "trace.h"

int
main(int argc, char **argv)
{
	size_t tasks = 0, paired = 0, strings = 0, files = 0, whole = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: strpair ARCH GOLDEN.raw...\n");
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		struct td_trace raw = {0}, dec = {0};
		struct td_strs_pairing st;
		char path[4096];
		size_t n = strlen(argv[i]);

		if (n < 5 || strcmp(argv[i] + n - 4, ".raw") != 0)
			continue;
		snprintf(path, sizeof(path), "%.*s.trace", (int)(n - 4), argv[i]);
		if (td_trace_load(&raw, argv[i], argv[1]) < 0 || td_trace_load(&dec, path, argv[1]) < 0)
			return 2;
		td_strs_from_args(&dec);
		td_strs_pair(&raw, &dec, &st);
		files++;
		whole += st.paired == st.tasks;
		tasks += st.tasks;
		paired += st.paired;
		strings += st.strings;
		if (st.paired < st.tasks)
			printf("%s: %zu of %zu tasks line up; left out: %s\n", argv[i], st.paired, st.tasks, st.skipped);
		td_trace_free(&raw);
		td_trace_free(&dec);
	}
	printf("%s: %zu tests, %zu with every task lined up; %zu of %zu tasks lined up; %zu strings\n", argv[1],
	       files, whole, paired, tasks, strings);
	return 0;
}
