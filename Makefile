# Spindle build. `make` builds build/spindle.elf, `make iso` the bootable
# image, `make run` boots it, `make test` runs every test. See README.md.

BUILD    ?= build
# One spelling of every object's path, so the dependency files written by
# one make (tests/run.py passes an absolute BUILD) match the targets of the
# next: else a changed header would not rebuild what includes it.
override BUILD := $(abspath $(BUILD))
CMDLINE  ?=
WERROR   ?= 0
UEFI     ?= 0
QEMU     ?= qemu-system-x86_64
MEM      ?= 512M
SMP      ?= 1

# Compiler: the cross gcc when present, else the host gcc with freestanding
# flags; `make CC=clang` uses clang as a real x86_64-elf cross compiler.
ifeq ($(origin CC),default)
  CC := $(if $(shell command -v x86_64-elf-gcc),x86_64-elf-gcc,gcc)
endif
ifneq ($(findstring clang,$(CC)),)
  TARGET_FLAGS := --target=x86_64-elf
  LD := ld.lld
else ifneq ($(findstring x86_64-elf-gcc,$(CC)),)
  LD := x86_64-elf-ld
else
  LD := ld
endif
# `make V=1` shows every command; by default one short line per step.
ifeq ($(V),1)
  Q :=
  say := @true
else
  Q := @
  say := @printf '  %-8s %s\n'
endif

NM      ?= nm
NASM    ?= nasm
PYTHON  ?= python3

CFLAGS := $(TARGET_FLAGS) -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie \
	-mno-red-zone -mcmodel=kernel -mno-sse -mno-sse2 -mno-mmx -mno-80387 \
	-fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-omit-frame-pointer -fno-strict-aliasing -fno-common \
	-fno-delete-null-pointer-checks \
	-Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes \
	-Iinclude -Iarch/x86_64/include -I$(BUILD)/gen -MMD -MP
ifeq ($(WERROR),1)
  CFLAGS += -Werror
endif
ifneq ($(THREAD_SIZE_ORDER),)
  CFLAGS += -DCONFIG_THREAD_SIZE_ORDER=$(THREAD_SIZE_ORDER)
endif
LDFLAGS := -T linker.ld -z noexecstack -z max-page-size=4096 --build-id=none -nostdlib
NASMFLAGS := -f elf64 -g -F dwarf -Iarch/x86_64/include/asm/

C_SRCS   := $(shell find arch kernel lib drivers modules tests/ktest -name '*.c' | sort)
ASM_SRCS := $(shell find arch -name '*.asm' | sort)
OBJS     := $(C_SRCS:%.c=$(BUILD)/obj/%.o) $(ASM_SRCS:%.asm=$(BUILD)/obj/%.o)
# The screen consoles' font, generated from GRUB's GNU Unifont (tools/mkfont.py).
OBJS     += $(BUILD)/obj/font8x16.o

ELF := $(BUILD)/spindle.elf
ISO := $(BUILD)/spindle.iso

.PHONY: all iso initramfs run debug test test-host setup clean bench bench-linux \
	bench-compare bench-setup docs book torture FORCE
all: $(ELF)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS) -DKBUILD_MODNAME='"$(basename $(notdir $<))"' -c $< -o $@

$(BUILD)/obj/%.o: %.asm
	@mkdir -p $(dir $@)
	$(say) NASM $<
	$(Q)$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP $< -o $@

$(BUILD)/font8x16.c: tools/mkfont.py
	@mkdir -p $(BUILD)/obj
	$(say) GEN $@
	$(Q)$(PYTHON) tools/mkfont.py $@
$(BUILD)/obj/font8x16.o: $(BUILD)/font8x16.c
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

# The system-call table: syscall_64.tbl (Linux's numbers) becomes the
# header that arch/x86_64/entry/syscall_64.c includes.
$(BUILD)/gen/syscalls_64.h: arch/x86_64/entry/syscall_64.tbl tools/syscalltbl.py
	@mkdir -p $(dir $@)
	$(say) GEN $@
	$(Q)$(PYTHON) tools/syscalltbl.py $< > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/arch/x86_64/entry/syscall_64.o: $(BUILD)/gen/syscalls_64.h

