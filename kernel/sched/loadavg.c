/*
 * The load average, after Linux's kernel/sched/loadavg.c: every LOAD_FREQ
 * the boot CPU's tick counts the tasks that are runnable or sleeping
 * uninterruptibly (not TASK_NOLOAD) and folds the count into avenrun[].
 * Simplified: Linux keeps per-CPU nr_uninterruptible counters; Spindle
 * counts once every 5 s by walking the run queues and the task list.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/loadavg.h>
#include <linux/jiffies.h>
#include <linux/cpumask.h>
#include <spindle/config.h>
#include <spindle/task.h>
#include "sched.h"

unsigned long avenrun[3];
static unsigned long calc_load_update = LOAD_FREQ;

static unsigned long calc_load(unsigned long load, unsigned long exp,
			       unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;	/* round up while rising, as Linux */
	return newload / FIXED_1;
}

static unsigned long count_active(void)
{
	unsigned long active = 0, flags;
	struct task_struct *p;
	int cpu;

	for_each_online_cpu(cpu)
		active += READ_ONCE(cpu_rq(cpu)->nr_running);
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		unsigned int state = task_state(p);

		if ((state & TASK_UNINTERRUPTIBLE) && !(state & TASK_NOLOAD))
			active++;
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return active;
}

void calc_global_load_tick(void)
{
	unsigned long active;

	if (time_before(jiffies, calc_load_update))
		return;
	calc_load_update += LOAD_FREQ;
	active = count_active() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}

void get_avenrun(unsigned long *loads, unsigned long offset, int shift)
{
	for (int i = 0; i < 3; i++)
		loads[i] = (READ_ONCE(avenrun[i]) + offset) << shift;
}
