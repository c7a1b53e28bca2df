// @desc: rseq as a syscall: a 32-byte area registers (the kernel writes cpu_id 0 and up), a second registration is EBUSY, EINVAL for a wrong length or an unaligned area, unregistering needs the same area and signature (EPERM for another signature) and then works
// @smoke: x86_64
// (qemu-user has no rseq)
// @libc: musl  # glibc registers its own rseq area at startup (x86_64), so every registration here would be EBUSY
// @expect: register: 0, cpu_id set: yes
// @expect: register again: -1 EBUSY
// @expect: unregister with another signature: -1 EPERM
// @expect: unregister: 0
// @expect: register length 16: -1 EINVAL
// @expect: register unaligned: -1 EINVAL
#include "tdiff_test.h"

#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#define RSEQ_SIG 0x53053053
#define RSEQ_FLAG_UNREGISTER 1

struct rseq_area {
	uint32_t cpu_id_start;
	uint32_t cpu_id;
	uint64_t rseq_cs;
	uint32_t flags;
	uint32_t pad[3];
} __attribute__((aligned(32)));

static struct rseq_area area = { .cpu_id = (uint32_t)-1 };
static char unaligned_buf[64] __attribute__((aligned(32)));

static void
say_raw(const char *what, long r)
{
	if (r < 0)
		say("%s: -1 %s\n", what, errname((int)-r));
	else
		say("%s: %ld\n", what, r);
}

int
main(void)
{
	long r = raw_syscall6(SYS_rseq, (long)&area, sizeof(area), 0, RSEQ_SIG, 0, 0);
	if (r < 0)
		say_raw("register", r);
	else
		say("register: %ld, cpu_id set: %s\n", r, area.cpu_id != (uint32_t)-1 ? "yes" : "no");
	say_raw("register again", raw_syscall6(SYS_rseq, (long)&area, sizeof(area), 0, RSEQ_SIG, 0, 0));
	say_raw("unregister with another signature",
		raw_syscall6(SYS_rseq, (long)&area, sizeof(area), RSEQ_FLAG_UNREGISTER, 0x1234, 0, 0));
	say_raw("unregister", raw_syscall6(SYS_rseq, (long)&area, sizeof(area), RSEQ_FLAG_UNREGISTER, RSEQ_SIG, 0, 0));
	say_raw("register length 16", raw_syscall6(SYS_rseq, (long)&area, 16, 0, RSEQ_SIG, 0, 0));
	say_raw("register unaligned",
		raw_syscall6(SYS_rseq, (long)(unaligned_buf + 8), sizeof(area), 0, RSEQ_SIG, 0, 0));
	return 0;
}
