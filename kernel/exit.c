/*
 * A task's end, after Linux's kernel/exit.c: do_exit() wakes whoever waits
 * for it (kthread_stop()), hands its children to init, leaves the task
 * list and gives back its PID (kernel threads are reaped at once, as
 * kthreadd ignores SIGCHLD), then switches away for the last time. The
 * next task drops the final reference, which frees the stack and the
 * task_struct (finish_task_switch()).
 */
#include <linux/lockdep.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <spindle/task.h>
#include <spindle/pid.h>
#include <linux/errno.h>
#include <spindle/trace.h>
#include <linux/sched/signal.h>
#include <linux/sched/mm.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/tty.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/string.h>
#include <linux/ktime.h>
#include <uapi/linux/resource.h>
#include "signal_internal.h"

/* @p leaves its process's thread list; a thread's times stay with the
 * process (Linux's __exit_signal()). An execve() waiting for the other
 * threads to go is woken. Caller holds tasklist_lock. */
static void __unhash_thread(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;

	spin_lock(&p->sighand->siglock);
	list_del_init(&p->thread_node);
	sig->nr_threads--;
	if (!thread_group_leader(p)) {
		sig->utime += p->utime;
		sig->stime += p->stime;
		sig->min_flt += p->min_flt;
		sig->maj_flt += p->maj_flt;
	}
	if (sig->group_exec_task)
		wake_up_process(sig->group_exec_task);
	spin_unlock(&p->sighand->siglock);
}

/* Drops a task that is gone for good from the task list and frees its
 * PID (Linux's release_task()). Caller holds tasklist_lock. */
static void __unhash_task(struct task_struct *p)
{
	lockdep_assert_held(&tasklist_lock);
	list_del_init(&p->sibling);
	list_del_init(&p->tasks);
	if (p->signal)
		__unhash_thread(p);
	free_pid(p->pid);
	nr_threads--;
}

/* A dying task's children go to another live thread of its process,
 * else to init (Linux's find_new_reaper()). Caller holds tasklist_lock. */
static struct task_struct *find_new_reaper(struct task_struct *tsk)
{
	struct task_struct *t, *reaper = find_task_by_pid(1);

	if (tsk->signal) {
		for_each_thread(tsk, t)
			if (!(t->flags & PF_EXITING))
				return t;
	}
	if (!reaper || (tsk->signal && same_thread_group(reaper, tsk)))
		reaper = &init_task;
	return reaper;
}

/* Every thread of @child gets @reaper as its parent. */
static void set_real_parent(struct task_struct *child, struct task_struct *reaper)
{
	struct task_struct *t;

	if (!child->signal) {
		child->real_parent = reaper;
		return;
	}
	for_each_thread(child, t)
		t->real_parent = reaper;
}

/*
 * Children of a dying task go to another thread of its process, else to
 * init (Linux's forget_original_parent and find_child_reaper), or to the
 * idle task if init is gone. A child that is already a zombie (with no
 * threads left) is announced to its new parent, which will reap it.
 * Caller holds tasklist_lock.
 */
static void reparent_children(struct task_struct *tsk, struct list_head *dead)
{
	struct task_struct *reaper = find_new_reaper(tsk);
	struct task_struct *child, *next;

	lockdep_assert_held(&tasklist_lock);
	list_for_each_entry_safe(child, next, &tsk->children, sibling) {
		set_real_parent(child, reaper);
		/* As Linux's reparent_leader(): whatever a clone() asked for,
		 * init hears SIGCHLD, or it would never reap the orphan. */
		if (!tsk->signal || !same_thread_group(reaper, tsk))
			child->exit_signal = SIGCHLD;
		list_move_tail(&child->sibling, &reaper->children);
		if (child->pdeath_signal && !child->exit_state)
			send_sig(child->pdeath_signal, child, 0);
		if (child->exit_state == EXIT_ZOMBIE && !delay_group_leader(child) &&
		    do_notify_parent(child, child->exit_signal))
			release_zombie(child, dead);
	}
}

/*
 * A zombie nobody will wait for (SIGCHLD ignored) is reaped at once.
 * Caller holds tasklist_lock; the parent's reference (copy_process) goes
 * on @dead, for put_dead_tasks() once the lock is dropped: it may be the
 * last one, and freeing the stack flushes other CPUs' TLBs, which needs
 * interrupts on.
 */
void release_zombie(struct task_struct *p, struct list_head *dead)
{
	lockdep_assert_held(&tasklist_lock);
	p->exit_state = EXIT_DEAD;
	__unhash_task(p);
	list_add_tail(&p->sibling, dead);
}

