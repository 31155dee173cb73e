/*
 * The pages of user address spaces, after Linux's mm/memory.c: demand
 * paging (a page is made by the first fault on it: zero-filled for
 * anonymous memory, read from the file for a private file mapping),
 * copy-on-write after fork, copying a VMA's entries at fork, unmapping
 * a range (zap) and changing its protection.
 *
 * Simplified: no page cache (a private file page is read into a page of
 * its own at the first fault, so every user page is "anonymous"), no
 * swap, no huge pages, no zero page (a read fault allocates).
 * Locking: callers hold vma->vm_mm->mmap_lock, which also guards the
 * page tables. Page references: one per PTE mapping the page.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <asm/pgtable.h>

/* Pages of an unmapped range, freed only after the TLB flush (Linux's
 * struct mmu_gather, on the stack and flushed whenever it fills). */
#define ZAP_BATCH 32

struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start, end;	/* range to flush */
	unsigned int nr;
	struct page *pages[ZAP_BATCH];
};

static void tlb_flush_mmu(struct mmu_gather *tlb)
{
	if (tlb->end > tlb->start)
		flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end);
	for (unsigned int i = 0; i < tlb->nr; i++)
		put_page(tlb->pages[i]);
	tlb->nr = 0;
	tlb->start = tlb->end = 0;
}

static void tlb_remove_page(struct mmu_gather *tlb, struct page *page,
			    unsigned long addr)
{
	if (tlb->end == tlb->start)
		tlb->start = addr;
	tlb->end = addr + PAGE_SIZE;
	tlb->pages[tlb->nr++] = page;
	if (tlb->nr == ZAP_BATCH)
		tlb_flush_mmu(tlb);
}

/**
 * zap_page_range - unmap and release the pages of [@start, @end) in @vma
 * @vma: the region (its mm's mmap_lock held)
 * @start: page-aligned, inside @vma
 * @end: page-aligned, inside @vma
 *
 * Each page loses the reference its PTE held; the last one frees it, after
 * every CPU using the mm has forgotten the mapping.
 */
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end)
{
	struct mmu_gather tlb = { .mm = vma->vm_mm };
	unsigned long next;

	for (unsigned long addr = start; addr < end; addr = next) {
		pteval_t *pte = pte_offset_next(vma->vm_mm, addr, &next);

		if (!pte || pte_none(*pte))
			continue;
		tlb_remove_page(&tlb, pfn_to_page(pte_pfn(*pte)), addr);
		*pte = 0;
		vma->vm_mm->rss_anon--;
	}
	tlb_flush_mmu(&tlb);
}

/**
 * copy_page_range - fork's copy of @src's entries into @dst
 * @dst: the child's VMA (same range and flags)
 * @src: the parent's
 *
 * Both share every page, which gains a reference. A private page loses
 * write access in both, so that the first write in either copies it
 * (do_wp_page()). The caller flushes the parent's TLB.
 * Return: 0, or -ENOMEM when a page-table page cannot be had (what was
 * copied stays in @dst, for the caller's mmput() to release).
 */
int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	bool cow = !(src->vm_flags & VM_SHARED);
	unsigned long next;

	for (unsigned long addr = src->vm_start; addr < src->vm_end; addr = next) {
		pteval_t *spte = pte_offset_next(src->vm_mm, addr, &next), *dpte;

		if (!spte || pte_none(*spte))
			continue;
		dpte = pte_alloc(dst->vm_mm, addr);
		if (!dpte)
			return -ENOMEM;
		if (cow)
			*spte = pte_wrprotect(*spte);
		get_page(pfn_to_page(pte_pfn(*spte)));
		*dpte = *spte;
		dst->vm_mm->rss_anon++;
	}
	return 0;
}

/**
 * change_protection - give the pages of [@start, @end) @newflags' rights
 * @vma: the region, whose vm_flags the caller sets to @newflags
 * @start: page-aligned
 * @end: page-aligned
 * @newflags: VM_* flags
 *
 * Private pages come out read-only even under VM_WRITE: the next write
 * faults and keeps (or copies) the page, as after fork.
 */
