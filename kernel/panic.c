/*
 * panic(), BUG() reports and WARN(), after Linux's kernel/panic.c. A panic
 * stops the kernel: it prints why and where, then halts; under QEMU it also
 * ends the emulator with a failure status so that tests see it at once.
 */
#include <linux/kernel.h>
#include <linux/bug.h>
#include <spindle/arch.h>
#include <spindle/panic.h>
#include <spindle/printk.h>

static bool in_panic;

void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	local_irq_disable();
	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (in_panic)
		arch_halt_forever();	/* a panic while panicking: stop quietly */
	in_panic = true;
	console_flush_on_panic();	/* no tick will come to draw the rest */
	pr_emerg("Kernel panic - not syncing: %s\n", msg);
	dump_stack();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", msg);
	arch_emulator_exit(PANIC_EXIT_CODE);
	arch_halt_forever();
}

void dump_stack(void)
{
	arch_dump_stack(NULL);
}

void __bug_report(const char *file, int line)
{
	pr_crit("kernel BUG at %s:%d!\n", file, line);
}

void __warn(const char *file, int line, const char *func, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("WARNING: at %s:%d %s()\n", file, line, func);
	if (msg[0])
		pr_warn("%s\n", msg);
	dump_stack();
	pr_warn("---[ end trace ]---\n");
}
