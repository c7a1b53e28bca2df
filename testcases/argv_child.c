// @desc: exec'd by execve_argv: prints argc, argv, envp and checks the auxiliary vector
// @helper: yes
#include "tdiff_test.h"

#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <sys/auxv.h>

extern const ElfW(Ehdr) __ehdr_start;
extern char _start[];

int
main(int argc, char **argv, char **envp)
{
	unsigned long phdr, entry, pagesz, random;
	int i;

	say("argc=%d\n", argc);
	for (i = 0; i < argc; i++)
		say("argv[%d]=%s\n", i, argv[i]);
	say("argv[argc] is NULL: %s\n", argv[argc] ? "no" : "yes");
	for (i = 0; envp[i]; i++)
		say("envp[%d]=%s\n", i, envp[i]);

	pagesz = getauxval(AT_PAGESZ);
	random = getauxval(AT_RANDOM);
	phdr = getauxval(AT_PHDR);
	entry = getauxval(AT_ENTRY);
	say("AT_PAGESZ=%lu\n", pagesz);
	if (random) {
		volatile const unsigned char *p = (const unsigned char *)random;
		unsigned sum = 0;
		for (i = 0; i < 16; i++)
			sum += p[i];	/* faults if the 16 bytes are not mapped */
		say("AT_RANDOM: 16 readable bytes%s\n", sum == 0 ? " (all zero)" : "");
	} else {
		say("AT_RANDOM: missing\n");
	}
	say("AT_PHDR matches the program headers: %s\n",
	    phdr == (uintptr_t)&__ehdr_start + __ehdr_start.e_phoff ? "yes" : "no");
	say("AT_PHNUM=%lu\n", getauxval(AT_PHNUM));
	say("AT_ENTRY matches _start: %s\n", entry == (uintptr_t)_start ? "yes" : "no");
	/* argc sits just below argv at the initial stack pointer. */
	say("initial stack 16-byte aligned: %s\n", ((uintptr_t)argv - sizeof(long)) % 16 == 0 ? "yes" : "no");
	return 0;
}