void change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long newflags)
{
	pteval_t prot = vm_get_page_prot(newflags);
	bool changed = false;
	unsigned long next;

	for (unsigned long addr = start; addr < end; addr = next) {
		pteval_t *pte = pte_offset_next(vma->vm_mm, addr, &next);

		if (!pte || pte_none(*pte))
			continue;
		*pte = pfn_pte(pte_pfn(*pte), prot);
		changed = true;
	}
	if (changed)
		flush_tlb_mm_range(vma->vm_mm, start, end);
}

struct page *follow_page(struct mm_struct *mm, unsigned long addr)
{
	pteval_t *pte = pte_offset(mm, addr & PAGE_MASK);

	if (!pte || pte_none(*pte))
		return NULL;
	return pfn_to_page(pte_pfn(*pte));
}

/* A new page's entry: writable at once where the VMA is (the page is
 * this mapping's alone), as Linux's do_anonymous_page(). */
static pteval_t new_page_pte(struct vm_area_struct *vma, struct page *page)
{
	pteval_t entry = pfn_pte(page_to_pfn(page), vm_get_page_prot(vma->vm_flags));

	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite(entry);
	return entry;
}

/* Fills @page from the file behind @vma at @address's offset. */
static vm_fault_t read_file_page(struct vm_area_struct *vma, unsigned long address,
				 struct page *page)
{
	loff_t pos = (loff_t)(vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT))
		     << PAGE_SHIFT;
	ssize_t n = kernel_read(vma->vm_file, page_address(page), PAGE_SIZE, &pos);

	/* A page wholly past the end of the file: SIGBUS, as Linux. */
	return n <= 0 ? VM_FAULT_SIGBUS : 0;
}

/* No page yet: make one (Linux's do_anonymous_page()/do_read_fault()). */
static vm_fault_t do_no_page(struct vm_area_struct *vma, unsigned long address,
			     pteval_t *pte)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);
	vm_fault_t ret;

	if (!page)
		return VM_FAULT_OOM;
	if (vma->vm_file) {
		ret = read_file_page(vma, address, page);
		if (ret) {
			put_page(page);
			return ret;
		}
	}
	*pte = new_page_pte(vma, page);
	vma->vm_mm->rss_anon++;
	return 0;
}

/*
 * A write to a present read-only page of a writable VMA: copy-on-write
 * (Linux's do_wp_page()). A page no one else maps any more is simply made
 * writable; a shared one is copied, and this mapping drops its reference.
 */
static vm_fault_t do_wp_page(struct vm_area_struct *vma, unsigned long address,
			     pteval_t *pte)
{
	struct page *old = pfn_to_page(pte_pfn(*pte)), *new;

	if ((vma->vm_flags & VM_SHARED) || page_count(old) == 1) {
		*pte = pte_mkwrite(*pte);
		flush_tlb_one(address);
		return 0;
	}
	new = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	if (!new)
		return VM_FAULT_OOM;
	memcpy(page_address(new), page_address(old), PAGE_SIZE);
	*pte = new_page_pte(vma, new);
	flush_tlb_mm_range(vma->vm_mm, address, address + PAGE_SIZE);
	put_page(old);
	return 0;
}

/**
 * handle_mm_fault - make @address of @vma accessible as @flags ask
 * @vma: the region holding @address, rights already checked
 * @address: the faulting address
 * @flags: FAULT_FLAG_WRITE, FAULT_FLAG_USER, FAULT_FLAG_INSTRUCTION
 * @regs: the fault's registers (unused: no fault accounting by regs)
 *
 * Context: vma->vm_mm->mmap_lock held; process context, may sleep.
 * Return: 0, or VM_FAULT_OOM / VM_FAULT_SIGBUS. Nothing is left
 * allocated on failure but page-table pages, which the mm keeps.
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, struct pt_regs *regs)
{
	pteval_t *pte;

	address &= PAGE_MASK;
	pte = pte_alloc(vma->vm_mm, address);
	if (!pte)
		return VM_FAULT_OOM;
	if (pte_none(*pte))
		return do_no_page(vma, address, pte);
	if ((flags & FAULT_FLAG_WRITE) && !pte_write(*pte))
		return do_wp_page(vma, address, pte);
	/* Fixed already (another thread, or a stale TLB entry here). */
	flush_tlb_one(address);
	return 0;
}
