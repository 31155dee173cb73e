/*
 * Memory for loadable modules, as Linux's module_alloc() in
 * arch/x86/kernel/module.c: page frames mapped in MODULES_VADDR..
 * MODULES_END, the 1.5 GiB above the kernel image, because the module's
 * code is compiled for -mcmodel=kernel: it calls the kernel with 32-bit
 * displacements, and its own addresses must fit R_X86_64_32S.
 * Simplified: a first-fit list of areas sorted by address instead of
 * Linux's vmalloc trees; each area has an unmapped guard page below it.
 * Lock rules: module_area_lock (a mutex: allocation may sleep) guards
 * the list.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/moduleloader.h>
#include <asm/pgtable.h>
#include <asm/module.h>

struct module_area {
	struct list_head list;	/* in module_areas, by address */
	unsigned long start;
	unsigned long nr_pages;
	struct page *pages[];
};

static LIST_HEAD(module_areas);
static DEFINE_MUTEX(module_area_lock);

/* The first free range with room for @pages and a guard page: its start,
 * or 0; *@before is the area it must precede in the list. */
static unsigned long find_gap(unsigned long pages, struct list_head **before)
{
	unsigned long at = MODULES_VADDR, need = (pages + 1) * PAGE_SIZE;
	struct module_area *a;

	list_for_each_entry(a, &module_areas, list) {
		if (a->start - at >= need) {
			*before = &a->list;
			return at + PAGE_SIZE;
		}
		at = a->start + a->nr_pages * PAGE_SIZE;
	}
	*before = &module_areas;
	return MODULES_END - at >= need ? at + PAGE_SIZE : 0;
}

static void free_area_pages(struct module_area *a, unsigned long n)
{
	while (n--)
		__free_pages(a->pages[n], 0);
}

static int map_area(struct module_area *a)
{
	for (unsigned long i = 0; i < a->nr_pages; i++) {
		a->pages[i] = alloc_pages(GFP_KERNEL, 0);
		if (!a->pages[i] ||
		    map_kernel_range(a->start + i * PAGE_SIZE, PFN_PHYS(page_to_pfn(a->pages[i])),
				     PAGE_SIZE, PAGE_KERNEL, false)) {
			if (a->pages[i])
				i++;
			unmap_kernel_range(a->start, i * PAGE_SIZE);
			free_area_pages(a, i);
			return -ENOMEM;
		}
	}
	return 0;
}

void *module_alloc(unsigned long size)
{
	unsigned long pages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	struct list_head *before;
	struct module_area *a;

	if (!pages || pages > (MODULES_END - MODULES_VADDR) >> PAGE_SHIFT)
		return NULL;
	a = kmalloc(sizeof(*a) + pages * sizeof(a->pages[0]), GFP_KERNEL);
	if (!a)
		return NULL;
	mutex_lock(&module_area_lock);
	a->start = find_gap(pages, &before);
	a->nr_pages = pages;
	if (!a->start || map_area(a)) {
		mutex_unlock(&module_area_lock);
		kfree(a);
		return NULL;
	}
	list_add_tail(&a->list, before);
	mutex_unlock(&module_area_lock);
	return (void *)a->start;
}

void module_memfree(void *addr)
{
	struct module_area *a;

	if (!addr)
		return;
	mutex_lock(&module_area_lock);
	list_for_each_entry(a, &module_areas, list) {
		if (a->start != (unsigned long)addr)
			continue;
		list_del(&a->list);
		mutex_unlock(&module_area_lock);
		unmap_kernel_range(a->start, a->nr_pages * PAGE_SIZE);
		free_area_pages(a, a->nr_pages);
		kfree(a);
		return;
	}
	mutex_unlock(&module_area_lock);
	WARN(1, "module_memfree: %p was not allocated\n", addr);
}
