/* run_test.c: cmocka tests for run.c (verdicts, output cut, process handling) and target.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"
#include "target.h"
#include "testmeta.h"

static const struct run_end ended_ok = {.wait_status = 0};

/* check_verdict: classify `trace` with `end` and expect `want`. */
static void
check_verdict(const char *trace, const struct run_end *end, enum run_result want,
	      const char *exit_status)
{
	struct run_verdict v;

	run_classify(trace, strlen(trace), end, &v);
	if (v.result != want)
		fail_msg("verdict %s (%s), expected %s", run_result_name(v.result), v.reason,
			 run_result_name(want));
	if (exit_status)
		assert_string_equal(v.exit_status, exit_status);
}

static void
classify_complete_run_success(void **state)
{
	(void)state;
	check_verdict("#tdiff boot kernel x86_64 0.1\n#tdiff start fork\n1 exit_group(0) = ?\n"
		      "1 +++ exited with 0 +++\n#tdiff exit exited 0\n#tdiff poweroff\n",
		      &ended_ok, RUN_OK, "exited 0");
	check_verdict("#tdiff boot k x\r\n#tdiff exit killed SIGSEGV core\r\n#tdiff poweroff\r\n",
		      &ended_ok, RUN_OK, "killed SIGSEGV core");
}

static void
classify_panic_wins_panic(void **state)
{
	struct run_end hung = {.timed_out = 1};
	struct run_verdict v;
	const char *t = "#tdiff boot k x\n#tdiff panic kernel/core/vm.c:42: out of frames\n"
			"#tdiff bt 0xffffffff80001234\n";

	(void)state;
	check_verdict(t, &hung, RUN_PANIC, "none");
	run_classify(t, strlen(t), &hung, &v);
	assert_non_null(strstr(v.reason, "out of frames"));
}

static void
classify_timeout_hang(void **state)
{
	struct run_end hung = {.timed_out = 1};

	(void)state;
	check_verdict("#tdiff boot k x\n1 wait4(-1,  <unfinished ...>\n", &hung, RUN_HANG, "none");
}

static void
classify_missing_lines_garbage(void **state)
{
	(void)state;
	check_verdict("", &ended_ok, RUN_GARBAGE, "none");
	check_verdict("\x7f\x45LF\x01\x02 random bytes", &ended_ok, RUN_GARBAGE, "none");
	/* powered off before the test ended */
	check_verdict("#tdiff boot k x\n#tdiff poweroff\n", &ended_ok, RUN_GARBAGE, "none");
	/* an exit line only in the middle of another line does not count */
	check_verdict("#tdiff boot k x\nxx#tdiff exit exited 0\n#tdiff poweroff\n", &ended_ok,
		      RUN_GARBAGE, "none");
}

/* boot and poweroff lines are optional: a kernel that runs a disk image's
 * fixed script prints neither, and QEMU ending after the exit is an end */
static void
classify_exit_only_success(void **state)
{
	(void)state;
	check_verdict("#tdiff start fork\n#tdiff exit exited 0\n", &ended_ok, RUN_OK, "exited 0");
	check_verdict("#tdiff boot k x\n#tdiff exit killed SIGSEGV\n", &ended_ok, RUN_OK,
		      "killed SIGSEGV");
}

/* a kernel that hangs or dies in its boot never printed the start marker:
 * the verdict says so (the trace is the boot's, not the test's) */
