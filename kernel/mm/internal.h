/*
 * Helpers shared by the user-memory files of kernel/mm (mmap.c,
 * mprotect.c, madvise.c, mremap.c, mm_struct.c), as Linux's
 * mm/internal.h. Callers hold mm->mmap_lock.
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <linux/mm.h>

extern int sysctl_max_map_count;

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);

/* Puts @vma in @mm's tree and list (no overlap allowed), counts it. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
/* Takes it out again (its pages must be gone or moved). */
void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma);
/* Unmaps @vma's pages, unlinks and frees it. */
void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma);

struct vm_area_struct *vma_prev(struct vm_area_struct *vma);
struct vm_area_struct *vma_next(struct vm_area_struct *vma);

/* Cuts @vma in two at @addr (page-aligned, strictly inside). Return:
 * 0, or -ENOMEM (no memory, or the map_count limit). */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);
/* Joins @vma with compatible neighbours; returns the surviving VMA. */
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
					    struct vm_area_struct *vma);

/* The lowest address a mapping below @vma may reach (stack guard gap). */
unsigned long vm_start_gap(const struct vm_area_struct *vma);

/* Makes every page of a shared anonymous VMA range exist now. */
int populate_shared_anon(struct vm_area_struct *vma, unsigned long start,
			 unsigned long end);

#endif
