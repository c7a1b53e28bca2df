/* kernel/arch/x86_64/string.S: memcpy and memset with rep movsb/stosb (fast
 * under TCG and on real CPUs); they override the generic C ones in lib.c. */
	.text
	.globl memcpy
memcpy:
	movq %rdi, %rax
	movq %rdx, %rcx
	rep movsb
	ret

	.globl memset
memset:
	movq %rdi, %r9
	movl %esi, %eax
	movq %rdx, %rcx
	rep stosb
	movq %r9, %rax
	ret

	.section .note.GNU-stack, "", @progbits
