/*
 * The CPU hotplug state machine, after Linux's kernel/cpu.c: a table of
 * states (include/linux/cpuhotplug.h), each with a startup and a teardown
 * callback, and per CPU the state it has reached.
 *
 * A CPU coming up (cpu_up(), Linux's _cpu_up()) walks the BP states on
 * the CPU that brings it up: CPUHP_CREATE_THREADS creates its smpboot
 * threads (parked), CPUHP_BRINGUP_CPU starts it (bringup_cpu(): the
 * architecture's INIT-SIPI-SIPI) and waits until it reaches its idle
 * loop; on the way the new CPU runs the "starting" states itself with
 * interrupts off (notify_cpu_starting(), from cpuhp_online_idle()); then
 * its own cpuhp/N walks the AP states up to CPUHP_ONLINE, one state per
 * turn of the smpboot loop (cpuhp_thread_fun()); the caller waits on
 * st->done.
 *
 * A CPU going down (cpu_down(), Linux's _cpu_down()) walks the same
 * states in reverse: cpuhp/N runs the AP teardowns on the CPU itself
 * (the scheduler stops placing tasks there, the watchdog is disarmed, the
 * workqueue pools become unbound, the smpboot threads park), then
 * CPUHP_TEARDOWN_CPU (takedown_cpu(), on the caller's CPU) parks cpuhp/N
 * and runs take_cpu_down() on the dying CPU under stop_machine(): the CPU
 * leaves cpu_online_mask and runs the "dying" teardowns with interrupts
 * off (its tasks move away, its queued IPI calls run), and its stopper
 * parks. Its idle loop then finds it offline, reports (RCU stops waiting
 * for it) and calls the architecture's play_dead(). The BP teardowns run
 * last, on the caller's CPU: the dead CPU's RCU callbacks, timers and
 * pending softirqs are taken over. See docs/cpu-hotplug.md.
 *
 * Differs from Linux: Linux marks the boot CPU CPUHP_ONLINE at once;
 * Spindle walks the boot CPU's AP states in cpuhp/0 at smp_init(), as for
 * each secondary CPU. cpu_hotplug_lock is a mutex, not a per-CPU rwsem.
 * A failing AP teardown brings the CPU back up (Linux rolls back the same
 * way); a failing BP startup leaves the CPU where it got.
 * Locking: cpu_hotplug_lock (outer) keeps CPUs from coming or going;
 * cpuhp_state_mutex guards the step table and serializes the requests to
 * the cpuhp threads.
 */
#include <linux/cpu.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smpboot.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/mutex.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/nmi.h>
#include <linux/err.h>
#include <linux/stop_machine.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include <linux/smp.h>
#include <linux/interrupt.h>
#include <linux/sched/mm.h>
#include <spindle/arch.h>
#include <spindle/task.h>

unsigned long __cpu_online_mask = 1;	/* the boot CPU */
unsigned int __num_online_cpus = 1;
unsigned long __cpu_active_mask = 1;

static DEFINE_MUTEX(cpu_hotplug_lock);
static unsigned long nr_cpu_offlines, nr_cpu_onlines;

/**
 * cpus_read_lock - keep CPUs from coming or going
 *
 * Linux's cpu_hotplug_lock is a per-CPU rwsem taken for reading by many;
 * here it is a mutex, which is enough for the few users (registration of
 * per-CPU threads, tests) and keeps the order simple: it is taken before
 * cpuhp_state_mutex.
 * Context: process context; sleeps.
 */
void cpus_read_lock(void)
{
	mutex_lock(&cpu_hotplug_lock);
}

void cpus_read_unlock(void)
{
	mutex_unlock(&cpu_hotplug_lock);
}

/* Marks @cpu as a CPU the scheduler may place tasks on (Linux's
 * set_cpu_active()). */
void set_cpu_active(unsigned int cpu, bool active)
{
	if (active)
		__atomic_fetch_or(&__cpu_active_mask, 1UL << cpu, __ATOMIC_SEQ_CST);
	else
		__atomic_fetch_and(&__cpu_active_mask, ~(1UL << cpu), __ATOMIC_SEQ_CST);
}

