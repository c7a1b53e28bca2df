/* test_cli.c: the CLI's inputs and errors end to end (TD_BIN): standard
 * input, the size limit, a file truncated while mapped, errors on stderr,
 * arches that differ only by their #tdiff boot lines. */
#include "check.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

static const char *bin, *tmp, *data;

static int
setup(void **state)
{
	(void)state;
	bin = td_env("TD_BIN", "build/host/tracediff");
	tmp = td_env("TD_TMP", "/tmp/tracediff-test");
	data = td_env("TD_DATA", "compare/tests/data");
	return sh("mkdir -p %s", tmp);
}

static void
cli_stdin_success(void **state)
{
	(void)state;
	assert_int_equal(sh("%s %s/linux-a.trace - -q --no-siblings <%s/linux-b.trace", bin, data, data), 0);
	assert_int_equal(sh("%s - %s/errno.trace -q --no-siblings <%s/linux-a.trace", bin, data, data), 1);
	assert_int_equal(sh("cat %s/linux-a.trace | %s - %s/linux-b.trace -q --no-siblings", data, bin, data), 0);
	assert_int_equal(sh("%s - - -q 2>%s/err </dev/null", bin, tmp), 2);
	assert_int_equal(sh("grep -q '^tracediff: -: only one trace can be standard input$' %s/err", tmp), 0);
}

static void
cli_golden_error_stderr(void **state)
{
	(void)state;
	/* an error is one line on stderr and nothing on stdout */
	assert_int_equal(sh("printf 'garbage\\n' >%s/bad.trace && %s %s/bad.trace %s/errno.trace --no-siblings "
			    ">%s/out 2>%s/err",
			    tmp, bin, tmp, data, tmp, tmp),
			 2);
	assert_int_equal(sh("test ! -s %s/out", tmp), 0);
	assert_int_equal(sh("grep -q '^tracediff: .*bad.trace:1:1: golden trace does not parse' %s/err", tmp), 0);
	/* with --tap the TAP line still says why */
	assert_int_equal(sh("%s %s/bad.trace %s/errno.trace --no-siblings --tap >%s/out 2>%s/err", bin, tmp, data,
			    tmp, tmp),
			 2);
	assert_int_equal(sh("grep -q '^not ok - errno \\[.*\\]: error: .*golden trace does not parse' %s/out", tmp), 0);
	assert_int_equal(sh("grep -q '^tracediff: ' %s/err", tmp), 0);
}

static void
cli_boot_arches_differ_error(void **state)
{
	(void)state;
	assert_int_equal(sh("printf '#tdiff boot linux x86_64 6.1\\n1 getpid() = 1\\n' >%s/bx.trace && "
			    "printf '#tdiff boot kernel riscv64 0.1\\n1 getpid() = 1\\n' >%s/br.trace",
			    tmp, tmp),
			 0);
	assert_int_equal(sh("%s %s/bx.trace %s/br.trace 2>%s/err", bin, tmp, tmp, tmp), 2);
	assert_int_equal(sh("grep -q 'mismatched arches' %s/err", tmp), 0);
	assert_int_equal(sh("%s %s/bx.trace %s/br.trace --arch x86_64 2>/dev/null", bin, tmp, tmp), 2);
	assert_int_equal(sh("%s %s/br.trace %s/bx.trace --arch riscv64 2>/dev/null", bin, tmp, tmp), 2);
}

static void
cli_size_limit_error(void **state)
{
	(void)state;
	/* a device without end, a pipe, a regular file over the limit */
	assert_int_equal(sh("%s /dev/zero %s/linux-a.trace --max-size 1M 2>%s/err", bin, data, tmp), 2);
	assert_int_equal(sh("grep -q '^tracediff: /dev/zero: larger than 1048576 bytes' %s/err", tmp), 0);
	assert_int_equal(sh("head -c 3000000 /dev/zero | %s %s/linux-a.trace - --max-size 2M 2>%s/err", bin, data, tmp),
			 2);
	assert_int_equal(sh("grep -q '^tracediff: -: larger than 2097152 bytes' %s/err", tmp), 0);
	assert_int_equal(sh("%s %s/linux-a.trace %s/linux-b.trace --max-size 1k 2>%s/err", bin, data, data, tmp), 2);
	assert_int_equal(sh("grep -q 'linux-a.trace: larger than 1024 bytes' %s/err", tmp), 0);
	/* a mapped one (4 MiB and more) */
	assert_int_equal(sh("head -c 5000000 /dev/zero >%s/big.trace && %s %s/big.trace %s/linux-a.trace --max-size 4M "
			    "2>%s/err",
			    tmp, bin, tmp, data, tmp),
			 2);
	assert_int_equal(sh("grep -q 'big.trace: larger than 4194304 bytes' %s/err", tmp), 0);
	assert_int_equal(sh("%s %s/linux-a.trace %s/linux-b.trace -q --max-size 12x 2>/dev/null", bin, data, data), 2);
	assert_int_equal(sh("%s %s/linux-a.trace %s/linux-b.trace -q --max-size 64k", bin, data, data), 0);
	/* the default is 1 GiB */
	assert_int_equal(td_max_input, (size_t)1 << 30);
}

