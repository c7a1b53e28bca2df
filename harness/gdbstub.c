/* gdbstub.c: a GDB remote serial protocol client for QEMU's gdbstub (gdbstub.h). */
#define _GNU_SOURCE
#include "gdbstub.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int
fail(struct gdb *g, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(g->err, sizeof(g->err), "gdbstub: ");

	va_start(ap, fmt);
	vsnprintf(g->err + n, sizeof(g->err) - n, fmt, ap);
	va_end(ap);
	return -1;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
gdb_frame(const char *payload, char *out, size_t outlen)
{
	size_t n = strlen(payload), i;
	unsigned cs = 0;

	if (n + 5 > outlen)
		return -1;
	out[0] = '$';
	for (i = 0; i < n; i++) {
		out[1 + i] = payload[i];
		cs += (unsigned char)payload[i];
	}
	snprintf(out + 1 + n, outlen - 1 - n, "#%02x", cs & 0xff);
	return (int)n + 4;
}

long
gdb_unframe(const char *buf, size_t len, char *out, size_t outlen, size_t *outn)
{
	const char *dollar = memchr(buf, '$', len), *hash;
	unsigned cs = 0;
	size_t i, n = 0;
	int hi, lo;

	if (!dollar)
		return 0;
	hash = memchr(dollar, '#', len - (dollar - buf));
	if (!hash || (size_t)(hash - buf) + 3 > len)
		return 0;
	for (i = 1; dollar + i < hash; i++) {
		unsigned char c = dollar[i];

		cs += c;
		if (c == '*' && n > 0 && dollar + i + 1 < hash) {
			/* run-length: repeat the last byte (count - 29) more times */
			int rep = (unsigned char)dollar[++i] - 29;

			cs += (unsigned char)dollar[i];
			while (rep-- > 0 && n + 1 < outlen)
				out[n] = out[n - 1], n++;
			continue;
		}
		if (n + 1 >= outlen)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	hi = hexval(hash[1]);
	lo = hexval(hash[2]);
	if (hi < 0 || lo < 0 || (unsigned)(hi * 16 + lo) != (cs & 0xff))
		return -1;
	*outn = n;
	return (hash - buf) + 3;
}

int
gdb_hex_le(const char *hex, size_t nbytes, uint64_t *val)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < nbytes && i < 8; i++) {
		int hi = hexval(hex[2 * i]), lo = hi < 0 ? -1 : hexval(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		v |= (uint64_t)(hi * 16 + lo) << (8 * i);
	}
	*val = v;
	return 0;
}

/* send_all: write the whole buffer, or -1. */
static int
send_all(struct gdb *g, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(g->fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return fail(g, "write: %s", strerror(errno));
		p += w;
		n -= w;
	}
	return 0;
}

static int
send_packet(struct gdb *g, const char *payload)
{
	char frame[GDB_PKT_MAX + 8];
	int n = gdb_frame(payload, frame, sizeof(frame));

	if (n < 0)
		return fail(g, "packet too long");
	return send_all(g, frame, n);
}

/*
 * recv_packet: the next packet's payload into out, waiting at most
 * timeout_ms each time the socket is idle (-1: forever), calling g->idle
 * between waits.  Returns its length; -1 on error; -2 when the stub closed
 * the connection.
 */
static int
recv_packet(struct gdb *g, char *out, size_t outlen, int idle_calls)
{
	for (;;) {
		size_t n;
		long used = gdb_unframe(g->in, g->inlen, out, outlen, &n);
		struct pollfd pfd = {g->fd, POLLIN, 0};
		ssize_t r;

		if (used < 0)
			return fail(g, "bad packet from the stub");
		if (used > 0) {
			memmove(g->in, g->in + used, g->inlen - used);
			g->inlen -= used;
			if (!g->noack && send_all(g, "+", 1) < 0)
				return -1;
			return (int)n;
		}
		if (g->inlen == sizeof(g->in))
			return fail(g, "packet too long");
		if (idle_calls && g->idle) {
			int pr = poll(&pfd, 1, g->idle_ms);

			if (pr == 0) {
				g->idle(g->idle_arg);
				continue;
			}
		}
		r = read(g->fd, g->in + g->inlen, sizeof(g->in) - g->inlen);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return fail(g, "read: %s", strerror(errno));
		if (r == 0)
			return -2;
		g->inlen += r;
	}
}

int
gdb_command(struct gdb *g, const char *cmd, char *reply, size_t len)
{
	int n;

	g->round_trips++;
	if (send_packet(g, cmd) < 0)
		return -1;
	n = recv_packet(g, reply, len, 0);
	if (n == -2)
		return fail(g, "the stub closed the connection (QEMU ended)");
	return n;
}

int
gdb_connect_unix(struct gdb *g, const char *path, double timeout_s)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct timespec ts = {0, 5 * 1000 * 1000};
	char reply[512];
	double waited = 0;

	g->inlen = 0;
	g->noack = 0;
	if (strlen(path) >= sizeof(sa.sun_path))
		return fail(g, "%s: socket path too long", path);
	strcpy(sa.sun_path, path);
	for (;;) {
		g->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (g->fd < 0)
			return fail(g, "socket: %s", strerror(errno));
		if (connect(g->fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			break;
		close(g->fd);
		g->fd = -1;
		if (waited >= timeout_s)
			return fail(g, "%s: no stub after %.0f s: %s", path, timeout_s,
				    strerror(errno));
		nanosleep(&ts, NULL);
		waited += 0.005;
	}
	if (gdb_command(g, "QStartNoAckMode", reply, sizeof(reply)) < 0)
		return -1;
	if (!strcmp(reply, "OK"))
		g->noack = 1;
	return 0;
}

void
gdb_close(struct gdb *g)
{
	if (g->fd >= 0)
		close(g->fd);
	g->fd = -1;
}

int
gdb_read_reg(struct gdb *g, int regnum, uint64_t *val)
{
	char cmd[32], reply[64];
	int n;

	snprintf(cmd, sizeof(cmd), "p%x", regnum);
	n = gdb_command(g, cmd, reply, sizeof(reply));
	if (n < 0)
		return -1;
	if (n < 2 || reply[0] == 'E' || gdb_hex_le(reply, n / 2 > 8 ? 8 : n / 2, val) < 0)
		return fail(g, "register %d: reply '%s'", regnum, reply);
	return 0;
}

int
gdb_read_gregs(struct gdb *g, uint64_t *regs, int n)
{
	static char reply[GDB_PKT_MAX];
	int len = gdb_command(g, "g", reply, sizeof(reply)), i;

	if (len < 0)
		return -1;
	if (len < n * 16)
		return fail(g, "g: reply of %d hex digits, wanted %d", len, n * 16);
	for (i = 0; i < n; i++)
		if (gdb_hex_le(reply + 16 * i, 8, &regs[i]) < 0)
			return fail(g, "g: bad hex");
	return 0;
}

long
gdb_read_mem(struct gdb *g, uint64_t addr, void *buf, size_t len)
{
	char cmd[64], reply[GDB_PKT_MAX];
	unsigned char *b = buf;
	size_t done = 0;

	while (done < len) {
		size_t chunk = len - done > 2048 ? 2048 : len - done, i;
		int n;

		snprintf(cmd, sizeof(cmd), "m%llx,%zx", (unsigned long long)(addr + done), chunk);
		n = gdb_command(g, cmd, reply, sizeof(reply));
		if (n < 0)
			return -1;
		if (reply[0] == 'E' || n < 2)
			break;	/* unmapped: what was read so far */
		for (i = 0; i + 1 < (size_t)n && done < len; i += 2)
			b[done++] = (unsigned char)(hexval(reply[i]) * 16 + hexval(reply[i + 1]));
		if ((size_t)n < 2 * chunk)
			break;
	}
	return (long)done;
}

int
gdb_break(struct gdb *g, uint64_t addr, int insert)
{
	char cmd[64], reply[64];

	snprintf(cmd, sizeof(cmd), "%c1,%llx,4", insert ? 'Z' : 'z', (unsigned long long)addr);
	if (gdb_command(g, cmd, reply, sizeof(reply)) < 0)
		return -1;
	if (strcmp(reply, "OK"))
		return fail(g, "%s: reply '%s'", cmd, reply);
	return 0;
}

/* wait_stop: the stop reply after a resume: S/T stopped, W/X or EOF exited. */
static enum gdb_stop
wait_stop(struct gdb *g)
{
	char reply[1024];
	int n = recv_packet(g, reply, sizeof(reply), 1);

	if (n == -2)
		return GDB_EXITED;
	if (n < 0)
		return GDB_ERROR;
	if (reply[0] == 'S' || reply[0] == 'T')
		return GDB_STOPPED;
	if (reply[0] == 'W' || reply[0] == 'X')
		return GDB_EXITED;
	fail(g, "unexpected stop reply '%s'", reply);
	return GDB_ERROR;
}

enum gdb_stop
gdb_resume(struct gdb *g, int step)
{
	g->round_trips++;
	if (send_packet(g, step ? "s" : "c") < 0)
		return GDB_ERROR;
	return wait_stop(g);
}

enum gdb_stop
gdb_interrupt(struct gdb *g)
{
	if (send_all(g, "\003", 1) < 0)
		return GDB_ERROR;
	return wait_stop(g);
}

/* xml_skip_comments: a copy of xml with every <!-- ... --> blanked. */
static char *
xml_skip_comments(const char *xml)
{
	char *s = strdup(xml), *p = s, *e;

	while ((p = strstr(p, "<!--"))) {
		e = strstr(p + 4, "-->");
		e = e ? e + 3 : p + strlen(p);
		memset(p, ' ', e - p);
		p = e;
	}
	return s;
}

/* xml_attr: the value of attr="..." inside one element [el, end) into val. */
static int
xml_attr(const char *el, const char *end, const char *attr, char *val, size_t len)
{
	char key[64];
	const char *p, *q;

	snprintf(key, sizeof(key), " %s=\"", attr);
	p = memmem(el, end - el, key, strlen(key));
	if (!p)
		return -1;
	p += strlen(key);
	q = memchr(p, '"', end - p);
	if (!q || (size_t)(q - p) >= len)
		return -1;
	memcpy(val, p, q - p);
	val[q - p] = '\0';
	return 0;
}

void
gdb_xml_regs(const char *xml, int *next, const char *const names[], int *nums, int n)
{
	char *s = xml_skip_comments(xml), *p = s, name[64], num[32];
	int i;

	while ((p = strstr(p, "<reg "))) {
		char *end = strchr(p, '>');

		if (!end)
			break;
		if (xml_attr(p, end, "regnum", num, sizeof(num)) == 0)
			*next = atoi(num);
		if (xml_attr(p, end, "name", name, sizeof(name)) == 0)
			for (i = 0; i < n; i++)
				if (!strcmp(name, names[i]))
					nums[i] = *next;
		(*next)++;
		p = end;
	}
	free(s);
}

const char *
gdb_xml_include(const char *xml, int k, char *href, size_t len)
{
	char *s = xml_skip_comments(xml), *p = s, *end;
	const char *ret = NULL;

	while ((p = strstr(p, "<xi:include")) && (end = strchr(p, '>'))) {
		if (k-- == 0) {
			if (xml_attr(p, end, "href", href, len) == 0)
				ret = href;
			break;
		}
		p = end;
	}
	free(s);
	return ret;
}

/* read_xml: the whole annex (qXfer:features:read) into a malloc'd string, or NULL. */
static char *
read_xml(struct gdb *g, const char *annex)
{
	char cmd[256], reply[GDB_PKT_MAX];
	size_t len = 0, cap = 4096;
	char *out = malloc(cap);
	int n;

	for (;;) {
		snprintf(cmd, sizeof(cmd), "qXfer:features:read:%s:%zx,%x", annex, len, 0xf00);
		n = gdb_command(g, cmd, reply, sizeof(reply));
		if (n < 1 || (reply[0] != 'm' && reply[0] != 'l')) {
			free(out);
			fail(g, "%s: cannot read the target description", annex);
			return NULL;
		}
		while (len + n + 1 > cap)
			out = realloc(out, cap *= 2);
		memcpy(out + len, reply + 1, n - 1);
		len += n - 1;
		out[len] = '\0';
		if (reply[0] == 'l')
			return out;
	}
}

int
gdb_regnums(struct gdb *g, const char *const names[], int *nums, int n)
{
	char *top = read_xml(g, "target.xml"), href[256];
	int next = 0, i, k;

	for (i = 0; i < n; i++)
		nums[i] = -1;
	if (!top)
		return -1;
	gdb_xml_regs(top, &next, names, nums, n);
	for (k = 0; gdb_xml_include(top, k, href, sizeof(href)); k++) {
		char *sub = read_xml(g, href);

		if (!sub) {
			free(top);
			return -1;
		}
		gdb_xml_regs(sub, &next, names, nums, n);
		free(sub);
	}
	free(top);
	return 0;
}
