/* test_norm.c: symbolic pointers, fork-tree pids, compare modes. */
#include "check.h"

#include "sysc.h"

static const struct td_event *
ev_named(const struct td_trace *t, const char *name, int skip)
{
	for (size_t i = 0; i < t->nev; i++)
		if (!strcmp(t->ev[i].name, name) && skip-- == 0)
			return &t->ev[i];
	fail_msg("no event %s", name);
	return NULL;
}

static void
norm_brk_mmap_regions_success(void **state)
{
	struct td_trace t;

	(void)state;
	load_str(&t,
		 "1 brk(NULL) = 0x55c1f95c9000\n"
		 "1 brk(0x55c1f95ea000) = 0x55c1f95ea000\n"
		 "1 arch_prctl(ARCH_SET_FS, 0x55c1f95c9380) = 0\n"
		 "1 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7fc35d70f000\n"
		 "1 mprotect(0x7fc35d710000, 4096, PROT_READ) = 0\n"
		 "1 munmap(0x7fc35d70f000, 8192) = 0\n"
		 "1 madvise(0x7fc35d70f000, 8192, MADV_DONTNEED) = 0\n",
		 "x86_64");
	assert_string_equal(ev_named(&t, "brk", 0)->nret, "b0");
	assert_string_equal(ev_named(&t, "brk", 1)->norm, "b0+0x21000");
	assert_string_equal(ev_named(&t, "brk", 1)->nret, "b0+0x21000");
	assert_string_equal(ev_named(&t, "arch_prctl", 0)->norm, "ARCH_SET_FS, b0+0x380");
	assert_string_equal(ev_named(&t, "mmap", 0)->nret, "m1");
	assert_string_equal(ev_named(&t, "munmap", 0)->norm, "m1, 8192");
	assert_string_equal(ev_named(&t, "mprotect", 0)->norm, "m1+0x1000, 4096, PROT_READ");
	/* after munmap the region is gone: the address is just a pointer */
	assert_string_equal(ev_named(&t, "madvise", 0)->norm, "p1, 8192, MADV_DONTNEED");
	td_trace_free(&t);
}

static void
norm_tid_slots_success(void **state)
{
	struct td_trace t;

	(void)state;
	/* clone's parent_tid=[tid] is the child's id; clone3's parent_tid=0x...
	 * an address; rt_sigreturn's return is the restored register (here
	 * fd 3 on a kernel whose pid 3 is a task): not compared */
	load_str(&t,
		 "1 clone(child_stack=0x7ffff7fdbee8, flags=CLONE_VM|CLONE_PARENT_SETTID, parent_tid=[3], tls=0x7ffff7fdc000) = 3\n"
		 "1 clone3({flags=CLONE_PARENT_SETTID, parent_tid=0x7ffd12345678, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 88) = 4\n"
		 "1 rt_sigreturn({mask=[]}) = 3\n",
		 "x86_64");
	assert_non_null(strstr(ev_named(&t, "clone", 0)->norm, "parent_tid=[@1.1]"));
	assert_null(strstr(ev_named(&t, "clone3", 0)->norm, "0x7ffd12345678"));
	assert_string_equal(ev_named(&t, "rt_sigreturn", 0)->nret, "*");
	td_trace_free(&t);
}

static void
norm_uncompared_ret_drops_annotation_success(void **state)
{
	struct td_trace t;

	(void)state;
	/* time's value is not compared: neither is the date strace adds */
	load_str(&t,
		 "1 time(NULL) = 946684885 (2000-01-01T00:01:25+0000)\n"
		 "1 fcntl(0, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE)\n",
		 "x86_64");
	assert_string_equal(ev_named(&t, "time", 0)->nret, "*");
	assert_non_null(strstr(ev_named(&t, "fcntl", 0)->nret, "O_LARGEFILE"));
	td_trace_free(&t);
}

