/*
 * Per-CPU data reached through the GS segment base, as Linux's
 * asm/percpu.h and asm/current.h: each CPU's GS base points at its own
 * struct pcpu_hot, so `current` and the preemption count are one
 * instruction away and need no lock (only this CPU touches them).
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <linux/types.h>

struct task_struct;

struct pcpu_hot {
	struct task_struct *current_task;
	int preempt_count;	/* see linux/preempt.h for the fields */
	int cpu_number;
	unsigned long softirq_pending;
	/* For entry from user mode (arch/x86_64/entry/entry_64.asm): the
	 * current task's kernel stack top, set by __switch_to, and where
	 * the system-call entry parks the user rsp until the stack is
	 * switched (Linux keeps that in the TSS's sp2). */
	unsigned long top_of_stack;
	unsigned long user_rsp_scratch;
	struct pt_regs *irq_regs;	/* the interrupted context (asm/irq_regs.h) */
};

/* The entry code reaches these two through %gs with fixed offsets. */
#define PCPU_HOT_top_of_stack 24
#define PCPU_HOT_user_rsp_scratch 32

#define PCPU_OFFSET(field) __builtin_offsetof(struct pcpu_hot, field)

#define this_cpu_read_8(field)                                              \
	({                                                                  \
		unsigned long __v;                                          \
		__asm__ __volatile__("movq %%gs:%c1, %0" : "=r"(__v)        \
				     : "i"(PCPU_OFFSET(field)));            \
		__v;                                                        \
	})

#define this_cpu_read_4(field)                                              \
	({                                                                  \
		int __v;                                                    \
		__asm__ __volatile__("movl %%gs:%c1, %0" : "=r"(__v)        \
				     : "i"(PCPU_OFFSET(field)));            \
		__v;                                                        \
	})

#define this_cpu_write_8(field, val)                                        \
	__asm__ __volatile__("movq %0, %%gs:%c1" : : "r"((unsigned long)(val)), \
			     "i"(PCPU_OFFSET(field)) : "memory")

static __always_inline struct task_struct *get_current(void)
{
	return (struct task_struct *)this_cpu_read_8(current_task);
}

#define current get_current()

static __always_inline void set_current(struct task_struct *t)
{
	__asm__ __volatile__("movq %0, %%gs:%c1" : : "r"(t),
			     "i"(PCPU_OFFSET(current_task)) : "memory");
}

static __always_inline int raw_smp_processor_id(void)
{
	return this_cpu_read_4(cpu_number);
}

/*
 * The preemption count and the need-resched flag share one word, as in
 * Linux's arch/x86/include/asm/preempt.h: bit 31 is PREEMPT_NEED_RESCHED,
 * set when no reschedule is needed (inverted). So the word is 0 exactly
 * when the count is 0 and a reschedule is due, and preempt_enable() is
 * one decrement and one conditional jump.
 */
#define PREEMPT_NEED_RESCHED 0x80000000U
#define PREEMPT_ENABLED ((int)PREEMPT_NEED_RESCHED)

static __always_inline int __preempt_count(void)
{
	return this_cpu_read_4(preempt_count) & ~PREEMPT_NEED_RESCHED;
}

/* Single instructions: an interrupt sees the count before or after. */
static __always_inline void __preempt_count_add(int v)
{
	__asm__ __volatile__("addl %0, %%gs:%c1" : : "ri"(v),
			     "i"(PCPU_OFFSET(preempt_count)) : "memory");
}

static __always_inline void __preempt_count_sub(int v)
{
	__asm__ __volatile__("subl %0, %%gs:%c1" : : "ri"(v),
			     "i"(PCPU_OFFSET(preempt_count)) : "memory");
}

/* Drops the count by one; true if that left it 0 with a reschedule due. */
static __always_inline bool __preempt_count_dec_and_test(void)
{
	bool zero;

	/* The zero flag itself is the result ("=@ccz"), so the caller's
	 * test is the conditional jump, as in Linux's GEN_UNARY_RMWcc. */
	__asm__ __volatile__("decl %%gs:%c1" : "=@ccz"(zero)
			     : "i"(PCPU_OFFSET(preempt_count)) : "memory");
	return zero;
}

static __always_inline void set_preempt_need_resched(void)
{
	__asm__ __volatile__("andl %0, %%gs:%c1" : : "i"(~PREEMPT_NEED_RESCHED),
			     "i"(PCPU_OFFSET(preempt_count)) : "memory");
}

static __always_inline void clear_preempt_need_resched(void)
{
	__asm__ __volatile__("orl %0, %%gs:%c1" : : "i"(PREEMPT_NEED_RESCHED),
			     "i"(PCPU_OFFSET(preempt_count)) : "memory");
}

static __always_inline bool test_preempt_need_resched(void)
{
	return !(this_cpu_read_4(preempt_count) & PREEMPT_NEED_RESCHED);
}

/* The softirq pending mask of this CPU (kernel/softirq.c). */
static __always_inline unsigned long local_softirq_pending(void)
{
	return this_cpu_read_8(softirq_pending);
}

static __always_inline void or_softirq_pending(unsigned long mask)
{
	__asm__ __volatile__("orq %0, %%gs:%c1" : : "r"(mask),
			     "i"(PCPU_OFFSET(softirq_pending)) : "memory");
}

static __always_inline void set_softirq_pending(unsigned long mask)
{
	__asm__ __volatile__("movq %0, %%gs:%c1" : : "r"(mask),
			     "i"(PCPU_OFFSET(softirq_pending)) : "memory");
}

/* Points this CPU's GS base at its struct pcpu_hot (kernel/smp... boot). */
void pcpu_hot_init(unsigned int cpu, struct task_struct *idle);

#endif
