/*
 * A loaded module's symbols, for backtraces, as Linux's
 * kernel/module/kallsyms.c: the functions and objects of its core
 * sections are copied out of the file (which is freed after loading) into
 * a small sorted table. An oops inside a module then prints
 * "func+0x12/0x40 [mod]".
 * Symbols of .init sections are kept too, and only match while the init
 * region exists, so a fault in an init function is named as well.
 * Lock rules: the table is written before the module is visible in
 * backtraces and freed after an RCU grace period (free_module()).
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/kallsyms.h>
#include "internal.h"

struct mod_sym {
	unsigned long addr, size;
	unsigned int name;	/* offset in mod_kallsyms.names */
};

struct mod_kallsyms {
	unsigned int num;
	struct mod_sym *syms;	/* by address */
	char *names;
};

static bool keep_symbol(const struct module *mod, const struct load_info *info,
			const Elf64_Sym *sym)
{
	unsigned int type = ELF64_ST_TYPE(sym->st_info);
	const char *name = info->strtab + sym->st_name;

	/* module_init()'s and module_exit()'s aliases: the function's own
	 * name says more in a backtrace. */
	if (!strcmp(name, "init_module") || !strcmp(name, "cleanup_module"))
		return false;
	return (type == STT_FUNC || type == STT_OBJECT) && sym->st_name &&
	       sym->st_shndx != SHN_UNDEF && sym->st_shndx < SHN_LORESERVE &&
	       (within_module_layout(sym->st_value, &mod->core_layout) ||
		within_module_layout(sym->st_value, &mod->init_layout));
}

static void sort_syms(struct mod_sym *s, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {	/* insertion: tables are small */
		struct mod_sym x = s[i];
		unsigned int j = i;

		for (; j && s[j - 1].addr > x.addr; j--)
			s[j] = s[j - 1];
		s[j] = x;
	}
}

/**
 * module_keep_symbols - copy a module's core symbols for kallsyms
 * @mod: the module, laid out and with its symbols simplified
 * @info: its file
 *
 * Return: 0 or -ENOMEM.
 */
int module_keep_symbols(struct module *mod, const struct load_info *info)
{
	const Elf64_Shdr *symsec = &info->sechdrs[info->index.sym];
	const Elf64_Sym *sym = (const void *)(unsigned long)symsec->sh_addr;
	unsigned int n = symsec->sh_size / sizeof(*sym), num = 0;
	size_t names = 0;
	struct mod_kallsyms *ks;

	for (unsigned int i = 1; i < n; i++)
		if (keep_symbol(mod, info, &sym[i])) {
			num++;
			names += strlen(info->strtab + sym[i].st_name) + 1;
		}
	ks = kzalloc(sizeof(*ks), GFP_KERNEL);
	if (!ks)
		return -ENOMEM;
	ks->syms = kmalloc_array(num ?: 1, sizeof(*ks->syms), GFP_KERNEL);
	ks->names = kmalloc(names ?: 1, GFP_KERNEL);
	mod->kallsyms = ks;
	if (!ks->syms || !ks->names)
		return -ENOMEM;		/* free_module() frees what exists */
	names = 0;
	for (unsigned int i = 1; i < n; i++) {
		const char *name = info->strtab + sym[i].st_name;
		size_t len = strlen(name) + 1;

		if (!keep_symbol(mod, info, &sym[i]))
			continue;
		ks->syms[ks->num++] = (struct mod_sym){ sym[i].st_value, sym[i].st_size, names };
		memcpy(ks->names + names, name, len);
		names += len;
	}
	sort_syms(ks->syms, ks->num);
	return 0;
}

void module_free_symbols(struct module *mod)
{
	if (!mod->kallsyms)
		return;
	kfree(mod->kallsyms->syms);
	kfree(mod->kallsyms->names);
	kfree(mod->kallsyms);
	mod->kallsyms = NULL;
}

/**
 * module_address_lookup - the module symbol containing an address
 * @addr: an address in module memory
 * @size: set to the symbol's size, or NULL
 * @offset: set to @addr's offset in it, or NULL
 * @modname: set to the module's name
 *
 * Context: any; the caller holds rcu_read_lock() while it uses the
 * names returned (the module may be going).
 * Return: the symbol's name, or NULL.
 */
const char *module_address_lookup(unsigned long addr, unsigned long *size,
				  unsigned long *offset, const char **modname)
{
	struct module *mod = __module_address(addr);
	const struct mod_kallsyms *ks = mod ? READ_ONCE(mod->kallsyms) : NULL;
	const struct module_layout *l;
	const struct mod_sym *best = NULL;

	if (!ks)
		return NULL;
	/* Only symbols of the region @addr is in (the init one may be gone). */
	l = within_module_layout(addr, &mod->core_layout) ? &mod->core_layout :
							     &mod->init_layout;
	for (unsigned int i = 0; i < ks->num && ks->syms[i].addr <= addr; i++)
		if (within_module_layout(ks->syms[i].addr, l))
			best = &ks->syms[i];
	if (!best)
		return NULL;
	if (size)
		*size = best->size;
	if (offset)
		*offset = addr - best->addr;
	*modname = mod->name;
	return ks->names + best->name;
}
