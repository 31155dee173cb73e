/*
 * CPU sets, as Linux's include/linux/cpumask.h: struct cpumask (a bitmap
 * of NR_CPUS bits, <= 64 here, so one word) and its operations, with
 * Linux's names and signatures. cpu_online_mask holds the CPUs that run
 * (set by each CPU as it comes up, kernel/cpu.c); every CPU below
 * NR_CPUS counts as possible.
 *
 * Divergence: Spindle's older code keeps CPU sets as plain unsigned long
 * masks (task->cpus_mask, cpu_online_mask is a `const unsigned long *`).
 * cpumask_bits() accepts both a struct cpumask pointer and an unsigned
 * long pointer, so every cpumask_*() works on either until that code is
 * converted; anything else does not compile.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bitops.h>
#include <spindle/config.h>

extern unsigned long __cpu_online_mask;
extern unsigned int __num_online_cpus;	/* its weight, kept beside it */
/* CPUs the scheduler may place tasks on: online and not going down
 * (Linux's cpu_active_mask; kernel/cpu.c). */
extern unsigned long __cpu_active_mask;
#define cpu_online_mask ((const unsigned long *)&__cpu_online_mask)

static inline bool cpu_online(int cpu)
{
	return cpu >= 0 && cpu < NR_CPUS && (READ_ONCE(__cpu_online_mask) >> cpu) & 1;
}

static inline bool cpu_active(int cpu)
{
	return cpu >= 0 && cpu < NR_CPUS && (READ_ONCE(__cpu_active_mask) >> cpu) & 1;
}

static inline bool cpu_is_offline(int cpu)
{
	return !cpu_online(cpu);
}

/* One load: the idle loop and the TLB flush ask on every pass. */
static inline unsigned int num_online_cpus(void)
{
	return READ_ONCE(__num_online_cpus);
}

void set_cpu_online(unsigned int cpu, bool online);
void set_cpu_active(unsigned int cpu, bool active);

struct cpumask {
	DECLARE_BITMAP(bits, NR_CPUS);
};
typedef struct cpumask cpumask_t;

#define nr_cpumask_bits NR_CPUS
#define CPU_BITS_ALL_WORD (NR_CPUS >= 64 ? ~0UL : (1UL << NR_CPUS) - 1)
#define CPU_BITS_ALL { CPU_BITS_ALL_WORD }
#define CPU_MASK_NONE { { 0UL } }
#define CPU_MASK_ALL { CPU_BITS_ALL }

/* The bitmap behind a CPU set (see the divergence above). */
#define cpumask_bits(maskp)                                                   \
	_Generic((maskp),                                                     \
		 struct cpumask *: ((struct cpumask *)(void *)(maskp))->bits, \
		 const struct cpumask *:                                      \
			 ((const struct cpumask *)(const void *)(maskp))->bits, \
		 unsigned long *: (maskp),                                    \
		 const unsigned long *: (maskp))

/* Every CPU below NR_CPUS is possible; cpumask_of(cpu) is {cpu}. */
extern const struct cpumask __cpu_possible_mask;
extern const struct cpumask __cpu_bit_masks[NR_CPUS];
#define cpu_possible_mask (&__cpu_possible_mask)
#define cpumask_of(cpu) (&__cpu_bit_masks[(cpu)])
#define cpu_possible(cpu) ((unsigned int)(cpu) < NR_CPUS)
#define num_possible_cpus() NR_CPUS

/* Bit @cpu of the set *@maskp (atomic, as set_bit()). */
#define cpumask_set_cpu(cpu, maskp) set_bit((cpu), cpumask_bits(maskp))
#define __cpumask_set_cpu(cpu, maskp) __set_bit((cpu), cpumask_bits(maskp))
#define cpumask_clear_cpu(cpu, maskp) clear_bit((cpu), cpumask_bits(maskp))
#define __cpumask_clear_cpu(cpu, maskp) __clear_bit((cpu), cpumask_bits(maskp))
#define cpumask_test_cpu(cpu, maskp) test_bit((cpu), cpumask_bits(maskp))
#define cpumask_test_and_set_cpu(cpu, maskp) test_and_set_bit((cpu), cpumask_bits(maskp))
#define cpumask_test_and_clear_cpu(cpu, maskp) \
	test_and_clear_bit((cpu), cpumask_bits(maskp))

