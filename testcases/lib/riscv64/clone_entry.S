/*
 * clone_entry.S (riscv64): start a clone/clone3 child on its own stack.
 * Linux riscv64: syscall number in a7, args in a0..a5, result in a0.
 * clone(flags, newsp, parent_tid, tls, child_tid) = 220 (tls before
 * child_tid, unlike x86_64), clone3 = 435, exit = 93.
 */
	.file	"clone_entry.S"
	.text

/* long tdiff_clone_run(flags=a0, stack_top=a1, fn=a2, arg=a3) */
	.globl tdiff_clone_run
	.type tdiff_clone_run, @function
tdiff_clone_run:
	andi	a1, a1, -16
	addi	a1, a1, -16
	sd	a2, 0(a1)		/* fn and arg travel on the child's stack */
	sd	a3, 8(a1)
	li	a2, 0			/* parent_tid */
	li	a3, 0			/* tls */
	li	a4, 0			/* child_tid */
	li	a7, 220
	ecall
	bnez	a0, 1f
	ld	a1, 0(sp)		/* child: sp is the new stack */
	ld	a0, 8(sp)
	addi	sp, sp, 16
	li	ra, 0
	jalr	a1
	li	a7, 93
	ecall
2:	j	2b
1:	ret
	.size tdiff_clone_run, .-tdiff_clone_run

/* long tdiff_clone3_run(args=a0, size=a1, fn=a2, arg=a3) */
	.globl tdiff_clone3_run
	.type tdiff_clone3_run, @function
tdiff_clone3_run:
	ld	t0, 40(a0)		/* clone_args.stack */
	ld	t1, 48(a0)		/* clone_args.stack_size */
	add	t0, t0, t1
	sd	a2, -16(t0)
	sd	a3, -8(t0)
	li	a7, 435
	ecall
	bnez	a0, 1f
	ld	a1, -16(sp)		/* child: sp is stack + stack_size */
	ld	a0, -8(sp)
	li	ra, 0
	jalr	a1
	li	a7, 93
	ecall
2:	j	2b
1:	ret
	.size tdiff_clone3_run, .-tdiff_clone3_run
