/*
 * The regions of a process's address space, after Linux's mm/mmap.c:
 * VMAs kept in an rbtree (lookup by address) and a list (in address
 * order), split when a call covers part of one, merged with compatible
 * neighbours so brk and repeated mmaps do not multiply them; placement
 * of new mappings (top-down from mmap_base, or the hint, or MAP_FIXED);
 * mmap, munmap and brk.
 *
 * A request larger than memory is refused (__vm_enough_memory()).
 * Simplified: no RLIMIT_AS/RLIMIT_DATA accounting (total_vm is kept);
 * MAP_SHARED file mappings are refused (-ENODEV); MAP_SHARED|MAP_ANONYMOUS
 * is populated at mmap time, so its pages exist before any fork shares
 * them (Linux backs it with a shmem file instead).
 * Locking: mm->mmap_lock (a mutex) around every change; the syscalls and
 * vm_* helpers take it, do_* functions expect it held.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <asm/pgtable.h>
#include "internal.h"

/* From the vfs's <linux/file.h> (Linux's): not in this branch yet. */
struct file *fget(unsigned int fd);

int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (vma) {
		vma->vm_mm = mm;
		INIT_LIST_HEAD(&vma->vm_list);
	}
	return vma;
}

/* A copy of @orig, not linked anywhere; holds its own file reference. */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *vma = vm_area_alloc(orig->vm_mm);

	if (!vma)
		return NULL;
	vma->vm_start = orig->vm_start;
	vma->vm_end = orig->vm_end;
	vma->vm_flags = orig->vm_flags;
	vma->vm_pgoff = orig->vm_pgoff;
	vma->vm_file = orig->vm_file ? get_file(orig->vm_file) : NULL;
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		fput(vma->vm_file);
	kfree(vma);
}

static bool vma_less(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct vm_area_struct, vm_rb)->vm_start <
	       rb_entry(b, struct vm_area_struct, vm_rb)->vm_start;
}

struct vm_area_struct *vma_prev(struct vm_area_struct *vma)
{
	return rb_entry_safe(rb_prev(&vma->vm_rb), struct vm_area_struct, vm_rb);
}

struct vm_area_struct *vma_next(struct vm_area_struct *vma)
{
	return rb_entry_safe(rb_next(&vma->vm_rb), struct vm_area_struct, vm_rb);
}

void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;

	rb_add(&vma->vm_rb, &mm->mm_rb, vma_less);
	prev = vma_prev(vma);
	list_add(&vma->vm_list, prev ? &prev->vm_list : &mm->mmap_list);
	mm->map_count++;
}

void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	list_del(&vma->vm_list);
	mm->map_count--;
}

void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	zap_page_range(vma, vma->vm_start, vma->vm_end);
	vma_unlink(mm, vma);
	mm->total_vm -= vma_pages(vma);
	vm_area_free(vma);
}

/**
 * find_vma - the first region that ends above @addr
 * @mm: the address space (mmap_lock held)
 * @addr: a user address
 *
 * Return: the VMA containing @addr, or else the next one above it, or
 * NULL (Linux's semantics: check vm_start before assuming @addr is in).
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *node = mm->mm_rb.rb_node;
	struct vm_area_struct *found = NULL;

	while (node) {
		struct vm_area_struct *vma = rb_entry(node, struct vm_area_struct, vm_rb);

		if (vma->vm_end > addr) {
			found = vma;
			if (vma->vm_start <= addr)
				break;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return found;
}

/* The first VMA overlapping [@start, @end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return start;
	return start > STACK_GUARD_GAP ? start - STACK_GUARD_GAP : 0;
}

#define RLIMIT_STACK 3
#define DEFAULT_STACK_LIMIT (8UL << 20)	/* Linux's _STK_LIM */

static unsigned long stack_limit(void)
{
	struct signal_struct *sig = current->signal;

	if (sig && sig->rlim[RLIMIT_STACK].rlim_cur)
		return sig->rlim[RLIMIT_STACK].rlim_cur;
	return DEFAULT_STACK_LIMIT;
}

