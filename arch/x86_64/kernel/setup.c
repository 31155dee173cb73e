/*
 * setup_arch(): the machine-specific first steps of start_kernel(), as in
 * Linux's arch/x86/kernel/setup.c: take the command line from the boot
 * loader, apply the early options, bring up the early consoles so that
 * everything after is visible, load this CPU's descriptor tables, learn
 * the memory map and build the final page tables, find the firmware's
 * ACPI tables and count the possible CPUs in the MADT.
 */
#include <linux/kernel.h>
#include <asm/bootinfo.h>
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/syscall.h>
#include <asm/setup.h>
#include <asm/kernel_pgtable.h>
#include <asm/smp.h>
#include <spindle/arch.h>
#include <spindle/params.h>

static void check_boot_info(void)
{
	if (!boot_info.info_start)
		pr_warn("setup: not started by a multiboot2 loader; no memory map, "
			"no command line\n");
	if (boot_info.loader_name)
		pr_info("setup: boot loader: %s (%s)\n", boot_info.loader_name,
			boot_info.efi ? "UEFI" : "BIOS");
}

void setup_arch(void)
{
	if (boot_info.cmdline)
		set_boot_command_line(boot_info.cmdline, boot_info.cmdline_len);
	parse_early_param();
	serial_console_init();
	screen_console_init();
	check_boot_info();
	cpu_tables_init(0);
	syscall_init();
	fpu__init_cpu();
	e820__print_table();
	e820__memblock_setup();
	init_mem_mapping();
	acpi_table_init();
	prefill_possible_map();
}

void trap_init(void)
{
	idt_setup();
	pr_info("trap_init: IDT loaded: 32 exception vectors, IST stacks for "
		"#DF, NMI and #MC\n");
}
