/* test_parse.c: every line form strace 6.1 prints, and bad lines. */
#include "check.h"

static struct td_line L;

static char *copy;

/* p: parse s from an exact-size heap copy, so that ASan sees any read past
 * the end of the line (the parser never relies on a terminating NUL). */
static int
p(const char *s)
{
	size_t n = strlen(s);

	free(copy);
	copy = malloc(n ? n : 1);
	memcpy(copy, s, n);
	return td_parse_line(copy, n, &L);
}

static void
check_span(struct td_span s, const char *want)
{
	char buf[512];

	assert_non_null(s.p);
	snprintf(buf, sizeof(buf), "%.*s", (int)s.n, s.p);
	assert_string_equal(buf, want);
}

static void
parse_line_call_success(void **state)
{
	(void)state;
	assert_int_equal(p("123  openat(AT_FDCWD, \"/x\", O_RDONLY) = 3"), 0);
	assert_int_equal(L.kind, TD_L_CALL);
	assert_int_equal(L.pid, 123);
	check_span(L.name, "openat");
	check_span(L.args, "AT_FDCWD, \"/x\", O_RDONLY");
	check_span(L.ret, "3");
	assert_null(L.err.p);
	/* no pid, strace's padding before '=' */
	assert_int_equal(p("close(3)                                = 0"), 0);
	assert_int_equal(L.pid, -1);
	check_span(L.ret, "0");
	/* [pid N] prefix (strace -f to a terminal) */
	assert_int_equal(p("[pid  4242] getpid() = 4242"), 0);
	assert_int_equal(L.pid, 4242);
	check_span(L.args, "");
}

static void
parse_line_errno_success(void **state)
{
	(void)state;
	assert_int_equal(p("7 access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory)"), 0);
	check_span(L.ret, "-1");
	check_span(L.err, "ENOENT");
	assert_int_equal(p("7 clone3({flags=CLONE_VM|0x400000, exit_signal=0, stack=0x7fe3068fa020, stack_size=0x100000}, 88) = -1 EINVAL (Invalid argument)"), 0);
	check_span(L.err, "EINVAL");
	check_span(L.args, "{flags=CLONE_VM|0x400000, exit_signal=0, stack=0x7fe3068fa020, stack_size=0x100000}, 88");
	/* injected faults are flagged, not kept as an annotation */
	assert_int_equal(p("7 wait4(8, 0x7ffe, 0, NULL) = -1 EINTR (Interrupted system call) (INJECTED)"), 0);
	assert_true(L.injected);
	assert_null(L.annot.p);
}

static void
parse_line_unknown_return_success(void **state)
{
	(void)state;
	assert_int_equal(p("9 exit_group(0)                     = ?"), 0);
	check_span(L.ret, "?");
	assert_int_equal(p("9 <... wait4 resumed>0x7fff962c35fc, 0, NULL) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)"), 0);
	assert_int_equal(L.kind, TD_L_RESUMED);
	check_span(L.err, "ERESTARTSYS");
	assert_int_equal(p("9 nanosleep({tv_sec=1, tv_nsec=0}, 0x7ffd) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)"), 0);
	check_span(L.err, "ERESTART_RESTARTBLOCK");
	assert_int_equal(p("9 restart_syscall(<... resuming interrupted read ...>) = 0"), 0);
	check_span(L.args, "<... resuming interrupted read ...>");
	assert_int_equal(p("9 rt_sigsuspend([], 8) = ? ERESTARTNOHAND (To be restarted if no handler)"), 0);
	check_span(L.err, "ERESTARTNOHAND");
}

static void
parse_line_unfinished_resumed_success(void **state)
{
	(void)state;
	assert_int_equal(p("18425 wait4(18426,  <unfinished ...>"), 0);
	assert_int_equal(L.kind, TD_L_UNFINISHED);
	check_span(L.args, "18426,");
	assert_int_equal(p("18425 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 18426"), 0);
	assert_int_equal(L.kind, TD_L_RESUMED);
	check_span(L.name, "wait4");
	check_span(L.args, "[{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL");
	check_span(L.ret, "18426");
	assert_int_equal(p("5 <... exit_group resumed>)         = ?"), 0);
	check_span(L.args, "");
	assert_int_equal(p("5 pause( <unfinished ...>"), 0);
	check_span(L.args, "");
}

static void
parse_line_signal_success(void **state)
{
	(void)state;
	assert_int_equal(p("10215 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=10217, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---"), 0);
	assert_int_equal(L.kind, TD_L_SIGNAL);
	check_span(L.name, "SIGCHLD");
	assert_int_equal(p("--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---"), 0);
	check_span(L.extra, "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}");
	assert_int_equal(p("3 --- stopped by SIGSTOP ---"), 0);
	check_span(L.name, "SIGSTOP");
	assert_int_equal(p("3 --- SIGCHLD {si_signo=SIGCHLD ---"), -1);
}

