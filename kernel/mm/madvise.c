/*
 * madvise(2), after Linux's mm/madvise.c. MADV_DONTNEED (and MADV_FREE,
 * which Linux lets free lazily) drop the private pages of the range:
 * the next touch gets zero-filled memory, or the file's data again. The
 * other advice is checked and accepted without effect.
 *
 * Differs from Linux: MADV_DONTNEED leaves shared anonymous pages alone
 * (they are that mapping's only copy here, see mmap.c); MADV_DONTFORK
 * is accepted but fork still copies the range.
 * Locking: takes mm->mmap_lock.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include "internal.h"

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_DONTNEED: case MADV_FREE:
	case MADV_DONTFORK: case MADV_DOFORK: case MADV_MERGEABLE:
	case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
	case MADV_DONTDUMP: case MADV_DODUMP:
		return true;
	default:
		return false;
	}
}

/* Applies @behavior to the mapped parts; -ENOMEM if there were holes. */
static int madvise_walk(struct mm_struct *mm, unsigned long start,
			unsigned long end, int behavior)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	unsigned long at = start;
	int err = 0;

	for (; vma && vma->vm_start < end; vma = vma_next(vma)) {
		unsigned long s = max(start, vma->vm_start), e = min(end, vma->vm_end);

		if (vma->vm_start > at)
			err = -ENOMEM;
		at = vma->vm_end;
		if (behavior != MADV_DONTNEED && behavior != MADV_FREE)
			continue;
		if (vma->vm_flags & (VM_LOCKED | VM_PFNMAP))
			return -EINVAL;
		if (!(vma->vm_flags & VM_SHARED))
			zap_page_range(vma, s, e);
	}
	return at >= end ? err : -ENOMEM;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, len;
	int err;

	if (!madvise_behavior_valid(behavior) || (start & ~PAGE_MASK))
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	mutex_lock(&mm->mmap_lock);
	err = madvise_walk(mm, start, end, behavior);
	mutex_unlock(&mm->mmap_lock);
	return err;
}
