/*
 * Runs the functions registered with *_initcall(), level by level (the
 * linker sorts them by level), as Linux's do_initcalls() in init/main.c.
 * A failing initcall is reported and the boot goes on.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <spindle/initcall.h>

extern const initcall_t __initcall_start[], __initcall0_end[], __initcall_end[];

static void do_initcall_range(const initcall_t *start, const initcall_t *end)
{
	for (const initcall_t *fn = start; fn < end; fn++) {
		int ret = (*fn)();

		if (ret)
			pr_warn("initcall %ps returned %d\n", (void *)*fn, ret);
	}
}

/* The early_initcall()s, before smp_init() (Linux's do_pre_smp_initcalls). */
void do_pre_smp_initcalls(void)
{
	do_initcall_range(__initcall_start, __initcall0_end);
}

/* Every other level, after smp_init() (Linux's do_initcalls). */
void do_initcalls(void)
{
	do_initcall_range(__initcall0_end, __initcall_end);
}
