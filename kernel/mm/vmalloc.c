/*
 * The vmalloc area, after Linux's mm/vmalloc.c: virtual ranges handed
 * out for vmalloc(), kernel stacks and ioremap(). Every area is preceded
 * by one unmapped guard page, so an overflow past either end faults: a
 * stack running down hits its own guard, a buffer running up hits the
 * guard of the next area.
 *
 * Simplified: instead of Linux's red-black trees of busy and free ranges,
 * freed ranges go to a free list per size (in pages) and are reused whole,
 * with their descriptor; new ranges come from a bump pointer. Kernel
 * stacks are all one size, so creating and freeing threads reuses ranges
 * in O(1). A hash table finds the area for an address. A stack's four
 * pages are one buddy block when memory allows, mapped in one run.
 * Accounting: every mapped page counts in VmallocUsed (stacks too, as in
 * Linux); kernel/fork.c counts the stacks in use as KernelStack.
 * Locking: vmap_lock guards the lists, the hash and the bump pointer.
 */
#include <linux/vmalloc.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <asm/pgtable.h>
#include <spindle/mm.h>

#define VMAP_HASH_SIZE 1024
#define VMAP_REUSE_MAX_PAGES 64	/* ranges up to this size are recycled */

static struct vm_struct *vmap_hash[VMAP_HASH_SIZE];
static struct vm_struct *free_by_size[VMAP_REUSE_MAX_PAGES + 1];
static unsigned long vmap_next = VMALLOC_START;
static DEFINE_RAW_SPINLOCK(vmap_lock);

static unsigned int hash_addr(const void *addr)
{
	return ((unsigned long)addr >> PAGE_SHIFT) % VMAP_HASH_SIZE;
}

bool is_vmalloc_addr(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a >= VMALLOC_START && a < VMALLOC_END;
}

/* A recycled range of @pages pages with its descriptor, or NULL.
 * Caller holds vmap_lock. */
static struct vm_struct *reuse_range(unsigned long pages)
{
	struct vm_struct *area = NULL;

	if (pages <= VMAP_REUSE_MAX_PAGES && (area = free_by_size[pages]))
		free_by_size[pages] = area->next;
	return area;
}

/* A new range of @pages pages plus the guard below, for @area, or NULL
 * when the vmalloc area is full. Caller holds vmap_lock. */
static struct vm_struct *new_range(unsigned long pages, struct vm_struct *area)
{
	unsigned long span = (pages + 1) * PAGE_SIZE;

	if (VMALLOC_END - vmap_next < span)
		return NULL;
	area->addr = (void *)(vmap_next + PAGE_SIZE);
	area->size = pages * PAGE_SIZE;
	vmap_next += span;
	return area;
}

/* Caller holds vmap_lock. */
static void hash_area(struct vm_struct *area)
{
	unsigned int h = hash_addr(area->addr);

	area->next = vmap_hash[h];
	vmap_hash[h] = area;
}

/**
 * get_vm_area - reserve part of the vmalloc area
 * @size: bytes, rounded up to whole pages
 * @flags: VM_* for reports
 *
 * A range freed earlier with the same number of pages comes back with
 * its descriptor (and its page tables), so a stack costs no allocation
 * here; only a new range needs a descriptor.
 * Context: may allocate; not from interrupts.
 * Return: the area (nothing mapped yet), or NULL.
 */
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	unsigned long pages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	struct vm_struct *area, *fresh = NULL;
	unsigned long irqflags;

	if (!pages)
		return NULL;
	raw_spin_lock_irqsave(&vmap_lock, irqflags);
	area = reuse_range(pages);
	if (area)
		hash_area(area);
	raw_spin_unlock_irqrestore(&vmap_lock, irqflags);
	if (!area) {
		fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
		if (!fresh)
			return NULL;
		raw_spin_lock_irqsave(&vmap_lock, irqflags);
		area = new_range(pages, fresh);
		if (area)
			hash_area(area);
		raw_spin_unlock_irqrestore(&vmap_lock, irqflags);
		if (!area) {
			kfree(fresh);
			return NULL;
		}
	}
	area->flags = flags;
	area->nr_pages = 0;
	area->block_order = 0;
	area->pages = NULL;
	area->owner = NULL;
	return area;
}

static struct vm_struct *unhash(const void *addr)
{
	struct vm_struct **p = &vmap_hash[hash_addr(addr)];

	for (; *p; p = &(*p)->next) {
		if ((*p)->addr == addr) {
			struct vm_struct *area = *p;

			*p = area->next;
			return area;
		}
	}
	return NULL;
}

/* Gives the range back; the caller has unmapped it already. */
void free_vm_area(struct vm_struct *area)
{
	unsigned long pages = area->size >> PAGE_SHIFT, flags;

	raw_spin_lock_irqsave(&vmap_lock, flags);
	if (WARN_ON(unhash(area->addr) != area)) {
		raw_spin_unlock_irqrestore(&vmap_lock, flags);
		return;
	}
	if (pages <= VMAP_REUSE_MAX_PAGES) {
		area->next = free_by_size[pages];
		free_by_size[pages] = area;
		area = NULL;
	}
	raw_spin_unlock_irqrestore(&vmap_lock, flags);
	kfree(area);	/* a large range is not reused: drop its descriptor */
}