static void
classify_never_started_hang(void **state)
{
	struct run_end hung = {.timed_out = 1};
	struct run_verdict v;
	const char *boot = "#tdiff sys 1 96 0 0 0 0 0 0 = -1\n#tdiff sys 1 214 0 0 0 0 0 0 = 0\n";
	const char *con = "OpenSBI v1.1\nhello from my kernel\n";

	(void)state;
	run_classify(boot, strlen(boot), &hung, &v);
	run_mark_started(con, strlen(con), boot, strlen(boot), "fork", &v);
	assert_int_equal(v.result, RUN_HANG);
	assert_false(v.started);
	assert_non_null(strstr(v.reason, "the test never started"));
	/* the marker on the console, or on the trace (ftrace's marker line) */
	con = "boot\r\n#tdiff start fork\r\nout\n";
	run_classify(boot, strlen(boot), &hung, &v);
	run_mark_started(con, strlen(con), boot, strlen(boot), "fork", &v);
	assert_true(v.started);
	assert_null(strstr(v.reason, "never started"));
	boot = "sh-1 [000] ..... 1.5: tracing_mark_write: #tdiff start fork\n";
	run_classify(boot, strlen(boot), &hung, &v);
	run_mark_started("", 0, boot, strlen(boot), "fork", &v);
	assert_true(v.started);
	/* another test's marker is not this one's */
	run_classify("", 0, &hung, &v);
	run_mark_started("#tdiff start fork2\n", 19, "", 0, "fork", &v);
	assert_false(v.started);
}

static void
classify_flood_garbage(void **state)
{
	struct run_end flood = {.flooded = 1};

	(void)state;
	check_verdict("#tdiff boot k x\n", &flood, RUN_GARBAGE, NULL);
}

static void
classify_spawn_failed_error(void **state)
{
	struct run_end nospawn = {.spawn_failed = 1};

	(void)state;
	check_verdict("", &nospawn, RUN_ERROR, NULL);
}

/* check_output: extract from console and compare with want. */
static void
check_output(const char *console, const char *test, const char *want)
{
	size_t n;
	char *out = run_extract_output(console, strlen(console), test, NULL, &n);

	assert_int_equal(n, strlen(want));
	assert_memory_equal(out, want, n);
	free(out);
}

static void
extract_output_success(void **state)
{
	(void)state;
	check_output("SeaBIOS\r\nboot noise\r\n#tdiff start fork\r\nhello\r\nworld\r\n#tdiff exit exited 0\r\n",
		     "fork", "hello\nworld\n");
	/* a test that ends without a newline: the marker follows on the same line */
	check_output("#tdiff start t\nno newline#tdiff exit exited 1\n", "t", "no newline");
	/* a lone \r stays: only \r\n pairs are the tty's doing */
	check_output("#tdiff start t\r\na\rb\r\n#tdiff exit exited 0\r\n", "t", "a\rb\n");
	/* the test printing the marker text itself: the last exit marker ends the output */
	check_output("#tdiff start t\n#tdiff exit fake\nreal\n#tdiff exit exited 0\n", "t",
		     "#tdiff exit fake\nreal\n");
	/* no exit marker (a hang): everything after start */
	check_output("#tdiff start t\npartial", "t", "partial");
}

static void
extract_output_noise_success(void **state)
{
	size_t n;
	const char *c = "#tdiff start t\r\nline 1\r\nstrace: umoven: short read\r\nline 2 strace: kept\r\n"
			"strace: last\r\n#tdiff exit exited 0\r\n";
	char *out = run_extract_output(c, strlen(c), "t", "strace: ", &n);

	(void)state;
	/* whole noise lines go; the text inside another line stays */
	assert_int_equal(n, strlen("line 1\nline 2 strace: kept\n"));
	assert_memory_equal(out, "line 1\nline 2 strace: kept\n", n);
	free(out);
}

static void
noise_lines_success(void **state)
{
	size_t n;
	const char *c = "strace: early\r\n#tdiff start t\r\nline 1\r\nstrace: umoven: short read\r\n"
			"x strace: not noise\r\n#tdiff exit exited 0\r\nstrace: last";
	char *out = run_noise_lines(c, strlen(c), "strace:", &n);

	(void)state;
	/* every whole noise line of the console, \r dropped, each with its \n */
	assert_int_equal(n, strlen("strace: early\nstrace: umoven: short read\nstrace: last\n"));
	assert_memory_equal(out, "strace: early\nstrace: umoven: short read\nstrace: last\n", n);
	free(out);
	out = run_noise_lines(c, strlen(c), "nothing", &n);
	assert_int_equal(n, 0);
	free(out);
}

