/*
 * Taking signals, after the second half of Linux's kernel/signal.c: on
 * its way back to user mode a task dequeues its pending signals
 * (get_signal()), lowest number first, and either returns one with a
 * handler to the arch code or takes the default action here: ignore,
 * stop the process (job control), or end it. Parents hear of stops,
 * continues and deaths through SIGCHLD and wait4().
 *
 * Locking: sighand->siglock around pending sets and masks; the parent's
 * siglock to signal it (tasklist_lock keeps real_parent stable).
 */
#include <linux/lockdep.h>
#include <linux/freezer.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/bitops.h>
#include <linux/sched/signal.h>
#include <spindle/task.h>
#include "signal_internal.h"

/* The lowest unblocked signal of @pending, or 0. */
static int next_signal(struct sigpending *pending, const sigset_t *mask)
{
	unsigned long x = pending->signal.sig[0] & ~mask->sig[0];

	return x ? __ffs(x) + 1 : 0;
}

/* Takes one instance of @sig off @list; its info into @info. */
static void collect_signal(int sig, struct sigpending *list, kernel_siginfo_t *info)
{
	struct sigqueue *q, *first = NULL;
	bool more = false;

	list_for_each_entry(q, &list->list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (first) {
			more = true;
			break;
		}
		first = q;
	}
	if (!more)
		sigdelset(&list->signal, sig);
	if (first) {
		list_del(&first->list);
		*info = first->info;
		kfree_sigqueue(first);
	} else {
		/* The queue entry could not be allocated: the bit alone. */
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
}

/* Linux's dequeue_signal(): the lowest signal not in @mask, the thread's
 * own first. Called with siglock held. */
int dequeue_signal(struct task_struct *t, const sigset_t *mask,
		   kernel_siginfo_t *info)
{
	struct sigpending *pending = &t->pending;
	int sig;

	lockdep_assert_held(&t->sighand->siglock);
	assert_spin_locked(&t->sighand->siglock);
	sig = next_signal(pending, mask);
	if (!sig) {
		pending = &t->signal->shared_pending;
		sig = next_signal(pending, mask);
	}
	if (sig)
		collect_signal(sig, pending, info);
	return sig;
}

/* A process group is orphaned when no member has a parent in another
 * group of the same session: nobody could resume it, so terminal stop
 * signals are ignored (Linux's is_current_pgrp_orphaned()). */
static bool is_current_pgrp_orphaned(void)
{
	struct signal_struct *me = current->signal;
	struct task_struct *p, *parent;
	bool orphaned = true;
	unsigned long flags;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (!p->signal || p->signal->pgrp != me->pgrp || p->exit_state)
			continue;
		parent = p->real_parent;
		if (parent->signal && parent->signal->pgrp != me->pgrp &&
		    parent->signal->session == me->session) {
			orphaned = false;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return orphaned;
}

void group_stop_complete(struct signal_struct *sig)
{
	sig->flags = (sig->flags & ~(SIGNAL_STOP_CONTINUED | SIGNAL_CLD_CONTINUED)) |
		     SIGNAL_STOP_STOPPED | SIGNAL_CLD_STOPPED;
}

/* Asks every other live thread to stop for @sig too. Return: how many. */
static int start_group_stop(int sig)
{
	struct task_struct *t;
	int count = 0;

	current->signal->group_exit_code = sig;
	for_each_thread(current, t) {
		if (t == current || (t->flags & PF_EXITING))
			continue;
		t->jobctl |= JOBCTL_STOP_PENDING;
		count++;
		signal_wake_up(t, false);
	}
	return count;
}

/*
 * Stops current until SIGCONT or SIGKILL (Linux's do_signal_stop()):
 * for stop signal @sig it starts a group stop, with @sig 0 it takes its
 * part in one another thread started. The last thread to stop tells the
 * parent. Called with siglock held; returns with it dropped.
 */
static void do_signal_stop(int sig)
{
	struct signal_struct *signal = current->signal;
	bool stopped;

	if (sig) {
		signal->group_stop_count = start_group_stop(sig);
	} else {
		current->jobctl &= ~JOBCTL_STOP_PENDING;
		signal->group_stop_count--;
	}
	stopped = signal->group_stop_count == 0;
	if (stopped)
		group_stop_complete(signal);
	set_current_state(TASK_STOPPED);
	spin_unlock_irq(&current->sighand->siglock);
	if (stopped)
		do_notify_parent_cldstop(current, CLD_STOPPED);
	schedule();
}

/**
 * get_signal - choose the next signal current is to take
 * @ksig: filled with the signal and its action when one has a handler
 *
 * Default actions happen here: ignored signals vanish, stop signals
 * stop the process, fatal ones end the thread group (never returning).
 * Context: process, on the way back to user mode, no locks held.
 * Return: true if @ksig holds a signal whose handler must run.
 */
bool get_signal(struct ksignal *ksig)
{
	struct sighand_struct *sighand = current->sighand;
	struct k_sigaction *ka;
	int sig;

	if (!sighand)
		return false;
	for (;;) {
		try_to_freeze();	/* a freeze is why signal_pending() said so */
		spin_lock_irq(&sighand->siglock);
		/* Killed by exit_group() or execve() in another thread, or
		 * SIGKILL: nothing else matters (Linux's signal_group_exit()). */
		if (fatal_signal_pending(current)) {
			sigdelset(&current->pending.signal, SIGKILL);
			spin_unlock_irq(&sighand->siglock);
			do_group_exit(SIGKILL);
		}
		if (current->jobctl & JOBCTL_STOP_PENDING) {
			do_signal_stop(0);
			continue;
		}
		sig = dequeue_signal(current, &current->blocked, &ksig->info);
		if (!sig) {
			spin_unlock_irq(&sighand->siglock);
			return false;
		}
		ka = &sighand->action[sig - 1];
		if (ka->sa.sa_handler == SIG_IGN) {
			spin_unlock_irq(&sighand->siglock);
			continue;
		}
		if (ka->sa.sa_handler != SIG_DFL) {
			ksig->ka = *ka;
			if (ka->sa.sa_flags & SA_RESETHAND)
				ka->sa.sa_handler = SIG_DFL;
			spin_unlock_irq(&sighand->siglock);
			ksig->sig = sig;
			return true;
		}
		if (sig_kernel_ignore(sig) ||
		    ((current->signal->flags & SIGNAL_UNKILLABLE) && !sig_kernel_only(sig))) {
			spin_unlock_irq(&sighand->siglock);
			continue;
		}
		if (sig_kernel_stop(sig)) {
			spin_unlock_irq(&sighand->siglock);
			if (sig != SIGSTOP && is_current_pgrp_orphaned())
				continue;
			spin_lock_irq(&sighand->siglock);
			do_signal_stop(sig);
			continue;
		}
		spin_unlock_irq(&sighand->siglock);
		do_group_exit(sig);	/* the wait status of a killed process */
	}
}

void set_current_blocked(sigset_t *newset)
{
	sigdelset(newset, SIGKILL);
	sigdelset(newset, SIGSTOP);
	spin_lock_irq(&current->sighand->siglock);
	current->blocked = *newset;
	spin_unlock_irq(&current->sighand->siglock);
}

void restore_saved_sigmask(void)
{
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		set_current_blocked(&current->saved_sigmask);
	}
}

/**
 * signal_setup_done - after the arch built (or failed to build) a frame
 * @failed: nonzero if the frame could not be written (a bad stack)
 * @ksig: the signal
 *
 * A handler runs with its sa_mask and (unless SA_NODEFER) its own signal
 * blocked; the frame holds the mask to restore at rt_sigreturn. A frame
 * that cannot be written kills the process with SIGSEGV, as Linux.
 */
void signal_setup_done(int failed, struct ksignal *ksig)
{
	sigset_t blocked;

	if (failed) {
		force_sig(SIGSEGV);
		return;
	}
	current->restore_sigmask = false;
	blocked.sig[0] = current->blocked.sig[0] | ksig->ka.sa.sa_mask.sig[0];
	if (!(ksig->ka.sa.sa_flags & SA_NODEFER))
		sigaddset(&blocked, ksig->sig);
	set_current_blocked(&blocked);
}

/* The wait status and SIGCHLD code of a dead @tsk. */
static void fill_chld_info(kernel_siginfo_t *info, struct task_struct *tsk, int why)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = SIGCHLD;
	info->sigchld.si_pid = tsk->tgid;
	info->sigchld.si_utime = tsk->utime / 10000000;	/* clock ticks */
	info->sigchld.si_stime = tsk->stime / 10000000;
	info->si_code = why;
	if (why == CLD_EXITED && (tsk->exit_code & 0x7f)) {
		info->si_code = (tsk->exit_code & 0x80) ? CLD_DUMPED : CLD_KILLED;
		info->sigchld.si_status = tsk->exit_code & 0x7f;
	} else if (why == CLD_EXITED) {
		info->sigchld.si_status = tsk->exit_code >> 8;
	} else if (why == CLD_STOPPED) {
		info->sigchld.si_status = tsk->signal->group_exit_code;
	} else {
		info->sigchld.si_status = SIGCONT;
	}
}