/* Caller holds vmap_lock, or is a fault handler that accepts a stale answer. */
static struct vm_struct *__find_vm_area(unsigned long a)
{
	/* Areas start on a page boundary; small ones are found at once. */
	for (unsigned long page = ALIGN_DOWN(a, PAGE_SIZE), n = 0;
	     n <= VMAP_REUSE_MAX_PAGES && page >= VMALLOC_START;
	     page -= PAGE_SIZE, n++) {
		for (struct vm_struct *v = vmap_hash[hash_addr((void *)page)]; v;
		     v = v->next)
			if (v->addr == (void *)page)
				return a < page + v->size ? v : NULL;
	}
	return NULL;
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vm_struct *found;
	unsigned long flags;

	if (!is_vmalloc_addr(addr))
		return NULL;
	raw_spin_lock_irqsave(&vmap_lock, flags);
	found = __find_vm_area((unsigned long)addr);
	raw_spin_unlock_irqrestore(&vmap_lock, flags);
	return found;
}

struct vm_struct *find_vm_area_by_guard(const void *addr)
{
	unsigned long above = ALIGN_DOWN((unsigned long)addr, PAGE_SIZE) + PAGE_SIZE;
	struct vm_struct *area;

	if (!is_vmalloc_addr((void *)above))
		return NULL;
	area = __find_vm_area(above);
	return area && area->addr == (void *)above ? area : NULL;
}

static void unmap_and_free_pages(struct vm_struct *area)
{
	unsigned int n = area->nr_pages;

	unmap_kernel_range((unsigned long)area->addr, area->size);
	for (unsigned int i = 0; i < n; i++)
		if (area->flags & VM_KSTACK)
			ClearPageStack(area->pages[i]);
	if (area->block_order) {
		__free_pages(area->pages[0], area->block_order);
	} else {
		for (unsigned int i = 0; i < n; i++)
			__free_page(area->pages[i]);
	}
	mod_mm_stat(NR_VMALLOC_PAGES, -(long)n);
	if (area->pages != area->inline_pages)
		kfree(area->pages);
	area->pages = NULL;
	area->nr_pages = 0;
	area->block_order = 0;
}

/*
 * A small power-of-two area (a 16 KiB stack) tries one buddy block
 * first: one allocation and one free instead of four, and one run of
 * entries to map. Fragmented memory falls back to single pages.
 */
static bool alloc_block(struct vm_struct *area, unsigned int n, gfp_t gfp)
{
	unsigned int order = n ? __builtin_ctz(n) : 0;
	struct page *block;

	if (n < 2 || n > VM_INLINE_PAGES || n != 1U << order)
		return false;
	block = alloc_pages(gfp | __GFP_NOWARN, order);
	if (!block)
		return false;
	for (unsigned int i = 0; i < n; i++)
		area->pages[i] = block + i;
	area->nr_pages = n;
	area->block_order = order;
	return true;
}

/* Allocates and maps the pages of @area; on failure undoes it all. */
static int populate_area(struct vm_struct *area, gfp_t gfp)
{
	unsigned int n = area->size >> PAGE_SHIFT;

	if (n <= VM_INLINE_PAGES)
		area->pages = area->inline_pages;
	else
		area->pages = kcalloc(n, sizeof(struct page *), gfp);
	if (!area->pages)
		return -ENOMEM;
	if (!alloc_block(area, n, gfp)) {
		for (; area->nr_pages < n; area->nr_pages++) {
			struct page *page = alloc_page(gfp | __GFP_NOWARN);

			if (!page)
				goto fail;
			area->pages[area->nr_pages] = page;
		}
	}
	mod_mm_stat(NR_VMALLOC_PAGES, n);
	for (unsigned int i = 0; i < n; i++)
		if (area->flags & VM_KSTACK)
			SetPageStack(area->pages[i]);
	if (area->block_order) {
		if (map_kernel_range((unsigned long)area->addr,
				     PFN_PHYS(page_to_pfn(area->pages[0])), area->size,
				     PAGE_KERNEL, false))
			goto fail_mapped;
		return 0;
	}
	for (unsigned int i = 0; i < n; i++)
		if (map_kernel_range((unsigned long)area->addr + i * PAGE_SIZE,
				     PFN_PHYS(page_to_pfn(area->pages[i])), PAGE_SIZE,
				     PAGE_KERNEL, false))
			goto fail_mapped;
	return 0;
fail:
	mod_mm_stat(NR_VMALLOC_PAGES, area->nr_pages);
fail_mapped:
	unmap_and_free_pages(area);
	return -ENOMEM;
}

void *__vmalloc_area(unsigned long size, gfp_t gfp, unsigned long vm_flags)
{
	struct vm_struct *area = get_vm_area(size, VM_ALLOC | vm_flags);

	if (!area)
		return NULL;
	if (populate_area(area, gfp)) {
		free_vm_area(area);
		return NULL;
	}
	return area->addr;
}

void *vmalloc(unsigned long size)
{
	return __vmalloc_area(size, GFP_KERNEL, 0);
}

void *vzalloc(unsigned long size)
{
	return __vmalloc_area(size, GFP_KERNEL | __GFP_ZERO, 0);
}

/**
 * vfree - release memory from vmalloc()
 * @addr: what vmalloc() returned, or NULL
 *
 * An address that vmalloc() did not return is reported and left alone.
 */
void vfree(const void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area(addr);
	if (!area || area->addr != addr || !(area->flags & VM_ALLOC)) {
		pr_err("vfree: %px was not returned by vmalloc\n", addr);
		WARN_ON(1);
		return;
	}
	vfree_area(area);
}

void vfree_area(struct vm_struct *area)
{
	unmap_and_free_pages(area);
	free_vm_area(area);
}

void vmalloc_init(void)
{
	pr_info("vmalloc: area %#lx-%#lx, one guard page below each range\n",
		VMALLOC_START, VMALLOC_END);
}
