/*
 * The user half of an address space's page tables, after Linux's
 * arch/x86/mm/pgtable.c (pgd_alloc, pgd_free) and the table allocation
 * and freeing of mm/memory.c (__pte_alloc, free_pgtables).
 *
 * A new PML4 copies entries 256..511 from kernel_pgd. Those point to
 * kernel PDPTs made at boot (preallocate_kernel_pgd()) and never freed,
 * so every later kernel mapping appears in every address space at once.
 * User tables carry _PAGE_USER at every level; the leaf decides rights.
 *
 * Simplified: tables emptied by munmap stay until the mm dies.
 * Locking: the caller holds mm->mmap_lock.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/pgtable.h>
#include <asm/kernel_pgtable.h>
#include <spindle/mm.h>

#define USER_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)

static pteval_t *alloc_user_table(struct mm_struct *mm)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);

	if (!page)
		return NULL;
	SetPagePgtable(page);
	mod_mm_stat(NR_PAGETABLE_PAGES, 1);
	mm->pgtables++;
	return page_address(page);
}

static void free_user_table(struct mm_struct *mm, pteval_t *table)
{
	struct page *page = virt_to_page(table);

	ClearPagePgtable(page);
	mod_mm_stat(NR_PAGETABLE_PAGES, -1);
	mm->pgtables--;
	__free_page(page);
}

pteval_t *pgd_alloc(struct mm_struct *mm)
{
	pteval_t *pgd = alloc_user_table(mm);

	if (!pgd)
		return NULL;
	memcpy(pgd + KERNEL_PGD_BOUNDARY, kernel_pgd + KERNEL_PGD_BOUNDARY,
	       (PTRS_PER_TABLE - KERNEL_PGD_BOUNDARY) * sizeof(pteval_t));
	return pgd;
}

void pgd_free(struct mm_struct *mm)
{
	free_user_table(mm, (pteval_t *)mm->pgd);
}

static unsigned int index_at(unsigned long va, unsigned int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PTRS_PER_TABLE - 1);
}

/* Frees the tables below @table (a table of @level) and their children. */
static void free_table_tree(struct mm_struct *mm, pteval_t *table,
			    unsigned int level, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		pteval_t *child;

		if (!pte_present(table[i]))
			continue;
		child = __va(table[i] & PTE_PFN_MASK);
		if (level > 2)
			free_table_tree(mm, child, level - 1, PTRS_PER_TABLE);
		free_user_table(mm, child);
		table[i] = 0;
	}
}

/**
 * free_pgtables - free the user half's tables below the PML4
 * @mm: an address space whose pages are all unmapped already
 *
 * Context: the last user is gone (mmput), or mmap_lock held.
 */
void free_pgtables(struct mm_struct *mm)
{
	free_table_tree(mm, (pteval_t *)mm->pgd, 4, KERNEL_PGD_BOUNDARY);
}

/* The entry for @addr, or NULL; then *@next (if given) is the end of
 * the hole a missing table leaves, so that walks over large sparse
 * ranges skip it whole instead of looking at every page. */
static pteval_t *walk_user(struct mm_struct *mm, unsigned long addr, bool alloc,
			   unsigned long *next)
{
	pteval_t *table = (pteval_t *)mm->pgd;

	if (next)
		*next = addr + PAGE_SIZE;
	if (WARN_ON_ONCE(addr >= TASK_SIZE))
		return NULL;
	for (unsigned int level = 4; level > 1; level--) {
		pteval_t *e = &table[index_at(addr, level)];

		if (!pte_present(*e)) {
			pteval_t *t;

			if (!alloc) {
				if (next)
					*next = (addr | ((PAGE_SIZE << (9 * (level - 1))) - 1)) + 1;
				return NULL;
			}
			t = alloc_user_table(mm);
			if (!t)
				return NULL;
			*e = __pa(t) | USER_TABLE;
		}
		table = __va(*e & PTE_PFN_MASK);
	}
	return &table[index_at(addr, 1)];
}

pteval_t *pte_offset(struct mm_struct *mm, unsigned long addr)
{
	return walk_user(mm, addr, false, NULL);
}

/**
 * pte_offset_next - pte_offset() for a walk over a range
 * @mm: the address space
 * @addr: page-aligned user address
 * @next: where the walk goes on: the next page, or past the hole when no
 *	  table covers @addr
 *
 * Return: the entry, or NULL when no page table covers @addr.
 */
pteval_t *pte_offset_next(struct mm_struct *mm, unsigned long addr, unsigned long *next)
{
	return walk_user(mm, addr, false, next);
}

pteval_t *pte_alloc(struct mm_struct *mm, unsigned long addr)
{
	return walk_user(mm, addr, true, NULL);
}

pteval_t vm_get_page_prot(unsigned long vm_flags)
{
	pteval_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	/* PROT_NONE keeps the page, invisible to the MMU (Linux's trick). */
	if (!(vm_flags & VM_ACCESS_FLAGS))
		return _PAGE_PROTNONE | _PAGE_USER | _PAGE_NX;
	if ((vm_flags & (VM_WRITE | VM_SHARED)) == (VM_WRITE | VM_SHARED))
		prot |= _PAGE_RW;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return prot;
}
