#!/usr/bin/env python3
"""gen_rawtab.py: write compare/src/rawtab.def, the argument-kind table of
tracediff's raw level (compare/README.md, "Levels").

Usage: gen_rawtab.py LINUX_SOURCE_DIR > compare/src/rawtab.def
       (make rawtab: the Linux 6.1 source the golden Linux is built from)

Sources:
  - include/linux/syscalls.h: every `asmlinkage long sys_NAME(...)`
    prototype, its argument count, names and C types;
  - libseccomp: the syscall names of x86_64 and riscv64 (a tiny C program
    is compiled and run: no table of names is written by hand);
  - include/uapi/asm-generic/errno-base.h, errno.h, include/linux/errno.h:
    errno names (the same numbers on both arches);
  - include/uapi/asm-generic/signal.h: signal names (x86_64's are checked
    to be the same);
  - OVERRIDES below, written by hand: `unsigned long` arguments that are
    addresses, pointer-or-int arguments, per-arch argument orders (clone),
    return kinds, and the arch calls syscalls.h does not declare.

Kinds (one per argument, `name:kind`):
  i32 i64 ...  a signed integer of that many bits, compared
  u16 u32 u64  an unsigned integer or flags, compared
  t            a pid or tid: compared as a fork-tree position (@1.2)
  p            a pointer: left out
  s            a string, `const char *` (a path, a name): left out as a
               number; its text compares where both sides show it (strs.c)
  b            a buffer whose length is the next argument (write's buf):
               the same
  a            an address held in an unsigned long: left out
  n            anything else not comparable (handles): left out
  v            a pointer or an integer, decided per call by another
               argument (ioctl, fcntl, prctl, futex ...): see lower.c
Return kinds: d (an integer, compared), t (a pid), p (a pointer: success
or failure and errno only), n (not compared: a time).
"""
import os
import re
import subprocess
import sys
import tempfile

ARCHES = ("x86_64", "riscv64")

# per-arch #if conditions of syscalls.h that change a prototype
ARCH_DEFINES = {
    "x86_64": set(),
    "riscv64": {"CONFIG_CLONE_BACKWARDS"},
}
EVALUATED = {"CONFIG_CLONE_BACKWARDS", "CONFIG_CLONE_BACKWARDS3", "CONFIG_ARCH_SPLIT_ARG64"}

# libseccomp name -> syscalls.h name where they differ
ALIASES = {
    "uname": "newuname",
    "stat": "newstat",
    "lstat": "newlstat",
    "fstat": "newfstat",
    "umount2": "umount",
}