#define cpumask_clear(maskp) bitmap_zero(cpumask_bits(maskp), NR_CPUS)
#define cpumask_setall(maskp) ((void)(*cpumask_bits(maskp) = CPU_BITS_ALL_WORD))

#define cpumask_weight(maskp) bitmap_weight(cpumask_bits(maskp), NR_CPUS)
#define cpumask_empty(maskp) (!(*cpumask_bits(maskp) & CPU_BITS_ALL_WORD))
#define cpumask_full(maskp) ((*cpumask_bits(maskp) & CPU_BITS_ALL_WORD) == CPU_BITS_ALL_WORD)
#define cpumask_equal(a, b) \
	(((*cpumask_bits(a) ^ *cpumask_bits(b)) & CPU_BITS_ALL_WORD) == 0)
#define cpumask_intersects(a, b) ((*cpumask_bits(a) & *cpumask_bits(b)) != 0)
#define cpumask_subset(a, b) ((*cpumask_bits(a) & ~*cpumask_bits(b)) == 0)
#define cpumask_copy(dst, src) (*cpumask_bits(dst) = *cpumask_bits(src))

/* dst = a op b; the bool forms say whether the result is non-empty. */
#define cpumask_and(dst, a, b) \
	((*cpumask_bits(dst) = *cpumask_bits(a) & *cpumask_bits(b)) != 0)
#define cpumask_andnot(dst, a, b) \
	((*cpumask_bits(dst) = *cpumask_bits(a) & ~*cpumask_bits(b)) != 0)
#define cpumask_or(dst, a, b) ((void)(*cpumask_bits(dst) = *cpumask_bits(a) | *cpumask_bits(b)))
#define cpumask_xor(dst, a, b) ((void)(*cpumask_bits(dst) = *cpumask_bits(a) ^ *cpumask_bits(b)))
#define cpumask_complement(dst, src) \
	((void)(*cpumask_bits(dst) = ~*cpumask_bits(src) & CPU_BITS_ALL_WORD))

/* The first CPU in the set, the next one after @n (-1 to start); both
 * are >= nr_cpu_ids (NR_CPUS here) when there is none. */
#define cpumask_first(maskp) ((unsigned int)find_first_bit(cpumask_bits(maskp), NR_CPUS))
#define cpumask_next(n, maskp) \
	((unsigned int)find_next_bit(cpumask_bits(maskp), NR_CPUS, (n) + 1))
#define cpumask_first_zero(maskp) \
	((unsigned int)find_first_zero_bit(cpumask_bits(maskp), NR_CPUS))
#define cpumask_any(maskp) cpumask_first(maskp)
#define cpumask_first_and(a, b)                                               \
	({                                                                    \
		unsigned long __and = *cpumask_bits(a) & *cpumask_bits(b);    \
		(unsigned int)find_first_bit(&__and, NR_CPUS);                \
	})

/* CONFIG_CPUMASK_OFFSTACK is off, as in Linux's default x86 config: a
 * cpumask_var_t is the mask itself and "allocating" always succeeds. */
typedef struct cpumask cpumask_var_t[1];
static inline bool alloc_cpumask_var(cpumask_var_t *mask, gfp_t flags)
{
	return true;
}
static inline bool zalloc_cpumask_var(cpumask_var_t *mask, gfp_t flags)
{
	cpumask_clear(*mask);
	return true;
}
static inline void free_cpumask_var(cpumask_var_t mask)
{
}

#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++)

#define for_each_online_cpu(cpu)                                \
	for_each_possible_cpu(cpu)                              \
		if (!cpu_online(cpu)) {                         \
		} else

/* Each CPU in the set *@maskp (a snapshot taken at the start). */
#define for_each_cpu(cpu, maskp)                                        \
	for (unsigned long __m = *cpumask_bits(maskp);                  \
	     __m && ((cpu) = __builtin_ctzl(__m), 1); __m &= __m - 1)

#define for_each_cpu_and(cpu, a, b)                                           \
	for (unsigned long __m = *cpumask_bits(a) & *cpumask_bits(b);         \
	     __m && ((cpu) = __builtin_ctzl(__m), 1); __m &= __m - 1)

#endif
