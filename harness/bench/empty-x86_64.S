/*
 * empty-x86_64.S: the smallest kernel QEMU can boot with -kernel (a PVH
 * entry): it powers off at once through isa-debug-exit.  `make bench` boots
 * it to measure QEMU's own start-up and shutdown, the floor under every test.
 */
	.section .note.Xen, "a"
	.balign 4
	.long 4			/* name size: "Xen\0" */
	.long 4			/* descriptor size */
	.long 18		/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.balign 4
	.long _start

	.text
	.code32
	.globl _start
_start:
	mov	$0xf4, %dx	/* isa-debug-exit: QEMU exits with (0 << 1) | 1 */
	xor	%eax, %eax
	outb	%al, %dx
1:	hlt
	jmp	1b
