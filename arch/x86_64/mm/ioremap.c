/*
 * ioremap(): a kernel virtual address for device memory or firmware tables
 * at a physical address, as Linux's arch/x86/mm/ioremap.c.
 *
 * Simplified: boot maps the first 4 GiB of physical memory in the direct
 * map, so an address there is returned directly (the firmware's MTRRs make
 * device ranges uncached); anything above is refused for now.
 */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/page.h>

void *ioremap(phys_addr_t phys, size_t size)
{
	if (!size || phys + size < phys || phys + size > EARLY_DIRECT_MAP_SIZE) {
		pr_warn("ioremap: [%#llx+%#zx] is outside the mapped 4 GiB\n",
			(unsigned long long)phys, size);
		return NULL;
	}
	return __va(phys);
}

void iounmap(void *addr)
{
}
