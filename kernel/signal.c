/*
 * Signals, after Linux's kernel/signal.c: sending (kill, the terminal's
 * Ctrl-C, faults), queueing on the task or its thread group, and choosing
 * one to deliver on the way back to user mode (get_signal), where the
 * default actions (ignore, stop, terminate) are taken. The arch builds a
 * handler's frame (arch/x86_64/kernel/signal.c).
 *
 * Kernel threads have no signal_struct: signals sent to them are ignored,
 * as Linux's kthreads ignore every signal. A signal sent to a process
 * (kill) waits in its shared queue and wakes one thread that does not
 * block it (complete_signal). Simplified: no real-time signal payloads
 * beyond siginfo, no ptrace.
 *
 * Locking: sighand->siglock guards pending sets, blocked masks and the
 * actions; tasklist_lock is held to find tasks and to keep their signal
 * structures alive (they are freed with the task_struct, after an RCU
 * grace period).
 */
#include <linux/lockdep.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <spindle/task.h>
#include "signal_internal.h"

static struct kmem_cache *sighand_cachep, *signal_cachep, *sigqueue_cachep;

static int __init signals_init(void)
{
	sighand_cachep = kmem_cache_create("sighand_cache", sizeof(struct sighand_struct),
					   64, SLAB_PANIC, NULL);
	signal_cachep = kmem_cache_create("signal_cache", sizeof(struct signal_struct),
					  64, SLAB_PANIC, NULL);
	sigqueue_cachep = kmem_cache_create("sigqueue", sizeof(struct sigqueue),
					    8, SLAB_PANIC, NULL);
	return 0;
}
core_initcall(signals_init);

void kfree_sigqueue(struct sigqueue *q)
{
	kmem_cache_free(sigqueue_cachep, q);
}

/* The default action of each standard signal (Linux's sig_kernel_*). */
#define M(sig) (1UL << ((sig) - 1))
#define SIG_KERNEL_ONLY_MASK (M(SIGKILL) | M(SIGSTOP))
#define SIG_KERNEL_STOP_MASK (M(SIGSTOP) | M(SIGTSTP) | M(SIGTTIN) | M(SIGTTOU))
#define SIG_KERNEL_IGNORE_MASK (M(SIGCONT) | M(SIGCHLD) | M(SIGWINCH) | M(SIGURG))

static bool sig_in(int sig, unsigned long mask)
{
	return sig < SIGRTMIN && (M(sig) & mask);
}

bool sig_kernel_only(int sig)
{
	return sig_in(sig, SIG_KERNEL_ONLY_MASK);
}

bool sig_kernel_stop(int sig)
{
	return sig_in(sig, SIG_KERNEL_STOP_MASK);
}

bool sig_kernel_ignore(int sig)
{
	return sig_in(sig, SIG_KERNEL_IGNORE_MASK);
}

static bool sig_handler_ignored(__sighandler_t handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_kernel_ignore(sig));
}

/* Would @t throw @sig away on arrival? Blocked signals are kept (also
 * those rt_sigtimedwait() unblocked to take them): the action may change
 * before they are unblocked. init ignores signals it has no handler for,
 * unless the kernel forces SIGKILL/SIGSTOP. */
static bool sig_ignored(struct task_struct *t, int sig, bool force)
{
	__sighandler_t handler = t->sighand->action[sig - 1].sa.sa_handler;

	if (sigismember(&t->blocked, sig) || sigismember(&t->real_blocked, sig))
		return false;
	if ((t->signal->flags & SIGNAL_UNKILLABLE) && handler == SIG_DFL &&
	    !(force && sig_kernel_only(sig)))
		return true;
	return sig_handler_ignored(handler, sig);
}

/* Removes every queued instance of the signals in @mask from @p. */
static void flush_sigqueue_mask(unsigned long mask, struct sigpending *p)
{
	struct sigqueue *q, *n;

	if (!(p->signal.sig[0] & mask))
		return;
	p->signal.sig[0] &= ~mask;
	list_for_each_entry_safe(q, n, &p->list, list) {
		if (M(q->info.si_signo) & mask) {
			list_del(&q->list);
			kmem_cache_free(sigqueue_cachep, q);
		}
	}
}

/* A sleeping @t wakes to look at its signals; a running one is sent
 * through the kernel so it sees them before user mode continues. */
void signal_wake_up(struct task_struct *t, bool fatal)
{
	unsigned int state = TASK_INTERRUPTIBLE;

	if (fatal)
		state |= TASK_WAKEKILL | __TASK_STOPPED;
	if (!wake_up_state(t, state))
		kick_process(t);
}

/*
 * The side effects of arriving stop and continue signals (Linux's
 * prepare_signal()): SIGCONT discards pending stops and resumes a
 * stopped group; a stop signal discards a pending SIGCONT.
 * Return: false if the signal is to be dropped. Caller holds siglock.
 */
