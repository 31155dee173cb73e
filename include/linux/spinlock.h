/*
 * Spinlocks. raw_spinlock_t is a test-and-set lock (atomic exchange, then
 * spin on plain reads with pause) that also turns interrupts off in the
 * _irqsave forms, as Linux's. Preemption control joins it with the
 * scheduler.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

typedef struct {
	volatile int locked;
} raw_spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED { 0 }
#define DEFINE_RAW_SPINLOCK(name) raw_spinlock_t name = __RAW_SPIN_LOCK_UNLOCKED

static inline void raw_spin_lock_init(raw_spinlock_t *lock)
{
	lock->locked = 0;
}

static inline void raw_spin_lock(raw_spinlock_t *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE)) {
		while (READ_ONCE(lock->locked))
			cpu_relax();
	}
}

static inline bool raw_spin_trylock(raw_spinlock_t *lock)
{
	return !__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void raw_spin_unlock(raw_spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

static inline bool raw_spin_is_locked(raw_spinlock_t *lock)
{
	return READ_ONCE(lock->locked);
}

#define raw_spin_lock_irqsave(lock, flags)          \
	do {                                        \
		local_irq_save(flags);              \
		raw_spin_lock(lock);                \
	} while (0)

#define raw_spin_unlock_irqrestore(lock, flags)     \
	do {                                        \
		raw_spin_unlock(lock);              \
		local_irq_restore(flags);           \
	} while (0)

#endif