/* Marks @cpu online or not (Linux's set_cpu_online()). */
void set_cpu_online(unsigned int cpu, bool online)
{
	unsigned long old;

	if (online)
		old = __atomic_fetch_or(&__cpu_online_mask, 1UL << cpu, __ATOMIC_SEQ_CST);
	else
		old = __atomic_fetch_and(&__cpu_online_mask, ~(1UL << cpu), __ATOMIC_SEQ_CST);
	if (online && !(old & (1UL << cpu)))
		__atomic_add_fetch(&__num_online_cpus, 1, __ATOMIC_SEQ_CST);
	else if (!online && (old & (1UL << cpu)))
		__atomic_sub_fetch(&__num_online_cpus, 1, __ATOMIC_SEQ_CST);
}

struct cpuhp_step {
	const char *name;
	int (*startup)(unsigned int cpu);
	int (*teardown)(unsigned int cpu);
};

/* Per CPU (Linux's struct cpuhp_cpu_state, the parts used here). */
struct cpuhp_cpu_state {
	enum cpuhp_state state;		/* reached */
	enum cpuhp_state target;	/* to walk to */
	struct task_struct *thread;	/* cpuhp/N (smpboot's store) */
	bool should_run;
	bool bringup;			/* walking up (startup) or down */
	bool single;			/* one callback, not a walk */
	enum cpuhp_state cb_state;	/* that callback's state */
	int result;
	struct completion done;
	struct completion done_up;	/* the CPU reached its idle loop */
	struct completion done_down;	/* it left it for play_dead() */
};

static int bringup_cpu(unsigned int cpu);
static int finish_cpu(unsigned int cpu);
static int takedown_cpu(unsigned int cpu);

/* Linux's names; the callbacks of each subsystem are in its own file. */
static struct cpuhp_step cpuhp_hp_states[CPUHP_ONLINE + 1] = {
	[CPUHP_OFFLINE] = { .name = "offline" },
	[CPUHP_CREATE_THREADS] = { .name = "threads:prepare",
				   .startup = smpboot_create_threads },
	[CPUHP_RCUTREE_PREP] = { .name = "RCU/tree:prepare",
				 .startup = rcutree_prepare_cpu,
				 .teardown = rcutree_dead_cpu },
	[CPUHP_TIMERS_PREPARE] = { .name = "timers:prepare",
				   .startup = timers_prepare_cpu,
				   .teardown = timers_dead_cpu },
	[CPUHP_SOFTIRQ_DEAD] = { .name = "softirq:dead", .teardown = softirq_dead_cpu },
	[CPUHP_WORKQUEUE_PREP] = { .name = "workqueue:prepare",
				   .startup = workqueue_prepare_cpu },
	[CPUHP_BRINGUP_CPU] = { .name = "cpu:bringup", .startup = bringup_cpu,
				.teardown = finish_cpu },
	[CPUHP_AP_IDLE_DEAD] = { .name = "idle:dead" },
	[CPUHP_AP_OFFLINE] = { .name = "ap:offline" },
	[CPUHP_AP_SCHED_STARTING] = { .name = "sched:starting",
				      .startup = sched_cpu_starting,
				      .teardown = sched_cpu_dying },
	[CPUHP_AP_RCUTREE_DYING] = { .name = "RCU/tree:dying",
				     .teardown = rcutree_dying_cpu },
	[CPUHP_AP_SMPCFD_DYING] = { .name = "smpcfd:dying", .teardown = smpcfd_dying_cpu },
	[CPUHP_AP_ONLINE] = { .name = "ap:online" },
	[CPUHP_TEARDOWN_CPU] = { .name = "cpu:teardown", .teardown = takedown_cpu },
	[CPUHP_AP_ONLINE_IDLE] = { .name = "ap:online-idle" },
	[CPUHP_AP_SMPBOOT_THREADS] = { .name = "smpboot/threads:online",
				       .startup = smpboot_unpark_threads,
				       .teardown = smpboot_park_threads },
	[CPUHP_AP_WORKQUEUE_ONLINE] = { .name = "workqueue:online",
					.startup = workqueue_online_cpu,
					.teardown = workqueue_offline_cpu },
	[CPUHP_AP_RCUTREE_ONLINE] = { .name = "RCU/tree:online",
				      .startup = rcutree_online_cpu,
				      .teardown = rcutree_offline_cpu },
	[CPUHP_AP_WATCHDOG_ONLINE] = { .name = "lockup_detector:online",
				       .startup = lockup_detector_online_cpu,
				       .teardown = lockup_detector_offline_cpu },
	[CPUHP_AP_ACTIVE] = { .name = "sched:active",
			      .startup = sched_cpu_activate,
			      .teardown = sched_cpu_deactivate },
	[CPUHP_ONLINE] = { .name = "online" },
};

