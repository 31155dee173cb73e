/*
 * The boot-time memory allocator, as in Linux's include/linux/memblock.h:
 * a list of the RAM ranges the firmware reported and a list of ranges in
 * use (kernel image, boot data, early allocations). It serves allocations
 * until the page allocator exists, then hands it every free page.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

#define MEMBLOCK_ALLOC_ANYWHERE (~(phys_addr_t)0)

int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);

/* Only allocate below @limit (the early page tables map the low 4 GiB). */
void memblock_set_current_limit(phys_addr_t limit);

/**
 * memblock_phys_alloc - allocate boot memory
 * @size: bytes
 * @align: a power of two
 *
 * Return: the physical address (memory zeroed), or 0 when none is left.
 */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
/* The same inside [@start, @end) (the SMP trampoline: below 1 MiB). */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);

/* The RAM the firmware reported, in bytes, and its end. */
phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_end_of_DRAM(void);

/* Calls @fn for each range of RAM (not reserved ones), in address order. */
void memblock_for_each_mem_range(void (*fn)(phys_addr_t start, phys_addr_t end,
					     void *arg), void *arg);

/* Gives every page of RAM that is not reserved to the page allocator;
 * returns the number of pages released. */
unsigned long memblock_free_all(void);

void memblock_dump(void);

#endif
