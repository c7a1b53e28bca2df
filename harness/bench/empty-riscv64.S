/*
 * empty-riscv64.S: the smallest S-mode kernel OpenSBI can start: it asks
 * the SBI to shut the machine down at once (SRST extension).  `make bench`
 * boots it to measure QEMU's and OpenSBI's own cost, the floor under every test.
 */
	.text
	.globl _start
_start:
	li	a7, 0x53525354	/* SBI extension "SRST" */
	li	a6, 0		/* function: system_reset */
	li	a0, 0		/* type: shutdown */
	li	a1, 0		/* reason: none */
	ecall
1:	wfi
	j	1b
