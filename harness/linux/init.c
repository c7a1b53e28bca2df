/*
 * harness/linux/init.c: the guest init of the golden recorder (target "linux").
 *
 * Linux runs it as pid 1 from /tdiff/init (rdinit=), an extra cpio archive
 * appended to the test rootfs.  It gives the test the world harness/PROTOCOL.md
 * describes (argv from /tests/<name>.argv, envp HOME=/ PATH=/bin:/tests
 * TERM=linux, cwd /, fds 0-2 on the console tty), runs it under
 * `strace -f -s 4096 -o <trace tty>`, reports the #tdiff events on the trace
 * channel and powers the machine off.  Before the test starts it removes
 * /tdiff (itself and strace) from the rootfs, so the test sees exactly the
 * tree our own kernel gives it.
 *
 * The console also carries "#tdiff start <name>" and "#tdiff exit <status>"
 * so that the host can cut the test's output out of the boot messages.
 *
 * With tdiff.raw=1 (the golden recorder) each test runs a second time right
 * after the first, after the same reset as between two tests of a batch,
 * under `strace -f -X raw -e raw=all`, framed by "#tdiff raw-start <name>"
 * and "#tdiff raw-exit <status>": the raw golden (harness/linux/README.md).
 * With tdiff.raw=ftrace the raw golden comes from the first run instead:
 * Linux's raw_syscalls events of the traced test (strace's own left out),
 * printed after it between "#tdiff raw-ftrace <name>" and "#tdiff raw-exit
 * <status>"; the host puts them into strace's raw syntax (batch-split.py).
 * A test whose events did not fit the buffer gets the strace raw run.
 *
 * With tdiff.ftrace=1 (the target linux-ftrace) it is instead a plain init
 * of a Linux under test, without strace: from a one-file initramfs it
 * mounts the root= disk (the harness's ext4 test image) as the root, reads
 * the test's name from /tdiff/test, traces the test with Linux's own
 * raw_syscalls events and prints everything on the one console.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define INIT_DIR "/tdiff"
#define INIT_STRACE INIT_DIR "/strace"
#define INIT_SELF INIT_DIR "/init"
#define INIT_ARGV_MAX 256

/* What differs between the machines, keyed by uname's machine field. */
struct init_machine {
	const char *machine;
	const char *trace_dev; /* the trace channel */
	int halt_cmd;	       /* reboot() command that ends QEMU */
};

static const struct init_machine init_machines[] = {
	/* tinyconfig x86_64 has no ACPI: power-off halts without ending QEMU,
	 * a reboot with QEMU's -no-reboot does end it */
	{ "x86_64", "/dev/ttyS1", RB_AUTOBOOT },
	/* SBI system reset ends QEMU */
	{ "riscv64", "/dev/hvc0", RB_POWER_OFF },
};

static const struct {
	int sig;
	const char *name;
} init_signames[] = {
	{ SIGHUP, "SIGHUP" },	{ SIGINT, "SIGINT" },	  { SIGQUIT, "SIGQUIT" },
	{ SIGILL, "SIGILL" },	{ SIGTRAP, "SIGTRAP" },	  { SIGABRT, "SIGABRT" },
	{ SIGBUS, "SIGBUS" },	{ SIGFPE, "SIGFPE" },	  { SIGKILL, "SIGKILL" },
	{ SIGUSR1, "SIGUSR1" }, { SIGSEGV, "SIGSEGV" },	  { SIGUSR2, "SIGUSR2" },
	{ SIGPIPE, "SIGPIPE" }, { SIGALRM, "SIGALRM" },	  { SIGTERM, "SIGTERM" },
	{ SIGCHLD, "SIGCHLD" }, { SIGCONT, "SIGCONT" },	  { SIGSTOP, "SIGSTOP" },
	{ SIGTSTP, "SIGTSTP" }, { SIGTTIN, "SIGTTIN" },	  { SIGTTOU, "SIGTTOU" },
	{ SIGURG, "SIGURG" },	{ SIGXCPU, "SIGXCPU" },	  { SIGXFSZ, "SIGXFSZ" },
	{ SIGVTALRM, "SIGVTALRM" }, { SIGPROF, "SIGPROF" }, { SIGWINCH, "SIGWINCH" },
	{ SIGIO, "SIGIO" },	{ SIGPWR, "SIGPWR" },	  { SIGSYS, "SIGSYS" },
};

static int init_trace_fd = -1;
static const struct init_machine *init_mach;
/* ftrace mode (target linux-ftrace): trace lines go on the console, and
 * "#tdiff start" also into tracefs's trace_marker */
static int init_console_trace;
static int init_marker_fd = -1;
/* tdiff.raw=ftrace: the tracefs directory (held open, out of the test's
 * world), and the exit status of the last test run */
static int init_ftrace_dir = -1;
static int init_raw_ftrace;
static char init_last_status[64];
static void init_ftrace_write(const char *name, const char *text);
static int init_ftrace_copy(int out, int keep_lost, int raw);

/* init_signame: the SIGxxx name of sig, or "SIG<n>" in a static buffer */
static const char *
init_signame(int sig)
{
	static char buf[16];

	for (size_t i = 0; i < sizeof(init_signames) / sizeof(init_signames[0]); i++)
		if (init_signames[i].sig == sig)
			return init_signames[i].name;
	snprintf(buf, sizeof(buf), "SIG%d", sig);
	return buf;
}

/* init_write_all: write the whole buffer to fd, retrying short writes */
static void
init_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0 && fd >= 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

/* init_event: print one "#tdiff ..." line on the trace channel, and on the
 * console too when also_console is set (in ftrace mode the console is the
 * trace channel: the line goes there once, and a start line also into
 * trace_marker, where it marks the test's start in Linux's own trace) */
