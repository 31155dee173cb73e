/*
 * Signals between tasks (kernel/signal.c), as Linux's
 * include/linux/sched/signal.h: what a thread group shares
 * (signal_struct: process group, session, controlling terminal, the
 * children's exit wait queue; sighand_struct: the actions), and the
 * calls that send signals and ask whether one is pending.
 */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/spinlock.h>
#include <linux/refcount.h>
#include <linux/wait.h>
#include <linux/timer.h>

extern int freezer_active;
bool freezing_slow_path(struct task_struct *p);

struct tty_struct;

/* Shared by the threads of a process. */
struct signal_struct {
	refcount_t sig_cnt;		/* references: its tasks, zombies included */
	struct sigpending shared_pending;	/* kill() to the process */
	wait_queue_head_t wait_chldexit;	/* wait4() sleeps here */
	pid_t pgrp;			/* process group */
	pid_t session;			/* session (its leader's PID) */
	bool leader;			/* this process leads its session */
	struct tty_struct *tty;		/* controlling terminal, or NULL */
	int group_exit_code;
	unsigned int flags;		/* SIGNAL_* */
	struct rlimit_pair {
		unsigned long rlim_cur, rlim_max;
	} rlim[16];			/* RLIMIT_*: see prlimit64() */
	u64 cutime, cstime;		/* ns used by reaped children */
	/* ITIMER_REAL (kernel/time/itimer.c): SIGALRM to real_timer_task. */
	struct timer_list real_timer;
	struct task_struct *real_timer_task;
	unsigned long it_real_incr;	/* period in jiffies, 0: one shot */
	u64 it_real_expires;		/* when it is due, CLOCK_MONOTONIC ns */
	u64 it_real_incr_ns;		/* the period in ns */
	/* ITIMER_VIRTUAL and ITIMER_PROF (it[ITIMER_x - 1]): ns of process
	 * CPU time left (0: disarmed) and the period; siglock. */
	struct cpu_itimer {
		u64 left, incr;
	} it[2];
	unsigned long cmin_flt, cmaj_flt, cnvcsw, cnivcsw;
	/* The threads (CLONE_THREAD), leader first; changed under
	 * tasklist_lock and siglock, read under either. */
	struct list_head thread_head;
	int nr_threads;			/* on thread_head, zombie leader included */
	int live;			/* threads not yet in do_exit() */
	int group_stop_count;		/* threads still to stop for a group stop */
	/* execve() of a thread waits here for the others to go (de_thread). */
	struct task_struct *group_exec_task;
	u64 utime, stime;		/* ns of the threads released already */
	unsigned long min_flt, maj_flt;
};

#define SIGNAL_GROUP_EXIT 0x00000004
#define SIGNAL_STOP_STOPPED 0x00000001
#define SIGNAL_STOP_CONTINUED 0x00000002
/* A stop or continue the parent has not collected with wait4() yet. */
#define SIGNAL_CLD_STOPPED 0x00000010
#define SIGNAL_CLD_CONTINUED 0x00000020
#define SIGNAL_UNKILLABLE 0x00000040	/* init: default actions ignored */

/* The actions, shared by CLONE_SIGHAND threads. */
struct sighand_struct {
	refcount_t count;		/* CLONE_SIGHAND sharers */
	spinlock_t siglock;
	struct k_sigaction action[_NSIG];
};

/* True if @p has an unblocked signal pending: a sleep that can be
 * interrupted ends with -EINTR (or -ERESTARTSYS) when it is. Kernel
 * threads have no signal_struct and never have one pending. */
static inline bool signal_pending(struct task_struct *p)
{
	struct signal_struct *sig = READ_ONCE(p->signal);

	if (!sig)
		return false;
	/* A group stop another thread started counts, as TIF_SIGPENDING. */
	if (unlikely(READ_ONCE(p->jobctl) & JOBCTL_STOP_PENDING))
		return true;
	/* A freeze looks like a signal to user tasks (linux/freezer.h):
	 * their sleeps end and get_signal() freezes them. */
	if (unlikely(READ_ONCE(freezer_active)) && freezing_slow_path(p))
		return true;
	return (READ_ONCE(p->pending.signal.sig[0]) |
		READ_ONCE(sig->shared_pending.signal.sig[0])) &
	       ~READ_ONCE(p->blocked.sig[0]);
}

/* True if SIGKILL is pending: killable sleeps end. */
static inline bool fatal_signal_pending(struct task_struct *p)
{
	return p->signal && sigismember(&p->pending.signal, SIGKILL);
}

/* Would a sleep in @state end for a pending signal? (__schedule()) */
static inline bool signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return false;
	if (!signal_pending(p))
		return false;
	return (state & TASK_INTERRUPTIBLE) || fatal_signal_pending(p);
}

