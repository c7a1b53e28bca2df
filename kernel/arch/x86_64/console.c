/*
 * kernel/arch/x86_64/console.c: the serial ports (COM1 the console, COM2 the
 * trace channel), power-off through isa-debug-exit (or ACPI), and halting.
 */
#include "arch.h"
#include "machine.h"

#define COM1 0x3f8
#define COM2 0x2f8

static void
uart_init(uint16_t base, int rx_irq)
{
	outb(base + 1, 0);          /* no interrupts */
	outb(base + 3, 0x80);       /* DLAB */
	outb(base + 0, 1);          /* 115200 baud */
	outb(base + 1, 0);
	outb(base + 3, 0x03);       /* 8N1 */
	outb(base + 2, 0x07);       /* FIFO on, cleared */
	outb(base + 4, 0x0b);       /* DTR, RTS, OUT2 (IRQs reach the PIC) */
	if (rx_irq)
		outb(base + 1, 0x01);   /* data-available interrupt */
}

static void
uart_putc(uint16_t base, char c)
{
	while (!(inb(base + 5) & 0x20))
		;
	outb(base, (uint8_t)c);
}

void
console_init(void)
{
	uart_init(COM1, 1);
	uart_init(COM2, 0);
}

void
arch_console_putc(int c)
{
	uart_putc(COM1, (char)c);
}

int
arch_console_getc(void)
{
	if (inb(COM1 + 5) & 1)
		return inb(COM1);
	return -1;
}

void
arch_trace_write(const char *s, size_t n)
{
	while (n--)
		uart_putc(COM2, *s++);
}

void
arch_poweroff(int status)
{
	arch_irq_disable();
	/* isa-debug-exit: QEMU exits with (status << 1) | 1 */
	outb(0xf4, (uint8_t)status);
	/* without the device: ACPI S5 on QEMU's PM block (pc and q35) */
	outw(0x604, 0x2000);
	arch_halt_forever();
}

void
arch_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}
