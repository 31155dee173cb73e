/*
 * Preemption and context counting, as Linux's include/linux/preempt.h.
 * One per-CPU counter holds, in separate bit fields:
 *   bits  0-7  preemption disabled (nesting depth)
 *   bits  8-15 softirq (serving, or bottom halves disabled)
 *   bits 16-19 hard interrupt nesting
 * The CPU may switch tasks only when the whole count is 0.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <asm/percpu.h>

#define PREEMPT_OFFSET 1
#define SOFTIRQ_OFFSET (1 << 8)
#define HARDIRQ_OFFSET (1 << 16)
#define SOFTIRQ_MASK (0xff << 8)
#define HARDIRQ_MASK (0xf << 16)
#define SOFTIRQ_DISABLE_OFFSET (2 * SOFTIRQ_OFFSET)

#define preempt_count() __preempt_count()
#define hardirq_count() (preempt_count() & HARDIRQ_MASK)
#define softirq_count() (preempt_count() & SOFTIRQ_MASK)
#define in_hardirq() (hardirq_count())
#define in_serving_softirq() (softirq_count() & SOFTIRQ_OFFSET)
#define in_interrupt() (preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK))
#define in_task() (!in_interrupt())
/* True where sleeping is a bug: atomic context. */
#define in_atomic() (preempt_count() != 0)

void preempt_schedule(void);

/* Should this CPU switch tasks at the next chance? (the flag folded into
 * the preempt count, see asm/percpu.h) */
static __always_inline bool need_resched(void)
{
	return unlikely(test_preempt_need_resched());
}

#define preempt_disable()                   \
	do {                                \
		__preempt_count_add(1);     \
		barrier();                  \
	} while (0)

#define preempt_enable_no_resched()         \
	do {                                \
		barrier();                  \
		__preempt_count_sub(1);     \
	} while (0)

/* Re-enabling preemption is a preemption point, as in Linux. */
#define preempt_enable()                                             \
	do {                                                         \
		barrier();                                           \
		if (unlikely(__preempt_count_dec_and_test()))        \
			preempt_schedule();                          \
	} while (0)

#endif
