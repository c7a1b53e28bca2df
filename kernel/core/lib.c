/* kernel/core/lib.c: freestanding string functions, printf-style
 * formatting, and panic. */
#include "lib.h"
#include "arch.h"

/* Generic versions; an arch may override them (weak). */
__attribute__((weak)) void *
memcpy(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *
memmove(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

__attribute__((weak)) void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t
strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t
strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int
strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);
	if (size) {
		size_t m = n < size - 1 ? n : size - 1;
		memcpy(dst, src, m);
		dst[m] = 0;
	}
	return n;
}

struct fmt_out {
	char *buf;
	size_t size, len;
};

static void
fmt_putc(struct fmt_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* Format one unsigned number with base, width and zero padding. */
static void
fmt_num(struct fmt_out *o, uint64_t v, int base, int upper, int width, int zero, int neg,
	int left)
{
	char tmp[24];
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	int len = n + neg;
	if (left)
		zero = 0;
	if (!zero && !left)
		for (; width > len; width--)
			fmt_putc(o, ' ');
	if (neg)
		fmt_putc(o, '-');
	if (zero)
		for (; width > len; width--)
			fmt_putc(o, '0');
	while (n)
		fmt_putc(o, tmp[--n]);
	if (left)
		for (; width > len; width--)
			fmt_putc(o, ' ');
}

int
kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = { buf, size, 0 };
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			fmt_putc(&o, *fmt);
			continue;
		}
		fmt++;
		int alt = 0, zero = 0, width = 0, lng = 0, left = 0;
		for (;; fmt++) {
			if (*fmt == '#')
				alt = 1;
			else if (*fmt == '0')
				zero = 1;
			else if (*fmt == '-')
				left = 1;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			fmt_num(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, 0, width, zero, v < 0, left);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			uint64_t v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
			int base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
			if (alt && v && base == 16) {
				fmt_putc(&o, '0');
				fmt_putc(&o, 'x');
			} else if (alt && v && base == 8)
				fmt_putc(&o, '0');
			fmt_num(&o, v, base, *fmt == 'X', width, zero, 0, left);
			break;
		}
		case 'p': {
			uint64_t v = (uintptr_t)va_arg(ap, void *);
			fmt_putc(&o, '0');
			fmt_putc(&o, 'x');
			fmt_num(&o, v, 16, 0, width, zero, 0, left);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int n = (int)strlen(s);
			if (!left)
				for (; width > n; width--)
					fmt_putc(&o, ' ');
			while (*s)
				fmt_putc(&o, *s++);
			for (; width > n; width--)
				fmt_putc(&o, ' ');
			break;
		}
		case 'c':
			fmt_putc(&o, (char)va_arg(ap, int));
			break;
		case '%':
			fmt_putc(&o, '%');
			break;
		default:
			fmt_putc(&o, '%');
			if (*fmt)
				fmt_putc(&o, *fmt);
			else
				fmt--;
		}
	}
	if (o.size)
		o.buf[o.len < o.size ? o.len : o.size - 1] = 0;
	return (int)o.len;
}

int
ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void
kprintf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (char *p = buf; *p; p++) {
		if (*p == '\n')
			arch_console_putc('\r');
		arch_console_putc(*p);
	}
}

void
sb_init(struct sbuf *sb, char *buf, size_t cap)
{
	sb->buf = buf;
	sb->cap = cap;
	sb->len = 0;
	if (cap)
		buf[0] = 0;
}

void
sb_putc(struct sbuf *sb, char c)
{
	if (sb->len + 1 < sb->cap) {
		sb->buf[sb->len++] = c;
		sb->buf[sb->len] = 0;
	}
}

void
sb_puts(struct sbuf *sb, const char *s)
{
	while (*s)
		sb_putc(sb, *s++);
}

void
sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (sb->len < sb->cap) {
		int n = kvsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
		sb->len += n;
		if (sb->len >= sb->cap)
			sb->len = sb->cap - 1;
	}
	va_end(ap);
}

static void (*panic_hook)(const char *msg);

void
panic_set_hook(void (*hook)(const char *msg))
{
	panic_hook = hook;
}

void
panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	arch_irq_disable();
	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (panic_hook)
		panic_hook(msg);
	else
		kprintf("panic: %s\n", msg);
	arch_poweroff(255);
}
