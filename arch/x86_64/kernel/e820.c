/*
 * The firmware's physical memory map, printed as Linux prints its e820
 * table ("BIOS-e820: [mem 0x...-0x...] usable"), and hands the usable
 * ranges to memblock, Linux's e820__memblock_setup().
 */
#include <asm/smp.h>
#include <linux/kernel.h>
#include <asm/bootinfo.h>
#include <linux/memblock.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <spindle/arch.h>

static const char *mem_type_name(u32 type)
{
	switch (type) {
	case MEM_USABLE:
		return "usable";
	case MEM_ACPI:
		return "ACPI data";
	case MEM_NVS:
		return "ACPI NVS";
	case MEM_UNUSABLE:
		return "unusable";
	default:
		return "reserved";
	}
}

void e820__print_table(void)
{
	u64 usable = 0;

	if (!boot_info.nr_mem) {
		pr_warn("e820: the boot loader gave no memory map\n");
		return;
	}
	pr_info("%s-provided physical RAM map:\n", boot_info.efi ? "UEFI" : "BIOS");
	for (unsigned int i = 0; i < boot_info.nr_mem; i++) {
		const struct mem_region *r = &boot_info.mem[i];

		pr_info("%s-e820: [mem 0x%016llx-0x%016llx] %s\n",
			boot_info.efi ? "UEFI" : "BIOS",
			(unsigned long long)r->addr,
			(unsigned long long)(r->addr + r->len - 1),
			mem_type_name(r->type));
		if (r->type == MEM_USABLE)
			usable += r->len;
	}
	pr_info("Memory: %lluK usable RAM\n", (unsigned long long)(usable >> 10));
}

extern char _text[], _end[];

/**
 * e820__memblock_setup - tell memblock what RAM exists and what is in use
 *
 * RAM is every usable range of the firmware map. In use: the kernel
 * image, the boot loader's information and any modules it loaded, the
 * SMP trampoline's pages, then the rest of the first MiB (real-mode
 * firmware data lives there), in Linux's order (reserve_real_mode()
 * before the first MiB is reserved as a whole).
 */
void e820__memblock_setup(void)
{
	for (unsigned int i = 0; i < boot_info.nr_mem; i++) {
		const struct mem_region *r = &boot_info.mem[i];

		if (r->type == MEM_USABLE)
			memblock_add(ALIGN(r->addr, PAGE_SIZE),
				     ALIGN_DOWN(r->addr + r->len, PAGE_SIZE) -
				     ALIGN(r->addr, PAGE_SIZE));
	}
	memblock_reserve(__pa(_text), __pa(_end) - __pa(_text));
	if (boot_info.info_end)
		memblock_reserve(boot_info.info_start,
				 boot_info.info_end - boot_info.info_start);
	if (boot_info.modules_end)
		memblock_reserve(boot_info.modules_start,
				 boot_info.modules_end - boot_info.modules_start);
	reserve_real_mode();
	memblock_reserve(0, 0x100000);
	/* Page tables are built through the boot map of the low 4 GiB. */
	memblock_set_current_limit(EARLY_DIRECT_MAP_SIZE);
	memblock_dump();
}
