/*
 * The firmware's physical memory map, printed as Linux prints its e820
 * table ("BIOS-e820: [mem 0x...-0x...] usable"). The memory manager
 * builds on the same table (struct boot_info.mem).
 */
#include <linux/kernel.h>
#include <asm/bootinfo.h>
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

void arch_print_memory_map(void)
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
