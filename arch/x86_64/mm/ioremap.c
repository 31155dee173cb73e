/*
 * ioremap(): a kernel virtual address for device memory or firmware tables
 * at a physical address, as Linux's arch/x86/mm/ioremap.c.
 *
 * Spindle maps device memory at its direct-map address, PAGE_OFFSET +
 * phys: the direct map covers only RAM, so that part of the address space
 * is free for it, and no allocator is needed, which lets ioremap() work at
 * any point of the boot. (Linux instead takes a fresh range of the
 * vmalloc area.) RAM, where firmware tables often live, is returned as it
 * is already mapped.
 *  - Before init_mem_mapping(), the boot map of the low 4 GiB reaches the
 *    range; it is recorded so that the final tables map it too, with the
 *    right cache type (the role of Linux's early_ioremap).
 *  - Afterwards the range is mapped in the kernel page tables at once.
 * Mappings stay until reboot: iounmap() only checks its argument.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/bootinfo.h>
#include <asm/kernel_pgtable.h>

#define MAX_EARLY_IOREMAPS 32

struct early_map {
	phys_addr_t phys;
	size_t size;
	pgprot_t prot;
};

static struct early_map early_maps[MAX_EARLY_IOREMAPS];
static unsigned int nr_early_maps;
static bool final_tables;

/* True if [phys, phys+size) is RAM or firmware data the direct map covers. */
static bool is_ram(phys_addr_t phys, size_t size)
{
	for (unsigned int i = 0; i < boot_info.nr_mem; i++) {
		const struct mem_region *r = &boot_info.mem[i];

		if (r->type != MEM_USABLE && r->type != MEM_ACPI && r->type != MEM_NVS)
			continue;
		if (phys >= r->addr && phys + size <= r->addr + r->len)
			return true;
	}
	return phys + size <= 0x100000;	/* the low MiB is always mapped */
}

static void *early_ioremap(phys_addr_t phys, size_t size, pgprot_t prot)
{
	if (phys + size > EARLY_DIRECT_MAP_SIZE) {
		pr_warn("ioremap: [%#llx+%#zx] is above 4 GiB; too early to map\n",
			(unsigned long long)phys, size);
		return NULL;
	}
	if (nr_early_maps == MAX_EARLY_IOREMAPS) {
		pr_warn("ioremap: too many early mappings\n");
		return NULL;
	}
	early_maps[nr_early_maps++] = (struct early_map){ phys, size, prot };
	return __va(phys);
}

static void *__ioremap(phys_addr_t phys, size_t size, pgprot_t prot)
{
	phys_addr_t base = ALIGN_DOWN(phys, PAGE_SIZE);
	size_t len = PAGE_ALIGN(phys + size) - base;

	if (!size || phys + size < phys)
		return NULL;
	if (is_ram(phys, size))
		return __va(phys);
	if (!final_tables)
		return early_ioremap(phys, size, prot);
	if (map_kernel_range((unsigned long)__va(base), base, len, prot, true)) {
		pr_warn("ioremap: no memory for page tables\n");
		return NULL;
	}
	return __va(phys);
}

void *ioremap(phys_addr_t phys, size_t size)
{
	return __ioremap(phys, size, PAGE_KERNEL_NOCACHE);
}

void *ioremap_wc(phys_addr_t phys, size_t size)
{
	return __ioremap(phys, size, PAGE_KERNEL_WC);
}

void iounmap(void *addr)
{
	WARN_ON(addr && (unsigned long)addr < PAGE_OFFSET);
}

/* Called by init_mem_mapping() while it builds the final tables. */
void early_ioremap_remap_all(void)
{
	for (unsigned int i = 0; i < nr_early_maps; i++) {
		const struct early_map *m = &early_maps[i];
		phys_addr_t base = ALIGN_DOWN(m->phys, PAGE_SIZE);
		size_t len = PAGE_ALIGN(m->phys + m->size) - base;

		if (map_kernel_range((unsigned long)__va(base), base, len, m->prot, true))
			panic("ioremap: cannot remap an early mapping");
	}
	final_tables = true;
}
