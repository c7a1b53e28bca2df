/* test_trace.c: the task model built from parsed lines. */
#include "check.h"

#include "sysc.h"

static void
trace_merge_resumed_success(void **state)
{
	struct td_trace t;
	const struct td_event *e;

	(void)state;
	load_str(&t,
		 "10 wait4(11,  <unfinished ...>\n"
		 "11 write(1, \"x\", 1) = 1\n"
		 "10 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 11\n",
		 "x86_64");
	assert_int_equal(t.nerr, 0);
	assert_int_equal(t.nev, 2);
	e = &t.ev[0];
	assert_string_equal(e->name, "wait4");
	assert_string_equal(e->args, "11, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL");
	assert_int_equal(e->line, 1);
	assert_int_equal(e->end_line, 3);
	assert_false(e->unfinished);
	assert_string_equal(e->ret, "11");
	td_trace_free(&t);
}

static void
trace_fork_tree_success(void **state)
{
	struct td_trace t;

	(void)state;
	/* the child's first line comes before its parent's clone returns */
	load_str(&t,
		 "100 execve(\"/t\", [\"/t\"], 0x7ffd /* 1 var */) = 0\n"
		 "100 clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>\n"
		 "101 getpid() = 101\n"
		 "100 <... clone resumed>) = 101\n"
		 "100 clone3({flags=CLONE_VM, exit_signal=SIGCHLD, stack=0x7f0000000000, stack_size=0x1000}, 88) = 102\n"
		 "102 vfork() = 103\n"
		 "103 exit_group(0) = ?\n"
		 "103 +++ exited with 0 +++\n"
		 "101 +++ killed by SIGSEGV (core dumped) +++\n"
		 "102 +++ exited with 7 +++\n"
		 "100 exit_group(0) = ?\n"
		 "100 +++ exited with 0 +++\n",
		 "x86_64");
	assert_int_equal(t.nerr, 0);
	assert_int_equal(t.ntask, 4);
	assert_string_equal(t.task[td_trace_task_by_pid(&t, 100)].path, "1");
	assert_string_equal(t.task[td_trace_task_by_pid(&t, 101)].path, "1.1");
	assert_string_equal(t.task[td_trace_task_by_pid(&t, 102)].path, "1.2");
	assert_string_equal(t.task[td_trace_task_by_pid(&t, 103)].path, "1.2.1");
	assert_true(t.task[td_trace_task_by_pid(&t, 102)].shares_vm);
	assert_int_equal(t.task[td_trace_task_by_pid(&t, 101)].out, TD_OUT_KILLED);
	assert_string_equal(t.task[td_trace_task_by_pid(&t, 101)].sig, "SIGSEGV");
	assert_true(t.task[td_trace_task_by_pid(&t, 101)].core);
	assert_int_equal(t.task[td_trace_task_by_pid(&t, 102)].status, 7);
	td_trace_free(&t);
}

static void
trace_pid_reuse_success(void **state)
{
	struct td_trace t;

	(void)state;
	load_str(&t,
		 "1 fork() = 2\n2 +++ exited with 0 +++\n1 fork() = 2\n2 getpid() = 2\n2 +++ exited with 1 +++\n",
		 "x86_64");
	assert_int_equal(t.ntask, 3);
	assert_string_equal(t.task[1].path, "1.1");
	assert_string_equal(t.task[2].path, "1.2");
	assert_int_equal(t.task[2].status, 1);
	td_trace_free(&t);
}

static void
trace_pid_reaped_reuse_success(void **state)
{
	struct td_trace t;

	(void)state;
	/* no +++ line for the first child: its parent's wait4 frees the pid;
	 * the second child's +++ line comes after the wait4 that reaped it */
	load_str(&t,
		 "1 fork() = 2\n2 exit_group(0) = ?\n1 wait4(-1, NULL, 0, NULL) = 2\n1 fork() = 2\n"
		 "2 getpid() = 2\n2 exit_group(1) = ?\n1 wait4(-1, NULL, 0, NULL) = 2\n2 +++ exited with 1 +++\n"
		 "1 fork() = 2\n1 wait4(-1, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WUNTRACED, NULL) = 2\n"
		 "2 getpid() = 2\n",
		 "x86_64");
	assert_int_equal(t.ntask, 4);
	assert_string_equal(t.task[2].path, "1.2");
	assert_int_equal(t.task[2].nev, 2);
	assert_int_equal(t.task[2].out, TD_OUT_EXITED);
	assert_int_equal(t.task[2].status, 1);
	assert_int_equal(t.task[3].nev, 1); /* a stopped child is not reaped */
	assert_int_equal(td_trace_task_by_pid_at(&t, 2, 3, NULL), 1);
	assert_int_equal(td_trace_task_by_pid_at(&t, 2, 4, NULL), 2);
	assert_int_equal(td_trace_task_by_pid_at(&t, 2, 100, NULL), 3);
	td_trace_free(&t);
}

/* tree_trace: a chain `deep` levels deep (each task forks the next), or a
 * root with `deep` children one after the other; pids from base by step */
