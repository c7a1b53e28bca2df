/*
 * kernel/core/dev.c: character devices — the console tty (output processing
 * ONLCR, canonical input with echo), /dev/null, /dev/zero — and pipes.
 */
#include "vfs.h"
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
#include "task.h"
#include "uapi.h"
#include "vm.h"

/* ---- console tty ---- */

#define TTY_BUF 1024
static struct {
	char buf[TTY_BUF];
	size_t head, tail;          /* ring: head = next read, tail = next write */
	size_t lines;               /* complete lines waiting */
	struct k_termios termios;
	struct k_winsize winsize;
	int pgrp;
} tty;

/* termios as golden's Linux has its serial console after boot (9600 8N1:
 * console= names no speed). */
void
tty_init(void)
{
	memset(&tty, 0, sizeof(tty));
	tty.termios.c_iflag = 0x500;            /* ICRNL | IXON */
	tty.termios.c_oflag = 0x5;              /* OPOST | ONLCR */
	tty.termios.c_cflag = 0xcbd;            /* B9600 | CS8 | CREAD | HUPCL | CLOCAL */
	tty.termios.c_lflag = 0x8a3b;           /* ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */
	static const uint8_t cc[19] = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0 };
	memcpy(tty.termios.c_cc, cc, sizeof(cc));
}

static void
tty_out(char c)
{
	if ((tty.termios.c_oflag & 0x5) == 0x5 && c == '\n')
		arch_console_putc('\r');
	arch_console_putc(c);
}

void
tty_input(int c)
{
	if (c == '\r' && (tty.termios.c_iflag & 0x100))
		c = '\n';
	int canon = tty.termios.c_lflag & 0x2;
	int echo = tty.termios.c_lflag & 0x8;
	if (canon && (c == 127 || c == 8)) {
		if (tty.tail != tty.head) {
			size_t prev = (tty.tail + TTY_BUF - 1) % TTY_BUF;
			if (tty.buf[prev] != '\n') {
				tty.tail = prev;
				if (echo) {
					arch_console_putc('\b');
					arch_console_putc(' ');
					arch_console_putc('\b');
				}
			}
		}
		return;
	}
	size_t next = (tty.tail + 1) % TTY_BUF;
	if (next == tty.head)
		return;             /* full: drop */
	tty.buf[tty.tail] = (char)c;
	tty.tail = next;
	if (echo)
		tty_out((char)c);
	if (!canon || c == '\n' || c == 4)
		tty.lines++;
	wakeup(&tty);
}

static ssize_t
tty_read(struct file *f, void *buf, size_t n)
{
	char *out = buf;
	size_t got = 0;
	while (!tty.lines) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (sleep_on(&tty, 1, 0) == -EINTR)
			return -ERESTARTSYS;
	}
	while (got < n && tty.head != tty.tail) {
		char c = tty.buf[tty.head];
		tty.head = (tty.head + 1) % TTY_BUF;
		if (c == 4 && (tty.termios.c_lflag & 0x2)) {   /* ^D: end of input */
			tty.lines--;
			break;
		}
		out[got++] = c;
		if (c == '\n' && (tty.termios.c_lflag & 0x2)) {
			tty.lines--;
			break;
		}
	}
	if (!(tty.termios.c_lflag & 0x2))
		tty.lines = tty.head != tty.tail;
	return (ssize_t)got;
}

static ssize_t
tty_write(struct file *f, const void *buf, size_t n)
{
	const char *s = buf;
	(void)f;
	for (size_t i = 0; i < n; i++)
		tty_out(s[i]);
	return (ssize_t)n;
}

