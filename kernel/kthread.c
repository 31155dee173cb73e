/*
 * Kernel threads, after Linux's kernel/kthread.c. The protocol:
 *
 *  creator                        kthreadd (PID 2)         new thread
 *  kthread_create_on_node()
 *    queue request, wake kthreadd
 *    wait for request->done  ---> create_kthread()
 *                                   kernel_thread(kthread) ---> kthread()
 *                                                               result = self
 *                                                               sleep (D),
 *    <------------------------------------------------------- complete(done)
 *  wake_up_process()  -------------------------------------> threadfn(data)
 *  kthread_stop(): SHOULD_STOP, wake, wait for exited  <---- returns/exits
 *
 * Because kthreadd forks every thread, every kthread's parent is PID 2.
 * Locking: kthread_create_lock guards the request list; a request's
 * `done` pointer is taken with xchg(), which settles who frees the
 * request if the creator gives up.
 * The kthread_worker half of Linux's file is kernel/kthread_worker.c.
 */
#include <linux/kthread.h>
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/errno.h>
#include <linux/bitops.h>
#include <linux/atomic.h>
#include <linux/freezer.h>
#include <spindle/task.h>
#include <spindle/sched_arch.h>
#include <spindle/config.h>
#include <spindle/trace.h>
#include <spindle/sched.h>
#include <linux/sched/mm.h>
#include <asm/irqflags.h>

enum kthread_bits {
	KTHREAD_IS_PER_CPU = 0,
	KTHREAD_SHOULD_STOP,
	KTHREAD_SHOULD_PARK,
};

/* Per-thread state, reached through task->kthread. */
struct kthread {
	unsigned long flags;
	unsigned int cpu;
	int result;
	int (*threadfn)(void *);
	void *data;
	struct completion parked;
	struct completion exited;
	bool started;		/* threadfn was called */
};

struct kthread_create_info {
	int (*threadfn)(void *data);
	void *data;
	char name[TASK_COMM_LEN];
	struct task_struct *result;
	struct completion *done;
	struct list_head list;
};

struct task_struct *kthreadd_task;
static LIST_HEAD(kthread_create_list);
static DEFINE_SPINLOCK(kthread_create_lock);
static struct kmem_cache *kthread_cachep;

void kthread_init(void)
{
	kthread_cachep = kmem_cache_create("kthread", sizeof(struct kthread), 0,
					   SLAB_PANIC, NULL);
}

static __always_inline struct kthread *to_kthread(struct task_struct *k)
{
	WARN_ON(!(k->flags & PF_KTHREAD) || !k->kthread);
	return k->kthread;
}

/* The flag bits. A set or clear is followed by a wake-up of the thread,
 * which then tests the bit after setting its state (a full barrier): the
 * barrier after the change pairs with that one, so either the thread
 * sees the bit or the waker sees it asleep. */
static bool test_kbit(struct kthread *kt, int bit)
{
	return test_bit(bit, &kt->flags);
}

static void set_kbit(struct kthread *kt, int bit)
{
	set_bit(bit, &kt->flags);
	smp_mb__after_atomic();
}

static void clear_kbit(struct kthread *kt, int bit)
{
	clear_bit(bit, &kt->flags);
	smp_mb__after_atomic();
}

/* copy_process() gives every kernel thread its struct kthread. */
int set_kthread_struct(struct task_struct *p)
{
	struct kthread *kt = kmem_cache_zalloc(kthread_cachep, GFP_KERNEL);

	if (!kt)
		return -ENOMEM;
	init_completion(&kt->parked);
	init_completion(&kt->exited);
	p->kthread = kt;
	/* do_exit() completes it, as Linux's kthread() sets vfork_done. */
	p->vfork_done = &kt->exited;
	return 0;
}

void free_kthread_struct(struct task_struct *p)
{
	kmem_cache_free(kthread_cachep, p->kthread);
	p->kthread = NULL;
	p->vfork_done = NULL;
}

void kthread_set_result(struct task_struct *p, int result)
{
	if (p->kthread)
		p->kthread->result = result;
}

bool kthread_should_stop(void)
{
	return test_kbit(to_kthread(current), KTHREAD_SHOULD_STOP);
}

bool kthread_should_park(void)
{
	return test_kbit(to_kthread(current), KTHREAD_SHOULD_PARK);
}

