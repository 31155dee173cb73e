/*
 * The CPU hotplug state machine, after Linux's kernel/cpu.c: a table of
 * states (include/linux/cpuhotplug.h), each with a startup and a teardown
 * callback, and per CPU the state it has reached. The AP states run on
 * the CPU itself, in its cpuhp/N thread (cpuhp_thread_fun()), one state
 * per turn of the smpboot loop; the caller waits on st->done.
 *
 * A CPU coming up (cpu_up(), Linux's _cpu_up()) walks the BP states on
 * the CPU that brings it up: CPUHP_CREATE_THREADS creates its smpboot
 * threads (parked), CPUHP_BRINGUP_CPU starts it (bringup_cpu(): the
 * architecture's INIT-SIPI-SIPI) and waits until it reaches its idle
 * loop (cpuhp_online_idle()); then its own cpuhp/N walks the AP states
 * up to CPUHP_ONLINE.
 *
 * Differs from Linux: no CPU goes offline again. Linux marks the boot CPU
 * CPUHP_ONLINE at once; Spindle walks the boot CPU's AP states in
 * cpuhp/0 at smp_init(), as for each secondary CPU. The teardown side
 * runs only for cpuhp_remove_state().
 * Locking: cpuhp_state_mutex guards the step table and serializes the
 * requests to the cpuhp threads and cpu_up().
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
#include <spindle/arch.h>
#include <spindle/task.h>

unsigned long __cpu_online_mask = 1;	/* the boot CPU */
unsigned int __num_online_cpus = 1;

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
};

static int bringup_cpu(unsigned int cpu);

static struct cpuhp_step cpuhp_hp_states[CPUHP_ONLINE + 1] = {
	[CPUHP_OFFLINE] = { .name = "offline" },
	[CPUHP_CREATE_THREADS] = { .name = "threads:prepare",
				   .startup = smpboot_create_threads },
	[CPUHP_WORKQUEUE_PREP] = { .name = "workqueue:prepare",
				   .startup = workqueue_prepare_cpu },
	[CPUHP_BRINGUP_CPU] = { .name = "cpu:bringup", .startup = bringup_cpu },
	[CPUHP_AP_ONLINE_IDLE] = { .name = "ap:online-idle" },
	[CPUHP_AP_SMPBOOT_THREADS] = { .name = "smpboot/threads:online",
				       .startup = smpboot_unpark_threads,
				       .teardown = smpboot_park_threads },
	[CPUHP_AP_WORKQUEUE_ONLINE] = { .name = "workqueue:online",
					.startup = workqueue_online_cpu },
	[CPUHP_AP_WATCHDOG_ONLINE] = { .name = "lockup_detector:online",
				       .startup = lockup_detector_online_cpu,
				       .teardown = lockup_detector_offline_cpu },
	[CPUHP_AP_ACTIVE] = { .name = "sched:active" },
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

/* The idle tasks of the other CPUs, made once (Linux's idle_threads_init()). */
static struct task_struct *idle_threads[NR_CPUS];

static struct task_struct *idle_thread_get(unsigned int cpu)
{
	if (!idle_threads[cpu])
		idle_threads[cpu] = fork_idle(cpu);
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
	struct task_struct *idle = idle_thread_get(cpu);
	int ret;

	if (IS_ERR(idle))
		return PTR_ERR(idle);
	ret = arch_cpu_up(cpu, idle);
	if (ret) {
		pr_err("smp: CPU %u did not start\n", cpu);
		return ret;
	}
	wait_for_completion(&st->done_up);
	idle_task_attach(idle);
	stop_machine_unpark(cpu);
	kthread_unpark(st->thread);
	return 0;
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

	if (cpu >= NR_CPUS || cpu_online(cpu))
		return -EINVAL;
	mutex_lock(&cpuhp_state_mutex);
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
out:
	mutex_unlock(&cpuhp_state_mutex);
	return ret;
}
