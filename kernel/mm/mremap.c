/*
 * mremap(2), after Linux's mm/mremap.c: shrink a mapping in place, grow
 * it in place when the space above is free, or (MREMAP_MAYMOVE) move it
 * to a new place, page-table entries and all, so no page is copied.
 * MREMAP_FIXED moves to a given address.
 *
 * Not done: MREMAP_DONTUNMAP (-EINVAL), old_len 0 (duplicating a shared
 * mapping: -EINVAL).
 * Locking: takes mm->mmap_lock.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <asm/pgtable.h>
#include "internal.h"

/* Moves the entries of [@old, +@len) to @new; the tables there exist. */
static void move_ptes(struct mm_struct *mm, unsigned long old, unsigned long new,
		      unsigned long len)
{
	unsigned long next;

	for (unsigned long off = 0; off < len; off = next - old) {
		pteval_t *src = pte_offset_next(mm, old + off, &next);

		if (!src || pte_none(*src))
			continue;
		*pte_offset(mm, new + off) = *src;
		*src = 0;
	}
	flush_tlb_mm_range(mm, old, old + len);
}

/* Tables at @new for each entry of [@old, +@len) (only those: a large,
 * sparse mapping must not cost a table per 2 MiB). */
static int alloc_tables(struct mm_struct *mm, unsigned long old, unsigned long new,
			unsigned long len)
{
	unsigned long next;

	for (unsigned long off = 0; off < len; off = next - old) {
		pteval_t *src = pte_offset_next(mm, old + off, &next);

		if (src && !pte_none(*src) && !pte_alloc(mm, new + off))
			return -ENOMEM;
	}
	return 0;
}

/* @vma covers exactly [old, +@old_len): give it [@new, +@new_len). */
static unsigned long move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long new, unsigned long new_len)
{
	unsigned long old = vma->vm_start, old_len = vma->vm_end - vma->vm_start;
	struct vm_area_struct *moved;

	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	if (alloc_tables(mm, old, new, old_len))
		return -ENOMEM;	/* tables made stay: the mm frees them */
	moved = vm_area_dup(vma);
	if (!moved)
		return -ENOMEM;
	moved->vm_start = new;
	moved->vm_end = new + new_len;
	if (!moved->vm_file && !(moved->vm_flags & VM_SHARED))
		moved->vm_pgoff = new >> PAGE_SHIFT;
	move_ptes(mm, old, new, old_len);
	vma_unlink(mm, vma);
	vm_area_free(vma);
	vma_link(mm, moved);
	mm->total_vm += (new_len - old_len) >> PAGE_SHIFT;
	if ((moved->vm_flags & VM_SHARED) && !moved->vm_file &&
	    populate_shared_anon(moved, new + old_len, new + new_len)) {
		do_munmap(mm, new + old_len, new_len - old_len);
		return -ENOMEM;
	}
	vma_merge_neighbours(mm, moved);
	return new;
}

/* The VMA holding all of [@addr, +@old_len), split to exactly that. */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr,
					    unsigned long old_len, int *err)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	*err = -EFAULT;
	if (!vma || vma->vm_start > addr || old_len > vma->vm_end - addr)
		return NULL;
	*err = -ENOMEM;
	if (vma->vm_start < addr) {
		if (split_vma(mm, vma, addr))
			return NULL;
		vma = vma_next(vma);
	}
	if (vma->vm_end > addr + old_len && split_vma(mm, vma, addr + old_len))
		return NULL;
	*err = 0;
	return vma;
}

/* Grows @vma (ending at its old end) in place when nothing is above. */
static bool grow_in_place(struct mm_struct *mm, struct vm_area_struct *vma,
			  unsigned long new_len)
{
	struct vm_area_struct *next = vma_next(vma);
	unsigned long end = vma->vm_start + new_len, old_end = vma->vm_end;

	if (end > TASK_SIZE || (next && next->vm_start < end))
		return false;
	vma->vm_end = end;
	if ((vma->vm_flags & VM_SHARED) && !vma->vm_file &&
	    populate_shared_anon(vma, old_end, end)) {
		zap_page_range(vma, old_end, end);
		vma->vm_end = old_end;
		return false;
	}
	mm->total_vm += (end - old_end) >> PAGE_SHIFT;
	return true;
}

static unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			       unsigned long old_len, unsigned long new_len,
			       unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma;
	int err;

	if (flags & MREMAP_FIXED) {
		if ((new_addr & ~PAGE_MASK) || new_addr > TASK_SIZE - new_len ||
		    new_addr < mmap_min_addr)
			return -EINVAL;
		if (new_addr < addr + old_len && addr < new_addr + new_len)
			return -EINVAL;	/* overlapping ranges */
		err = do_munmap(mm, new_addr, new_len);
		if (err)
			return err;
	}
	if (old_len > new_len) {
		err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err)
			return err;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, &err);
	if (!vma)
		return err;
	if (new_len > old_len && (vma->vm_flags & (VM_WRITE | VM_NORESERVE)) == VM_WRITE &&
	    __vm_enough_memory(mm, (new_len - old_len) >> PAGE_SHIFT, 1))
		return -ENOMEM;
	if (!(flags & MREMAP_FIXED)) {
		if (old_len == new_len || grow_in_place(mm, vma, new_len))
			return addr;
		if (!(flags & MREMAP_MAYMOVE))
			return -ENOMEM;
		new_addr = get_unmapped_area(vma->vm_file, 0, new_len, vma->vm_pgoff,
					     (vma->vm_flags & VM_SHARED) ? MAP_SHARED : 0);
		if (IS_ERR_VALUE(new_addr))
			return new_addr;
	}
	return move_vma(mm, vma, new_addr, new_len);
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len,
		unsigned long, new_len, unsigned long, flags, unsigned long, new_addr)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) || (addr & ~PAGE_MASK))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len || !old_len || addr > TASK_SIZE - old_len ||
	    new_len > TASK_SIZE)
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	ret = do_mremap(mm, addr, old_len, new_len, flags, new_addr);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}
