/*
 * Boot-time hooks, as in Linux's include/linux/init.h:
 *  - __setup("name=", fn) and early_param("name", fn) register a handler
 *    for a kernel command-line option (kernel/params.c runs them);
 *  - *_initcall(fn) registers a function that kernel_init() runs, level
 *    by level, like Linux's do_initcalls().
 * Spindle does not free the kernel's init memory, so there __init and
 * __initdata only mark; in a loadable module (-DMODULE) they put code and
 * data into .init.* sections, which the loader frees once module_init()
 * has returned (kernel/module/main.c), as Linux does.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

#ifdef MODULE
#define __init __section(".init.text")
#define __initdata __section(".init.data")
#define __exit __section(".exit.text")
#else
#define __init
#define __initdata
#define __exit
#endif
#define __ref
#define __ro_after_init

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *val);
	bool early;
};

#define __setup_param(str, unique_id, fn, early)                          \
	static const char __setup_str_##unique_id[] = str;                \
	static const struct obs_kernel_param __setup_##unique_id          \
		__used __section(".init.setup") __aligned(8) = {          \
			__setup_str_##unique_id, fn, early }

/* "name=" (with the '=') takes the rest of the word as its value. */
#define __setup(str, fn) __setup_param(str, fn, fn, false)
/* Runs in parse_early_param(), before the consoles are up. */
#define early_param(str, fn) __setup_param(str, fn, fn, true)

typedef int (*initcall_t)(void);

#define __define_initcall(fn, level)                                     \
	static const initcall_t __initcall_##fn##level __used             \
		__section(".initcall" #level ".init") = fn

#define early_initcall(fn) __define_initcall(fn, 0)
#define core_initcall(fn) __define_initcall(fn, 1)
#define postcore_initcall(fn) __define_initcall(fn, 2)
#define arch_initcall(fn) __define_initcall(fn, 3)
#define subsys_initcall(fn) __define_initcall(fn, 4)
#define fs_initcall(fn) __define_initcall(fn, 5)
/* Between fs and device (".initcall5r" sorts after ".initcall5."), as
 * Linux's rootfs_initcall: populate_rootfs() before the drivers. */
#define rootfs_initcall(fn) __define_initcall(fn, 5r)
#define device_initcall(fn) __define_initcall(fn, 6)
#define late_initcall(fn) __define_initcall(fn, 7)

extern char boot_command_line[];

#endif
