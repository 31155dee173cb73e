/*
 * The first C code: head.asm calls x86_64_start_kernel() in 64-bit mode
 * on the boot stack. It records the boot information and enters the
 * portable kernel, as Linux's arch/x86/kernel/head64.c does.
 */
#include <linux/kernel.h>
#include <asm/bootinfo.h>
#include <linux/sched.h>
#include <asm/percpu.h>
#include <spindle/start.h>

void x86_64_start_kernel(u32 magic, u32 info_phys);

void __attribute__((noreturn)) x86_64_start_kernel(u32 magic, u32 info_phys)
{
	/* First: `current` and the preempt count live behind GS. */
	pcpu_hot_init(0, &init_task);
	multiboot_parse(magic, info_phys);
	start_kernel();
	for (;;)
		;
}
