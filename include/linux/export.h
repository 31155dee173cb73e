/*
 * EXPORT_SYMBOL(), as Linux's include/linux/export.h: the kernel's API
 * for loadable modules. Each export is a struct kernel_symbol in a
 * section named after the symbol ("___ksymtab+NAME"); linker.ld sorts
 * those by name into __ksymtab (and __ksymtab_gpl), so the loader finds a
 * name by binary search (kernel/module/symbols.c). A module may only link
 * against exported symbols; *_GPL ones only from a GPL-compatible module.
 * Simplified: absolute addresses, not Linux's place-relative offsets, and
 * no namespaces or CRCs.
 */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/compiler.h>

struct kernel_symbol {
	unsigned long value;
	const char *name;
};

/*
 * The names of the variables tell tools/modpost.py which symbols the
 * kernel exports, and under which license (it reads `nm` of the kernel).
 */
#define __EXPORT_SYMBOL(sym, var, sec)                                         \
	extern __typeof__(sym) sym;                                            \
	static const char __kstrtab_##sym[] __used                             \
		__section("__ksymtab_strings") = #sym;                         \
	static const struct kernel_symbol var __used __aligned(8)              \
		__section(sec "+" #sym) = { (unsigned long)&sym, __kstrtab_##sym }

#define EXPORT_SYMBOL(sym) __EXPORT_SYMBOL(sym, __ksymtab_##sym, "___ksymtab")
#define EXPORT_SYMBOL_GPL(sym)                                                 \
	__EXPORT_SYMBOL(sym, __ksymtab_gpl__##sym, "___ksymtab_gpl")

#endif
