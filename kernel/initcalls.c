/*
 * Runs the functions registered with *_initcall(), level by level (the
 * linker sorts them by level), as Linux's do_initcalls() in init/main.c.
 * A failing initcall is reported and the boot goes on.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <spindle/initcall.h>

extern const initcall_t __initcall_start[], __initcall_end[];

void do_initcalls(void)
{
	for (const initcall_t *fn = __initcall_start; fn < __initcall_end; fn++) {
		int ret = (*fn)();

		if (ret)
			pr_warn("initcall %ps returned %d\n", (void *)*fn, ret);
	}
}
