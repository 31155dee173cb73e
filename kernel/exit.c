/*
 * A task's end, after Linux's kernel/exit.c: do_exit() wakes whoever waits
 * for it (kthread_stop()), hands its children to init, leaves the task
 * list and gives back its PID (kernel threads are reaped at once, as
 * kthreadd ignores SIGCHLD), then switches away for the last time. The
 * next task drops the final reference, which frees the stack and the
 * task_struct (finish_task_switch()).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <spindle/task.h>
#include <spindle/pid.h>
#include <linux/errno.h>
#include <spindle/trace.h>

/* Children of a dying task go to init, or to the idle task if init is
 * gone (Linux's forget_original_parent). Caller holds tasklist_lock. */
static void reparent_children(struct task_struct *tsk)
{
	struct task_struct *reaper = find_task_by_pid(1);
	struct task_struct *child, *next;

	if (!reaper || reaper == tsk)
		reaper = &init_task;
	list_for_each_entry_safe(child, next, &tsk->children, sibling) {
		child->real_parent = reaper;
		list_move_tail(&child->sibling, &reaper->children);
	}
}

static void exit_notify(struct task_struct *tsk)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	if (!list_empty(&tsk->children))
		reparent_children(tsk);
	list_del_init(&tsk->sibling);
	list_del_init(&tsk->tasks);
	free_pid(tsk->pid);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
}

/**
 * make_task_dead - end the current task after an oops
 * @signr: the signal that would have killed it (SIGSEGV)
 *
 * As Linux's make_task_dead(): the thread exits as if it had returned
 * @signr; kthread_stop() on it returns, and the kernel goes on. Idle,
 * init and kthreadd cannot be lost: do_exit() panics for them.
 */
void make_task_dead(int signr)
{
	struct task_struct *tsk = current;

	if (tsk->kthread && !is_idle_task(tsk) && tsk->pid > 2)
		pr_alert("note: %s[%d] exited after an oops\n", tsk->comm, tsk->pid);
	if (tsk->kthread && tsk->pid > 2)
		kthread_set_result(tsk, -EFAULT);
	do_exit(signr);
}

void do_exit(long code)
{
	struct task_struct *tsk = current;

	if (is_idle_task(tsk))
		panic("Attempted to kill the idle task!");
	if (tsk->pid == 1)
		panic("Attempted to kill init! exitcode=0x%08lx", code);
	if (tsk == kthreadd_task)
		panic("Attempted to kill kthreadd!");
	WARN_ON(in_interrupt());
	tsk->flags |= PF_EXITING;
	note_task_exiting();	/* before anyone is told we are done */
	trace_task_exit(code);
	tsk->exit_code = code;
	/* Wake kthread_stop(), as Linux's mm_release() completes the
	 * kthread's exited completion through vfork_done. */
	if (tsk->vfork_done)
		complete(tsk->vfork_done);
	exit_notify(tsk);
	do_task_dead();
}