/**
 * expand_stack - grow a VM_GROWSDOWN region down to @address
 * @vma: the stack region, just above @address
 * @address: the faulting address
 *
 * Keeps STACK_GUARD_GAP free above the region below, and the stack within
 * RLIMIT_STACK (8 MiB when unset). Context: mmap_lock held.
 * Return: 0, -ENOMEM, or -EPERM below mmap_min_addr.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct vm_area_struct *prev = vma_prev(vma);
	unsigned long grow;

	address &= PAGE_MASK;
	if (address < mmap_min_addr)
		return -EPERM;
	if (prev && prev->vm_end + STACK_GUARD_GAP > address)
		return -ENOMEM;
	if (vma->vm_end - address > stack_limit())
		return -ENOMEM;
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	/* Still between prev and next: the tree order holds. */
	vma->vm_start = address;
	vma->vm_pgoff -= grow;
	vma->vm_mm->total_vm += grow;
	return 0;
}

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *upper;

	if (WARN_ON(addr <= vma->vm_start || addr >= vma->vm_end || (addr & ~PAGE_MASK)))
		return -EINVAL;
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	upper = vm_area_dup(vma);
	if (!upper)
		return -ENOMEM;
	/* vma keeps its place in the tree: only its end moves. */
	vma->vm_end = addr;
	upper->vm_start = addr;
	upper->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	vma_link(mm, upper);
	return 0;
}

/* May @b (just above @a) join it? Same rights, same backing, contiguous. */
static bool can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags ||
	    a->vm_file != b->vm_file)
		return false;
	return !a->vm_file || a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

/* Folds @b into @a (a below it); @b's pages are @a's now. */
static void merge_into(struct mm_struct *mm, struct vm_area_struct *a,
		       struct vm_area_struct *b)
{
	a->vm_end = b->vm_end;
	vma_unlink(mm, b);
	vm_area_free(b);
}

struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
					    struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma), *next = vma_next(vma);

	if (next && can_merge(vma, next))
		merge_into(mm, vma, next);
	if (prev && can_merge(prev, vma)) {
		merge_into(mm, prev, vma);
		vma = prev;
	}
	return vma;
}

int populate_shared_anon(struct vm_area_struct *vma, unsigned long start,
			 unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		if (follow_page(vma->vm_mm, addr))
			continue;
		if (handle_mm_fault(vma, addr, FAULT_FLAG_WRITE, NULL))
			return -ENOMEM;
	}
	return 0;
}

/* Highest free range of @len below mmap_base (Linux's unmapped_area_topdown). */
static unsigned long unmapped_area_topdown(struct mm_struct *mm, unsigned long len)
{
	unsigned long high = mm->mmap_base;

	for (struct rb_node *n = rb_last(&mm->mm_rb); n; n = rb_prev(n)) {
		struct vm_area_struct *vma = rb_entry(n, struct vm_area_struct, vm_rb);

		if (vma->vm_end < high && high - vma->vm_end >= len)
			return high - len;
		high = min(high, vm_start_gap(vma));
		if (high < mmap_min_addr + len)
			return -ENOMEM;
	}
	if (high < mmap_min_addr + len)
		return -ENOMEM;
	return high - len;
}

/**
 * get_unmapped_area - where a new mapping of @len bytes may go
 * @file: its file (unused: no colouring)
 * @addr: MAP_FIXED's address, or a hint, or 0
 * @len: page-aligned length
 * @pgoff: file offset in pages (unused)
 * @flags: MAP_* flags
 *
 * Return: the address, or a negative errno (-ENOMEM) cast to unsigned long.
 */
unsigned long get_unmapped_area(struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff,
				unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	if (len > TASK_SIZE - mmap_min_addr)
		return -ENOMEM;
	if (flags & MAP_FIXED)
		return addr;
	if (addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma(mm, addr);
		if (addr >= mmap_min_addr && addr <= TASK_SIZE - len &&
		    (!vma || addr + len <= vm_start_gap(vma)))
			return addr;
	}
	return unmapped_area_topdown(mm, len);
}

