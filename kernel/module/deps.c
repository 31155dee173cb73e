/*
 * Modules using other modules' exports, as the module half of Linux's
 * find_symbol(), ref_module() and module_unload_free()
 * (kernel/module/main.c). A module's EXPORT_SYMBOL()s are sections named
 * "___ksymtab+NAME" (include/linux/export.h); the loader copies them
 * once relocated. A module that links against one pins its owner: the
 * owner's use count grows, /proc/modules lists the user, and rmmod of the
 * owner answers "in use" until the user is gone.
 * Simplified: a module still loading (COMING) exports nothing yet; Linux
 * waits for it instead.
 * Locking: module_mutex around the search and the use lists.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/mutex.h>
#include "internal.h"

static const struct kernel_symbol *find_in_module(const struct module *mod,
						  const char *name, bool gplok)
{
	unsigned int n = mod->num_syms + (gplok ? mod->num_gpl_syms : 0);

	for (unsigned int i = 0; i < n; i++)
		if (!strcmp(mod->syms[i].name, name))
			return &mod->syms[i];
	return NULL;
}

/* Remembers (once) that the module being loaded uses @owner, which the
 * caller has pinned. Return: false if there are too many. */
static bool add_dep(struct load_info *info, struct module *owner)
{
	for (unsigned int i = 0; i < info->nr_deps; i++) {
		if (info->deps[i] == owner) {
			module_put(owner);	/* pinned once is enough */
			return true;
		}
	}
	if (info->nr_deps == MODULE_MAX_DEPS)
		return false;
	info->deps[info->nr_deps++] = owner;
	return true;
}

/**
 * find_module_symbol - @name as another live module exports it
 * @info: the module being loaded (its license decides about _GPL exports)
 * @name: the symbol
 *
 * The owner is pinned and recorded in @info->deps.
 * Return: the symbol, or NULL.
 */
const struct kernel_symbol *find_module_symbol(struct load_info *info, const char *name)
{
	const struct kernel_symbol *ks = NULL;
	struct module *mod;

	mutex_lock(&module_mutex);
	list_for_each_entry(mod, &modules, list) {
		if (mod->state != MODULE_STATE_LIVE)
			continue;
		ks = find_in_module(mod, name, info->gplok);
		if (ks && (!try_module_get(mod) || !add_dep(info, mod)))
			ks = NULL;
		if (ks)
			break;
	}
	mutex_unlock(&module_mutex);
	return ks;
}

/* A load that failed before module_add_uses() lets its owners go. */
void module_put_deps(struct load_info *info)
{
	while (info->nr_deps)
		module_put(info->deps[--info->nr_deps]);
}

/**
 * module_add_uses - link @mod to the modules it uses
 * @mod: the module being loaded, its struct set up
 * @info: with the owners find_module_symbol() pinned
 *
 * The references pass to @mod: module_unload_free() drops them.
 * Return: 0, or -ENOMEM (every reference dropped then).
 */
int module_add_uses(struct module *mod, struct load_info *info)
{
	INIT_LIST_HEAD(&mod->source_list);
	INIT_LIST_HEAD(&mod->target_list);
	for (unsigned int i = 0; i < info->nr_deps; i++) {
		struct module_use *use = kmalloc(sizeof(*use), GFP_KERNEL);

		if (!use) {
			module_unload_free(mod);
			while (i < info->nr_deps)
				module_put(info->deps[i++]);
			info->nr_deps = 0;
			return -ENOMEM;
		}
		use->source = mod;
		use->target = info->deps[i];
		mutex_lock(&module_mutex);
		list_add_tail(&use->source_list, &use->target->source_list);
		list_add_tail(&use->target_list, &mod->target_list);
		mutex_unlock(&module_mutex);
	}
	info->nr_deps = 0;
	return 0;
}

/* Lets go of the modules @mod uses (Linux's module_unload_free()). */
void module_unload_free(struct module *mod)
{
	struct module_use *use, *next;

	mutex_lock(&module_mutex);
	list_for_each_entry_safe(use, next, &mod->target_list, target_list) {
		list_del(&use->source_list);
		list_del(&use->target_list);
		module_put(use->target);
		kfree(use);
	}
	mutex_unlock(&module_mutex);
	kfree(mod->syms);
	mod->syms = NULL;
	mod->num_syms = mod->num_gpl_syms = 0;
}

/* The "___ksymtab+NAME" (@gpl: "___ksymtab_gpl+NAME") sections. */
static bool is_export_section(const struct load_info *info, unsigned int i, bool gpl)
{
	const char *name = info->secstrings + info->sechdrs[i].sh_name;
	const char *prefix = gpl ? "___ksymtab_gpl+" : "___ksymtab+";

	return (info->sechdrs[i].sh_flags & SHF_ALLOC) && !strncmp(name, prefix, strlen(prefix));
}

/* Copies one export section's entries to @out (if not NULL).
 * Return: how many, or -ENOEXEC for one that points outside @mod. */
static int copy_exports(const struct module *mod, const Elf64_Shdr *s, struct kernel_symbol *out)
{
	const struct kernel_symbol *ks = (const void *)(unsigned long)s->sh_addr;
	unsigned int n = s->sh_size / sizeof(*ks);

	if (s->sh_size % sizeof(*ks))
		return -ENOEXEC;
	for (unsigned int i = 0; i < n; i++) {
		if (!module_core_contains(mod, ks[i].value, 1) ||
		    !module_core_string(mod, ks[i].name))
			return -ENOEXEC;
		if (out)
			out[i] = ks[i];
	}
	return n;
}

/* One pass over the export sections: count (@out NULL) or copy. */
static int walk_exports(const struct module *mod, const struct load_info *info, bool gpl,
			struct kernel_symbol *out)
{
	int total = 0;

	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		int n;

		if (!is_export_section(info, i, gpl))
			continue;
		n = copy_exports(mod, &info->sechdrs[i], out ? out + total : NULL);
		if (n < 0)
			return n;
		total += n;
	}
	return total;
}

/**
 * module_collect_exports - keep @mod's exports for modules loaded later
 * @mod: relocated, its layout set
 * @info: its file
 *
 * Return: 0, -ENOEXEC for an export outside the module, or -ENOMEM.
 */
int module_collect_exports(struct module *mod, const struct load_info *info)
{
	int plain = walk_exports(mod, info, false, NULL);
	int gpl = walk_exports(mod, info, true, NULL);

	if (plain < 0 || gpl < 0)
		return -ENOEXEC;
	if (!plain && !gpl)
		return 0;
	mod->syms = kmalloc_array(plain + gpl, sizeof(*mod->syms), GFP_KERNEL);
	if (!mod->syms)
		return -ENOMEM;
	walk_exports(mod, info, false, mod->syms);
	walk_exports(mod, info, true, mod->syms + plain);
	mod->num_syms = plain;
	mod->num_gpl_syms = gpl;
	return 0;
}
