/*
 * x86-64 four-level page tables (PML4 -> PDPT -> PD -> PT), the entry
 * bits, and the kernel's mapping helpers (arch/x86_64/mm/pgtable.c).
 * Names as in Linux's asm/pgtable_types.h.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <linux/types.h>
#include <asm/page.h>

typedef u64 pteval_t;
typedef struct { pteval_t pgprot; } pgprot_t;

#define _PAGE_PRESENT (1ULL << 0)
#define _PAGE_RW (1ULL << 1)
#define _PAGE_USER (1ULL << 2)
#define _PAGE_PWT (1ULL << 3)
#define _PAGE_PCD (1ULL << 4)
#define _PAGE_ACCESSED (1ULL << 5)
#define _PAGE_DIRTY (1ULL << 6)
#define _PAGE_PSE (1ULL << 7)		/* 2 MiB / 1 GiB page */
#define _PAGE_GLOBAL (1ULL << 8)
#define _PAGE_NX (1ULL << 63)
#define PTE_PFN_MASK 0x000FFFFFFFFFF000ULL

/* With the PAT set up as Linux does (arch/x86_64/mm/pat.c): PWT alone
 * selects write-combining, PCD|PWT uncached. */
#define _PAGE_CACHE_WC _PAGE_PWT
#define _PAGE_CACHE_UC (_PAGE_PCD | _PAGE_PWT)

#define __PAGE_KERNEL_BASE (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_KERNEL ((pgprot_t){ __PAGE_KERNEL_BASE | _PAGE_RW | _PAGE_DIRTY | _PAGE_NX })
#define PAGE_KERNEL_RO ((pgprot_t){ __PAGE_KERNEL_BASE | _PAGE_NX })
#define PAGE_KERNEL_RX ((pgprot_t){ __PAGE_KERNEL_BASE })
#define PAGE_KERNEL_NOCACHE ((pgprot_t){ PAGE_KERNEL.pgprot | _PAGE_CACHE_UC })
#define PAGE_KERNEL_WC ((pgprot_t){ PAGE_KERNEL.pgprot | _PAGE_CACHE_WC })

#define PGDIR_SHIFT 39
#define PUD_SHIFT 30
#define PMD_SHIFT 21
#define PUD_SIZE (1UL << PUD_SHIFT)
#define PMD_SIZE (1UL << PMD_SHIFT)
#define PTRS_PER_TABLE 512

/* The kernel's virtual layout (see docs/memory.md). */
#define VMALLOC_START 0xFFFFC90000000000UL
#define VMALLOC_END 0xFFFFE8FFFFFFFFFFUL

/* What the page tables say about a virtual address. */
struct pte_info {
	phys_addr_t phys;
	pteval_t flags;
	unsigned int level;	/* 1: 4 KiB, 2: 2 MiB, 3: 1 GiB */
};

/**
 * map_kernel_range - map [@va, @va + @size) to [@pa, ...) with @prot
 *
 * Uses 1 GiB and 2 MiB pages where @allow_huge and alignment permit.
 * Return: 0, or -ENOMEM when a page-table page cannot be allocated
 * (whatever was mapped stays mapped; the caller unmaps).
 */
int map_kernel_range(unsigned long va, phys_addr_t pa, unsigned long size,
		     pgprot_t prot, bool allow_huge);
/* Removes 4 KiB mappings in [@va, @va + @size) and flushes the TLB. */
void unmap_kernel_range(unsigned long va, unsigned long size);
/* Walks the tables; returns false if @va is not mapped. */
bool lookup_address(unsigned long va, struct pte_info *info);

/* Page-table pages come from memblock until the buddy allocator runs. */
void pgtable_use_buddy(void);

/* Forget [@start, @end) in every online CPU's TLB (mm/tlb.c); waits. */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
/* The same for the other CPUs only: the caller flushed its own TLB. */
void flush_tlb_kernel_range_others(unsigned long start, unsigned long end);

/* Every kernel-half PML4 entry exists from boot on, so that the kernel
 * half of every address space (copied at pgd_alloc()) stays identical. */
void preallocate_kernel_pgd(void);
#define KERNEL_PGD_BOUNDARY 256		/* first kernel PML4 entry */

/*
 * User page tables (arch/x86_64/mm/pgtable_user.c), walked by the
 * portable kernel/mm/memory.c as Linux's mm/memory.c walks pgd..pte.
 * Callers hold mm->mmap_lock.
 */
struct mm_struct;
/* A new PML4 with the kernel half copied and the user half empty. */
pteval_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm);
/* Frees every page-table page below the user half of mm->pgd. */
void free_pgtables(struct mm_struct *mm);
/* The leaf entry for @addr, or NULL if a table on the way is missing. */
pteval_t *pte_offset(struct mm_struct *mm, unsigned long addr);
pteval_t *pte_offset_next(struct mm_struct *mm, unsigned long addr, unsigned long *next);
/* The same, making missing tables; NULL when a page cannot be had. */
pteval_t *pte_alloc(struct mm_struct *mm, unsigned long addr);
/* The leaf-entry bits for a VMA's VM_* flags (Linux's vm_get_page_prot):
 * private mappings are never writable here, see handle_mm_fault(). */
pteval_t vm_get_page_prot(unsigned long vm_flags);

/* A page kept under PROT_NONE: not present to the MMU, still ours. */
#define _PAGE_PROTNONE _PAGE_GLOBAL

/* No page at all (a PROT_NONE entry still holds one). */
static inline bool pte_none(pteval_t pte)
{
	return !pte;
}

static inline bool pte_present(pteval_t pte)
{
	return pte & _PAGE_PRESENT;
}

static inline bool pte_write(pteval_t pte)
{
	return pte & _PAGE_RW;
}

static inline unsigned long pte_pfn(pteval_t pte)
{
	return (pte & PTE_PFN_MASK) >> PAGE_SHIFT;
}

static inline pteval_t pfn_pte(unsigned long pfn, pteval_t prot)
{
	return ((pteval_t)pfn << PAGE_SHIFT) | prot;
}

static inline pteval_t pte_wrprotect(pteval_t pte)
{
	return pte & ~_PAGE_RW;
}

static inline pteval_t pte_mkwrite(pteval_t pte)
{
	return pte | _PAGE_RW | _PAGE_DIRTY;
}

/* User TLB flushes (arch/x86_64/mm/tlb.c): this CPU and every other CPU
 * that has @mm loaded (mm->cpu_bitmap). Context: interrupts on. */
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end);

static inline void flush_tlb_one(unsigned long va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

#endif