/* The new region [@addr, +@len) after any old mapping there is gone. */
static unsigned long mmap_region(struct file *file, unsigned long addr,
				 unsigned long len, unsigned long vm_flags,
				 unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int err;

	err = do_munmap(mm, addr, len);
	if (err)
		return err;
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_pgoff = pgoff;
	vma->vm_file = file ? get_file(file) : NULL;
	vma_link(mm, vma);
	mm->total_vm += len >> PAGE_SHIFT;
	if ((vm_flags & VM_SHARED) && !file &&
	    populate_shared_anon(vma, addr, addr + len)) {
		do_munmap(mm, addr, len);
		return -ENOMEM;
	}
	vma_merge_neighbours(mm, vma);
	return addr;
}

/* The VM_* flags of a new mapping, or 0 with *@err set. */
static unsigned long mmap_vm_flags(struct file *file, unsigned long prot,
				   unsigned long flags, int *err)
{
	unsigned long vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
				 current->mm->def_flags | VM_MAYREAD | VM_MAYWRITE |
				 VM_MAYEXEC;

	*err = 0;
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
	case MAP_SHARED_VALIDATE:
		if (file) {
			*err = -ENODEV;	/* no shared file mappings yet */
			return 0;
		}
		return vm_flags | VM_SHARED | VM_MAYSHARE;
	case MAP_PRIVATE:
		if (file && !(file->f_mode & FMODE_READ))
			*err = -EACCES;
		/* Not counted against overcommit, as in Linux. */
		return vm_flags | (flags & MAP_NORESERVE ? VM_NORESERVE : 0);
	default:
		*err = -EINVAL;
		return 0;
	}
}

/**
 * do_mmap - map @len bytes of @file (or anonymous memory) into current->mm
 * @file: the file, or NULL for MAP_ANONYMOUS
 * @addr: the address for MAP_FIXED/MAP_FIXED_NOREPLACE, else a hint
 * @len: bytes (rounded up to pages)
 * @prot: PROT_* rights
 * @flags: MAP_* flags
 * @pgoff: file offset in pages
 *
 * Nothing is read or allocated now: pages come with the first fault.
 * Context: current->mm->mmap_lock held.
 * Return: the address, or a negative errno cast to unsigned long:
 * -EINVAL (bad length, type or alignment), -ENOMEM (no room, map_count),
 * -EEXIST (MAP_FIXED_NOREPLACE over a mapping), -EPERM (fixed below
 * mmap_min_addr), -EACCES, -ENODEV, -EOVERFLOW.
 */
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags;
	int err;

	if (!mm || !len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	vm_flags = mmap_vm_flags(file, prot, flags, &err);
	if (err)
		return err;
	if (flags & MAP_FIXED) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		if (addr < mmap_min_addr)
			return -EPERM;
	}
	/* Memory the mapping may come to own: private writable pages, or a
	 * shared anonymous mapping (Linux's accountable_mapping()). */
	if (((vm_flags & (VM_SHARED | VM_WRITE | VM_NORESERVE)) == VM_WRITE ||
	     ((vm_flags & VM_SHARED) && !file)) &&
	    __vm_enough_memory(mm, len >> PAGE_SHIFT, 1))
		return -ENOMEM;
	addr = get_unmapped_area(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	if (!file && !(vm_flags & VM_SHARED))
		pgoff = addr >> PAGE_SHIFT;
	return mmap_region(file, addr, len, vm_flags, pgoff);
}

/* Splits so that no VMA crosses @start or @end. */
static int split_at_edges(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	int err;

	if (vma && vma->vm_start < start && vma->vm_end > start) {
		err = split_vma(mm, vma, start);
		if (err)
			return err;
	}
	vma = find_vma(mm, end);
	if (vma && vma->vm_start < end)
		return split_vma(mm, vma, end);
	return 0;
}

