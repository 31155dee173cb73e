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
#include <linux/sched/stat.h>
#include <spindle/pid.h>
#include <spindle/mm.h>
#include <linux/rcupdate.h>
#include <linux/shrinker.h>
#include <linux/init.h>
#include <linux/cpumask.h>
#include <asm/irqflags.h>
#include <linux/sched/task.h>
#include <linux/completion.h>
#include <linux/uaccess.h>
#include <linux/futex.h>
#include <uapi/linux/futex.h>
#include <linux/syscalls.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/mm.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <uapi/linux/resource.h>

DEFINE_RAW_SPINLOCK(tasklist_lock);
/* Tasks with a PID, and the most there may be (tasklist_lock). */
unsigned long nr_threads;
unsigned long total_forks;	/* forks since boot (/proc/stat processes) */
unsigned long max_threads;
static struct kmem_cache *task_struct_cachep;

/*
 * Freed stacks, still mapped, kept per CPU for the next thread (Linux's
 * cached_stacks, NR_CACHED_STACKS = 2): creating a thread right after one
 * exited then maps and allocates nothing. Interrupts are off around the
 * slots, since a stack may be freed from any context that runs
 * finish_task_switch().
 */
#define NR_CACHED_STACKS 2	/* put_task_struct_rcu_user() knows it is 2 */
static struct vm_struct *cached_stacks[NR_CPUS][NR_CACHED_STACKS];

static struct vm_struct *take_cached_stack(void)
{
	struct vm_struct *area = NULL;
	unsigned long flags;
	int cpu;

	local_irq_save(flags);
	cpu = smp_processor_id();
	for (int i = 0; i < NR_CACHED_STACKS && !area; i++) {
		area = cached_stacks[cpu][i];
		cached_stacks[cpu][i] = NULL;
	}
	local_irq_restore(flags);
	return area;
}

static bool cache_stack(struct vm_struct *area)
{
	unsigned long flags;
	bool kept = false;
	int cpu;

	local_irq_save(flags);
	cpu = smp_processor_id();
	for (int i = 0; i < NR_CACHED_STACKS && !kept; i++) {
		if (!cached_stacks[cpu][i]) {
			cached_stacks[cpu][i] = area;
			kept = true;
		}
	}
	local_irq_restore(flags);
	return kept;
}

/* A stack from the cache or, failing that, a new vmalloc area. */
static struct vm_struct *get_stack_area(const char *owner)
{
	struct vm_struct *area = take_cached_stack();

	if (!area) {
		void *stack = __vmalloc_area(THREAD_SIZE, GFP_KERNEL, VM_KSTACK);

		if (!stack)
			return NULL;
		area = find_vm_area(stack);
	}
	area->owner = owner;
	/* KernelStack counts stacks in use, as Linux's account_kernel_stack() */
	mod_mm_stat(NR_KERNEL_STACK_PAGES, THREAD_SIZE / PAGE_SIZE);
	return area;
}

/* Back to the cache, or to the vmalloc area when the cache is full. */
static void put_stack_area(struct vm_struct *area)
{
	mod_mm_stat(NR_KERNEL_STACK_PAGES, -(long)(THREAD_SIZE / PAGE_SIZE));
	area->owner = NULL;
	if (!cache_stack(area))
		vfree_area(area);
}

/*
 * A shrinker for the stack cache: under memory pressure kswapd (or direct
 * reclaim) gives this CPU's cached stacks back to the vmalloc area, four
 * pages each. Linux frees the cache only when a CPU goes offline
 * (free_vm_stack_cache()); Spindle, with no offline, lets reclaim do it.
 */
static unsigned long stack_cache_count(struct shrinker *s, struct shrink_control *sc)
{
	unsigned long n = 0;
	int cpu = raw_smp_processor_id();	/* a hint: scan takes them irqs off */

	for (int i = 0; i < NR_CACHED_STACKS; i++)
		n += READ_ONCE(cached_stacks[cpu][i]) != NULL;
	return n ? n : SHRINK_EMPTY;
}

