#!/usr/bin/env python3
"""harness/linux/batch-split.py [--raw] RUNDIR FIRST OUT NOISE CMDLINE_CMD TEST...

Split one batch boot (`harness run --target linux --cmdline 'tdiff.batch=...'
FIRST`, whose run files are RUNDIR/FIRST.{trace,console,meta}) into the run
files each test would have had from a boot of its own:
OUT/<test>.{trace,out,meta} (and .noise when the console had noise lines),
where "{test}" in OUT is replaced by the test's name.

- trace: the boot line, the test's lines from "#tdiff start <test>" to its
  "#tdiff exit ..." line, and "#tdiff poweroff", as a single boot writes it;
- out: the console between the whole line "#tdiff start <test>" and the last
  "#tdiff exit " before the next test's start line, "\\r\\n" made "\\n" and
  lines starting with NOISE (the target's console-noise) dropped: what the
  harness's run_extract_output (harness/run.c) cuts from a single boot;
- meta: target, arch, test, result, exit as the harness writes them, the
  batch's wall time shared out, a "batch:" line, and "command:" the command
  that boots the test alone (CMDLINE_CMD TEST prints it: `harness cmdline ...`);
- with --raw (the boot had tdiff.raw=1 or tdiff.raw=ftrace) also raw, framed
  as the trace is (boot, "#tdiff start <test>", ..., "#tdiff exit <status>",
  poweroff), in strace's raw syntax (`strace -f -X raw -e raw=all`):
  - tdiff.raw=1: each test ran a second time under that strace; its lines
    are those between "#tdiff raw-start <test>" and "#tdiff raw-exit ...";
  - tdiff.raw=ftrace: the test's run under `strace -f` was also recorded by
    Linux's raw_syscalls events, printed between "#tdiff raw-ftrace <test>"
    and "#tdiff raw-exit ..." (the init falls back to a raw-start run when
    the buffer lost events).  raw_lines() writes them as that strace would
    have: each line of the decoded trace, in its order, with the arguments
    and return value of its task's next event (class RawFromFtrace).
  A test whose raw run is missing, does not fit its decoded trace, or ended
  otherwise than its first run, has failed.

Prints one line per test of the batch, in order: "done TEST", "failed TEST
REASON" (the boot ended during it), or "left TEST" (not reached: the boot
ended earlier, or a test before changed the rootfs; "#tdiff batch-dirty").
Exit status 0, or 2 when the run files are missing.
"""
import collections
import os
import re
import shlex
import subprocess
import sys

# the syscall number of execve (the test's first traced call; its task ran
# strace's own calls before it), per arch (x86_64's table; riscv64 uses the
# generic one)
EXECVE_NR = {"x86_64": 59, "riscv64": 221}
# the calls that make a task (clone, fork, vfork, clone3 on x86_64; clone,
# clone3 on riscv64): a new task's first event is its return from one of
# them, which strace does not print
CLONE_NRS = {"x86_64": (56, 57, 58, 435), "riscv64": (220, 435)}

# calls that replace the registers their exit event reads the call number
# from (x86_64's rt_sigreturn says -1, riscv64's whatever a7 was)
REGS_REPLACED = ("rt_sigreturn", "execve", "execveat")

# si_code names strace decodes, with their values (include/uapi/asm-generic/
# siginfo.h; the same on both arches)
SI_CODES = {
    "SI_USER": 0, "SI_KERNEL": 0x80, "SI_QUEUE": -1, "SI_TIMER": -2, "SI_MESGQ": -3,
    "SI_ASYNCIO": -4, "SI_SIGIO": -5, "SI_TKILL": -6, "SI_DETHREAD": -7, "SI_ASYNCNL": -60,
    "CLD_EXITED": 1, "CLD_KILLED": 2, "CLD_DUMPED": 3, "CLD_TRAPPED": 4, "CLD_STOPPED": 5,
    "CLD_CONTINUED": 6,
    "SEGV_MAPERR": 1, "SEGV_ACCERR": 2, "SEGV_BNDERR": 3, "SEGV_PKUERR": 4,
    "SEGV_ACCADI": 5, "SEGV_ADIDERR": 6, "SEGV_ADIPERR": 7, "SEGV_MTEAERR": 8, "SEGV_MTESERR": 9,
    "BUS_ADRALN": 1, "BUS_ADRERR": 2, "BUS_OBJERR": 3, "BUS_MCEERR_AR": 4, "BUS_MCEERR_AO": 5,
    "ILL_ILLOPC": 1, "ILL_ILLOPN": 2, "ILL_ILLADR": 3, "ILL_ILLTRP": 4, "ILL_PRVOPC": 5,
    "ILL_PRVREG": 6, "ILL_COPROC": 7, "ILL_BADSTK": 8, "ILL_BADIADDR": 9,
    "FPE_INTDIV": 1, "FPE_INTOVF": 2, "FPE_FLTDIV": 3, "FPE_FLTOVF": 4, "FPE_FLTUND": 5,
    "FPE_FLTRES": 6, "FPE_FLTINV": 7, "FPE_FLTSUB": 8,
    "TRAP_BRKPT": 1, "TRAP_TRACE": 2, "TRAP_BRANCH": 3, "TRAP_HWBKPT": 4, "TRAP_UNK": 5,
    "POLL_IN": 1, "POLL_OUT": 2, "POLL_MSG": 3, "POLL_ERR": 4, "POLL_PRI": 5, "POLL_HUP": 6,
    "SYS_SECCOMP": 1,
}

