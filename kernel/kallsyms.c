/*
 * Looks up kernel symbols in the table the build embeds (tools/kallsyms.py
 * writes it; the Makefile links three times so that the addresses in it
 * are final). Mirrors kernel/kallsyms.c, without its name compression.
 * Addresses in a loaded module are named from its own table
 * (kernel/module/kallsyms.c), with the module's name in brackets.
 */
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/module.h>
#include <linux/rcupdate.h>

/* Sorted by address; names[name_offsets[i]] is symbol i's NUL-ended name. */
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_name_offsets[];
extern const char kallsyms_names[];
extern const unsigned long kallsyms_num_syms;
extern char _text[], _end[];

/* Index of the last symbol at or below @addr (binary search), or -1. */
static long find_index(unsigned long addr)
{
	long lo = 0, hi = (long)kallsyms_num_syms - 1, best = -1;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return best;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset)
{
	unsigned long end;
	long i;

	if (addr < (unsigned long)_text || addr >= (unsigned long)_end)
		return NULL;
	i = find_index(addr);
	if (i < 0)
		return NULL;
	end = (unsigned long)i + 1 < kallsyms_num_syms ?
		kallsyms_addresses[i + 1] : (unsigned long)_end;
	if (size)
		*size = end - kallsyms_addresses[i];
	if (offset)
		*offset = addr - kallsyms_addresses[i];
	return &kallsyms_names[kallsyms_name_offsets[i]];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned long i = 0; i < kallsyms_num_syms; i++)
		if (!strcmp(&kallsyms_names[kallsyms_name_offsets[i]], name))
			return kallsyms_addresses[i];
	return 0;
}

/* A symbol of a loaded module, printed as Linux does: "fn+0x12/0x40 [mod]". */
static int sprint_module_symbol(char *buf, size_t size, unsigned long lookup,
				unsigned long addr, bool with_offset)
{
	unsigned long symsize, offset;
	const char *modname, *name;
	int n;

	rcu_read_lock();	/* the module may be going meanwhile */
	name = module_address_lookup(lookup, &symsize, &offset, &modname);
	if (!name)
		n = snprintf(buf, size, "0x%lx", addr);
	else if (!with_offset)
		n = snprintf(buf, size, "%s [%s]", name, modname);
	else
		n = snprintf(buf, size, "%s+0x%lx/0x%lx [%s]", name,
			     offset + (addr - lookup), symsize, modname);
	rcu_read_unlock();
	return n;
}

int sprint_symbol(char *buf, size_t size, unsigned long addr, bool with_offset)
{
	unsigned long symsize, offset;
	const char *name = kallsyms_lookup(addr, &symsize, &offset);

	if (!name)
		return sprint_module_symbol(buf, size, addr, addr, with_offset);
	if (!with_offset)
		return snprintf(buf, size, "%s", name);
	return snprintf(buf, size, "%s+0x%lx/0x%lx", name, offset, symsize);
}

int sprint_backtrace(char *buf, size_t size, unsigned long addr)
{
	unsigned long symsize, offset;
	const char *name = kallsyms_lookup(addr - 1, &symsize, &offset);

	if (!name)
		return sprint_module_symbol(buf, size, addr - 1, addr, true);
	return snprintf(buf, size, "%s+0x%lx/0x%lx", name, offset + 1, symsize);
}
