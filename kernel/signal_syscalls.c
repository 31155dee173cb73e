/*
 * The signal system calls a process uses on itself, after Linux's
 * kernel/signal.c: rt_sigaction, rt_sigprocmask, rt_sigpending,
 * rt_sigsuspend, rt_sigtimedwait, pause, sigaltstack. Sending is in signal.c, taking
 * signals in signal_deliver.c, the handler's frame and rt_sigreturn in
 * arch/x86_64/kernel/signal.c.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/time.h>
#include "signal_internal.h"

static void flush_pending(struct sigpending *pending, int sig)
{
	struct sigqueue *q, *n;

	sigdelset(&pending->signal, sig);
	list_for_each_entry_safe(q, n, &pending->list, list) {
		if (q->info.si_signo == sig) {
			list_del(&q->list);
			kfree_sigqueue(q);
		}
	}
}

/* Linux's do_sigaction(): SIGKILL and SIGSTOP keep their defaults, and
 * setting an action that ignores a signal discards it if pending (POSIX). */
static int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact)
{
	struct sighand_struct *sh = current->sighand;
	struct k_sigaction *k;

	if (!valid_signal(sig) || sig < 1 || (act && sig_kernel_only(sig)))
		return -EINVAL;
	k = &sh->action[sig - 1];
	spin_lock_irq(&sh->siglock);
	if (oact)
		*oact = *k;
	if (act) {
		*k = *act;
		sigdelset(&k->sa.sa_mask, SIGKILL);
		sigdelset(&k->sa.sa_mask, SIGSTOP);
		if (k->sa.sa_handler == SIG_IGN ||
		    (k->sa.sa_handler == SIG_DFL && sig_kernel_ignore(sig))) {
			flush_pending(&current->signal->shared_pending, sig);
			flush_pending(&current->pending, sig);
		}
	}
	spin_unlock_irq(&sh->siglock);
	return 0;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct sigaction __user *, act,
		struct sigaction __user *, oact, size_t, sigsetsize)
{
	struct k_sigaction new_ka, old_ka;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act && copy_from_user(&new_ka.sa, act, sizeof(new_ka.sa)))
		return -EFAULT;
	ret = do_sigaction(sig, act ? &new_ka : NULL, oact ? &old_ka : NULL);
	if (!ret && oact && copy_to_user(oact, &old_ka.sa, sizeof(old_ka.sa)))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, sigset_t __user *, nset,
		sigset_t __user *, oset, size_t, sigsetsize)
{
	sigset_t old = current->blocked, new;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&new, nset, sizeof(new)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			new.sig[0] |= old.sig[0];
			break;
		case SIG_UNBLOCK:
			new.sig[0] = old.sig[0] & ~new.sig[0];
			break;
		case SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
		set_current_blocked(&new);
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, sigset_t __user *, uset, size_t, sigsetsize)
{
	sigset_t set;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	spin_lock_irq(&current->sighand->siglock);
	set.sig[0] = (current->pending.signal.sig[0] |
		      current->signal->shared_pending.signal.sig[0]) &
		     current->blocked.sig[0];
	spin_unlock_irq(&current->sighand->siglock);
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

/* Sleeps until a signal is pending; the syscall then ends through the
 * signal path, which never restarts -ERESTARTNOHAND after a handler. */
static long sleep_until_signal(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigsuspend, sigset_t __user *, unewset, size_t, sigsetsize)
{
	sigset_t newset;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&newset, unewset, sizeof(newset)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_current_blocked(&newset);
	current->restore_sigmask = true;
	return sleep_until_signal();
}

SYSCALL_DEFINE0(pause)
{
	return sleep_until_signal();
}

/*
 * Mirrors do_sigtimedwait(): takes a signal of @which without running its
 * handler, waiting up to @timeout jiffies with @which unblocked meanwhile.
 * Return: the signal, -EAGAIN when the time ran out, -EINTR when another
 * signal came first.
 */
static int do_sigtimedwait(const sigset_t *which, kernel_siginfo_t *info,
			   long timeout)
{
	struct sighand_struct *sighand = current->sighand;
	sigset_t mask = *which;
	int sig;

	/* SIGKILL and SIGSTOP are never just "taken". */
	sigdelsetmask(&mask, sigmask(SIGKILL) | sigmask(SIGSTOP));
	signotset(&mask);
	spin_lock_irq(&sighand->siglock);
	sig = dequeue_signal(current, &mask, info);
	if (!sig && timeout) {
		current->real_blocked = current->blocked;
		current->blocked.sig[0] &= mask.sig[0];
		spin_unlock_irq(&sighand->siglock);
		timeout = schedule_timeout_interruptible(timeout);
		spin_lock_irq(&sighand->siglock);
		current->blocked = current->real_blocked;
		sigemptyset(&current->real_blocked);
		sig = dequeue_signal(current, &mask, info);
	}
	spin_unlock_irq(&sighand->siglock);
	if (sig)
		return sig;
	return timeout ? -EINTR : -EAGAIN;
}

/* A relative timeout in jiffies, rounded up; NULL waits for ever. */
static long sigwait_timeout(const struct __kernel_timespec __user *uts)
{
	struct __kernel_timespec ts;

	if (!uts)
		return MAX_SCHEDULE_TIMEOUT;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	return timeout_to_jiffies(ts.tv_sec, ts.tv_nsec);
}

SYSCALL_DEFINE4(rt_sigtimedwait, const sigset_t __user *, uthese,
		siginfo_t __user *, uinfo,
		const struct __kernel_timespec __user *, uts, size_t, sigsetsize)
{
	kernel_siginfo_t info;
	sigset_t these;
	long timeout;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	timeout = sigwait_timeout(uts);
	if (timeout < 0)
		return timeout;
	ret = do_sigtimedwait(&these, &info, timeout);
	if (ret > 0 && uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return ret;
}

static bool on_sig_stack(unsigned long sp)
{
	return sp - current->sas_ss_sp < current->sas_ss_size;
}

SYSCALL_DEFINE2(sigaltstack, const stack_t __user *, uss, stack_t __user *, uoss)
{
	unsigned long sp = current_user_stack_pointer();
	stack_t old = {
		.ss_sp = (void *)current->sas_ss_sp,
		.ss_size = current->sas_ss_size,
		.ss_flags = current->sas_ss_size ? (on_sig_stack(sp) ? SS_ONSTACK : 0)
						 : SS_DISABLE,
	};
	stack_t new;

	if (uss) {
		if (copy_from_user(&new, uss, sizeof(new)))
			return -EFAULT;
		if (on_sig_stack(sp))
			return -EPERM;	/* cannot change the stack we are on */
		if (new.ss_flags != SS_DISABLE && new.ss_flags != SS_ONSTACK &&
		    new.ss_flags != 0)
			return -EINVAL;
		if (new.ss_flags == SS_DISABLE) {
			new.ss_size = 0;
			new.ss_sp = NULL;
		} else if (new.ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		current->sas_ss_sp = (unsigned long)new.ss_sp;
		current->sas_ss_size = new.ss_size;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
