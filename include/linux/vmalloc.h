/*
 * Virtually contiguous memory, as in Linux's include/linux/vmalloc.h:
 * vmalloc() maps separate page frames side by side in the vmalloc area,
 * so a large buffer needs no contiguous physical memory. Each area has an
 * unmapped guard page below it, so running off either end of an area
 * faults at once. Kernel stacks live here for that reason.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/gfp.h>

#define VM_ALLOC 0x02		/* pages from vmalloc() */
#define VM_KSTACK 0x04		/* a kernel stack (not Linux: VM_STACK is a VMA flag) */

#define VM_INLINE_PAGES 4	/* page pointers kept in the struct itself */

struct vm_struct {
	struct vm_struct *next;	/* hash chain */
	void *addr;		/* first mapped byte (the guard is below) */
	unsigned long size;	/* mapped bytes, a multiple of PAGE_SIZE */
	unsigned long flags;
	unsigned int nr_pages;
	unsigned int block_order;	/* > 0: pages are one buddy block */
	struct page **pages;	/* VM_ALLOC: the page frames */
	const char *owner;	/* VM_KSTACK: name of who uses it, for reports */
	/* Small areas (a kernel stack) need no separate pages array. */
	struct page *inline_pages[VM_INLINE_PAGES];
};

void vmalloc_init(void);

/* Reserves @size bytes (rounded up to pages) of the vmalloc area. */
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
void free_vm_area(struct vm_struct *area);
/* The area whose mapped part contains @addr, or NULL. */
struct vm_struct *find_vm_area(const void *addr);
/* The area whose guard page contains @addr, or NULL. Takes no lock, so
 * a fault handler may call it; the answer may be stale. */
struct vm_struct *find_vm_area_by_guard(const void *addr);

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void vfree(const void *addr);
/* vfree() of an area already in hand (no lookup), as for a stack. */
void vfree_area(struct vm_struct *area);
/* vmalloc() with explicit flags (VM_KSTACK marks and counts stack pages). */
void *__vmalloc_area(unsigned long size, gfp_t gfp, unsigned long vm_flags);

bool is_vmalloc_addr(const void *addr);

#endif