# Symbols for oops backtraces are embedded like Linux's kallsyms: link, list
# the symbols, link again with the table, list again and link a third time.
# The table has the same size in the last two links, so the addresses it
# holds are the final ones; the build checks that they agree.
KSYM_OBJ = $(BUILD)/obj/kallsyms$(1).o
$(BUILD)/kallsyms0.S:
	@mkdir -p $(BUILD)
	$(Q)$(PYTHON) tools/kallsyms.py < /dev/null > $@
$(BUILD)/obj/kallsyms%.o: $(BUILD)/kallsyms%.S
	$(Q)$(CC) $(TARGET_FLAGS) -c -x assembler $< -o $@
$(BUILD)/spindle.%.elf: $(OBJS) $(BUILD)/obj/kallsyms%.o linker.ld
	$(say) LD $@
	$(Q)$(LD) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/obj/kallsyms$*.o
$(BUILD)/kallsyms1.S: $(BUILD)/spindle.0.elf tools/kallsyms.py
	$(say) KSYMS $@
	$(Q)$(NM) -n $< | $(PYTHON) tools/kallsyms.py > $@
$(BUILD)/kallsyms2.S: $(BUILD)/spindle.1.elf tools/kallsyms.py
	$(say) KSYMS $@
	$(Q)$(NM) -n $< | $(PYTHON) tools/kallsyms.py > $@
$(ELF): $(BUILD)/spindle.2.elf
	@$(NM) -n $(BUILD)/spindle.1.elf | grep -v kallsyms_ > $(BUILD)/syms1.txt
	@$(NM) -n $(BUILD)/spindle.2.elf | grep -v kallsyms_ > $(BUILD)/syms2.txt
	@cmp -s $(BUILD)/syms1.txt $(BUILD)/syms2.txt || \
		{ echo "kallsyms: symbol addresses moved between links"; exit 1; }
	$(Q)cp $< $@

# Loadable modules (docs/modules.md). `make modules` builds modules/*.c
# as .ko files in $(BUILD)/modules/ (they are also built in); `make -C
# <spindle> M=DIR modules` builds DIR's obj-m modules out of tree, and
# `make -C <spindle> M=DIR clean` cleans DIR. Both need the kernel's
# exports: $(BUILD)/Module.symvers, listed from the built kernel.
KERNELRELEASE := $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' include/generated/utsrelease.h)
SYMVERS       := $(abspath $(BUILD)/Module.symvers)
MODULES_MAKE   = $(MAKE) --no-print-directory -f scripts/Makefile.modules \
	CC="$(CC)" LD="$(LD)" NM="$(NM)" PYTHON="$(PYTHON)" V="$(V)" \
	KCFLAGS="$(CFLAGS)" SYMVERS="$(SYMVERS)"
