/*
 * clone_entry.S (x86_64): start a clone/clone3 child on its own stack.
 * Linux x86_64: syscall number in rax, args in rdi rsi rdx r10 r8 r9;
 * the syscall instruction clobbers rcx and r11.
 * clone(flags, newsp, parent_tid, child_tid, tls) = 56, clone3 = 435, exit = 60.
 */
	.file	"clone_entry.S"
	.text

/* long tdiff_clone_run(flags=rdi, stack_top=rsi, fn=rdx, arg=rcx) */
	.globl tdiff_clone_run
	.type tdiff_clone_run, @function
tdiff_clone_run:
	and	$-16, %rsi
	sub	$16, %rsi
	mov	%rdx, 0(%rsi)		/* fn and arg travel on the child's stack */
	mov	%rcx, 8(%rsi)
	xor	%edx, %edx		/* parent_tid */
	xor	%r10d, %r10d		/* child_tid */
	xor	%r8d, %r8d		/* tls */
	mov	$56, %eax
	syscall
	test	%rax, %rax
	jnz	1f
	xor	%ebp, %ebp		/* child: outermost frame */
	pop	%rax
	pop	%rdi
	call	*%rax
	mov	%eax, %edi
	mov	$60, %eax
	syscall
	hlt
1:	ret
	.size tdiff_clone_run, .-tdiff_clone_run

/* long tdiff_clone3_run(args=rdi, size=rsi, fn=rdx, arg=rcx) */
	.globl tdiff_clone3_run
	.type tdiff_clone3_run, @function
tdiff_clone3_run:
	mov	40(%rdi), %r8		/* clone_args.stack */
	add	48(%rdi), %r8		/* + clone_args.stack_size */
	mov	%rdx, -16(%r8)
	mov	%rcx, -8(%r8)
	mov	$435, %eax
	syscall
	test	%rax, %rax
	jnz	1f
	xor	%ebp, %ebp		/* child: rsp is stack + stack_size */
	mov	-16(%rsp), %rax
	mov	-8(%rsp), %rdi
	call	*%rax
	mov	%eax, %edi
	mov	$60, %eax
	syscall
	hlt
1:	ret
	.size tdiff_clone3_run, .-tdiff_clone3_run

	.section .note.GNU-stack,"",@progbits