# one raw_syscalls event in the guest init's short form (init_raw_event):
#   "E 303 57 0,0,0,0,0,0" for "fork-303 [000] 12.345678: sys_enter: NR 57 (0, 0, 0, 0, 0, 0)"
#   "X 303 57 304"         for "fork-303 [000] 12.345680: sys_exit: NR 57 = 304"
ENTER_RE = re.compile(rb"^E (\d+) (-?\d+) ([0-9a-f]+(?:,[0-9a-f]+)*)$")
EXIT_RE = re.compile(rb"^X (\d+) (-?\d+) (-?\d+)$")
# a line of `strace -f` (decoded): pid, then the record
STRACE_RE = re.compile(r"^(\d+ +)(.*)$")
CALL_RE = re.compile(r"^([a-z0-9_]+)\(")
RESUMED_RE = re.compile(r"^<\.\.\. ([a-z0-9_]+) resumed>")
# "= RET" at the end of a complete or resumed call (the last " = " outside
# the arguments: what follows it has no quotes)
RET_RE = re.compile(r"\) += (\?|-?[0-9]+|0x[0-9a-f]+)(?: ([A-Z][A-Z0-9_]*) \((.*)\))?(?: .*)?$")


class RawError(Exception):
    pass


class RawTable:
    """What the raw syntax needs of compare/src/rawtab.def (generated from
    Linux's syscalls.h and libseccomp): each call's argument count on an
    arch, errno and signal numbers."""

    def __init__(self, path, arch):
        self.nargs, self.errno, self.signal = {}, {}, {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r'TD_RAW\((\w+), (\w+), \w+, "([^"]*)"\)', line)
                if m and m.group(2) in ("all", arch):
                    self.nargs[m.group(1)] = len(m.group(3).split())
                m = re.match(r"TD_ERRNO\((\w+), (\d+)\)", line)
                if m:
                    self.errno[m.group(1)] = int(m.group(2))
                m = re.match(r"TD_SIGNAL\((\w+), (\d+)\)", line)
                if m:
                    self.signal[m.group(1)] = int(m.group(2))

    def count(self, name):
        # strace prints an unknown call (syscall_0x1b4) with all six
        return self.nargs.get(name, 6)


def raw_num(v):
    """A value as strace's raw syntax prints it: 0, else hex of the unsigned
    64-bit register."""
    v &= (1 << 64) - 1
    return "0" if v == 0 else "0x%x" % v


def raw_pad(text):
    """strace's column: " = " goes at column 40 at the latest."""
    return text + " " * (40 - len(text)) + "= " if len(text) < 40 else text + " = "


