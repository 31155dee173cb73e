/*
 * The module loader's file checks (kernel/module/elf.c) and x86-64
 * relocations (arch/x86_64/kernel/module.c) on the host, under ASan and
 * UBSan: a small relocatable image built here passes; every truncation
 * and thousands of random corruptions are answered with -ENOEXEC or
 * accepted, never with a read outside the file; each relocation type
 * computes Linux's value and refuses what does not fit.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/moduleloader.h>
#include <asm/module.h>
#include "../../kernel/module/internal.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

/* The loader's messages: counted, not printed. */
static int messages;

int printk(const char *fmt, ...)
{
	messages++;
	return 0;
}

enum { S_NULL, S_TEXT, S_RELA, S_INFO, S_SYMTAB, S_STRTAB, S_SHSTRTAB, NR_SECS };

/* A whole .ko in one struct: the file is this struct's bytes. */
struct image {
	Elf64_Ehdr eh;
	Elf64_Shdr sh[NR_SECS];
	Elf64_Sym sym[3];
	Elf64_Rela rela[2];
	unsigned char text[32];
	char modinfo[40];
	char strtab[16];
	char shstrtab[64];
};

static const char shnames[] = "\0.text\0.rela.text\0.modinfo\0.symtab\0.strtab\0.shstrtab";

static unsigned int shname(const char *name)
{
	for (unsigned int i = 0; i < sizeof(shnames); i += strlen(shnames + i) + 1)
		if (!strcmp(shnames + i, name))
			return i;
	return 0;
}

static void section(struct image *im, unsigned int i, const char *name, u32 type,
		    u64 flags, size_t off, size_t size, u32 link, u32 info, u64 entsize)
{
	im->sh[i] = (Elf64_Shdr){ .sh_name = shname(name), .sh_type = type,
				  .sh_flags = flags, .sh_offset = off, .sh_size = size,
				  .sh_link = link, .sh_info = info, .sh_addralign = 8,
				  .sh_entsize = entsize };
}

static struct image *make_image(void)
{
	struct image *im = calloc(1, sizeof(*im));

	memcpy(im->eh.e_ident, ELFMAG, SELFMAG);
	im->eh.e_ident[EI_CLASS] = ELFCLASS64;
	im->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	im->eh.e_type = ET_REL;
	im->eh.e_machine = EM_X86_64;
	im->eh.e_shoff = offsetof(struct image, sh);
	im->eh.e_shentsize = sizeof(Elf64_Shdr);
	im->eh.e_shnum = NR_SECS;
	im->eh.e_shstrndx = S_SHSTRTAB;
	memcpy(im->shstrtab, shnames, sizeof(shnames));
	memcpy(im->strtab, "\0printk\0local", 14);
	memcpy(im->modinfo, "license=GPL\0vermagic=x\0name=t", 29);
	im->sym[1] = (Elf64_Sym){ .st_name = 1, .st_info = STB_GLOBAL << 4 };
	im->sym[2] = (Elf64_Sym){ .st_name = 8, .st_info = STT_FUNC, .st_shndx = S_TEXT };
	im->rela[0] = (Elf64_Rela){ 4, (1UL << 32) | R_X86_64_PLT32, -4 };
	im->rela[1] = (Elf64_Rela){ 16, (2UL << 32) | R_X86_64_64, 0 };
	section(im, S_TEXT, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
		offsetof(struct image, text), sizeof(im->text), 0, 0, 0);
	section(im, S_RELA, ".rela.text", SHT_RELA, SHF_INFO_LINK,
		offsetof(struct image, rela), sizeof(im->rela), S_SYMTAB, S_TEXT,
		sizeof(Elf64_Rela));
	section(im, S_INFO, ".modinfo", SHT_PROGBITS, SHF_ALLOC,
		offsetof(struct image, modinfo), 29, 0, 0, 0);
	section(im, S_SYMTAB, ".symtab", SHT_SYMTAB, 0, offsetof(struct image, sym),
		sizeof(im->sym), S_STRTAB, 2, sizeof(Elf64_Sym));
	section(im, S_STRTAB, ".strtab", SHT_STRTAB, 0, offsetof(struct image, strtab),
		sizeof(im->strtab), 0, 0, 0);
	section(im, S_SHSTRTAB, ".shstrtab", SHT_STRTAB, 0,
		offsetof(struct image, shstrtab), sizeof(shnames), 0, 0, 0);
	return im;
}

/* Checks @len bytes of @src in a buffer of exactly that size (ASan
 * catches any read past it). */
static int check_bytes(const void *src, size_t len)
{
	void *copy = malloc(len ?: 1);
	struct load_info info = { .hdr = copy, .len = len };
	int err;

	memcpy(copy, src, len);
	err = elf_validity_check(&info);
	if (!err) {
		info.index.info = find_sec(&info, ".modinfo");
		(void)get_modinfo(&info, "vermagic");
	}
	free(copy);
	return err;
}

static void test_good_image_passes(void **state)
{
	struct image *im = make_image();
	struct load_info info = { .hdr = &im->eh, .len = sizeof(*im) };

	assert_int_equal(elf_validity_check(&info), 0);
	assert_int_equal(info.index.sym, S_SYMTAB);
	assert_int_equal(info.index.str, S_STRTAB);
	info.index.info = find_sec(&info, ".modinfo");
	assert_int_equal(info.index.info, S_INFO);
	assert_string_equal(get_modinfo(&info, "license"), "GPL");
	assert_string_equal(get_modinfo(&info, "vermagic"), "x");
	/* The last string is not NUL-terminated inside the section. */
	assert_null(get_modinfo(&info, "name"));
	free(im);
}