static unsigned long stack_cache_scan(struct shrinker *s, struct shrink_control *sc)
{
	unsigned long freed = 0;
	struct vm_struct *area;

	while (freed < sc->nr_to_scan && (area = take_cached_stack())) {
		vfree_area(area);
		freed++;
	}
	return freed;
}

static struct shrinker stack_cache_shrinker = {
	.count_objects = stack_cache_count,
	.scan_objects = stack_cache_scan,
	.seeks = DEFAULT_SEEKS,
};

static int __init stack_cache_shrinker_init(void)
{
	return register_shrinker(&stack_cache_shrinker, "thread-stack-cache");
}
core_initcall(stack_cache_shrinker_init);

void *alloc_thread_stack(const char *owner)
{
	struct vm_struct *area = get_stack_area(owner);

	return area ? area->addr : NULL;
}

void free_thread_stack(void *stack)
{
	struct vm_struct *area = find_vm_area(stack);

	if (WARN_ON(!area || area->addr != stack))
		return;
	put_stack_area(area);
}

/*
 * A dead task's own reference is dropped after an RCU grace period, not in
 * the switch away from it: as Linux's put_task_struct_rcu_user(), which
 * queues delayed_put_task_struct() with call_rcu(). A reader that found
 * the task under rcu_read_lock() may still look at it until then, and
 * kthread_stop() and the like do not pay for freeing. As in Linux, the
 * stack is released at once, into the per-CPU cache if there is room;
 * otherwise it goes with the task.
 */
static void delayed_put_task_struct(struct rcu_head *rhp)
{
	put_task_struct(container_of(rhp, struct task_struct, rcu));
}

void put_task_struct_rcu_user(struct task_struct *p)
{
	struct vm_struct *area = p->stack_vm_area, **slot = NULL;
	unsigned long flags;
	int cpu;

	local_irq_save(flags);
	cpu = smp_processor_id();
	if (!cached_stacks[cpu][0])
		slot = &cached_stacks[cpu][0];
	else if (!cached_stacks[cpu][1])
		slot = &cached_stacks[cpu][1];
	if (slot && area) {
		*slot = area;
		area->owner = NULL;
		p->stack = NULL;
		p->stack_vm_area = NULL;
		mod_mm_stat(NR_KERNEL_STACK_PAGES, -(long)(THREAD_SIZE / PAGE_SIZE));
	}
	local_irq_restore(flags);
	call_rcu(&p->rcu, delayed_put_task_struct);
}

/**
 * flush_dead_tasks - wait until the dead tasks queued so far are freed
 *
 * For tests that compare allocator counts: rcu_barrier(), as Linux's
 * tests call it to wait for pending RCU frees. Context: process; sleeps.
 */
void flush_dead_tasks(void)
{
	rcu_barrier();
}

/* Linux's set_max_threads(): task stacks may take an eighth of memory. */
static void set_max_threads(void)
{
	max_threads = totalram_pages() / (8 * (THREAD_SIZE / PAGE_SIZE));
	max_threads = clamp(max_threads, 20UL, (unsigned long)PID_MAX_DEFAULT - RESERVED_PIDS);
}

void fork_init(void)
{
	set_max_threads();
	task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					       64, SLAB_PANIC, NULL);
}

/**
 * fork_idle - make the idle task of a CPU coming up (Linux's fork_idle())
 * @cpu: the CPU
 *
 * PID 0 and named swapper/@cpu like the boot CPU's, with a guarded stack
 * of its own that the CPU starts on (arch_cpu_up()). Once the CPU runs,
 * idle_task_attach() puts it on the task list, so ps shows it; it is
 * nobody's child. Never freed.
 * Context: process context; sleeps.
 * Return: the task, or ERR_PTR(-ENOMEM).
 */
