/*
 * What the portable module loader asks of the architecture, as Linux's
 * include/linux/moduleloader.h: memory near the kernel image (so that
 * the module's 32-bit relative calls reach the kernel) and applying
 * relocations (arch/x86_64/kernel/module.c, arch/x86_64/mm/module_alloc.c).
 */
#ifndef _LINUX_MODULELOADER_H
#define _LINUX_MODULELOADER_H

#include <linux/types.h>
#include <uapi/linux/elf.h>

struct module;

/* @size bytes (whole pages), mapped read-write and no-exec, or NULL. */
void *module_alloc(unsigned long size);
/* Frees what module_alloc() returned (NULL is ignored). */
void module_memfree(void *addr);

/**
 * apply_relocate_add - apply one SHT_RELA section
 * @sechdrs: the module's section headers (sh_addr: where each lives now)
 * @strtab: its symbol names, for messages
 * @symindex: the index of its symbol table (values already resolved)
 * @relsec: the index of the relocation section to apply
 * @mod: the module, for messages
 *
 * Return: 0, or -ENOEXEC for an unknown type, an offset outside the
 * target section or a value that does not fit the field.
 */
int apply_relocate_add(Elf64_Shdr *sechdrs, const char *strtab,
		       unsigned int symindex, unsigned int relsec,
		       struct module *mod);

#endif
