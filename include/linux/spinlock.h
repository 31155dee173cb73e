/*
 * Spinlocks, as Linux's include/linux/spinlock.h. Taking any of them
 * disables preemption (a task holding a spinlock must not be switched
 * out: another task spinning on the lock would wait forever on this CPU);
 * the _irq and _irqsave forms also disable interrupts, for locks an
 * interrupt handler takes too.
 *
 * raw_spinlock_t is the test-and-set lock itself (atomic exchange, then
 * spin on plain reads with pause); spinlock_t wraps it, as in Linux.
 * Debug: releasing a lock that is not held is reported (WARN).
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/bug.h>
#include <linux/atomic.h>
#include <spindle/config.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

typedef struct {
	volatile int locked;
} raw_spinlock_t;

typedef struct spinlock {
	raw_spinlock_t rlock;
} spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED { 0 }
#define DEFINE_RAW_SPINLOCK(name) raw_spinlock_t name = __RAW_SPIN_LOCK_UNLOCKED
#define __SPIN_LOCK_UNLOCKED(name) { __RAW_SPIN_LOCK_UNLOCKED }
#define DEFINE_SPINLOCK(name) spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

static inline void raw_spin_lock_init(raw_spinlock_t *lock)
{
	lock->locked = 0;
}

#define spin_lock_init(lock) raw_spin_lock_init(&(lock)->rlock)

static inline void arch_spin_lock(raw_spinlock_t *lock)
{
	while (xchg_acquire(&lock->locked, 1)) {
		while (READ_ONCE(lock->locked))
			cpu_relax();
	}
}

static inline void arch_spin_unlock(raw_spinlock_t *lock)
{
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		WARN_ON_ONCE(!lock->locked);
	smp_store_release(&lock->locked, 0);
}

static inline void raw_spin_lock(raw_spinlock_t *lock)
{
	preempt_disable();
	arch_spin_lock(lock);
}

static inline bool raw_spin_trylock(raw_spinlock_t *lock)
{
	preempt_disable();
	if (!xchg_acquire(&lock->locked, 1))
		return true;
	preempt_enable();
	return false;
}

static inline void raw_spin_unlock(raw_spinlock_t *lock)
{
	arch_spin_unlock(lock);
	preempt_enable();
}

static inline bool raw_spin_is_locked(raw_spinlock_t *lock)
{
	return READ_ONCE(lock->locked);
}

#define raw_spin_lock_irq(lock)                     \
	do {                                        \
		local_irq_disable();                \
		raw_spin_lock(lock);                \
	} while (0)

/* Interrupts on before preemption: preempt_enable() may then switch. */
#define raw_spin_unlock_irq(lock)                   \
	do {                                        \
		arch_spin_unlock(lock);             \
		local_irq_enable();                 \
		preempt_enable();                   \
	} while (0)

/* Interrupts go off before preemption counts up, and come back on only
 * after the count is down, so no interrupt sees a half-taken lock. */
#define raw_spin_lock_irqsave(lock, flags)          \
	do {                                        \
		local_irq_save(flags);              \
		preempt_disable();                  \
		arch_spin_lock(lock);               \
	} while (0)

#define raw_spin_unlock_irqrestore(lock, flags)     \
	do {                                        \
		arch_spin_unlock(lock);             \
		local_irq_restore(flags);           \
		preempt_enable();                   \
	} while (0)

#define spin_lock(lock) raw_spin_lock(&(lock)->rlock)
#define spin_trylock(lock) raw_spin_trylock(&(lock)->rlock)
#define spin_unlock(lock) raw_spin_unlock(&(lock)->rlock)
#define spin_lock_irq(lock) raw_spin_lock_irq(&(lock)->rlock)
#define spin_unlock_irq(lock) raw_spin_unlock_irq(&(lock)->rlock)
#define spin_lock_irqsave(lock, flags) raw_spin_lock_irqsave(&(lock)->rlock, flags)
#define spin_unlock_irqrestore(lock, flags) \
	raw_spin_unlock_irqrestore(&(lock)->rlock, flags)
#define spin_is_locked(lock) raw_spin_is_locked(&(lock)->rlock)
#define assert_spin_locked(lock) WARN_ON_ONCE(!spin_is_locked(lock))
/* A second lock of the same kind, taken in a fixed order; the subclass
 * tells a lock validator so (Spindle has none yet). */
#define SINGLE_DEPTH_NESTING 1
#define spin_lock_nested(lock, subclass) spin_lock(lock)

/* Bottom halves (softirqs) are not run while disabled (kernel/softirq.c). */
void local_bh_disable(void);
void local_bh_enable(void);

#define spin_lock_bh(lock)                          \
	do {                                        \
		local_bh_disable();                 \
		spin_lock(lock);                    \
	} while (0)
#define spin_unlock_bh(lock)                        \
	do {                                        \
		spin_unlock(lock);                  \
		local_bh_enable();                  \
	} while (0)

#endif