static struct cpuhp_cpu_state cpuhp_state[NR_CPUS];
static struct task_struct *cpuhp_threads_of[NR_CPUS];
static DEFINE_MUTEX(cpuhp_state_mutex);

static int cpuhp_invoke_callback(unsigned int cpu, enum cpuhp_state state, bool bringup)
{
	struct cpuhp_step *step = &cpuhp_hp_states[state];
	int (*cb)(unsigned int cpu) = bringup ? step->startup : step->teardown;

	return cb ? cb(cpu) : 0;
}

/* The next state of a walk toward st->target, or false at the target. */
static bool cpuhp_next_state(struct cpuhp_cpu_state *st, enum cpuhp_state *state)
{
	if (st->bringup) {
		if (st->state >= st->target)
			return false;
		*state = ++st->state;
	} else {
		if (st->state <= st->target)
			return false;
		*state = st->state--;
	}
	return true;
}

static int cpuhp_should_run(unsigned int cpu)
{
	return READ_ONCE(cpuhp_state[cpu].should_run);
}

/*
 * cpuhp_thread_fun - one step of @cpu's hotplug work, in cpuhp/@cpu
 *
 * Mirrors cpuhp_thread_fun() in Linux's kernel/cpu.c: either the single
 * callback asked for by cpuhp_invoke_ap_callback(), or the next state of
 * a walk; a failing startup ends the walk there. The waiter is told when
 * nothing is left to do.
 */
static void cpuhp_thread_fun(unsigned int cpu)
{
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];
	enum cpuhp_state state;

	if (WARN_ON_ONCE(!st->should_run))
		return;
	if (st->single) {
		state = st->cb_state;
		st->should_run = false;
	} else {
		st->should_run = cpuhp_next_state(st, &state);
		if (!st->should_run)
			goto end;
	}
	st->result = cpuhp_invoke_callback(cpu, state, st->bringup);
	if (st->result) {
		pr_warn("cpuhp: %s %s failed on CPU %u: %d\n", cpuhp_hp_states[state].name,
			st->bringup ? "startup" : "teardown", cpu, st->result);
		if (!st->single && st->bringup)
			st->state--;	/* not reached */
		else if (!st->single)
			st->state++;	/* not left */
		st->should_run = false;
	}
end:
	if (!st->should_run)
		complete(&st->done);
}

/* Hands the request in @st to cpuhp/N and waits (Linux's __cpuhp_kick_ap()). */
static int cpuhp_kick_ap(struct cpuhp_cpu_state *st)
{
	st->result = 0;
	reinit_completion(&st->done);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	WRITE_ONCE(st->should_run, true);
	wake_up_process(st->thread);
	wait_for_completion(&st->done);
	return st->result;
}

/* Runs one AP state's callback on @cpu, in its cpuhp thread when there is
 * one (Linux's cpuhp_invoke_ap_callback()). Caller holds cpuhp_state_mutex. */
static int cpuhp_issue_call(unsigned int cpu, enum cpuhp_state state, bool bringup)
{
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];

	if (!st->thread || state < CPUHP_AP_ONLINE_IDLE)
		return cpuhp_invoke_callback(cpu, state, bringup);
	st->single = true;
	st->bringup = bringup;
	st->cb_state = state;
	return cpuhp_kick_ap(st);
}

