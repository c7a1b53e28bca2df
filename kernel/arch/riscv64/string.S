/* kernel/arch/riscv64/string.S: memcpy and memset 64 bytes (eight
 * doublewords) a step, then a doubleword, when the pointers allow it, and a
 * byte at a time otherwise (TCG runs byte loops slowly, and each step's loop
 * instructions count); they override the generic C ones in lib.c. */
	.text
	.globl memcpy
	.type memcpy, @function
memcpy:
	mv t0, a0
	or t1, a0, a1
	andi t1, t1, 7
	bnez t1, 2f
	/* 64 bytes a step while they last */
	li t2, 64
4:	bltu a2, t2, 1f
	ld t1, 0(a1)
	ld a3, 8(a1)
	ld a4, 16(a1)
	ld a5, 24(a1)
	ld a6, 32(a1)
	ld a7, 40(a1)
	ld t3, 48(a1)
	ld t4, 56(a1)
	sd t1, 0(t0)
	sd a3, 8(t0)
	sd a4, 16(t0)
	sd a5, 24(t0)
	sd a6, 32(t0)
	sd a7, 40(t0)
	sd t3, 48(t0)
	sd t4, 56(t0)
	addi a1, a1, 64
	addi t0, t0, 64
	addi a2, a2, -64
	j 4b
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
	/* 64 bytes a step while they last */
	li t1, 64
4:	bltu a2, t1, 1f
	sd t2, 0(t0)
	sd t2, 8(t0)
	sd t2, 16(t0)
	sd t2, 24(t0)
	sd t2, 32(t0)
	sd t2, 40(t0)
	sd t2, 48(t0)
	sd t2, 56(t0)
	addi t0, t0, 64
	addi a2, a2, -64
	j 4b
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
