/* symbolize.c: libdw (dwfl) look-ups for fault pcs and panic backtraces. */
#include "symbolize.h"

#include <elfutils/libdwfl.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *debuginfo_path;

static const Dwfl_Callbacks offline_cb = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
	.debuginfo_path = &debuginfo_path,
};

int
td_sym_addr(const char *elf, uint64_t addr, char *buf, size_t n)
{
	Dwfl *d = dwfl_begin(&offline_cb);
	Dwfl_Module *mod;
	GElf_Off off = 0;
	GElf_Sym sym;
	const char *fn, *file = NULL;
	int fd, line = 0;

	if (!d) {
		snprintf(buf, n, "libdw: %s", dwfl_errmsg(-1));
		return -1;
	}
	fd = open(elf, O_RDONLY);
	if (fd < 0) {
		snprintf(buf, n, "%s: %s", elf, strerror(errno));
		dwfl_end(d);
		return -1;
	}
	/* base 0: a position-independent file is looked up by offset */
	mod = dwfl_report_elf(d, elf, elf, fd, 0, false);
	dwfl_report_end(d, NULL, NULL);
	if (!mod) {
		snprintf(buf, n, "%s: not an ELF file libdw can read: %s", elf, dwfl_errmsg(-1));
		dwfl_end(d);
		return -1;
	}
	fn = dwfl_module_addrinfo(mod, addr, &off, &sym, NULL, NULL, NULL);
	{
		Dwfl_Line *l = dwfl_module_getsrc(mod, addr);

		if (l)
			file = dwfl_lineinfo(l, NULL, &line, NULL, NULL, NULL);
	}
	if (!fn) {
		snprintf(buf, n, "%#" PRIx64 " is in no function of %s", addr, elf);
		dwfl_end(d);
		return -1;
	}
	if (file) {
		const char *base = strrchr(file, '/');

		snprintf(buf, n, "%s+%#" PRIx64 " (%s:%d)", fn, (uint64_t)off, base ? base + 1 : file, line);
	} else {
		snprintf(buf, n, "%s+%#" PRIx64, fn, (uint64_t)off);
	}
	dwfl_end(d);
	return 0;
}

/* exec_path: the program a successful execve of task t, before `line`,
 * loaded (its first argument) into buf; 0, or -1 when there was none
 * (then the image came from the parent, at the fork) */
static int
exec_path(const struct td_trace *k, const struct td_task *t, uint32_t line, char *buf, size_t n)
{
	for (size_t i = t->nev; i-- > 0;) {
		const struct td_event *e = &k->ev[t->ev[i]];
		const char *q;

		if (e->line >= line || e->kind != TD_EV_CALL || strcmp(e->name, "execve") || e->err || !e->ret ||
		    e->ret_num != 0 || e->args[0] != '"' || !(q = strchr(e->args + 1, '"')))
			continue;
		snprintf(buf, n, "%.*s", (int)(q - e->args - 1), e->args + 1);
		return 0;
	}
	return -1;
}

/* image_for: the host file of the program task t ran at `line`: its last
 * execve before it (or its ancestors' before they made it), found beside
 * --binary (/tests/argv_child -> DIR/argv_child) or in the rootfs next to
 * that directory (/bin/busybox -> DIR/../rootfs/bin/busybox); --binary
 * when the task never left the test's own image. */
static const char *
image_for(struct td_result *r, const struct td_task *t, uint32_t line, char *buf, size_t n)
{
	const struct td_trace *k = r->k;
	char guest[512], dir[1024];
	const char *base, *slash = strrchr(r->o->binary, '/');

	while (exec_path(k, t, line, guest, sizeof(guest)) < 0) {
		if (t->parent < 0)
			return r->o->binary;
		line = t->first_line;
		t = &k->task[t->parent];
	}
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - r->o->binary) : 1, slash ? r->o->binary : ".");
	base = strrchr(guest, '/') ? strrchr(guest, '/') + 1 : guest;
	snprintf(buf, n, "%s/%s", dir, base);
	if (access(buf, R_OK) == 0)
		return buf;
	snprintf(buf, n, "%s/../rootfs%s", dir, guest);
	return access(buf, R_OK) == 0 ? buf : r->o->binary;
}

/* fault_text: the "#tdiff fault" line of task kt (by its pid), its pc
 * symbolized in the program the task was running. */
static char *
fault_text(struct td_result *r, const struct td_task *kt)
{
	const struct td_trace *k = r->k;
	long pid = kt->pid;

	for (size_t i = 0; i < k->nkev; i++) {
		const struct td_kevent *kv = &k->kev[i];
		char sym[512] = "", out[1024];
		const char *pcs;
		long p;
		uint64_t pc;

		if (strcmp(kv->verb, "fault") || sscanf(kv->text, "%ld", &p) != 1 || p != pid)
			continue;
		pcs = strstr(kv->text, "pc=");
		if (pcs && r->o->binary) {
			char img[2048];

			pc = strtoull(pcs + 3, NULL, 16);
			if (td_sym_addr(image_for(r, kt, kv->line, img, sizeof(img)), pc, sym, sizeof(sym)) < 0)
				snprintf(out, sizeof(out), "fault: %s; %s", kv->text, sym);
			else
				snprintf(out, sizeof(out), "fault at %s; %s", sym, kv->text);
		} else {
			snprintf(out, sizeof(out), "fault: %s%s", kv->text,
				 r->o->binary ? "" : " (give --binary to symbolize the pc)");
		}
		return td_arena_strndup(&r->arena, out, strlen(out));
	}
	return NULL;
}

/* panic_text: the panic message and its backtrace, symbolized. */
static char *
panic_text(struct td_result *r)
{
	const struct td_trace *k = r->k;
	struct td_sb sb = {0};
	char *s;
	int frame = 0;

	td_sb_printf(&sb, "panic: %s", k->panic);
	if (r->o->kernel_elf && strstr(k->panic, "pc=")) { /* the faulting pc itself */
		char sym[512];

		if (td_sym_addr(r->o->kernel_elf, strtoull(strstr(k->panic, "pc=") + 3, NULL, 16), sym, sizeof(sym)) == 0)
			td_sb_printf(&sb, " (pc at %s)", sym);
	}
	for (size_t i = 0; i < k->nkev; i++) {
		const struct td_kevent *kv = &k->kev[i];
		char sym[512];

		if (kv->line < k->panic_line || strcmp(kv->verb, "bt"))
			continue;
		td_sb_printf(&sb, "\n    #%d %s", frame++, kv->text);
		if (r->o->kernel_elf) {
			if (td_sym_addr(r->o->kernel_elf, strtoull(kv->text, NULL, 16), sym, sizeof(sym)) == 0)
				td_sb_printf(&sb, " %s", sym);
			else
				td_sb_printf(&sb, " (%s)", sym);
		}
	}
	if (frame && !r->o->kernel_elf)
		td_sb_puts(&sb, "\n    (give --kernel-elf to symbolize the backtrace)");
	s = td_arena_strndup(&r->arena, sb.s, sb.len);
	td_sb_free(&sb);
	return s;
}

void
td_symbolize(struct td_result *r)
{
	for (size_t i = 0; i < r->ndiv; i++) {
		struct td_div *d = &r->div[i];

		if (d->cls == TD_C_PANIC && r->k->panic) {
			d->symbol = panic_text(r);
		} else if (d->td >= 0 && r->td[d->td].k >= 0) {
			const struct td_task *kt = &r->k->task[r->td[d->td].k];

			if (kt->out == TD_OUT_KILLED || d->cls == TD_C_SIGNAL)
				d->symbol = fault_text(r, kt);
		}
	}
}