/* A free dynamic state, or -ENOSPC. Caller holds cpuhp_state_mutex. */
static int cpuhp_reserve_state(void)
{
	for (int i = CPUHP_AP_ONLINE_DYN; i < CPUHP_AP_ONLINE_DYN_END; i++)
		if (!cpuhp_hp_states[i].name)
			return i;
	WARN(1, "No more dynamic states available for CPU hotplug\n");
	return -ENOSPC;
}

static void cpuhp_store_callbacks(enum cpuhp_state state, const char *name,
				  int (*startup)(unsigned int cpu),
				  int (*teardown)(unsigned int cpu))
{
	cpuhp_hp_states[state] = (struct cpuhp_step){ .name = name,
						      .startup = startup,
						      .teardown = teardown };
}

/* Undoes a failed setup: teardown on the CPUs whose startup succeeded. */
static void cpuhp_rollback_install(unsigned int failedcpu, enum cpuhp_state state)
{
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		if (cpu == failedcpu)
			break;
		if (cpuhp_state[cpu].state >= state)
			cpuhp_issue_call(cpu, state, false);
	}
}

/**
 * __cpuhp_setup_state - install a state's callbacks (Linux's signature)
 * @state: the state, or CPUHP_AP_ONLINE_DYN for a free dynamic one
 * @name: its name (required)
 * @invoke: call @startup now for the CPUs that have reached @state
 * @startup: may be NULL
 * @teardown: may be NULL
 * @multi_instance: not supported (Spindle has no instance lists)
 *
 * Context: process context; sleeps.
 * Return: the dynamic state number, 0, or a negative errno.
 */
int __cpuhp_setup_state(enum cpuhp_state state, const char *name, bool invoke,
			int (*startup)(unsigned int cpu),
			int (*teardown)(unsigned int cpu), bool multi_instance)
{
	bool dynstate = state == CPUHP_AP_ONLINE_DYN;
	unsigned int cpu;
	int ret = 0;

	if (WARN_ON(!name || multi_instance) || state <= CPUHP_OFFLINE ||
	    state >= CPUHP_ONLINE)
		return -EINVAL;
	mutex_lock(&cpuhp_state_mutex);
	if (dynstate) {
		ret = cpuhp_reserve_state();
		if (ret < 0)
			goto out;
		state = ret;
		ret = 0;
	} else if (cpuhp_hp_states[state].name) {
		ret = -EBUSY;
		goto out;
	}
	cpuhp_store_callbacks(state, name, startup, teardown);
	if (!invoke || !startup)
		goto out;
	for_each_online_cpu(cpu) {
		if (cpuhp_state[cpu].state < state)
			continue;
		ret = cpuhp_issue_call(cpu, state, true);
		if (ret) {
			if (teardown)
				cpuhp_rollback_install(cpu, state);
			cpuhp_store_callbacks(state, NULL, NULL, NULL);
			goto out;
		}
	}
out:
	mutex_unlock(&cpuhp_state_mutex);
	if (!ret && dynstate)
		return state;
	return ret;
}

/**
 * __cpuhp_remove_state - call a state's teardown and free the state
 * @state: a state from __cpuhp_setup_state()
 * @invoke: call teardown for the CPUs that have reached @state
 *
 * Context: process context; sleeps.
 */
void __cpuhp_remove_state(enum cpuhp_state state, bool invoke)
{
	unsigned int cpu;

	if (WARN_ON(state <= CPUHP_OFFLINE || state >= CPUHP_ONLINE))
		return;
	mutex_lock(&cpuhp_state_mutex);
	if (invoke && cpuhp_hp_states[state].teardown) {
		for_each_online_cpu(cpu)
			if (cpuhp_state[cpu].state >= state)
				cpuhp_issue_call(cpu, state, false);
	}
	cpuhp_store_callbacks(state, NULL, NULL, NULL);
	mutex_unlock(&cpuhp_state_mutex);
}

