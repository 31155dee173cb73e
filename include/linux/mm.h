/*
 * Page frames and addresses, as in Linux's include/linux/mm.h: the
 * mem_map array holds one struct page per physical page frame, so
 * converting between a page, its frame number and its direct-map address
 * is arithmetic.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/atomic.h>
#include <linux/types.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/gfp.h>
#include <linux/sysinfo.h>
#include <asm/page.h>

extern struct page *mem_map;
extern unsigned long max_pfn;		/* one past the highest page frame */

#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PAGE_ALIGN(x) ALIGN(x, PAGE_SIZE)
/* The byte offset of address @p within its page. */
#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

static inline void *page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

/* @addr must be a direct-map address (see virt_addr_valid()). */
static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PHYS_PFN(__pa(addr)));
}

/* True if @addr lies in the direct map of a page frame mem_map covers. */
bool virt_addr_valid(const void *addr);

/* Totals in pages, for meminfo. */
unsigned long totalram_pages(void);
/* Overcommit (kernel/mm/overcommit.c): 0 or -ENOMEM. */
int __vm_enough_memory(struct mm_struct *mm, long pages, int cap_sys_admin);
unsigned long nr_free_pages(void);

/* Fills the memory fields of @val (totalram, freeram; mem_unit is a
 * page), as Linux's si_meminfo(). */
void si_meminfo(struct sysinfo *val);

/*
 * Page references (Linux's get_page()/put_page()): a page mapped by
 * several address spaces (copy-on-write after fork) holds one reference
 * per mapping and goes back to the buddy allocator with the last one.
 */
static inline unsigned int page_count(const struct page *page)
{
	return atomic_read(&page->refcount);
}

/* For the allocator: a page it hands out or takes back (page_ref.h). */
static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->refcount, v);
}

static inline void get_page(struct page *page)
{
	atomic_inc(&page->refcount);
}

/* Frees an order-0 page whose last reference was just dropped. */
void __put_page(struct page *page);

static inline void put_page(struct page *page)
{
	if (atomic_dec_and_test(&page->refcount))
		__put_page(page);
}

/* vm_area_struct->vm_flags, with Linux's values. */
#define VM_NONE 0x00000000UL
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_SHARED 0x00000008UL
#define VM_MAYREAD 0x00000010UL	/* mprotect() may add VM_READ */
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_MAYSHARE 0x00000080UL
#define VM_GROWSDOWN 0x00000100UL	/* a stack: faults below extend it */
#define VM_PFNMAP 0x00000400UL
#define VM_LOCKED 0x00002000UL
#define VM_IO 0x00004000UL
#define VM_DONTCOPY 0x00020000UL	/* MADV_DONTFORK */
#define VM_DONTEXPAND 0x00040000UL
#define VM_ACCOUNT 0x00100000UL
#define VM_NORESERVE 0x00200000UL
#define VM_DONTDUMP 0x04000000UL

#define VM_STACK VM_GROWSDOWN
#define VM_DATA_DEFAULT_FLAGS (VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | \
			       VM_MAYEXEC)
#define VM_STACK_FLAGS (VM_STACK | VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT)
#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)

/* Linux's sysctl_max_map_count default, and the gap kept below a stack. */
#define DEFAULT_MAX_MAP_COUNT 65530
#define STACK_GUARD_GAP (256UL << PAGE_SHIFT)
#ifndef TASK_SIZE
#define TASK_SIZE 0x00007FFFFFFFF000UL	/* user space: [0, TASK_SIZE) */
#endif
#define mmap_min_addr PAGE_SIZE		/* page 0 is never mapped */

/* handle_mm_fault(): what happened (flags) and how it went (result). */
typedef unsigned int vm_fault_t;
#define FAULT_FLAG_WRITE 0x01
#define FAULT_FLAG_USER 0x40
#define FAULT_FLAG_INSTRUCTION 0x100
#define VM_FAULT_OOM 0x0001
#define VM_FAULT_SIGBUS 0x0002
#define VM_FAULT_MAJOR 0x0004
#define VM_FAULT_SIGSEGV 0x0040
#define VM_FAULT_ERROR (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

struct pt_regs;

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_file;
}

/* Regions (kernel/mm/mmap.c). Callers hold mm->mmap_lock. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start, unsigned long end);
int expand_stack(struct vm_area_struct *vma, unsigned long address);
unsigned long get_unmapped_area(struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff,
				unsigned long flags);
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
/* The same, taking current->mm's mmap_lock (for kernel callers: exec). */
unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flag, unsigned long offset);
int vm_munmap(unsigned long start, size_t len);
int vm_brk_flags(unsigned long addr, unsigned long len, unsigned long flags);
int do_mprotect(unsigned long start, size_t len, unsigned long prot);

/* Pages (kernel/mm/memory.c). Callers hold mm->mmap_lock. */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, struct pt_regs *regs);
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end);
int copy_page_range(struct vm_area_struct *dst, struct vm_area_struct *src);
void change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long newflags);
/* The page mapped at @addr in @mm, or NULL (no reference taken). */
struct page *follow_page(struct mm_struct *mm, unsigned long addr);

/* The OOM killer (kernel/mm/oom_kill.c). True if a task was killed. */
bool out_of_memory(void);

#endif