static bool prepare_signal(int sig, struct task_struct *p, bool force)
{
	struct signal_struct *signal = p->signal;

	lockdep_assert_held(&p->sighand->siglock);
	if (signal->flags & SIGNAL_GROUP_EXIT)
		return sig == SIGKILL;
	if (sig_kernel_stop(sig)) {
		flush_sigqueue_mask(M(SIGCONT), &signal->shared_pending);
		flush_sigqueue_mask(M(SIGCONT), &p->pending);
	} else if (sig == SIGCONT) {
		struct task_struct *t;

		flush_sigqueue_mask(SIG_KERNEL_STOP_MASK, &signal->shared_pending);
		for_each_thread(p, t) {
			flush_sigqueue_mask(SIG_KERNEL_STOP_MASK, &t->pending);
			t->jobctl &= ~JOBCTL_STOP_PENDING;
			wake_up_state(t, __TASK_STOPPED);
		}
		signal->group_stop_count = 0;
		if (signal->flags & SIGNAL_STOP_STOPPED) {
			signal->flags = (signal->flags & ~SIGNAL_STOP_STOPPED) |
					SIGNAL_STOP_CONTINUED | SIGNAL_CLD_CONTINUED;
			signal->flags &= ~SIGNAL_CLD_STOPPED;
		}
	}
	return !sig_ignored(p, sig, force);
}

/* May @t take @sig now? (Linux's wants_signal()) */
static bool wants_signal(int sig, struct task_struct *t)
{
	if (sigismember(&t->blocked, sig) && !sigismember(&t->real_blocked, sig))
		return false;
	return !(t->flags & PF_EXITING) || sig == SIGKILL;
}

/*
 * Wakes a thread to take @sig (Linux's complete_signal()): @p itself if
 * it can, else, for a signal to the process, any thread that does not
 * block it. With none, the signal waits until a thread unblocks it.
 * Taking a fatal signal ends the whole group (do_group_exit()).
 * Caller holds siglock.
 */
static void complete_signal(int sig, struct task_struct *p, bool group)
{
	struct task_struct *t;

	if (wants_signal(sig, p)) {
		signal_wake_up(p, sig == SIGKILL);
		return;
	}
	if (!group)
		return;
	for_each_thread(p, t) {
		if (wants_signal(sig, t)) {
			signal_wake_up(t, sig == SIGKILL);
			return;
		}
	}
}

/* Queues @sig for @t (@group: for its whole thread group). Standard
 * signals do not queue twice; real-time ones do. Caller holds siglock. */
static int send_signal_locked(int sig, kernel_siginfo_t *info,
			      struct task_struct *t, bool group, bool force)
{
	struct sigpending *pending;
	struct sigqueue *q;

	lockdep_assert_held(&t->sighand->siglock);
	if (!prepare_signal(sig, t, force))
		return 0;
	pending = group ? &t->signal->shared_pending : &t->pending;
	if (sig < SIGRTMIN && sigismember(&pending->signal, sig))
		return 0;
	q = kmem_cache_alloc(sigqueue_cachep, GFP_ATOMIC);
	if (q) {
		q->info = *info;
		list_add_tail(&q->list, &pending->list);
	} else if (sig >= SIGRTMIN) {
		return -EAGAIN;	/* a real-time signal must carry its data */
	}
	sigaddset(&pending->signal, sig);
	complete_signal(sig, t, group);
	return 0;
}

/**
 * zap_other_threads - SIGKILL to every thread of @p's process but @p
 * @p: the thread that stays (exit_group's caller, or execve's)
 *
 * Context: siglock held. Return: how many threads were told.
 */
int zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;
	int count = 0;

	p->signal->group_stop_count = 0;
	for_each_thread(p, t) {
		t->jobctl &= ~JOBCTL_STOP_PENDING;
		if (t == p || t->exit_state)
			continue;
		count++;
		sigaddset(&t->pending.signal, SIGKILL);
		signal_wake_up(t, true);
	}
	return count;
}

static void fill_kill_info(kernel_siginfo_t *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->kill.si_pid = code == SI_KERNEL ? 0 : current->tgid;
}

/* Sends to a thread group (kill()). Kernel threads ignore signals. */
int group_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	unsigned long flags;
	int ret;

	if (!p->sighand || sig == 0)
		return 0;
	spin_lock_irqsave(&p->sighand->siglock, flags);
	ret = send_signal_locked(sig, info, p, true, false);
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	return ret;
}

int send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	unsigned long flags;
	int ret;

	if (!valid_signal(sig))
		return -EINVAL;
	if (!p->sighand || sig == 0)
		return 0;
	spin_lock_irqsave(&p->sighand->siglock, flags);
	ret = send_signal_locked(sig, info, p, false, false);
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	return ret;
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	kernel_siginfo_t info;

	fill_kill_info(&info, sig, priv ? SI_KERNEL : SI_USER);
	return send_sig_info(sig, &info, p);
}

