/*
 * In-kernel tests of user address spaces (kernel/mm/mmap.c, memory.c,
 * mprotect.c, mremap.c, madvise.c, mm_struct.c, arch/x86_64/mm/fault.c):
 * the test thread adopts a fresh mm with kthread_use_mm(), calls the
 * system calls as a process would, takes faults through do_page_fault()
 * with user-mode registers, and reads user pages through their PTEs and
 * the direct map (SMAP forbids touching them directly).
 * Run with the boot option ktest=mm_user.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/kthread.h>
#include <linux/vmalloc.h>
#include <linux/fault-inject.h>
#include <linux/string.h>
#include <linux/smp.h>
#include <asm/pgtable.h>
#include <asm/kernel_pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/trap_pf.h>
#include <asm/irqflags.h>
#include <spindle/ktest.h>
#include <spindle/mm.h>

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_brk(unsigned long brk);
long sys_madvise(unsigned long start, size_t len, int behavior);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);

#define P PAGE_SIZE
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static unsigned long saved_mask;

/* A fresh address space for current, on this CPU only (so no other CPU
 * keeps it loaded lazily when the case ends). */
static struct mm_struct *enter_mm(void)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long one;

	if (!mm)
		return NULL;
	saved_mask = current->cpus_mask;
	one = 1UL << raw_smp_processor_id();
	set_cpus_allowed_ptr(current, &one);
	kthread_use_mm(mm);
	return mm;
}

/* Back to init_mm at once (a switch to a user task would do it later),
 * then the last mmput frees everything. */
static void leave_mm(struct mm_struct *mm)
{
	struct mm_struct *lazy;

	preempt_disable();
	kthread_unuse_mm(mm);
	local_irq_disable();
	lazy = current->active_mm;
	mmgrab(&init_mm);
	current->active_mm = &init_mm;
	switch_mm(lazy, &init_mm, current);
	local_irq_enable();
	preempt_enable();
	mmdrop(lazy);
	mmput(mm);
	set_cpus_allowed_ptr(current, &saved_mask);
}

/* A user-mode fault at @addr, as the CPU would report it. */
static void touch(unsigned long addr, bool write)
{
	struct pt_regs regs = { .cs = 0x23, .ss = 0x1b, .rflags = X86_EFLAGS_IF };
	pteval_t *pte = pte_offset(current->mm, addr & PAGE_MASK);
	unsigned long code = X86_PF_USER | (write ? X86_PF_WRITE : 0);

	if (pte && pte_present(*pte))
		code |= X86_PF_PROT;
	do_page_fault(&regs, code, addr);
	local_irq_enable();
}

/* The byte at user address @addr of @mm, through the direct map. */
static u8 *ubyte(struct mm_struct *mm, unsigned long addr)
{
	struct page *page = follow_page(mm, addr);

	return page ? (u8 *)page_address(page) + (addr & ~PAGE_MASK) : NULL;
}

static pteval_t pte_of(struct mm_struct *mm, unsigned long addr)
{
	pteval_t *pte = pte_offset(mm, addr);

	return pte ? *pte : 0;
}

static void address_space_is_loaded_and_shares_the_kernel(struct ktest *t)
{
	struct mm_struct *mm = enter_mm();
	char *buf;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, read_cr3(), __pa(mm->pgd));
	KTEST_EXPECT_TRUE(t, mm->cpu_bitmap & (1UL << raw_smp_processor_id()));
	KTEST_EXPECT_TRUE(t, !memcmp(mm->pgd + KERNEL_PGD_BOUNDARY,
				     kernel_pgd + KERNEL_PGD_BOUNDARY, 256 * 8));
	buf = vmalloc(2 * P);	/* mapped after the pgd was made: still seen */
	KTEST_ASSERT_NOT_NULL(t, buf);
	memset(buf, 0x5a, 2 * P);
	KTEST_EXPECT_EQ(t, buf[P + 1], 0x5a);
	vfree(buf);
	for (int i = 0; i < KERNEL_PGD_BOUNDARY; i++)
		KTEST_EXPECT_EQ(t, mm->pgd[i], 0);
	leave_mm(mm);
	KTEST_EXPECT_EQ(t, read_cr3(), __pa(kernel_pgd));
}

