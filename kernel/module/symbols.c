/*
 * Resolving a module's undefined symbols against the kernel's exports,
 * then other modules' (deps.c), and relocating it, as Linux's
 * find_symbol(), simplify_symbols() and apply_relocations()
 * (kernel/module/main.c). Only EXPORT_SYMBOL()ed names resolve;
 * EXPORT_SYMBOL_GPL() ones only for a GPL-compatible module.
 * Unresolved: Linux's "Unknown symbol NAME (err -2)".
 * Lock rules: none; the tables are read-only.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/moduleloader.h>
#include <linux/module.h>
#include "internal.h"

/* linker.ld sorts each table by name. */
extern const struct kernel_symbol __start___ksymtab[], __stop___ksymtab[];
extern const struct kernel_symbol __start___ksymtab_gpl[], __stop___ksymtab_gpl[];

static const struct kernel_symbol *bsearch_symbol(const struct kernel_symbol *start,
						  const struct kernel_symbol *stop,
						  const char *name)
{
	size_t lo = 0, hi = stop - start;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(name, start[mid].name);

		if (!cmp)
			return &start[mid];
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/**
 * find_kernel_symbol - the address of an exported kernel symbol
 * @name: the symbol
 * @gplok: may GPL-only exports be used?
 *
 * Return: the symbol, or NULL if it is not exported (to this caller).
 */
const struct kernel_symbol *find_kernel_symbol(const char *name, bool gplok)
{
	const struct kernel_symbol *ks = bsearch_symbol(__start___ksymtab,
							__stop___ksymtab, name);

	if (!ks && gplok)
		ks = bsearch_symbol(__start___ksymtab_gpl, __stop___ksymtab_gpl, name);
	return ks;
}

static int resolve_undefined(struct load_info *info, Elf64_Sym *sym, const char *name)
{
	const struct kernel_symbol *ks = find_kernel_symbol(name, info->gplok);

	if (!ks)
		ks = find_module_symbol(info, name);
	if (ks) {
		sym->st_value = ks->value;
		return 0;
	}
	if (ELF64_ST_BIND(sym->st_info) == STB_WEAK)
		return 0;	/* an unresolved weak symbol is 0 */
	pr_warn("%s: Unknown symbol %s (err %d)\n", info->name, name, -ENOENT);
	return -ENOENT;
}

/**
 * simplify_symbols - turn every symbol's value into an address
 * @info: its file, laid out (sections' sh_addr set)
 *
 * Return: 0; -ENOENT if a symbol is not exported; -ENOEXEC for a common
 * symbol (modules are built with -fno-common) or a bad section index.
 */
int simplify_symbols(struct load_info *info)
{
	const Elf64_Shdr *symsec = &info->sechdrs[info->index.sym];
	Elf64_Sym *sym = (void *)(unsigned long)symsec->sh_addr;
	unsigned int n = symsec->sh_size / sizeof(*sym);
	int ret = 0;

	for (unsigned int i = 1; i < n; i++) {
		const char *name = info->strtab + sym[i].st_name;
		int err = 0;

		switch (sym[i].st_shndx) {
		case SHN_COMMON:
			pr_warn("%s: please compile with -fno-common\n", info->name);
			return -ENOEXEC;
		case SHN_ABS:
			break;
		case SHN_UNDEF:
			err = resolve_undefined(info, &sym[i], name);
			break;
		default:
			if (sym[i].st_shndx >= info->hdr->e_shnum)
				return -ENOEXEC;
			sym[i].st_value += info->sechdrs[sym[i].st_shndx].sh_addr;
			break;
		}
		if (err)
			ret = err;	/* go on, to report every unknown name */
	}
	return ret;
}

/*
 * modpost's __this_module only has its init and exit pointers relocated;
 * anything else aimed at struct module would overwrite what the loader
 * owns (its list links, its layouts), so it is refused.
 */
static int check_this_module_relocs(const struct load_info *info, const Elf64_Shdr *rs)
{
	const Elf64_Rela *rel = (const void *)(unsigned long)rs->sh_addr;

	if (rs->sh_info != info->index.mod)
		return 0;
	for (unsigned long i = 0; i < rs->sh_size / sizeof(*rel); i++)
		if (rel[i].r_offset != offsetof(struct module, init) &&
		    rel[i].r_offset != offsetof(struct module, exit))
			return -ENOEXEC;
	return 0;
}

/**
 * apply_relocations - apply every relocation section of the module
 * @mod: the module being loaded
 * @info: its file, symbols simplified
 *
 * Relocations for sections that are not loaded (debug info) are skipped.
 * Return: 0 or apply_relocate_add()'s error.
 */
int apply_relocations(struct module *mod, const struct load_info *info)
{
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		const Elf64_Shdr *s = &info->sechdrs[i];
		int err;

		if (s->sh_type != SHT_RELA ||
		    !(info->sechdrs[s->sh_info].sh_flags & SHF_ALLOC))
			continue;
		err = check_this_module_relocs(info, s);
		if (!err)
			err = apply_relocate_add(info->sechdrs, info->strtab, info->index.sym, i, mod);
		if (err)
			return err;
	}
	return 0;
}
