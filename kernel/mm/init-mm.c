/*
 * The kernel's own address space, as Linux's mm/init-mm.c: the idle
 * tasks and early boot run on it (active_mm), and kernel threads borrow
 * it until a user mm has been loaded. Its pgd is kernel_pgd (set by
 * init_mem_mapping()); it has no VMAs and is never freed.
 */
#include <linux/mm_types.h>
#include <linux/mm.h>

struct mm_struct init_mm = {
	.mm_rb = { NULL },
	.mmap_list = LIST_HEAD_INIT(init_mm.mmap_list),
	.mm_users = ATOMIC_INIT(2),
	.mm_count = ATOMIC_INIT(2),		/* init_task, and never freed */
	.mmap_lock = __MUTEX_INITIALIZER(init_mm.mmap_lock),
	.cpu_bitmap = 1,
};