static void
cli_truncated_mapping_error(void **state)
{
	char path[4096], errp[4096], *buf, line[8192];
	size_t len, map;
	FILE *f;
	pid_t pid;
	int st;

	(void)state;
	snprintf(path, sizeof(path), "%s/shrinks.trace", tmp);
	snprintf(errp, sizeof(errp), "%s/shrinks.err", tmp);
	assert_int_equal(sh("yes '1 getpid() = 1' | head -c 6000000 >%s", path), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(fd, 2);
		if (td_map_file(path, &buf, &len, &map) < 0 || map == 0)
			_exit(3);
		/* someone truncates the file while it is read */
		if (truncate(path, 4096) < 0)
			_exit(4);
		for (size_t i = 0; i < len; i += 4096)
			if (buf[i] == 0x7f)
				_exit(5);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 2);
	f = fopen(errp, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	fclose(f);
	assert_true(strstr(line, "tracediff: ") == line);
	assert_non_null(strstr(line, "shrinks.trace: truncated while being read"));
}

static void
cli_json_stdout_only_success(void **state)
{
	(void)state;
	/* --json -: stdout is the JSON document alone, the summary goes to stderr */
	assert_int_equal(sh("%s %s/linux-a.trace %s/errno.trace --json - >%s/out 2>%s/err", bin, data, data, tmp, tmp),
			 1);
	assert_int_equal(sh("python3 -c 'import json,sys; json.load(open(sys.argv[1]))' %s/out", tmp), 0);
	assert_int_equal(sh("grep -q 'different errno: openat, task 1' %s/err", tmp), 0);
	/* no report on stdout: the summary stays there */
	assert_int_equal(sh("%s %s/linux-a.trace %s/errno.trace >%s/out 2>/dev/null", bin, data, data, tmp), 1);
	assert_int_equal(sh("grep -q 'different errno: openat, task 1' %s/out", tmp), 0);
}

static void
cli_arch_from_trace_success(void **state)
{
	(void)state;
	/* rv-fork: a riscv64 strace log without a boot line or .meta */
	assert_int_equal(sh("%s %s/rv-fork.trace %s/rv-fork.trace --no-siblings --json - 2>/dev/null | "
			    "grep -q '^  \"arch\": \"riscv64\"'",
			    bin, data, data),
			 0);
	assert_int_equal(sh("%s %s/rv-fork.trace %s/rv-fork.trace --no-siblings 2>&1 | grep -q '^rv-fork \\[riscv64\\]'",
			    bin, data, data),
			 0);
	assert_int_equal(sh("%s %s/linux-a.trace %s/linux-b.trace --no-siblings --json - | "
			    "grep -q '^  \"arch\": \"x86_64\"'",
			    bin, data, data),
			 0);
	/* nothing tells (no execve, names on both arches): unknown, not the host's */
	assert_int_equal(sh("printf '1 getpid() = 1\\n' >%s/na.trace && %s %s/na.trace %s/na.trace --json - | "
			    "grep -q '^  \"arch\": null'",
			    tmp, bin, tmp, tmp),
			 0);
}

static void
cli_syscall_report_success(void **state)
{
	(void)state;
	/* two comparisons of one "check", then the per-syscall view */
	assert_int_equal(sh("rm -rf %s/sysrep && %s %s/prec-a.trace %s/prec-hidden.trace --no-siblings --arch x86_64 "
			    "--name hidden --report-dir %s/sysrep/x86_64 -q",
			    tmp, bin, data, data, tmp),
			 1);
	assert_int_equal(sh("%s %s/prec-a.trace %s/prec-b.trace --no-siblings --arch x86_64 --name same "
			    "--report-dir %s/sysrep/x86_64 -q",
			    bin, data, data, tmp),
			 0);
	assert_int_equal(sh("test -s %s/sysrep/x86_64/hidden.syscalls.tsv", tmp), 0);
	assert_int_equal(sh("%s --syscall-report %s/sysrep", bin, tmp), 0);
	/* umask: 4 calls in golden (2 per test), 2 matched, one ENOSYS first
	 * met in test hidden, task 1 */
	assert_int_equal(sh("grep -Eq '^x86_64 +umask +4 +2 +enosys:1 \\(hidden task 1, line [0-9]+/[0-9]+\\)$' "
			    "%s/sysrep/syscalls.txt",
			    tmp),
			 0);
	assert_int_equal(sh("grep -Eq '^x86_64 +write +[0-9]+ +[0-9]+ +-$' %s/sysrep/syscalls.txt", tmp), 0);
	assert_int_equal(sh("python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
			    "u=[x for x in d[\"syscalls\"] if x[\"syscall\"]==\"umask\"][0]; "
			    "assert u[\"divergences\"][\"enosys\"][\"count\"]==1' %s/sysrep/syscalls.json",
			    tmp),
			 0);
	assert_int_equal(sh("grep -q 'href=\"x86_64/hidden.html\"' %s/sysrep/syscalls.html", tmp), 0);
	assert_int_equal(sh("%s --syscall-report %s/nonexistent 2>/dev/null", bin, tmp), 2);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cli_stdin_success),
		cmocka_unit_test(cli_golden_error_stderr),
		cmocka_unit_test(cli_boot_arches_differ_error),
		cmocka_unit_test(cli_size_limit_error),
		cmocka_unit_test(cli_truncated_mapping_error),
		cmocka_unit_test(cli_json_stdout_only_success),
		cmocka_unit_test(cli_arch_from_trace_success),
		cmocka_unit_test(cli_syscall_report_success),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("tracediff CLI tests", tests, setup, NULL);
}
