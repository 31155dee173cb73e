/*
 * start_kernel() and rest_init(): the portable part of the boot, in the
 * order of Linux's init/main.c. arch/x86_64/kernel/head64.c calls
 * start_kernel() once the CPU is in 64-bit mode on the boot stack.
 *
 * So far rest_init() has no scheduler to start threads with: the boot CPU
 * runs the initcalls and then the console shell itself. The scheduler issue gives it init
 * (PID 1) and kthreadd (PID 2), as Linux's rest_init() does.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <spindle/arch.h>
#include <spindle/mm.h>
#include <spindle/slab.h>
#include <spindle/params.h>
#include <spindle/version.h>
#include <spindle/shell.h>
#include <spindle/initcall.h>
#include <spindle/start.h>
#include <spindle/boot_crash.h>
#include <spindle/ktest.h>

/* The memory allocators, in Linux's order (mm_core_init): pages, slab
 * caches, then the vmalloc area that kernel stacks come from. */
static void __init mm_init(void)
{
	mem_init();
	kmem_cache_init();
	vmalloc_init();
}

static noinline void __init rest_init(void)
{
	do_initcalls();
	ktest_run_boot();
	pr_info("rest_init: no scheduler yet; the boot CPU runs the shell\n");
	shell_run();
}

/**
 * start_kernel - the first portable C function
 *
 * Sets the machine up step by step and ends in rest_init(), never
 * returning. Runs on the boot stack with interrupts off until time_init()
 * has a tick to give.
 */
void __init start_kernel(void)
{
	pr_notice("%s", spindle_banner);
	setup_arch();
	pr_notice("Kernel command line: %s\n", boot_command_line);
	parse_args();
	trap_init();
	mm_init();
	init_IRQ();
	time_init();
	local_irq_enable();
	boot_crash_run();
	pr_info("start_kernel: done, calling rest_init()\n");
	rest_init();
}
