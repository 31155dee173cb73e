/*
 * Where a module's sections go, as Linux's layout_sections(),
 * move_module() (kernel/module/main.c) and strict_rwx.c: allocated
 * sections are grouped into code, read-only data and writable data, each
 * group starting on a page so that each can get its own rights (text
 * read+exec, rodata read-only, data read-write no-exec: W^X). Sections
 * named .init* go to a second region, freed once init has run.
 * The offset of a laid-out section is kept in its sh_entsize, with
 * INIT_OFFSET_MASK marking the init region, as Linux does.
 * Lock rules: none; works on the loader's private copy.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/moduleloader.h>
#include <asm/set_memory.h>
#include "internal.h"

#define INIT_OFFSET_MASK (1UL << 63)
#define NOT_LAID_OUT (~0UL)

enum { PART_TEXT, PART_RO, PART_DATA, NR_PARTS };

/* The flags a section of each part has, and must not have. */
static const unsigned long part_masks[NR_PARTS][2] = {
	[PART_TEXT] = { SHF_EXECINSTR | SHF_ALLOC, 0 },
	[PART_RO] = { SHF_ALLOC, SHF_WRITE | SHF_EXECINSTR },
	[PART_DATA] = { SHF_WRITE | SHF_ALLOC, SHF_EXECINSTR },
};

static bool is_init_section(const char *name)
{
	return !strncmp(name, ".init", 5);
}

/* Reserves room for @s at the end of @size; returns its offset. */
static unsigned long place(u64 *size, const Elf64_Shdr *s)
{
	u64 at = ALIGN(*size, s->sh_addralign ?: 1);

	*size = at + s->sh_size;
	return at;
}

static int layout_part(struct load_info *info, unsigned int part, bool init, u64 *size)
{
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		Elf64_Shdr *s = &info->sechdrs[i];
		const char *name = info->secstrings + s->sh_name;

		if ((s->sh_flags & part_masks[part][0]) != part_masks[part][0] ||
		    (s->sh_flags & part_masks[part][1]) || s->sh_entsize != NOT_LAID_OUT ||
		    is_init_section(name) != init)
			continue;
		if (s->sh_size > MODULE_MAX_LAYOUT)
			return -ENOEXEC;
		s->sh_entsize = place(size, s) | (init ? INIT_OFFSET_MASK : 0);
		if (*size > MODULE_MAX_LAYOUT)
			return -ENOEXEC;
	}
	return 0;
}

/* Lays out one region; its parts each end on a page boundary. */
static int layout_region(struct load_info *info, bool init, struct module_layout *l)
{
	u64 size = 0;

	for (unsigned int part = 0; part < NR_PARTS; part++) {
		int err = layout_part(info, part, init, &size);

		if (err)
			return err;
		size = PAGE_ALIGN(size);
		if (part == PART_TEXT)
			l->text_size = size;
		else if (part == PART_RO)
			l->ro_size = size;
	}
	l->size = size;
	return 0;
}

/* Marks every allocated section "not laid out"; refuses W+X ones, as
 * Linux's module_enforce_rwx_sections(). */
static int prepare_sections(struct load_info *info)
{
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		Elf64_Shdr *s = &info->sechdrs[i];

		if (!(s->sh_flags & SHF_ALLOC))
			continue;
		if ((s->sh_flags & (SHF_WRITE | SHF_EXECINSTR)) == (SHF_WRITE | SHF_EXECINSTR)) {
			pr_err("Module %s specifies WX section %s\n", info->name,
			       info->secstrings + s->sh_name);
			return -ENOEXEC;
		}
		s->sh_entsize = NOT_LAID_OUT;
	}
	return 0;
}

static int alloc_region(struct module_layout *l)
{
	if (!l->size)
		return 0;
	l->base = module_alloc(l->size);
	if (!l->base)
		return -ENOMEM;
	memset(l->base, 0, l->size);
	return 0;
}

/* Copies each section to its place and records the address in sh_addr. */
static void move_sections(struct load_info *info)
{
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		Elf64_Shdr *s = &info->sechdrs[i];
		void *dest;

		if (!(s->sh_flags & SHF_ALLOC))
			continue;
		if (s->sh_entsize & INIT_OFFSET_MASK)
			dest = info->init.base + (s->sh_entsize & ~INIT_OFFSET_MASK);
		else
			dest = info->core.base + s->sh_entsize;
		if (s->sh_type != SHT_NOBITS)
			memcpy(dest, (void *)info->hdr + s->sh_offset, s->sh_size);
		s->sh_addr = (unsigned long)dest;
	}
}

/**
 * layout_and_allocate - place the module's sections in fresh memory
 * @info: a checked module file; ->core and ->init are filled
 *
 * Return: 0, -ENOEXEC for a bad layout, -ENOMEM.
 */
int layout_and_allocate(struct load_info *info)
{
	int err = prepare_sections(info);

	if (!err)
		err = layout_region(info, false, &info->core);
	if (!err)
		err = layout_region(info, true, &info->init);
	if (!err && !info->core.size)
		err = -ENOEXEC;
	if (!err)
		err = alloc_region(&info->core);
	if (!err)
		err = alloc_region(&info->init);
	if (err) {
		free_layout(&info->core);
		free_layout(&info->init);
		return err;
	}
	move_sections(info);
	return 0;
}

static void protect_layout(const struct module_layout *l)
{
	unsigned long base = (unsigned long)l->base;

	if (!l->size)
		return;
	set_memory_ro(base, l->ro_size >> PAGE_SHIFT);
	set_memory_x(base, l->text_size >> PAGE_SHIFT);
}

/**
 * module_enable_rwx - give a module's memory its final rights
 * @mod: a module whose relocations are all applied
 *
 * Text becomes read+exec and rodata read-only; data stays read-write and
 * no-exec, as module_alloc() mapped everything.
 */
void module_enable_rwx(const struct module *mod)
{
	protect_layout(&mod->core_layout);
	protect_layout(&mod->init_layout);
}

/* Frees a region (module_memfree() unmaps it, whatever its rights). */
void free_layout(struct module_layout *l)
{
	module_memfree(l->base);
	l->base = NULL;
	l->size = 0;
}

bool within_module_layout(unsigned long addr, const struct module_layout *l)
{
	return l->base && addr - (unsigned long)l->base < l->size;
}

bool module_core_contains(const struct module *mod, unsigned long addr, size_t len)
{
	const struct module_layout *l = &mod->core_layout;

	return within_module_layout(addr, l) && len <= l->size - (addr - (unsigned long)l->base);
}

bool module_core_string(const struct module *mod, const char *s)
{
	unsigned long addr = (unsigned long)s;
	const struct module_layout *l = &mod->core_layout;

	return module_core_contains(mod, addr, 1) &&
	       memchr(s, '\0', l->size - (addr - (unsigned long)l->base));
}
