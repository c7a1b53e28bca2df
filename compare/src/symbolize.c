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

/* fault_text: the "#tdiff fault" line of a pid, symbolized. */
static char *
fault_text(struct td_result *r, long pid)
{
	const struct td_trace *k = r->k;

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
			pc = strtoull(pcs + 3, NULL, 16);
			if (td_sym_addr(r->o->binary, pc, sym, sizeof(sym)) < 0)
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
				d->symbol = fault_text(r, kt->pid);
		}
	}
}