static void
init_event(int also_console, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	memcpy(line, "#tdiff ", 7);
	va_start(ap, fmt);
	n = vsnprintf(line + 7, sizeof(line) - 8, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n += 7;
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (init_marker_fd >= 0 && !strncmp(line, "#tdiff start ", 13))
		init_write_all(init_marker_fd, line, (size_t)n);
	if (init_console_trace) {
		init_write_all(1, line, (size_t)n);
		return;
	}
	init_write_all(init_trace_fd, line, (size_t)n);
	if (also_console)
		init_write_all(1, line, (size_t)n);
}

/* init_halt: drain both channels, print the power-off event and end QEMU */
static void __attribute__((noreturn))
init_halt(void)
{
	init_event(0, "poweroff");
	if (init_trace_fd >= 0)
		tcdrain(init_trace_fd);
	tcdrain(1);
	sync();
	reboot(init_mach ? init_mach->halt_cmd : RB_POWER_OFF);
	/* reboot failed: nothing else to do as pid 1 */
	for (;;)
		pause();
}

/* init_fail: report an error of the init itself on the console (the host
 * shows the console when no "#tdiff exit" came) and halt */
static void __attribute__((noreturn))
init_fail(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg) - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(msg) - 2)
		n = (int)sizeof(msg) - 2;
	if (n >= 0) {
		msg[n++] = '\n';
		init_write_all(2, "tdiff-init: ", 12);
		init_write_all(2, msg, (size_t)n);
	}
	init_halt();
}

/* init_mounts: mount devtmpfs on /dev and proc on /proc (the rootfs has
 * them as empty directories; create them if a rootfs lacks them) */
static void
init_mounts(void)
{
	mkdir("/dev", 0755);
	mkdir("/proc", 0555);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) < 0 && errno != EBUSY)
		init_fail("mount devtmpfs on /dev: %s", strerror(errno));
	if (mount("proc", "/proc", "proc", 0, NULL) < 0)
		init_fail("mount proc on /proc: %s", strerror(errno));
}

/*
 * init_seed_entropy: credit Linux's random pool with a fixed seed.  Under
 * QEMU the golden Linux has no entropy source at boot, so its crng is not
 * ready and getrandom(GRND_NONBLOCK) fails with EAGAIN, which glibc's
 * startup asks for (malloc's tcache key): every glibc build would diverge
 * there from any kernel that has random bytes, as a kernel under test
 * does.  RNDADDENTROPY credits the 256 bits Linux waits for.  The seed is
 * the same on every boot; the bytes are never compared (compare/'s rules
 * read getrandom's buffer as N), only whether there are any.
 */
#define INIT_RNDADDENTROPY 0x40085203 /* _IOW('R', 0x03, int[2]) */
static void
init_seed_entropy(void)
{
	struct {
		int entropy_count;  /* bits credited */
		int buf_size;       /* bytes in buf */
		unsigned char buf[64];
	} seed;
	int fd = open("/dev/urandom", O_WRONLY | O_CLOEXEC);

	for (size_t i = 0; i < sizeof(seed.buf); i++)
		seed.buf[i] = (unsigned char)(0x9e + 37 * i);
	seed.entropy_count = 8 * (int)sizeof(seed.buf);
	seed.buf_size = (int)sizeof(seed.buf);
	if (fd < 0 || ioctl(fd, INIT_RNDADDENTROPY, &seed) < 0)
		init_fail("credit a seed to the random pool (RNDADDENTROPY on /dev/urandom): %s",
			  strerror(errno));
	close(fd);
}

/* init_cmdline_arg: copy the value of "key=value" on the kernel command
 * line into out (size outlen); returns 0, or -1 when the key is absent */
static int
init_cmdline_arg(const char *cmdline, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key);
	const char *p = cmdline;

	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		const char *end = p + strcspn(p, " \n");
		if ((size_t)(end - p) > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
			size_t vlen = (size_t)(end - p) - klen - 1;
			if (vlen >= outlen)
				vlen = outlen - 1;
			memcpy(out, p + klen + 1, vlen);
			out[vlen] = '\0';
			return 0;
		}
		p = end;
	}
	return -1;
}

/* init_read_file: read a whole small file into a malloc'd, NUL-terminated
 * buffer; returns NULL with errno set on failure */