/**
 * do_notify_parent - tell @tsk's parent that @tsk died
 * @tsk: a thread-group leader that became a zombie
 * @sig: the signal to send (its exit_signal, SIGCHLD)
 *
 * Context: tasklist_lock held (real_parent is stable).
 * Return: true if the parent does not want to wait (SIGCHLD ignored or
 * SA_NOCLDWAIT): the caller reaps @tsk at once.
 */
bool do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->real_parent;
	struct sighand_struct *psig = parent->sighand;
	kernel_siginfo_t info;
	bool autoreap = false;

	if (!psig)
		return true;	/* a kernel thread parent never waits */
	fill_chld_info(&info, tsk, CLD_EXITED);
	spin_lock(&psig->siglock);
	if (sig == SIGCHLD &&
	    (psig->action[SIGCHLD - 1].sa.sa_handler == SIG_IGN ||
	     (psig->action[SIGCHLD - 1].sa.sa_flags & SA_NOCLDWAIT))) {
		autoreap = true;
		if (psig->action[SIGCHLD - 1].sa.sa_handler == SIG_IGN)
			sig = 0;
	}
	spin_unlock(&psig->siglock);
	if (valid_signal(sig) && sig)
		group_send_sig_info(sig, &info, parent);
	__wake_up(&parent->signal->wait_chldexit, TASK_INTERRUPTIBLE, 0, NULL);
	return autoreap;
}

