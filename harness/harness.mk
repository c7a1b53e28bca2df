# harness.mk: host tools of the harness and their unit tests.

HOST_OUT    := $(BUILD)/host
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

$(HOST_OUT)/testmeta: harness/testmeta.c harness/testmeta_main.c harness/testmeta.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  testmeta"
	@$(HOST_CC) $(HOST_CFLAGS) -o $@ harness/testmeta.c harness/testmeta_main.c

$(HOST_OUT)/unit/testmeta_test: harness/tests/testmeta_test.c harness/testmeta.c harness/testmeta.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  unit/testmeta_test (asan, ubsan)"
	@$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -Iharness -o $@ harness/tests/testmeta_test.c \
	  harness/testmeta.c $(CMOCKA_LIBS)

.PHONY: unit-harness
unit-harness: $(HOST_OUT)/unit/testmeta_test $(HOST_OUT)/testmeta
	@$(HOST_OUT)/unit/testmeta_test
	@bash harness/tests/testcases_check.sh $(HOST_OUT)/testmeta $(TC_FILES)
UNIT_TARGETS += unit-harness