static void
norm_adjacent_stacks_success(void **state)
{
	struct td_trace a, b;
	char ta[2048], tb[2048];
	const char *m1, *c1, *m2, *c2;
	const char *use = "2 madvise(0x7ffff5ffb000, 8372224, MADV_DONTNEED) = 0\n";

	(void)state;
	/* glibc's pthread_create: an mmap'd stack, clone3 with it; a smaller
	 * stack made next lies end to end below the first, so the first's base
	 * is also in the page above the smaller one's top.  Whether the second
	 * thread exists yet when the first madvises its own stack away is
	 * scheduling (Linux: not yet; our kernel: yes): same name either way,
	 * and the stack that holds the address within its size */
	m1 = "1 mmap(NULL, 8392704, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK, -1, 0) = 0x7ffff5ffb000\n";
	c1 = "1 clone3({flags=CLONE_VM|CLONE_SETTLS, stack=0x7ffff5ffb000, stack_size=0x800300, tls=0x7ffff67fb6c0}, 88) = 2\n";
	m2 = "1 mmap(NULL, 69632, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK, -1, 0) = 0x7ffff5fea000\n";
	c2 = "1 clone3({flags=CLONE_VM|CLONE_SETTLS, stack=0x7ffff5fea000, stack_size=0x10300, tls=0x7ffff5ffa6c0}, 88) = 3\n";
	snprintf(ta, sizeof(ta), "%s%s%s%s%s", m1, c1, use, m2, c2);
	snprintf(tb, sizeof(tb), "%s%s%s%s%s", m1, c1, m2, c2, use);
	load_str(&a, ta, "x86_64");
	load_str(&b, tb, "x86_64");
	assert_string_equal(ev_named(&a, "madvise", 0)->norm, ev_named(&b, "madvise", 0)->norm);
	assert_null(strstr(ev_named(&b, "madvise", 0)->norm, "stack_size"));
	td_trace_free(&a);
	td_trace_free(&b);
}

static void
trace_unknown_syscall_number_success(void **state)
{
	struct td_trace t;

	(void)state;
	/* strace's form for a number it cannot name, one libseccomp does not
	 * know either (1000 on x86_64): a syscall, not a parse error */
	load_str(&t,
		 "1 syscall_0x3e8(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not implemented)\n",
		 "x86_64");
	assert_int_equal(t.nerr, 0);
	assert_string_equal(ev_named(&t, "syscall_0x3e8", 0)->name, "syscall_0x3e8");
	td_trace_free(&t);
}

static void
norm_clone3_stack_fault_success(void **state)
{
	struct td_trace t;
	const struct td_event *sig;

	(void)state;
	/* a child faulting just past the top of the stack clone3 was given */
	load_str(&t,
		 "1 clone3({flags=CLONE_VM, exit_signal=SIGCHLD, stack=0x7f0000001000, stack_size=0x1000}, 88) = 2\n"
		 "2 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x7f0000002018} ---\n"
		 "2 +++ killed by SIGSEGV +++\n",
		 "x86_64");
	assert_string_equal(ev_named(&t, "clone3", 0)->norm,
			    "{flags=CLONE_VM, exit_signal=SIGCHLD, stack=stack1, stack_size=4096}, 88");
	assert_string_equal(ev_named(&t, "clone3", 0)->nret, "@1.1");
	sig = ev_named(&t, "SIGSEGV", 0);
	assert_non_null(strstr(sig->norm, "si_addr=stack1@1+stack_size+0x18"));
	td_trace_free(&t);
}

static void
norm_pids_and_times_success(void **state)
{
	struct td_trace t;
	struct td_trace u;

	(void)state;
	load_str(&t,
		 "500 fork() = 501\n"
		 "500 wait4(501, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 501\n"
		 "500 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=501, si_uid=0, si_status=0, si_utime=3, si_stime=1} ---\n"
		 "500 clock_gettime(CLOCK_MONOTONIC, {tv_sec=1234, tv_nsec=5678}) = 0\n"
		 "500 getpid() = 500\n"
		 "500 kill(501, SIGTERM) = 0\n",
		 "x86_64");
	load_str(&u,
		 "9 fork() = 77\n"
		 "9 wait4(77, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 77\n"
		 "9 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=77, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---\n"
		 "9 clock_gettime(CLOCK_MONOTONIC, {tv_sec=99, tv_nsec=1}) = 0\n"
		 "9 getpid() = 9\n"
		 "9 kill(77, SIGTERM) = 0\n",
		 "x86_64");
	assert_string_equal(ev_named(&t, "wait4", 0)->norm, "@1.1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, *");
	assert_string_equal(ev_named(&t, "clock_gettime", 0)->norm, "CLOCK_MONOTONIC, *");
	assert_string_equal(ev_named(&t, "getpid", 0)->nret, "@1");
	/* the same program with other pids and times normalizes the same */
	for (size_t i = 0; i < t.nev; i++) {
		assert_string_equal(t.ev[i].norm, u.ev[i].norm);
		assert_string_equal(t.ev[i].nret, u.ev[i].nret);
		assert_true(t.ev[i].hash == u.ev[i].hash);
	}
	td_trace_free(&t);
	td_trace_free(&u);
}

