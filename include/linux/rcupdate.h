/*
 * Read-copy update, as Linux's include/linux/rcupdate.h (preemptible
 * flavour, CONFIG_PREEMPT_RCU). Readers mark a critical section with
 * rcu_read_lock()/rcu_read_unlock(), which only count nesting in the task:
 * a reader may be preempted, never sleep. Updaters publish with
 * rcu_assign_pointer() and free old versions after a grace period
 * (synchronize_rcu(), call_rcu(), kfree_rcu()): a span in which every
 * reader that could have seen the old version has finished.
 * kernel/rcu/tree.c has the grace-period machinery.
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

#include <asm/barrier.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/sched.h>

void call_rcu(struct rcu_head *head, rcu_callback_t func);
void synchronize_rcu(void);
void synchronize_rcu_expedited(void);
void rcu_barrier(void);
void __rcu_read_unlock_special(struct task_struct *t);

/**
 * rcu_read_lock - enter an RCU read-side critical section
 *
 * Nests. The task may be preempted inside (a grace period then waits for
 * it, see rcu_note_context_switch()), but must not block.
 */
static __always_inline void rcu_read_lock(void)
{
	current->rcu_read_lock_nesting++;
	barrier();
}

/* Leaving the outermost section of a task that was preempted inside it
 * reports the end of its reader (Linux's __rcu_read_unlock()). */
static __always_inline void rcu_read_unlock(void)
{
	struct task_struct *t = current;

	barrier();
	if (--t->rcu_read_lock_nesting == 0) {
		barrier();
		if (unlikely(READ_ONCE(t->rcu_read_unlock_special)))
			__rcu_read_unlock_special(t);
	}
}

static inline int rcu_preempt_depth(void)
{
	return current->rcu_read_lock_nesting;
}

static inline bool rcu_read_lock_held(void)
{
	return rcu_preempt_depth() > 0;
}

/* Publish @v at @p: everything written before is visible to a reader
 * that sees @v (release store). */
#define rcu_assign_pointer(p, v) smp_store_release(&(p), (v))
/* For NULL, or a pointer readers cannot reach yet: no barrier needed. */
#define RCU_INIT_POINTER(p, v) WRITE_ONCE(p, v)
/* Read a pointer published by rcu_assign_pointer(); inside a reader.
 * x86 orders dependent loads, so a plain once-read suffices. */
#define rcu_dereference(p) READ_ONCE(p)
#define rcu_dereference_check(p, c) READ_ONCE(p)
#define rcu_dereference_protected(p, c) (p)
#define rcu_access_pointer(p) READ_ONCE(p)

/*
 * kfree_rcu(ptr, field) - kfree(ptr) after a grace period; @field is the
 * struct rcu_head in *ptr. As Linux, the callback is the field's offset,
 * which no function address can be (below 4096).
 */
#define __is_kvfree_rcu_offset(offset) ((offset) < 4096)
#define kfree_rcu(ptr, rhf)                                                \
	do {                                                               \
		__typeof__(ptr) ___p = (ptr);                              \
		if (___p)                                                  \
			call_rcu(&___p->rhf, (rcu_callback_t)(unsigned long) \
				 offsetof(__typeof__(*___p), rhf));       \
	} while (0)

/* Boot: per-CPU data and the softirq (start_kernel). */
void rcu_init(void);

#endif