static void
parse_line_exit_success(void **state)
{
	(void)state;
	assert_int_equal(p("10217 +++ exited with 0 +++"), 0);
	assert_int_equal(L.kind, TD_L_EXITED);
	assert_int_equal(L.status, 0);
	assert_int_equal(p("+++ exited with 255 +++"), 0);
	assert_int_equal(L.status, 255);
	assert_int_equal(p("10216 +++ killed by SIGSEGV +++"), 0);
	assert_int_equal(L.kind, TD_L_KILLED);
	check_span(L.name, "SIGSEGV");
	assert_false(L.core);
	assert_int_equal(p("10216 +++ killed by SIGSEGV (core dumped) +++"), 0);
	assert_true(L.core);
	assert_int_equal(p("12 +++ superseded by execve of 11 +++"), 0);
	assert_int_equal(L.kind, TD_L_SUPERSEDED);
	assert_int_equal(L.status, 11);
	assert_int_equal(p("12 +++ exited with +++"), -1);
}

static void
parse_line_structs_strings_success(void **state)
{
	(void)state;
	/* truncated strings, nested structs and arrays, comments */
	assert_int_equal(p("read(3, \"\\177ELF\\2\\1\\1\\0\"..., 832) = 832"), 0);
	check_span(L.args, "3, \"\\177ELF\\2\\1\\1\\0\"..., 832");
	assert_int_equal(p("execve(\"/usr/bin/ls\", [\"ls\", \"a)b\"], 0x7ffe3ec65a38 /* 41 vars */) = 0"), 0);
	check_span(L.args, "\"/usr/bin/ls\", [\"ls\", \"a)b\"], 0x7ffe3ec65a38 /* 41 vars */");
	assert_int_equal(p("writev(1, [{iov_base=\"Parent\", iov_len=6}, {iov_base=\"\\n\", iov_len=1}], 2) = 7"), 0);
	assert_int_equal(p("ioctl(1, TCGETS, {c_iflag=BRKINT|ICRNL, c_cc=[0x3, 0x1c], ...}) = 0"), 0);
	assert_int_equal(p("prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0"), 0);
	assert_int_equal(p("fcntl(3, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE)"), 0);
	check_span(L.annot, "(flags O_RDWR|O_LARGEFILE)");
	assert_int_equal(p("openat(AT_FDCWD, \"/dev/null\", O_RDONLY) = 3</dev/null>"), 0);
	check_span(L.ret, "3</dev/null>");
	assert_int_equal(p("getsockopt(3, SOL_SOCKET, SO_PEERCRED, {pid=1, uid=0, gid=0}, [12 => 12]) = 0"), 0);
}

static void
parse_line_raw_syscall_success(void **state)
{
	(void)state;
	assert_int_equal(p("44 syscall_0x1b3(0x7ffc, 0x58, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)"), 0);
	check_span(L.name, "syscall_0x1b3");
	assert_int_equal(p("44 ?\?\?( <unfinished ...>"), 0);
	assert_int_equal(L.kind, TD_L_UNFINISHED);
}

static void
parse_line_timestamps_success(void **state)
{
	(void)state;
	assert_int_equal(p("77 12:00:01.123456 getpid() = 77 <0.000012>"), 0);
	assert_int_equal(L.pid, 77);
	check_span(L.name, "getpid");
	assert_int_equal(p("1700000000.123456 getpid() = 77"), 0);
	assert_int_equal(L.pid, -1);
	check_span(L.name, "getpid");
}

static void
parse_line_interleaved_output_success(void **state)
{
	(void)state;
	/* strace and the program sharing a terminal (seed 000) */
	assert_int_equal(p("write(2, \"ls: \", 4ls: )                     = 4"), 0);
	check_span(L.args, "2, \"ls: \", 4");
	check_span(L.output, "ls: ");
	assert_int_equal(p("write(2, \"cannot access './x\"..., 33cannot access './x') = 33"), 0);
	check_span(L.output, "cannot access './x'");
	/* output with a newline: the loader joins the lines */
	assert_int_equal(p("write(2, \"\\n\", 1"), -1);
	assert_int_equal(L.perr, TD_E_INCOMPLETE);
	assert_int_equal(p("write(2, \"\\n\", 1\n)                       = 1"), 0);
	check_span(L.output, "\n");
}

