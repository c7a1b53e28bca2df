/* fuzz_parse.c: libFuzzer target.  Every input is parsed line by line, then
 * loaded as a kernel trace, normalized, compared with a fixed golden trace
 * and rendered in every report format: nothing may crash or leak. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diverge.h"
#include "norm.h"
#include "parse.h"
#include "report.h"
#include "trace.h"

static const char golden[] =
	"10 execve(\"/t\", [\"/t\"], 0x7ffd /* 3 vars */) = 0\n"
	"10 brk(NULL) = 0x2e316000\n"
	"10 clone3({flags=CLONE_VM, exit_signal=SIGCHLD, stack=0x7f0000000000, stack_size=0x1000}, 88) = 11\n"
	"10 wait4(11,  <unfinished ...>\n"
	"11 write(1, \"child\\n\", 6) = 6\n"
	"11 exit_group(0) = ?\n"
	"11 +++ exited with 0 +++\n"
	"10 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 11\n"
	"10 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=11, si_uid=0, si_status=0} ---\n"
	"10 exit_group(0) = ?\n"
	"10 +++ exited with 0 +++\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	struct td_trace g, k;
	struct td_opts o = {0};
	struct td_result r;
	struct td_sb sb = {0};
	struct td_line l;

	/* the line parser alone, on each line */
	for (size_t i = 0; i < size;) {
		const char *e = memchr(p + i, '\n', size - i);
		size_t n = e ? (size_t)(e - (p + i)) : size - i;

		td_parse_line(p + i, n, &l);
		i += n + 1;
	}
	/* the whole pipeline */
	td_trace_load_mem(&g, "golden", golden, sizeof(golden) - 1, "x86_64");
	td_trace_load_mem(&k, "kernel", p, size, (size & 1) ? "riscv64" : NULL);
	td_normalize(&g);
	td_normalize(&k);
	o.name = "fuzz";
	o.arch = "x86_64";
	o.context = 2;
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