static void
norm_unknown_pointers_success(void **state)
{
	struct td_trace t;

	(void)state;
	load_str(&t,
		 "1 statfs(\"/a\", 0x7fffdf624ce0) = -1 ENOENT (No such file or directory)\n"
		 "1 statfs(\"/b\", 0x7fffdf624d00) = -1 ENOENT (No such file or directory)\n"
		 "1 set_robust_list(0x401000, 24) = 0\n"
		 "1 rseq(0x4a3000, 0x20, 0, 0x53053053) = 0\n",
		 "x86_64");
	/* nearby pointers share a symbol; constants stay (small hex in decimal) */
	assert_string_equal(ev_named(&t, "statfs", 0)->norm, "\"/a\", p1");
	assert_string_equal(ev_named(&t, "statfs", 1)->norm, "\"/b\", p1");
	assert_string_equal(ev_named(&t, "set_robust_list", 0)->norm, "p2, 24");
	assert_string_equal(ev_named(&t, "rseq", 0)->norm, "p2, 32, 0, 0x53053053");
	td_trace_free(&t);
}

static void
norm_rules_table_success(void **state)
{
	const struct td_rule *r;

	(void)state;
	r = td_rule_find("mmap", 4);
	assert_string_equal(r->name, "mmap");
	assert_int_equal(r->ret, TD_M_SYM);
	assert_int_equal(r->nargs, 6);
	assert_string_equal(r->argname[5], "offset");
	assert_int_equal(r->argmode[5], TD_M_EXACT);
	r = td_rule_find("no_such_call", 12);
	assert_string_equal(r->name, "default");
	assert_int_equal(td_field_mode("si_pid", 6), TD_M_ID);
	assert_int_equal(td_field_mode("tv_sec", 6), TD_M_NONE);
	assert_int_equal(td_field_mode("st_size", 7), 0);
}

static void
norm_value_modes_success(void **state)
{
	struct td_trace t;

	(void)state;
	load_str(&t, "7 getpid() = 7\n", NULL);
	assert_string_equal(td_norm_value_str(&t, "{a=0x7fff0000, b=[1, 2], c=\"0x7fff0000\"}", TD_M_AUTO),
			    "{a=p1, b=[1, 2], c=\"0x7fff0000\"}");
	assert_string_equal(td_norm_value_str(&t, "0x7fff0000", TD_M_EXACT), "0x7fff0000");
	assert_string_equal(td_norm_value_str(&t, "{tv_sec=5, x=1}", TD_M_AUTO), "{tv_sec=*, x=1}");
	assert_string_equal(td_norm_value_str(&t, "7", TD_M_ID), "@1");
	/* -pgid: the group led by a task of the tree; -1 and others as printed */
	assert_string_equal(td_norm_value_str(&t, "-7", TD_M_ID), "-@1");
	assert_string_equal(td_norm_value_str(&t, "-1", TD_M_ID), "-1");
	assert_string_equal(td_norm_value_str(&t, "-99", TD_M_ID), "-99");
	assert_string_equal(td_norm_value_str(&t, "{unbalanced", TD_M_AUTO), "{unbalanced");
	td_trace_free(&t);
}

