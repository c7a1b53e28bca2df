/* kernel/arch/x86_64/string.S: memcpy and memset with rep movsq/stosq and
 * movsb/stosb for the tail (as Linux's memset without ERMS: TCG runs a rep
 * step per element, so quadwords take an eighth of the steps); they
 * override the generic C ones in lib.c. */
	.text
	.globl memcpy
	.type memcpy, @function
memcpy:
	movq %rdi, %rax
	movq %rdx, %rcx
	shrq $3, %rcx
	rep movsq                   /* eight bytes a step, then the rest */
	movq %rdx, %rcx
	andq $7, %rcx
	rep movsb
	ret
	.size memcpy, . - memcpy

	.globl memset
	.type memset, @function
memset:
	movq %rdi, %r9
	movzbl %sil, %eax
	movabsq $0x0101010101010101, %rcx
	imulq %rcx, %rax            /* the byte in all eight lanes */
	movq %rdx, %rcx
	shrq $3, %rcx
	rep stosq
	movq %rdx, %rcx
	andq $7, %rcx
	rep stosb
	movq %r9, %rax
	ret
	.size memset, . - memset

	.section .note.GNU-stack, "", @progbits
