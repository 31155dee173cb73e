/*
 * The out-of-memory killer, after Linux's mm/oom_kill.c: when a page
 * fault finds no memory even after reclaim, kill the process whose death
 * frees the most (its resident pages and page tables), so the others can
 * go on. Never a kernel thread; never init (PID 1) unless nothing else
 * is left. The messages are Linux's.
 *
 * Simplified: no oom_score_adj, no cgroups, no oom_reaper (the victim
 * frees its memory as it exits); a victim already dying is waited for,
 * not killed twice.
 * Locking: tasklist_lock while choosing; the signal is sent after it.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <spindle/task.h>

/* A thread of process @p that still has its memory: a leader that
 * left with pthread_exit() has none (Linux's find_lock_task_mm()).
 * Caller holds tasklist_lock. */
static struct task_struct *find_task_mm(struct task_struct *p)
{
	struct task_struct *t;

	if (!p->signal)
		return NULL;
	for_each_thread(p, t)
		if (t->mm && !t->exit_state)
			return t;
	return NULL;
}

/* What killing @p would free, in pages (Linux's oom_badness()). */
static unsigned long oom_badness(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	return mm->rss_anon + mm->pgtables;
}

/* The thread whose memory counts for process @p, or NULL if it may not
 * be killed: processes only, one entry each (their leader), never
 * kernel threads. */
static struct task_struct *oom_candidate(struct task_struct *p)
{
	if ((p->flags & PF_KTHREAD) || p != p->group_leader)
		return NULL;
	return find_task_mm(p);
}

/* The task to kill, pinned; NULL if there is none. */
static struct task_struct *select_bad_process(void)
{
	struct task_struct *p, *chosen = NULL, *init = NULL;
	unsigned long flags, best = 0;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		struct task_struct *t = oom_candidate(p);
		unsigned long points;

		if (!t)
			continue;
		if (p->pid == 1) {
			init = p;
			continue;
		}
		points = oom_badness(t) + 1;
		if (points > best) {
			best = points;
			chosen = p;
		}
	}
	chosen = chosen ?: init;
	if (chosen)
		get_task_struct(chosen);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return chosen;
}

/* SIGKILL to the whole process (all its threads go). */
static void oom_kill_process(struct task_struct *victim)
{
	kernel_siginfo_t info = { .si_signo = SIGKILL, .si_code = SI_KERNEL };
	struct mm_struct *mm = NULL;
	struct task_struct *t;
	unsigned long flags;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	t = find_task_mm(victim);
	if (t) {
		mm = t->mm;
		pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
		       "file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:%lukB oom_score_adj:0\n",
		       victim->pid, victim->comm, mm->total_vm << (PAGE_SHIFT - 10),
		       mm->rss_anon << (PAGE_SHIFT - 10), mm->pgtables << (PAGE_SHIFT - 10));
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	if (mm)
		group_send_sig_info(SIGKILL, &info, victim);
}

/**
 * out_of_memory - kill a process to free memory
 *
 * Called by the page-fault path when a page cannot be had. The faulting
 * task then retries the fault (or dies, if it was the victim).
 * Context: process context, no locks held.
 * Return: true if a process was killed (or is already dying), false if
 * there is nothing to kill.
 */
bool out_of_memory(void)
{
	struct task_struct *victim;

	pr_warn("%s invoked oom-killer: gfp_mask=0x%x, order=0, oom_score_adj=0\n",
		current->comm, GFP_KERNEL);
	victim = select_bad_process();
	if (!victim) {
		pr_err("Out of memory and no killable processes...\n");
		return false;
	}
	if (!fatal_signal_pending(victim))
		oom_kill_process(victim);
	put_task_struct(victim);
	return true;
}
