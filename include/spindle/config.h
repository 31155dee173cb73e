/*
 * Build-time configuration in one place, as values usable in C (not
 * #ifdef): `if (IS_ENABLED(CONFIG_X))` keeps both branches compiled.
 */
#ifndef _SPINDLE_CONFIG_H
#define _SPINDLE_CONFIG_H

#define NR_CPUS 8
#define HZ 1000			/* timer ticks per second */

/* Slab poisoning and full double-free checks (kernel/mm/slab.c) from
 * boot on, as if "slub_debug" were on the command line. Off: as Linux,
 * they are chosen at boot with slub_debug=. The host tests turn it on. */
#ifndef CONFIG_SLUB_DEBUG_ON
#define CONFIG_SLUB_DEBUG_ON 0
#endif

/* Kernel stack size: 16 KiB as Linux on x86-64 (order 2); build with
 * `make THREAD_SIZE_ORDER=1` for 8 KiB stacks. */
#ifndef CONFIG_THREAD_SIZE_ORDER
#define CONFIG_THREAD_SIZE_ORDER 2
#endif
#define THREAD_SIZE_ORDER CONFIG_THREAD_SIZE_ORDER

/* Spinlock sanity checks (an unlock of a lock that is not held), as
 * Linux's CONFIG_DEBUG_SPINLOCK: off by default there and here, since
 * every unlock pays for them. */
#ifndef CONFIG_DEBUG_SPINLOCK
#define CONFIG_DEBUG_SPINLOCK 0
#endif

/* might_sleep() reports a call that can sleep made in atomic context
 * ("BUG: sleeping function called from invalid context"), as Linux's
 * CONFIG_DEBUG_ATOMIC_SLEEP: on, since teaching is what Spindle is for;
 * each check is a test of the preemption count and the interrupt flag. */
#ifndef CONFIG_DEBUG_ATOMIC_SLEEP
#define CONFIG_DEBUG_ATOMIC_SLEEP 1
#endif

#define IS_ENABLED(option) (option)

#endif