# hand-written rows: "all" or one arch; spec as in the generated rows.
# Each replaces the generated row of its name (and arch).
OVERRIDES = [
    # clone: CONFIG_CLONE_BACKWARDS on riscv64 puts tls before child_tid
    ("clone", "x86_64", "t", "flags:u64 newsp:a parent_tid:p child_tid:p tls:a"),
    ("clone", "riscv64", "t", "flags:u64 newsp:a parent_tid:p tls:a child_tid:p"),
    ("clone3", "all", "t", "uargs:p size:u64"),
    ("fork", "all", "t", ""),
    ("vfork", "all", "t", ""),
    ("getpid", "all", "t", ""),
    ("gettid", "all", "t", ""),
    ("getppid", "all", "t", ""),
    ("getpgrp", "all", "t", ""),
    ("setsid", "all", "t", ""),
    ("getpgid", "all", "t", "pid:t"),
    ("getsid", "all", "t", "pid:t"),
    ("wait4", "all", "t", "upid:t stat_addr:p options:i32 ru:p"),
    ("set_tid_address", "all", "t", "tidptr:p"),
    ("get_robust_list", "all", "d", "pid:t head_ptr:p len_ptr:p"),
    ("ptrace", "all", "d", "request:i64 pid:t addr:v data:v"),
    # buffers of `count` bytes (strs.c), not strings; a message is neither
    ("write", "all", "d", "fd:u32 buf:b count:u64"),
    ("pwrite64", "all", "d", "fd:u32 buf:b count:u64 pos:i64"),
    # strings syscalls.h does not declare const
    ("mount", "all", "d", "dev_name:s dir_name:s type:s flags:u64 data:p"),
    ("umount2", "all", "d", "name:s flags:i32"),
    ("mq_timedsend", "all", "d", "mqdes:i32 msg_ptr:p msg_len:u64 msg_prio:u32 abs_timeout:p"),
    # addresses held in unsigned long; the pointer returns
    ("brk", "all", "p", "brk:a"),
    ("mmap", "all", "p", "addr:a len:u64 prot:u32 flags:u32 fd:i32 off:u64"),
    ("mremap", "all", "p", "addr:a old_len:u64 new_len:u64 flags:u32 new_addr:a"),
    ("shmat", "all", "p", "shmid:i32 shmaddr:p shmflg:i32"),
    ("munmap", "all", "d", "addr:a len:u64"),
    ("mprotect", "all", "d", "start:a len:u64 prot:u32"),
    ("pkey_mprotect", "all", "d", "start:a len:u64 prot:u32 pkey:i32"),
    ("madvise", "all", "d", "start:a len_in:u64 behavior:i32"),
    ("msync", "all", "d", "start:a len:u64 flags:i32"),
    ("mlock", "all", "d", "start:a len:u64"),
    ("mlock2", "all", "d", "start:a len:u64 flags:i32"),
    ("munlock", "all", "d", "start:a len:u64"),
    ("mincore", "all", "d", "start:a len:u64 vec:p"),
    ("remap_file_pages", "all", "d", "start:a size:u64 prot:u64 pgoff:u64 flags:u64"),
    ("mbind", "all", "d", "start:a len:u64 mode:u64 nmask:p maxnode:u64 flags:u32"),
    ("get_mempolicy", "all", "d", "policy:p nmask:p maxnode:u64 addr:a flags:u64"),
    ("arch_prctl", "x86_64", "d", "code:i32 addr:a"),
    ("riscv_flush_icache", "riscv64", "d", "start:a end:a flags:u64"),
    # pointer or integer, by another argument (lower.c)
    ("ioctl", "all", "d", "fd:i32 cmd:u32 arg:v"),
    ("fcntl", "all", "d", "fd:i32 cmd:u32 arg:v"),
    ("prctl", "all", "d", "option:i32 arg2:v arg3:v arg4:v arg5:v"),
    ("futex", "all", "d", "uaddr:p op:i32 val:v utime:v uaddr2:p val3:v"),
    ("keyctl", "all", "d", "option:i32 arg2:n arg3:n arg4:n arg5:n"),
    # handles the kernel chooses (an address on Linux)
    ("io_destroy", "all", "d", "ctx:n"),
    # returns that are times
    ("time", "x86_64", "n", "tloc:p"),
    ("times", "all", "n", "tbuf:p"),
    # arch calls syscalls.h does not declare.  rt_sigreturn "returns" the
    # restored return register of the interrupted context (user state: a
    # pid of an interrupted wait4, anything): not compared (rules.def too)
    ("rt_sigreturn", "all", "n", ""),
    ("iopl", "x86_64", "d", "level:u32"),
    ("modify_ldt", "x86_64", "d", "func:i32 ptr:p bytecount:u64"),
    ("set_thread_area", "x86_64", "d", "u_info:p"),
    ("get_thread_area", "x86_64", "d", "u_info:p"),
]

SIGNED32 = {"int", "__s32", "s32", "key_serial_t", "clockid_t", "mqd_t", "timer_t", "rwf_t", "key_t",
            "signed int"}
UNSIGNED32 = {"unsigned int", "unsigned", "u32", "__u32", "uid_t", "gid_t", "qid_t", "uint32_t"}
SIGNED64 = {"long", "loff_t", "off_t", "ssize_t", "long long", "__kernel_old_time_t", "s64", "__s64"}
UNSIGNED64 = {"unsigned long", "size_t", "u64", "__u64", "old_sigset_t", "unsigned long long",
              "uintptr_t"}
UNSIGNED16 = {"umode_t", "unsigned short", "old_uid_t", "old_gid_t"}
POINTER_TYPEDEFS = {"cap_user_header_t", "cap_user_data_t"}
HANDLES = {"aio_context_t"}
TYPE_WORDS = {"long", "int", "short", "char", "unsigned", "signed"} | {
    w for t in ("pid_t u32 u64 __u32 __u64 s32 size_t loff_t off_t umode_t uid_t gid_t qid_t key_t "
                "clockid_t timer_t mqd_t rwf_t aio_context_t key_serial_t old_sigset_t uintptr_t uint32_t").split()
    for w in [t]}