/* check_meta: run_meta_check of a test with `header` on exit and out. */
static int
check_meta(const char *header, const char *exit_status, const char *out, char *why, size_t len)
{
	struct testmeta m;
	char err[256];
	int rc;

	assert_int_equal(testmeta_parse("t.c", header, strlen(header), &m, err, sizeof(err)), 0);
	rc = run_meta_check(&m, exit_status, out, strlen(out), why, len);
	testmeta_free(&m);
	return rc;
}

static void
meta_check_success(void **state)
{
	char why[256];

	(void)state;
	assert_int_equal(check_meta("// @expect: done\n// @expect: b=2\nint x;\n", "exited 0",
				    "a=1 b=2\nall done\n", why, sizeof(why)), 0);
	assert_string_equal(why, "");
	assert_int_equal(check_meta("// @exit: 3\n// @expect: x\nint x;\n", "exited 3", "x\n", why,
				    sizeof(why)), 0);
}

static void
meta_check_mismatch_invalid(void **state)
{
	char why[256];

	(void)state;
	assert_int_equal(check_meta("// @expect: done\n// @expect: b=2\nint x;\n", "killed SIGSEGV",
				    "b=2\n", why, sizeof(why)), -1);
	assert_string_equal(why, "exit 'killed SIGSEGV', not 'exited 0', missing 'done'");
	/* an @expect line may not span two output lines */
	assert_int_equal(check_meta("// @expect: a b\nint x;\n", "exited 0", "a\nb\n", why,
				    sizeof(why)), -1);
	assert_string_equal(why, "missing 'a b'");
}

static void
extract_output_no_marker_empty(void **state)
{
	(void)state;
	check_output("", "fork", "");
	check_output("hello\n", "fork", "");
	/* another test's marker, or a prefix of the name, is not ours */
	check_output("#tdiff start forkbomb\nx\n", "fork", "");
	check_output("  #tdiff start fork\nx\n", "fork", "");
}

/* run_wait: poll j until done. */
static void
run_wait(struct run_job *j)
{
	while (!run_poll(j))
		usleep(2000);
}

static void
job_exits_success(void **state)
{
	struct run_job j;
	char *argv[] = {"sh", "-c", "exit 3", NULL};

	(void)state;
	memset(&j, 0, sizeof(j));
	snprintf(j.log_path, sizeof(j.log_path), "/dev/null");
	assert_int_equal(run_start(&j, argv, 10), 0);
	run_wait(&j);
	assert_false(j.end.timed_out);
	assert_true(WIFEXITED(j.end.wait_status));
	assert_int_equal(WEXITSTATUS(j.end.wait_status), 3);
}

