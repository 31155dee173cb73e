/*
 * mprotect(2), after Linux's mm/mprotect.c: new rights for a range,
 * splitting regions at its edges, rewriting the present PTEs, and merging
 * regions that end up alike. Rights beyond a region's VM_MAY* bits are
 * refused (-EACCES).
 *
 * Differs from Linux: the whole range is checked for holes (-ENOMEM)
 * before anything changes, so a failed call changes nothing (except by
 * running out of memory for a split).
 * Locking: takes mm->mmap_lock.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include "internal.h"

#define PROT_SEM 0x8	/* accepted and ignored, as on x86 */

static unsigned long mprotect_newflags(const struct vm_area_struct *vma,
				       unsigned long prot)
{
	return (vma->vm_flags & ~VM_ACCESS_FLAGS) | calc_vm_prot_bits(prot);
}

/* Is [@start, @end) mapped without holes, and are the rights allowed? */
static int mprotect_check(struct mm_struct *mm, unsigned long start,
			  unsigned long end, unsigned long prot)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	unsigned long at = start;

	for (; vma && vma->vm_start < end; vma = vma_next(vma)) {
		unsigned long newflags = mprotect_newflags(vma, prot);

		if (vma->vm_start > at)
			return -ENOMEM;
		/* VM_MAYx sits 4 bits above VM_x: no right without its MAY. */
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS)
			return -EACCES;
		at = vma->vm_end;
	}
	return at >= end ? 0 : -ENOMEM;
}

static int mprotect_fixup(struct mm_struct *mm, struct vm_area_struct *vma,
			  unsigned long start, unsigned long end, unsigned long prot)
{
	unsigned long newflags = mprotect_newflags(vma, prot);
	int err;

	if (newflags == vma->vm_flags)
		return 0;
	if (vma->vm_start < start) {
		err = split_vma(mm, vma, start);
		if (err)
			return err;
		vma = vma_next(vma);
	}
	if (vma->vm_end > end) {
		err = split_vma(mm, vma, end);
		if (err)
			return err;
	}
	vma->vm_flags = newflags;
	change_protection(vma, vma->vm_start, vma->vm_end, newflags);
	vma_merge_neighbours(mm, vma);
	return 0;
}

/**
 * do_mprotect - give [@start, @start + @len) of current->mm the rights @prot
 * @start: page-aligned
 * @len: bytes, rounded up to pages
 * @prot: PROT_READ/WRITE/EXEC (PROT_GROWSDOWN: from the stack's start)
 *
 * Return: 0, -EINVAL (misaligned, unknown bits), -ENOMEM (not all
 * mapped, or no memory for a split), -EACCES (beyond VM_MAY*).
 */
int do_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end;
	int err;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM | PROT_GROWSDOWN |
		     PROT_GROWSUP))
		return -EINVAL;
	if ((prot & PROT_GROWSDOWN) && (prot & PROT_GROWSUP))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start || end > TASK_SIZE)
		return -ENOMEM;
	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, start);
	err = -ENOMEM;
	if (!vma)
		goto out;
	err = -EINVAL;
	if (prot & PROT_GROWSUP)
		goto out;
	if (prot & PROT_GROWSDOWN) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || vma->vm_start > start)
			goto out;
		start = vma->vm_start;
	}
	prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
	err = mprotect_check(mm, start, end, prot);
	/* start < end: a region reaching past @end still "intersects" the
	 * empty range [end, end), and would be found again and again. */
	while (!err && start < end && (vma = find_vma_intersection(mm, start, end))) {
		unsigned long next = min(vma->vm_end, end);

		err = mprotect_fixup(mm, vma, start, end, prot);
		start = next;
	}
out:
	mutex_unlock(&mm->mmap_lock);
	return err;
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	return do_mprotect(start, len, prot);
}