ADDR_NAMES = re.compile(r"^(addr|start|brk|new_addr|newsp|tls|shmaddr|vaddr|start_addr)$")


def die(msg):
    sys.stderr.write("gen_rawtab.py: %s\n" % msg)
    sys.exit(1)


def libseccomp_names(arch):
    """The syscall names libseccomp knows for arch (numbers 0..1023)."""
    src = r'''
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
	uint32_t a = seccomp_arch_resolve_name(argv[1]);
	if (!a) return 1;
	for (int nr = 0; nr < 1024; nr++) {
		char *n = seccomp_syscall_resolve_num_arch(a, nr);
		if (n) { printf("%s\n", n); free(n); }
	}
	return 0;
}
'''
    with tempfile.TemporaryDirectory() as d:
        c, exe = os.path.join(d, "n.c"), os.path.join(d, "n")
        with open(c, "w") as f:
            f.write(src)
        subprocess.run(["cc", "-o", exe, c, "-lseccomp"], check=True)
        out = subprocess.run([exe, arch], check=True, capture_output=True, text=True).stdout
    return sorted(set(out.split()))


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", " ", text, flags=re.S)


def prototypes(path, arch):
    """sys_NAME -> list of (type, name) from syscalls.h, with the #if
    branches of EVALUATED taken as arch's config says (others taken)."""
    defined = ARCH_DEFINES[arch]
    text = strip_comments(open(path).read())
    lines = text.split("\n")
    stack = []  # (active, evaluated-condition-value or None)
    kept = []
    for ln in lines:
        s = ln.strip()
        m = re.match(r"#\s*(ifdef|ifndef|if|else|elif|endif)\b(.*)", s)
        if m:
            kw, rest = m.group(1), m.group(2).strip()
            if kw in ("ifdef", "ifndef", "if"):
                val = None
                sym = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", rest)
                if kw in ("ifdef", "ifndef") and sym and sym[0] in EVALUATED:
                    val = (sym[0] in defined) == (kw == "ifdef")
                elif kw == "if" and "BITS_PER_LONG" in rest:
                    val = "== 32" not in rest
                elif kw == "if" and any(x in EVALUATED for x in sym):
                    val = any(x in defined for x in sym if x in EVALUATED)
                stack.append(val)
            elif kw == "else" and stack:
                if stack[-1] is not None:
                    stack[-1] = not stack[-1]
            elif kw == "endif" and stack:
                stack.pop()
            continue
        if all(v is None or v for v in stack):
            kept.append(ln)
    body = " ".join(kept)
    protos = {}
    for m in re.finditer(r"asmlinkage\s+long\s+sys_(\w+)\s*\(([^;]*?)\)\s*;", body):
        name, params = m.group(1), m.group(2).strip()
        if name in protos:
            continue
        args = []
        if params and params != "void":
            for i, p in enumerate(params.split(",")):
                p = " ".join(p.split())
                mm = re.match(r"(.*?)([A-Za-z_][A-Za-z0-9_]*)$", p)
                # an unnamed parameter: the last word is a type word
                if (mm and mm.group(1).strip() and mm.group(2) not in TYPE_WORDS and
                        mm.group(1).strip() not in ("struct", "union", "const")):
                    typ, an = mm.group(1).strip(), mm.group(2)
                else:
                    typ, an = p, "arg%d" % (i + 1)
                args.append((typ, an))
        protos[name] = args
    return protos


def kind_of(typ, name):
    t = " ".join(w for w in typ.replace("*", " * ").split() if w not in ("const", "__user", "volatile"))
    if t == "char *" and typ.split()[0] == "const":
        return "s"
    if "*" in t or t in POINTER_TYPEDEFS:
        return "p"
    if t == "pid_t":
        return "t"
    if t in HANDLES:
        return "n"
    if t in SIGNED32:
        return "i32"
    if t in UNSIGNED32:
        return "u32"
    if t in UNSIGNED16:
        return "u16"
    if t in SIGNED64:
        return "i64"
    if t in UNSIGNED64:
        return "a" if ADDR_NAMES.match(name) else "u64"
    if t.startswith("enum "):
        return "u32"
    if t.startswith("struct ") or t.startswith("union "):
        return "n"
    die("%s: no kind for type '%s'" % (name, typ))


