/*
 * Tasks and the scheduler's public face, as Linux's include/linux/sched.h.
 * Every thread of execution, kernel thread or idle task, is a
 * struct task_struct; `current` is the one running on this CPU.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/preempt.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <linux/signal_types.h>
#include <linux/refcount.h>

#define TASK_COMM_LEN 16

/* Task states (task->__state), Linux's values. */
#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define __TASK_STOPPED 0x0004
#define TASK_STOPPED (TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_PARKED 0x0040
#define TASK_DEAD 0x0080
#define TASK_WAKEKILL 0x0100
#define TASK_WAKING 0x0200		/* being moved to its new CPU by a waker */
#define TASK_NOLOAD 0x0400
#define TASK_NEW 0x0800
#define TASK_FROZEN 0x8000		/* in the refrigerator (linux/freezer.h) */
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* Per-task flags (task->flags). */
#define PF_IDLE 0x00000002		/* an idle task */
#define PF_EXITING 0x00000004
#define PF_WQ_WORKER 0x00000020		/* a workqueue worker */
#define PF_MEMALLOC 0x00000800		/* reclaiming: do not recurse into it */
#define PF_KTHREAD 0x00200000		/* a kernel thread */
#define PF_NO_SETAFFINITY 0x04000000	/* bound: affinity fixed */
#define PF_NOFREEZE 0x00008000		/* never frozen (kthreads until set_freezable()) */
#define PF_SUSPEND_TASK 0x80000000U	/* the task running the suspend: not frozen */

/* Scheduling policies. */
#define SCHED_NORMAL 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_BATCH 3
#define SCHED_IDLE 5

#define MAX_RT_PRIO 100
#define MAX_PRIO (MAX_RT_PRIO + 40)
#define DEFAULT_PRIO (MAX_RT_PRIO + 20)
#define NICE_TO_PRIO(nice) ((nice) + DEFAULT_PRIO)
#define PRIO_TO_NICE(prio) ((prio) - DEFAULT_PRIO)
#define MIN_NICE -20
#define MAX_NICE 19

struct sched_class;
struct kthread;
struct mm_struct;
struct files_struct;
struct fs_struct;
struct signal_struct;
struct sighand_struct;
struct vm_struct;
struct completion;
struct robust_list_head;

struct load_weight {
	unsigned long weight;
	u32 inv_weight;
};

/* A task's place in the fair class (kernel/sched/fair.c). */
struct sched_entity {
	struct load_weight load;
	struct rb_node run_node;
	bool on_rq;
	u64 exec_start;		/* rq clock when it last started running */
	u64 sum_exec_runtime;	/* total ns on the CPU */
	u64 vruntime;		/* weighted ns: the fair class runs the least */
	u64 prev_sum_exec_runtime;	/* at the start of this slice */
};

/* A task's place in the real-time class (kernel/sched/rt.c). */
struct sched_rt_entity {
	struct list_head run_list;
	unsigned int time_slice;	/* SCHED_RR: ticks left */
	bool on_rq;
};

/* Architecture state saved across a context switch. */
/* struct thread_struct, the architecture's part, is in asm/processor.h. */

struct task_struct {
	struct thread_struct thread;
	unsigned int __state;
	unsigned int flags;		/* PF_* */
	unsigned long need_resched;	/* TIF_NEED_RESCHED in Linux */
	int on_rq;
	int cpu;
	int prio, static_prio, normal_prio;
	unsigned int rt_priority;
	unsigned int policy;
	const struct sched_class *sched_class;
	struct sched_entity se;
	struct sched_rt_entity rt;
	unsigned long cpus_mask;	/* CPUs it may run on */
	int nr_cpus_allowed;

	unsigned long nvcsw, nivcsw;	/* voluntary / involuntary switches */
	unsigned long nr_migrations;	/* moves to another CPU */
	u64 start_time;			/* ns since boot at creation */

	pid_t pid;
	char comm[TASK_COMM_LEN];
	struct task_struct *real_parent;
	struct list_head children;	/* tasks this one created */
	struct list_head sibling;	/* in the parent's children */
	struct list_head tasks;		/* all tasks, in creation order */
	refcount_t usage;		/* references; freed at 0 */
	int exit_code;

	void *stack;			/* lowest address of the kernel stack */
	struct vm_struct *stack_vm_area;	/* its vmalloc area */
	struct rcu_head rcu;		/* delayed_put_task_struct() */
	struct kthread *kthread;	/* PF_KTHREAD: kthread state */
	struct completion *vfork_done;	/* completed by do_exit() */
	void *wait_private;		/* for the blocking primitive in use */
	/* khungtaskd's view (kernel/hung_task.c): the switch count it saw
	 * last and when it changed. */
	unsigned long last_switch_count;
	unsigned long last_switch_time;

	/* Preemptible RCU (kernel/rcu/tree.c), as Linux's fields. */
	int rcu_read_lock_nesting;
	u8 rcu_read_unlock_special;	/* RCU_SPECIAL_* */
	bool rcu_blocks_gp;		/* on blkd_tasks, holds up this GP */
	struct list_head rcu_node_entry;	/* in rcu_node.blkd_tasks */

