/*
 * struct page: one per physical page frame, in the mem_map array, as in
 * Linux's include/linux/mm_types.h. Fields are shared by the page's
 * owners: the buddy allocator while the page is free, the slab allocator
 * while it holds objects.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/mutex.h>

struct kmem_cache;
struct file;
struct mm_struct;

struct page {
	unsigned long flags;		/* PG_* bits, see linux/page-flags.h */
	struct list_head lru;		/* buddy free list, or slab list */
	union {
		unsigned int order;		/* PG_buddy: block order */
		struct {			/* PG_slab: */
			unsigned short inuse;	/* objects handed out */
			unsigned short objects;	/* objects in this slab */
		};
	};
	atomic_t refcount;		/* users of an allocated page (Linux's _refcount) */
	union {
		struct kmem_cache *slab_cache;	/* PG_slab: owner */
		unsigned long private;		/* free for the owner's use */
	};
	union {
		void *freelist;		/* PG_slab: first free object */
		struct page *first_page;	/* PG_tail: the slab's first page */
	};
};

/*
 * A region of a process's address space with one set of permissions and
 * one backing (anonymous memory, or a file mapped privately), as Linux's
 * struct vm_area_struct. [vm_start, vm_end) is page-aligned.
 */
struct vm_area_struct {
	unsigned long vm_start, vm_end;
	struct mm_struct *vm_mm;
	unsigned long vm_flags;		/* VM_READ, VM_WRITE, ... (linux/mm.h) */
	struct rb_node vm_rb;		/* in mm->mm_rb, by address */
	struct list_head vm_list;	/* in mm->mmap_list, by address */
	struct file *vm_file;		/* backing file, or NULL */
	unsigned long vm_pgoff;		/* its offset there, in pages */
};

/*
 * A process's address space, as Linux's struct mm_struct: the page
 * tables (user half of its own, kernel half shared with every other
 * address space), the regions, and where exec put the program's parts.
 *
 * Two counts, as Linux: mm_users counts the tasks using the address
 * space (mmget/mmput: the last one tears down the mappings), mm_count
 * references to the struct itself (mmgrab/mmdrop: lazy-TLB kernel
 * threads and the scheduler hold those; the last frees the pgd and the
 * struct). All the users together hold one mm_count.
 * mmap_lock (a mutex here, Linux's rw_semaphore) guards the VMA tree and
 * list, the user page tables and the counters below it.
 */
struct mm_struct {
	struct rb_root mm_rb;		/* VMAs by address */
	struct list_head mmap_list;	/* VMAs in address order */
	int map_count;
	unsigned long *pgd;		/* top-level page table (direct-map address) */
	atomic_t mm_users;		/* tasks using it */
	atomic_t mm_count;		/* references to the struct */
	struct mutex mmap_lock;		/* Linux's rw_semaphore */
	unsigned long mmap_base;	/* where mmap() searches down from */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long total_vm;		/* pages mapped */
	unsigned long rss_anon;		/* pages present */
	unsigned long saved_auxv[48];	/* for /proc/PID/auxv */
	unsigned long cpu_bitmap;	/* CPUs that may hold its TLB entries */
	unsigned long pgtables;		/* page-table pages of the user half */
	unsigned long def_flags;	/* VM_* added to every new VMA */
};

extern struct mm_struct init_mm;	/* the kernel's own (kernel/mm/init-mm.c) */

#endif
