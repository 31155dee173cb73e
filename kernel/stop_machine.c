/*
 * The CPU stopper, after Linux's kernel/stop_machine.c: one thread per
 * CPU, migration/N, in the stop scheduling class (kernel/sched/stop_task.c
 * picks rq->stop before any other task). Work queued with stop_one_cpu()
 * or stop_one_cpu_nowait() runs there, with preemption off, ahead of
 * everything else on that CPU; stop_machine() runs a function while every
 * online CPU sits in its stopper with interrupts off.
 *
 * Used by: the soft-lockup watchdog (kernel/watchdog.c), whose timer
 * queues a touch of the CPU's timestamp here: if the stopper cannot run,
 * nothing else could either; and set_cpus_allowed_ptr(), which moves a
 * running task off a CPU it may no longer use from that CPU's stopper
 * (migration_cpu_stop() in kernel/sched/core.c), as in Linux.
 * Locking: stopper->lock (irqsave) guards the works list and enabled.
 */
#include <linux/stop_machine.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smpboot.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/spinlock.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/cpu.h>
#include <linux/mutex.h>
#include <asm/irqflags.h>
#include <spindle/sched.h>

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

/* Waited for by the queuer: how many stop functions are left, and the
 * first non-zero result. */
struct cpu_stop_done {
	int nr_todo;
	int ret;
	struct completion completion;
};

struct cpu_stopper {
	raw_spinlock_t lock;
	bool enabled;			/* false: queueing fails (-ENOENT) */
	struct list_head works;
	cpu_stop_fn_t fn;		/* running now, for reports */
	unsigned long caller;
};

static struct cpu_stopper cpu_stopper[NR_CPUS];
/* One stop_machine() at a time: two queueing their works in different
 * orders on two CPUs would each wait for the other (Linux's
 * stop_cpus_mutex). */
static DEFINE_MUTEX(stop_cpus_mutex);
static struct task_struct *cpu_stopper_thread_of[NR_CPUS];
static bool stop_machine_initialized;

static void cpu_stop_init_done(struct cpu_stop_done *done, unsigned int nr_todo)
{
	done->nr_todo = nr_todo;
	done->ret = 0;
	init_completion(&done->completion);
}

static void cpu_stop_signal_done(struct cpu_stop_done *done)
{
	if (__atomic_sub_fetch(&done->nr_todo, 1, __ATOMIC_ACQ_REL) == 0)
		complete(&done->completion);
}

/*
 * Queues @work on @cpu's stopper and wakes it (Linux's
 * cpu_stop_queue_work()). A disabled stopper (CPU not up) takes nothing:
 * the work counts as done at once.
 * Context: any, interrupts included.
 * Return: true if queued.
 */
static bool cpu_stop_queue_work(unsigned int cpu, struct cpu_stop_work *work)
{
	struct cpu_stopper *stopper = &cpu_stopper[cpu];
	unsigned long flags;
	bool enabled;

	raw_spin_lock_irqsave(&stopper->lock, flags);
	enabled = stopper->enabled;
	if (enabled)
		list_add_tail(&work->list, &stopper->works);
	else if (work->done)
		cpu_stop_signal_done(work->done);
	raw_spin_unlock_irqrestore(&stopper->lock, flags);
	if (enabled)
		wake_up_process(cpu_stopper_thread_of[cpu]);
	return enabled;
}

/**
 * stop_one_cpu - run @fn(@arg) in @cpu's stopper and wait for it
 * @cpu: the CPU
 * @fn: the function; runs with preemption off, must not sleep
 * @arg: its argument
 *
 * On the caller's own CPU the stopper preempts the caller at once.
 * Context: process context; sleeps.
 * Return: what @fn returned, or -ENOENT if @cpu's stopper is not enabled.
 */
