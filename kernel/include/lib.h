/* kernel/include/lib.h: string and formatting helpers, console output, panic. */
#ifndef LIB_H
#define LIB_H

#include "types.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);

/* printf-style formatting: %d %i %u %x %X %p %s %c %% with l, ll, z, #, 0, width. */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Write to the console (COM1 / UART). */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable-by-truncation text buffer used by the tracer. */
struct sbuf {
	char *buf;
	size_t cap, len;
};
void sb_init(struct sbuf *sb, char *buf, size_t cap);
void sb_putc(struct sbuf *sb, char c);
void sb_puts(struct sbuf *sb, const char *s);
void sb_printf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Kernel bug: report the message through the panic hook and power off.
 * The tracer sets the hook at boot (trace_init: `#tdiff panic` and a
 * backtrace on the trace channel); without one the console gets it. */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void panic_set_hook(void (*hook)(const char *msg));
#define KASSERT(c) do { if (!(c)) panic("assertion failed: %s at %s:%d", #c, __FILE__, __LINE__); } while (0)

#endif
