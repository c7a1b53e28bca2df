#!/usr/bin/env python3
"""harness/linux/normalize.py TRACE: print the canonical form of a strace -f
trace (with #tdiff lines), in which two runs of Linux that differ only in what
legitimately differs between runs compare equal with plain diff.

The interim comparison of `make golden` and `make golden-verify` until
compare/'s tracediff exists (then tracediff is used; see README.md).  What it
removes, and nothing else:
  - task interleaving: each task's records are printed together, tasks in
    the order of their pids (pids grow with each fork in a fresh boot), and a
    call split into "<unfinished ...>" / "<... resumed>" is joined again;
  - pids and tids: replaced by T1, T2, ... in that order, wherever strace
    prints a pid (line prefix, results of fork-like and wait calls, the first
    argument of kill-like calls, si_pid=);
  - addresses (hex numbers of 5 digits or more): replaced by A1, A2, ... in
    order of first appearance, so equal addresses stay equal;
  - times: tv_sec, tv_nsec, tv_usec, si_utime, si_stime values;
  - the kernel version on the "#tdiff boot" line.
Exit status 0; 2 with "normalize: TRACE:LINE: reason" on a line it cannot read.
"""
import re
import sys

LINE = re.compile(r'^(\d+) +(.*)$')
UNFINISHED = ' <unfinished ...>'
RESUMED = re.compile(r'^<\.\.\. ([A-Za-z0-9_?]+) resumed>(.*)$')
# calls whose return value is a pid or tid
PID_RESULT = re.compile(r'^(clone3?|fork|vfork|wait4|waitid|getpid|getppid|gettid|'
                        r'set_tid_address|getpgid|getpgrp|getsid|setsid)\(')
# calls whose first argument is a pid
PID_ARG = re.compile(r'^(wait4|kill|tkill|tgkill|getpgid|setpgid|getsid|prlimit64|'
                     r'sched_[a-z_]+|pidfd_open|ptrace)\((-?\d+)')
RESULT = re.compile(r'= (\d+)$')
SI_PID = re.compile(r'si_pid=(\d+)')
TIMES = re.compile(r'\b(tv_sec|tv_nsec|tv_usec|si_utime|si_stime)=\d+')
ADDR = re.compile(r'0x[0-9a-f]{5,}')


def fail(path, lineno, reason):
    sys.stderr.write(f'normalize: {path}:{lineno}: {reason}\n')
    sys.exit(2)


def read_tasks(path):
    """Per-pid lists of records (unfinished calls joined), plus the #tdiff
    lines in order, from one trace file."""
    tasks, events, pending = {}, [], {}
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            if line.startswith('#tdiff '):
                if line.startswith('#tdiff boot '):
                    line = ' '.join(line.split(' ')[:4]) + ' VERSION'
                events.append(line)
                continue
            if not line:
                continue
            m = LINE.match(line)
            if not m:
                fail(path, lineno, f'not a strace -f record: {line[:80]!r}')
            pid, rec = int(m.group(1)), m.group(2)
            recs = tasks.setdefault(pid, [])
            r = RESUMED.match(rec)
            if r:
                if pid not in pending:
                    fail(path, lineno, f'"{r.group(1)} resumed" without an unfinished call')
                recs[pending.pop(pid)] += r.group(2)
            elif rec.endswith(UNFINISHED):
                pending[pid] = len(recs)
                recs.append(rec[:-len(UNFINISHED)])
            else:
                recs.append(rec)
    return tasks, events


def normalize(path):
    tasks, events = read_tasks(path)
    names = {pid: f'T{i}' for i, pid in enumerate(sorted(tasks), 1)}
    addrs = {}

    def pid_name(m, group=1):
        v = int(m.group(group))
        return names.get(v, m.group(group))

    def addr(m):
        return addrs.setdefault(m.group(0), f'A{len(addrs) + 1}')

    out = list(events)
    for pid in sorted(tasks):
        for rec in tasks[pid]:
            rec = re.sub(r' {2,}= ', ' = ', rec)  # strace pads to column 40
            if PID_RESULT.match(rec):
                rec = RESULT.sub(lambda m: '= ' + pid_name(m), rec)
            a = PID_ARG.match(rec)
            if a:
                rec = rec[:a.start(2)] + pid_name(a, 2) + rec[a.end(2):]
            rec = SI_PID.sub(lambda m: 'si_pid=' + pid_name(m), rec)
            rec = TIMES.sub(lambda m: m.group(1) + '=TIME', rec)
            rec = ADDR.sub(addr, rec)
            out.append(f'{names[pid]} {rec}')
    return out


def main():
    if len(sys.argv) != 2:
        sys.stderr.write('usage: normalize.py TRACE\n')
        return 2
    try:
        lines = normalize(sys.argv[1])
    except OSError as e:
        sys.stderr.write(f'normalize: {sys.argv[1]}: {e.strerror}\n')
        return 2
    sys.stdout.write(''.join(line + '\n' for line in lines))
    return 0


if __name__ == '__main__':
    sys.exit(main())