static void mmap_anon_is_demand_zero(struct ktest *t)
{
	struct mm_struct *mm = enter_mm();
	unsigned long flt = current->min_flt, a;
	struct vm_area_struct *vma;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = sys_mmap(0, 3 * P, RW, ANON, -1, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	KTEST_EXPECT_EQ(t, a & ~PAGE_MASK, 0);
	KTEST_EXPECT_TRUE(t, a + 3 * P <= mm->mmap_base);
	vma = find_vma(mm, a + P);
	KTEST_ASSERT_NOT_NULL(t, vma);
	KTEST_EXPECT_EQ(t, vma->vm_start, a);
	KTEST_EXPECT_EQ(t, vma->vm_end, a + 3 * P);
	KTEST_EXPECT_EQ(t, vma->vm_flags & VM_ACCESS_FLAGS, VM_READ | VM_WRITE);
	KTEST_EXPECT_NULL(t, follow_page(mm, a));	/* nothing until touched */
	touch(a + 5, true);
	KTEST_ASSERT_NOT_NULL(t, ubyte(mm, a));
	KTEST_EXPECT_EQ(t, *ubyte(mm, a + 5), 0);
	*ubyte(mm, a + 5) = 0x42;
	KTEST_EXPECT_TRUE(t, pte_write(pte_of(mm, a)) && (pte_of(mm, a) & _PAGE_USER));
	KTEST_EXPECT_TRUE(t, pte_of(mm, a) & _PAGE_NX);
	touch(a + 2 * P, false);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 2);
	KTEST_EXPECT_EQ(t, current->min_flt, flt + 2);
	KTEST_EXPECT_EQ(t, *ubyte(mm, a + 5), 0x42);
	KTEST_EXPECT_EQ(t, mm->total_vm, 3);
	leave_mm(mm);
}

static void munmap_of_the_middle_splits(struct ktest *t)
{
	struct mm_struct *mm = enter_mm();
	struct vm_area_struct *vma;
	unsigned long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = sys_mmap(0, 3 * P, RW, ANON, -1, 0);
	for (int i = 0; i < 3; i++)
		touch(a + i * P, true);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_EQ(t, sys_munmap(a + P, P), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 2);
	KTEST_EXPECT_NULL(t, follow_page(mm, a + P));
	vma = find_vma(mm, a + P);
	KTEST_ASSERT_NOT_NULL(t, vma);
	KTEST_EXPECT_EQ(t, vma->vm_start, a + 2 * P);
	vma = find_vma(mm, a);
	KTEST_EXPECT_EQ(t, vma->vm_end, a + P);
	KTEST_EXPECT_EQ(t, sys_munmap(a, 3 * P), 0);	/* holes are fine */
	KTEST_EXPECT_EQ(t, mm->map_count, 0);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 0);
	KTEST_EXPECT_EQ(t, mm->total_vm, 0);
	leave_mm(mm);
}

static void mprotect_splits_and_merges_back(struct ktest *t)
{
	struct mm_struct *mm = enter_mm();
	struct vm_area_struct *vma;
	unsigned long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = sys_mmap(0, 4 * P, RW, ANON, -1, 0);
	touch(a + P, true);
	KTEST_EXPECT_EQ(t, sys_mprotect(a + P, 2 * P, PROT_READ), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 3);
	vma = find_vma(mm, a + P);
	KTEST_EXPECT_TRUE(t, vma->vm_start == a + P && vma->vm_end == a + 3 * P);
	KTEST_EXPECT_EQ(t, vma->vm_flags & VM_ACCESS_FLAGS, VM_READ);
	KTEST_EXPECT_TRUE(t, pte_present(pte_of(mm, a + P)) && !pte_write(pte_of(mm, a + P)));
	KTEST_EXPECT_EQ(t, sys_mprotect(a + P, P, PROT_NONE), 0);
	KTEST_EXPECT_TRUE(t, !pte_present(pte_of(mm, a + P)) && follow_page(mm, a + P));
	KTEST_EXPECT_EQ(t, mm->map_count, 4);
	KTEST_EXPECT_EQ(t, sys_mprotect(a, 4 * P, RW), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	/* The page kept its data; a write makes it writable again. */
	*ubyte(mm, a + P) = 7;
	touch(a + P, true);
	KTEST_EXPECT_TRUE(t, pte_write(pte_of(mm, a + P)));
	KTEST_EXPECT_EQ(t, *ubyte(mm, a + P), 7);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 1);
	leave_mm(mm);
}

