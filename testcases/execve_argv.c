// @desc: execve of /tests/argv_child with chosen argv and envp (the 'argv' case of seed 000)
// @timeout: 10
// @smoke: x86_64
// @expect: argc=4
// @expect: argv[2]=two words
// @expect: envp[1]=TDIFF_B=second value
// @expect: AT_PAGESZ=4096
// @expect: AT_RANDOM: 16 readable bytes
// @expect: AT_PHDR matches the program headers: yes
// @expect: AT_ENTRY matches _start: yes
// @expect: initial stack 16-byte aligned: yes
#include "tdiff_test.h"

#include <unistd.h>

int
main(void)
{
	char *const argv[] = {"argv_child", "one", "two words", "", NULL};
	char *const envp[] = {"TDIFF_A=1", "TDIFF_B=second value", NULL};
	int r;

	r = execve("/tests/argv_child", argv, envp);
	say("execve failed: %d\n", r);
	return 1;
}