bool kthread_should_stop_or_park(void)
{
	struct kthread *kt = current->kthread;

	return kt && (test_kbit(kt, KTHREAD_SHOULD_STOP) ||
		      test_kbit(kt, KTHREAD_SHOULD_PARK));
}

/**
 * kthread_freezable_should_stop - kthread_should_stop() for a freezable thread
 * @was_frozen: if not NULL, set to whether the thread was frozen here
 *
 * Enters the refrigerator if a freeze asks (leaving it early if
 * kthread_stop() is called meanwhile), then answers kthread_should_stop().
 * Context: a freezable kthread, no locks held.
 */
bool kthread_freezable_should_stop(bool *was_frozen)
{
	bool frozen = false;

	might_sleep();
	if (unlikely(freezing(current)))
		frozen = __refrigerator(true);
	if (was_frozen)
		*was_frozen = frozen;
	return kthread_should_stop();
}

void *kthread_data(struct task_struct *k)
{
	return to_kthread(k)->data;
}

/**
 * kthread_func - the function a kernel thread was created to run
 * @k: any task
 *
 * Return: its threadfn, or NULL if @k is not a kthread_create() thread.
 */
void *kthread_func(struct task_struct *k)
{
	if ((k->flags & PF_KTHREAD) && k->kthread)
		return k->kthread->threadfn;
	return NULL;
}

/**
 * kthread_probe_data - the data of a kthread, for debug output
 * @k: any task (possibly not a kthread)
 *
 * Linux reads it with copy_from_kernel_nofault() since @k may be exiting;
 * Spindle frees struct kthread only with the task, so a plain read of a
 * task the caller holds is safe.
 * Return: the data, or NULL if @k is not a kthread.
 */
void *kthread_probe_data(struct task_struct *k)
{
	if ((k->flags & PF_KTHREAD) && k->kthread)
		return READ_ONCE(k->kthread->data);
	return NULL;
}

/**
 * kthread_set_per_cpu - mark @k as @cpu's per-CPU thread (or unmark it)
 * @k: a kthread, already bound to @cpu
 * @cpu: the CPU; negative clears the mark
 *
 * A per-CPU thread is bound to its CPU again whenever it is unparked.
 */
void kthread_set_per_cpu(struct task_struct *k, int cpu)
{
	struct kthread *kt = to_kthread(k);

	if (!kt)
		return;
	WARN_ON_ONCE(!(k->flags & PF_NO_SETAFFINITY));
	if (cpu < 0) {
		clear_kbit(kt, KTHREAD_IS_PER_CPU);
		return;
	}
	kt->cpu = cpu;
	set_kbit(kt, KTHREAD_IS_PER_CPU);
}

bool kthread_is_per_cpu(struct task_struct *k)
{
	return k->kthread && test_kbit(k->kthread, KTHREAD_IS_PER_CPU);
}

/* Sleeps in TASK_PARKED while asked to; tells kthread_park() once off. */
static void __kthread_parkme(struct kthread *self)
{
	for (;;) {
		set_current_state(TASK_PARKED);
		if (!test_kbit(self, KTHREAD_SHOULD_PARK))
			break;
		/* complete() before schedule(): the parker also waits until
		 * we are off the CPU (it checks our state), as Linux does. */
		preempt_disable();
		complete(&self->parked);
		schedule_preempt_disabled();
		preempt_enable();
	}
	__set_current_state(TASK_RUNNING);
}

void kthread_parkme(void)
{
	__kthread_parkme(to_kthread(current));
}

void kthread_exit(long result)
{
	struct kthread *kt = to_kthread(current);

	kt->result = result;
	do_exit(0);
}

void kthread_complete_and_exit(struct completion *comp, long code)
{
	if (comp)
		complete(comp);
	kthread_exit(code);
}

/* ret_from_fork_asm: a kernel_thread() function returned. */
void kthread_fn_returned(long ret)
{
	if (current->kthread)
		kthread_exit(ret);
	do_exit(ret);
}

/*
 * The first function of every thread kthreadd creates (Linux's kthread()):
 * report itself to the creator, sleep until woken, then run threadfn
 * unless already told to stop (then the result is -EINTR).
 */
