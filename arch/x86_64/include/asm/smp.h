/*
 * The x86 side of SMP (arch/x86_64/kernel/smpboot.c, smp.c, mm/tlb.c), as
 * Linux's asm/smp.h and asm/tlbflush.h: starting CPUs, sending them
 * interprocessor interrupts, and flushing their TLBs. The portable kernel
 * reaches these through include/spindle/arch.h's arch_* names.
 */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#include <linux/types.h>

#define EFER_LME (1U << 8)
#define EFER_NX (1U << 11)

struct task_struct;

/* smpboot.c */
void reserve_real_mode(void);
void prefill_possible_map(void);
u32 arch_cpu_apicid(unsigned int cpu);
/* pat.c: the boot CPU's PAT, on a CPU coming up. */
void pat_init_secondary(void);

/* smp.c: the IPI vectors' handlers, installed once. */
void smp_ipi_init(void);

/* Counts per CPU for show_interrupts(): RES, CAL (incl. single), TLB. */
struct ipi_stats {
	u64 resched;
	u64 call_function;
	u64 tlb;
};
const struct ipi_stats *ipi_stats(unsigned int cpu);

void arch_count_tlb_ipi(void);

/* tlb.c: the part of a kernel TLB shootdown that runs on each CPU. */
void flush_tlb_kernel_range_local(unsigned long start, unsigned long end);
/* Every CPU's TLB (asm/pgtable.h declares it for mm code). */
void tlb_last_remote_flush(unsigned int cpu, unsigned long *start, unsigned long *end);

#endif
