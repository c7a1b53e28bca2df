// @desc: poll on pipes: an empty read end is not ready (timeout 0 and 20 ms give 0), a write end is POLLOUT; after a write the read end is POLLIN; with the writer closed POLLIN|POLLHUP, then POLLHUP once drained; with the reader closed the write end is POLLOUT|POLLERR; a full pipe is not writable; a blocking poll is woken by a child's write; POLLNVAL for a closed fd, a negative fd is skipped; EFAULT, EINVAL for more fds than RLIMIT_NOFILE (set to 64)
// @timeout: 10
// @expect: poll: empty pipe, timeout 0: 0
// @expect: poll: empty pipe, timeout 20 ms: 0
// @expect: poll: write end: 1 POLLOUT
// @expect: poll: after a write: 1 POLLIN
// @expect: poll: both ends at once: 2 POLLIN POLLOUT
// @expect: poll: writer closed, data left: 1 POLLIN|POLLHUP
// @expect: poll: writer closed, drained: 1 POLLHUP
// @expect: poll: reader closed: 1 POLLOUT|POLLERR
// @expect: poll: full pipe, POLLOUT: 0
// @expect: poll: blocking, woken by a child's write: 1 POLLIN
// @expect: poll: closed fd: 1 POLLNVAL, negative fd: 0
// @expect: poll: bad pointer: EFAULT
// @expect: poll: nfds over RLIMIT_NOFILE: EINVAL
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *
events(short ev, char *buf, size_t len)
{
	static const struct {
		short bit;
		const char *name;
	} names[] = {
		{ POLLIN, "POLLIN" }, { POLLOUT, "POLLOUT" }, { POLLERR, "POLLERR" },
		{ POLLHUP, "POLLHUP" }, { POLLNVAL, "POLLNVAL" },
	};
	buf[0] = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (ev & names[i].bit) {
			if (buf[0])
				strncat(buf, "|", len - strlen(buf) - 1);
			strncat(buf, names[i].name, len - strlen(buf) - 1);
		}
	if (!buf[0])
		strncat(buf, "none", len - 1);
	return buf;
}

/* poll one fd for ev: "N REVENTS" or "0" or the errno */
static void
poll1(const char *what, int fd, short ev, int timeout)
{
	struct pollfd p = { fd, ev, 0 };
	char buf[64];
	int r = poll(&p, 1, timeout);
	if (r < 0)
		say("poll: %s: %s\n", what, errname(errno));
	else if (r == 0)
		say("poll: %s: 0\n", what);
	else
		say("poll: %s: %d %s\n", what, r, events(p.revents, buf, sizeof(buf)));
}

int
main(void)
{
	int a[2], b[2], c[2], status;
	char buf[64], buf2[64], x = 'x';

	signal(SIGPIPE, SIG_IGN);
	pipe(a);
	poll1("empty pipe, timeout 0", a[0], POLLIN, 0);
	poll1("empty pipe, timeout 20 ms", a[0], POLLIN, 20);
	poll1("write end", a[1], POLLOUT, 0);
	write(a[1], "hi", 2);
	poll1("after a write", a[0], POLLIN, 0);
	struct pollfd two[2] = { { a[0], POLLIN, 0 }, { a[1], POLLOUT, 0 } };
	int r = poll(two, 2, 0);
	say("poll: both ends at once: %d %s %s\n", r, events(two[0].revents, buf, sizeof(buf)),
	    events(two[1].revents, buf2, sizeof(buf2)));
	close(a[1]);
	poll1("writer closed, data left", a[0], POLLIN, 0);
	read(a[0], buf, 2);
	poll1("writer closed, drained", a[0], POLLIN, 0);
	close(a[0]);

	pipe(b);
	close(b[0]);
	poll1("reader closed", b[1], POLLOUT, 0);
	close(b[1]);

	pipe(c);
	fcntl(c[1], F_SETFL, O_NONBLOCK);
	memset(buf, 'f', sizeof(buf));
	while (write(c[1], buf, sizeof(buf)) > 0)
		;
	poll1("full pipe, POLLOUT", c[1], POLLOUT, 0);
	close(c[0]);
	close(c[1]);

	pipe(a);
	pid_t pid = fork();
	if (pid == 0) {
		write(a[1], &x, 1);
		_exit(0);
	}
	poll1("blocking, woken by a child's write", a[0], POLLIN, -1);
	waitpid(pid, &status, 0);

	struct pollfd bad[2] = { { 99, POLLIN, 0 }, { -1, POLLIN, 0 } };
	r = poll(bad, 2, 0);
	say("poll: closed fd: %d %s, negative fd: %d\n", r, events(bad[0].revents, buf, sizeof(buf)),
	    bad[1].revents);
	struct pollfd *volatile badp = (struct pollfd *)1;   /* hidden from glibc's checks */
	r = poll(badp, 1, 0);
	say("poll: bad pointer: %s\n", r < 0 ? errname(errno) : "no error");
	/* RLIMIT_NOFILE 64 (the host's may be far higher), and a zeroed array
	 * as long as nfds, so that the trace shows no stack bytes */
	static struct pollfd many[65];
	struct rlimit rl = { 64, 64 };
	setrlimit(RLIMIT_NOFILE, &rl);
	r = poll(many, 65, 0);
	say("poll: nfds over RLIMIT_NOFILE: %s\n", r < 0 ? errname(errno) : "no error");
	return 0;
}
