/*
 * Building and changing the kernel's page tables: mapping ranges with the
 * largest pages that fit, unmapping, and walking. Mirrors the kernel-side
 * parts of Linux's arch/x86/mm/init_64.c (kernel_physical_mapping_init)
 * and mm/memory.c walkers.
 *
 * Locking: pgtable_lock serialises changes; readers (the MMU) need none.
 * Page-table pages are never freed: kernel ranges are reused (vmalloc).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/kernel_pgtable.h>
#include <spindle/mm.h>

pteval_t *kernel_pgd;		/* the kernel's PML4 (Linux's init_top_pgt) */
static bool use_buddy;
static DEFINE_RAW_SPINLOCK(pgtable_lock);

void pgtable_use_buddy(void)
{
	use_buddy = true;
}

/* A zeroed page for a page table, or NULL. Called under pgtable_lock
 * (interrupts off), so it must not sleep: GFP_NOWAIT, not GFP_KERNEL. */
static pteval_t *alloc_table(void)
{
	if (use_buddy) {
		struct page *page = alloc_page(GFP_NOWAIT | __GFP_ZERO | __GFP_NOWARN);

		if (!page)
			return NULL;
		SetPagePgtable(page);
		mod_mm_stat(NR_PAGETABLE_PAGES, 1);
		return page_address(page);
	} else {
		phys_addr_t pa = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);

		if (!pa)
			return NULL;
		mod_mm_stat(NR_PAGETABLE_PAGES, 1);
		return __va(pa);
	}
}

static unsigned int index_at(unsigned long va, unsigned int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PTRS_PER_TABLE - 1);
}

/* The table below @entry, made if missing; NULL on allocation failure. */
static pteval_t *next_table(pteval_t *entry)
{
	if (!(*entry & _PAGE_PRESENT)) {
		pteval_t *t = alloc_table();

		if (!t)
			return NULL;
		/* Upper levels allow everything; the leaf entry decides. */
		*entry = __pa(t) | _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED;
	}
	if (WARN_ON(*entry & _PAGE_PSE))
		return NULL;	/* would have to split a huge page */
	return __va(*entry & PTE_PFN_MASK);
}

static bool cpu_has_1g_pages(void)
{
	static int cached = -1;
	u32 a, b, c, d;

	if (cached < 0) {
		cpuid(0x80000001, &a, &b, &c, &d);
		cached = !!(d & (1U << 26));
	}
	return cached;
}

/* Maps one page of the largest size that fits at this point. */
static int map_one(unsigned long va, phys_addr_t pa, unsigned long left,
		   pteval_t prot, bool huge, unsigned long *mapped)
{
	pteval_t *table = kernel_pgd;
	unsigned int level;

	for (level = 4; level > 1; level--) {
		unsigned long size = 1UL << (PAGE_SHIFT + 9 * (level - 1));
		bool fits = huge && level <= 3 && !((va | pa) & (size - 1)) &&
			    left >= size && (level == 2 || cpu_has_1g_pages());

		if (fits) {
			table[index_at(va, level)] = pa | prot | _PAGE_PSE;
			*mapped = size;
			return 0;
		}
		table = next_table(&table[index_at(va, level)]);
		if (!table)
			return -ENOMEM;
	}
	table[index_at(va, 1)] = pa | prot;
	*mapped = PAGE_SIZE;
	return 0;
}

/*
 * The leaf (4 KiB) table for @va, made if missing; NULL on allocation
 * failure or if a huge page covers @va. Caller holds pgtable_lock.
 */
static pteval_t *pte_table(unsigned long va)
{
	pteval_t *table = kernel_pgd;

	for (unsigned int level = 4; level > 1 && table; level--)
		table = next_table(&table[index_at(va, level)]);
	return table;
}

/* 4 KiB pages from @va to the end of its leaf table, at most @pages. */
static unsigned long pages_left_in_table(unsigned long va, unsigned long pages)
{
	return min(pages, PTRS_PER_TABLE - index_at(va, 1));
}

/*
 * Maps @size bytes at @va to @pa. Huge pages where @allow_huge and the
 * alignment allow; otherwise the leaf entries, one table walk for every
 * run of entries in the same table (Linux's vmap_pte_range()). An entry
 * that was not present needs no TLB flush: x86 caches no absent entries.
 * One that was (a new cache type or permission over a live mapping) is
 * flushed here and, once the lock is dropped, on every other CPU.
 * Context: interrupts on when a present mapping may change (the shootdown
 * waits for the other CPUs).
 */