int stop_one_cpu(unsigned int cpu, cpu_stop_fn_t fn, void *arg)
{
	struct cpu_stop_done done;
	struct cpu_stop_work work = { .fn = fn, .arg = arg, .done = &done,
				      .caller = _RET_IP_ };

	cpu_stop_init_done(&done, 1);
	if (!cpu_stop_queue_work(cpu, &work))
		return -ENOENT;
	/* Our own CPU: let the stopper run now rather than sleep and wake. */
	cond_resched();
	wait_for_completion(&done.completion);
	return done.ret;
}

/**
 * stop_one_cpu_nowait - queue @fn(@arg) for @cpu's stopper, do not wait
 * @cpu: the CPU
 * @fn: the function; runs with preemption off, must not sleep
 * @arg: its argument
 * @work_buf: the request, owned by the caller; it must stay valid until
 *	@fn has run (the watchdog keeps one per CPU)
 *
 * Context: any, interrupts and softirqs included.
 * Return: true if queued, false if the stopper is not enabled.
 */
bool stop_one_cpu_nowait(unsigned int cpu, cpu_stop_fn_t fn, void *arg,
			 struct cpu_stop_work *work_buf)
{
	*work_buf = (struct cpu_stop_work){ .fn = fn, .arg = arg,
					    .caller = _RET_IP_ };
	return cpu_stop_queue_work(cpu, work_buf);
}

/* The stop-class thread has work queued (smpboot's thread_should_run). */
static int cpu_stop_should_run(unsigned int cpu)
{
	struct cpu_stopper *stopper = &cpu_stopper[cpu];
	unsigned long flags;
	int run;

	raw_spin_lock_irqsave(&stopper->lock, flags);
	run = !list_empty(&stopper->works);
	raw_spin_unlock_irqrestore(&stopper->lock, flags);
	return run;
}

static struct cpu_stop_work *cpu_stop_dequeue(struct cpu_stopper *stopper)
{
	struct cpu_stop_work *work = NULL;

	raw_spin_lock_irq(&stopper->lock);
	if (!list_empty(&stopper->works)) {
		work = list_first_entry(&stopper->works, struct cpu_stop_work, list);
		list_del_init(&work->list);
	}
	raw_spin_unlock_irq(&stopper->lock);
	return work;
}

/* Runs the queued works in order (Linux's cpu_stopper_thread()). Stop
 * functions must not sleep: the preempt count makes in_atomic() true. */
static void cpu_stopper_thread(unsigned int cpu)
{
	struct cpu_stopper *stopper = &cpu_stopper[cpu];
	struct cpu_stop_work *work;

	while ((work = cpu_stop_dequeue(stopper))) {
		cpu_stop_fn_t fn = work->fn;
		struct cpu_stop_done *done = work->done;
		void *arg = work->arg;
		int ret;

		stopper->caller = work->caller;
		stopper->fn = fn;
		preempt_disable();
		ret = fn(arg);
		if (done) {
			if (ret)
				done->ret = ret;
			cpu_stop_signal_done(done);
		}
		preempt_enable_no_resched();
		stopper->fn = NULL;
		stopper->caller = 0;
		WARN_ON_ONCE(preempt_count());
	}
}

/* The thread exists, parked: make it the CPU's stop-class task. */
static void cpu_stop_create(unsigned int cpu)
{
	sched_set_stop_task(cpu, cpu_stopper_thread_of[cpu]);
}

static void cpu_stop_park(unsigned int cpu)
{
	WARN_ON(!list_empty(&cpu_stopper[cpu].works));
}

/* @cpu's stopper may take work; its thread runs (Linux's
 * stop_machine_unpark(); the thread is selfparking: smpboot leaves the
 * unpark to us). */
void stop_machine_unpark(unsigned int cpu)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&cpu_stopper[cpu].lock, flags);
	cpu_stopper[cpu].enabled = true;
	raw_spin_unlock_irqrestore(&cpu_stopper[cpu].lock, flags);
	kthread_unpark(cpu_stopper_thread_of[cpu]);
}