struct task_struct *fork_idle(int cpu)
{
	struct task_struct *p = kmem_cache_zalloc(task_struct_cachep, GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);
	refcount_set(&p->usage, 2);
	p->flags = PF_KTHREAD | PF_NOFREEZE;
	snprintf(p->comm, TASK_COMM_LEN, "swapper/%d", cpu);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->thread_node);
	sched_fork(p);
	p->stack_vm_area = get_stack_area(p->comm);
	if (!p->stack_vm_area) {
		kmem_cache_free(task_struct_cachep, p);
		return ERR_PTR(-ENOMEM);
	}
	p->stack = p->stack_vm_area->addr;
	p->start_time = ktime_get_ns();
	p->real_parent = &init_task;
	init_idle(p, cpu);
	return p;
}

/* The CPU of @idle runs: list its idle task (ps shows swapper/N). */
void idle_task_attach(struct task_struct *idle)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_add_tail(&idle->tasks, &init_task.tasks);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
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

static atomic_long_t dying_tasks;

void note_task_exiting(void)
{
	atomic_long_inc(&dying_tasks);
}

unsigned long nr_dying_tasks(void)
{
	return atomic_long_read(&dying_tasks);
}

static void free_task(struct task_struct *p)
{
	if (p->flags & PF_EXITING)
		atomic_long_dec(&dying_tasks);
	release_signal_structs(p);
	free_kthread_struct(p);
	if (p->stack_vm_area)
		put_stack_area(p->stack_vm_area);
	kmem_cache_free(task_struct_cachep, p);
}

void __put_task_struct(struct task_struct *p)
{
	WARN_ON(!(p->__state & TASK_DEAD) && p->__state != TASK_NEW);
	free_task(p);
}

/*
 * A CLONE_THREAD child joins current's process: same tgid and leader,
 * on its thread list. Not while the process is dying or exec'ing: the
 * new thread would escape zap_other_threads(). Not while a signal is
 * pending either, as Linux's copy_process(): a group stop started by
 * another thread would miss the new one (start_group_stop() walks the
 * list under siglock, as we do here). clone() then restarts once the
 * signal is handled (-ERESTARTNOINTR), after SIGCONT for a stop.
 * Caller holds tasklist_lock.
 */
static int join_thread_group(struct task_struct *p)
{
	struct signal_struct *sig = current->signal;
	int err = -ERESTARTNOINTR;

	spin_lock(&current->sighand->siglock);
	if (!(sig->flags & SIGNAL_GROUP_EXIT) && !sig->group_exec_task &&
	    !signal_pending(current)) {
		p->tgid = current->tgid;
		p->group_leader = current->group_leader;
		list_add_tail(&p->thread_node, &sig->thread_head);
		sig->nr_threads++;
		sig->live++;
		err = 0;
	}
	spin_unlock(&current->sighand->siglock);
	return err;
}

/* Links @p into the task list under current; gives it its PID. Past
 * max_threads tasks (Linux's threads-max, from the memory size) a fork
 * is refused with -EAGAIN: a fork bomb meets this limit, as on Linux,
 * where root is exempt from RLIMIT_NPROC. A thread, or a child with
 * CLONE_PARENT, is a sibling of current: same parent. Only a process
 * (a group leader) is on its parent's children list. */
