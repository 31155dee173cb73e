/*
 * panic(), BUG() reports and WARN(), after Linux's kernel/panic.c. A panic
 * stops the kernel: it prints why and where, then halts; under QEMU it also
 * ends the emulator with a failure status so that tests see it at once.
 */
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/panic.h>
#include <linux/spinlock.h>
#include <linux/string.h>
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

/* Taint, as Linux's add_taint() and print_tainted(). */
static unsigned long tainted_mask;
static bool debug_locks = true;
static DEFINE_SPINLOCK(taint_lock);

static const char taint_chars[TAINT_FLAGS_COUNT] = {
	[TAINT_PROPRIETARY_MODULE] = 'P', [1] = 'F', [2] = 'S', [3] = 'R',
	[4] = 'M', [5] = 'B', [6] = 'U', [7] = 'D', [8] = 'A',
	[TAINT_WARN] = 'W', [10] = 'C', [11] = 'I', [TAINT_OOT_MODULE] = 'O',
	[TAINT_UNSIGNED_MODULE] = 'E', [14] = 'L', [15] = 'K', [16] = 'X',
	[17] = 'T', [18] = 'N',
};

char taint_flag_char(unsigned int flag)
{
	return flag < TAINT_FLAGS_COUNT ? taint_chars[flag] : '?';
}

void add_taint(unsigned int flag, enum lockdep_ok lockdep_ok)
{
	unsigned long flags;
	bool first = false;

	spin_lock_irqsave(&taint_lock, flags);
	if (lockdep_ok == LOCKDEP_NOW_UNRELIABLE && debug_locks) {
		debug_locks = false;
		first = true;
	}
	WRITE_ONCE(tainted_mask, tainted_mask | 1UL << flag);
	spin_unlock_irqrestore(&taint_lock, flags);
	if (first)
		pr_warn("Disabling lock debugging due to kernel taint\n");
}

bool test_taint(unsigned int flag)
{
	return READ_ONCE(tainted_mask) & (1UL << flag);
}

unsigned long get_taint(void)
{
	return READ_ONCE(tainted_mask);
}

const char *print_tainted(void)
{
	static char buf[TAINT_FLAGS_COUNT + sizeof("Tainted: ")];
	unsigned long mask = get_taint();
	char *s = buf + sizeof("Tainted: ") - 1;

	if (!mask)
		return "Not tainted";
	memcpy(buf, "Tainted: ", sizeof("Tainted: ") - 1);
	for (unsigned int i = 0; i < TAINT_FLAGS_COUNT; i++)
		*s++ = mask & (1UL << i) ? taint_chars[i] : ' ';
	*s = '\0';
	return buf;
}
