/*
 * The event recorder (kernel/trace.c): the moments the seed chapter's
 * diagrams are made of, with time, CPU and PIDs, in a fixed ring. In the
 * spirit of Linux's sched and task tracepoints (sched_switch,
 * sched_wakeup, sched_process_fork/exit, task_newtask), much reduced.
 *
 * Each hook below is one test of trace_flags when recording is off, so
 * the scheduler pays (almost) nothing for it.
 */
#ifndef _SPINDLE_TRACE_H
#define _SPINDLE_TRACE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/sched.h>

enum trace_type {
	TRACE_BOOT_MARK,	/* a boot step; text names it */
	TRACE_NEW_TASK,		/* pid created target (wake_up_new_task) */
	TRACE_FIRST_RUN,	/* pid runs for the first time; target: previous task */
	TRACE_SWITCH,		/* context switch pid -> target; arg: pid's state */
	TRACE_WAKEUP,		/* pid woke target (arg: 1 in an interrupt) */
	TRACE_KTHREAD_QUEUE,	/* pid queued a kthread_create() request for tcomm */
	TRACE_KTHREADD_WAKE,	/* kthreadd woke up and found requests */
	TRACE_KTHREAD_CREATE,	/* kthreadd forked target for a request */
	TRACE_KTHREAD_READY,	/* the new thread told its creator, went to sleep */
	TRACE_KTHREAD_RUN,	/* the new thread calls its threadfn */
	TRACE_KTHREAD_STOP,	/* pid calls kthread_stop(target) */
	TRACE_KTHREAD_STOPPED,	/* kthread_stop(target) returned arg */
	TRACE_EXIT,		/* pid exits with code arg */
	TRACE_NR_TYPES
};

struct trace_event {
	u64 ts;			/* ktime_get_ns(); 0 before the clock runs */
	u32 seq;		/* order of recording */
	u8 type;
	u8 cpu;
	pid_t pid;		/* the task that was current */
	pid_t target;		/* the other task, or -1 */
	long arg;
	const char *text;	/* TRACE_BOOT_MARK: a string constant */
	char comm[TASK_COMM_LEN];
	char tcomm[TASK_COMM_LEN];
};

#define TRACE_RING_LEN 2048	/* trace start ... stop: the newest kept */
#define TRACE_BOOT_LEN 1024	/* the boot: the first kept */

#define TRACE_ON 0x1		/* recording into the ring */
#define TRACE_BOOT 0x2		/* recording the boot (until the shell starts) */

extern unsigned int trace_flags;

void __trace_event(enum trace_type type, pid_t target, const char *tcomm,
		   long arg, const char *text);

static __always_inline void trace_event(enum trace_type type,
					const struct task_struct *t, long arg)
{
	if (unlikely(READ_ONCE(trace_flags)))
		__trace_event(type, t ? t->pid : -1, t ? t->comm : NULL, arg, NULL);
}

static __always_inline void trace_boot_mark(const char *step)
{
	if (unlikely(READ_ONCE(trace_flags)))
		__trace_event(TRACE_BOOT_MARK, -1, NULL, 0, step);
}

/* kernel/sched/core.c */
#define trace_sched_switch(prev, next) trace_event(TRACE_SWITCH, next, (prev)->__state)
#define trace_sched_wakeup(p) trace_event(TRACE_WAKEUP, p, in_interrupt() ? 1 : 0)
#define trace_task_newtask(p) trace_event(TRACE_NEW_TASK, p, 0)
#define trace_first_run(prev) trace_event(TRACE_FIRST_RUN, prev, 0)
/* kernel/exit.c */
#define trace_task_exit(code) trace_event(TRACE_EXIT, NULL, code)
/* kernel/kthread.c */
#define trace_kthreadd_wake() trace_event(TRACE_KTHREADD_WAKE, NULL, 0)
#define trace_kthread_ready() trace_event(TRACE_KTHREAD_READY, NULL, 0)
#define trace_kthread_run() trace_event(TRACE_KTHREAD_RUN, NULL, 0)
#define trace_kthread_stop(k) trace_event(TRACE_KTHREAD_STOP, k, 0)
#define trace_kthread_stopped(k, ret) trace_event(TRACE_KTHREAD_STOPPED, k, ret)

static __always_inline void trace_kthread_queue(const char *name)
{
	if (unlikely(READ_ONCE(trace_flags)))
		__trace_event(TRACE_KTHREAD_QUEUE, -1, name, 0, NULL);
}

static __always_inline void trace_kthread_create(pid_t pid, const char *name)
{
	if (unlikely(READ_ONCE(trace_flags)))
		__trace_event(TRACE_KTHREAD_CREATE, pid, name, pid, NULL);
}

/* The shell starts: the boot recording ends. */
void trace_boot_end(void);
/* trace start / stop: empties the ring first on start. */
void trace_start(void);
void trace_stop(void);
/* tracefs's tracing_on and "echo > trace" (kernel/trace_output.c). */
void trace_set_on(bool on);
void trace_clear(void);

/**
 * trace_copy - copy recorded events, oldest first
 * @boot: the boot recording instead of the ring
 * @out: destination
 * @max: its length in events
 * @dropped: set to the number of events lost (overwritten, or not kept)
 *
 * Return: the number of events copied.
 */
unsigned int trace_copy(bool boot, struct trace_event *out, unsigned int max,
			unsigned long *dropped);
const char *trace_type_name(enum trace_type type);

#endif