static int kthread(void *_create)
{
	struct kthread_create_info *create = _create;
	int (*threadfn)(void *) = create->threadfn;
	void *data = create->data;
	struct kthread *self = to_kthread(current);
	struct completion *done;
	int ret;

	self->threadfn = threadfn;
	self->data = data;
	/* If the creator gave up waiting, the request is ours to free. */
	done = xchg(&create->done, NULL);
	if (!done) {
		kfree(create);
		kthread_exit(-EINTR);
	}
	__set_current_state(TASK_UNINTERRUPTIBLE);
	trace_kthread_ready();
	create->result = current;
	preempt_disable();
	complete(done);
	schedule_preempt_disabled();
	preempt_enable();

	ret = -EINTR;
	if (!test_kbit(self, KTHREAD_SHOULD_STOP)) {
		__kthread_parkme(self);
		self->started = true;
		trace_kthread_run();
		ret = threadfn(data);
	}
	kthread_exit(ret);
}

/* kthreadd's half: fork the thread; report a failure to the creator. */
static void create_kthread(struct kthread_create_info *create)
{
	pid_t pid = kernel_thread(kthread, create, create->name);
	struct completion *done;

	trace_kthread_create(pid, create->name);
	if (pid >= 0)
		return;
	done = xchg(&create->done, NULL);
	if (!done) {
		kfree(create);
		return;
	}
	create->result = ERR_PTR(pid);
	complete(done);
}

/**
 * kthreadd - the kernel thread daemon, PID 2 (Linux's kthreadd())
 *
 * Sleeps until kthread_create_list has requests, then creates each
 * thread, dropping the lock around the creation. Its state is set before
 * the list is checked, so a request queued in between still wakes it.
 */
int kthreadd(void *unused)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (list_empty(&kthread_create_list))
			schedule();
		__set_current_state(TASK_RUNNING);
		trace_kthreadd_wake();

		spin_lock(&kthread_create_lock);
		while (!list_empty(&kthread_create_list)) {
			struct kthread_create_info *create;

			create = list_first_entry(&kthread_create_list,
						  struct kthread_create_info, list);
			list_del_init(&create->list);
			spin_unlock(&kthread_create_lock);
			create_kthread(create);
			spin_lock(&kthread_create_lock);
		}
		spin_unlock(&kthread_create_lock);
	}
	return 0;
}

static struct task_struct *__kthread_create_on_node(int (*threadfn)(void *data),
						    void *data, const char namefmt[],
						    va_list args)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct kthread_create_info *create = kmalloc(sizeof(*create), GFP_KERNEL);
	struct task_struct *task;

	if (!create)
		return ERR_PTR(-ENOMEM);
	create->threadfn = threadfn;
	create->data = data;
	create->done = &done;
	vscnprintf(create->name, sizeof(create->name), namefmt, args);

	spin_lock(&kthread_create_lock);
	list_add_tail(&create->list, &kthread_create_list);
	spin_unlock(&kthread_create_lock);
	trace_kthread_queue(create->name);
	wake_up_process(kthreadd_task);

	/* Killable in Linux; without signals the wait always completes. */
	wait_for_completion_killable(&done);
	task = create->result;
	kfree(create);
	return task;
}

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data,
					   int node, const char namefmt[], ...)
{
	struct task_struct *task;
	va_list args;

	va_start(args, namefmt);
	task = __kthread_create_on_node(threadfn, data, namefmt, args);
	va_end(args);
	return task;
}

/* Waits until @p sleeps off its CPU in @state, then sets its CPUs
 * (Linux's __kthread_bind_mask()). */
static void __kthread_bind_mask(struct task_struct *p, unsigned long mask,
				unsigned int state)
{
	wait_task_inactive(p, state);
	do_set_cpus_allowed(p, mask);
	p->flags |= PF_NO_SETAFFINITY;
}

/**
 * kthread_bind - pin a kthread to one CPU, before it first runs
 * @k: a thread from kthread_create(), not yet woken
 * @cpu: the CPU
 */
void kthread_bind(struct task_struct *k, unsigned int cpu)
{
	if (WARN_ON(cpu >= NR_CPUS))
		return;
	__kthread_bind_mask(k, 1UL << cpu, TASK_UNINTERRUPTIBLE);
}

void kthread_bind_mask(struct task_struct *k, unsigned long mask)
{
	__kthread_bind_mask(k, mask, TASK_UNINTERRUPTIBLE);
}