/**
 * stop_machine_park - @cpu's stopper takes no more work and parks
 * @cpu: the dying CPU
 *
 * Called by take_cpu_down() from the stopper itself (kthread_park() of
 * current only sets the flag): it parks once the running stop function
 * returns (Linux's stop_machine_park()). Context: @cpu's stopper.
 */
void stop_machine_park(int cpu)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&cpu_stopper[cpu].lock, flags);
	cpu_stopper[cpu].enabled = false;
	raw_spin_unlock_irqrestore(&cpu_stopper[cpu].lock, flags);
	kthread_park(cpu_stopper_thread_of[cpu]);
}

static struct smp_hotplug_thread cpu_stop_threads = {
	.store = cpu_stopper_thread_of,
	.thread_should_run = cpu_stop_should_run,
	.thread_fn = cpu_stopper_thread,
	.thread_comm = "migration/%u",
	.create = cpu_stop_create,
	.park = cpu_stop_park,
	.selfparking = true,
};

/* An early initcall, as in Linux: migration/0 exists before smp_init(). */
static int __init cpu_stop_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		raw_spin_lock_init(&cpu_stopper[cpu].lock);
		INIT_LIST_HEAD(&cpu_stopper[cpu].works);
	}
	BUG_ON(smpboot_register_percpu_thread(&cpu_stop_threads));
	stop_machine_unpark(smp_processor_id());
	stop_machine_initialized = true;
	return 0;
}
early_initcall(cpu_stop_init);

cpu_stop_fn_t cpu_stopper_running_fn(unsigned int cpu)
{
	return READ_ONCE(cpu_stopper[cpu].fn);
}

struct task_struct *cpu_stopper_task(unsigned int cpu)
{
	return cpu_stopper_thread_of[cpu];
}

/* stop_machine(): every stopper steps through these states together. */
enum multi_stop_state {
	MULTI_STOP_NONE,
	MULTI_STOP_PREPARE,	/* all CPUs in their stoppers */
	MULTI_STOP_DISABLE_IRQ,	/* all with interrupts off */
	MULTI_STOP_RUN,		/* the active CPUs run fn */
	MULTI_STOP_EXIT,
};

struct multi_stop_data {
	cpu_stop_fn_t fn;
	void *data;
	unsigned int num_threads;
	const unsigned long *active_cpus;	/* NULL: the first online CPU */
	enum multi_stop_state state;
	int thread_ack;
};

static void set_state(struct multi_stop_data *msdata, enum multi_stop_state newstate)
{
	WRITE_ONCE(msdata->thread_ack, msdata->num_threads);
	__atomic_store_n(&msdata->state, newstate, __ATOMIC_RELEASE);
}

/* The last CPU to acknowledge a state moves everyone to the next. */
static void ack_state(struct multi_stop_data *msdata)
{
	if (__atomic_sub_fetch(&msdata->thread_ack, 1, __ATOMIC_ACQ_REL) == 0)
		set_state(msdata, msdata->state + 1);
}

static bool multi_stop_is_active(const struct multi_stop_data *msdata, int cpu)
{
	unsigned int first = 0;

	if (msdata->active_cpus)
		return *msdata->active_cpus & (1UL << cpu);
	for_each_online_cpu(first)
		break;
	return cpu == (int)first;
}

/* Each online CPU's stop function under stop_machine() (Linux's
 * multi_cpu_stop()): follow the states in lockstep; the active CPUs run
 * fn while every CPU has interrupts off. */
