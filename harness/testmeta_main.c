/*
 * testmeta: read the metadata of testcases (see testcases/README.md).
 *
 *   testmeta list [--arch A] [--helpers] [--smoke] [--libc L] FILE...
 *                                                    names, one a line: a C test
 *                                                    NAME and its glibc build
 *                                                    NAME.glibc (--libc musl or
 *                                                    glibc: those builds only)
 *   testmeta show FILE                               every field, key: value
 *   testmeta argv FILE                               argv, one argument a line
 *   testmeta get KEY FILE                            one field (lists: one a line)
 *   testmeta check FILE...                           validate; errors on stderr
 *
 * FILE may be DIR/NAME.glibc: the glibc build of DIR/NAME.c.
 *
 * Exit: 0 ok, 1 a file has bad metadata, 2 usage error.
 */
#include "testmeta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: testmeta list [--arch A] [--helpers] [--smoke] [--libc musl|glibc] FILE...\n"
	"       testmeta show FILE\n"
	"       testmeta argv FILE\n"
	"       testmeta get KEY FILE\n"
	"       testmeta check FILE...\n";

static void
print_arches(const char *key, unsigned bits)
{
	printf("%s:", key);
	if (bits & TM_X86_64)
		printf(" x86_64");
	if (bits & TM_RISCV64)
		printf(" riscv64");
	if (!bits)
		printf(" none");
	printf("\n");
}

/* print_field: value(s) of one key; -1 if the key is unknown. */
static int
print_field(const struct testmeta *m, const char *key, int with_key)
{
	int i;
	const char *pre = with_key ? key : NULL;

#define KV(fmt, ...) (pre ? printf("%s: " fmt "\n", pre, __VA_ARGS__) : printf(fmt "\n", __VA_ARGS__))
	if (!strcmp(key, "name"))
		KV("%s", m->name);
	else if (!strcmp(key, "kind"))
		KV("%s", m->kind == TM_KIND_C ? "c" : "sh");
	else if (!strcmp(key, "desc"))
		KV("%s", m->desc ? m->desc : "");
	else if (!strcmp(key, "timeout"))
		KV("%d", m->timeout);
	else if (!strcmp(key, "exit"))
		KV("%d", m->exit_code);
	else if (!strcmp(key, "helper"))
		KV("%s", m->helper ? "yes" : "no");
	else if (!strcmp(key, "libc"))
		KV("%s", m->glibc ? "glibc" : "musl");
	else if (!strcmp(key, "libcs"))
		KV("%s", m->libcs & TM_GLIBC ? "musl glibc" : "musl");
	else if (!strcmp(key, "libc-why"))
		KV("%s", m->libc_why ? m->libc_why : "");
	else if (!strcmp(key, "golden-runs"))
		KV("%d", m->golden_runs);
	else if (!strcmp(key, "golden-runs-why"))
		KV("%s", m->golden_runs_why ? m->golden_runs_why : "");
	else if (!strcmp(key, "arches") || !strcmp(key, "smoke")) {
		unsigned bits = key[0] == 'a' ? m->arches : m->smoke;
		if (pre)
			print_arches(key, bits);
		else
			printf("%s%s%s\n", bits & TM_X86_64 ? "x86_64" : "",
			       bits == TM_ALL_ARCHES ? " " : "", bits & TM_RISCV64 ? "riscv64" : "");
	} else if (!strcmp(key, "argv")) {
		for (i = 0; i < m->argc; i++)
			KV("%s", m->argv[i]);
	} else if (!strcmp(key, "nondet")) {
		for (i = 0; i < m->n_nondet; i++)
			KV("%s", m->nondet[i]);
	} else if (!strcmp(key, "expect")) {
		for (i = 0; i < m->n_expect; i++)
			KV("%s", m->expect[i]);
	} else
		return -1;
#undef KV
	return 0;
}

static int
load(const char *path, struct testmeta *m)
{
	char err[512];

	if (testmeta_load(path, m, err, sizeof(err)) < 0) {
		fprintf(stderr, "testmeta: %s\n", err);
		return -1;
	}
	return 0;
}

/* list_one: print the builds of one loaded test that the filters keep. */
static void
list_one(const struct testmeta *m, unsigned arch, int smoke, int helpers, unsigned libcs)
{
	if (!(m->arches & arch) || (smoke && !(m->smoke & arch)) || (!helpers && m->helper))
		return;
	if (libcs & TM_MUSL)
		printf("%s\n", m->name);
	if ((libcs & TM_GLIBC) && m->kind == TM_KIND_C && (m->libcs & TM_GLIBC))
		printf("%s%s\n", m->name, TM_GLIBC_SUFFIX);
}

static int
cmd_list(int argc, char **argv)
{
	unsigned arch = TM_ALL_ARCHES, libcs = TM_ALL_LIBCS;
	int helpers = 0, smoke = 0, i, rc = 0;

	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--arch") && i + 1 < argc) {
			arch = testmeta_arch_bit(argv[++i]);
			if (!arch) {
				fprintf(stderr, "testmeta: unknown arch '%s'\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--helpers"))
			helpers = 1;
		else if (!strcmp(argv[i], "--smoke"))
			smoke = 1;
		else if (!strcmp(argv[i], "--libc") && i + 1 < argc) {
			i++;
			libcs = !strcmp(argv[i], "musl") ? TM_MUSL : !strcmp(argv[i], "glibc") ? TM_GLIBC : 0;
			if (!libcs) {
				fprintf(stderr, "testmeta: unknown libc '%s' (musl or glibc)\n", argv[i]);
				return 2;
			}
		} else {
			fputs(usage, stderr);
			return 2;
		}
	}
	for (; i < argc; i++) {
		struct testmeta m;
		if (load(argv[i], &m) < 0) {
			rc = 1;
			continue;
		}
		if (m.glibc) {
			/* a NAME.glibc argument: that build alone */
			if (libcs & TM_GLIBC)
				list_one(&m, arch, smoke, helpers, TM_MUSL);
		} else
			list_one(&m, arch, smoke, helpers, libcs);
		testmeta_free(&m);
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct testmeta m;
	const char *cmd = argc > 1 ? argv[1] : "";
	static const char *const keys[] = {"name", "kind", "desc", "argv", "timeout", "arches",
					   "smoke", "helper", "exit", "nondet", "expect", "libc", "libcs",
					   "libc-why", "golden-runs", "golden-runs-why"};
	size_t k;
	int i, rc = 0;

	if (!strcmp(cmd, "list"))
		return cmd_list(argc - 2, argv + 2);
	if (!strcmp(cmd, "check") && argc > 2) {
		for (i = 2; i < argc; i++) {
			if (load(argv[i], &m) < 0)
				rc = 1;
			else
				testmeta_free(&m);
		}
		return rc;
	}
	if ((!strcmp(cmd, "show") || !strcmp(cmd, "argv")) && argc == 3) {
		if (load(argv[2], &m) < 0)
			return 1;
		if (cmd[0] == 'a')
			print_field(&m, "argv", 0);
		else
			for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
				print_field(&m, keys[k], 1);
		testmeta_free(&m);
		return 0;
	}
	if (!strcmp(cmd, "get") && argc == 4) {
		if (load(argv[3], &m) < 0)
			return 1;
		if (print_field(&m, argv[2], 0) < 0) {
			fprintf(stderr, "testmeta: unknown key '%s'\n", argv[2]);
			rc = 2;
		}
		testmeta_free(&m);
		return rc;
	}
	fputs(usage, stderr);
	return 2;
}
