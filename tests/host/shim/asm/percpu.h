/*
 * Host shim for arch/x86_64/include/asm/percpu.h. The kernel reaches its
 * per-CPU block through %gs; a test process has one "CPU", so the block
 * is a plain variable. The preemption count is real: taking a spinlock
 * raises it, so a test can check that every lock taken was released
 * (host_assert_unlocked() in tests/host/mm_support.c).
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <linux/types.h>
#include <linux/compiler.h>

struct task_struct;

struct pcpu_hot {
	struct task_struct *current_task;
	int preempt_count;
	int cpu_number;
	unsigned long softirq_pending;
};

extern struct pcpu_hot host_pcpu_hot;

static __always_inline struct task_struct *get_current(void)
{
	return host_pcpu_hot.current_task;
}

#define current get_current()

static __always_inline void set_current(struct task_struct *t)
{
	host_pcpu_hot.current_task = t;
}

static __always_inline int raw_smp_processor_id(void)
{
	return host_pcpu_hot.cpu_number;
}

static __always_inline int __preempt_count(void)
{
	return host_pcpu_hot.preempt_count;
}

static __always_inline void __preempt_count_add(int v)
{
	host_pcpu_hot.preempt_count += v;
}

static __always_inline void __preempt_count_sub(int v)
{
	host_pcpu_hot.preempt_count -= v;
}

/* The kernel folds need-resched into the count; a test never needs one. */
static __always_inline bool __preempt_count_dec_and_test(void)
{
	host_pcpu_hot.preempt_count--;
	return false;
}

static __always_inline bool test_preempt_need_resched(void)
{
	return false;
}

static __always_inline unsigned long local_softirq_pending(void)
{
	return host_pcpu_hot.softirq_pending;
}

static __always_inline void or_softirq_pending(unsigned long mask)
{
	host_pcpu_hot.softirq_pending |= mask;
}

static __always_inline void set_softirq_pending(unsigned long mask)
{
	host_pcpu_hot.softirq_pending = mask;
}

#endif