static char *
tree_trace(int n, int deep, long base, long step)
{
	struct td_sb sb = {0};

	for (long i = 1; i <= n; i++) {
		long parent = deep ? base + (i - 1) * step : base, child = base + i * step;

		td_sb_printf(&sb, "%ld fork() = %ld\n%ld getpid() = %ld\n", parent, child, child, child);
		if (!deep)
			td_sb_printf(&sb, "%ld exit_group(0) = ?\n%ld +++ exited with 0 +++\n%ld wait4(-1, NULL, 0, NULL) = %ld\n",
				     child, child, parent, child);
	}
	for (long i = deep ? n : 0; i > 0; i--)
		td_sb_printf(&sb, "%ld exit_group(%ld) = ?\n%ld wait4(%ld, NULL, 0, NULL) = %ld\n", base + i * step,
			     i % 7, base + (i - 1) * step, base + i * step, base + i * step);
	td_sb_printf(&sb, "%ld exit_group(0) = ?\n", base);
	return sb.s;
}

static void
trace_deep_wide_tree_success(void **state)
{
	struct td_trace t;
	char *s = tree_trace(3000, 1, 100, 1), want[64];
	const char *p;

	(void)state;
	load_str(&t, s, "x86_64");
	assert_int_equal(t.ntask, 3001);
	for (size_t k = 0; k < t.ntask; k++) {
		assert_int_equal(t.task[k].depth, (int)k);
		assert_int_equal(td_trace_task_by_path(&t, t.task[k].path), (int)k);
		assert_true(strlen(t.task[k].path) < 2 * TD_PATH_FULL + 2);
	}
	/* full up to TD_PATH_FULL levels, then the short form */
	p = t.task[TD_PATH_FULL].path;
	assert_int_equal(strlen(p), 2 * TD_PATH_FULL + 1);
	assert_string_equal(p + strlen(p) - 4, ".1.1");
	snprintf(want, sizeof(want), "1.1.1.1...1.1.1.1~%d~", TD_PATH_FULL + 1);
	assert_true(!strncmp(t.task[TD_PATH_FULL + 1].path, want, strlen(want)));
	assert_string_not_equal(t.task[2999].path, t.task[3000].path);
	/* the wait4 of task 1.1 names its child */
	assert_string_equal(t.ev[t.task[1].ev[t.task[1].nev - 2]].norm, "@1.1.1, NULL, 0, *");
	td_trace_free(&t);
	free(s);
	s = tree_trace(5000, 0, 100, 1);
	load_str(&t, s, "x86_64");
	assert_int_equal(t.ntask, 5001);
	assert_int_equal(td_trace_task_by_path(&t, "1.4999"), 4999);
	assert_int_equal(td_trace_task_by_path(&t, "1.5001"), -1);
	td_trace_free(&t);
	free(s);
}

static void
trace_errors_have_lines_success(void **state)
{
	struct td_trace t;

	(void)state;
	load_str(&t, "1 getpid() = 1\nthis is not strace\n1 getppid() = 0\n1 <... read resumed>) = 0\n", NULL);
	assert_int_equal(t.nev, 2);
	assert_int_equal(t.nerr, 2);
	assert_int_equal(t.err[0].line, 2);
	assert_int_equal(t.err[0].col, 1);
	assert_int_equal(t.err[1].line, 4);
	td_trace_free(&t);
}

static void
trace_joined_output_success(void **state)
{
	struct td_trace t;

	(void)state;
	load_str(&t, "write(1, \"a\\nb\\n\", 4a\nb\n)                       = 4\nexit_group(0) = ?\n", NULL);
	assert_int_equal(t.nerr, 0);
	assert_int_equal(t.nev, 2);
	assert_string_equal(td_ev_output(&t.ev[0]), "a\nb\n");
	assert_int_equal(t.ev[0].end_line, 3);
	assert_int_equal(t.ev[1].line, 4);
	td_trace_free(&t);
}

static void
trace_truncated_last_line_success(void **state)
{
	struct td_trace t;

	(void)state;
	/* no newline at the end: the machine stopped while printing */
	load_str(&t, "5 getpid() = 5\n5 read(0, ", NULL);
	assert_int_equal(t.nerr, 0);
	assert_int_equal(t.nev, 2);
	assert_true(t.ev[1].unfinished);
	assert_true(t.truncated_last);
	assert_int_equal(t.task[0].pending, 1);
	td_trace_free(&t);
	/* with a newline it is a parse error */
	load_str(&t, "5 getpid() = 5\n5 read(0, \n", NULL);
	assert_int_equal(t.nerr, 1);
	td_trace_free(&t);
}