static long
tty_ioctl(struct file *f, unsigned long cmd, uintptr_t arg)
{
	(void)f;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(arg, &tty.termios, sizeof(tty.termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return copy_from_user(&tty.termios, arg, sizeof(tty.termios));
	case TIOCGWINSZ:
		return copy_to_user(arg, &tty.winsize, sizeof(tty.winsize));
	case TIOCSWINSZ:
		return copy_from_user(&tty.winsize, arg, sizeof(tty.winsize));
	case TIOCGPGRP: {
		int pg = tty.pgrp ? tty.pgrp : current->proc->pgid;
		return copy_to_user(arg, &pg, sizeof(pg));
	}
	case TIOCSPGRP: {
		int pg;
		if (copy_from_user(&pg, arg, sizeof(pg)))
			return -EFAULT;
		tty.pgrp = pg;
		return 0;
	}
	case TIOCSCTTY:
		return 0;
	case FIONREAD: {
		int n = (int)((tty.tail + TTY_BUF - tty.head) % TTY_BUF);
		return copy_to_user(arg, &n, sizeof(n));
	}
	default:
		return -ENOTTY;
	}
}

static unsigned
tty_poll(struct file *f)
{
	(void)f;
	return (tty.lines ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}

const struct file_ops tty_ops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
};

struct file *
tty_open(void)
{
	struct inode *dev = vfs_dir_find(vfs_root(), "dev");
	struct inode *con = dev ? vfs_dir_find(dev, "console") : NULL;
	if (!con)
		return NULL;
	return file_open_inode(con, O_RDWR);
}

/* ---- null, zero ---- */

static ssize_t
null_read(struct file *f, void *buf, size_t n)
{
	(void)f, (void)buf, (void)n;
	return 0;
}

static ssize_t
null_write(struct file *f, const void *buf, size_t n)
{
	(void)f, (void)buf;
	return (ssize_t)n;
}

static ssize_t
zero_read(struct file *f, void *buf, size_t n)
{
	(void)f;
	memset(buf, 0, n);
	return (ssize_t)n;
}

const struct file_ops null_ops = { .read = null_read, .write = null_write };
const struct file_ops zero_ops = { .read = zero_read, .write = null_write };

/* ---- pipes ---- */

#define PIPE_SIZE 65536
struct pipe {
	uint8_t *buf;
	size_t head, count;
	int readers, writers;
};

static ssize_t
pipe_read(struct file *f, void *buf, size_t n)
{
	struct pipe *p = f->priv;
	while (p->count == 0) {
		if (p->writers == 0)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (sleep_on(p, 1, 0) == -EINTR)
			return -ERESTARTSYS;
	}
	size_t got = 0;
	uint8_t *out = buf;
	while (got < n && p->count) {
		out[got++] = p->buf[p->head];
		p->head = (p->head + 1) % PIPE_SIZE;
		p->count--;
	}
	wakeup(p);
	poll_wake();
	return (ssize_t)got;
}

static ssize_t
pipe_write(struct file *f, const void *buf, size_t n)
{
	struct pipe *p = f->priv;
	const uint8_t *in = buf;
	size_t done = 0;
	while (done < n) {
		if (p->readers == 0) {
			struct k_siginfo si = { .signo = SIGPIPE, .code = SI_USER,
						.pid = current->proc->pid };
			signal_send_task(current, &si);
			return done ? (ssize_t)done : -EPIPE;
		}
		if (p->count == PIPE_SIZE) {
			if (f->flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			if (sleep_on(p, 1, 0) == -EINTR)
				return done ? (ssize_t)done : -ERESTARTSYS;
			continue;
		}
		while (done < n && p->count < PIPE_SIZE) {
			p->buf[(p->head + p->count) % PIPE_SIZE] = in[done++];
			p->count++;
		}
		wakeup(p);
		poll_wake();
	}
	return (ssize_t)done;
}

static void
pipe_release(struct file *f)
{
	struct pipe *p = f->priv;
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	wakeup(p);
	poll_wake();
	if (p->readers == 0 && p->writers == 0) {
		kfree(p->buf);
		kfree(p);
	}
}

/* As Linux's pipe_poll: the read end is POLLIN with bytes in the pipe,
 * POLLHUP without writers; the write end POLLOUT with room, POLLERR
 * without readers. */
static unsigned
pipe_poll(struct file *f)
{
	struct pipe *p = f->priv;
	unsigned m = 0;
	if ((f->flags & O_ACCMODE) == O_RDONLY) {
		if (p->count)
			m |= POLLIN | POLLRDNORM;
		if (!p->writers)
			m |= POLLHUP;
	} else {
		if (p->count < PIPE_SIZE)
			m |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			m |= POLLERR;
	}
	return m;
}

static long
pipe_ioctl(struct file *f, unsigned long cmd, uintptr_t arg)
{
	struct pipe *p = f->priv;
	if (cmd == FIONREAD) {
		int n = (int)p->count;
		return copy_to_user(arg, &n, sizeof(n));
	}
	return -ENOTTY;
}

static const struct file_ops pipe_ops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
	.poll = pipe_poll,
};

static struct inode pipe_inode = { .mode = S_IFIFO | 0600, .ino = 4000, .nlink = 1, .refs = 1 };

int
pipe_create(struct file **rd, struct file **wr, unsigned flags)
{
	struct pipe *p = kzalloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->buf = kmalloc(PIPE_SIZE);
	struct file *r = kzalloc(sizeof(*r)), *w = kzalloc(sizeof(*w));
	if (!p->buf || !r || !w) {
		kfree(p->buf);
		kfree(p);
		kfree(r);
		kfree(w);
		return -ENOMEM;
	}
	p->readers = p->writers = 1;
	r->refs = w->refs = 1;
	r->ops = w->ops = &pipe_ops;
	r->priv = w->priv = p;
	r->ino = w->ino = &pipe_inode;
	pipe_inode.refs += 2;
	r->flags = O_RDONLY | (flags & O_NONBLOCK);
	w->flags = O_WRONLY | (flags & O_NONBLOCK);
	*rd = r;
	*wr = w;
	return 0;
}