/*
 * A synchronous fault of current: the signal cannot be blocked or
 * ignored, or the faulting instruction would run again forever (Linux's
 * force_sig_info_to_task()). Even init dies of it, as on Linux.
 */
static int force_sig_info(kernel_siginfo_t *info)
{
	struct task_struct *t = current;
	struct k_sigaction *action;
	unsigned long flags;
	int sig = info->si_signo, ret;

	if (WARN_ON(!t->sighand))
		return -EINVAL;
	spin_lock_irqsave(&t->sighand->siglock, flags);
	action = &t->sighand->action[sig - 1];
	if (action->sa.sa_handler == SIG_IGN || sigismember(&t->blocked, sig)) {
		if (action->sa.sa_handler == SIG_IGN)
			action->sa.sa_handler = SIG_DFL;
		sigdelset(&t->blocked, sig);
	}
	if (action->sa.sa_handler == SIG_DFL)
		t->signal->flags &= ~SIGNAL_UNKILLABLE;
	ret = send_signal_locked(sig, info, t, false, true);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return ret;
}

int force_sig_fault(int sig, int code, void __user *addr)
{
	kernel_siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.sigfault.si_addr = addr;
	return force_sig_info(&info);
}

void force_sig(int sig)
{
	kernel_siginfo_t info;

	fill_kill_info(&info, sig, SI_KERNEL);
	force_sig_info(&info);
}

/* The thread-group leaders of user processes, one callback each, under
 * tasklist_lock. Return: how many matched. */
