# compare/compare.mk: tracediff (library + CLI), its unit tests, fuzz target
# and benchmark.  Included by the top-level Makefile.

CMP_DIR    := compare
CMP_OUT    := $(BUILD)/host/compare
CMP_SRCS   := util parse sysc trace norm align diverge expect symbolize \
              report_text report_json report_html
CMP_LIBS   := -lseccomp -ldw -lelf -lpthread
CMP_CFLAGS := $(HOST_CFLAGS) -I$(CMP_DIR)/src
CMP_TESTS  := parse trace norm align diverge expect report symbolize seeds

CMP_OBJS     := $(CMP_SRCS:%=$(CMP_OUT)/obj/%.o)
CMP_SAN_OBJS := $(CMP_SRCS:%=$(CMP_OUT)/san/%.o)
TRACEDIFF    := $(BUILD)/host/tracediff

FUZZ_SECONDS ?= 300
FUZZ_CC      ?= clang-14

.PHONY: tracediff unit-compare fuzz bench-compare compare-fixtures

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

unit-compare: $(CMP_TESTS:%=$(CMP_OUT)/test_%) $(CMP_OUT)/tracediff-san $(TRACEDIFF) ## tracediff cmocka suites under ASan+UBSan
	@set -e; cd $(TOP); for t in $(CMP_TESTS); do \
	  TD_DATA=$(CMP_DIR)/tests/data TD_BIN=$(CMP_OUT)/tracediff-san \
	  TD_TMP=$(CMP_OUT)/tmp $(CMP_OUT)/test_$$t; done

# libFuzzer over the line parser and the whole load/normalize/compare path
$(CMP_OUT)/fuzz_parse: $(CMP_DIR)/fuzz/fuzz_parse.c $(CMP_SRCS:%=$(CMP_DIR)/src/%.c)
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=gnu11 -g -O1 -I$(CMP_DIR)/src -fsanitize=fuzzer,address,undefined \
	  $^ $(CMP_LIBS) -o $@

fuzz: $(CMP_OUT)/fuzz_parse ## fuzz the trace parser with libFuzzer for FUZZ_SECONDS (default 300)
	@mkdir -p $(CMP_OUT)/fuzz-corpus
	cp -n $(CMP_DIR)/tests/data/*.trace $(CMP_OUT)/fuzz-corpus/ 2>/dev/null || true
	$(CMP_OUT)/fuzz_parse -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	  -artifact_prefix=$(CMP_OUT)/fuzz- -print_final_stats=1 \
	  -dict=$(CMP_DIR)/fuzz/strace.dict $(CMP_OUT)/fuzz-corpus

$(CMP_OUT)/gentrace: $(CMP_DIR)/bench/gentrace.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $< -o $@

bench-compare: $(TRACEDIFF) $(CMP_OUT)/gentrace ## tracediff vs GNU diff on 1,000,000-line traces
	@bash $(CMP_DIR)/bench/bench.sh $(TRACEDIFF) $(CMP_OUT)/gentrace $(CMP_OUT)/bench

$(CMP_OUT)/ppidprog: $(CMP_DIR)/tests/progs/ppidprog.c
	@mkdir -p $(@D)
	$(HOST_CC) -static -g -O1 -o $@ $<

compare-fixtures: $(CMP_OUT)/tdprog $(CMP_OUT)/ppidprog ## re-record compare/tests/data with the host strace (FIXTURES=glob: some)
	bash $(CMP_DIR)/tests/record.sh $(CMP_OUT)/tdprog $(CMP_OUT)/ppidprog '$(or $(FIXTURES),*)'

UNIT_TARGETS  += unit-compare
BENCH_TARGETS += bench-compare

-include $(CMP_OUT)/obj/*.d $(CMP_OUT)/san/*.d
