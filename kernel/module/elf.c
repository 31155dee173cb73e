/*
 * Checks a .ko before anything trusts it, as Linux's elf_validity_check()
 * and friends in kernel/module/main.c: the header, every section header's
 * offset and size against the file, string tables ending in NUL, one
 * symbol table whose links are in range, relocation sections that name a
 * real target. After this, the other loader files may index sections,
 * names and symbols without further checks (relocation offsets are
 * checked where they are applied).
 * Also: finding sections by name and reading .modinfo.
 * Lock rules: none; it works on the caller's private copy of the file.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include "internal.h"

/* Does [off, off + size) lie inside the file? Safe against overflow. */
static bool in_file(const struct load_info *info, u64 off, u64 size)
{
	return off <= info->len && size <= info->len - off;
}

static int check_header(struct load_info *info)
{
	const Elf64_Ehdr *hdr = info->hdr;

	if (info->len < sizeof(*hdr) || memcmp(hdr->e_ident, ELFMAG, SELFMAG))
		return -ENOEXEC;
	if (hdr->e_ident[EI_CLASS] != ELFCLASS64 ||
	    hdr->e_ident[EI_DATA] != ELFDATA2LSB || hdr->e_type != ET_REL ||
	    hdr->e_machine != EM_X86_64 || hdr->e_shentsize != sizeof(Elf64_Shdr)) {
		pr_err("Invalid ELF header magic or architecture\n");
		return -ENOEXEC;
	}
	if (hdr->e_shnum < 2 || hdr->e_shstrndx == 0 || hdr->e_shstrndx >= hdr->e_shnum ||
	    !in_file(info, hdr->e_shoff, (u64)hdr->e_shnum * sizeof(Elf64_Shdr)) ||
	    hdr->e_shoff % 8) {
		pr_err("Invalid ELF section header table\n");
		return -ENOEXEC;
	}
	info->sechdrs = (void *)hdr + hdr->e_shoff;
	return 0;
}

/* A string table must end in NUL, so that no name runs off its end. */
static bool strtab_ok(const struct load_info *info, const Elf64_Shdr *s)
{
	if (s->sh_type != SHT_STRTAB || !s->sh_size || !in_file(info, s->sh_offset, s->sh_size))
		return false;
	return !((const char *)info->hdr)[s->sh_offset + s->sh_size - 1];
}

static int check_section(struct load_info *info, unsigned int i)
{
	const Elf64_Shdr *s = &info->sechdrs[i];
	unsigned int shnum = info->hdr->e_shnum;

	if (s->sh_type != SHT_NOBITS && !in_file(info, s->sh_offset, s->sh_size))
		return -ENOEXEC;
	if (s->sh_name >= info->sechdrs[info->hdr->e_shstrndx].sh_size)
		return -ENOEXEC;
	if (s->sh_addralign > 4096 || (s->sh_addralign & (s->sh_addralign - 1)))
		return -ENOEXEC;
	switch (s->sh_type) {
	case SHT_SYMTAB:
		if (s->sh_entsize != sizeof(Elf64_Sym) ||
		    s->sh_size % sizeof(Elf64_Sym) || s->sh_offset % 8 ||
		    s->sh_link == 0 || s->sh_link >= shnum ||
		    !strtab_ok(info, &info->sechdrs[s->sh_link]))
			return -ENOEXEC;
		info->index.str = s->sh_link;
		break;
	case SHT_RELA:
		if (s->sh_entsize != sizeof(Elf64_Rela) || s->sh_size % sizeof(Elf64_Rela) ||
		    s->sh_offset % 8 || s->sh_info == 0 || s->sh_info >= shnum ||
		    s->sh_link != info->index.sym)
			return -ENOEXEC;
		break;
	case SHT_REL:		/* x86-64 modules use RELA only */
		return -ENOEXEC;
	}
	return 0;
}

/* The symbol table comes before its relocations are checked (their
 * sh_link must name it), so find it in a first pass. */
static int find_symtab(struct load_info *info)
{
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		const Elf64_Shdr *s = &info->sechdrs[i];

		if (s->sh_type != SHT_SYMTAB)
			continue;
		if (info->index.sym)
			return -ENOEXEC;	/* two symbol tables */
		info->index.sym = i;
	}
	if (!info->index.sym) {
		pr_warn("No symbol table\n");
		return -ENOEXEC;
	}
	return 0;
}

static int check_symbols(struct load_info *info)
{
	const Elf64_Shdr *symsec = &info->sechdrs[info->index.sym];
	const Elf64_Shdr *strsec = &info->sechdrs[info->index.str];
	const Elf64_Sym *sym = (const void *)info->hdr + symsec->sh_offset;
	unsigned int n = symsec->sh_size / sizeof(*sym);

	info->strtab = (char *)info->hdr + strsec->sh_offset;
	info->strtab_size = strsec->sh_size;
	for (unsigned int i = 1; i < n; i++) {
		if (sym[i].st_name >= info->strtab_size)
			return -ENOEXEC;
		if (sym[i].st_shndx >= info->hdr->e_shnum &&
		    sym[i].st_shndx < SHN_LORESERVE)
			return -ENOEXEC;
	}
	return 0;
}

/**
 * elf_validity_check - check a .ko's structure before using any of it
 * @info: ->hdr and ->len set to the file in memory (8-byte aligned)
 *
 * Fills ->sechdrs, ->secstrings, ->strtab and ->index.sym/str.
 * Return: 0 or -ENOEXEC.
 */
int elf_validity_check(struct load_info *info)
{
	const Elf64_Shdr *shstr;
	int err = check_header(info);

	if (err)
		return err;
	shstr = &info->sechdrs[info->hdr->e_shstrndx];
	if (!strtab_ok(info, shstr))
		return -ENOEXEC;
	info->secstrings = (char *)info->hdr + shstr->sh_offset;
	err = find_symtab(info);
	if (err)
		return err;
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		err = check_section(info, i);
		if (err) {
			pr_err("Invalid ELF section %u\n", i);
			return err;
		}
	}
	return check_symbols(info);
}

/**
 * find_sec - the index of an allocated section by name
 * @info: a checked module file
 * @name: e.g. ".modinfo"
 *
 * Return: the index, or 0 when there is none.
 */
unsigned int find_sec(const struct load_info *info, const char *name)
{
	for (unsigned int i = 1; i < info->hdr->e_shnum; i++) {
		const Elf64_Shdr *s = &info->sechdrs[i];

		if ((s->sh_flags & SHF_ALLOC) && !strcmp(info->secstrings + s->sh_name, name))
			return i;
	}
	return 0;
}

/*
 * .modinfo is "tag=value\0tag=value\0...". The last string need not end
 * in NUL within the section, so every comparison is bounded by its end.
 */
const char *get_next_modinfo(const struct load_info *info, const char *tag,
			     const char *prev)
{
	const Elf64_Shdr *s = &info->sechdrs[info->index.info];
	size_t taglen = strlen(tag);
	const char *p, *end;

	if (!info->index.info || s->sh_type == SHT_NOBITS)
		return NULL;
	p = (const char *)info->hdr + s->sh_offset;
	end = p + s->sh_size;
	if (prev)
		p = prev;
	while (p < end) {
		size_t left = end - p, len = strnlen(p, left);

		if (len == left)
			return NULL;	/* unterminated: ignore the tail */
		if (p != prev && len > taglen && !strncmp(p, tag, taglen) &&
		    p[taglen] == '=')
			return p + taglen + 1;
		p += len + 1;
	}
	return NULL;
}
