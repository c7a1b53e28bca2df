// @desc: a child that maps and touches memory until none is left is killed (SIGKILL), never the kernel; a mapping bigger than RAM is ENOMEM at once
// @timeout: 60
// @expect: oom: mmap 16 GiB: ENOMEM
// @expect: oom: child killed by SIGKILL
// @smoke: none
// (not on the host: it would exhaust the memory of the machine that runs the smoke test)
// The child maps 512 MiB in 32 MiB chunks without touching them (each mmap fits the
// memory Linux's overcommit heuristic allows), then touches every page: it dies of a page
// fault, not a syscall, so the trace is the same however much memory the kernel and the
// test world use (the count of mmaps before the kill used to move with the rootfs's size).
#include "tdiff_test.h"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHUNK (32L << 20)
#define CHUNKS 16	/* 512 MiB: twice the machine's memory */

int
main(void)
{
	char buf[64];
	int status;
	long r = raw_syscall6(SYS_mmap, 0, 16L << 30, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	say("oom: mmap 16 GiB: %s\n", r < 0 ? errname((int)-r) : "mapped");
	pid_t pid = fork();
	if (pid == 0) {
		long chunk[CHUNKS];
		for (int i = 0; i < CHUNKS; i++) {
			chunk[i] = raw_syscall6(SYS_mmap, 0, CHUNK, PROT_READ | PROT_WRITE,
						MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (chunk[i] < 0)
				raw_syscall6(SYS_exit_group, 3, 0, 0, 0, 0, 0);
		}
		for (int i = 0; i < CHUNKS; i++)
			for (long off = 0; off < CHUNK; off += 4096)
				((volatile char *)chunk[i])[off] = 1;
		raw_syscall6(SYS_exit_group, 4, 0, 0, 0, 0, 0);
	}
	if (waitpid(pid, &status, 0) != pid) {
		say("oom: waitpid failed\n");
		return 1;
	}
	say("oom: child %s\n", describe_status(status, buf, sizeof(buf)));
	return 0;
}