int map_kernel_range(unsigned long va, phys_addr_t pa, unsigned long size,
		     pgprot_t prot, bool allow_huge)
{
	unsigned long flags, done = 0;
	bool changed = allow_huge;	/* huge maps may replace a table */
	int err = 0;

	raw_spin_lock_irqsave(&pgtable_lock, flags);
	while (done < size) {
		unsigned long step, n;
		pteval_t *pte;

		if (allow_huge) {
			err = map_one(va + done, pa + done, size - done, prot.pgprot,
				      true, &step);
			if (err)
				break;
			flush_tlb_one(va + done);
			done += step;
			continue;
		}
		pte = pte_table(va + done);
		if (!pte) {
			err = -ENOMEM;
			break;
		}
		n = pages_left_in_table(va + done, (size - done) >> PAGE_SHIFT);
		for (unsigned long i = 0, at = va + done; i < n; i++, at += PAGE_SIZE) {
			pteval_t *e = &pte[index_at(at, 1)];
			bool was_present = *e & _PAGE_PRESENT;

			*e = (pa + done + i * PAGE_SIZE) | prot.pgprot;
			if (was_present) {
				flush_tlb_one(at);
				changed = true;
			}
		}
		done += n << PAGE_SHIFT;
	}
	raw_spin_unlock_irqrestore(&pgtable_lock, flags);
	if (changed)
		flush_tlb_kernel_range_others(va, va + done);
	return err;
}

/* The leaf entry for @va and its level, or NULL. */
static pteval_t *walk(unsigned long va, unsigned int *level_out)
{
	pteval_t *table = kernel_pgd;

	for (unsigned int level = 4; level >= 1; level--) {
		pteval_t *e = &table[index_at(va, level)];

		if (!(*e & _PAGE_PRESENT))
			return NULL;
		if (level == 1 || (*e & _PAGE_PSE)) {
			*level_out = level;
			return e;
		}
		table = __va(*e & PTE_PFN_MASK);
	}
	return NULL;
}

/*
 * Unmaps 4 KiB pages; one walk per leaf table, a local flush per page,
 * then a shootdown of the range on the other CPUs (Linux's
 * vunmap_range() + flush_tlb_kernel_range()): when this returns, no CPU
 * can reach the pages any more, so the caller may free them.
 * Context: interrupts on (the shootdown waits for the other CPUs).
 */
void unmap_kernel_range(unsigned long va, unsigned long size)
{
	unsigned long flags, start = va, end = va + size;

	raw_spin_lock_irqsave(&pgtable_lock, flags);
	while (va < end) {
		unsigned int level;
		pteval_t *e = walk(va, &level);
		unsigned long n;

		if (!e) {
			va += PAGE_SIZE;
			continue;
		}
		if (WARN_ON(level != 1))
			break;
		n = pages_left_in_table(va, (end - va) >> PAGE_SHIFT);
		for (unsigned long i = 0; i < n; i++, e++, va += PAGE_SIZE) {
			if (*e & _PAGE_PRESENT) {
				*e = 0;
				flush_tlb_one(va);
			}
		}
	}
	raw_spin_unlock_irqrestore(&pgtable_lock, flags);
	flush_tlb_kernel_range_others(start, end);
}

bool lookup_address(unsigned long va, struct pte_info *info)
{
	unsigned int level;
	pteval_t *e = walk(va, &level);
	unsigned long page_mask;

	if (!e)
		return false;
	page_mask = (1UL << (PAGE_SHIFT + 9 * (level - 1))) - 1;
	info->level = level;
	info->flags = *e & ~PTE_PFN_MASK;
	info->phys = (*e & PTE_PFN_MASK & ~(pteval_t)page_mask) | (va & page_mask);
	return true;
}

/**
 * preallocate_kernel_pgd - give every kernel-half PML4 entry its PDPT
 *
 * Each address space copies entries 256..511 of kernel_pgd once, at
 * pgd_alloc(). Making all 256 PDPTs now (1 MiB) means no later kernel
 * mapping (vmalloc, ioremap) ever adds a PML4 entry, so those copies
 * never go stale: Linux's preallocate_vmalloc_pages() for the same reason.
 * Context: boot, after pgtable_use_buddy(), one CPU.
 */
void preallocate_kernel_pgd(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&pgtable_lock, flags);
	for (unsigned int i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_TABLE; i++)
		if (!next_table(&kernel_pgd[i]))
			panic("preallocate_kernel_pgd: out of memory");
	raw_spin_unlock_irqrestore(&pgtable_lock, flags);
}