static void
norm_root_parent_symbol_success(void **state)
{
	struct td_trace t;
	const struct td_event *e;

	(void)state;
	/* a real run: the root's parent is strace, outside the traced tree */
	load_data(&t, "ppid-a.trace", 0);
	e = ev_named(&t, "getppid", 0);
	assert_int_equal(t.task[e->task].parent, -1);
	assert_int_equal(t.root_ppid, strtol(e->ret, NULL, 10));
	assert_string_equal(e->nret, "P0");
	assert_string_equal(ev_named(&t, "kill", 0)->norm, "P0, 0");
	/* the child's parent is the root, a task of the tree */
	assert_string_equal(ev_named(&t, "getppid", 1)->nret, "@1");
	assert_string_equal(ev_named(&t, "getppid", 2)->nret, "@1");
	td_trace_free(&t);
}

static void
norm_root_parent_unknown_ids_success(void **state)
{
	struct td_trace t;

	(void)state;
	/* another pid outside the tree stays an unknown id, as printed */
	load_str(&t,
		 "40 getppid() = 15\n"
		 "40 kill(15, 0) = 0\n"
		 "40 kill(16, 0) = -1 ESRCH (No such process)\n"
		 "40 fork() = 41\n"
		 "41 getppid() = 15\n",
		 "x86_64");
	assert_int_equal(t.root_ppid, 15);
	assert_string_equal(ev_named(&t, "kill", 0)->norm, "P0, 0");
	assert_string_equal(ev_named(&t, "kill", 1)->norm, "16, 0");
	/* P0 is a name for a value: a child answering it is told apart from @1 */
	assert_string_equal(ev_named(&t, "getppid", 1)->nret, "P0");
	td_trace_free(&t);
	/* a root whose getppid names a task of the tree learns no outside parent */
	load_str(&t,
		 "40 fork() = 41\n"
		 "40 getppid() = 41\n"
		 "40 getpgid(0) = 7\n",
		 "x86_64");
	assert_int_equal(t.root_ppid, 0);
	assert_string_equal(ev_named(&t, "getppid", 0)->nret, "@1.1");
	assert_string_equal(ev_named(&t, "getpgid", 0)->nret, "7");
	td_trace_free(&t);
	/* without a getppid in the root nothing is learned */
	load_str(&t, "40 kill(15, 0) = 0\n", "x86_64");
	assert_int_equal(t.root_ppid, 0);
	assert_string_equal(ev_named(&t, "kill", 0)->norm, "15, 0");
	td_trace_free(&t);
}

static void
norm_numbers_match_libc_success(void **state)
{
	/* the span scanners stand in for strtoull/strtoll(.., 0): same values */
	static const char *const tok[] = {
		"0", "1", "-1", "0x7fc100000650", "0755", "08", "0x", "0xg", "-0x10", "0X1F", "+5",
		"12abc", "-", "x", "18446744073709551615", "18446744073709551616",
		"0xffffffffffffffff", "0x10000000000000000", "9223372036854775807",
		"9223372036854775808", "-9223372036854775808", "-9223372036854775809",
		"-18446744073709551616", "3</dev/null>",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(tok) / sizeof(tok[0]); i++) {
		char *end;
		int ok;
		long long ll = strtoll(tok[i], &end, 0);

		assert_true(td_strtoull0(tok[i], strlen(tok[i])) == strtoull(tok[i], NULL, 0));
		assert_true(td_strtoll0(tok[i], strlen(tok[i]), &ok) == ll);
		assert_int_equal(ok, end != tok[i]);
	}
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(norm_brk_mmap_regions_success),
		cmocka_unit_test(norm_tid_slots_success),
		cmocka_unit_test(norm_uncompared_ret_drops_annotation_success),
		cmocka_unit_test(norm_adjacent_stacks_success),
		cmocka_unit_test(trace_unknown_syscall_number_success),
		cmocka_unit_test(norm_clone3_stack_fault_success),
		cmocka_unit_test(norm_pids_and_times_success),
		cmocka_unit_test(norm_unknown_pointers_success),
		cmocka_unit_test(norm_rules_table_success),
		cmocka_unit_test(norm_value_modes_success),
		cmocka_unit_test(norm_root_parent_symbol_success),
		cmocka_unit_test(norm_root_parent_unknown_ids_success),
		cmocka_unit_test(norm_numbers_match_libc_success),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("norm.c tests", tests, NULL, NULL);
}
