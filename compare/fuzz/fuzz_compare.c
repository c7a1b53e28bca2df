/* fuzz_compare.c: libFuzzer target over both sides of a comparison.  The
 * input is split into two traces (at the first "\n|||\n", else at the
 * newline nearest its middle), both loaded, normalized, compared and
 * rendered in every report format: nothing may crash or leak, whichever
 * side is broken. */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diverge.h"
#include "norm.h"
#include "report.h"
#include "trace.h"

/* split: the length of the first trace; *rest where the second starts */
static size_t
split(const char *p, size_t n, size_t *rest)
{
	const char *e = memmem(p, n, "\n|||\n", 5), *nl;

	if (e) {
		*rest = (size_t)(e - p) + 5;
		return (size_t)(e - p) + 1;
	}
	nl = memchr(p + n / 2, '\n', n - n / 2);
	*rest = nl ? (size_t)(nl - p) + 1 : n;
	return *rest;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const arches[] = {NULL, "x86_64", "riscv64", "x86_64"};
	const char *p = (const char *)data;
	struct td_trace g, k;
	struct td_opts o = {0};
	struct td_result r;
	struct td_sb sb = {0};
	size_t rest, gn = split(p, size, &rest);
	const char *arch = arches[size & 3];

	td_trace_load_mem(&g, "golden", p, gn, arch);
	/* the CLI loads the kernel's trace with the golden's arch */
	td_trace_load_mem(&k, "kernel", p + rest, size - rest, arch ? arch : g.arch[0] ? g.arch : NULL);
	td_normalize(&g);
	td_normalize(&k);
	o.name = "fuzz";
	o.arch = "x86_64";
	o.context = (int)(size % 5);
	td_compare(&g, &k, &o, &r);
	td_report_text(&r, &sb, 1);
	td_report_json(&r, &sb);
	td_report_html(&r, &sb);
	td_report_junit(&r, &sb);
	td_sb_reset(&sb);
	td_report_tap(&r, &sb, 1);
	td_sb_free(&sb);
	td_result_free(&r);
	td_trace_free(&g);
	td_trace_free(&k);
	return 0;
}