static int for_each_process_matching(bool (*match)(struct task_struct *, long),
				     long key, int sig, kernel_siginfo_t *info,
				     int *err)
{
	struct task_struct *p;
	unsigned long flags;
	int found = 0;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (!p->signal || p->group_leader != p || p->exit_state || !match(p, key))
			continue;
		found++;
		int ret = group_send_sig_info(sig, info, p);

		if (ret && !*err)
			*err = ret;
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

static bool in_pgrp(struct task_struct *p, long pgrp)
{
	return p->signal->pgrp == pgrp;
}

/* Everyone but init and the caller (kill(-1, sig)). */
static bool not_init_or_self(struct task_struct *p, long self)
{
	return p->tgid > 1 && p->tgid != self;
}

static int __kill_pgrp_info(int sig, kernel_siginfo_t *info, pid_t pgrp)
{
	int err = 0;

	if (!for_each_process_matching(in_pgrp, pgrp, sig, info, &err))
		return -ESRCH;
	return err;
}

int kill_pgrp(pid_t pgrp, int sig, int priv)
{
	kernel_siginfo_t info;

	fill_kill_info(&info, sig, priv ? SI_KERNEL : SI_USER);
	return __kill_pgrp_info(sig, &info, pgrp);
}

/* kill(): one process, the caller's group, everyone, or group -@pid. */
static int kill_something_info(int sig, kernel_siginfo_t *info, pid_t pid)
{
	struct task_struct *p;
	unsigned long flags;
	int err = 0;

	if (pid > 0) {
		raw_spin_lock_irqsave(&tasklist_lock, flags);
		p = find_task_by_pid(pid);
		err = p && !p->exit_state ? group_send_sig_info(sig, info, p) : -ESRCH;
		raw_spin_unlock_irqrestore(&tasklist_lock, flags);
		return err;
	}
	if (pid == 0)
		return __kill_pgrp_info(sig, info, task_pgrp_nr(current));
	if (pid != -1)
		return __kill_pgrp_info(sig, info, -pid);
	if (!for_each_process_matching(not_init_or_self, current->tgid, sig, info, &err))
		return -ESRCH;
	return err;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	kernel_siginfo_t info;

	if (!valid_signal(sig) || sig < 0)
		return -EINVAL;
	if (pid == INT_MIN)
		return -ESRCH;	/* -INT_MIN overflows, as Linux says */
	fill_kill_info(&info, sig, SI_USER);
	return kill_something_info(sig, &info, pid);
}

/* tkill/tgkill: one thread; @tgid < 0 means any group (tkill). */
static int do_tkill(pid_t tgid, pid_t pid, int sig)
{
	kernel_siginfo_t info;
	struct task_struct *p;
	unsigned long flags;
	int err = -ESRCH;

	if (pid <= 0 || !valid_signal(sig) || sig < 0)
		return -EINVAL;
	fill_kill_info(&info, sig, SI_TKILL);
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(pid);
	if (p && !p->exit_state && (tgid <= 0 || p->tgid == tgid))
		err = send_sig_info(sig, &info, p);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	return do_tkill(0, pid, sig);
}

/* A new process's signal_struct with @p its one thread. */
static void signal_struct_init(struct signal_struct *sig, struct task_struct *p)
{
	refcount_set(&sig->sig_cnt, 1);
	INIT_LIST_HEAD(&sig->shared_pending.list);
	init_waitqueue_head(&sig->wait_chldexit);
	itimer_init(sig);
	INIT_LIST_HEAD(&sig->thread_head);
	list_add_tail(&p->thread_node, &sig->thread_head);
	sig->nr_threads = sig->live = 1;
}

/* The signal structures of a process's first exec (PID 1, which was a
 * kernel thread until then): a session and process group of its own. */
int signal_structs_alloc(struct task_struct *p)
{
	struct signal_struct *sig = kmem_cache_zalloc(signal_cachep, GFP_KERNEL);
	struct sighand_struct *sh = kmem_cache_zalloc(sighand_cachep, GFP_KERNEL);

	if (!sig || !sh) {
		kmem_cache_free(signal_cachep, sig);
		kmem_cache_free(sighand_cachep, sh);
		return -ENOMEM;
	}
	signal_struct_init(sig, p);
	sig->pgrp = sig->session = p->tgid;
	sig->leader = true;
	default_rlimits(sig);
	refcount_set(&sh->count, 1);
	spin_lock_init(&sh->siglock);
	INIT_LIST_HEAD(&p->pending.list);
	sigemptyset(&p->pending.signal);
	p->sighand = sh;
	WRITE_ONCE(p->signal, sig);	/* last: signal_pending() tests it */
	return 0;
}

/*
 * fork and clone (Linux's copy_sighand() and copy_signal()): the actions
 * are shared with CLONE_SIGHAND, the signal_struct with CLONE_THREAD (a
 * thread joins its process in attach_task()); else the child gets copies.
 */
int copy_signal_structs(u64 clone_flags, struct task_struct *p)
{
	struct task_struct *parent = current;
	struct signal_struct *sig = NULL;
	struct sighand_struct *sh = NULL;
	unsigned long flags;

	if (!(clone_flags & CLONE_THREAD))
		sig = kmem_cache_zalloc(signal_cachep, GFP_KERNEL);
	if (!(clone_flags & CLONE_SIGHAND))
		sh = kmem_cache_alloc(sighand_cachep, GFP_KERNEL);
	if ((!sig && !(clone_flags & CLONE_THREAD)) || (!sh && !(clone_flags & CLONE_SIGHAND))) {
		kmem_cache_free(signal_cachep, sig);
		kmem_cache_free(sighand_cachep, sh);
		return -ENOMEM;
	}
	INIT_LIST_HEAD(&p->pending.list);
	sigemptyset(&p->pending.signal);
	spin_lock_irqsave(&parent->sighand->siglock, flags);
	p->blocked = parent->blocked;
	if (sh) {
		memcpy(sh->action, parent->sighand->action, sizeof(sh->action));
		refcount_set(&sh->count, 1);
		spin_lock_init(&sh->siglock);
	} else {
		sh = parent->sighand;
		refcount_inc(&sh->count);
	}
	if (sig) {
		sig->pgrp = parent->signal->pgrp;
		sig->session = parent->signal->session;
		sig->tty = parent->signal->tty;
		memcpy(sig->rlim, parent->signal->rlim, sizeof(sig->rlim));
	} else {
		sig = parent->signal;
		refcount_inc(&sig->sig_cnt);
	}
	spin_unlock_irqrestore(&parent->sighand->siglock, flags);
	if (!(clone_flags & CLONE_THREAD))
		signal_struct_init(sig, p);
	p->sighand = sh;
	p->signal = sig;
	return 0;
}

/* With the task_struct, after an RCU grace period: nobody who found the
 * task can still be sending to it. */
void release_signal_structs(struct task_struct *p)
{
	if (!p->signal)
		return;
	flush_sigqueue_mask(~0UL, &p->pending);
	/* Threads share both: the last one frees them. */
	if (refcount_dec_and_test(&p->signal->sig_cnt)) {
		flush_sigqueue_mask(~0UL, &p->signal->shared_pending);
		kmem_cache_free(signal_cachep, p->signal);
	}
	if (refcount_dec_and_test(&p->sighand->count))
		kmem_cache_free(sighand_cachep, p->sighand);
	p->signal = NULL;
	p->sighand = NULL;
}

/* execve: a handler's address means nothing in the new program. */
void flush_signal_handlers(struct task_struct *p)
{
	struct k_sigaction *ka = p->sighand->action;

	for (int i = 0; i < _NSIG; i++, ka++) {
		if (ka->sa.sa_handler != SIG_IGN)
			ka->sa.sa_handler = SIG_DFL;
		ka->sa.sa_flags = 0;
		ka->sa.sa_restorer = NULL;
		sigemptyset(&ka->sa.sa_mask);
	}
}
