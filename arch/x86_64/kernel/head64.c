/*
 * The first C code: head.asm calls x86_64_start_kernel() in 64-bit mode
 * on the boot stack. It records the boot information and enters the
 * portable kernel, as Linux's arch/x86/kernel/head64.c does.
 */
#include <linux/kernel.h>
#include <asm/bootinfo.h>
#include <linux/sched.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/timer.h>
#include <spindle/start.h>

u64 boot_tsc;

void x86_64_start_kernel(u32 magic, u32 info_phys);

void __attribute__((noreturn)) x86_64_start_kernel(u32 magic, u32 info_phys)
{
	/* Before anything: when the kernel started, for boot timing. */
	boot_tsc = rdtsc();
	/* Then `current` and the preempt count, which live behind GS. */
	pcpu_hot_init(0, &init_task);
	multiboot_parse(magic, info_phys);
	start_kernel();
	for (;;)
		;
}