static int multi_cpu_stop(void *data)
{
	struct multi_stop_data *msdata = data;
	enum multi_stop_state newstate, curstate = MULTI_STOP_NONE;
	bool is_active = multi_stop_is_active(msdata, smp_processor_id());
	unsigned long flags;
	int err = 0;

	/* Interrupts stay on until DISABLE_IRQ: a CPU still on its way here
	 * may be waiting for this one to answer a function-call IPI. But no
	 * softirq runs on an interrupt's way out meanwhile: one could wait
	 * for the other CPUs itself (an RCU callback's vfree() shoots TLBs
	 * down), and those may be spinning here with interrupts off already. */
	flags = arch_local_save_flags();
	local_bh_disable();
	do {
		cpu_relax();
		newstate = __atomic_load_n(&msdata->state, __ATOMIC_ACQUIRE);
		if (newstate == curstate)
			continue;
		curstate = newstate;
		if (curstate == MULTI_STOP_DISABLE_IRQ)
			local_irq_disable();
		else if (curstate == MULTI_STOP_RUN && is_active)
			err = msdata->fn(msdata->data);
		ack_state(msdata);
	} while (curstate != MULTI_STOP_EXIT);
	local_irq_restore(flags);
	local_bh_enable();
	return err;
}

/**
 * stop_machine_cpuslocked - stop_machine() for a caller that keeps CPUs
 * from coming or going (cpu_down() itself)
 * @fn: the function; runs with interrupts off on the active CPU(s)
 * @data: its argument
 * @cpus: the CPUs that run @fn (a mask), or NULL for the first online one
 *
 * The online CPUs are read once: a CPU that comes up meanwhile is not
 * stopped (it runs nothing @fn could disturb yet).
 * Context: process context; sleeps.
 * Return: @fn's result (the first non-zero one).
 */
int stop_machine_cpuslocked(cpu_stop_fn_t fn, void *data, const unsigned long *cpus)
{
	struct multi_stop_data msdata = { .fn = fn, .data = data,
					  .active_cpus = cpus };
	struct cpu_stop_work works[NR_CPUS];
	struct cpu_stop_done done;
	unsigned long online;
	unsigned int cpu, n = 0;

	if (!stop_machine_initialized) {
		unsigned long flags;
		int ret;

		local_irq_save(flags);
		ret = fn(data);
		local_irq_restore(flags);
		return ret;
	}
	mutex_lock(&stop_cpus_mutex);
	online = READ_ONCE(__cpu_online_mask);
	for_each_cpu(cpu, &online)
		n++;
	msdata.num_threads = n;
	set_state(&msdata, MULTI_STOP_PREPARE);
	cpu_stop_init_done(&done, n);
	/* Queued with preemption off: no stopper starts before all are
	 * queued, so none waits for a CPU that was never asked. */
	preempt_disable();
	for_each_cpu(cpu, &online) {
		works[cpu] = (struct cpu_stop_work){ .fn = multi_cpu_stop,
						     .arg = &msdata, .done = &done,
						     .caller = _RET_IP_ };
		cpu_stop_queue_work(cpu, &works[cpu]);
	}
	preempt_enable();
	wait_for_completion(&done.completion);
	mutex_unlock(&stop_cpus_mutex);
	return done.ret;
}

/**
 * stop_machine - run @fn while every online CPU is stopped
 * @fn: the function; runs with interrupts off on the active CPU(s)
 * @data: its argument
 * @cpus: the CPUs that run @fn (a mask), or NULL for the first online one
 *
 * Every online CPU's stopper takes the CPU (the stop class preempts all
 * tasks), then all turn interrupts off, then @fn runs. With one CPU this
 * is "run @fn in migration/0 with interrupts off", which is what Linux
 * does on a uniprocessor too. Before the stoppers exist (early boot) @fn
 * runs in place with interrupts off, as in Linux. CPUs do not come or go
 * meanwhile (cpus_read_lock()).
 * Context: process context; sleeps.
 * Return: @fn's result (the first non-zero one).
 */
int stop_machine(cpu_stop_fn_t fn, void *data, const unsigned long *cpus)
{
	int ret;

	cpus_read_lock();
	ret = stop_machine_cpuslocked(fn, data, cpus);
	cpus_read_unlock();
	return ret;
}
