/*
 * kernel/core/trace_buf.c: the tracer's output buffer.  Text is gathered
 * here and written to the trace channel (arch_trace_write) when the tracer
 * flushes, at the end of each line or half line, or when the buffer fills.
 * It also keeps the column of the current line, so that return values are
 * padded to strace's column.
 */
#include "arch.h"
#include "lib.h"
#include "trace.h"
#include "trace_fmt.h"

static char obuf[1024];
static size_t olen;
static int ocol;

/* Write the buffer to the trace channel: the second channel, or the
 * console with the tty's "\r\n" line ends under tdiff.channel=console. */
void
tr_flush(void)
{
	if (olen && trace_on_console) {
		for (size_t i = 0; i < olen; i++) {
			if (obuf[i] == '\n')
				arch_console_putc('\r');
			arch_console_putc(obuf[i]);
		}
	} else if (olen) {
		arch_trace_write(obuf, olen);
	}
	olen = 0;
}

void
tr_putc(char c)
{
	if (olen == sizeof(obuf))
		tr_flush();
	obuf[olen++] = c;
	ocol = c == '\n' ? 0 : ocol + 1;
}

void
tr_puts(const char *s)
{
	while (*s)
		tr_putc(*s++);
}

void
tr_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	tr_puts(buf);
}

/* Spaces up to column col of the current line (none if already past). */
void
tr_pad(int col)
{
	while (ocol < col)
		tr_putc(' ');
}