static void cpuhp_create(unsigned int cpu)
{
	cpuhp_state[cpu].thread = cpuhp_threads_of[cpu];
}

static struct smp_hotplug_thread cpuhp_threads = {
	.store = cpuhp_threads_of,
	.create = cpuhp_create,
	.thread_should_run = cpuhp_should_run,
	.thread_fn = cpuhp_thread_fun,
	.thread_comm = "cpuhp/%u",
	.selfparking = true,
};

/*
 * cpuhp_threads_init - create cpuhp/N and walk the boot CPU to CPUHP_ONLINE
 *
 * The boot CPU is running its idle loop already (CPUHP_AP_ONLINE_IDLE);
 * cpuhp/0 runs the AP states above it, as for a CPU coming up.
 * Context: kernel_init, from smp_init().
 */
void __init cpuhp_threads_init(void)
{
	unsigned int cpu = smp_processor_id();
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];

	for_each_possible_cpu(cpu) {
		init_completion(&cpuhp_state[cpu].done);
		init_completion(&cpuhp_state[cpu].done_up);
		init_completion(&cpuhp_state[cpu].done_down);
	}
	cpu = smp_processor_id();
	st->state = CPUHP_AP_ONLINE_IDLE;
	BUG_ON(smpboot_register_percpu_thread(&cpuhp_threads));
	kthread_unpark(st->thread);
	mutex_lock(&cpuhp_state_mutex);
	st->single = false;
	st->bringup = true;
	st->target = CPUHP_ONLINE;
	if (cpuhp_kick_ap(st))
		pr_err("cpuhp: CPU %u stopped at state %d\n", cpu, st->state);
	mutex_unlock(&cpuhp_state_mutex);
}

enum cpuhp_state cpuhp_cpu_state(unsigned int cpu)
{
	return READ_ONCE(cpuhp_state[cpu].state);
}

struct task_struct *cpuhp_thread(unsigned int cpu)
{
	return cpuhp_state[cpu].thread;
}

const char *cpuhp_state_name(enum cpuhp_state state)
{
	if (state < CPUHP_OFFLINE || state > CPUHP_ONLINE)
		return NULL;
	return cpuhp_hp_states[state].name;
}

unsigned long cpuhp_nr_offline(void)
{
	return READ_ONCE(nr_cpu_offlines);
}

unsigned long cpuhp_nr_online(void)
{
	return READ_ONCE(nr_cpu_onlines);
}

/* The idle tasks of the other CPUs, made once (Linux's idle_threads_init()). */
static struct task_struct *idle_threads[NR_CPUS];

static struct task_struct *idle_thread_get(unsigned int cpu, bool *fresh)
{
	*fresh = false;
	if (!idle_threads[cpu]) {
		struct task_struct *idle = fork_idle(cpu);

		if (IS_ERR(idle))
			return idle;
		idle_threads[cpu] = idle;
		*fresh = true;
	}
	return idle_threads[cpu];
}

/*
 * CPUHP_BRINGUP_CPU: start @cpu and wait until it runs its idle loop,
 * then let its stopper and hotplug thread go (Linux's bringup_cpu() and
 * bringup_wait_for_ap()). Runs on the CPU calling cpu_up().
 */
static int bringup_cpu(unsigned int cpu)
{
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];
	bool fresh;
	struct task_struct *idle = idle_thread_get(cpu, &fresh);
	int ret;

	if (IS_ERR(idle))
		return PTR_ERR(idle);
	ret = arch_cpu_up(cpu, idle);
	if (ret) {
		pr_err("smp: CPU %u did not start\n", cpu);
		return ret;
	}
	wait_for_completion(&st->done_up);
	/* Once: a CPU that comes back reuses its idle task (Linux too). */
	if (fresh)
		idle_task_attach(idle);
	stop_machine_unpark(cpu);
	kthread_unpark(st->thread);
	return 0;
}

/*
 * The "starting" states, on the CPU coming up, before it is online, with
 * interrupts off (Linux's notify_cpu_starting()): RCU watches it from
 * here, the scheduler readies its run queue.
 */
