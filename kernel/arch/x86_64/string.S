/* kernel/arch/x86_64/string.S: memcpy and memset with rep movsb/stosb (fast
 * under TCG and on real CPUs); they override the generic C ones in lib.c. */
	.text
	.globl memcpy
	.type memcpy, @function
memcpy:
	movq %rdi, %rax
	movq %rdx, %rcx
	rep movsb
	ret
	.size memcpy, . - memcpy

	.globl memset
	.type memset, @function
memset:
	movq %rdi, %r9
	movl %esi, %eax
	movq %rdx, %rcx
	rep stosb
	movq %r9, %rax
	ret
	.size memset, . - memset

	.section .note.GNU-stack, "", @progbits