static char *
init_read_file(const char *path)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || !buf) {
		int e = errno;
		free(buf);
		if (fd >= 0)
			close(fd);
		errno = e;
		return NULL;
	}
	for (;;) {
		if (len + 1 >= cap) {
			char *nbuf = realloc(buf, cap *= 2);
			if (!nbuf)
				break;
			buf = nbuf;
		}
		ssize_t n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

/* init_console: make fds 0-2 of this process the console named by
 * console= (the tty the test gets); opened without O_NOCTTY, it becomes the
 * controlling tty of init's session */
static void
init_console(const char *cmdline)
{
	char name[64], path[80];
	int fd;

	if (init_cmdline_arg(cmdline, "console", name, sizeof(name)) < 0)
		snprintf(name, sizeof(name), "console");
	name[strcspn(name, ",")] = '\0'; /* console=ttyS0,115200 */
	snprintf(path, sizeof(path), "/dev/%s", name);
	fd = open(path, O_RDWR);
	if (fd < 0)
		init_fail("open console %s: %s", path, strerror(errno));
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

/* init_trace_channel: open the trace tty and make it raw, so the trace
 * reaches the host byte for byte (no \n -> \r\n).  A virtio console port
 * appears only once the device has answered the driver (a workqueue), which
 * can be after init starts (no node yet, or a node without a port yet):
 * wait for it, up to 5 s. */
static void
init_trace_channel(void)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	struct termios t;

	for (int i = 0; i < 500; i++) {
		init_trace_fd = open(init_mach->trace_dev, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (init_trace_fd >= 0 || (errno != ENOENT && errno != ENXIO && errno != ENODEV))
			break;
		nanosleep(&tick, NULL);
	}
	if (init_trace_fd < 0)
		init_fail("open trace channel %s: %s", init_mach->trace_dev, strerror(errno));
	if (tcgetattr(init_trace_fd, &t) == 0) {
		cfmakeraw(&t);
		tcsetattr(init_trace_fd, TCSANOW, &t);
	}
}

/* init_test_argv: the test's argv from /tests/<name>.argv, one argument a
 * line; argv[0] is also the path executed.  Returns the count. */
static int
init_test_argv(const char *test, char **argv, int max)
{
	char path[512];
	char *text, *line;
	int argc = 0;

	snprintf(path, sizeof(path), "/tests/%s.argv", test);
	text = init_read_file(path);
	if (!text)
		init_fail("test %s: %s: %s", test, path, strerror(errno));
	for (line = text; *line && argc < max - 1;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		argv[argc++] = line;
		if (!nl)
			break;
		line = nl + 1;
	}
	argv[argc] = NULL;
	if (argc == 0)
		init_fail("test %s: %s is empty", test, path);
	return argc;
}

/* init_status: format a wait status as the #tdiff exit line wants it */
static void
init_status(int status, char *out, size_t outlen)
{
	if (WIFEXITED(status))
		snprintf(out, outlen, "exited %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(out, outlen, "killed %s%s", init_signame(WTERMSIG(status)),
			 WCOREDUMP(status) ? " core" : "");
	else
		snprintf(out, outlen, "unknown 0x%x", (unsigned)status);
}

/* The state a test may change and the batch puts back before the next one
 * (init's own cwd, umask, rlimits, signal dispositions and fds are never
 * changed by a child: each test is a fresh fork of init). */
struct init_saved {
	struct termios tty;	/* the console's modes */
	struct stat tmp;	/* /tmp's mode, owner and times */
	struct utsname uts;	/* hostname and domain name */
	unsigned long tree;	/* a hash of the rootfs outside /tmp, /proc, /dev
				 * (only without the watches below) */
};

/* The rootfs outside these is what a test must leave as it found it. */
static const char *init_tree_skip[] = { "/tmp", "/proc", "/dev" };

static unsigned long init_tree_hash;

/* init_tree_visit: nftw callback folding one entry into init_tree_hash */
static int
init_tree_visit(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	unsigned long v[] = { st->st_mode, st->st_uid, st->st_gid, (unsigned long)st->st_size,
			      (unsigned long)st->st_mtime, (unsigned long)flag };

	(void)f;
	for (const char *p = path; *p; p++)
		init_tree_hash = init_tree_hash * 1099511628211UL ^ (unsigned char)*p;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		init_tree_hash = init_tree_hash * 1099511628211UL ^ v[i];
	return 0;
}

/* init_tree_skipped: whether the top-level entry name is one of
 * init_tree_skip (or "." or "..") */
static int
init_tree_skipped(const char *name)
{
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return 1;
	for (size_t i = 0; i < sizeof(init_tree_skip) / sizeof(init_tree_skip[0]); i++)
		if (!strcmp(name, init_tree_skip[i] + 1))
			return 1;
	return 0;
}

/* init_tree_walk: nftw (physical) over every top-level entry of the rootfs
 * but init_tree_skip; returns -1 when fn did */
static int
init_tree_walk(int (*fn)(const char *, const struct stat *, int, struct FTW *))
{
	struct dirent *e;
	DIR *d = opendir("/");
	int rc = d ? 0 : -1;

	while (rc == 0 && d && (e = readdir(d))) {
		char path[300];
		snprintf(path, sizeof(path), "/%s", e->d_name);
		if (!init_tree_skipped(e->d_name) && nftw(path, fn, 16, FTW_PHYS) < 0)
			rc = -1;
	}
	if (d)
		closedir(d);
	return rc;
}

/* init_tree: a hash of every path of the rootfs but init_tree_skip with
 * its mode, owner, size and mtime: what a batch checks a test left alone
 * when Linux has no inotify */
static unsigned long
init_tree(void)
{
	init_tree_hash = 14695981039346656037UL;
	init_tree_walk(init_tree_visit);
	return init_tree_hash;
}

/*
 * The watches: an inotify watch on every directory of the rootfs but
 * init_tree_skip, set once (init_save), reports the same changes init_tree
 * hashes (an entry made, removed or renamed; a file written or truncated;
 * a mode, owner or time set) without walking ~550 entries after each test
 * (0.15 s of riscv64 TCG a test, a quarter of a batch boot).  Opening,
 * reading and executing raise none of these events.  The root's own watch
 * also sees the skipped entries (init_reset sets /tmp's mode and times):
 * those names are left out, as init_tree leaves them out.  A test that
 * fills the queue (IN_Q_OVERFLOW) changed the rootfs all the same.
 */
#define INIT_WATCH_EVENTS (IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | \
			   IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)
static int init_watch_fd = -1;
static int init_watch_root = -1;	/* the watch descriptor of "/" */

/* init_watch_visit: nftw callback adding a watch to one directory */
static int
init_watch_visit(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag != FTW_D)
		return 0;
	return inotify_add_watch(init_watch_fd, path, INIT_WATCH_EVENTS) < 0 ? -1 : 0;
}

/* init_watch: set the watches; 0, or -1 when Linux has no inotify (or a
 * watch could not be set: then init_tree does the checks) */
static int
init_watch(void)
{
	init_watch_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (init_watch_fd < 0)
		return -1;
	init_watch_root = inotify_add_watch(init_watch_fd, "/", INIT_WATCH_EVENTS);
	if (init_watch_root < 0 || init_tree_walk(init_watch_visit) < 0) {
		close(init_watch_fd);
		init_watch_fd = -1;
		return -1;
	}
	return 0;
}

/* init_watch_changed: 1 when the watches saw the rootfs change since the
 * last call, else 0; the events are read either way */
