/*
 * The life cycle of an address space: mm_alloc, mmget/mmput,
 * mmgrab/mmdrop, fork's dup_mm, exec's exec_mmap, exit's exit_mm. In
 * Linux these live in kernel/fork.c, kernel/exit.c and fs/exec.c, which
 * the lead owns here; they are kept apart in kernel/mm so that the
 * memory code stays in one place.
 *
 * Lifetime: mm_users counts tasks (and kernel users, kthread_use_mm);
 * the last mmput() unmaps everything and frees the user page tables, then
 * drops the mm_count all users share. The last mmdrop() frees the PML4
 * and the struct: a CPU may keep the mm loaded lazily until then.
 * Locking: mmap_lock of the mm being changed (dup_mm: the parent's).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/preempt.h>
#include <asm/pgtable.h>
#include <asm/irqflags.h>
#include "internal.h"

/* Where mmap() searches down from: below a 128 MiB stack gap, as Linux's
 * mmap_base() for the default 8 MiB RLIMIT_STACK (no randomisation).
 * exec may set mm->mmap_base otherwise. */
#define MMAP_BASE_GAP (128UL << 20)

/**
 * mm_alloc - a new, empty address space
 *
 * Its PML4 shares the kernel half with every other address space.
 * Return: the mm with mm_users = mm_count = 1, or NULL.
 */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->mm_rb = RB_ROOT;
	INIT_LIST_HEAD(&mm->mmap_list);
	mutex_init(&mm->mmap_lock);
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	mm->mmap_base = TASK_SIZE - MMAP_BASE_GAP;
	mm->pgd = (unsigned long *)pgd_alloc(mm);
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	return mm;
}

/* Last mm_count reference: no CPU has @mm loaded any more. */
void __mmdrop(struct mm_struct *mm)
{
	if (WARN_ON(mm == &init_mm))
		return;
	WARN_ON(mm->cpu_bitmap);
	pgd_free(mm);
	WARN_ON(mm->pgtables);
	kfree(mm);
}

/* Unmaps every region and frees the page tables (Linux's exit_mmap). */
static void exit_mmap(struct mm_struct *mm)
{
	mutex_lock(&mm->mmap_lock);
	while (!list_empty(&mm->mmap_list))
		remove_vma(mm, list_first_entry(&mm->mmap_list,
						struct vm_area_struct, vm_list));
	free_pgtables(mm);
	WARN_ON(mm->rss_anon || mm->map_count || mm->total_vm);
	mutex_unlock(&mm->mmap_lock);
}

/**
 * mmput - drop a user of @mm
 * @mm: the address space
 *
 * The last user unmaps everything (every page loses this mm's reference)
 * and frees the user page tables; the struct and PML4 go with the last
 * mmdrop(), once no CPU holds them lazily.
 * Context: process context; may sleep.
 */
void mmput(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->mm_users))
		return;
	exit_mmap(mm);
	mmdrop(mm);
}

/* Copies one region and its entries into @mm. */
static int dup_vma(struct mm_struct *mm, struct vm_area_struct *src)
{
	struct vm_area_struct *vma = vm_area_dup(src);

	if (!vma)
		return -ENOMEM;
	vma->vm_mm = mm;
	vma_link(mm, vma);
	mm->total_vm += vma_pages(vma);
	return copy_page_range(vma, src);
}

/* The layout fields exec set, which the child inherits. */
static void dup_mm_layout(struct mm_struct *mm, const struct mm_struct *oldmm)
{
	mm->mmap_base = oldmm->mmap_base;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mm->def_flags = oldmm->def_flags;
	memcpy(mm->saved_auxv, oldmm->saved_auxv, sizeof(mm->saved_auxv));
}

/**
 * dup_mm - fork's copy of an address space
 * @tsk: the child (unused: the copy does not depend on it)
 * @oldmm: the parent's address space
 *
 * Every region is copied; private pages become copy-on-write in both
 * (read-only entries, one more reference each), shared ones stay shared.
 * The parent's TLB is flushed, since its writable entries became
 * read-only. On failure everything copied so far is released.
 * Context: process context; takes @oldmm->mmap_lock.
 * Return: the child's mm (mm_users = 1), or NULL.
 */
struct mm_struct *dup_mm(struct task_struct *tsk, struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;
	int err = 0;

	if (!mm)
		return NULL;
	mutex_lock(&oldmm->mmap_lock);
	dup_mm_layout(mm, oldmm);
	list_for_each_entry(vma, &oldmm->mmap_list, vm_list) {
		if (vma->vm_flags & VM_DONTCOPY)
			continue;
		err = dup_vma(mm, vma);
		if (err)
			break;
	}
	flush_tlb_mm_range(oldmm, 0, TASK_SIZE);
	mutex_unlock(&oldmm->mmap_lock);
	if (err) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

/*
 * Loads @mm for current and makes it current's mm, with interrupts off so
 * that the scheduler never sees mm and the loaded tables disagree.
 * Returns the previous active_mm, whose reference the caller now holds.
 */
static struct mm_struct *switch_current_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old_active = tsk->active_mm;
	unsigned long flags;

	local_irq_save(flags);
	tsk->mm = mm;
	tsk->active_mm = mm;
	switch_mm(old_active, mm, tsk);
	local_irq_restore(flags);
	return old_active;
}

/**
 * exec_mmap - make @mm current's address space (execve's point of no return)
 * @mm: a new address space from mm_alloc(), built by the ELF loader
 *
 * Loads @mm on this CPU, then drops current's old mm (mmput) or, for a
 * kernel thread becoming a process, the lazily borrowed one (mmdrop).
 * Context: process context.
 * Return: 0.
 */
int exec_mmap(struct mm_struct *mm)
{
	struct mm_struct *old_mm = current->mm;
	struct mm_struct *old_active = switch_current_mm(mm);

	if (old_mm) {
		mmput(old_mm);
		return 0;
	}
	if (old_active)
		mmdrop(old_active);
	return 0;
}

/**
 * exit_mm - current leaves its address space (do_exit)
 *
 * current->mm becomes NULL, so current is a kernel thread until it dies;
 * the mm stays loaded as active_mm (lazy TLB) and is let go by the next
 * context switch. Context: process context.
 */
void exit_mm(void)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	mmgrab(mm);		/* held as active_mm from now on */
	preempt_disable();
	tsk->mm = NULL;
	preempt_enable();
	mmput(mm);
}