class RawFromFtrace:
    """A decoded strace trace of one run and the raw_syscalls events of the
    same run, made into the lines `strace -f -X raw -e raw=all` prints."""

    def __init__(self, table, arch):
        self.table, self.arch = table, arch

    def events(self, flines):
        """Each task's events, in order: (kind, nr, args or ret)."""
        q = collections.defaultdict(collections.deque)
        for k, l in enumerate(flines):
            l = l.rstrip(b"\r\n")
            m = ENTER_RE.match(l)
            if m:
                val = [int(a, 16) for a in m.group(3).decode().split(",")]
            else:
                m = EXIT_RE.match(l)
                if not m:
                    raise RawError("raw_syscalls line %d does not parse: %r" % (k + 1, l[:120]))
                val = int(m.group(3))
            tid, kind, nr = int(m.group(1)), "enter" if l[:1] == b"E" else "exit", int(m.group(2))
            q[tid].append((kind, nr, val))
        return q

    def take(self, q, tid, kind, name, what):
        if not q[tid]:
            raise RawError("task %d: no %s event left for %s" % (tid, kind, what))
        ev = q[tid].popleft()
        if ev[0] != kind:
            raise RawError("task %d: a sys_%s event (NR %d) where %s needs sys_%s" %
                           (tid, ev[0], ev[1], what, kind))
        return ev

    def ret_text(self, ret, err, msg, line):
        if -4096 < ret < 0:
            name = err or next((n for n, v in self.table.errno.items() if v == -ret), None)
            if name is None or self.table.errno.get(name, -ret) != -ret:
                raise RawError("return %d and errno %s disagree: %s" % (ret, err, line))
            # Linux's internal restart codes have no message of their own
            text = "Unknown error %d" % -ret if -ret >= 512 else msg
            return "-1 %s (%s)" % (name, text)
        return raw_num(ret)

    def signal(self, rec):
        """--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...} --- with
        every named value made a number, as the raw syntax prints it."""
        m = re.match(r"^--- (SIG\w+) \{(.*)\} ---$", rec)
        if not m:
            return rec
        out = []
        for field in m.group(2).split(", "):
            k, eq, v = field.partition("=")
            v = re.sub(r" /\* .*? \*/", "", v)
            if k == "si_signo" and v in self.table.signal:
                v = str(self.table.signal[v])
            elif k == "si_code" and v in SI_CODES:
                v = raw_num(SI_CODES[v] & 0xffffffff)
            elif k == "si_status" and v in self.table.signal:
                v = str(self.table.signal[v])
            out.append(k + eq + v)
        return "--- %s {%s} ---" % (m.group(1), ", ".join(out))

    def convert(self, dlines, flines):
        """dlines: the decoded section's lines (bytes, without the #tdiff
        frame); flines: the raw_syscalls lines.  Returns the raw lines."""
        q = self.events(flines)
        out, first, seen, pending = [], None, set(), {}
        for n, l in enumerate(dlines):
            text = l.decode("utf-8", "replace").rstrip("\r\n")
            if text.startswith("#"):
                continue
            m = STRACE_RE.match(text)
            if not m:
                raise RawError("decoded line %d has no pid: %r" % (n + 1, text[:120]))
            prefix, rec = m.group(1), m.group(2)
            tid = int(prefix)
            if tid not in seen:
                seen.add(tid)
                if q[tid] and q[tid][0][0] == "exit" and q[tid][0][1] in CLONE_NRS[self.arch]:
                    q[tid].popleft()
            if first is None:
                first = tid
                # the test's task ran strace's own calls before its execve
                while q[tid] and not (q[tid][0][0] == "enter" and q[tid][0][1] == EXECVE_NR[self.arch]):
                    q[tid].popleft()
            if rec.startswith("---") or rec.startswith("+++"):
                out.append(prefix + self.signal(rec))
                continue
            r = RESUMED_RE.match(rec)
            c = CALL_RE.match(rec)
            ret = RET_RE.search(rec)
            if r:
                name = r.group(1)
                if not ret:
                    raise RawError("decoded line %d: a resumed call without a result: %r" % (n + 1, text[:120]))
                head = "%s<... %s resumed>)" % (prefix, name)
                nr = pending.pop(tid, None)
            elif c:
                name = c.group(1)
                _, nr, args = self.take(q, tid, "enter", name, "line %d" % (n + 1))
                args = [raw_num(a) for a in args[:self.table.count(name)]]
                if rec.endswith(" <unfinished ...>"):
                    pending[tid] = nr
                    out.append("%s%s(%s <unfinished ...>" % (prefix, name, ", ".join(args)))
                    continue
                if not ret:
                    raise RawError("decoded line %d: neither a result nor unfinished: %r" % (n + 1, text[:120]))
                head = "%s%s(%s)" % (prefix, name, ", ".join(args))
            else:
                raise RawError("decoded line %d is not a call, signal or exit: %r" % (n + 1, text[:120]))
            if ret.group(1) == "?" and not ret.group(2):
                # strace saw no return: an exit, or the task killed in the
                # call (by then Linux may have left the call: its event is
                # skipped, strace's "?" kept)
                if q[tid] and q[tid][0][0] == "exit" and q[tid][0][1] == nr:
                    q[tid].popleft()
                out.append(raw_pad(head) + "?")
                continue
            _, xnr, val = self.take(q, tid, "exit", name, "line %d" % (n + 1))
            if nr is not None and xnr != nr and name not in REGS_REPLACED:
                raise RawError("task %d: line %d returns from NR %d, its event from NR %d" % (tid, n + 1, nr, xnr))
            out.append(raw_pad(head) + self.ret_text(val, ret.group(2), ret.group(3), text))
        # every event of a task strace traced (one with a line: seen) has
        # its line (a task it did not trace, made with CLONE_UNTRACED, keeps
        # its events)
        for t, e in q.items():
            if e and t in seen:
                raise RawError("task %d: %d raw_syscalls event(s) left after its last decoded line (first: sys_%s NR %d)" %
                               (t, len(e), e[0][0], e[0][1]))
        return [(x + "\n").encode() for x in out]


