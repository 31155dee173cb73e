/*
 * What the boot loader told us, gathered once by arch/x86_64/boot/
 * multiboot.c (Linux keeps the same facts in struct boot_params). Pointers
 * are direct-map addresses of the loader's own data, which stays reserved.
 */
#ifndef _ASM_BOOTINFO_H
#define _ASM_BOOTINFO_H

#include <linux/types.h>
#include <asm/multiboot2.h>

#define E820_MAX_ENTRIES 128

enum mem_type {
	MEM_USABLE = 1,
	MEM_RESERVED = 2,
	MEM_ACPI = 3,
	MEM_NVS = 4,
	MEM_UNUSABLE = 5,
};

struct mem_region {
	u64 addr;
	u64 len;
	u32 type;
};

struct framebuffer_info {
	u64 phys;
	u32 pitch, width, height;
	u8 bpp;
	u8 type;		/* MB2_FB_TYPE_* */
	u8 red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};

struct boot_info {
	const char *cmdline;
	size_t cmdline_len;
	const char *loader_name;
	struct mem_region mem[E820_MAX_ENTRIES];
	unsigned int nr_mem;
	bool has_fb;
	struct framebuffer_info fb;
	const void *rsdp;	/* copy of the RSDP inside the boot info, or NULL */
	size_t rsdp_len;
	bool efi;		/* booted through UEFI firmware */
	phys_addr_t info_start, info_end;	/* the boot info itself */
	phys_addr_t modules_start, modules_end;	/* GRUB modules, if any */
};

extern struct boot_info boot_info;

/* Parses the multiboot2 boot information at physical address @phys. */
void multiboot_parse(u32 magic, phys_addr_t phys);

#endif