/**
 * kthread_create_on_cpu - create a per-CPU kthread, bound, not woken
 * @threadfn: its function
 * @data: its argument
 * @cpu: the CPU, also formatted into the name ("ksoftirqd/%u")
 * @namefmt: the name, with one %u for the CPU
 */
struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt)
{
	struct task_struct *p = kthread_create(threadfn, data, namefmt, cpu);

	if (IS_ERR(p))
		return p;
	kthread_bind(p, cpu);
	to_kthread(p)->cpu = cpu;
	set_kbit(to_kthread(p), KTHREAD_IS_PER_CPU);
	return p;
}

/**
 * kthread_unpark - let a parked thread go on
 * @k: the thread; a per-CPU thread is bound to its CPU again first
 */
void kthread_unpark(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	if (!test_kbit(kt, KTHREAD_SHOULD_PARK))
		return;
	if (test_kbit(kt, KTHREAD_IS_PER_CPU))
		__kthread_bind_mask(k, 1UL << kt->cpu, TASK_PARKED);
	clear_kbit(kt, KTHREAD_SHOULD_PARK);
	wake_up_state(k, TASK_PARKED);
}

/**
 * kthread_park - ask a thread to park, and wait until it has
 * @k: the thread; it must call kthread_parkme() when
 *     kthread_should_park() says so (a thread not yet started parks
 *     before its function runs)
 *
 * Return: 0; -ENOSYS if @k is exiting; -EBUSY if it is parked already.
 */
int kthread_park(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	if (WARN_ON(k->flags & PF_EXITING))
		return -ENOSYS;
	if (WARN_ON_ONCE(test_kbit(kt, KTHREAD_SHOULD_PARK)))
		return -EBUSY;
	set_kbit(kt, KTHREAD_SHOULD_PARK);
	if (k != current) {
		wake_up_process(k);
		wait_for_completion(&kt->parked);
		wait_task_inactive(k, TASK_PARKED);
	}
	return 0;
}

/**
 * kthread_stop - stop a thread and collect its result
 * @k: a thread from kthread_create(); it must not have exited on its own
 *     unless the caller holds a reference (get_task_struct())
 *
 * Sets the stop flag, unparks and wakes @k, and waits for it to exit.
 * Context: process context; sleeps.
 * Return: what the thread function returned, or -EINTR if it was stopped
 * before it ever ran.
 */
int kthread_stop(struct task_struct *k)
{
	struct kthread *kt;
	int ret;

	get_task_struct(k);
	trace_kthread_stop(k);
	kt = to_kthread(k);
	set_kbit(kt, KTHREAD_SHOULD_STOP);
	if (unlikely(test_kbit(kt, KTHREAD_SHOULD_PARK)))
		kthread_unpark(k);
	wake_up_process(k);
	/* A frozen thread in kthread_freezable_should_stop() leaves the
	 * refrigerator for this; one in try_to_freeze() goes back in. */
	wake_up_state(k, TASK_FROZEN);
	wait_for_completion(&kt->exited);
	ret = kt->result;
	trace_kthread_stopped(k, ret);
	put_task_struct(k);
	return ret;
}

/**
 * kthread_use_mm - make @mm the calling kernel thread's address space
 * @mm: an address space the caller holds a user reference on (mmget)
 *
 * Until kthread_unuse_mm(), current->mm is @mm: it is loaded now and at
 * every switch back, and faults on user addresses are resolved in it.
 * Context: a kernel thread with no mm of its own.
 */
void kthread_use_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *active_mm;

	WARN_ON_ONCE(!(tsk->flags & PF_KTHREAD));
	WARN_ON_ONCE(tsk->mm);
	mmgrab(mm);		/* kept as active_mm */
	local_irq_disable();
	active_mm = tsk->active_mm;
	tsk->active_mm = mm;
	tsk->mm = mm;
	switch_mm(active_mm, mm, tsk);
	local_irq_enable();
	if (active_mm)
		mmdrop(active_mm);	/* the lazy reference it replaced */
}

/**
 * kthread_unuse_mm - stop using @mm (from kthread_use_mm())
 * @mm: the address space
 *
 * @mm stays loaded as the lazy active_mm until the next switch to a task
 * with an address space of its own, as in Linux.
 */
void kthread_unuse_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;

	WARN_ON_ONCE(tsk->mm != mm);
	local_irq_disable();
	tsk->mm = NULL;		/* active_mm keeps the reference from use */
	local_irq_enable();
}