def meta_fields(path):
    fields = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition(": ")
            fields.setdefault(k, v)
    return fields


def trace_section(lines, test):
    """The test's lines from its start line to its exit line, or None."""
    start = ("#tdiff start %s\n" % test).encode()
    try:
        i = lines.index(start)
    except ValueError:
        return None
    for j in range(i + 1, len(lines)):
        if lines[j].startswith(b"#tdiff exit "):
            return lines[i:j + 1]
    return None


def raw_section(lines, test):
    """The raw run's lines between its raw-start (or raw-ftrace) and raw-exit
    lines, its exit status and whether they are raw_syscalls events, or
    (None, reason, None).  A raw-start run (tdiff.raw=1, or the fallback after
    "#tdiff raw-lost") wins over events."""
    if ("#tdiff raw-dirty %s\n" % test).encode() in lines:
        return None, "it changed the rootfs outside /tmp, so its raw run saw another world (#tdiff raw-dirty)", None
    for marker, events in (("raw-start", False), ("raw-ftrace", True)):
        start = ("#tdiff %s %s\n" % (marker, test)).encode()
        try:
            i = lines.index(start)
        except ValueError:
            continue
        for j in range(i + 1, len(lines)):
            if lines[j].startswith(b"#tdiff raw-lost "):
                break
            if lines[j].startswith(b"#tdiff raw-exit "):
                return lines[i + 1:j], lines[j][len(b"#tdiff raw-exit "):].rstrip(b"\r\n").decode(), events
        else:
            return None, "the boot ended during its raw run", None
    return None, "no raw run (no #tdiff raw-start or raw-ftrace line)", None


def console_start(console, test, pos):
    """Offset just past the whole line "#tdiff start TEST" at or after pos
    (its \\r* and \\n skipped, as the harness does), and the line's own start."""
    marker = ("#tdiff start %s" % test).encode()
    p = console.find(marker, pos)
    while p >= 0:
        after = p + len(marker)
        whole_line = (p == 0 or console[p - 1:p] == b"\n") and (
            after == len(console) or console[after:after + 1] in (b"\r", b"\n"))
        if whole_line:
            while console[after:after + 1] == b"\r":
                after += 1
            if console[after:after + 1] == b"\n":
                after += 1
            return after, p
        p = console.find(marker, p + 1)
    return None, None


def cut_output(seg, noise):
    """run_extract_output on one test's console segment: the output and the
    noise lines."""
    stop = seg.rfind(b"#tdiff exit ")
    if stop < 0:
        stop = len(seg)
    out, noisy = bytearray(), bytearray()
    nz = noise.encode()
    p = 0
    while p < stop:
        if nz and (p == 0 or seg[p - 1:p] == b"\n") and seg.startswith(nz, p) and stop - p >= len(nz):
            eol = seg.find(b"\n", p, stop)
            end = eol if eol >= 0 else stop - 1
            noisy += seg[p:end + 1].replace(b"\r\n", b"\n")
            p = end + 1
            continue
        if seg[p:p + 1] == b"\r" and p + 1 < stop and seg[p + 1:p + 2] == b"\n":
            p += 1
            continue
        out += seg[p:p + 1]
        p += 1
    return bytes(out), bytes(noisy)


