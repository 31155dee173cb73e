/*
 * Address-space constants. The direct map (Linux's PAGE_OFFSET) maps
 * physical memory at a fixed offset, so __va()/__pa() are additions.
 * Early boot maps the first 4 GiB there (arch/x86_64/boot/head.asm).
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <linux/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

#define PAGE_OFFSET 0xFFFF888000000000UL
#define KERNEL_VMA 0xFFFFFFFF80000000UL
#define EARLY_DIRECT_MAP_SIZE (4UL << 30)

#define __va(pa) ((void *)((unsigned long)(pa) + PAGE_OFFSET))

static inline phys_addr_t __pa(const void *va)
{
	unsigned long v = (unsigned long)va;

	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - PAGE_OFFSET;
}

#endif
