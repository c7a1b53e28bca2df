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
- with --raw (the boot had tdiff.raw=1: each test ran a second time under
  `strace -f -X raw -e raw=all`) also raw: the raw run's lines between
  "#tdiff raw-start <test>" and "#tdiff raw-exit ...", framed as the trace
  is (boot, "#tdiff start <test>", ..., "#tdiff exit <status>", poweroff).
  A test whose raw run is missing, or ended otherwise than its first run,
  has failed.

Prints one line per test of the batch, in order: "done TEST", "failed TEST
REASON" (the boot ended during it), or "left TEST" (not reached: the boot
ended earlier, or a test before changed the rootfs; "#tdiff batch-dirty").
Exit status 0, or 2 when the run files are missing.
"""
import os
import shlex
import subprocess
import sys


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
    """The raw run's lines between its raw-start and raw-exit lines and its
    exit status, or (None, reason)."""
    start = ("#tdiff raw-start %s\n" % test).encode()
    if ("#tdiff raw-dirty %s\n" % test).encode() in lines:
        return None, "it changed the rootfs outside /tmp, so its raw run saw another world (#tdiff raw-dirty)"
    try:
        i = lines.index(start)
    except ValueError:
        return None, "no raw run (no #tdiff raw-start line)"
    for j in range(i + 1, len(lines)):
        if lines[j].startswith(b"#tdiff raw-exit "):
            return lines[i + 1:j], lines[j][len(b"#tdiff raw-exit "):].rstrip(b"\r\n").decode()
    return None, "the boot ended during its raw run"


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
    raws = [raw_section(lines, t) if raw else (None, "") for t in tests]
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
            rlines, rstatus = raws[k]
            if rlines is None:
                why = rstatus
                if why.startswith("the boot ended"):
                    why += ": %s %s" % (meta.get("result"), meta.get("reason", ""))
                print("failed %s %s" % (t, why))
                continue
            if rstatus != exit_status:
                print("failed %s its raw run ended '%s', its first run '%s'" % (t, rstatus, exit_status))
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
            f.write("command: %s\n" % cmd)
        print("done %s" % t)


if __name__ == "__main__":
    main()