/* Drops the references release_zombie() collected on @dead. */
void put_dead_tasks(struct list_head *dead)
{
	struct task_struct *p, *next;

	list_for_each_entry_safe(p, next, dead, sibling) {
		list_del_init(&p->sibling);
		put_task_struct(p);
	}
}

/*
 * A thread that is not the leader goes at once; if it was the last one
 * and the leader is a zombie already, the process is dead now and its
 * parent hears of it (Linux's release_task()). Caller holds tasklist_lock.
 */
static void release_thread(struct task_struct *tsk, struct list_head *dead)
{
	struct task_struct *leader = tsk->group_leader;

	release_zombie(tsk, dead);
	if (leader->exit_state == EXIT_ZOMBIE && thread_group_empty(leader) &&
	    do_notify_parent(leader, leader->exit_signal))
		release_zombie(leader, dead);
}

/*
 * A kernel thread leaves at once (kthreadd ignores SIGCHLD); a process
 * becomes a zombie that keeps its PID and exit code until its parent
 * collects them with wait4(), unless the parent does not want to wait.
 * A process's leader stays a zombie, unannounced, while its other
 * threads live; those threads are reaped at once.
 */
static void exit_notify(struct task_struct *tsk)
{
	unsigned long flags;
	LIST_HEAD(dead);

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	if (!list_empty(&tsk->children))
		reparent_children(tsk, &dead);
	if (!tsk->signal) {
		__unhash_task(tsk);
	} else if (!thread_group_leader(tsk)) {
		release_thread(tsk, &dead);
	} else {
		tsk->exit_state = EXIT_ZOMBIE;
		if (!delay_group_leader(tsk) && do_notify_parent(tsk, tsk->exit_signal))
			release_zombie(tsk, &dead);
		else if (tsk->signal->group_exec_task)
			wake_up_process(tsk->signal->group_exec_task);
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	put_dead_tasks(&dead);
}

/*
 * This thread is done with its process (Linux's exit_signals()): it
 * counts no more among the live ones, and a group stop waiting for it
 * waits no more. Return: true if it was the last live thread.
 */
static bool exit_signals(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	bool group_dead, stopped = false;

	if (!sig)
		return true;
	spin_lock_irq(&tsk->sighand->siglock);
	group_dead = --sig->live == 0;
	if (tsk->jobctl & JOBCTL_STOP_PENDING) {
		tsk->jobctl &= ~JOBCTL_STOP_PENDING;
		stopped = --sig->group_stop_count == 0;
		if (stopped)
			group_stop_complete(sig);
	}
	spin_unlock_irq(&tsk->sighand->siglock);
	if (stopped && !group_dead)
		do_notify_parent_cldstop(tsk, CLD_STOPPED);
	return group_dead;
}

/* What a process lets go of before it dies (Linux's exit_itimers, exit_mm,
 * exit_files, exit_fs, mm_release and disassociate_ctty). */
static void exit_process_resources(struct task_struct *tsk, bool group_dead)
{
	if (tsk->signal && group_dead)
		exit_itimers(tsk->signal);
	if (tsk->mm) {
		exit_mm_release(tsk, tsk->mm);
		exit_mm();
	}
	if (tsk->files)
		exit_files(tsk);
	if (tsk->fs)
		exit_fs(tsk);
	if (tsk->signal && group_dead && tsk->signal->leader)
		disassociate_ctty(1);
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
	/* Wake kthread_stop() or a vfork() parent, as Linux's mm_release()
	 * completes vfork_done. */
	if (tsk->vfork_done) {
		struct completion *done = tsk->vfork_done;

		tsk->vfork_done = NULL;
		complete(done);
	}
	exit_process_resources(tsk, exit_signals(tsk));
	exit_notify(tsk);
	do_task_dead();
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit((error_code & 0xff) << 8);
}

/* wait4() options (include/uapi/linux/wait.h) */
#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WEXITED 0x00000004
#define WCONTINUED 0x00000008
#define WNOWAIT 0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000

struct wait_opts {
	pid_t pid;		/* wait4's: > 0 one, 0 my group, -1 any, < -1 group */
	int options;
	int status;		/* the wait status found */
	pid_t found;		/* its PID */
	u64 utime, stime;	/* its CPU time, for rusage */
	unsigned long min_flt;
	struct list_head dead;	/* the reaped zombie, put after the lock */
};

static bool wait_matches(const struct wait_opts *wo, struct task_struct *p)
{
	if (!p->signal)
		return false;	/* kernel threads are nobody's to wait for */
	if (wo->pid > 0)
		return p->tgid == wo->pid;
	if (wo->pid == 0)
		return p->signal->pgrp == current->signal->pgrp;
	if (wo->pid < -1)
		return p->signal->pgrp == -wo->pid;
	return true;
}

/* Collects a zombie child: its status (the group's, if a thread ended
 * the whole process), its times and its threads' into ours, its PID
 * back to the pool. Caller holds tasklist_lock. */
static void reap_zombie(struct wait_opts *wo, struct task_struct *p)
{
	struct signal_struct *sig = current->signal, *psig = p->signal;

	lockdep_assert_held(&tasklist_lock);
	wo->status = psig->flags & SIGNAL_GROUP_EXIT ? psig->group_exit_code : p->exit_code;
	wo->found = p->tgid;
	wo->utime = p->utime + psig->utime + psig->cutime;
	wo->stime = p->stime + psig->stime + psig->cstime;
	wo->min_flt = p->min_flt + psig->min_flt + psig->cmin_flt;
	if (wo->options & WNOWAIT)
		return;
	sig->cutime += wo->utime;
	sig->cstime += wo->stime;
	sig->cmin_flt += wo->min_flt;
	release_zombie(p, &wo->dead);
}

/* Looks at one child for something to report: death, a stop (with
 * WUNTRACED) or a continue (WCONTINUED). Caller holds tasklist_lock. */
static bool wait_consider_task(struct wait_opts *wo, struct task_struct *p)
{
	unsigned int *flags = &p->signal->flags;

	lockdep_assert_held(&tasklist_lock);
	if (p->exit_state == EXIT_ZOMBIE) {
		if (delay_group_leader(p))
			return false;	/* its threads still run */
		reap_zombie(wo, p);
		return true;
	}
	if ((wo->options & WUNTRACED) && (*flags & SIGNAL_CLD_STOPPED)) {
		if (!(wo->options & WNOWAIT))
			*flags &= ~SIGNAL_CLD_STOPPED;
		wo->status = (p->signal->group_exit_code << 8) | 0x7f;
		wo->found = p->tgid;
		return true;
	}
	if ((wo->options & WCONTINUED) && (*flags & SIGNAL_CLD_CONTINUED)) {
		if (!(wo->options & WNOWAIT))
			*flags &= ~SIGNAL_CLD_CONTINUED;
		wo->status = 0xffff;
		wo->found = p->tgid;
		return true;
	}
	return false;
}

/* One pass over the children of thread @t. Return: 1 found, 0 none
 * yet, -ECHILD. Caller holds tasklist_lock. */
static int wait_scan_thread(struct wait_opts *wo, struct task_struct *t)
{
	struct task_struct *p;
	int ret = -ECHILD;

	list_for_each_entry(p, &t->children, sibling) {
		if (!wait_matches(wo, p))
			continue;
		if (wait_consider_task(wo, p))
			return 1;
		ret = 0;
	}
	return ret;
}

/* One pass over the children of every thread of the process (of the
 * caller only with __WNOTHREAD), as Linux's do_wait_thread() loop.
 * Return: 1 found, 0 none yet, -ECHILD. */
static int wait_scan_children(struct wait_opts *wo)
{
	struct task_struct *t;
	unsigned long flags;
	int ret = -ECHILD;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	if (wo->options & __WNOTHREAD) {
		ret = wait_scan_thread(wo, current);
	} else {
		for_each_thread(current, t) {
			int r = wait_scan_thread(wo, t);

			if (r > ret)
				ret = r;
			if (ret == 1)
				break;
		}
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	put_dead_tasks(&wo->dead);
	return ret;
}

/* Linux's do_wait(): scan, and sleep on wait_chldexit until a child
 * changes state or a signal comes. */
static long do_wait(struct wait_opts *wo)
{
	struct signal_struct *sig = current->signal;
	DEFINE_WAIT(wait);
	long ret;

	for (;;) {
		prepare_to_wait(&sig->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		ret = wait_scan_children(wo);
		if (ret || (wo->options & WNOHANG))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&sig->wait_chldexit, &wait);
	return ret;
}


SYSCALL_DEFINE4(wait4, pid_t, upid, int __user *, stat_addr, int, options,
		struct rusage __user *, ru)
{
	struct wait_opts wo = { .pid = upid, .options = options | WEXITED,
				.dead = LIST_HEAD_INIT(wo.dead) };
	struct rusage r;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (upid == INT_MIN)
		return -ESRCH;
	if (!current->signal)
		return -ECHILD;
	ret = do_wait(&wo);
	if (ret <= 0)
		return ret;
	if (stat_addr && put_user(wo.status, stat_addr))
		return -EFAULT;
	if (ru) {
		memset(&r, 0, sizeof(r));
		r.ru_utime = ns_to_kernel_old_timeval(wo.utime);
		r.ru_stime = ns_to_kernel_old_timeval(wo.stime);
		r.ru_minflt = wo.min_flt;
		if (copy_to_user(ru, &r, sizeof(r)))
			return -EFAULT;
	}
	return wo.found;
}