static void notify_cpu_starting(unsigned int cpu)
{
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];

	rcu_cpu_starting(cpu);
	for (st->state = CPUHP_AP_OFFLINE; st->state < CPUHP_AP_ONLINE;) {
		st->state++;
		WARN_ON(cpuhp_invoke_callback(cpu, st->state, true));
	}
}

/**
 * cpuhp_online_idle - a CPU coming up has reached its idle loop
 * @cpu: this CPU
 *
 * Marks it online and wakes bringup_cpu() (Linux's set_cpu_online() in
 * start_secondary() and cpuhp_online_idle()).
 * Context: start_secondary(), on @cpu, interrupts off.
 */
void cpuhp_online_idle(unsigned int cpu)
{
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];

	notify_cpu_starting(cpu);
	set_cpu_online(cpu, true);
	st->state = CPUHP_AP_ONLINE_IDLE;
	complete(&st->done_up);
}

/**
 * cpu_up - bring @cpu to CPUHP_ONLINE
 * @cpu: a present, offline CPU
 *
 * The BP states run here, the AP states in cpuhp/@cpu on @cpu itself.
 * Context: process context; sleeps.
 * Return: 0, or the failing state's error (the CPU stays where it got).
 */
int cpu_up(unsigned int cpu)
{
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];
	int ret = 0;

	if (cpu >= nr_cpu_ids || cpu >= NR_CPUS)
		return -EINVAL;
	cpus_read_lock();
	mutex_lock(&cpuhp_state_mutex);
	if (cpu_online(cpu)) {
		ret = st->state == CPUHP_ONLINE ? 0 : -EBUSY;
		goto out;
	}
	while (st->state < CPUHP_BRINGUP_CPU) {
		ret = cpuhp_invoke_callback(cpu, st->state + 1, true);
		if (ret)
			goto out;
		st->state++;
	}
	st->state = CPUHP_AP_ONLINE_IDLE;
	st->single = false;
	st->bringup = true;
	st->target = CPUHP_ONLINE;
	ret = cpuhp_kick_ap(st);
	if (ret)
		pr_err("cpuhp: CPU %u stopped at state %d\n", cpu, st->state);
	else
		nr_cpu_onlines++;
out:
	mutex_unlock(&cpuhp_state_mutex);
	cpus_read_unlock();
	return ret;
}

/* ---- taking a CPU down ---- */

/*
 * CPUHP_BRINGUP_CPU teardown, on the BP once the CPU is dead (Linux's
 * finish_cpu()): the idle task may have borrowed a user address space
 * (lazy TLB); drop it, so that the mm is not kept alive by a halted CPU.
 * The next start of the CPU takes init_mm again at its first switch.
 */
static int finish_cpu(unsigned int cpu)
{
	struct task_struct *idle = idle_threads[cpu];
	struct mm_struct *mm = idle ? idle->active_mm : NULL;

	if (mm) {
		idle->active_mm = NULL;
		mmdrop(mm);
	}
	return 0;
}

/*
 * The dying CPU's part, under stop_machine(), interrupts off everywhere
 * (Linux's take_cpu_down()): leave cpu_online_mask (no IPI, no wake-up
 * picks it any more), run the "dying" teardowns from CPUHP_AP_ONLINE down
 * to CPUHP_AP_OFFLINE, and have the stopper park once this returns.
 */
static int take_cpu_down(void *unused)
{
	unsigned int cpu = smp_processor_id();
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];

	set_cpu_online(cpu, false);
	for (st->state = CPUHP_AP_ONLINE; st->state > CPUHP_AP_OFFLINE; st->state--)
		WARN_ON(cpuhp_invoke_callback(cpu, st->state, false));
	stop_machine_park(cpu);
	return 0;
}

/*
 * CPUHP_TEARDOWN_CPU, on the CPU calling cpu_down() (Linux's
 * takedown_cpu()): park cpuhp/N (its work is done), stop the machine to
 * run take_cpu_down() on the dying CPU, wait for its idle loop to report
 * (cpuhp_report_idle_dead()) and for the architecture to see it halted,
 * then take over its RCU callbacks.
 */
