/*
 * Address spaces and the tasks that use them, as Linux's
 * include/linux/sched/mm.h: the two reference counts of struct mm_struct
 * (see linux/mm_types.h), fork's copy, exec's switch, exit's release.
 * Implemented in kernel/mm/mm_struct.c.
 */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H

#include <linux/mm_types.h>
#include <linux/atomic.h>

struct task_struct;

/* A new, empty address space (kernel half shared), mm_users = 1; or NULL. */
struct mm_struct *mm_alloc(void);

/* mm_count: keeps the struct and its pgd (lazy TLB, the scheduler). */
static inline void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}

void __mmdrop(struct mm_struct *mm);

static inline void mmdrop(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_count))
		__mmdrop(mm);
}

/* mm_users: keeps the mappings (a task running in it, a kernel user). */
static inline void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

/* Takes a user reference unless the last one is gone (mmput() running). */
static inline bool mmget_not_zero(struct mm_struct *mm)
{
	return atomic_inc_not_zero(&mm->mm_users);
}

/* Drops a user; the last unmaps everything and drops the users' mm_count.
 * Context: process context (takes mmap_lock, may shoot down TLBs). */
void mmput(struct mm_struct *mm);

/* fork: a copy of @oldmm for @tsk, private writable pages copy-on-write
 * in both. Return: the new mm (mm_users = 1), or NULL. */
struct mm_struct *dup_mm(struct task_struct *tsk, struct mm_struct *oldmm);

/* execve: makes @mm current's address space (loaded now) and drops the
 * old one. Return: 0. */
int exec_mmap(struct mm_struct *mm);

/* exit and execve, before @mm is left (kernel/fork.c): robust futexes
 * are released and a thread joining @tsk (CLONE_CHILD_CLEARTID) woken. */
void exit_mm_release(struct task_struct *tsk, struct mm_struct *mm);
void exec_mm_release(struct task_struct *tsk, struct mm_struct *mm);

/* exit: current leaves its address space; it keeps it loaded as
 * active_mm (lazy TLB) until the next switch. */
void exit_mm(void);

/* The scheduler's part (kernel/sched/core.c context_switch). */
void switch_mm(struct mm_struct *prev, struct mm_struct *next,
	       struct task_struct *tsk);

#endif
