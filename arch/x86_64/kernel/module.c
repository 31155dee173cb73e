/*
 * Relocating a module, as Linux's apply_relocate_add() in
 * arch/x86/kernel/module.c: each entry of a SHT_RELA section patches one
 * field of its target section with S + A (absolute) or S + A - P
 * (PC-relative), S being the symbol's resolved address, A the addend and
 * P the address of the field itself. These are the types GCC and clang
 * emit for -mcmodel=kernel -fno-pic (GOTPCREL needs -fpic: refused).
 * Every field is bounds-checked against its section, and every value
 * against the field's width, since the file comes from user space.
 * Lock rules: none; the module is not yet visible to anyone.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/moduleloader.h>
#include <asm/module.h>

/* The size in bytes of the field a relocation type patches, or 0. */
static unsigned int reloc_width(unsigned int type)
{
	switch (type) {
	case R_X86_64_NONE:
		return 0;
	case R_X86_64_64:
	case R_X86_64_PC64:
		return 8;
	case R_X86_64_32:
	case R_X86_64_32S:
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
		return 4;
	}
	return ~0U;
}

/* Computes the value to store; false if it does not fit the field. */
static bool reloc_value(unsigned int type, u64 sa, u64 p, u64 *val)
{
	s64 rel = (s64)(sa - p);

	switch (type) {
	case R_X86_64_64:
		*val = sa;
		return true;
	case R_X86_64_PC64:
		*val = (u64)rel;
		return true;
	case R_X86_64_32:
		*val = sa;
		return sa == (u32)sa;
	case R_X86_64_32S:
		*val = sa;
		return (s64)sa == (s32)sa;
	case R_X86_64_PC32:
	case R_X86_64_PLT32:	/* no PLT: the target is in reach */
		*val = (u64)rel;
		return rel == (s32)rel;
	}
	return false;
}

static int apply_one(const Elf64_Rela *r, const Elf64_Shdr *target,
		     const Elf64_Sym *sym, const char *strtab, struct module *mod)
{
	unsigned int type = ELF64_R_TYPE(r->r_info);
	unsigned int width = reloc_width(type);
	void *loc = (void *)(unsigned long)(target->sh_addr + r->r_offset);
	u64 val, sa = sym->st_value + (u64)r->r_addend;

	if (width == ~0U) {
		pr_err("%s: Unknown rela relocation: %u\n", mod->name, type);
		return -ENOEXEC;
	}
	if (!width)
		return 0;
	if (r->r_offset > target->sh_size || target->sh_size - r->r_offset < width) {
		pr_err("%s: relocation at 0x%llx outside its section\n", mod->name,
		       (unsigned long long)r->r_offset);
		return -ENOEXEC;
	}
	if (!reloc_value(type, sa, (unsigned long)loc, &val)) {
		pr_err("%s: overflow in relocation type %u val %llx (%s)\n", mod->name,
		       type, (unsigned long long)sa, strtab + sym->st_name);
		return -ENOEXEC;
	}
	memcpy(loc, &val, width);	/* fields may be unaligned */
	return 0;
}

int apply_relocate_add(Elf64_Shdr *sechdrs, const char *strtab,
		       unsigned int symindex, unsigned int relsec,
		       struct module *mod)
{
	const Elf64_Shdr *rs = &sechdrs[relsec];
	const Elf64_Shdr *target = &sechdrs[rs->sh_info];
	const Elf64_Rela *rel = (const void *)(unsigned long)rs->sh_addr;
	const Elf64_Sym *syms = (const void *)(unsigned long)sechdrs[symindex].sh_addr;
	unsigned long nsyms = sechdrs[symindex].sh_size / sizeof(Elf64_Sym);

	for (unsigned long i = 0; i < rs->sh_size / sizeof(*rel); i++) {
		unsigned long symi = ELF64_R_SYM(rel[i].r_info);
		int err;

		if (symi >= nsyms) {
			pr_err("%s: relocation names symbol %lu of %lu\n", mod->name,
			       symi, nsyms);
			return -ENOEXEC;
		}
		err = apply_one(&rel[i], target, &syms[symi], strtab, mod);
		if (err)
			return err;
	}
	return 0;
}
