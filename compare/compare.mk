# compare/compare.mk: tracediff (library + CLI), its unit tests, fuzz target
# and benchmark.  Included by the top-level Makefile.

CMP_DIR    := compare
CMP_OUT    := $(BUILD)/host/compare
CMP_SRCS   := util parse sysc trace num rel sets norm align diverge signals rank expect symbolize rawtab raw lower strs \
              report_text report_json report_html report_sys
CMP_LIBS   := -lseccomp -ldw -lelf -lpthread
CMP_CFLAGS := $(HOST_CFLAGS) -I$(CMP_DIR)/src
CMP_TESTS  := parse trace norm align diverge expect report symbolize cli seeds precision raw strs

CMP_OBJS     := $(CMP_SRCS:%=$(CMP_OUT)/obj/%.o)
CMP_SAN_OBJS := $(CMP_SRCS:%=$(CMP_OUT)/san/%.o)
TRACEDIFF    := $(BUILD)/host/tracediff

FUZZ_SECONDS ?= 75
FUZZ_CC      ?= clang-14

.PHONY: tracediff unit-compare fuzz bench-compare compare-fixtures compare-raw-fixtures rawtab

tracediff: $(TRACEDIFF) ## build the differ, build/host/tracediff

$(CMP_OUT)/obj/%.o: $(CMP_DIR)/src/%.c
	@mkdir -p $(@D)
	$(HOST_CC) $(CMP_CFLAGS) -c $< -o $@

$(CMP_OUT)/san/%.o: $(CMP_DIR)/src/%.c
	@mkdir -p $(@D)
	$(HOST_CC) $(CMP_CFLAGS) -O1 $(SAN_FLAGS) -c $< -o $@

$(CMP_OUT)/libtracediff.a: $(CMP_OBJS)
	rm -f $@ && ar rcs $@ $^

$(CMP_OUT)/libtracediff-san.a: $(CMP_SAN_OBJS)
	rm -f $@ && ar rcs $@ $^

$(TRACEDIFF): $(CMP_OUT)/obj/tracediff.o $(CMP_OUT)/libtracediff.a
	@mkdir -p $(@D)
	$(HOST_CC) $(CMP_CFLAGS) $^ $(CMP_LIBS) -o $@

# the CLI under the sanitizers, used by the end-to-end unit suite
$(CMP_OUT)/tracediff-san: $(CMP_OUT)/san/tracediff.o $(CMP_OUT)/libtracediff-san.a
	$(HOST_CC) $(CMP_CFLAGS) $(SAN_FLAGS) $^ $(CMP_LIBS) -o $@

# fixture program (its recorded traces live in compare/tests/data)
$(CMP_OUT)/tdprog: $(CMP_DIR)/tests/progs/tdprog.c
	@mkdir -p $(@D)
	$(HOST_CC) -static -g -O1 -o $@ $<

$(CMP_OUT)/test_%: $(CMP_DIR)/tests/test_%.c $(CMP_DIR)/tests/check.h $(CMP_OUT)/libtracediff-san.a
	$(HOST_CC) $(CMP_CFLAGS) -O1 $(SAN_FLAGS) -I$(CMP_DIR)/tests $< $(CMP_OUT)/libtracediff-san.a \
	  $(CMP_LIBS) -lcmocka -o $@

unit-compare: $(CMP_TESTS:%=$(CMP_OUT)/test_%) $(CMP_OUT)/tracediff-san $(TRACEDIFF) $(CMP_OUT)/tdprog $(CMP_OUT)/precprog ## tracediff cmocka suites under ASan+UBSan
	@set -e; cd $(TOP); for t in $(CMP_TESTS); do \
	  TD_DATA=$(CMP_DIR)/tests/data TD_BIN=$(CMP_OUT)/tracediff-san \
	  TD_TMP=$(CMP_OUT)/tmp $(CMP_OUT)/test_$$t; done

# libFuzzer targets (compare/fuzz): parse (the line parser and the whole
# path against a fixed golden), compare (both sides from one input), expect
# (the expected-divergence parser), big (inputs repeated past the line memo's
# 4,096 lines and the 4 MiB mapping)
FUZZ_TARGETS := parse compare expect big

$(CMP_OUT)/fuzz_%: $(CMP_DIR)/fuzz/fuzz_%.c $(CMP_SRCS:%=$(CMP_DIR)/src/%.c)
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=gnu11 -g -O1 -I$(CMP_DIR)/src -fsanitize=fuzzer,address,undefined \
	  $^ $(CMP_LIBS) -o $@

