/*
 * Kernel TLB shootdown, after Linux's arch/x86/mm/tlb.c
 * (flush_tlb_kernel_range(), do_kernel_range_flush()). Each CPU caches
 * translations in its own TLB; a CPU that changes or removes a kernel
 * mapping flushes its own with invlpg, but the others keep theirs until
 * told. So whoever unmaps a range (vfree of a stack or vmalloc area) or
 * changes one (a new cache type over a present mapping) calls
 * flush_tlb_kernel_range(), which runs the flush on every online CPU
 * through the call-function IPI and waits, before the pages can be
 * reused.
 *
 * Kernel mappings are global (_PAGE_GLOBAL): a CR3 reload keeps them, so
 * a big range is flushed by toggling CR4.PGE (Linux's __flush_tlb_global()).
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <linux/cpumask.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <linux/mm_types.h>

/* Linux's tlb_single_page_flush_ceiling: past it, flush everything. */
#define TLB_FLUSH_CEILING 33

#define X86_CR4_PGE (1UL << 7)

struct flush_range {
	unsigned long start, end;
};

/* The last range each CPU flushed for another CPU, and how many: the
 * smp ktest checks that a vfree reached every CPU. */
static struct flush_range last_remote_flush[NR_CPUS];

static void flush_tlb_global(void)
{
	unsigned long flags, cr4;

	local_irq_save(flags);
	cr4 = read_cr4();
	write_cr4(cr4 & ~X86_CR4_PGE);
	write_cr4(cr4);
	local_irq_restore(flags);
}

void flush_tlb_kernel_range_local(unsigned long start, unsigned long end)
{
	if ((end - start) >> PAGE_SHIFT > TLB_FLUSH_CEILING) {
		flush_tlb_global();
		return;
	}
	for (unsigned long va = start & PAGE_MASK; va < end; va += PAGE_SIZE)
		flush_tlb_one(va);
}

/* Runs in the call-function IPI on each other CPU. */
static void do_kernel_range_flush(void *info)
{
	const struct flush_range *r = info;
	int cpu = smp_processor_id();

	flush_tlb_kernel_range_local(r->start, r->end);
	arch_count_tlb_ipi();
	WRITE_ONCE(last_remote_flush[cpu].start, r->start);
	WRITE_ONCE(last_remote_flush[cpu].end, r->end);
}

/**
 * flush_tlb_kernel_range - forget [@start, @end) in every CPU's TLB
 * @start: first byte
 * @end: one past the last
 *
 * Flushes this CPU's TLB, then the other online CPUs' through an IPI,
 * and returns once all have done so. With one CPU online it sends
 * nothing.
 * Context: interrupts enabled (it waits for the other CPUs, which may be
 * waiting for a lock this CPU could hold with them off). Not under a
 * spinlock that an IPI handler takes.
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	flush_tlb_kernel_range_local(start, end);
	flush_tlb_kernel_range_others(start, end);
}

/**
 * flush_tlb_kernel_range_others - the shootdown half of flush_tlb_kernel_range()
 * @start: first byte
 * @end: one past the last
 *
 * For the page-table code, which has flushed this CPU's entries one by
 * one already. Same context rules.
 */
void flush_tlb_kernel_range_others(unsigned long start, unsigned long end)
{
	struct flush_range r = { start, end };

	if (likely(num_online_cpus() == 1))
		return;
	if (WARN_ON_ONCE(irqs_disabled()))
		return;
	preempt_disable();
	smp_call_function_many(cpu_online_mask, do_kernel_range_flush, &r, true);
	preempt_enable();
}

/* The range @cpu last flushed at another CPU's request (for tests). */
void tlb_last_remote_flush(unsigned int cpu, unsigned long *start, unsigned long *end)
{
	*start = READ_ONCE(last_remote_flush[cpu].start);
	*end = READ_ONCE(last_remote_flush[cpu].end);
}

/*
 * User address spaces (Linux's flush_tlb_mm_range()). User entries are
 * not global, so a CR3 write drops them all; a CPU that has @mm loaded
 * (its bit in mm->cpu_bitmap, set by switch_mm() and kept while a kernel
 * thread borrows the mm lazily) must flush before the pages are reused.
 */
struct mm_flush {
	struct mm_struct *mm;
	unsigned long start, end;
};

static void flush_user_range_local(unsigned long start, unsigned long end)
{
	if ((end - start) >> PAGE_SHIFT > TLB_FLUSH_CEILING) {
		write_cr3(read_cr3());
		return;
	}
	for (unsigned long va = start & PAGE_MASK; va < end; va += PAGE_SIZE)
		flush_tlb_one(va);
}

/* Runs in the call-function IPI; the CPU may have switched away since. */
static void do_user_range_flush(void *info)
{
	const struct mm_flush *f = info;

	if (this_cpu_loaded_mm() == f->mm)
		flush_user_range_local(f->start, f->end);
	arch_count_tlb_ipi();
}

/**
 * flush_tlb_mm_range - forget [@start, @end) of @mm on every CPU using it
 * @mm: the address space whose entries changed
 * @start: first byte
 * @end: one past the last
 *
 * Returns once every CPU in mm->cpu_bitmap has flushed: the caller may
 * then free or reuse the pages that were mapped there.
 * Context: interrupts on, no spinlock an IPI handler takes.
 */
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end)
{
	struct mm_flush f = { mm, start, end };
	unsigned long others;
	int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	if (this_cpu_loaded_mm() == mm)
		flush_user_range_local(start, end);
	others = READ_ONCE(mm->cpu_bitmap) & ~(1UL << cpu);
	if (others && !WARN_ON_ONCE(irqs_disabled()))
		smp_call_function_many(&others, do_user_range_flush, &f, true);
	preempt_enable();
}
