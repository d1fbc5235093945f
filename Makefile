# SPDX-License-Identifier: GPL-2.0
#
# sipalg entry points; see README.md and Documentation/testing.md.
#
#   make               modules against $(KDIR) + tools
#   make check         every test a commit must pass
#   make demo          a real call through a NAT router running sipalg, in a VM
#   make selftests     the VM suite      make kunit    KUnit + scenarios, debug kernel
#   make kunit-only    KUnit in the debug kernel, no scenarios
#   make fuzz          longer fuzzing    make bench    benchmarks
#   make install       modules + CLI     make dkms-install

VERSION		:= 0.1.0
# The running kernel's build dir, else the newest installed headers (a
# container or CI host may run a kernel whose headers are not installed).
KDIR		?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
			$(lastword $(sort $(wildcard /lib/modules/*/build))))
CC		?= cc
CLANG		?= clang
PREFIX		?= /usr/local
DESTDIR		?=
FUZZ_SMOKE_RUNS	?= 200000
FUZZ_SECONDS	?= 600

CFLAGS_TOOLS	:= -std=gnu11 -O2 -g -Werror -Wall -Wextra -Wshadow -Wformat=2 \
		   -Wstrict-prototypes -Wno-unused-parameter \
		   -DSIPALG_VERSION='"$(VERSION)"' -Iinclude -Iinclude/uapi
SAN_FLAGS	:= -O1 -g -fsanitize=address,undefined \
		   -fno-sanitize-recover=all -fno-omit-frame-pointer

PARSER_SRC	:= kernel/parser/sip.c kernel/parser/sdp.c kernel/parser/addr.c
PARSER_HDR	:= $(wildcard kernel/parser/*.h)
VEC_SRC		:= kernel/tests/vectors/vectors.c kernel/tests/vectors/check.c
CLI_SRC		:= $(wildcard tools/sipalg/*.c)
CLI_HDR		:= $(wildcard tools/sipalg/*.h) include/uapi/linux/nf_sipalg.h
LDLIBS_CLI	:= -lmnl -lnetfilter_conntrack
B		:= build

.PHONY: all modules tools check check-parser check-asan check-cli \
	check-wire check-fuzz check-uapi check-modules check-style check-dkms print-kdir \
	install-tools \
	selftests kunit kunit-only \
	demo fuzz bench install dkms-install clean

all: modules tools

modules:
	@test -d "$(KDIR)" || { echo "no kernel build dir: install linux-headers-amd64 or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools: tools/sipalg/sipalg

tools/sipalg/sipalg: $(CLI_SRC) $(CLI_HDR) $(PARSER_SRC) $(PARSER_HDR)
	$(CC) $(CFLAGS_TOOLS) -o $@ $(CLI_SRC) $(PARSER_SRC) $(LDLIBS_CLI)

$(B)/test_parser: tools/tests/test_parser.c $(VEC_SRC) $(PARSER_SRC) $(PARSER_HDR) kernel/tests/vectors/vec.h
	@mkdir -p $(B)
	$(CC) $(CFLAGS_TOOLS) -Werror -o $@ $< $(VEC_SRC) $(PARSER_SRC)

$(B)/test_parser_san: tools/tests/test_parser.c $(VEC_SRC) $(PARSER_SRC) $(PARSER_HDR) kernel/tests/vectors/vec.h
	@mkdir -p $(B)
	$(CC) $(CFLAGS_TOOLS) $(SAN_FLAGS) -o $@ $< $(VEC_SRC) $(PARSER_SRC)

$(B)/sipalg_san: $(CLI_SRC) $(CLI_HDR) $(PARSER_SRC) $(PARSER_HDR)
	@mkdir -p $(B)
	$(CC) $(CFLAGS_TOOLS) $(SAN_FLAGS) -o $@ $(CLI_SRC) $(PARSER_SRC) $(LDLIBS_CLI)

# the CLI's views fed messages of older and newer modules (show.c is
# included by the test: its callbacks are static)
COMPAT_SRC	:= $(filter-out tools/sipalg/main.c tools/sipalg/show.c,$(CLI_SRC))
$(B)/test_compat: tools/tests/test_compat.c $(CLI_SRC) $(CLI_HDR) $(PARSER_SRC)
	@mkdir -p $(B)
	$(CC) $(CFLAGS_TOOLS) -o $@ $< $(COMPAT_SRC) $(PARSER_SRC) $(LDLIBS_CLI)

$(B)/test_compat_san: tools/tests/test_compat.c $(CLI_SRC) $(CLI_HDR) $(PARSER_SRC)
	@mkdir -p $(B)
	$(CC) $(CFLAGS_TOOLS) $(SAN_FLAGS) -o $@ $< $(COMPAT_SRC) $(PARSER_SRC) $(LDLIBS_CLI)

$(B)/fuzz_%: tools/fuzz/fuzz_%.c $(PARSER_SRC) $(PARSER_HDR)
	@mkdir -p $(B)
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -o $@ $< $(PARSER_SRC)

$(B)/gen_seeds: tools/fuzz/gen_seeds.c $(VEC_SRC) $(PARSER_SRC)
	@mkdir -p $(B)
	$(CC) $(CFLAGS_TOOLS) -o $@ $^

$(B)/seeds.stamp: $(B)/gen_seeds
	rm -rf $(B)/seeds && $(B)/gen_seeds $(B)/seeds && touch $@

check-parser: $(B)/test_parser
	$(B)/test_parser | tools/tests/tap-summary.sh parser

check-asan: $(B)/test_parser_san $(B)/sipalg_san $(B)/seeds.stamp $(B)/test_compat_san
	$(B)/test_parser_san | tools/tests/tap-summary.sh parser-asan-ubsan
	$(B)/test_compat_san | tools/tests/tap-summary.sh compat-asan-ubsan
	SEEDS=$(B)/seeds SIPALG=$(B)/sipalg_san tools/tests/test_cli.sh | tools/tests/tap-summary.sh cli-asan-ubsan

check-cli: tools $(B)/seeds.stamp $(B)/test_compat
	SEEDS=$(B)/seeds SIPALG=tools/sipalg/sipalg tools/tests/test_cli.sh | tools/tests/tap-summary.sh cli
	$(B)/test_compat | tools/tests/tap-summary.sh cli-compat

# A short bounded run of each fuzz target from the vector seeds.
check-fuzz: $(B)/fuzz_sip $(B)/fuzz_sdp $(B)/seeds.stamp
	tools/fuzz/run.sh $(B) runs $(FUZZ_SMOKE_RUNS)

fuzz: $(B)/fuzz_sip $(B)/fuzz_sdp $(B)/seeds.stamp
	tools/fuzz/run.sh $(B) seconds $(FUZZ_SECONDS)

check-uapi:
	@mkdir -p $(B)
	echo '#include <linux/nf_sipalg.h>' | $(CC) -Wall -Werror -Iinclude/uapi -x c -c -o /dev/null -
	echo '#include <linux/nf_sipalg.h>' | $(CC) -Wall -Werror -std=c99 -pedantic -Iinclude/uapi -x c -c -o /dev/null -

# The modules must build with W=1 and sparse (C=2) without a single warning.
check-modules:
	@test -d "$(KDIR)" || { echo "no kernel build dir: install linux-headers-amd64 or set KDIR" >&2; exit 1; }
	@mkdir -p $(B)
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 C=2 modules 2>&1 | tee $(B)/modules.log
	@! grep -E 'warning:|error:' $(B)/modules.log || { echo "FAIL: module build warnings" >&2; exit 1; }
	@test -f nf_conntrack_sipalg.ko && test -f nf_nat_sipalg.ko
	@# a rule naming the helper autoloads the module (request_module)
	@modinfo -F alias nf_conntrack_sipalg.ko | grep -qx 'nfct-helper-sipalg' || \
		{ echo "FAIL: no nfct-helper-sipalg alias" >&2; exit 1; }

# the selftests' wire check finds each planted fault (and its tshark pass)
check-wire:
	python3 tools/tests/test_wirecheck.py

check-style:
	tools/tests/checkpatch.sh

check-dkms:
	tools/tests/dkms.sh

print-kdir:
	@echo $(KDIR)

check: check-parser check-asan check-cli check-wire check-fuzz check-uapi check-modules check-style check-dkms selftests kunit
	@echo "make check: all passed"

# every scenario on Debian's kernel, and beside it (a second VM,
# selftests/par.sh) the variants: with nf_conntrack_sip loaded, over
# IPv6, over TCP (selftests/variants.sh)
selftests: check-modules
	selftests/par.sh selftests/selftests.sh selftests/variants.sh

# KUnit in the debug kernel, then every scenario on that kernel (KASAN,
# kmemleak, lockdep, UBSAN) in two VMs side by side; kunit-only: KUnit
kunit:
	selftests/kunit.sh --selftests

kunit-only:
	selftests/kunit.sh

demo:
	selftests/demo.sh

bench: tools
	bench/run.sh

install: modules install-tools
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(shell basename $$(dirname $(KDIR)))

install-tools: tools
	install -D -m 0755 tools/sipalg/sipalg $(DESTDIR)$(PREFIX)/sbin/sipalg
	install -D -m 0644 tools/man/sipalg.8 $(DESTDIR)$(PREFIX)/share/man/man8/sipalg.8
	install -D -m 0644 tools/completion/sipalg $(DESTDIR)$(PREFIX)/share/bash-completion/completions/sipalg

dkms-install:
	rm -rf $(DESTDIR)/usr/src/sipalg-$(VERSION)
	mkdir -p $(DESTDIR)/usr/src/sipalg-$(VERSION)
	cp -r Kbuild Makefile COPYING include kernel $(DESTDIR)/usr/src/sipalg-$(VERSION)/
	sed 's/@VERSION@/$(VERSION)/' dkms.conf > $(DESTDIR)/usr/src/sipalg-$(VERSION)/dkms.conf
	@echo "now: dkms add sipalg/$(VERSION) && dkms build sipalg/$(VERSION) && dkms install sipalg/$(VERSION)"

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	rm -rf $(B) tools/sipalg/sipalg