static void
job_timeout_kills_group_hang(void **state)
{
	struct run_job j;
	char pidfile[] = "/tmp/run_test_pid.XXXXXX", cmd[256], buf[32] = "";
	char *argv[] = {"sh", "-c", cmd, NULL};
	FILE *f;
	int fd = mkstemp(pidfile);
	pid_t grandchild;

	(void)state;
	close(fd);
	/* a child that leaves a grandchild behind: both must die */
	snprintf(cmd, sizeof(cmd), "sleep 30 & echo $! > %s; wait", pidfile);
	memset(&j, 0, sizeof(j));
	snprintf(j.log_path, sizeof(j.log_path), "/dev/null");
	assert_int_equal(run_start(&j, argv, 0.3), 0);
	run_wait(&j);
	assert_true(j.end.timed_out);
	f = fopen(pidfile, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	unlink(pidfile);
	grandchild = atoi(buf);
	assert_true(grandchild > 0);
	usleep(100000);
	/* gone, or a zombie of init: not a running sleep */
	if (kill(grandchild, 0) == 0) {
		char path[64], st[256] = "";
		snprintf(path, sizeof(path), "/proc/%d/stat", grandchild);
		f = fopen(path, "r");
		if (f) {
			assert_non_null(fgets(st, sizeof(st), f));
			fclose(f);
			assert_non_null(strstr(st, ") Z"));
		}
	}
}

static void
job_flood_killed_garbage(void **state)
{
	struct run_job j;
	char cmd[4200];
	char *argv[] = {"sh", "-c", cmd, NULL};

	(void)state;
	memset(&j, 0, sizeof(j));
	snprintf(j.trace_path, sizeof(j.trace_path), "/tmp/run_test_flood.%d", getpid());
	snprintf(j.console_path, sizeof(j.console_path), "/dev/null");
	snprintf(j.log_path, sizeof(j.log_path), "/dev/null");
	snprintf(cmd, sizeof(cmd), "yes garbage > %s", j.trace_path);
	j.max_bytes = 1 << 16;
	assert_int_equal(run_start(&j, argv, 20), 0);
	run_wait(&j);
	assert_true(j.end.flooded);
	assert_false(j.end.timed_out);
	unlink(j.trace_path);
}

static void
job_missing_program_error(void **state)
{
	struct run_job j;
	char *argv[] = {"/nonexistent/qemu-system-none", NULL};

	(void)state;
	memset(&j, 0, sizeof(j));
	snprintf(j.log_path, sizeof(j.log_path), "/dev/null");
	assert_int_equal(run_start(&j, argv, 10), -1);
	assert_true(j.end.spawn_failed);
	assert_true(j.done);
}

static void
target_parse_success(void **state)
{
	struct target t;
	char err[256] = "";
	const char *text = "# comment\nname: k\ndescription: a kernel\n"
			   "qemu.x86_64: qemu-system-x86_64 -kernel {B}/k.elf -append 'tdiff.test={test} x'\n"
			   "elf: {B}/k.elf\ngdb.riscv64: -ex 'hbreak kmain'\n";
	struct target_vars v = {"x86_64", "fork", "/b dir/x86_64", "/top", "/c", "/t", "", ""};
	char *argv[16];
	int n;

	(void)state;
	assert_int_equal(target_parse("k.target", text, &t, err, sizeof(err)), 0);
	assert_string_equal(t.name, "k");
	assert_non_null(t.qemu[TARGET_X86_64]);
	assert_null(t.qemu[TARGET_RISCV64]);
	assert_non_null(t.elf[TARGET_RISCV64]);
	assert_null(t.gdb[TARGET_X86_64]);
	assert_string_equal(t.gdb[TARGET_RISCV64], "-ex 'hbreak kmain'");
	n = target_argv(t.qemu[TARGET_X86_64], &v, argv, 15, err, sizeof(err));
	assert_int_equal(n, 5);
	assert_string_equal(argv[2], "/b dir/x86_64/k.elf");	/* a value with a blank stays one word */
	assert_string_equal(argv[4], "tdiff.test=fork x");
	assert_null(argv[5]);
	target_argv_free(argv, n);
	/* an empty {extra} at the end of a word leaves no blank behind */
	n = target_argv("q -append 'tdiff.test={test} {extra}'", &v, argv, 15, err, sizeof(err));
	assert_int_equal(n, 3);
	assert_string_equal(argv[2], "tdiff.test=fork");
	target_argv_free(argv, n);
	target_free(&t);
}

/* check_target_error: target_parse must fail mentioning want. */
static void
check_target_error(const char *text, const char *want)
{
	struct target t;
	char err[256] = "";

	assert_int_equal(target_parse("x.target", text, &t, err, sizeof(err)), -1);
	if (!strstr(err, want))
		fail_msg("error '%s' does not contain '%s'", err, want);
}

static void
target_parse_garbage_invalid(void **state)
{
	struct target_vars v = {"x86_64", "t", "/b", "/top", "/c", "/t", "x", ""};
	char err[256] = "", *argv[8];

	(void)state;
	check_target_error("name: k\n", "no 'qemu.ARCH:'");
	check_target_error("qemu: q\n", "no 'name:'");
	check_target_error("name: k\nqemu.arm64: q\n", "x.target:2: unknown key 'qemu.arm64'");
	check_target_error("name: k\nqemux: q\n", "x.target:2: unknown key 'qemux'");
	check_target_error("name: k\njust words\n", "x.target:2: expected 'key: value'");
	assert_null(target_expand("-kernel {kernal}", &v, err, sizeof(err)));
	assert_non_null(strstr(err, "unknown variable {kernal}"));
	assert_int_equal(target_argv("q 'open", &v, argv, 7, err, sizeof(err)), -1);
}

/* One console, its decoration and the disk: trace:, console-strip:, disk:, {disk}. */
static void
target_parse_console_disk_success(void **state)
{
	struct target t;
	char err[256] = "", *s;
	const char *text = "name: k\ntrace: console\nconsole-strip: ^\\[[^]]*\\][ ]\ndisk: fat32\n"
			   "qemu: q -drive file={disk},format=raw\n";
	struct target_vars v = {"riscv64", "fork", "/b", "/top", "/c", "/t", "", "/r/fork.fat32"};

	(void)state;
	assert_int_equal(target_parse("k.target", text, &t, err, sizeof(err)), 0);
	assert_int_equal(t.trace, TRACE_CONSOLE);
	assert_int_equal(t.disk, DISK_FAT32);
	assert_string_equal(target_disk_name(t.disk), "fat32");
	assert_string_equal(t.strip, "^\\[[^]]*\\][ ]");
	assert_int_equal(regexec(&t.strip_re, "[ 0.1 x:2] ", 0, NULL, 0), 0);
	assert_int_not_equal(regexec(&t.strip_re, "[ 0.1 x:2] out", 0, NULL, 0), 0);
	s = target_expand(t.qemu[TARGET_RISCV64], &v, err, sizeof(err));
	assert_string_equal(s, "q -drive file=/r/fork.fat32,format=raw");
	free(s);
	target_free(&t);
	/* the defaults: the trace on its own channel, no disk */
	assert_int_equal(target_parse("k.target", "name: k\nqemu: q\n", &t, err, sizeof(err)), 0);
	assert_int_equal(t.trace, TRACE_SERIAL);
	assert_int_equal(t.disk, DISK_NONE);
	assert_null(t.strip);
	target_free(&t);
	/* external is parsed (the harness refuses it when booting) */
	assert_int_equal(target_parse("k.target", "name: k\ntrace: external\nqemu: q\n", &t, err,
				      sizeof(err)), 0);
	assert_int_equal(t.trace, TRACE_EXTERNAL);
	target_free(&t);
	/* syscall-entry as an address needs no ELF; as a symbol it does */
	assert_int_equal(target_parse("k.target", "name: k\ntrace: external\nsyscall-entry.riscv64: 0x3ffffff000\n"
				      "qemu: q\n", &t, err, sizeof(err)), 0);
	assert_string_equal(t.entry[TARGET_RISCV64], "0x3ffffff000");
	assert_true(t.exit_grace == 0);
	target_free(&t);
	assert_int_equal(target_parse("k.target", "name: k\nexit-grace: 1.5\nqemu: q\n", &t, err, sizeof(err)), 0);
	assert_true(t.exit_grace == 1.5);
	target_free(&t);
	check_target_error("name: k\ntrace: external\nsyscall-entry.riscv64: uservec\nqemu: q\n",
			   "syscall-entry needs elf");
}

static void
target_parse_console_disk_invalid(void **state)
{
	(void)state;
	check_target_error("name: k\ntrace: serial2\nqemu: q\n",
			   "x.target:2: trace: 'serial2' is not one of serial, console, external");
	check_target_error("name: k\ndisk: ntfs\nqemu: q\n",
			   "x.target:2: disk: 'ntfs' is not one of ext4, fat32");
	check_target_error("name: k\nqemu: q\nconsole-strip: ([0-9]\n",
			   "x.target:3: console-strip: not a POSIX extended regex");
	/* a second console-strip replaces the first, a bad one leaves nothing behind */
	check_target_error("name: k\nconsole-strip: a\nconsole-strip: (\nqemu: q\n", "x.target:3:");
	check_target_error("name: k\ntimeout-add: soon\nqemu: q\n",
			   "x.target:2: timeout-add: not a number of seconds 0..3600: 'soon'");
	check_target_error("name: k\nexit-grace: 0\nqemu: q\n",
			   "x.target:2: exit-grace: not a number of seconds 0..60: '0'");
	check_target_error("name: k\ntimeout-add: -1\nqemu: q\n", "x.target:2: timeout-add:");
}

/* timeout-add: a target's extra seconds per test (a slow boot, a trace dumped at the end) */
static void
target_parse_timeout_add_success(void **state)
{
	struct target t;
	char err[256] = "";

	(void)state;
	assert_int_equal(target_parse("k.target", "name: k\ntimeout-add: 20\nqemu: q\n", &t, err,
				      sizeof(err)), 0);
	assert_true(t.timeout_add == 20.0);
	target_free(&t);
	assert_int_equal(target_parse("k.target", "name: k\nqemu: q\n", &t, err, sizeof(err)), 0);
	assert_true(t.timeout_add == 0.0);
	target_free(&t);
}

/* batch: the tests a boot may run; 1..64 */
static void
target_parse_batch_success(void **state)
{
	struct target t;
	char err[256] = "";

	(void)state;
	assert_int_equal(target_parse("k.target", "name: k\nbatch: 16\nqemu: q\n", &t, err, sizeof(err)), 0);
	assert_int_equal(t.batch, 16);
	target_free(&t);
	assert_int_equal(target_parse("k.target", "name: k\nqemu: q\n", &t, err, sizeof(err)), 0);
	assert_int_equal(t.batch, 0);
	target_free(&t);
	check_target_error("name: k\nbatch: 0\nqemu: q\n", "x.target:2: batch: not a number of tests 1..64: '0'");
	check_target_error("name: k\nbatch: 65\nqemu: q\n", "x.target:2: batch:");
	check_target_error("name: k\nbatch: 4x\nqemu: q\n", "x.target:2: batch:");
}

/* A batch boot's streams cut per test: the trace at each poweroff (the
 * restart's boot line goes with the test it boots), the console at the
 * start markers; a start named as a prefix of another test's does not count */
static void
batch_cut_success(void **state)
{
	static const char trace[] = "#tdiff boot k x\n#tdiff start fork\n1 getpid() = 1\n"
				    "#tdiff exit exited 0\n#tdiff poweroff\n#tdiff boot k x\n"
				    "#tdiff start fork2\n1 gettid() = 1\n#tdiff exit exited 0\n#tdiff poweroff\n";
	static const char console[] = "firmware\n#tdiff start fork\nhi\n#tdiff exit exited 0\n"
				      "#tdiff start fork2\r\nho\n";
	char *names[] = {"fork", "fork2", "fork3"};
	size_t cut[3];

	(void)state;
	assert_int_equal(run_batch_cut(trace, strlen(trace), names, 3, cut), 2);
	assert_int_equal(cut[0], 0);
	assert_string_equal(trace + cut[1], strstr(trace, "#tdiff boot k x\n#tdiff start fork2"));
	assert_int_equal(cut[2], strlen(trace));
	assert_int_equal(run_batch_cut(console, strlen(console), names, 3, cut), 2);
	assert_string_equal(console + cut[1], "#tdiff start fork2\r\nho\n");
	/* the second name first: "fork" is only a prefix of fork2's marker */
	names[0] = "fork2";
	names[1] = "fork";
	assert_int_equal(run_batch_cut(console, strlen(console), names, 2, cut), 1);
}

/* A test whose start marker is missing ends the cut: the rest are not found */
static void
batch_cut_missing_invalid(void **state)
{
	static const char text[] = "#tdiff start a\n#tdiff exit exited 0\n#tdiff start c\n";
	char *names[] = {"a", "b", "c"};
	size_t cut[3];

	(void)state;
	assert_int_equal(run_batch_cut(text, strlen(text), names, 3, cut), 1);
	assert_int_equal(cut[1], strlen(text));
	assert_int_equal(cut[2], strlen(text));
	assert_int_equal(run_batch_cut("", 0, names, 3, cut), 0);
}

/* A panic that keeps the machine running ends the run soon after, not at the timeout. */
static void
job_panic_ends_early_panic(void **state)
{
	struct run_job j;
	char cmd[4400];
	char *argv[] = {"sh", "-c", cmd, NULL};
	double t0 = run_now();

	(void)state;
	memset(&j, 0, sizeof(j));
	snprintf(j.trace_path, sizeof(j.trace_path), "/tmp/run_test_panic.%d", getpid());
	snprintf(j.console_path, sizeof(j.console_path), "/dev/null");
	snprintf(j.log_path, sizeof(j.log_path), "/dev/null");
	snprintf(cmd, sizeof(cmd),
		 "{ echo '#tdiff boot k x 0.1'; head -c 200000 /dev/zero | tr '\\0' x; echo;"
		 "  echo '#tdiff panic: oops'; } > %s; exec sleep 30", j.trace_path);
	assert_int_equal(run_start(&j, argv, 30), 0);
	run_wait(&j);
	assert_true(j.end.panicked);
	assert_false(j.end.timed_out);
	assert_true(run_now() - t0 < 10);
	unlink(j.trace_path);
}

/* With the trace on the console, a decorated panic line there ends the run too. */
static void
job_console_panic_ends_early_panic(void **state)
{
	struct run_job j;
	char cmd[4400];
	char *argv[] = {"sh", "-c", cmd, NULL};
	double t0 = run_now();

	(void)state;
	memset(&j, 0, sizeof(j));
	j.console_trace = 1;
	snprintf(j.console_path, sizeof(j.console_path), "/tmp/run_test_cpanic.%d", getpid());
	snprintf(j.trace_path, sizeof(j.trace_path), "/dev/null");
	snprintf(j.log_path, sizeof(j.log_path), "/dev/null");
	snprintf(cmd, sizeof(cmd),
		 "{ echo '#tdiff boot k x 0.1'; echo output;"
		 "  printf '[ 1.0 0:1 k:9] #tdiff panic: oops\\n'; } > %s; exec sleep 30",
		 j.console_path);
	assert_int_equal(run_start(&j, argv, 30), 0);
	run_wait(&j);
	assert_true(j.end.panicked);
	assert_false(j.end.timed_out);
	assert_true(run_now() - t0 < 10);
	unlink(j.console_path);
}

/* QEMU's own log is capped as the trace and console are. */
static void
job_log_flood_killed_garbage(void **state)
{
	struct run_job j;
	char *argv[] = {"sh", "-c", "yes log", NULL};

	(void)state;
	memset(&j, 0, sizeof(j));
	snprintf(j.trace_path, sizeof(j.trace_path), "/dev/null");
	snprintf(j.console_path, sizeof(j.console_path), "/dev/null");
	snprintf(j.log_path, sizeof(j.log_path), "/tmp/run_test_log.%d", getpid());
	j.max_bytes = 1 << 16;
	assert_int_equal(run_start(&j, argv, 20), 0);
	run_wait(&j);
	assert_true(j.end.flooded);
	unlink(j.log_path);
}

/* A descendant that calls setsid (out of the job's process group) is reaped too. */
static void
job_setsid_descendant_reaped_success(void **state)
{
	struct run_job j;
	char pidfile[] = "/tmp/run_test_sid.XXXXXX", cmd[256], buf[32] = "";
	char *argv[] = {"sh", "-c", cmd, NULL};
	int fd = mkstemp(pidfile);
	pid_t sleeper;
	FILE *f;

	(void)state;
	close(fd);
	assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
	snprintf(cmd, sizeof(cmd), "setsid sleep 60 & echo $! > %s; sleep 0.2", pidfile);
	memset(&j, 0, sizeof(j));
	snprintf(j.log_path, sizeof(j.log_path), "/dev/null");
	assert_int_equal(run_start(&j, argv, 10), 0);
	run_wait(&j);
	f = fopen(pidfile, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	unlink(pidfile);
	sleeper = atoi(buf);
	assert_true(sleeper > 0);
	assert_int_equal(kill(sleeper, 0), 0);	/* survived the group kill */
	assert_true(run_reap_strays(NULL, 0) >= 1);
	assert_int_equal(kill(sleeper, 0), -1);	/* killed and reaped: no zombie left */
}

static void
path_inside_success(void **state)
{
	(void)state;
	assert_true(run_path_inside("/b/runs/kernel", "/b/runs/kernel/fork.trace"));
	assert_true(run_path_inside("/b/runs/kernel/", "/b/runs/kernel/a..b.log"));
	assert_false(run_path_inside("/b/runs/kernel", "/b/runs/kernel/../../golden/x.trace"));
	assert_false(run_path_inside("/b/runs/kernel", "/b/runs/kernelx/fork.trace"));
	assert_false(run_path_inside("/b/runs/kernel", "/b/runs/kernel/./x"));
	assert_false(run_path_inside("/b/runs/kernel", "/b/runs/kernel/.."));
}

static void
target_name_escape_invalid(void **state)
{
	(void)state;
	check_target_error("name: ../../../golden/x86_64\nqemu: q\n", "x.target:1: name '../../../golden/x86_64'");
	check_target_error("name: a/b\nqemu: q\n", "is not one word");
	check_target_error("name: .hidden\nqemu: q\n", "is not one word");
	check_target_error("name: a b\nqemu: q\n", "is not one word");
	check_target_error("name: 012345678901234567890123456789012\nqemu: q\n", "is not one word");
	assert_true(target_name_ok("kernel-2.x_y"));
	assert_false(target_name_ok(".."));
	assert_false(target_name_ok(""));
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(classify_complete_run_success),
		cmocka_unit_test(classify_panic_wins_panic),
		cmocka_unit_test(classify_timeout_hang),
		cmocka_unit_test(classify_never_started_hang),
		cmocka_unit_test(classify_missing_lines_garbage),
		cmocka_unit_test(classify_exit_only_success),
		cmocka_unit_test(classify_flood_garbage),
		cmocka_unit_test(classify_spawn_failed_error),
		cmocka_unit_test(extract_output_success),
		cmocka_unit_test(extract_output_noise_success),
		cmocka_unit_test(extract_output_no_marker_empty),
		cmocka_unit_test(noise_lines_success),
		cmocka_unit_test(meta_check_success),
		cmocka_unit_test(meta_check_mismatch_invalid),
		cmocka_unit_test(job_exits_success),
		cmocka_unit_test(job_timeout_kills_group_hang),
		cmocka_unit_test(job_flood_killed_garbage),
		cmocka_unit_test(job_missing_program_error),
		cmocka_unit_test(target_parse_success),
		cmocka_unit_test(target_parse_garbage_invalid),
		cmocka_unit_test(target_parse_console_disk_success),
		cmocka_unit_test(target_parse_console_disk_invalid),
		cmocka_unit_test(target_parse_timeout_add_success),
		cmocka_unit_test(target_parse_batch_success),
		cmocka_unit_test(batch_cut_success),
		cmocka_unit_test(batch_cut_missing_invalid),
		cmocka_unit_test(target_name_escape_invalid),
		cmocka_unit_test(path_inside_success),
		cmocka_unit_test(job_panic_ends_early_panic),
		cmocka_unit_test(job_log_flood_killed_garbage),
		cmocka_unit_test(job_console_panic_ends_early_panic),
		cmocka_unit_test(job_setsid_descendant_reaped_success),
	};

	signal(SIGPIPE, SIG_IGN);
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("run.c and target.c tests", tests, NULL, NULL);
}
