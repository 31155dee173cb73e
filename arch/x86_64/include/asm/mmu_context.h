/*
 * The arch's side of address-space switching (arch/x86_64/mm/
 * mmu_context.c), as Linux's asm/mmu_context.h. switch_mm() itself is
 * declared in <linux/sched/mm.h>.
 */
#ifndef _ASM_MMU_CONTEXT_H
#define _ASM_MMU_CONTEXT_H

struct mm_struct;

/* The mm whose page tables this CPU has loaded (init_mm at first).
 * Context: preemption off. */
struct mm_struct *this_cpu_loaded_mm(void);

#endif
