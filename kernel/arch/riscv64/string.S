/* kernel/arch/riscv64/string.S: memcpy and memset a doubleword at a time
 * when the pointers allow it (TCG runs byte loops slowly); they override
 * the generic C ones in lib.c. */
	.text
	.globl memcpy
	.type memcpy, @function
memcpy:
	mv t0, a0
	or t1, a0, a1
	andi t1, t1, 7
	bnez t1, 2f
1:	li t2, 8
	bltu a2, t2, 2f
	ld t1, 0(a1)
	sd t1, 0(t0)
	addi a1, a1, 8
	addi t0, t0, 8
	addi a2, a2, -8
	j 1b
2:	beqz a2, 3f
	lbu t1, 0(a1)
	sb t1, 0(t0)
	addi a1, a1, 1
	addi t0, t0, 1
	addi a2, a2, -1
	j 2b
3:	ret
	.size memcpy, . - memcpy

	.globl memset
	.type memset, @function
memset:
	mv t0, a0
	andi a1, a1, 0xff
	andi t1, a0, 7
	bnez t1, 2f
	/* the byte in all eight lanes */
	slli t2, a1, 8
	or t2, t2, a1
	slli t1, t2, 16
	or t2, t2, t1
	slli t1, t2, 32
	or t2, t2, t1
1:	li t1, 8
	bltu a2, t1, 2f
	sd t2, 0(t0)
	addi t0, t0, 8
	addi a2, a2, -8
	j 1b
2:	beqz a2, 3f
	sb a1, 0(t0)
	addi t0, t0, 1
	addi a2, a2, -1
	j 2b
3:	ret

	.size memset, . - memset

	.section .note.GNU-stack, "", @progbits