static void
parse_line_tdiff_success(void **state)
{
	(void)state;
	assert_int_equal(p("#tdiff boot kernel riscv64 0.1"), 0);
	assert_int_equal(L.kind, TD_L_TDIFF);
	check_span(L.name, "boot");
	check_span(L.extra, "kernel riscv64 0.1");
	assert_int_equal(p("#tdiff fault 5 pc=0x401000 addr=0x0 sig=SIGSEGV code=SEGV_MAPERR cause=write"), 0);
	check_span(L.name, "fault");
	assert_int_equal(p("#tdiff panic out of frames"), 0);
	assert_int_equal(p("#tdiff bt 0xffffffff80001234"), 0);
	assert_int_equal(p("#tdiff exit killed SIGSEGV core"), 0);
	assert_int_equal(p("#tdiff poweroff"), 0);
	assert_int_equal(p("#tdiff reboot now"), -1);
	assert_int_equal(p("strace: Process 4343 attached"), 0);
	assert_int_equal(L.kind, TD_L_NOTE);
	assert_int_equal(p("   "), 0);
	assert_int_equal(L.kind, TD_L_BLANK);
}

static void
parse_line_garbage_invalid(void **state)
{
	static const char *const bad[] = {
		"hello world",
		"52178 Unknown syscall 435",
		"52178 writev(2,0x2aaaab2aa450,0x2)clone3 = 6",
		"openat(AT_FDCWD, \"/x\", O_RDONLY) = ",
		"openat(AT_FDCWD, \"/x\", O_RDONLY)",
		"openat(AT_FDCWD, {\"/x\", O_RDONLY) = 3",
		"read(3, \"unterminated, 5) = 5",
		"123 ",
		"\x01\x02\x7f\xff garbage",
		"<... read resumed",
		"+++ exploded +++",
		"7 getpid() =", /* found by the fuzzer: read past the end */
		"7 getpid() = -",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(p(bad[i]), -1);
		assert_int_equal(L.kind, TD_L_ERROR);
		assert_non_null(L.errmsg);
	}
}

/* nested: "ioctl(3, " + n balanced bracket levels + ") = 0" */
static const char *
nested(int n, int resumed)
{
	static char buf[2048];
	int k = snprintf(buf, sizeof(buf), "%s", resumed ? "<... ioctl resumed>" : "ioctl(3, ");

	for (int i = 0; i < n; i++)
		buf[k++] = "{[("[i % 3];
	buf[k++] = 'x';
	for (int i = n; i-- > 0;)
		buf[k++] = "}])"[i % 3];
	snprintf(buf + k, sizeof(buf) - (size_t)k, ") = 0");
	return buf;
}

static void
parse_line_deep_nesting_invalid(void **state)
{
	(void)state;
	assert_int_equal(p(nested(128, 0)), 0);
	assert_int_equal(L.kind, TD_L_CALL);
	assert_int_equal(p(nested(128, 1)), 0);
	/* deeper: an error that says so, not "unbalanced" */
	for (int r = 0; r < 2; r++) {
		assert_int_equal(p(nested(129, r)), -1);
		assert_string_equal(L.errmsg, "brackets nested deeper than 128 levels");
		assert_int_equal(p(nested(500, r)), -1);
		assert_string_equal(L.errmsg, "brackets nested deeper than 128 levels");
	}
}

static int nseen;

static void
count_arg(void *ctx, int i, const char *a, size_t n)
{
	(void)ctx;
	(void)a;
	(void)n;
	nseen = i + 1;
}

static void
split_args_success(void **state)
{
	(void)state;
	assert_int_equal(td_split_args("1, {a=1, b=[2, 3]}, \"x,y\", NULL", 31, count_arg, NULL), 4);
	assert_int_equal(nseen, 4);
	assert_int_equal(td_split_args("", 0, count_arg, NULL), 0);
	assert_int_equal(td_split_args("{a, b", 5, count_arg, NULL), -1);
	assert_int_equal(td_skip_group("{a={b}, c}x", 11), 9);
	assert_int_equal(td_skip_group("(a", 2), 2);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_line_call_success),
		cmocka_unit_test(parse_line_errno_success),
		cmocka_unit_test(parse_line_unknown_return_success),
		cmocka_unit_test(parse_line_unfinished_resumed_success),
		cmocka_unit_test(parse_line_signal_success),
		cmocka_unit_test(parse_line_exit_success),
		cmocka_unit_test(parse_line_structs_strings_success),
		cmocka_unit_test(parse_line_raw_syscall_success),
		cmocka_unit_test(parse_line_timestamps_success),
		cmocka_unit_test(parse_line_interleaved_output_success),
		cmocka_unit_test(parse_line_tdiff_success),
		cmocka_unit_test(parse_line_garbage_invalid),
		cmocka_unit_test(parse_line_deep_nesting_invalid),
		cmocka_unit_test(split_args_success),
	};

	int r;

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	r = cmocka_run_group_tests_name("parse.c tests", tests, NULL, NULL);
	free(copy);
	return r;
}
