/* fuzz_big.c: libFuzzer target for the paths only large traces take.  The
 * input is repeated (a newline between copies, blank lines after them) up
 * to 4,096 lines, where trace.c's line memo starts; or, for inputs of odd length, comes after a
 * blank line of 4 MiB (the input's end is the file's end, where a mapping
 * differs from a copy), written to a memfd and loaded through its path, so
 * that td_map_file maps it.  The same bytes loaded from memory must give the same model, and
 * (memo inputs) a trace compared with itself shows no divergence. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "diverge.h"
#include "norm.h"
#include "report.h"
#include "trace.h"

#define MEMO_LINES 4096
#define MAP_BYTES (4u << 20)

/* repeat: copies of data (each ending in a newline), at most MAX_COPIES
 * (the memo's hits come from the second copy on), then blank lines up to
 * min_lines lines; malloc'd, length in *n */
#define MAX_COPIES 16
static char *
repeat(const uint8_t *data, size_t size, size_t min_lines, size_t *n)
{
	size_t lines = 1, len = 0, copies;
	char *buf;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	copies = min_lines / lines + 1;
	if (copies > MAX_COPIES)
		copies = MAX_COPIES;
	buf = malloc(copies * (size + 1) + min_lines);
	for (size_t c = 0; c < copies; c++) {
		memcpy(buf + len, data, size);
		len += size;
		buf[len++] = '\n';
	}
	for (size_t l = copies * lines; l < min_lines; l++)
		buf[len++] = '\n';
	*n = len;
	return buf;
}

/* padded: a blank line of MAP_BYTES spaces, then data as it is */
static char *
padded(const uint8_t *data, size_t size, size_t *n)
{
	char *buf = malloc(MAP_BYTES + 1 + size);

	memset(buf, ' ', MAP_BYTES);
	buf[MAP_BYTES] = '\n';
	memcpy(buf + MAP_BYTES + 1, data, size);
	*n = MAP_BYTES + 1 + size;
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int mapped = size & 1;
	size_t n;
	char *buf, path[64];
	struct td_trace a, b;
	struct td_opts o = {0};
	struct td_result r;
	int fd = -1;

	if (size == 0 || size > 65536)
		return 0;
	buf = mapped ? padded(data, size, &n) : repeat(data, size, MEMO_LINES, &n);
	if (mapped) {
		fd = memfd_create("fuzz-big", 0);
		if (fd < 0 || write(fd, buf, n) != (ssize_t)n)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (td_trace_load(&a, path, "x86_64") < 0)
			abort();
		if (!a.buf_map) /* the mapped path is what this target is for */
			abort();
	} else {
		td_trace_load_mem(&a, "big", buf, n, "x86_64");
	}
	td_trace_load_mem(&b, "big-copy", buf, n, "x86_64");
	if (a.nev != b.nev || a.ntask != b.ntask || a.nerr != b.nerr || a.nlines != b.nlines)
		abort();
	for (size_t i = 0; i < a.nev; i++)
		if (a.ev[i].line != b.ev[i].line || strcmp(a.ev[i].name, b.ev[i].name) ||
		    strcmp(a.ev[i].args, b.ev[i].args))
			abort();
	if (!mapped) {
		/* the rest does not depend on where the bytes came from: run it
		 * on the memo's inputs only (the mapped ones are 4 MiB) */
		td_normalize(&a);
		td_normalize(&b);
		for (size_t i = 0; i < a.nev; i++)
			if (a.ev[i].hash != b.ev[i].hash)
				abort();
		o.name = "big";
		o.arch = "x86_64";
		o.context = 3;
		td_compare(&a, &b, &o, &r);
		if (!r.error && r.first >= 0 && r.div[r.first].cls != TD_C_UNPARSABLE)
			abort(); /* a trace against itself */
		td_result_free(&r);
	}
	td_trace_free(&b);
	td_trace_free(&a);
	if (fd >= 0)
		close(fd);
	free(buf);
	return 0;
}