static void test_every_truncation_is_refused(void **state)
{
	struct image *im = make_image();

	for (size_t len = 0; len < offsetof(struct image, shstrtab) + sizeof(shnames); len++)
		assert_int_equal(check_bytes(im, len), -ENOEXEC);
	free(im);
}

static void test_bad_headers_are_refused(void **state)
{
	struct image *im = make_image();

	im->eh.e_machine = 3;
	assert_int_equal(check_bytes(im, sizeof(*im)), -ENOEXEC);
	free(im);
	im = make_image();
	im->eh.e_type = ET_EXEC;
	assert_int_equal(check_bytes(im, sizeof(*im)), -ENOEXEC);
	free(im);
	im = make_image();
	im->sh[S_TEXT].sh_offset = ~0UL - 4;	/* offset + size overflows */
	assert_int_equal(check_bytes(im, sizeof(*im)), -ENOEXEC);
	free(im);
	im = make_image();
	im->shstrtab[sizeof(shnames) - 1] = 'x';	/* names run off the table */
	assert_int_equal(check_bytes(im, sizeof(*im)), -ENOEXEC);
	free(im);
	im = make_image();
	im->sym[2].st_name = 1000;
	assert_int_equal(check_bytes(im, sizeof(*im)), -ENOEXEC);
	free(im);
	im = make_image();
	im->sh[S_RELA].sh_info = NR_SECS;
	assert_int_equal(check_bytes(im, sizeof(*im)), -ENOEXEC);
	free(im);
}

static void test_random_corruption_never_reads_outside(void **state)
{
	struct image *im = make_image();
	unsigned char *bytes = malloc(sizeof(*im));

	srand(11);
	for (int i = 0; i < 20000; i++) {
		int err;

		memcpy(bytes, im, sizeof(*im));
		for (int k = rand() % 4 + 1; k; k--)
			bytes[rand() % sizeof(*im)] ^= 1 + rand() % 255;
		err = check_bytes(bytes, sizeof(*im));
		assert_true(err == 0 || err == -ENOEXEC);
	}
	free(bytes);
	free(im);
}

/* Applies the image's two relocations with printk at @printk_addr and
 * .text at its place in @im; returns apply_relocate_add()'s result. */
static int relocate(struct image *im, unsigned long printk_addr)
{
	struct module mod = { .name = "t" };

	for (int i = 0; i < NR_SECS; i++)
		im->sh[i].sh_addr = (unsigned long)im + im->sh[i].sh_offset;
	im->sym[1].st_value = printk_addr;
	im->sym[2].st_value = im->sh[S_TEXT].sh_addr + 8;
	return apply_relocate_add(im->sh, im->strtab, S_SYMTAB, S_RELA, &mod);
}

static void test_relocation_values(void **state)
{
	struct image *im = make_image();
	unsigned long text = (unsigned long)im->text;
	s32 pc;
	u64 abs;

	assert_int_equal(relocate(im, text + 0x1000), 0);
	memcpy(&pc, im->text + 4, 4);
	assert_int_equal(pc, 0x1000 - 4 - 4);	/* S + A - P */
	memcpy(&abs, im->text + 16, 8);
	assert_true(abs == text + 8);		/* S + A */
	free(im);
}

static void test_relocations_that_do_not_fit_are_refused(void **state)
{
	struct image *im = make_image();
	unsigned long text = (unsigned long)im->text;

	/* PLT32 to something 4 GiB away: the call cannot reach it. */
	assert_int_equal(relocate(im, text + (1UL << 32)), -ENOEXEC);
	free(im);

	im = make_image();
	im->rela[1].r_offset = sizeof(im->text) - 4;	/* 8 bytes, 4 left */
	assert_int_equal(relocate(im, text), -ENOEXEC);
	free(im);

	im = make_image();
	im->rela[0].r_offset = ~0UL - 1;		/* offset + width overflows */
	assert_int_equal(relocate(im, text), -ENOEXEC);
	free(im);

	im = make_image();
	im->rela[0].r_info = (1UL << 32) | R_X86_64_GOTPCREL;
	assert_int_equal(relocate(im, text), -ENOEXEC);
	free(im);

	im = make_image();
	im->rela[0].r_info = (3UL << 32) | R_X86_64_PC32;	/* symbol 3 of 3 */
	assert_int_equal(relocate(im, text), -ENOEXEC);
	free(im);

	im = make_image();
	im->rela[1].r_info = (2UL << 32) | R_X86_64_32S;	/* host address: too wide */
	assert_int_equal(relocate(im, text), (long)(s32)text == (long)text ? 0 : -ENOEXEC);
	free(im);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_image_passes),
		cmocka_unit_test(test_every_truncation_is_refused),
		cmocka_unit_test(test_bad_headers_are_refused),
		cmocka_unit_test(test_random_corruption_never_reads_outside),
		cmocka_unit_test(test_relocation_values),
		cmocka_unit_test(test_relocations_that_do_not_fit_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