# seeds: the recorded traces, or (expect) the expected-divergence files
fuzz: $(FUZZ_TARGETS:%=$(CMP_OUT)/fuzz_%) ## fuzz tracediff with libFuzzer, FUZZ_SECONDS (default 75) per target
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(CMP_OUT)/fuzz-corpus-$$t; \
	  case $$t in expect) seeds="harness/expected/*.txt";; *) seeds="$(CMP_DIR)/tests/data/*.trace";; esac; \
	  cp -n $$seeds $(CMP_OUT)/fuzz-corpus-$$t/ 2>/dev/null || true; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  $(CMP_OUT)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=20 -rss_limit_mb=4096 \
	    -artifact_prefix=$(CMP_OUT)/fuzz-$$t- -print_final_stats=1 \
	    -dict=$(CMP_DIR)/fuzz/strace.dict $(CMP_OUT)/fuzz-corpus-$$t; done

$(CMP_OUT)/gentrace: $(CMP_DIR)/bench/gentrace.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $< -o $@

bench-compare: $(TRACEDIFF) $(CMP_OUT)/gentrace ## tracediff vs GNU diff on 1,000,000-line traces
	@bash $(CMP_DIR)/bench/bench.sh $(TRACEDIFF) $(CMP_OUT)/gentrace $(CMP_OUT)/bench

$(CMP_OUT)/ppidprog: $(CMP_DIR)/tests/progs/ppidprog.c
	@mkdir -p $(@D)
	$(HOST_CC) -static -g -O1 -o $@ $<

$(CMP_OUT)/reuseprog: $(CMP_DIR)/tests/progs/reuseprog.c
	@mkdir -p $(@D)
	$(HOST_CC) -static -g -O1 -o $@ $<

$(CMP_OUT)/precprog: $(CMP_DIR)/tests/progs/precprog.c
	@mkdir -p $(@D)
	$(HOST_CC) -static -g -O1 -o $@ $<

compare-fixtures: $(CMP_OUT)/tdprog $(CMP_OUT)/ppidprog $(CMP_OUT)/reuseprog $(CMP_OUT)/precprog ## re-record compare/tests/data with the host strace (FIXTURES=glob: some)
	bash $(CMP_DIR)/tests/record.sh $(CMP_OUT)/tdprog $(CMP_OUT)/ppidprog $(CMP_OUT)/reuseprog \
	  '$(or $(FIXTURES),*)' $(CMP_OUT)/precprog $(BUILD)/x86_64/tests/pthread_condvar

UNIT_TARGETS  += unit-compare
BENCH_TARGETS += bench-compare

-include $(CMP_OUT)/obj/*.d $(CMP_OUT)/san/*.d

# the raw level's fixtures (compare/tests/data/raw): rawprog under strace -X
# raw and under rawtrace, a ptrace tracer printing #tdiff sys lines
$(CMP_OUT)/rawprog: $(CMP_DIR)/tests/progs/rawprog.c
	@mkdir -p $(@D)
	$(HOST_CC) -static -g -O1 -o $@ $<

$(CMP_OUT)/rawtrace: $(CMP_DIR)/tests/progs/rawtrace.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $<

compare-raw-fixtures: $(CMP_OUT)/rawprog $(CMP_OUT)/rawtrace ## re-record compare/tests/data/raw (host strace and ptrace)
	bash $(CMP_DIR)/tests/record-raw.sh $(CMP_OUT)/rawprog $(CMP_OUT)/rawtrace

# the raw level's argument-kind table, from the Linux source golden is built from
RAWTAB_LINUX ?= $(firstword $(wildcard $(BUILD)/src/linux-6.1*/include/linux/syscalls.h))
rawtab: ## regenerate compare/src/rawtab.def from Linux 6.1's syscalls.h (RAWTAB_LINUX=.../syscalls.h)
	@test -n "$(RAWTAB_LINUX)" || { echo "rawtab: no Linux source under $(BUILD)/src (make golden-linux fetches it)"; exit 1; }
	python3 $(CMP_DIR)/src/gen_rawtab.py $(patsubst %/include/linux/syscalls.h,%,$(RAWTAB_LINUX)) >$(CMP_DIR)/src/rawtab.def.tmp
	mv $(CMP_DIR)/src/rawtab.def.tmp $(CMP_DIR)/src/rawtab.def

# the raw level's strings: how golden's .trace and .raw line up per task
# (compare/src/strs.h; the figures in compare/README.md, "Levels")
$(CMP_OUT)/strpair: $(CMP_DIR)/tests/progs/strpair.c $(CMP_OUT)/libtracediff.a
	$(HOST_CC) $(CMP_CFLAGS) $^ $(CMP_LIBS) -o $@

.PHONY: compare-strpair
compare-strpair: $(CMP_OUT)/strpair ## how golden's decoded .trace and raw .raw line up per task (the raw level's strings)
	@for a in $(ARCHES); do $(CMP_OUT)/strpair $$a golden/$$a/*.raw | tail -n 1; done
