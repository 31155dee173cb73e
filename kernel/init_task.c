/*
 * The first task: the boot code runs as it, and it becomes CPU 0's idle
 * task (PID 0, swapper/0) in rest_init(), as Linux's init/init_task.c.
 * Its stack is the boot stack in .bss.
 */
#include <linux/sched.h>
#include <linux/mm_types.h>

extern char boot_stack[];

struct task_struct init_task = {
	.__state = TASK_RUNNING,
	.flags = PF_KTHREAD | PF_NOFREEZE,
	.prio = MAX_PRIO,
	.static_prio = MAX_PRIO,
	.normal_prio = MAX_PRIO,
	.policy = SCHED_NORMAL,
	.cpus_mask = 1,
	.nr_cpus_allowed = 1,
	.pid = 0,
	.comm = "swapper/0",
	.real_parent = &init_task,
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.usage = REFCOUNT_INIT(2),	/* never freed */
	.stack = boot_stack,
	.active_mm = &init_mm,		/* kernel_pgd; see kernel/mm/init-mm.c */
};