static int
init_watch_changed(void)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int changed = 0;
	ssize_t n;

	while ((n = read(init_watch_fd, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR)) {
		for (char *p = buf; n > 0 && p < buf + n;) {
			const struct inotify_event *e = (const void *)p;
			if (!(e->wd == init_watch_root && e->len && init_tree_skipped(e->name)))
				changed = 1;
			p += sizeof(*e) + e->len;
		}
	}
	return changed;
}

/* init_rm: nftw callback removing one entry (depth first) */
static int
init_rm(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	if (f->level == 0)
		return 0;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

/* init_save: what init_reset puts back after each test of a batch */
static void
init_save(struct init_saved *s)
{
	tcgetattr(0, &s->tty);
	if (stat("/tmp", &s->tmp) < 0)
		init_fail("batch: stat /tmp: %s", strerror(errno));
	uname(&s->uts);
	s->tree = init_watch() == 0 ? 0 : init_tree();
}

/* init_tree_changed: whether the rootfs outside init_tree_skip changed since
 * init_save (the watches, or a walk compared with the saved hash) */
static int
init_tree_changed(const struct init_saved *s)
{
	return init_watch_fd >= 0 ? init_watch_changed() : init_tree() != s->tree;
}

/*
 * init_reset: between two tests of a batch, end every process the test left
 * (orphans and their children), and give the next test the world a fresh
 * boot gives it: an empty /tmp with its mode, owner and times, the console's
 * modes with init's session in the foreground, the host and domain names
 * (the pids: init_pid_base, before every test).
 * With check set, returns 0, or -1 when the test changed the rootfs outside
 * /tmp (the next tests would see it: they must not be recorded in the same
 * boot); without, 0, and the change is left to the next check, so a test
 * and its raw run are checked once, after both (init_run_pair).
 */
static int
init_reset(const struct init_saved *s, int check)
{
	struct timespec times[2] = { s->tmp.st_atim, s->tmp.st_mtim };
	struct stat st;

	kill(-1, SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	if (lstat("/tmp", &st) == 0 && !S_ISDIR(st.st_mode))
		unlink("/tmp");
	nftw("/tmp", init_rm, 16, FTW_DEPTH | FTW_PHYS);
	mkdir("/tmp", 0);
	chown("/tmp", s->tmp.st_uid, s->tmp.st_gid);
	chmod("/tmp", s->tmp.st_mode & 07777);
	utimensat(AT_FDCWD, "/tmp", times, 0);
	signal(SIGTTOU, SIG_IGN);
	tcsetattr(0, TCSANOW, &s->tty);
	tcsetpgrp(0, getpgrp());
	signal(SIGTTOU, SIG_DFL);
	sethostname(s->uts.nodename, strlen(s->uts.nodename));
	setdomainname(s->uts.domainname, strlen(s->uts.domainname));
	return !check || !init_tree_changed(s) ? 0 : -1;
}

#define INIT_PID_MAX "/proc/sys/kernel/pid_max"
#define INIT_PID_BASE 300 /* RESERVED_PIDS: where Linux's pids wrap to */

/* init_write_file: write text to a /proc file; 0 or -1 */
static int
init_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
	close(fd);
	return rc;
}

/*
 * init_pid_base: make the next fork get pid INIT_PID_BASE, whatever ran
 * before, so a test's processes have the same pids in every boot, alone or
 * after others in a batch (a pid shows up unnormalized: a thread's tid as a
 * futex value).  Linux hands pids out upwards and wraps to 300 once past 300
 * (kernel/pid.c); so: fork and reap throwaway children until a pid passes
 * 300 (the first time only), then lower pid_max to 301 (its floor), which
 * leaves 300 the only pid to take.  The caller forks, then writes the
 * saved pid_max back.  Returns 0, or -1 when that is not possible.
 */
static int
init_pid_base(char *saved, size_t len)
{
	char *max = init_read_file(INIT_PID_MAX);
	pid_t p;

	if (!max)
		return -1;
	snprintf(saved, len, "%s", max);
	free(max);
	do {
		p = vfork();	/* no copy of init's memory: ~280 of them at the first test */
		if (p == 0)
			_exit(0);
		if (p < 0)
			return -1;
		waitpid(p, NULL, 0);
	} while (p < INIT_PID_BASE);
	return init_write_file(INIT_PID_MAX, "301");
}

/* How a test is run: without strace (tdiff.trace=0), under strace with
 * decoded arguments (golden .trace), or with every value raw (golden .raw). */
enum init_trace { INIT_TRACE_NONE, INIT_TRACE_DECODED, INIT_TRACE_RAW };

/* init_strace_argv: the strace words before the test's argv for how; returns
 * their count */
static int
init_strace_argv(enum init_trace how, char **sargv)
{
	static char *decoded[] = { "strace", "-f", "-s", "4096", "-o", NULL };
	static char *raw[] = { "strace", "-f", "-X", "raw", "-e", "raw=all", "-o", NULL };
	char **opts = how == INIT_TRACE_RAW ? raw : decoded;
	int n = 0;

	if (how == INIT_TRACE_NONE)
		return 0;
	while (opts[n]) {
		sargv[n] = opts[n];
		n++;
	}
	sargv[n++] = (char *)init_mach->trace_dev;
	return n;
}

/*
 * init_raw_ftrace_on: for tdiff.raw=ftrace, just before the test's strace
 * (child, still waiting on its go pipe) starts: an empty buffer, events of
 * child and of every process it forks from then on (the test's tree:
 * set_event_pid with event-fork), but none of child's own (strace's calls:
 * the filter), tracing on.
 */
static void
init_raw_ftrace_on(pid_t child)
{
	char text[64];

	init_ftrace_write("trace", "");
	snprintf(text, sizeof(text), "%d", (int)child);
	init_ftrace_write("set_event_pid", text);
	snprintf(text, sizeof(text), "common_pid != %d", (int)child);
	init_ftrace_write("events/raw_syscalls/filter", text);
	init_ftrace_write("tracing_on", "1");
}

/*
 * init_run_test: run one test under strace (or alone for INIT_TRACE_NONE),
 * framed by "#tdiff start <name>" and "#tdiff exit <status>" on both
 * channels ("raw-start" and "raw-exit" for INIT_TRACE_RAW, so that the
 * host's cut of the output still ends at the first run's exit line), as the
 * foreground job of init's session; returns once its strace has ended.
 */
static void
init_run_test(const char *test, int strace_fd, enum init_trace how)
{
	static char *envp[] = { "HOME=/", "PATH=/bin:/tests", "TERM=linux", NULL };
	char *targv[INIT_ARGV_MAX], *sargv[INIT_ARGV_MAX + 8];
	char status_text[64], pid_max[32];
	const char *pre = how == INIT_TRACE_RAW ? "raw-" : "";
	int sargc, status = 0, go[2], based, tracing = how != INIT_TRACE_NONE;
	pid_t child, pid;

	init_test_argv(test, targv, INIT_ARGV_MAX);
	sargc = init_strace_argv(how, sargv);
	for (int i = 0; targv[i]; i++)
		sargv[sargc++] = targv[i];
	sargv[sargc] = NULL;

	init_event(1, "%sstart %s", pre, test);
	tcdrain(1);
	if (pipe2(go, O_CLOEXEC) < 0)
		init_fail("pipe: %s", strerror(errno));
	/* uniform pids are for strace's golden; in ftrace mode the throwaway
	 * forks would only fill the trace buffer */
	based = !init_console_trace && init_pid_base(pid_max, sizeof(pid_max)) == 0;
	child = fork();
	if (child < 0 && based) {
		based = 0;	/* pid 300 taken (a kernel thread): any pid, then */
		init_write_file(INIT_PID_MAX, pid_max);
		child = fork();
	}
	if (child < 0)
		init_fail("fork: %s", strerror(errno));
	if (child > 0) {
		setpgid(child, child); /* also here: whichever runs first */
		/* pid_max back before the child may fork */
		if (based)
			init_write_file(INIT_PID_MAX, pid_max);
		if (init_raw_ftrace && how == INIT_TRACE_DECODED)
			init_raw_ftrace_on(child);
		close(go[0]);
		close(go[1]);
	}
	if (child == 0) {
		char c;
		close(go[1]);
		while (read(go[0], &c, 1) < 0 && errno == EINTR)
			;
		/* a process group of its own, the console's foreground group */
		setpgid(0, 0);
		signal(SIGTTOU, SIG_IGN);
		tcsetpgrp(0, getpid());
		signal(SIGTTOU, SIG_DFL); /* an ignored signal would stay so across exec */
		if (chdir("/") < 0)
			_exit(127);
		if (tracing)
			syscall(SYS_execveat, strace_fd, "", sargv, envp, AT_EMPTY_PATH);
		else
			execve(sargv[0], sargv, envp);
		dprintf(2, "tdiff-init: exec %s: %s\n", tracing ? INIT_STRACE : sargv[0],
			strerror(errno));
		_exit(127);
	}

	/* reap everything (orphans come to pid 1) until the test's strace ends */
	for (;;) {
		int st;
		pid = wait(&st);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			break;
		if (pid == child) {
			status = st;
			break;
		}
	}
	if (init_raw_ftrace && how == INIT_TRACE_DECODED)
		init_ftrace_write("tracing_on", "0");
	init_status(status, status_text, sizeof(status_text));
	snprintf(init_last_status, sizeof(init_last_status), "%s", status_text);
	tcdrain(1);
	init_event(1, "%sexit %s", pre, status_text);
}

/*
 * init_raw_ftrace_dump: the events of the test's run just ended (tracing is
 * off) on the trace channel, between "#tdiff raw-ftrace <name>" and
 * "#tdiff raw-exit <status>"; 0, or -1 with "#tdiff raw-lost <name>" when the
 * buffer lost some (then nothing else is printed: the caller runs the test
 * again under raw strace, as tdiff.raw=1 does).
 */
static int
init_raw_ftrace_dump(const char *test)
{
	char status[64];

	snprintf(status, sizeof(status), "%s", init_last_status);
	init_event(0, "raw-ftrace %s", test);
	if (init_ftrace_copy(init_trace_fd, 0, 1) < 0) {
		init_event(0, "raw-lost %s", test);
		return -1;
	}
	init_event(0, "raw-exit %s", status);
	return 0;
}

/*
 * init_run_pair: run one test as init_run_test does; with raw set, run it
 * again under raw strace after init_reset (the same world, the same pids),
 * or with tdiff.raw=ftrace print the events of the first run instead (the
 * raw run only when some were lost), then reset and check the rootfs.  A
 * test that changed the rootfs outside /tmp ran its raw run in a changed
 * world: the line "#tdiff raw-dirty <name>" after it says to drop that run,
 * and -1 is returned (the boot must end: the next tests would see the
 * change too).  The first run is good either way:
 * the rootfs was checked before it (init_save, or the previous pair).
 */
static int
init_run_pair(const char *test, int strace_fd, enum init_trace how, int raw,
	      const struct init_saved *saved)
{
	init_run_test(test, strace_fd, how);
	if (!raw)
		return 0;
	/* tdiff.raw=ftrace: the events of that run, unless some were lost */
	if (!init_raw_ftrace || init_raw_ftrace_dump(test) < 0) {
		init_reset(saved, 0);
		init_run_test(test, strace_fd, INIT_TRACE_RAW);
	}
	if (init_reset(saved, 1) < 0) {
		init_event(0, "raw-dirty %s", test);
		return -1;
	}
	return 0;
}

/*
 * init_batch: the tests named by tdiff.batch=a,b,c after the first one, in
 * the same boot (the golden recorder's batches: harness/linux/README.md),
 * each after init_reset (each with its raw run when raw is set).  A name
 * may be front-coded against the one before it in the list, to fit the
 * command line: "clone3_einval,7vm_stack" names clone3_einval, then
 * clone3_vm_stack (the first 7 characters of the previous name, then the
 * rest; test names never start with a digit).  A test that changed the
 * rootfs outside /tmp ends the batch with "#tdiff batch-dirty <name>" on
 * the trace channel.
 */
static void
init_batch(char *list, const char *first, int strace_fd, enum init_trace how, int raw,
	   const struct init_saved *saved)
{
	char prev[256], name[256];

	snprintf(prev, sizeof(prev), "%s", first);
	name[0] = '\0';
	for (char *t = strtok(list, ","); t; t = strtok(NULL, ",")) {
		char *rest;
		unsigned long keep = strtoul(t, &rest, 10);

		if (rest != t) { /* front-coded: the previous name of the list */
			if (keep > strlen(name))
				init_fail("tdiff.batch: '%s' keeps %lu characters of '%s'", t, keep, name);
			snprintf(name + keep, sizeof(name) - keep, "%s", rest);
		} else {
			snprintf(name, sizeof(name), "%s", t);
		}
		/* with raw, init_run_pair has reset and checked already */
		if (!raw && init_reset(saved, 1) < 0) {
			init_event(0, "batch-dirty %s", prev);
			return;
		}
		if (init_run_pair(name, strace_fd, how, raw, saved) < 0)
			return;
		snprintf(prev, sizeof(prev), "%s", name);
	}
}

/*
 * ftrace mode (tdiff.ftrace=1, the target linux-ftrace: harness/linux/README.md).
 * No strace: Linux's own raw_syscalls events, filtered to init's tree, are
 * the trace.  Init starts from a tiny initramfs, mounts tracefs there (kept
 * through a directory fd, so the test never sees it), mounts the root= disk
 * (the harness's ext4 test image) and makes it the root, reads the test's
 * name from /tdiff/test as tdiff_testcode.sh does, and prints everything on
 * the one console.
 */
#define FTRACE_DIR "/tdiff-tracing"
#define FTRACE_BUFFER_KB "16384" /* per CPU; the biggest test needs ~1 MiB */

/* init_wait_node: wait up to 5 s for a device node that devtmpfs creates
 * once its driver has probed (virtio-blk may come after init starts);
 * 0 or -1 */
static int
init_wait_node(const char *path)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	struct stat st;

	for (int i = 0; i < 500; i++) {
		if (stat(path, &st) == 0)
			return 0;
		nanosleep(&tick, NULL);
	}
	return -1;
}

