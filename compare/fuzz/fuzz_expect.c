/* fuzz_expect.c: libFuzzer target over the expected-divergence parser
 * (expect.c): the input is an expected file, parsed, then matched against
 * a comparison with divergences in three tasks and rendered as text and
 * TAP (where expected and stale entries show). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diverge.h"
#include "expect.h"
#include "norm.h"
#include "report.h"
#include "trace.h"

static const char golden[] =
	"10 openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3\n"
	"10 clone(child_stack=NULL, flags=SIGCHLD) = 11\n"
	"11 getpid() = 11\n"
	"11 exit_group(0) = ?\n"
	"11 +++ exited with 0 +++\n"
	"10 clone(child_stack=NULL, flags=SIGCHLD) = 12\n"
	"12 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---\n"
	"12 +++ killed by SIGSEGV (core dumped) +++\n"
	"10 exit_group(0) = ?\n"
	"10 +++ exited with 0 +++\n";

static const char kernel[] =
	"20 openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = -1 EACCES (Permission denied)\n"
	"20 clone(child_stack=NULL, flags=SIGCHLD) = 21\n"
	"21 getpid() = 21\n"
	"21 exit_group(3) = ?\n"
	"21 +++ exited with 3 +++\n"
	"20 clone(child_stack=NULL, flags=SIGCHLD) = 22\n"
	"22 exit_group(0) = ?\n"
	"22 +++ exited with 0 +++\n"
	"20 exit_group(0) = ?\n"
	"20 +++ exited with 0 +++\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct td_expect_list l;
	struct td_trace g, k;
	struct td_opts o = {0};
	struct td_result r;
	struct td_sb sb = {0};

	memcpy(text, data, size);
	text[size] = 0; /* the parser reads text up to a NUL, as from a file */
	if (td_expect_parse(&l, "fuzz.exp", text) == 0) {
		td_trace_load_mem(&g, "golden", golden, sizeof(golden) - 1, "x86_64");
		td_trace_load_mem(&k, "kernel", kernel, sizeof(kernel) - 1, "x86_64");
		td_normalize(&g);
		td_normalize(&k);
		o.name = "t1";
		o.arch = "x86_64";
		o.context = 1;
		td_compare(&g, &k, &o, &r);
		td_expect_match(&l, &r);
		td_report_text(&r, &sb, 0);
		td_report_tap(&r, &sb, 1);
		td_report_json(&r, &sb);
		td_sb_free(&sb);
		td_result_free(&r);
		td_trace_free(&g);
		td_trace_free(&k);
	}
	td_expect_free(&l);
	free(text);
	return 0;
}