IN_TREE_MODULES := $(patsubst modules/%.c,%,$(wildcard modules/*.c))
MODULES_ROOT    := $(BUILD)/modules-root
MODULES_DIR     := $(MODULES_ROOT)/lib/modules/$(KERNELRELEASE)

$(SYMVERS): $(ELF) tools/modpost.py
	$(say) SYMVERS $@
	$(Q)$(NM) $(ELF) | $(PYTHON) tools/modpost.py symvers > $@.tmp && mv $@.tmp $@

ifneq ($(M),)
modules: $(SYMVERS)
	+$(Q)$(MODULES_MAKE) src=$(abspath $(M)) obj=$(abspath $(M)) __modules
else
# The in-tree .ko files and modules.dep go to MODULES_DIR, which the
# initramfs includes;
# modules.sum changes only when one of them does, so that the initramfs
# (and the ISO) are not rebuilt for nothing.
modules: $(BUILD)/modules.sum
$(BUILD)/modules.sum: $(SYMVERS) FORCE
	+$(Q)$(MODULES_MAKE) src=modules obj=$(BUILD)/modules intree=1 \
		obj-m="$(IN_TREE_MODULES:%=%.o)" __modules
	@mkdir -p $(MODULES_DIR)
	$(Q)for m in $(IN_TREE_MODULES); do \
		cmp -s $(BUILD)/modules/$$m.ko $(MODULES_DIR)/$$m.ko || \
		cp $(BUILD)/modules/$$m.ko $(MODULES_DIR)/; done
	@# depmod's modules.dep: busybox modinfo and modprobe read it.
	$(Q)$(PYTHON) tools/depmod.py $(MODULES_DIR)
	@cd $(MODULES_DIR) && md5sum *.ko modules.dep > $(abspath $@).tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@
endif
.PHONY: modules

# User space (user/): Spindle's own programs, built with musl as static
# binaries, and the initramfs: Debian's static busybox plus those
# programs, packed by tools/gen_initramfs.py from user/initramfs.list.
# `make iso INITRAMFS_EXTRA=DIR` copies DIR's tree over it; INITRAMFS=FILE
# writes the archive elsewhere (tests do, to leave the default one alone).
USER_CC         ?= musl-gcc
USER_CFLAGS     := -static -O2 -Wall -Wextra -Wno-unused-parameter
BUSYBOX         ?= /bin/busybox
INITRAMFS_EXTRA ?=
USER_PROGS := $(patsubst user/src/%.c,$(BUILD)/user/%,$(wildcard user/src/*.c))
INITRAMFS  ?= $(BUILD)/initramfs.cpio

$(BUILD)/user/%: user/src/%.c $(wildcard user/src/*.h)
	@mkdir -p $(dir $@)
	$(say) USERCC $<
	$(Q)$(USER_CC) $(USER_CFLAGS) -o $@ $<

$(BUILD)/initramfs-extra.txt: FORCE
	@mkdir -p $(BUILD)
	@printf '%s' "$(INITRAMFS_EXTRA)" | cmp -s - $@ || printf '%s' "$(INITRAMFS_EXTRA)" > $@
$(INITRAMFS): user/initramfs.list tools/gen_initramfs.py $(USER_PROGS) $(BUILD)/modules.sum \
		$(shell find user/etc -type f) $(BUILD)/initramfs-extra.txt \
		$(if $(INITRAMFS_EXTRA),$(shell find $(INITRAMFS_EXTRA)))
	$(say) CPIO $@
	$(Q)$(PYTHON) tools/gen_initramfs.py $@ user/initramfs.list --busybox $(BUSYBOX) \
		--var BUSYBOX=$(BUSYBOX) --var BUILD=$(BUILD) --extra $(MODULES_ROOT) \
		$(if $(INITRAMFS_EXTRA),--extra $(INITRAMFS_EXTRA))
initramfs: $(INITRAMFS)

# The ISO: GRUB for BIOS and UEFI in one hybrid image (CD and USB stick).
# The command line is baked into grub.cfg, and rebuilt when it changes.
$(BUILD)/cmdline.txt: FORCE
	@mkdir -p $(BUILD)
	@printf '%s' "$(CMDLINE)" | cmp -s - $@ || printf '%s' "$(CMDLINE)" > $@
$(ISO): $(ELF) $(INITRAMFS) iso/grub.cfg.in $(BUILD)/cmdline.txt
	@rm -rf $(BUILD)/isodir && mkdir -p $(BUILD)/isodir/boot/grub
	$(say) ISO $@
	$(Q)cp $(ELF) $(BUILD)/isodir/boot/spindle.elf
	$(Q)cp $(INITRAMFS) $(BUILD)/isodir/boot/initramfs.cpio
	$(Q)sed -e 's|@CMDLINE@|$(subst |,\|,$(CMDLINE))|' \
		-e 's|@INITRD@|module2 /boot/initramfs.cpio initramfs|' \
		iso/grub.cfg.in > $(BUILD)/isodir/boot/grub/grub.cfg
	$(Q)grub-mkrescue --compress=xz --fonts= --locales= --themes= \
		-o $@ $(BUILD)/isodir 2>$(BUILD)/grub-mkrescue.log || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }
iso: setup $(ISO)

setup:
	@./scripts/setup.sh

# QEMU: serial on the terminal, a window when a display exists.
GDB_ARGS     ?=
QEMU_DISPLAY := $(if $(DISPLAY)$(WAYLAND_DISPLAY),,-display none)
QEMU_FW      := $(if $(filter 1,$(UEFI)),-bios /usr/share/ovmf/OVMF.fd,)
QEMU_ARGS    := -M q35 -m $(MEM) -smp $(SMP) -cdrom $(ISO) -serial mon:stdio \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -no-reboot \
	$(QEMU_FW) $(QEMU_DISPLAY)

run: setup $(ISO)
	$(QEMU) $(QEMU_ARGS) || [ $$? -eq 1 ]

# QEMU waits for GDB; the serial console goes to a file (the terminal is
# GDB's). `hbreak`: a software breakpoint may not hold before paging is on.
# scripts/gdb/spindle.py adds lx-ps, lx-dmesg, lx-lsmod, lx-kthread-queue.
debug: setup $(ISO)
	@echo "serial output: $(BUILD)/serial.log (tail -f it in another terminal)"
	$(QEMU) $(subst -serial mon:stdio,-serial file:$(BUILD)/serial.log,$(QEMU_ARGS)) \
		-display none -s -S & \
	gdb $(GDB_ARGS) $(ELF) -ex 'source scripts/gdb/spindle.py' \
		-ex 'target remote :1234' -ex 'hbreak start_kernel' \
		-ex continue; \
	kill $$! 2>/dev/null || true

# The docs (docs/testing.md, "Docs that cannot drift"): every mermaid block
# of README.md and docs/ rendered to SVG in $(BUILD)/docs by mermaid-cli in
# Debian's chromium; a block that does not parse fails with file and line.
docs: setup
	@$(PYTHON) tools/docs.py mermaid --out $(BUILD)/docs

# The book: README.md and docs/ as an offline static site in $(BUILD)/book
# (tools/book.py): chapters numbered in README's order, diagrams as SVG,
# listings cut from the source, linked source files copied in.
book: setup
	@$(PYTHON) tools/book.py --out $(BUILD)/book

test: setup
	@$(PYTHON) tests/run.py --build $(BUILD)

test-host: setup
	@$(PYTHON) tests/run.py --build $(BUILD) --only host

# Benchmarks (tools/bench/kbench.py, docs/performance.md): modules/kbench.c
# on Spindle, on Debian's Linux (the same source built with Kbuild), and
# both side by side under plain TCG and -icount shift=0. One CPU unless
# BENCH_ARGS=--smp=2 asks for more. BENCH_ARGS passes options on (--icount,
# --quick, --batch, --smp=N).
BENCH_ARGS ?=
bench: setup all
	@$(PYTHON) tools/bench/kbench.py spindle --build $(BUILD) $(BENCH_ARGS)

bench-linux: bench-setup
	@$(PYTHON) tools/bench/kbench.py linux --build $(BUILD) $(BENCH_ARGS)

bench-compare: bench-setup all
	@$(PYTHON) tools/bench/kbench.py compare --build $(BUILD) $(BENCH_ARGS)

bench-setup:
	@./scripts/setup-bench.sh

# Soak runs of rcutorture and locktorture with CPU hotplug and a
# kthread_stop() storm (tools/torture/torture.py, docs/cpu-hotplug.md):
# 60 s each on 2 and 4 CPUs unless TORTURE_ARGS says otherwise, e.g.
# TORTURE_ARGS='--duration 600 --smp 4 --type rcu'.
TORTURE_ARGS ?=
torture: setup all
	@$(PYTHON) tools/torture/torture.py --build $(BUILD) $(TORTURE_ARGS)

ifneq ($(M),)
clean:
	+$(Q)$(MODULES_MAKE) src=$(abspath $(M)) obj=$(abspath $(M)) __clean
else
clean:
	rm -rf $(BUILD)
endif

FORCE:
.SECONDARY:
-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