static void
trace_kernel_events_success(void **state)
{
	struct td_trace t;

	(void)state;
	load_str(&t,
		 "#tdiff boot kernel riscv64 0.1\n#tdiff start fork\n1 syscall_0x1b3(0x1000, 0x58) = -1 ENOSYS (Function not implemented)\n"
		 "#tdiff panic kernel/vm.c:12: out of frames\n#tdiff bt 0xffffffff80001000\n#tdiff bt 0xffffffff80002000\n",
		 NULL);
	assert_string_equal(t.arch, "riscv64");
	assert_string_equal(t.ev[0].name, "clone3"); /* 435 on riscv64, via libseccomp */
	assert_true(t.ev[0].raw_name);
	assert_string_equal(t.panic, "kernel/vm.c:12: out of frames");
	assert_int_equal(t.panic_line, 4);
	assert_int_equal(t.nkev, 5);
	td_trace_free(&t);
}

static void
trace_seccomp_names_success(void **state)
{
	(void)state;
	assert_string_equal(td_sys_name("x86_64", 60), "exit");
	assert_string_equal(td_sys_name("riscv64", 93), "exit");
	assert_int_equal(td_sys_nr("x86_64", "clone3"), 435);
	assert_int_equal(td_sys_nr("riscv64", "openat"), 56);
	assert_int_equal(td_sys_nr("riscv64", "fork"), -1); /* riscv64 has no fork */
	assert_null(td_sys_name("sparc", 1));
}

static void
trace_fixture_success(void **state)
{
	struct td_trace t;

	(void)state;
	load_data(&t, "linux-a.trace", 0);
	assert_int_equal(t.nerr, 0);
	assert_int_equal(t.ntask, 3);
	for (size_t i = 0; i < t.nev; i++)
		assert_false(t.ev[i].unfinished);
	assert_int_equal(t.task[0].out, TD_OUT_EXITED);
	assert_int_equal(td_trace_task_by_path(&t, "1.2") >= 0, 1);
	td_trace_free(&t);
}

static void
trace_bad_input_success(void **state)
{
	struct td_trace t;
	static const char bin[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\n\xff\xfe\n";

	(void)state;
	load_str(&t, "", NULL);
	assert_int_equal(t.nrecords, 0);
	td_trace_free(&t);
	assert_int_equal(td_trace_load_mem(&t, "bin", bin, sizeof(bin) - 1, NULL), 0);
	td_normalize(&t);
	assert_true(t.nerr > 0);
	assert_true(t.binary_garbage > 0);
	td_trace_free(&t);
	assert_int_equal(td_trace_load(&t, "/nonexistent/x.trace", NULL), -1);
}

/* check_lines: nlines, binary_garbage and every td_trace_line of text
 * against a plain split at each newline */
static void
check_lines(const char *text, size_t len)
{
	struct td_trace t;
	uint32_t want = 0;
	size_t nul = 0, start = 0;

	assert_int_equal(td_trace_load_mem(&t, "lines", text, len, NULL), 0);
	for (size_t i = 0; i < len; i++)
		nul += text[i] == 0;
	if (t.nerr > 0 || t.nev == 0) /* the only traces they are counted in */
		assert_int_equal(t.binary_garbage, nul);
	for (size_t i = 0; i <= len; i++) {
		size_t n;
		const char *p;

		if (i < len && text[i] != '\n')
			continue;
		if (i == len && start == len)
			break; /* no line after the last newline */
		p = td_trace_line(&t, ++want, &n);
		assert_int_equal(n, i - start);
		assert_memory_equal(p, text + start, n);
		start = i + 1;
	}
	assert_int_equal(t.nlines, want);
	td_trace_line(&t, want + 1, &start);
	assert_int_equal(start, 0);
	td_trace_free(&t);
}

static void
trace_line_index_success(void **state)
{
	char buf[4096];
	unsigned r = 7;

	(void)state;
	check_lines("", 0);
	check_lines("\n", 1);
	check_lines("a", 1);
	check_lines("a\n\nb", 5);
	check_lines("x\0y\n\0", 5);
	/* lines of every length around the 8-byte steps and the index's
	 * TD_LINE_STEP lines, with and without a last newline */
	for (int round = 0; round < 40; round++) {
		size_t len = 0;

		while (len < sizeof(buf) - 40) {
			size_t n;

			r = r * 1103515245u + 12345u;
			n = (r >> 16) % (round < 20 ? 3 : 24);
			memset(buf + len, 'a' + round % 26, n);
			len += n;
			buf[len++] = '\n';
		}
		check_lines(buf, len);
		check_lines(buf, len - 1);
	}
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trace_merge_resumed_success),
		cmocka_unit_test(trace_fork_tree_success),
		cmocka_unit_test(trace_pid_reuse_success),
		cmocka_unit_test(trace_pid_reaped_reuse_success),
		cmocka_unit_test(trace_deep_wide_tree_success),
		cmocka_unit_test(trace_errors_have_lines_success),
		cmocka_unit_test(trace_joined_output_success),
		cmocka_unit_test(trace_truncated_last_line_success),
		cmocka_unit_test(trace_kernel_events_success),
		cmocka_unit_test(trace_seccomp_names_success),
		cmocka_unit_test(trace_fixture_success),
		cmocka_unit_test(trace_bad_input_success),
		cmocka_unit_test(trace_line_index_success),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("trace.c tests", tests, NULL, NULL);
}