void do_notify_parent_cldstop(struct task_struct *tsk, int why)
{
	struct task_struct *parent;
	kernel_siginfo_t info;
	unsigned long flags;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	parent = tsk->real_parent;
	if (parent->sighand) {
		fill_chld_info(&info, tsk, why);
		if (!(parent->sighand->action[SIGCHLD - 1].sa.sa_flags & SA_NOCLDSTOP))
			group_send_sig_info(SIGCHLD, &info, parent);
		__wake_up(&parent->signal->wait_chldexit, TASK_INTERRUPTIBLE, 0, NULL);
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
}

/**
 * do_group_exit - end the process with @exit_code (a wait status)
 *
 * exit_group() passes (status & 0xff) << 8; a fatal signal passes its
 * number. The other threads get SIGKILL and end with the same code. A
 * thread killed by another's execve() just goes (de_thread()).
 */
void do_group_exit(int exit_code)
{
	struct signal_struct *sig = current->signal;

	if (sig) {
		spin_lock_irq(&current->sighand->siglock);
		if (sig->flags & SIGNAL_GROUP_EXIT) {
			exit_code = sig->group_exit_code;
		} else if (sig->group_exec_task) {
			exit_code = 0;
		} else {
			sig->flags |= SIGNAL_GROUP_EXIT;
			sig->group_exit_code = exit_code;
			zap_other_threads(current);
		}
		spin_unlock_irq(&current->sighand->siglock);
	}
	do_exit(exit_code);
}
