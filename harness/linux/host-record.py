#!/usr/bin/env python3
"""harness/linux/host-record.py ROOTFS TEST OUTDIR: the host mode of the
golden recorder (x86_64 only, a convenience: golden/ is always recorded in
QEMU).  Runs /tests/TEST of a copy of ROOTFS under this machine's `strace -f
-s 4096`, chrooted into the copy, with the same argv, envp and cwd as in the
guest and fds 0-2 on a fresh pty, and writes OUTDIR/TEST.{trace,out,meta} in
the form of the QEMU runs (same #tdiff lines, target "host").

The host strace is dynamically linked: it and its libraries are copied into
the chroot under /.tdiff-host/ and started through the dynamic loader, so the
test's environment stays exactly HOME, PATH, TERM.  Differences from the
golden world, by design of a host run: the host's kernel version and config,
no /proc or /dev inside the chroot, the extra /.tdiff-host directory.
Needs root (chroot).  Exit 0 when the run completed, 1 with a message if not.
"""
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ENVP = {'HOME': '/', 'PATH': '/bin:/tests', 'TERM': 'linux'}


def fail(msg):
    sys.stderr.write(f'linux: error: golden-host: {msg}\n')
    sys.exit(1)


def stage_strace(root):
    """Copy the host strace, its libraries and the dynamic loader into
    root/.tdiff-host; returns (loader, strace) as paths inside the chroot."""
    strace = shutil.which('strace')
    if not strace:
        fail("no strace on this machine: run 'make deps' (Debian package strace)")
    ldd = subprocess.run(['ldd', strace], capture_output=True, text=True)
    if ldd.returncode != 0:
        fail(f'ldd {strace}: {ldd.stderr.strip()}')
    host = os.path.join(root, '.tdiff-host')
    os.makedirs(os.path.join(host, 'lib'))
    loader = None
    for line in ldd.stdout.splitlines():
        m = re.search(r'(/\S+)', line)
        if not m or 'linux-vdso' in line:
            continue
        path = m.group(1)
        shutil.copy2(path, os.path.join(host, 'lib', os.path.basename(path)))
        if '=>' not in line:  # the interpreter line
            loader = '/.tdiff-host/lib/' + os.path.basename(path)
    if not loader:
        fail(f'ldd {strace}: no dynamic loader found')
    shutil.copy2(strace, os.path.join(host, 'strace'))
    return loader, '/.tdiff-host/strace'


def status_text(st):
    if os.WIFEXITED(st):
        return f'exited {os.WEXITSTATUS(st)}'
    if os.WIFSIGNALED(st):
        name = signal.Signals(os.WTERMSIG(st)).name
        return f'killed {name}' + (' core' if os.WCOREDUMP(st) else '')
    return f'unknown 0x{st:x}'


def main():
    if len(sys.argv) != 4:
        sys.stderr.write('usage: host-record.py ROOTFS TEST OUTDIR\n')
        return 2
    rootfs, test, outdir = sys.argv[1:]
    if os.uname().machine != 'x86_64':
        fail(f'the host mode is for x86_64 only (this machine is {os.uname().machine})')
    if os.geteuid() != 0:
        fail('needs root (it chroots into a copy of the rootfs)')
    argv_file = os.path.join(rootfs, 'tests', test + '.argv')
    if not os.path.isfile(argv_file):
        fail(f'{argv_file} is missing: run make testcases ARCH=x86_64, and check the test name')
    with open(argv_file) as f:
        targv = f.read().splitlines()
    os.makedirs(outdir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix='host-', dir=outdir)
    root = os.path.join(tmp, 'root')
    try:
        shutil.copytree(rootfs, root, symlinks=True)
        loader, strace = stage_strace(root)
        args = [loader, '--library-path', '/.tdiff-host/lib', strace,
                '-f', '-s', '4096', '-o', '/.tdiff-host/trace'] + targv
        t0 = time.time()
        pid, master = pty.fork()  # the child: new session, pty as ctty on 0-2
        if pid == 0:
            try:
                os.chroot(root)
                os.chdir('/')
                os.execve(loader, args, ENVP)
            except OSError as e:
                os.write(2, f'host-record: exec {loader}: {e.strerror}\n'.encode())
            os._exit(127)
        console = b''
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the slave side is closed
                break
            if not data:
                break
            console += data
        _, st = os.waitpid(pid, 0)
        wall = time.time() - t0
        with open(os.path.join(root, '.tdiff-host', 'trace'), 'rb') as f:
            strace_text = f.read()
    except OSError as e:
        fail(f'{test}: {e}')
    status = status_text(st)
    base = os.path.join(outdir, test)
    uname = os.uname()
    trace = (f'#tdiff boot host x86_64 {uname.release}\n#tdiff start {test}\n'.encode()
             + strace_text + f'#tdiff exit {status}\n#tdiff poweroff\n'.encode())
    meta = (f'target: host\narch: x86_64\ntest: {test}\nresult: ok\nexit: {status}\n'
            f'wall: {wall:.2f}\nlinux: {uname.release} {uname.version} (this machine)\n'
            f'command: chroot {rootfs} {shutil.which("strace")} -f -s 4096 -o TRACE '
            + ' '.join(targv) + ' (fds 0-2 on a pty)\n')
    for ext, data in (('trace', trace), ('out', console.replace(b'\r\n', b'\n')),
                      ('meta', meta.encode())):
        with open(f'{base}.{ext}.tmp', 'wb') as f:
            f.write(data)
        os.rename(f'{base}.{ext}.tmp', f'{base}.{ext}')
    shutil.rmtree(tmp)
    sys.stderr.write(f'linux: golden-host: {base}.{{trace,out,meta}} ({status}, {wall:.2f} s)\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
