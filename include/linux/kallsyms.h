/*
 * Symbol lookup for oopses and backtraces, as in Linux's kallsyms: the
 * build embeds a sorted table of the kernel's function and object names
 * (tools/kallsyms.py), and kernel/kallsyms.c searches it.
 */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>

#define KSYM_NAME_LEN 128

/**
 * kallsyms_lookup - find the symbol that contains an address
 * @addr: a kernel address
 * @size: set to the symbol's size (distance to the next symbol), or NULL
 * @offset: set to @addr's offset in the symbol, or NULL
 *
 * Return: the symbol's name, or NULL when @addr is outside the kernel.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset);

/* Address of a symbol by name, or 0. */
unsigned long kallsyms_lookup_name(const char *name);

/* "name+0x1f/0x80" (@with_offset) or "name"; the hex address if unknown. */
int sprint_symbol(char *buf, size_t size, unsigned long addr, bool with_offset);

/*
 * Like sprint_symbol() for a return address: the call may be the last
 * instruction of its function, so the name comes from @addr - 1 (the
 * offset printed is still @addr's), as Linux's %pB.
 */
int sprint_backtrace(char *buf, size_t size, unsigned long addr);

#endif
