/*
 * The constant CPU sets of include/linux/cpumask.h, as in Linux's
 * kernel/cpu.c and lib/cpumask.c: every CPU below NR_CPUS is possible,
 * and cpumask_of(cpu) points into a table of one-CPU sets.
 */
#include <linux/cpumask.h>

const struct cpumask __cpu_possible_mask = CPU_MASK_ALL;

_Static_assert(NR_CPUS == 8, "one entry per CPU below");
#define ONE(cpu) [cpu] = { { 1UL << (cpu) } }
const struct cpumask __cpu_bit_masks[NR_CPUS] = {
	ONE(0), ONE(1), ONE(2), ONE(3), ONE(4), ONE(5), ONE(6), ONE(7),
};