/* init_ftrace_write: write text into the tracefs file name (relative to the
 * tracefs mount); an error fails the boot */
static void
init_ftrace_write(const char *name, const char *text)
{
	int fd = openat(init_ftrace_dir, name, O_WRONLY | O_TRUNC | O_CLOEXEC);

	if (fd < 0)
		init_fail("ftrace: open %s/%s: %s", FTRACE_DIR, name, strerror(errno));
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		init_fail("ftrace: write '%s' to %s/%s: %s", text, FTRACE_DIR, name,
			  strerror(errno));
	close(fd);
}

/* init_tracefs_open: mount tracefs on dir and hold it open as
 * init_ftrace_dir (both ftrace modes) */
static void
init_tracefs_open(const char *dir)
{
	mkdir(dir, 0755);
	if (mount("tracefs", dir, "tracefs", 0, NULL) < 0)
		init_fail("ftrace: mount tracefs on %s: %s (CONFIG_FTRACE_SYSCALLS?)", dir, strerror(errno));
	init_ftrace_dir = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (init_ftrace_dir < 0)
		init_fail("ftrace: open %s: %s", dir, strerror(errno));
}

/*
 * init_ftrace_root: mount tracefs in the initramfs and hold it open, mount
 * the root= device (rootfstype=, default ext4) and move it onto /, as
 * switch_root does; the initramfs stays underneath, out of the test's sight.
 */
