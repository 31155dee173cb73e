/*
 * Loading an address space on a CPU, after Linux's arch/x86/mm/tlb.c
 * (switch_mm_irqs_off) and cpu_tlbstate.loaded_mm. Without PCIDs, a CR3
 * write drops every non-global TLB entry, which is all of user space.
 *
 * mm->cpu_bitmap: a CPU sets its bit before loading the mm's CR3 and
 * clears it after loading another, so a flush that reads the bitmap
 * after changing a PTE reaches every CPU that can hold the old entry.
 * Context: interrupts off (the scheduler's switch).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/smp.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/mmu_context.h>

static struct mm_struct *loaded_mm[NR_CPUS];

struct mm_struct *this_cpu_loaded_mm(void)
{
	return loaded_mm[smp_processor_id()] ?: &init_mm;
}

/**
 * switch_mm - load @next's page tables on this CPU
 * @prev: the address space loaded until now (may be NULL early on)
 * @next: the one to load
 * @tsk: the task that will run in it (unused: no PCIDs)
 *
 * Context: interrupts off.
 */
void switch_mm(struct mm_struct *prev, struct mm_struct *next,
	       struct task_struct *tsk)
{
	unsigned int cpu = smp_processor_id();
	unsigned long bit = 1UL << cpu;

	if (this_cpu_loaded_mm() == next)
		return;
	__atomic_fetch_or(&next->cpu_bitmap, bit, __ATOMIC_SEQ_CST);
	write_cr3(__pa(next->pgd));
	loaded_mm[cpu] = next;
	if (prev && prev != next)
		__atomic_fetch_and(&prev->cpu_bitmap, ~bit, __ATOMIC_SEQ_CST);
}
