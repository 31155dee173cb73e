/* A process's CPU time: its threads' together (kernel/sched/cputime.c). */
#ifndef _LINUX_SCHED_CPUTIME_H
#define _LINUX_SCHED_CPUTIME_H

#include <linux/types.h>

struct task_struct;

/* Linux's struct task_cputime, with the fault counts getrusage() needs. */
struct task_cputime {
	u64 utime, stime;		/* ns */
	unsigned long min_flt, maj_flt;
};

/* The live threads of @tsk's process plus those released already. A
 * kernel thread's are its own. Takes siglock. */
void thread_group_cputime(struct task_struct *tsk, struct task_cputime *times);

#endif
