/*
 * set_memory_ro/rw/x/nx, as Linux's arch/x86/mm/pat/set_memory.c, for
 * 4 KiB kernel mappings only (module memory, the vmalloc area): each page
 * is mapped again to the same frame with the changed bits, and
 * map_kernel_range() flushes the TLBs, here and on the other CPUs.
 * Simplified: no splitting of huge pages (a huge page is refused).
 * Context: may flush other CPUs' TLBs, so interrupts must be on.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/pgtable.h>
#include <asm/set_memory.h>

static int change_page_attr(unsigned long addr, int numpages, pteval_t set,
			    pteval_t clear)
{
	for (int i = 0; i < numpages; i++, addr += PAGE_SIZE) {
		struct pte_info info;
		pgprot_t prot;
		int err;

		if (!lookup_address(addr, &info) || WARN_ON(info.level != 1))
			return -EINVAL;
		prot.pgprot = (info.flags & ~clear) | set;
		err = map_kernel_range(addr, info.phys, PAGE_SIZE, prot, false);
		if (err)
			return err;
	}
	return 0;
}

int set_memory_ro(unsigned long addr, int numpages)
{
	return change_page_attr(addr, numpages, 0, _PAGE_RW);
}

int set_memory_rw(unsigned long addr, int numpages)
{
	return change_page_attr(addr, numpages, _PAGE_RW, 0);
}

int set_memory_x(unsigned long addr, int numpages)
{
	return change_page_attr(addr, numpages, 0, _PAGE_NX);
}

int set_memory_nx(unsigned long addr, int numpages)
{
	return change_page_attr(addr, numpages, _PAGE_NX, 0);
}
