/*
 * Creating tasks, after Linux's kernel/fork.c: copy_process() builds a
 * task_struct, its guarded kernel stack (in the vmalloc area, with a
 * guard page below: CONFIG_VMAP_STACK) and its kthread state, gives it a
 * PID and links it under its parent; kernel_thread() then lets it run.
 * Every step can fail; each failure undoes the steps before it and
 * returns an error, never leaking.
 * Locking: tasklist_lock guards the task list and parent/child links.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/timekeeping.h>
#include <spindle/kstack.h>
#include <spindle/sched.h>
#include <spindle/sched_arch.h>
#include <spindle/task.h>
#include <spindle/pid.h>

DEFINE_RAW_SPINLOCK(tasklist_lock);
static struct kmem_cache *task_struct_cachep;

void *alloc_thread_stack(const char *owner)
{
	void *stack = __vmalloc_area(THREAD_SIZE, GFP_KERNEL, VM_STACK);

	if (stack)
		find_vm_area(stack)->owner = owner;
	return stack;
}

void free_thread_stack(void *stack)
{
	vfree(stack);
}

void fork_init(void)
{
	task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					       64, SLAB_PANIC, NULL);
}

void set_task_comm(struct task_struct *p, const char *name)
{
	strscpy(p->comm, name, TASK_COMM_LEN);	/* cut to 15, as Linux */
}

char *get_task_comm(char *buf, const struct task_struct *p)
{
	strscpy(buf, p->comm, TASK_COMM_LEN);
	return buf;
}

static void free_task(struct task_struct *p)
{
	free_kthread_struct(p);
	if (p->stack)
		free_thread_stack(p->stack);
	kmem_cache_free(task_struct_cachep, p);
}

void __put_task_struct(struct task_struct *p)
{
	WARN_ON(!(p->__state & TASK_DEAD) && p->__state != TASK_NEW);
	free_task(p);
}

/* Links @p into the task list under current; gives it its PID. */
static int attach_task(struct task_struct *p)
{
	unsigned long flags;
	int pid;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	pid = alloc_pid(p);
	if (pid >= 0) {
		p->real_parent = current;
		list_add_tail(&p->sibling, &current->children);
		list_add_tail(&p->tasks, &init_task.tasks);
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid < 0 ? pid : 0;
}

/**
 * copy_process - build a new kernel task that will run @fn(@arg)
 * @fn: its function
 * @arg: the argument
 * @name: its name (cut to 15 characters)
 *
 * The task is complete but not yet runnable (TASK_NEW).
 * Return: the task, or ERR_PTR(-ENOMEM) / ERR_PTR(-EAGAIN).
 */
struct task_struct *copy_process(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = kmem_cache_zalloc(task_struct_cachep, GFP_KERNEL);
	int err = -ENOMEM;

	if (!p)
		return ERR_PTR(-ENOMEM);
	p->usage = 1;		/* dropped after its last switch-out */
	p->flags = PF_KTHREAD;
	set_task_comm(p, name);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->tasks);
	sched_fork(p);
	p->stack = alloc_thread_stack(p->comm);
	if (!p->stack)
		goto fail;
	if (set_kthread_struct(p))
		goto fail;
	copy_thread(p, fn, arg);
	p->start_time = ktime_get_ns();
	err = attach_task(p);
	if (err)
		goto fail;
	return p;
fail:
	free_task(p);
	return ERR_PTR(err);
}

/**
 * kernel_thread - create a kernel thread and let it run
 * @fn: its function; if it returns, the thread exits with that value
 * @arg: the argument
 * @name: its name
 *
 * Its parent is the caller: kthreadd, for every kthread_create().
 * Return: the new PID, or a negative errno.
 */
pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = copy_process(fn, arg, name);

	if (IS_ERR(p))
		return PTR_ERR(p);
	wake_up_new_task(p);
	return p->pid;
}