static void
init_ftrace_root(const char *cmdline)
{
	char dev[64], fstype[32];

	if (init_cmdline_arg(cmdline, "root", dev, sizeof(dev)) < 0)
		init_fail("ftrace: no root=<device> on the kernel command line");
	if (init_cmdline_arg(cmdline, "rootfstype", fstype, sizeof(fstype)) < 0)
		snprintf(fstype, sizeof(fstype), "ext4");
	init_tracefs_open(FTRACE_DIR);
	if (init_wait_node(dev) < 0)
		init_fail("ftrace: root device %s did not appear (virtio-blk?)", dev);
	mkdir("/root", 0700);
	if (mount(dev, "/root", fstype, 0, NULL) < 0)
		init_fail("ftrace: mount %s (%s) on /root: %s", dev, fstype, strerror(errno));
	if (chdir("/root") < 0 || mount(".", "/", NULL, MS_MOVE, NULL) < 0 || chroot(".") < 0 ||
	    chdir("/") < 0)
		init_fail("ftrace: make %s the root: %s", dev, strerror(errno));
	/* /tmp on tmpfs, as golden's (its rootfs is the initramfs): file
	 * systems differ in what tests see there (fchmod's new symlink showed
	 * mode 0755 on the image's ext4, 0777 on tmpfs) */
	struct stat st;
	if (stat("/tmp", &st) < 0 || mount("tmpfs", "/tmp", "tmpfs", 0, NULL) < 0 ||
	    chmod("/tmp", st.st_mode & 07777) < 0)
		init_fail("ftrace: tmpfs on /tmp: %s", strerror(errno));
}

/* init_disk_test: the test's name from /tdiff/test (harness/PROTOCOL.md: the
 * harness writes it into each test's copy of the image); then /tdiff and
 * /tdiff_testcode.sh leave the test's world, as /tdiff leaves golden's */