static void brk_grows_shrinks_and_refuses(struct ktest *t)
{
	struct mm_struct *mm = enter_mm();
	unsigned long base = 0x600000, b;

	KTEST_ASSERT_NOT_NULL(t, mm);
	mm->start_brk = mm->brk = base;
	KTEST_EXPECT_EQ(t, sys_brk(0), base);
	for (b = base + 100; b < base + 10 * P; b += 3000)
		KTEST_EXPECT_EQ(t, sys_brk(b), b);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);	/* one merged heap */
	touch(base + 9 * P, true);
	KTEST_EXPECT_EQ(t, sys_brk(base - 1), mm->brk);	/* below start: old */
	KTEST_EXPECT_EQ(t, sys_brk(base + P + 1), base + P + 1);
	KTEST_EXPECT_NULL(t, find_vma_intersection(mm, base + 2 * P, base + 10 * P));
	KTEST_EXPECT_EQ(t, mm->rss_anon, 0);
	/* Into another mapping: refused, the old break stays. */
	KTEST_EXPECT_EQ(t, sys_mmap(base + 16 * P, P, RW, ANON | MAP_FIXED, -1, 0),
			base + 16 * P);
	KTEST_EXPECT_EQ(t, sys_brk(base + 20 * P), base + P + 1);
	KTEST_EXPECT_EQ(t, sys_brk(base), base);
	KTEST_EXPECT_NULL(t, find_vma_intersection(mm, base, base + P));
	leave_mm(mm);
}

static void dup_mm_shares_pages_copy_on_write(struct ktest *t)
{
	struct mm_struct *mm = enter_mm(), *child;
	struct vm_area_struct *cvma;
	struct page *orig;
	unsigned long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = sys_mmap(0, 2 * P, RW, ANON, -1, 0);
	touch(a, true);
	*ubyte(mm, a) = 0x11;
	orig = follow_page(mm, a);
	child = dup_mm(current, mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, follow_page(child, a), orig);
	KTEST_EXPECT_EQ(t, page_count(orig), 2);
	KTEST_EXPECT_TRUE(t, !pte_write(pte_of(mm, a)) && !pte_write(pte_of(child, a)));
	KTEST_EXPECT_EQ(t, child->map_count, 1);
	/* The parent writes: it gets a copy, the child keeps the original. */
	touch(a, true);
	KTEST_EXPECT_NE(t, follow_page(mm, a), orig);
	KTEST_EXPECT_EQ(t, *ubyte(mm, a), 0x11);
	*ubyte(mm, a) = 0x22;
	KTEST_EXPECT_EQ(t, *ubyte(child, a), 0x11);
	KTEST_EXPECT_EQ(t, page_count(orig), 1);
	/* The child writes: the page is its alone now, so no copy. */
	mutex_lock(&child->mmap_lock);
	cvma = find_vma(child, a);
	KTEST_EXPECT_EQ(t, handle_mm_fault(cvma, a, FAULT_FLAG_WRITE, NULL), 0);
	mutex_unlock(&child->mmap_lock);
	KTEST_EXPECT_EQ(t, follow_page(child, a), orig);
	KTEST_EXPECT_TRUE(t, pte_write(pte_of(child, a)));
	mmput(child);
	leave_mm(mm);
}

