/*
 * Host shim for arch/x86_64/include/asm/page.h. In the kernel the direct
 * map puts physical address 0 at the constant PAGE_OFFSET; on the host,
 * "physical memory" is an mmap'ed arena (tests/host/mm_support.c), so
 * PAGE_OFFSET is the arena's address, a variable set when it is made.
 * __va() and __pa() stay the kernel's additions, so the kernel/mm files and
 * virt_addr_valid() compile unchanged.
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <linux/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

/* Where the arena starts: the host address of physical address 0. */
extern unsigned long host_direct_map;

#define PAGE_OFFSET host_direct_map

#define __va(pa) ((void *)((unsigned long)(pa) + PAGE_OFFSET))

static inline phys_addr_t __pa(const void *va)
{
	return (unsigned long)va - PAGE_OFFSET;
}

#endif
