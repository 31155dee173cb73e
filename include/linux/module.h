/*
 * Modules, as Linux's include/linux/module.h, for modules built into the
 * kernel: every .c file in modules/ is compiled in with KBUILD_MODNAME set
 * to its file name, and its module_init()/module_exit()/MODULE_*() lines
 * leave records in the .modules section. kernel/module.c gathers them
 * into one module per name; `insmod NAME` runs its init function,
 * `rmmod NAME` its exit function, as loading and unloading would.
 * module_param() values come from the command line (NAME.param=value).
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/compiler.h>

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "kernel"
#endif

enum module_record_kind {
	MODREC_INIT,
	MODREC_EXIT,
	MODREC_LICENSE,
	MODREC_AUTHOR,
	MODREC_DESCRIPTION,
	MODREC_PARAM,		/* ptr: a struct module_param_desc */
};

struct module_record {
	const char *modname;
	enum module_record_kind kind;
	const void *ptr;
};

#define __MODREC_ID2(a, b) a##b
#define __MODREC_ID(a, b) __MODREC_ID2(a, b)
#define __MODULE_RECORD(kind, value)                                           \
	static const struct module_record __MODREC_ID(__modrec_, __COUNTER__)  \
		__used __section(".modules") __aligned(8) = {                  \
			KBUILD_MODNAME, kind, (const void *)(value) }

#define module_init(fn) __MODULE_RECORD(MODREC_INIT, (int (*)(void))(fn))
#define module_exit(fn) __MODULE_RECORD(MODREC_EXIT, (void (*)(void))(fn))
#define MODULE_LICENSE(s) __MODULE_RECORD(MODREC_LICENSE, s)
#define MODULE_AUTHOR(s) __MODULE_RECORD(MODREC_AUTHOR, s)
#define MODULE_DESCRIPTION(s) __MODULE_RECORD(MODREC_DESCRIPTION, s)
#define MODULE_VERSION(s)
#define MODULE_ALIAS(s)
#define MODULE_INFO(tag, s)
#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)

#define THIS_MODULE ((struct module *)0)
struct module;

#include <linux/moduleparam.h>

#endif
