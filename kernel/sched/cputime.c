/*
 * CPU time accounting by ticks, as Linux's kernel/sched/cputime.c without
 * VIRT_CPU_ACCOUNTING: each timer tick charges the time since this CPU's
 * previous tick to whatever it interrupted. The task's utime or stime
 * grows, and so does this CPU's user, nice, system, irq, softirq or idle
 * total (/proc/stat, top). Linux charges exactly one tick; Spindle
 * charges the measured gap, because a halted virtual CPU may get its
 * ticks late and merged (the gap is then idle time, which Linux's NO_HZ
 * idle accounting measures the same way). Sampling is coarse (a task
 * that sleeps just before each tick is never charged) but costs a clock
 * read and a few additions per tick.
 * thread_group_cputime() sums a process's threads (getrusage, /proc).
 * Lock: none; only this CPU's tick writes its counters and current's.
 */
#include <linux/kernel_stat.h>
#include <linux/sched.h>
#include <linux/preempt.h>
#include <linux/kernel.h>
#include <linux/timekeeping.h>
#include <linux/sched/cputime.h>
#include <linux/sched/signal.h>


struct kernel_cpustat kernel_cpustat[NR_CPUS];
static u64 last_tick_ns[NR_CPUS];

static void account_user_time(struct task_struct *p, u64 cputime)
{
	u64 *cpustat = kcpustat_cpu(smp_processor_id())->cpustat;

	p->utime += cputime;
	cpustat[task_nice(p) > 0 ? CPUTIME_NICE : CPUTIME_USER] += cputime;
}

/* Kernel mode: charged to the task, and to the CPU as irq, softirq or
 * system time. The tick itself is one hard interrupt level, so only a
 * deeper one counts as interrupt time (Linux's hardirq_offset). */
static void account_system_time(struct task_struct *p, u64 cputime)
{
	u64 *cpustat = kcpustat_cpu(smp_processor_id())->cpustat;

	if (hardirq_count() - HARDIRQ_OFFSET) {
		cpustat[CPUTIME_IRQ] += cputime;
	} else if (in_serving_softirq()) {
		cpustat[CPUTIME_SOFTIRQ] += cputime;
	} else if (is_idle_task(p)) {
		cpustat[CPUTIME_IDLE] += cputime;
		return;
	} else {
		cpustat[CPUTIME_SYSTEM] += cputime;
	}
	p->stime += cputime;
}

/**
 * account_process_tick - charge one tick to @p and this CPU
 * @p: the task the tick interrupted (current)
 * @user_tick: nonzero if it interrupted user mode
 *
 * Context: the timer interrupt.
 */
void account_process_tick(struct task_struct *p, int user_tick)
{
	int cpu = smp_processor_id();
	u64 now = ktime_get_ns(), delta = TICK_NSEC;

	if (last_tick_ns[cpu] && now > last_tick_ns[cpu])
		delta = now - last_tick_ns[cpu];
	last_tick_ns[cpu] = now;
	if (user_tick)
		account_user_time(p, delta);
	else
		account_system_time(p, delta);
	if (p->signal && unlikely(cpu_itimers_armed(p->signal)) && !is_idle_task(p))
		account_itimers(p, delta, user_tick);
}

void thread_group_cputime(struct task_struct *tsk, struct task_cputime *times)
{
	struct signal_struct *sig = tsk->signal;
	struct task_struct *t;
	unsigned long flags;

	if (!sig) {
		*times = (struct task_cputime){ tsk->utime, tsk->stime, tsk->min_flt, tsk->maj_flt };
		return;
	}
	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	*times = (struct task_cputime){ sig->utime, sig->stime, sig->min_flt, sig->maj_flt };
	for_each_thread(tsk, t) {
		times->utime += READ_ONCE(t->utime);
		times->stime += READ_ONCE(t->stime);
		times->min_flt += READ_ONCE(t->min_flt);
		times->maj_flt += READ_ONCE(t->maj_flt);
	}
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
}