/* Send @sig to one task (@priv: from the kernel, not checked). */
int send_sig(int sig, struct task_struct *p, int priv);
int send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p);
/* To the process of @p (kill()'s kind): any of its threads may take it. */
int group_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p);
/* kernel/time/itimer.c: a process's interval timers. */
void itimer_init(struct signal_struct *sig);
void exit_itimers(struct signal_struct *sig);
/* The tick charged @cputime to @p (@user: in user mode): its process's
 * CPU-time itimers count down, and fire SIGVTALRM or SIGPROF. */
void account_itimers(struct task_struct *p, u64 cputime, bool user);
static inline bool cpu_itimers_armed(const struct signal_struct *sig)
{
	return READ_ONCE(sig->it[0].left) | READ_ONCE(sig->it[1].left);
}
/* To every process in process group @pgrp (the terminal's Ctrl-C). */
int kill_pgrp(pid_t pgrp, int sig, int priv);
/* A fault or trap in user mode: @sig to current, which cannot block or
 * ignore it (Linux's force_sig_fault()). */
int force_sig_fault(int sig, int code, void __user *addr);
void force_sig(int sig);

/* A signal chosen for delivery, and how (Linux's struct ksignal). */
struct ksignal {
	struct k_sigaction ka;
	kernel_siginfo_t info;
	int sig;
};

/* kernel/signal.c: dequeue the next deliverable signal of current.
 * Default actions (ignore, stop, terminate, core) are taken inside; a
 * signal with a handler is returned in @ksig (true) for the arch to
 * build the handler's frame. Context: process, returning to user mode. */
bool get_signal(struct ksignal *ksig);
/* After the frame was built (@failed: it could not be): block the
 * handler's mask, or kill with SIGSEGV when the frame failed. */
void signal_setup_done(int failed, struct ksignal *ksig);

/* The mask a handler's frame saves: the one rt_sigsuspend() replaced,
 * if any (Linux's sigmask_to_save()); and putting that one back when no
 * handler ran (restore_saved_sigmask()). */
static inline sigset_t *sigmask_to_save(void)
{
	return current->restore_sigmask ? &current->saved_sigmask : &current->blocked;
}
void restore_saved_sigmask(void);
/* Sets current's mask (SIGKILL and SIGSTOP are never blocked). */
void set_current_blocked(sigset_t *newset);

/* The work done on the way back to user mode: deliver a pending signal
 * (set up a handler's frame in @regs, or stop, or die). */
struct pt_regs;
void arch_do_signal_or_restart(struct pt_regs *regs);

/* Process life cycle (kernel/signal.c): the structures of a new user
 * process (PID 1 at its first exec) and of a fork, and their release. */
int signal_structs_alloc(struct task_struct *p);
int copy_signal_structs(u64 clone_flags, struct task_struct *p);
void release_signal_structs(struct task_struct *p);
/* execve: handled signals go back to their defaults. */
void flush_signal_handlers(struct task_struct *p);
/* A parent learns of a child's death (SIGCHLD and wait4's wake-up).
 * Return: true if the child is to be reaped at once (SIGCHLD ignored). */
bool do_notify_parent(struct task_struct *tsk, int sig);
/* Stop/continue notifications to the parent (CLD_STOPPED, CLD_CONTINUED). */
void do_notify_parent_cldstop(struct task_struct *tsk, int why);
/* The whole thread group ends with @exit_code (exit_group, fatal signal). */
void do_group_exit(int exit_code) __noreturn;

/* current's soft limit @res (RLIMIT_*), kernel/sys.c */
unsigned long rlimit(unsigned int res);

/* Threads (Linux's names). A kernel thread is its own group. */
static inline bool thread_group_leader(const struct task_struct *p)
{
	return p->group_leader == p;
}

static inline bool same_thread_group(const struct task_struct *a,
				     const struct task_struct *b)
{
	return a->signal == b->signal;
}

/* Every thread of @p's process, the zombie leader too. Caller holds
 * tasklist_lock or @p->sighand->siglock. */
#define for_each_thread(p, t) \
	list_for_each_entry(t, &(p)->signal->thread_head, thread_node)

static inline int get_nr_threads(const struct task_struct *p)
{
	return p->signal ? p->signal->nr_threads : 1;
}

static inline bool thread_group_empty(const struct task_struct *p)
{
	return get_nr_threads(p) <= 1;
}

/* A zombie leader is not reaped while its threads live (Linux). */
static inline bool delay_group_leader(const struct task_struct *p)
{
	return thread_group_leader(p) && !thread_group_empty(p);
}

/* Kills every other thread of current's process (exit_group, execve).
 * Caller holds siglock. Return: how many were told. */
int zap_other_threads(struct task_struct *p);

/* Session and group of current, for the TTY's job control. */
static inline pid_t task_pgrp_nr(struct task_struct *p)
{
	return p->signal ? p->signal->pgrp : 0;
}

static inline pid_t task_session_nr(struct task_struct *p)
{
	return p->signal ? p->signal->session : 0;
}

#endif