def main():
    args = sys.argv[1:]
    raw = bool(args) and args[0] == "--raw"
    if raw:
        args = args[1:]
    if len(args) < 6:
        sys.exit(__doc__)
    rundir, first, outdir, noise, tool = args[:5]
    tests = args[5:]
    try:
        with open("%s/%s.trace" % (rundir, first), "rb") as f:
            lines = f.read().splitlines(keepends=True)
        with open("%s/%s.console" % (rundir, first), "rb") as f:
            console = f.read()
        meta = meta_fields("%s/%s.meta" % (rundir, first))
    except OSError as e:
        print("batch-split: %s" % e, file=sys.stderr)
        sys.exit(2)
    boot = lines[0] if lines and lines[0].startswith(b"#tdiff boot ") else None
    dirty = any(l.startswith(b"#tdiff batch-dirty ") for l in lines)
    sections = [trace_section(lines, t) for t in tests]
    raws = [raw_section(lines, t) if raw else (None, "", None) for t in tests]
    arch = meta.get("arch", "")
    conv = None
    if raw and any(r[2] for r in raws):
        conv = RawFromFtrace(RawTable(os.path.join(os.environ.get("TDIFF_TOP", "."),
                                                   "compare/src/rawtab.def"), arch), arch)
    done = 0
    while done < len(tests) and sections[done] is not None:
        done += 1
    # the boot ended (hang, panic) during the raw run of the test after the
    # last complete one: that test failed, not the next
    raw_cut = raw and done > 0 and raws[done - 1][0] is None and \
        raws[done - 1][1].startswith("the boot ended") and meta.get("result") != "ok"
    wall = float(meta.get("wall", "0") or 0)
    pos = 0
    for k, t in enumerate(tests):
        if k >= done:
            if k == done and meta.get("result") != "ok" and not dirty and not raw_cut:
                print("failed %s the batch boot ended %s during it: %s" %
                      (t, meta.get("result"), meta.get("reason", "")))
            else:
                print("left %s" % t)
            continue
        begin, _ = console_start(console, t, pos)
        end = len(console)
        if k + 1 < len(tests):
            _, nxt = console_start(console, tests[k + 1], begin or pos)
            end = nxt if nxt is not None else len(console)
        if begin is None or boot is None:
            print("failed %s no start line on the console" % t)
            continue
        pos = end
        d = outdir.replace("{test}", t)
        os.makedirs(d, exist_ok=True)
        out, noisy = cut_output(console[begin:end], noise)
        sec = sections[k]
        exit_status = sec[-1][len(b"#tdiff exit "):].rstrip(b"\r\n").decode()
        if raw:
            rlines, rstatus, events = raws[k]
            if rlines is None:
                why = rstatus
                if why.startswith("the boot ended"):
                    why += ": %s %s" % (meta.get("result"), meta.get("reason", ""))
                print("failed %s %s" % (t, why))
                continue
            if rstatus != exit_status:
                print("failed %s its raw run ended '%s', its first run '%s'" % (t, rstatus, exit_status))
                continue
            if events:
                try:
                    rlines = conv.convert(sec[1:-1], rlines)
                except RawError as e:
                    print("failed %s its raw_syscalls events do not fit its trace: %s" % (t, e))
                    continue
            with open("%s/%s.raw" % (d, t), "wb") as f:
                f.write(boot + sec[0] + b"".join(rlines) + sec[-1] + b"#tdiff poweroff\n")
        with open("%s/%s.trace" % (d, t), "wb") as f:
            f.write(boot + b"".join(sec) + b"#tdiff poweroff\n")
        with open("%s/%s.out" % (d, t), "wb") as f:
            f.write(out)
        if noisy:
            with open("%s/%s.noise" % (d, t), "wb") as f:
                f.write(noisy)
        cmd = subprocess.run(shlex.split(tool) + [t], capture_output=True, text=True).stdout.strip()
        with open("%s/%s.meta" % (d, t), "w") as f:
            f.write("target: %s\narch: %s\ntest: %s\nresult: ok\nexit: %s\n" %
                    (meta.get("target"), meta.get("arch"), t, exit_status))
            f.write("wall: %.2f\n" % (wall / done))
            if len(tests) > 1:
                f.write("batch: test %d of %d in one boot of %.2f s (tdiff.batch=)\n" %
                        (k + 1, len(tests), wall))
            if raw:
                f.write("raw: %s\n" % ("the raw_syscalls events of this run in strace's raw syntax (tdiff.raw=ftrace)"
                                       if raws[k][2] else "a second run under strace -f -X raw -e raw=all"))
            f.write("command: %s\n" % cmd)
        print("done %s" % t)


if __name__ == "__main__":
    main()