static int takedown_cpu(unsigned int cpu)
{
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];
	unsigned long mask = 1UL << cpu;
	int err;

	kthread_park(st->thread);
	reinit_completion(&st->done_down);
	err = stop_machine_cpuslocked(take_cpu_down, NULL, &mask);
	if (err) {
		kthread_unpark(st->thread);
		return err;
	}
	wait_for_completion(&st->done_down);
	WARN_ON(st->state != CPUHP_AP_IDLE_DEAD);
	err = arch_cpu_die(cpu);
	if (err)
		pr_err("CPU %u didn't die...\n", cpu);
	rcutree_migrate_callbacks(cpu);
	return 0;
}

/**
 * cpuhp_report_idle_dead - the idle loop of a CPU that went offline
 *
 * Called by do_idle() on the dead CPU, interrupts off, right before the
 * architecture's play_dead(): RCU stops waiting for this CPU, its
 * pending softirqs are put aside for the BP, and cpu_down() is told
 * (Linux's cpuhp_report_idle_dead()).
 */
void cpuhp_report_idle_dead(void)
{
	unsigned int cpu = smp_processor_id();
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];

	rcu_report_dead(cpu);
	softirq_cpu_dying_stash();
	st->state = CPUHP_AP_IDLE_DEAD;
	complete(&st->done_down);
}

/*
 * Walks @cpu's AP states down to @target in cpuhp/@cpu; if a teardown
 * fails, walks them back up (Linux's cpuhp_reset_state() and rollback).
 * Caller holds cpuhp_state_mutex.
 */
static int cpuhp_down_ap(unsigned int cpu, enum cpuhp_state target)
{
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];
	int ret;

	st->single = false;
	st->bringup = false;
	st->target = target;
	ret = cpuhp_kick_ap(st);
	if (!ret)
		return 0;
	st->bringup = true;
	st->target = CPUHP_ONLINE;
	WARN_ON(cpuhp_kick_ap(st));
	return ret;
}

/**
 * cpu_down - take @cpu offline through the hotplug states
 * @cpu: a CPU other than CPU 0
 *
 * The AP states run in cpuhp/@cpu, CPUHP_TEARDOWN_CPU and the BP states
 * here. CPU 0 cannot go (-EBUSY), as on Linux x86 by default: it ticks
 * jiffies and receives the legacy interrupts. Neither can the last CPU.
 * Context: process context; sleeps. Not from a thread bound to @cpu.
 * Return: 0 (also when @cpu was offline already), -EINVAL for a CPU that
 * does not exist, -EBUSY, or the failing teardown's error (the CPU is
 * then brought back up).
 */
int cpu_down(unsigned int cpu)
{
	struct cpuhp_cpu_state *st = &cpuhp_state[cpu];
	int ret = 0;

	if (cpu >= nr_cpu_ids || cpu >= NR_CPUS)
		return -EINVAL;
	if (cpu == 0)
		return -EBUSY;
	cpus_read_lock();
	mutex_lock(&cpuhp_state_mutex);
	if (!cpu_online(cpu) || st->state == CPUHP_OFFLINE)
		goto out;
	if (num_online_cpus() == 1 || st->state != CPUHP_ONLINE) {
		ret = -EBUSY;
		goto out;
	}
	ret = cpuhp_down_ap(cpu, CPUHP_TEARDOWN_CPU);
	if (ret)
		goto out;
	while (st->state > CPUHP_OFFLINE) {
		enum cpuhp_state state = st->state;

		ret = cpuhp_invoke_callback(cpu, state, false);
		if (ret) {
			pr_err("cpuhp: %s teardown failed on CPU %u: %d\n",
			       cpuhp_hp_states[state].name, cpu, ret);
			goto out;
		}
		if (st->state == state)	/* takedown_cpu() moves it itself */
			st->state--;
	}
	nr_cpu_offlines++;
out:
	mutex_unlock(&cpuhp_state_mutex);
	cpus_read_unlock();
	return ret;
}