static int attach_task(struct task_struct *p, u64 clone_flags)
{
	unsigned long flags;
	int pid = -EAGAIN, err;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	if (nr_threads < max_threads)
		pid = alloc_pid(p);
	if (pid >= 0 && (clone_flags & CLONE_THREAD)) {
		err = join_thread_group(p);
		if (err) {
			free_pid(pid);
			pid = err;
		}
	} else if (pid >= 0) {
		p->tgid = pid;
		p->group_leader = p;
	}
	if (pid >= 0) {
		p->real_parent = clone_flags & (CLONE_PARENT | CLONE_THREAD) ?
				 current->real_parent : current;
		if (thread_group_leader(p))
			list_add_tail(&p->sibling, &p->real_parent->children);
		list_add_tail(&p->tasks, &init_task.tasks);
		nr_threads++;
		total_forks++;
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid < 0 ? pid : 0;
}

/* The new task_struct with its guarded kernel stack, or NULL. */
static struct task_struct *dup_task_struct(const char *name)
{
	struct task_struct *p = kmem_cache_zalloc(task_struct_cachep, GFP_KERNEL);

	if (!p)
		return NULL;
	set_task_comm(p, name);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->thread_node);
	p->stack_vm_area = get_stack_area(p->comm);
	if (!p->stack_vm_area) {
		kmem_cache_free(task_struct_cachep, p);
		return NULL;
	}
	p->stack = p->stack_vm_area->addr;
	return p;
}

/*
 * What a user process copies or shares from its parent (Linux's
 * copy_files/copy_fs/copy_sighand/copy_signal/copy_mm): each is shared
 * with CLONE_FILES, CLONE_FS, CLONE_VM, else copied (memory
 * copy-on-write). The parent's niceness and policy are inherited.
 */
static int copy_user_resources(struct task_struct *p, const struct kernel_clone_args *args)
{
	u64 flags = args->flags;
	int err;

	p->flags = current->flags & ~(PF_KTHREAD | PF_IDLE | PF_WQ_WORKER | PF_EXITING);
	p->policy = current->policy;
	p->static_prio = p->normal_prio = p->prio = current->static_prio;
	/* A thread tells nobody when it dies: it is reaped at once. */
	if (flags & CLONE_THREAD)
		p->exit_signal = -1;
	else if (flags & CLONE_PARENT)
		p->exit_signal = current->group_leader->exit_signal;
	else
		p->exit_signal = args->exit_signal;
	p->no_new_privs = current->no_new_privs;
	err = copy_signal_structs(flags, p);
	if (err)
		return err;
	err = copy_files(flags, p);
	if (err)
		return err;
	err = copy_fs(flags, p);
	if (err)
		return err;
	if (flags & CLONE_VM) {
		mmget(current->mm);
		p->mm = current->mm;
	} else {
		p->mm = dup_mm(p, current->mm);
		if (!p->mm)
			return -ENOMEM;
	}
	/* Its own mm: mm_users keeps it alive, no lazy reference (Linux). */
	p->active_mm = p->mm;
	if (flags & CLONE_CHILD_SETTID)
		p->set_child_tid = args->child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = args->child_tid;
	return 0;
}

/* Mirrors mm_release(): the CLONE_CHILD_CLEARTID word is zeroed and a
 * thread joining @tsk woken, if anyone else uses @mm to see it. A fault
 * is ignored, as on Linux. */
static void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	if (!tsk->clear_child_tid)
		return;
	if (atomic_read(&mm->mm_users) > 1 && !put_user(0, tsk->clear_child_tid))
		do_futex((u32 __user *)tsk->clear_child_tid, FUTEX_WAKE, 1,
			 MAX_SCHEDULE_TIMEOUT, NULL, 0, 0);
	tsk->clear_child_tid = NULL;
}

void exit_mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	futex_exit_release(tsk);
	mm_release(tsk, mm);
}

void exec_mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	futex_exec_release(tsk);
	mm_release(tsk, mm);
}

/* Undoes copy_user_resources() for a child that never ran. */
static void free_user_resources(struct task_struct *p)
{
	if (p->mm)
		mmput(p->mm);
	if (p->fs)
		exit_fs(p);
	if (p->files)
		exit_files(p);
	release_signal_structs(p);
}

/**
 * copy_process - build a new task, not yet runnable (TASK_NEW)
 * @args: what to build: a kernel thread running @args->fn, or (no fn) a
 *        user process that is a copy of current, returning from clone()
 *
 * Return: the task, or ERR_PTR(-ENOMEM / -EAGAIN / -EINVAL).
 */