static void shared_anonymous_memory_is_not_cow(struct ktest *t)
{
	struct mm_struct *mm = enter_mm(), *child;
	unsigned long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = sys_mmap(0, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	KTEST_EXPECT_EQ(t, mm->rss_anon, 2);	/* populated at mmap */
	child = dup_mm(current, mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, follow_page(child, a + P), follow_page(mm, a + P));
	KTEST_EXPECT_TRUE(t, pte_write(pte_of(mm, a)) && pte_write(pte_of(child, a)));
	*ubyte(child, a + P) = 9;
	KTEST_EXPECT_EQ(t, *ubyte(mm, a + P), 9);
	mmput(child);
	leave_mm(mm);
}

static void mmput_frees_pages_and_page_tables(struct ktest *t)
{
	unsigned long free_before = nr_free_pages();
	unsigned long pt_before = mm_stat(NR_PAGETABLE_PAGES);
	struct mm_struct *mm = enter_mm(), *child;
	unsigned long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = sys_mmap(0, 64 * P, RW, ANON, -1, 0);
	for (int i = 0; i < 64; i++)
		touch(a + i * P, true);
	sys_mmap(0x40000000UL, P, RW, ANON | MAP_FIXED, -1, 0);
	touch(0x40000000UL, true);	/* tables in another PUD range */
	child = dup_mm(current, mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	touch(a, true);			/* one COW copy */
	KTEST_EXPECT_TRUE(t, nr_free_pages() + 64 < free_before);
	KTEST_EXPECT_TRUE(t, mm_stat(NR_PAGETABLE_PAGES) > pt_before + 2);
	mmput(child);
	leave_mm(mm);
	KTEST_EXPECT_EQ(t, mm_stat(NR_PAGETABLE_PAGES), pt_before);
	/* Slab may have grown by a page or two for the structs. */
	KTEST_EXPECT_TRUE(t, nr_free_pages() + 4 >= free_before);
}

static void map_fixed_replaces_and_noreplace_refuses(struct ktest *t)
{
	struct mm_struct *mm = enter_mm();
	unsigned long a, b;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = sys_mmap(0, 2 * P, RW, ANON, -1, 0);
	touch(a, true);
	*ubyte(mm, a) = 3;
	b = sys_mmap(a, P, PROT_READ, ANON | MAP_FIXED, -1, 0);
	KTEST_EXPECT_EQ(t, b, a);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 0);	/* the old page is gone */
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	touch(a, false);
	KTEST_EXPECT_EQ(t, *ubyte(mm, a), 0);
	KTEST_EXPECT_EQ(t, (long)sys_mmap(a, P, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
			-EEXIST);
	b = sys_mmap(a + 4 * P, P, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	KTEST_EXPECT_EQ(t, b, a + 4 * P);
	/* A hint that is free is taken as is. */
	b = sys_mmap(0x10000000UL, P, RW, ANON, -1, 0);
	KTEST_EXPECT_EQ(t, b, 0x10000000UL);
	leave_mm(mm);
}

static void mremap_shrinks_grows_and_moves(struct ktest *t)
{
	struct mm_struct *mm = enter_mm();
	unsigned long a, b;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = sys_mmap(0, 4 * P, RW, ANON, -1, 0);
	touch(a, true);
	*ubyte(mm, a) = 5;
	KTEST_EXPECT_EQ(t, sys_mremap(a, 4 * P, 2 * P, 0, 0), a);
	KTEST_EXPECT_EQ(t, find_vma(mm, a)->vm_end, a + 2 * P);
	sys_mmap(a + 2 * P, P, RW, ANON | MAP_FIXED, -1, 0);	/* blocks growth */
	KTEST_EXPECT_EQ(t, (long)sys_mremap(a, 2 * P, 8 * P, 0, 0), -ENOMEM);
	b = sys_mremap(a, 2 * P, 8 * P, MREMAP_MAYMOVE, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(b));
	KTEST_EXPECT_NE(t, b, a);
	KTEST_EXPECT_EQ(t, *ubyte(mm, b), 5);	/* the page moved, not copied */
	KTEST_EXPECT_NULL(t, follow_page(mm, a));
	KTEST_EXPECT_EQ(t, find_vma(mm, b)->vm_end, b + 8 * P);
	KTEST_EXPECT_EQ(t, mm->total_vm, 9);
	KTEST_EXPECT_EQ(t, sys_madvise(b, P, MADV_DONTNEED), 0);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 0);
	touch(b, false);
	KTEST_EXPECT_EQ(t, *ubyte(mm, b), 0);	/* zero-filled again */
	leave_mm(mm);
}

static void stack_grows_down_on_fault(struct ktest *t)
{
	struct mm_struct *mm = enter_mm();
	unsigned long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = sys_mmap(0x7f0000000000UL, 4 * P, RW, ANON | MAP_FIXED | MAP_GROWSDOWN, -1, 0);
	KTEST_ASSERT_EQ(t, a, 0x7f0000000000UL);
	KTEST_EXPECT_TRUE(t, find_vma(mm, a)->vm_flags & VM_GROWSDOWN);
	touch(a - 3 * P + 8, true);
	KTEST_EXPECT_EQ(t, find_vma(mm, a - P)->vm_start, a - 3 * P);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_NOT_NULL(t, follow_page(mm, a - 3 * P));
	leave_mm(mm);
}

static void bad_arguments_get_linux_errnos(struct ktest *t)
{
	struct mm_struct *mm = enter_mm();
	unsigned long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, sys_mmap(0, 0, RW, ANON, -1, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mmap(0, P, RW, MAP_ANONYMOUS, -1, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mmap(0x1001, P, RW, ANON | MAP_FIXED, -1, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mmap(0, P, RW, ANON, -1, 1), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mmap(0, -P, RW, ANON, -1, 0), -ENOMEM);
	KTEST_EXPECT_EQ(t, sys_mmap(TASK_SIZE - P, 2 * P, RW, ANON | MAP_FIXED, -1, 0),
			-ENOMEM);
	KTEST_EXPECT_EQ(t, sys_mmap(0, P, RW, MAP_PRIVATE, 1000, 0), -EBADF);
	KTEST_EXPECT_EQ(t, sys_munmap(0x1001, P), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_munmap(0x10000, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_munmap(TASK_SIZE - P, 2 * P), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mprotect(0x1001, P, PROT_READ), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mprotect(0x10000, P, 0x80), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mprotect(0x10000, P, PROT_READ), -ENOMEM);
	KTEST_EXPECT_EQ(t, sys_madvise(0x10000, P, 99), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_madvise(0x10000, P, MADV_DONTNEED), -ENOMEM);
	KTEST_EXPECT_EQ(t, sys_mremap(0x10000, P, P, 0x80, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mremap(0x10000, P, 2 * P, MREMAP_FIXED, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mremap(0x10000, P, 2 * P, MREMAP_MAYMOVE, 0), -EFAULT);
	a = sys_mmap(0, 3 * P, RW, ANON, -1, 0);
	KTEST_EXPECT_EQ(t, sys_mprotect(a, 4 * P, PROT_READ), -ENOMEM);	/* hole */
	KTEST_EXPECT_EQ(t, find_vma(mm, a)->vm_flags & VM_ACCESS_FLAGS, VM_READ | VM_WRITE);
	KTEST_EXPECT_EQ(t, sys_mprotect(a, 0, PROT_READ), 0);
	KTEST_EXPECT_EQ(t, sys_madvise(a, 3 * P, MADV_WILLNEED), 0);
	leave_mm(mm);
}

static void allocation_failures_are_clean(struct ktest *t)
{
	unsigned long pt_before = mm_stat(NR_PAGETABLE_PAGES);
	unsigned long free_before = nr_free_pages();
	struct mm_struct *mm = enter_mm();
	struct vm_area_struct *vma;
	unsigned long a, r;
	int n, failed = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = sys_mmap(0x20000000UL, 8 * P, RW, ANON | MAP_FIXED, -1, 0);
	for (n = 1; n <= 4; n++) {	/* page tables, then the page itself */
		mutex_lock(&mm->mmap_lock);
		vma = find_vma(mm, a);
		fault_attr_fail_nth(&fail_page_alloc, n);
		if (handle_mm_fault(vma, a + n * P, FAULT_FLAG_WRITE, NULL) == VM_FAULT_OOM) {
			failed++;
			KTEST_EXPECT_NULL(t, follow_page(mm, a + n * P));
		}
		fault_attr_disable(&fail_page_alloc);
		mutex_unlock(&mm->mmap_lock);
	}
	KTEST_EXPECT_TRUE(t, failed >= 1);
	/* Shared anonymous memory is populated at mmap: fail partway. */
	fault_attr_fail_nth(&fail_page_alloc, 3);
	r = sys_mmap(0, 6 * P, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fault_attr_disable(&fail_page_alloc);
	KTEST_EXPECT_EQ(t, r, -ENOMEM);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	/* No memory for the VMA itself. */
	fault_attr_fail_nth(&failslab, 1);
	r = sys_mmap(0, P, RW, ANON, -1, 0);
	fault_attr_disable(&failslab);
	KTEST_EXPECT_EQ(t, r, -ENOMEM);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	leave_mm(mm);
	KTEST_EXPECT_EQ(t, mm_stat(NR_PAGETABLE_PAGES), pt_before);
	KTEST_EXPECT_TRUE(t, nr_free_pages() + 4 >= free_before);
}

#define X86_CR4_SMAP (1UL << 21)

/* Through the real trap: a kernel write to a user page that is not there
 * yet (vector 14 -> do_page_fault -> handle_mm_fault -> iret). Without
 * SMAP only: with it, such an access is a bug the handler must oops on. */
static void real_fault_from_the_kernel_is_served(struct ktest *t)
{
	struct mm_struct *mm;
	unsigned long a, flt = current->min_flt;

	if (read_cr4() & X86_CR4_SMAP) {
		ktest_skip(t, "SMAP is on: the kernel may not touch user pages directly");
		return;
	}
	mm = enter_mm();
	KTEST_ASSERT_NOT_NULL(t, mm);
	a = sys_mmap(0, 2 * P, RW, ANON, -1, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	*(volatile u8 *)(a + P + 3) = 0x77;
	KTEST_EXPECT_EQ(t, *ubyte(mm, a + P + 3), 0x77);
	KTEST_EXPECT_EQ(t, current->min_flt, flt + 1);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 1);
	leave_mm(mm);
}

static const struct ktest_case mm_user_cases[] = {
	KTEST_CASE(address_space_is_loaded_and_shares_the_kernel),
	KTEST_CASE(mmap_anon_is_demand_zero),
	KTEST_CASE(munmap_of_the_middle_splits),
	KTEST_CASE(mprotect_splits_and_merges_back),
	KTEST_CASE(brk_grows_shrinks_and_refuses),
	KTEST_CASE(dup_mm_shares_pages_copy_on_write),
	KTEST_CASE(shared_anonymous_memory_is_not_cow),
	KTEST_CASE(mmput_frees_pages_and_page_tables),
	KTEST_CASE(map_fixed_replaces_and_noreplace_refuses),
	KTEST_CASE(mremap_shrinks_grows_and_moves),
	KTEST_CASE(stack_grows_down_on_fault),
	KTEST_CASE(bad_arguments_get_linux_errnos),
	KTEST_CASE(allocation_failures_are_clean),
	KTEST_CASE(real_fault_from_the_kernel_is_served),
	{}
};

static const struct ktest_suite mm_user_suite = {
	.name = "mm_user",
	.cases = mm_user_cases,
};
ktest_register_suite(mm_user_suite);
