/*
 * gdbstub.h: a small client of the GDB remote serial protocol, enough to
 * drive QEMU's gdbstub from the host: packets `$data#cs`, acks then
 * QStartNoAckMode, register reads (`g`, `p`), memory reads (`m`),
 * breakpoints (`Z1`/`z1`), `c`/`s` and their stop replies, the target
 * description (qXfer:features:read) to find registers by name.
 *
 * The transport is a file descriptor (a unix socket to `-gdb
 * unix:PATH,server=on,wait=off`); the pure helpers (framing, hex, the XML
 * register list) are separate so the unit tests can feed them directly.
 */
#ifndef GDBSTUB_H
#define GDBSTUB_H

#include <stddef.h>
#include <stdint.h>

#define GDB_PKT_MAX 16384

struct gdb {
	int fd;
	int noack;		/* QStartNoAckMode accepted: no '+' either way */
	char in[GDB_PKT_MAX * 2 + 64];	/* bytes received, not yet a whole packet */
	size_t inlen;
	/* called about every idle_ms while a resumed target runs (the caller
	 * polls the console, flushes its output); may be NULL */
	void (*idle)(void *arg);
	void *idle_arg;
	int idle_ms;
	long round_trips;	/* packets sent that wanted a reply */
	char err[256];		/* the last error, "gdbstub: ..." */
};

/* What a resumed target did (gdb_resume). */
enum gdb_stop { GDB_STOPPED, GDB_EXITED, GDB_ERROR };

/* gdb_connect_unix: connect to the stub's unix socket at path, retrying
 * until timeout_s (QEMU creates it a moment after its start); then turn
 * acks off.  Returns 0, or -1 with g->err set. */
int gdb_connect_unix(struct gdb *g, const char *path, double timeout_s);

void gdb_close(struct gdb *g);

/* gdb_command: send cmd, receive the reply packet's payload into reply
 * (NUL-terminated).  Returns its length, or -1 (g->err). */
int gdb_command(struct gdb *g, const char *cmd, char *reply, size_t len);

/* gdb_read_reg: register regnum (the stub's number), little-endian, up to 8 bytes. */
int gdb_read_reg(struct gdb *g, int regnum, uint64_t *val);

/* gdb_read_gregs: the first n 8-byte registers of the `g` packet. */
int gdb_read_gregs(struct gdb *g, uint64_t *regs, int n);

/* gdb_read_mem: len bytes at guest virtual addr (the current address space).
 * Returns the bytes read (fewer at an unmapped page), or -1. */
long gdb_read_mem(struct gdb *g, uint64_t addr, void *buf, size_t len);

/* gdb_break: insert (or remove) a hardware breakpoint at addr. */
int gdb_break(struct gdb *g, uint64_t addr, int insert);

/* gdb_resume: `c` (step 0) or `s` (step 1), then wait for the stop reply,
 * calling g->idle while waiting.  Returns GDB_STOPPED, GDB_EXITED (the
 * stub said W/X, or the connection closed) or GDB_ERROR. */
enum gdb_stop gdb_resume(struct gdb *g, int step);

/* gdb_interrupt: stop a running target (byte 0x03) and wait for its stop. */
enum gdb_stop gdb_interrupt(struct gdb *g);

/* gdb_regnums: find each of names[0..n) in the stub's target description;
 * nums[i] is its number or -1.  Returns 0, or -1 when the description
 * cannot be read. */
int gdb_regnums(struct gdb *g, const char *const names[], int *nums, int n);

/* --- pure helpers (no I/O) --- */

/* gdb_frame: "$payload#cs" into out; returns its length, or -1 if too long. */
int gdb_frame(const char *payload, char *out, size_t outlen);

/*
 * gdb_unframe: find one packet in buf[0..len): its payload (run-length
 * encoding expanded) into out.  Returns the bytes it used from buf (acks
 * and noise before the '$' included), 0 when no whole packet is there yet,
 * or -1 on a bad checksum or an overlong packet.
 */
long gdb_unframe(const char *buf, size_t len, char *out, size_t outlen, size_t *outn);

/* gdb_hex_le: nbytes (<= 8) of little-endian hex into *val; -1 on a bad digit. */
int gdb_hex_le(const char *hex, size_t nbytes, uint64_t *val);

/*
 * gdb_xml_regs: walk the <reg> elements of one XML document (comments
 * skipped), numbering them from *next (an explicit regnum= resets it);
 * fills nums[i] for each names[i] found and leaves *next after the last.
 * Includes (<xi:include href=...>) are the caller's: gdb_xml_include
 * returns the k-th href, or NULL.
 */
void gdb_xml_regs(const char *xml, int *next, const char *const names[], int *nums, int n);
const char *gdb_xml_include(const char *xml, int k, char *href, size_t len);

#endif