	/* A process's resources. A kernel thread has no mm (that is what
	 * makes it one, with PF_KTHREAD) and borrows active_mm, the last
	 * address space loaded, as Linux's lazy TLB. */
	struct mm_struct *mm;
	struct mm_struct *active_mm;
	struct files_struct *files;	/* open file descriptors */
	struct fs_struct *fs;		/* root, working directory, umask */
	struct signal_struct *signal;	/* pgrp, session, tty, rlimits, exit */
	struct sighand_struct *sighand;	/* signal actions */
	sigset_t blocked;		/* signals masked by this thread */
	sigset_t saved_sigmask;		/* rt_sigsuspend: restored after the handler */
	sigset_t real_blocked;		/* rt_sigtimedwait: the mask while it waits */
	int pdeath_signal;		/* prctl(PR_SET_PDEATHSIG): sent when the parent dies */
	bool no_new_privs;		/* prctl(PR_SET_NO_NEW_PRIVS), kept across fork and exec */
	bool not_dumpable;		/* prctl(PR_SET_DUMPABLE, 0), until exec */
	bool restore_sigmask;		/* Linux's TIF_RESTORE_SIGMASK */
	struct sigpending pending;	/* signals sent to this thread */
	unsigned long sas_ss_sp;	/* sigaltstack */
	size_t sas_ss_size;
	pid_t tgid;			/* thread group: the leader's PID */
	struct task_struct *group_leader;
	struct list_head thread_node;	/* in signal->thread_head */
	unsigned long jobctl;		/* JOBCTL_*: this thread's part in a group stop */
	int exit_state;			/* EXIT_ZOMBIE, then EXIT_DEAD */
	int exit_signal;		/* sent to the parent at exit (SIGCHLD) */
	int __user *set_child_tid;	/* CLONE_CHILD_SETTID */
	int __user *clear_child_tid;	/* CLONE_CHILD_CLEARTID: set_tid_address */
	struct robust_list_head __user *robust_list;	/* set_robust_list */
	u64 utime, stime;		/* ns in user and kernel mode */
	unsigned long min_flt, maj_flt;	/* page faults */
};

/* task->jobctl: a group stop asks this thread to stop too. */
#define JOBCTL_STOP_PENDING (1UL << 17)

/* task->exit_state */
#define EXIT_DEAD 0x0010
#define EXIT_ZOMBIE 0x0020

extern struct task_struct init_task;	/* swapper/0, PID 0 */

static inline unsigned int task_state(const struct task_struct *p)
{
	return READ_ONCE(p->__state);
}

/* Stores the state with a full barrier, so a later check of the wake-up
 * condition cannot be reordered before it (see schedule()). */
#define set_current_state(state)                                        \
	do {                                                            \
		smp_store_mb(current->__state, (state));               \
	} while (0)
#define __set_current_state(state) WRITE_ONCE(current->__state, (state))

void schedule(void);
void schedule_preempt_disabled(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_killable(long timeout);
int wake_up_process(struct task_struct *p);
int wake_up_state(struct task_struct *p, unsigned int state);
/* If @p runs on another CPU, interrupt it so it enters the kernel (and
 * sees a signal before it returns to user mode). */
void kick_process(struct task_struct *p);
void yield(void);
int __cond_resched(void);
#define cond_resched() __cond_resched()

#define MAX_SCHEDULE_TIMEOUT LONG_MAX

void set_user_nice(struct task_struct *p, long nice);
int task_nice(const struct task_struct *p);

struct sched_param {
	int sched_priority;
};
int sched_setscheduler(struct task_struct *p, int policy, const struct sched_param *param);
int sched_setscheduler_nocheck(struct task_struct *p, int policy,
			       const struct sched_param *param);
void sched_set_fifo(struct task_struct *p);
void sched_set_fifo_low(struct task_struct *p);
void sched_set_normal(struct task_struct *p, int nice);
/* Restricts @p to the CPUs in *@new_mask, moving it if needed (sleeps). */
int set_cpus_allowed_ptr(struct task_struct *p, const unsigned long *new_mask);

static inline pid_t task_pid_nr(const struct task_struct *t)
{
	return t->pid;
}

static inline int task_cpu(const struct task_struct *p)
{
	return p->cpu;
}

static inline bool is_idle_task(const struct task_struct *p)
{
	return p->flags & PF_IDLE;
}

/* Is @cpu running its idle task with nothing queued? (Linux's idle_cpu()) */
int idle_cpu(int cpu);

static inline int smp_processor_id(void)
{
	return raw_smp_processor_id();
}

/* Sets p->comm, cut to TASK_COMM_LEN - 1 characters as Linux does. */
void set_task_comm(struct task_struct *p, const char *name);
char *get_task_comm(char *buf, const struct task_struct *p);

/* The task with this PID, or NULL. Context: any; hold a reference
 * (get_task_struct) to use it after the tasklist lock is dropped. */
struct task_struct *find_task_by_pid(pid_t pid);

/* get_task_struct()/put_task_struct() live there, as in Linux; Spindle's
 * sched.h includes it so that every user of struct task_struct has them. */
#include <linux/sched/task.h>

#endif
