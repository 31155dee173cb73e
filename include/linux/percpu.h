/*
 * Per-CPU variables, as Linux's include/linux/percpu.h and
 * percpu-defs.h: DEFINE_PER_CPU(type, name) gives each CPU its own
 * `name`; per_cpu(name, cpu) is CPU @cpu's copy, this_cpu_*() work on
 * the running CPU's copy.
 *
 * Divergence: Linux puts per-CPU variables in a section copied once per
 * CPU and reaches this CPU's copy through %gs in one instruction. Spindle
 * makes each one an array of NR_CPUS (its %gs area is struct pcpu_hot,
 * asm/percpu.h, for the few hottest fields). The names, the rules and
 * the results are Linux's: this_cpu_*() are safe against preemption and
 * interrupts on this CPU (they turn interrupts off around the access, as
 * Linux's generic versions do); __this_cpu_*() and raw_cpu_*() leave
 * that to the caller. Modules cannot define per-CPU variables yet.
 */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <spindle/config.h>
#include <asm/irqflags.h>

#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name[NR_CPUS]
#define DEFINE_PER_CPU(type, name) __typeof__(type) name[NR_CPUS]
/* Each CPU's copy on its own cache line (no false sharing). */
#define DEFINE_PER_CPU_ALIGNED(type, name) \
	__typeof__(type) name[NR_CPUS] __aligned(64)
#define DEFINE_PER_CPU_SHARED_ALIGNED(type, name) DEFINE_PER_CPU_ALIGNED(type, name)

/* CPU @cpu's copy of @var (an lvalue). */
#define per_cpu(var, cpu) ((var)[(cpu)])
/* &var (as Linux code writes it) to a pointer to CPU @cpu's copy. */
#define per_cpu_ptr(ptr, cpu) (&(*(ptr))[(cpu)])
#define raw_cpu_ptr(ptr) per_cpu_ptr(ptr, raw_smp_processor_id())
/* The caller keeps preemption off while it uses the pointer. */
#define this_cpu_ptr(ptr) raw_cpu_ptr(ptr)

/* This CPU's copy with preemption off, until put_cpu_var(). */
#define get_cpu_var(var)                          \
	(*({                                      \
		preempt_disable();                \
		this_cpu_ptr(&(var));             \
	}))
#define put_cpu_var(var) preempt_enable()

/* Caller excludes preemption and interrupts itself. */
#define raw_cpu_read(var) ((var)[raw_smp_processor_id()])
#define raw_cpu_write(var, val) ((var)[raw_smp_processor_id()] = (val))
#define raw_cpu_add(var, val) ((var)[raw_smp_processor_id()] += (val))
#define __this_cpu_read(var) raw_cpu_read(var)
#define __this_cpu_write(var, val) raw_cpu_write(var, val)
#define __this_cpu_add(var, val) raw_cpu_add(var, val)
#define __this_cpu_sub(var, val) raw_cpu_add(var, -(__typeof__(var[0]))(val))
#define __this_cpu_inc(var) __this_cpu_add(var, 1)
#define __this_cpu_dec(var) __this_cpu_sub(var, 1)

/* One access to this CPU's copy that nothing on this CPU can split. */
#define __this_cpu_irqsafe(expr)                   \
	({                                         \
		unsigned long __flags;             \
		local_irq_save(__flags);           \
		__typeof__(expr) __r = (expr);     \
		local_irq_restore(__flags);        \
		__r;                               \
	})

#define this_cpu_read(var) __this_cpu_irqsafe(raw_cpu_read(var))
#define this_cpu_write(var, val) ((void)__this_cpu_irqsafe(raw_cpu_write(var, val)))
#define this_cpu_add(var, val) ((void)__this_cpu_irqsafe(raw_cpu_add(var, val)))
#define this_cpu_sub(var, val) this_cpu_add(var, -(__typeof__(var[0]))(val))
#define this_cpu_inc(var) this_cpu_add(var, 1)
#define this_cpu_dec(var) this_cpu_sub(var, 1)
#define this_cpu_add_return(var, val) __this_cpu_irqsafe(raw_cpu_add(var, val))
#define this_cpu_inc_return(var) this_cpu_add_return(var, 1)
#define this_cpu_dec_return(var) this_cpu_add_return(var, -1)
#define this_cpu_xchg(var, nval)                                      \
	__this_cpu_irqsafe(({                                         \
		__typeof__(var[0]) *__p = this_cpu_ptr(&(var));       \
		__typeof__(var[0]) __old = *__p;                      \
		*__p = (nval);                                        \
		__old;                                                \
	}))
#define this_cpu_cmpxchg(var, oval, nval)                             \
	__this_cpu_irqsafe(({                                         \
		__typeof__(var[0]) *__p = this_cpu_ptr(&(var));       \
		__typeof__(var[0]) __old = *__p;                      \
		if (__old == (oval))                                  \
			*__p = (nval);                                \
		__old;                                                \
	}))

#endif