/**
 * do_munmap - remove every mapping in [@start, @start + @len)
 * @mm: the address space (mmap_lock held)
 * @start: page-aligned
 * @len: bytes (rounded up to pages)
 *
 * Regions partly inside are cut; a range with nothing mapped is fine.
 * Return: 0, -EINVAL (misaligned or outside user space), -ENOMEM (a split
 * failed or would pass the map_count limit).
 */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct vm_area_struct *vma;
	unsigned long end;
	int err;

	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	end = start + len;
	if (!find_vma_intersection(mm, start, end))
		return 0;
	err = split_at_edges(mm, start, end);
	if (err)
		return err;
	while ((vma = find_vma_intersection(mm, start, end)))
		remove_vma(mm, vma);
	return 0;
}

unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flag, unsigned long offset)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	if (offset & ~PAGE_MASK)
		return -EINVAL;
	if (!mm)
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	ret = do_mmap(file, addr, len, prot, flag, offset >> PAGE_SHIFT);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

int vm_munmap(unsigned long start, size_t len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	mutex_lock(&mm->mmap_lock);
	ret = do_munmap(mm, start, len);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

/* Anonymous private memory at [@addr, +@len), as brk grows. */
static int do_brk_flags(unsigned long addr, unsigned long len, unsigned long flags)
{
	unsigned long ret = mmap_region(NULL, addr, len,
					VM_DATA_DEFAULT_FLAGS | flags |
					current->mm->def_flags,
					addr >> PAGE_SHIFT);

	return IS_ERR_VALUE(ret) ? (int)ret : 0;
}

/**
 * vm_brk_flags - map anonymous memory at a fixed place (exec's bss)
 * @addr: start, page-aligned
 * @len: bytes, rounded up to pages; 0 does nothing
 * @flags: 0 or VM_EXEC
 *
 * Replaces whatever was mapped there, as Linux's.
 * Return: 0, -EINVAL, -ENOMEM.
 */
int vm_brk_flags(unsigned long addr, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	int ret;

	if ((flags & ~VM_EXEC) || (addr & ~PAGE_MASK))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return 0;
	if (addr < mmap_min_addr || addr > TASK_SIZE - len)
		return -ENOMEM;
	mutex_lock(&mm->mmap_lock);
	ret = do_brk_flags(addr, len, flags);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, off)
{
	struct file *file = NULL;
	unsigned long ret;

	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((unsigned int)fd);
		if (!file)
			return -EBADF;
	}
	ret = vm_mmap(file, addr, len, prot, flags, off);
	if (file)
		fput(file);
	return ret;
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
	return vm_munmap(addr, len);
}

/* brk's move of the break from @oldbrk to @newbrk (page-aligned). */
static bool brk_move(struct mm_struct *mm, unsigned long oldbrk, unsigned long newbrk)
{
	struct vm_area_struct *next;

	if (newbrk < oldbrk)
		return !do_munmap(mm, newbrk, oldbrk - newbrk);
	next = find_vma(mm, oldbrk);
	if (newbrk > TASK_SIZE || (next && newbrk + PAGE_SIZE > vm_start_gap(next)))
		return false;
	if (__vm_enough_memory(mm, (newbrk - oldbrk) >> PAGE_SHIFT, 1))
		return false;
	return !do_brk_flags(oldbrk, newbrk - oldbrk, 0);
}

/*
 * brk(2) as Linux: the new break, or the unchanged old one when the
 * request is refused (below start_brk, into another mapping, no memory).
 * It never returns an error code; brk(0) asks where the break is.
 */
SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	mutex_lock(&mm->mmap_lock);
	if (brk >= mm->start_brk && brk <= TASK_SIZE &&
	    (PAGE_ALIGN(brk) == PAGE_ALIGN(mm->brk) ||
	     brk_move(mm, PAGE_ALIGN(mm->brk), PAGE_ALIGN(brk))))
		mm->brk = brk;
	ret = mm->brk;
	mutex_unlock(&mm->mmap_lock);
	return ret;
}