static void
init_disk_test(char *test, size_t len)
{
	char *text = init_read_file("/tdiff/test");

	if (!text)
		init_fail("ftrace: read /tdiff/test: %s", strerror(errno));
	text[strcspn(text, "\r\n")] = '\0';
	if (!text[0])
		init_fail("ftrace: /tdiff/test is empty");
	snprintf(test, len, "%s", text);
	free(text);
	unlink("/tdiff/test");
	rmdir("/tdiff");
	unlink("/tdiff_testcode.sh");
}

/* init_ftrace_start: raw_syscalls events on, for init and every process it
 * forks from now on (set_event_pid + event-fork), and the signal events
 * (signal_generate, signal_deliver) that tell which task a signal killed
 * and with what (tracediff reads them: compare/README.md); the start line
 * of the test will also go into trace_marker */
static void
init_ftrace_start(void)
{
	char pid[32];

	init_ftrace_write("tracing_on", "0");
	init_ftrace_write("buffer_size_kb", FTRACE_BUFFER_KB);
	init_ftrace_write("trace", "");
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	init_ftrace_write("set_event_pid", pid);
	init_ftrace_write("options/event-fork", "1");
	init_ftrace_write("events/raw_syscalls/enable", "1");
	init_ftrace_write("events/signal/signal_generate/enable", "1");
	init_ftrace_write("events/signal/signal_deliver/enable", "1");
	init_marker_fd = openat(init_ftrace_dir, "trace_marker", O_WRONLY | O_CLOEXEC);
	if (init_marker_fd < 0)
		init_fail("ftrace: open trace_marker: %s", strerror(errno));
	init_ftrace_write("tracing_on", "1");
}

/* the short lines of init_raw_event, written out a buffer at a time */
static char init_raw_out[65536];
static size_t init_raw_len;

static void
init_raw_flush(int out)
{
	init_write_all(out, init_raw_out, init_raw_len);
	init_raw_len = 0;
}

/*
 * init_raw_event: one raw_syscalls line of the trace file in the short form
 * of tdiff.raw=ftrace, which crosses the serial line (x86_64's 8250 takes a
 * host write a byte): "E <pid> <nr> <arg>,...,<arg>" for
 * "  comm-<pid>  [000]  12.345678: sys_enter: NR <nr> (<arg>, ..., <arg>)" and
 * "X <pid> <nr> <ret>" for "...: sys_exit: NR <nr> = <ret>" (numbers as the
 * trace prints them: arguments hex, the rest decimal).  Any other line goes
 * out as "? <line>", which the host reports.
 */
static void
init_raw_event(int out, const char *line, size_t len)
{
	static const char enter[] = ": sys_enter: NR ", leave[] = ": sys_exit: NR ";
	char text[512], *e, *x, *br, *pid, *nr, *rest;
	size_t n = len < sizeof(text) - 1 ? len : sizeof(text) - 1;
	int k;

	memcpy(text, line, n);
	text[n] = '\0';
	text[strcspn(text, "\r\n")] = '\0';
	if (init_raw_len > sizeof(init_raw_out) - sizeof(text) - 8)
		init_raw_flush(out);
	e = strstr(text, enter);
	x = e ? NULL : strstr(text, leave);
	br = strstr(text, " [");
	nr = e ? e + sizeof(enter) - 1 : x ? x + sizeof(leave) - 1 : NULL;
	rest = !nr ? NULL : e ? strstr(nr, " (") : strstr(nr, " = ");
	if (!rest || !br || br > nr) {
		k = snprintf(init_raw_out + init_raw_len, sizeof(text) + 4, "? %s\n", text);
		init_raw_len += k > 0 ? (size_t)k : 0;
		return;
	}
	/* the pid: the digits before the spaces before " [" */
	pid = br;
	while (pid > text && pid[-1] == ' ')
		pid--;
	*pid = '\0';
	while (pid > text && pid[-1] >= '0' && pid[-1] <= '9')
		pid--;
	*rest = '\0';
	rest += e ? 2 : 3;
	k = snprintf(init_raw_out + init_raw_len, 64, "%c %s %s ", e ? 'E' : 'X', pid, nr);
	init_raw_len += k > 0 ? (size_t)k : 0;
	/* the arguments without their spaces and the closing parenthesis */
	for (; *rest && *rest != ')'; rest++)
		if (*rest != ' ')
			init_raw_out[init_raw_len++] = *rest;
	init_raw_out[init_raw_len++] = '\n';
}

/* init_ftrace_line: print one line of the trace file on out (in the short
 * form of init_raw_event when raw is set); the '#' header lines are left
 * out, but a lost event is reported (on the console) and returns -1 */
static int
init_ftrace_line(int out, const char *line, size_t len, int raw)
{
	static const char key[] = "# entries-in-buffer/entries-written: ";
	unsigned long kept, written;

	if (line[0] != '#') {
		if (raw)
			init_raw_event(out, line, len);
		else
			init_write_all(out, line, len);
		return 0;
	}
	if (!strncmp(line, key, sizeof(key) - 1) &&
	    sscanf(line + sizeof(key) - 1, "%lu/%lu", &kept, &written) == 2 && kept != written) {
		dprintf(2, "tdiff-init: ftrace: %lu of %lu events lost: raise FTRACE_BUFFER_KB\n",
			written - kept, written);
		return -1;
	}
	return 0;
}

/* init_ftrace_copy: the trace buffer (tracefs's `trace`) on out, line by
 * line (raw: in init_raw_event's short form); 0, or -1 when events were
 * lost and keep_lost is not set (the header says so before any event:
 * nothing is printed then) */