struct task_struct *copy_process(const struct kernel_clone_args *args)
{
	bool user = !args->fn;
	struct task_struct *p;
	int err = -ENOMEM;

	p = dup_task_struct(user ? current->comm : args->name);
	if (!p)
		return ERR_PTR(-ENOMEM);
	/* One reference dropped after the last switch-out; a process has a
	 * second one, its parent's, dropped when the zombie is reaped. */
	refcount_set(&p->usage, user ? 2 : 1);
	p->flags = PF_KTHREAD | PF_NOFREEZE;
	sched_fork(p);
	if (user)
		err = copy_user_resources(p, args);
	else
		err = set_kthread_struct(p);
	if (err)
		goto fail;
	err = copy_thread(p, args);
	if (err)
		goto fail;
	p->start_time = ktime_get_ns();
	err = attach_task(p, args->flags);
	if (err)
		goto fail;
	return p;
fail:
	if (user)
		free_user_resources(p);
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
	struct kernel_clone_args args = { .fn = fn, .fn_arg = arg, .name = name };
	struct task_struct *p = copy_process(&args);

	if (IS_ERR(p))
		return PTR_ERR(p);
	wake_up_new_task(p);
	return p->pid;
}

/* Flags Spindle does not offer yet: namespaces, ptrace, pidfds. */
#define CLONE_UNSUPPORTED (CLONE_NEWNS | CLONE_PTRACE | CLONE_PIDFD | CLONE_UNTRACED | \
			   0xFE000000ULL)

/* The combinations Linux's copy_process() refuses: a thread shares the
 * actions, shared actions need shared memory; init has no siblings. */
static bool clone_flags_valid(u64 flags)
{
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return false;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return false;
	if ((flags & CLONE_PARENT) && (current->signal->flags & SIGNAL_UNKILLABLE))
		return false;
	return !(flags & CLONE_UNSUPPORTED);
}

/**
 * kernel_clone - create a user process (fork, vfork, clone)
 * @args: the clone flags and where to put the new PID
 *
 * With CLONE_VFORK the caller sleeps until the child has called execve()
 * or exited: until then they share one address space.
 * Context: process context of a user process; sleeps.
 * Return: the child's PID, or -errno.
 */
pid_t kernel_clone(struct kernel_clone_args *args)
{
	struct completion vfork;
	struct task_struct *p;
	pid_t pid;

	if (!clone_flags_valid(args->flags))
		return -EINVAL;
	if (!valid_signal(args->exit_signal))
		return -EINVAL;
	p = copy_process(args);
	if (IS_ERR(p))
		return PTR_ERR(p);
	pid = p->pid;
	if (args->flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
		get_task_struct(p);
	}
	if ((args->flags & CLONE_PARENT_SETTID) && put_user(pid, args->parent_tid))
		pr_debug("clone: parent_tid not writable\n");	/* as Linux: ignored */
	wake_up_new_task(p);
	if (args->flags & CLONE_VFORK) {
		wait_for_completion(&vfork);
		put_task_struct(p);
	}
	return pid;
}

SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		int __user *, parent_tidptr, int __user *, child_tidptr, unsigned long, tls)
{
	struct kernel_clone_args args = {
		.flags = clone_flags & ~CSIGNAL,
		.exit_signal = clone_flags & CSIGNAL,
		.parent_tid = parent_tidptr,
		.child_tid = child_tidptr,
		.stack = newsp,
		.tls = tls,
	};

	return kernel_clone(&args);
}

SYSCALL_DEFINE0(fork)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD };

	return kernel_clone(&args);
}

SYSCALL_DEFINE0(vfork)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VFORK | CLONE_VM,
		.exit_signal = SIGCHLD,
	};

	return kernel_clone(&args);
}

SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}