def c_ident(s):
    return re.sub(r"[^A-Za-z0-9_]", "_", s)


def main():
    if len(sys.argv) != 2:
        die("usage: gen_rawtab.py LINUX_SOURCE_DIR")
    src = sys.argv[1]
    hdr = os.path.join(src, "include/linux/syscalls.h")
    if not os.path.exists(hdr):
        die("%s: not found (the Linux source: make linux unpacks it)" % hdr)
    rows = {}  # (name, arch) -> (ret, spec)
    missing = {}
    for arch in ARCHES:
        protos = prototypes(hdr, arch)
        for name in libseccomp_names(arch):
            p = protos.get(ALIASES.get(name, name))
            if p is None:
                missing.setdefault(name, []).append(arch)
                continue
            spec = " ".join("%s:%s" % (an, kind_of(t, an)) for t, an in p)
            rows[(name, arch)] = ("d", spec)
    for name, arch, ret, spec in OVERRIDES:
        for a in ARCHES if arch == "all" else (arch,):
            rows[(name, a)] = (ret, spec)
            missing.pop(name, None)
    # one row for both arches where they agree
    out = []
    for name in sorted({n for n, _ in rows}):
        x, r = rows.get((name, "x86_64")), rows.get((name, "riscv64"))
        if x and r and x == r:
            out.append((name, "all", x))
        else:
            for a, v in (("x86_64", x), ("riscv64", r)):
                if v:
                    out.append((name, a, v))
    errnos = {}
    for f in ("include/uapi/asm-generic/errno-base.h", "include/uapi/asm-generic/errno.h",
              "include/linux/errno.h"):
        for m in re.finditer(r"#define\s+(E[A-Z0-9_]+)\s+(\d+)", open(os.path.join(src, f)).read()):
            errnos.setdefault(int(m.group(2)), m.group(1))
    sigs = {}
    for m in re.finditer(r"#define\s+(SIG[A-Z0-9]+)\s+(\d+)\b",
                         open(os.path.join(src, "include/uapi/asm-generic/signal.h")).read()):
        sigs.setdefault(int(m.group(2)), m.group(1))
    x86 = {}
    for m in re.finditer(r"#define\s+(SIG[A-Z0-9]+)\s+(\d+)\b",
                         open(os.path.join(src, "arch/x86/include/uapi/asm/signal.h")).read()):
        x86.setdefault(int(m.group(2)), m.group(1))
    for n in range(1, 32):
        if sigs.get(n) != x86.get(n):
            die("signal %d: %s (generic) but %s (x86)" % (n, sigs.get(n), x86.get(n)))
    w = sys.stdout.write
    w("/* rawtab.def: the argument kinds of tracediff's raw level.  GENERATED by\n"
      " * compare/src/gen_rawtab.py from Linux %s include/linux/syscalls.h,\n"
      " * libseccomp's names and the script's hand-written overrides: do not edit,\n"
      " * run `make rawtab` (kinds are explained at the top of the script).\n *\n"
      " *   TD_RAW(name, arch, ret, \"arg:kind ...\")   arch: all, x86_64, riscv64\n"
      " *   TD_ERRNO(name, number)\n *   TD_SIGNAL(name, number)\n */\n\n"
      % os.path.basename(os.path.normpath(src)))
    for name, arch, (ret, spec) in out:
        w('TD_RAW(%s, %s, %s, "%s")\n' % (c_ident(name), arch, ret, spec))
    w("\n")
    for n in sorted(errnos):
        w("TD_ERRNO(%s, %d)\n" % (errnos[n], n))
    w("\n")
    for n in sorted(sigs):
        if n < 32:
            w("TD_SIGNAL(%s, %d)\n" % (sigs[n], n))
    w("\n/* libseccomp names without a prototype in syscalls.h nor an override\n"
      " * (not in Linux 6.1, or obsolete): their arguments are left out\n")
    for name in sorted(missing):
        w(" *   %s (%s)\n" % (name, ", ".join(missing[name])))
    w(" */\n")


if __name__ == "__main__":
    main()