static int
init_ftrace_copy(int out, int keep_lost, int raw)
{
	static char buf[65536];
	size_t len = 0;
	ssize_t n;
	int fd, rc = 0;

	fd = openat(init_ftrace_dir, "trace", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		init_fail("ftrace: open trace: %s", strerror(errno));
	while (rc == 0 && ((n = read(fd, buf + len, sizeof(buf) - len)) > 0 || (n < 0 && errno == EINTR))) {
		char *p = buf, *nl;
		len += n > 0 ? (size_t)n : 0;
		while (rc == 0 && (nl = memchr(p, '\n', len - (size_t)(p - buf)))) {
			if (init_ftrace_line(out, p, (size_t)(nl + 1 - p), raw) < 0 && !keep_lost)
				rc = -1;
			p = nl + 1;
		}
		len -= (size_t)(p - buf);
		memmove(buf, p, len);
		if (len == sizeof(buf)) { /* a line longer than the buffer: as it is */
			init_ftrace_line(out, buf, len, raw);
			len = 0;
		}
	}
	if (rc == 0 && len)
		init_ftrace_line(out, buf, len, raw);
	close(fd);
	if (raw)
		init_raw_flush(out);
	return rc;
}

/* init_ftrace_dump: tracing off, then the trace buffer on the console */
static void
init_ftrace_dump(void)
{
	init_ftrace_write("tracing_on", "0");
	close(init_marker_fd);
	init_marker_fd = -1;
	init_ftrace_copy(1, 1, 0);
	tcdrain(1);
}

/*
 * init_raw_ftrace_setup: for tdiff.raw=ftrace, before /tdiff leaves the
 * test's world: tracefs mounted on /tdiff/tracing and held through a
 * directory fd, the mount detached (the test never sees it), raw_syscalls
 * events enabled for the pids init_raw_ftrace_on names, tracing still off.
 * The trace lines are kept short (no irq-info column): they cross the
 * serial line.
 */
static void
init_raw_ftrace_setup(void)
{
	const char *dir = INIT_DIR "/tracing";
	int fd;

	init_tracefs_open(dir);
	if (umount2(dir, MNT_DETACH) < 0 || rmdir(dir) < 0)
		init_fail("raw ftrace: take %s away: %s", dir, strerror(errno));
	init_ftrace_write("tracing_on", "0");
	init_ftrace_write("buffer_size_kb", FTRACE_BUFFER_KB);
	init_ftrace_write("options/event-fork", "1");
	fd = openat(init_ftrace_dir, "options/irq-info", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		init_write_all(fd, "0", 1);
		close(fd);
	}
	init_ftrace_write("events/raw_syscalls/enable", "1");
}

/* init_ftrace_run: the whole ftrace-mode boot after the root switch: the
 * test from the disk, traced by Linux itself, then its trace */
static void __attribute__((noreturn))
init_ftrace_run(void)
{
	char test[256];

	init_disk_test(test, sizeof(test));
	init_ftrace_start();
	init_run_test(test, -1, INIT_TRACE_NONE);
	init_ftrace_dump();
	init_halt();
}

int
main(void)
{
	static char batch[4096];
	char test[256], trace_opt[16], raw_opt[16];
	struct init_saved saved;
	struct utsname u;
	enum init_trace how;
	int strace_fd, tracing, batched, raw, ftrace;

	init_mounts();
	init_seed_entropy();
	char *cmdline = init_read_file("/proc/cmdline");
	if (!cmdline)
		init_fail("read /proc/cmdline: %s", strerror(errno));
	ftrace = init_cmdline_arg(cmdline, "tdiff.ftrace", trace_opt, sizeof(trace_opt)) == 0 &&
		 strcmp(trace_opt, "1") == 0;
	if (ftrace) {
		init_ftrace_root(cmdline);
		init_mounts();
	}
	/* init leads the session that owns the console, as a login shell would;
	 * the test runs as a foreground job of it.  (Were the test's strace the
	 * session leader, its exit would hang up the console and drop output
	 * still queued in the UART driver.) */
	setsid();
	init_console(cmdline);

	uname(&u);
	for (size_t i = 0; i < sizeof(init_machines) / sizeof(init_machines[0]); i++)
		if (strcmp(u.machine, init_machines[i].machine) == 0)
			init_mach = &init_machines[i];
	if (!init_mach)
		init_fail("machine %s: not one of x86_64, riscv64", u.machine);
	if (ftrace)
		init_console_trace = 1;
	else
		init_trace_channel();
	init_event(0, "boot linux %s %s", u.machine, u.release);
	if (ftrace)
		init_ftrace_run();

	if (init_cmdline_arg(cmdline, "tdiff.test", test, sizeof(test)) < 0)
		init_fail("no tdiff.test=<name> on the kernel command line");
	tracing = init_cmdline_arg(cmdline, "tdiff.trace", trace_opt, sizeof(trace_opt)) < 0 ||
		  strcmp(trace_opt, "0") != 0;
	batched = init_cmdline_arg(cmdline, "tdiff.batch", batch, sizeof(batch)) == 0;
	raw = init_cmdline_arg(cmdline, "tdiff.raw", raw_opt, sizeof(raw_opt)) == 0 &&
	      (strcmp(raw_opt, "1") == 0 || strcmp(raw_opt, "ftrace") == 0);
	init_raw_ftrace = raw && strcmp(raw_opt, "ftrace") == 0;
	if (raw && !tracing)
		init_fail("tdiff.raw=%s needs strace: not with tdiff.trace=0", raw_opt);
	if (init_raw_ftrace)
		init_raw_ftrace_setup();
	how = tracing ? INIT_TRACE_DECODED : INIT_TRACE_NONE;

	/* hold strace open, then take /tdiff out of the test's world */
	strace_fd = open(INIT_STRACE, O_RDONLY | O_CLOEXEC);
	if (strace_fd < 0 && tracing)
		init_fail("open %s: %s", INIT_STRACE, strerror(errno));
	unlink(INIT_STRACE);
	unlink(INIT_SELF);
	rmdir(INIT_DIR);

	if (batched || raw)
		init_save(&saved);
	if (init_run_pair(test, strace_fd, how, raw, &saved) == 0 && batched)
		init_batch(batch, test, strace_fd, how, raw, &saved);
	init_halt();
}
