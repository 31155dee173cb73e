/*
 * In-kernel tests of the per-CPU boot threads (docs/percpu-threads.md):
 * smpboot's loop and hooks, the CPU stopper (migration/N), the CPU
 * hotplug states run by cpuhp/N, and ksoftirqd/N taking over a softirq
 * flood. Each case fails when the mechanism it names is broken.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/smpboot.h>
#include <linux/stop_machine.h>
#include <linux/cpu.h>
#include <linux/interrupt.h>
#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <spindle/ktest.h>
#include <asm/irqflags.h>

/* --- smpboot --- */

static struct task_struct *hp_store[NR_CPUS];
static int hp_work, hp_fn_runs, hp_setups, hp_parks, hp_unparks, hp_cleanups;
static struct task_struct *hp_fn_task;
static unsigned int hp_fn_cpu;

static int hp_should_run(unsigned int cpu)
{
	return READ_ONCE(hp_work);
}

static void hp_fn(unsigned int cpu)
{
	WRITE_ONCE(hp_work, 0);
	hp_fn_task = current;
	hp_fn_cpu = cpu;
	WRITE_ONCE(hp_fn_runs, hp_fn_runs + 1);
}

static void hp_setup(unsigned int cpu) { WRITE_ONCE(hp_setups, hp_setups + 1); }
static void hp_park(unsigned int cpu) { WRITE_ONCE(hp_parks, hp_parks + 1); }
static void hp_unpark(unsigned int cpu) { WRITE_ONCE(hp_unparks, hp_unparks + 1); }

static void hp_cleanup(unsigned int cpu, bool online)
{
	WRITE_ONCE(hp_cleanups, hp_cleanups + 1);
}

static struct smp_hotplug_thread hp_thread = {
	.store = hp_store,
	.thread_should_run = hp_should_run,
	.thread_fn = hp_fn,
	.setup = hp_setup,
	.park = hp_park,
	.unpark = hp_unpark,
	.cleanup = hp_cleanup,
	.thread_comm = "ktest_hp/%u",
};

static void give_work(void)
{
	WRITE_ONCE(hp_work, 1);
	wake_up_process(hp_store[0]);
}

static void percpu_thread_runs_fn_when_should_run(struct ktest *t)
{
	int ncpus = num_online_cpus();
	struct task_struct *k;

	hp_work = hp_fn_runs = hp_setups = hp_parks = hp_unparks = hp_cleanups = 0;
	KTEST_ASSERT_EQ(t, smpboot_register_percpu_thread(&hp_thread), 0);
	k = hp_store[0];
	KTEST_ASSERT_NOT_NULL(t, k);
	KTEST_EXPECT_TRUE(t, !strcmp(k->comm, "ktest_hp/0"));
	KTEST_EXPECT_EQ(t, k->real_parent->pid, 2);
	KTEST_EXPECT_EQ(t, k->cpus_mask, 1UL);
	KTEST_EXPECT_TRUE(t, kthread_is_per_cpu(k));
	/* One thread per online CPU, each set up once; the rest of the case
	 * drives CPU 0's. */
	KTEST_EXPECT_TRUE(t, ktest_wait_for(READ_ONCE(hp_setups) == ncpus, 1000));
	msleep(5);
	KTEST_EXPECT_EQ(t, hp_fn_runs, 0);		/* nothing to do yet */
	give_work();
	KTEST_EXPECT_TRUE(t, ktest_wait_for(READ_ONCE(hp_fn_runs) == 1, 1000));
	KTEST_EXPECT_TRUE(t, hp_fn_task == k);
	KTEST_EXPECT_EQ(t, hp_fn_cpu, 0);

	/* Parked, it does no work even when there is some and it is woken. */
	KTEST_EXPECT_EQ(t, kthread_park(k), 0);
	KTEST_EXPECT_EQ(t, hp_parks, 1);
	KTEST_EXPECT_EQ(t, task_state(k), TASK_PARKED);
	give_work();
	msleep(5);
	KTEST_EXPECT_EQ(t, hp_fn_runs, 1);
	kthread_unpark(k);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(READ_ONCE(hp_fn_runs) == 2, 1000));
	KTEST_EXPECT_EQ(t, hp_unparks, 1);
	KTEST_EXPECT_EQ(t, hp_setups, ncpus);

	get_task_struct(k);
	smpboot_unregister_percpu_thread(&hp_thread);
	KTEST_EXPECT_EQ(t, hp_cleanups, ncpus);
	KTEST_EXPECT_NULL(t, hp_store[0]);
	KTEST_EXPECT_TRUE(t, task_state(k) == TASK_DEAD || (k->flags & PF_EXITING));
	put_task_struct(k);
}

/* --- the CPU stopper --- */

static int stop_ran_in_stopper, stop_was_atomic, stop_irqs_off;

static int note_stop_context(void *arg)
{
	stop_ran_in_stopper = current == cpu_stopper_task(smp_processor_id());
	stop_was_atomic = preempt_count() != 0;
	stop_irqs_off = irqs_disabled();
	return (long)arg;
}

static void stop_one_cpu_runs_fn_in_migration_thread(struct ktest *t)
{
	struct task_struct *stopper = cpu_stopper_task(0);

	KTEST_ASSERT_NOT_NULL(t, stopper);
	KTEST_EXPECT_TRUE(t, !strcmp(stopper->comm, "migration/0"));
	KTEST_EXPECT_EQ(t, stopper->real_parent->pid, 2);
	stop_ran_in_stopper = stop_was_atomic = 0;
	KTEST_EXPECT_EQ(t, stop_one_cpu(0, note_stop_context, (void *)7L), 7);
	KTEST_EXPECT_TRUE(t, stop_ran_in_stopper);
	KTEST_EXPECT_TRUE(t, stop_was_atomic);
}

static int stop_flag;
static struct cpu_stop_work fifo_work;
static int fifo_saw_flag = -1;
static struct completion fifo_done;

static int set_stop_flag(void *arg)
{
	WRITE_ONCE(stop_flag, 1);
	return 0;
}

/* A FIFO-99 thread queues stop work: the stopper takes the CPU from it
 * before stop_one_cpu_nowait() even returns. */
static int fifo_queues_stop_work(void *unused)
{
	stop_one_cpu_nowait(smp_processor_id(), set_stop_flag, NULL, &fifo_work);
	fifo_saw_flag = READ_ONCE(stop_flag);
	complete(&fifo_done);
	return 0;
}

static void stopper_preempts_realtime_tasks(struct ktest *t)
{
	struct sched_param sp = { .sched_priority = MAX_RT_PRIO - 1 };
	struct task_struct *k;

	stop_flag = 0;
	fifo_saw_flag = -1;
	init_completion(&fifo_done);
	k = kthread_create(fifo_queues_stop_work, NULL, "kt_fifo99");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_EQ(t, sched_setscheduler_nocheck(k, SCHED_FIFO, &sp), 0);
	get_task_struct(k);
	wake_up_process(k);
	wait_for_completion(&fifo_done);
	KTEST_EXPECT_EQ(t, fifo_saw_flag, 1);
	kthread_stop(k);
	put_task_struct(k);
}

static void stop_machine_runs_fn_with_irqs_off_in_stopper(struct ktest *t)
{
	stop_ran_in_stopper = stop_irqs_off = 0;
	KTEST_EXPECT_EQ(t, stop_machine(note_stop_context, (void *)5L, NULL), 5);
	KTEST_EXPECT_TRUE(t, stop_ran_in_stopper);
	KTEST_EXPECT_TRUE(t, stop_irqs_off);
	KTEST_EXPECT_TRUE(t, !irqs_disabled());
}

/* --- CPU hotplug states --- */

static int hp_startups, hp_teardowns, hp_cb_in_cpuhp;

static int count_startup(unsigned int cpu)
{
	hp_startups++;
	hp_cb_in_cpuhp = current == cpuhp_thread(cpu);
	return 0;
}

static int count_teardown(unsigned int cpu)
{
	hp_teardowns++;
	hp_cb_in_cpuhp = current == cpuhp_thread(cpu);
	return 0;
}

static int failing_startup(unsigned int cpu)
{
	return -EIO;
}

static void boot_cpu_is_online_with_cpuhp_thread(struct ktest *t)
{
	struct task_struct *k = cpuhp_thread(0);

	KTEST_EXPECT_EQ(t, cpuhp_cpu_state(0), CPUHP_ONLINE);
	KTEST_ASSERT_NOT_NULL(t, k);
	KTEST_EXPECT_TRUE(t, !strcmp(k->comm, "cpuhp/0"));
	KTEST_EXPECT_EQ(t, k->real_parent->pid, 2);
}

static void setup_state_calls_startup_and_remove_calls_teardown(struct ktest *t)
{
	int state, state2;

	hp_startups = hp_teardowns = hp_cb_in_cpuhp = 0;
	state = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "ktest:online", count_startup,
				  count_teardown);
	KTEST_ASSERT_TRUE(t, state >= CPUHP_AP_ONLINE_DYN && state < CPUHP_AP_ONLINE_DYN_END);
	KTEST_EXPECT_EQ(t, hp_startups, (int)num_online_cpus());	/* once per CPU */
	KTEST_EXPECT_TRUE(t, hp_cb_in_cpuhp);
	state2 = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "ktest:two", NULL, NULL);
	KTEST_EXPECT_TRUE(t, state2 > 0 && state2 != state);
	hp_cb_in_cpuhp = 0;
	cpuhp_remove_state(state);
	KTEST_EXPECT_EQ(t, hp_teardowns, (int)num_online_cpus());
	KTEST_EXPECT_TRUE(t, hp_cb_in_cpuhp);
	cpuhp_remove_state(state2);
	/* A fixed state that is taken cannot be set up again. */
	KTEST_EXPECT_EQ(t, cpuhp_setup_state(CPUHP_AP_SMPBOOT_THREADS, "again", NULL, NULL),
			-EBUSY);
}

static void failed_startup_frees_the_state(struct ktest *t)
{
	int state = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "ktest:fail", failing_startup,
				      count_teardown);
	int again;

	KTEST_EXPECT_EQ(t, state, -EIO);
	again = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "ktest:after", NULL, NULL);
	KTEST_EXPECT_TRUE(t, again >= CPUHP_AP_ONLINE_DYN);
	if (again > 0)
		cpuhp_remove_state_nocalls(again);
}

/* --- ksoftirqd --- */

#define FLOOD_NR IRQ_POLL_SOFTIRQ	/* unused by Spindle */
#define FLOOD_RUNS 100

static int flood_runs, flood_in_ksoftirqd, flood_in_caller;
static struct task_struct *flood_caller;

static void flood_action(void)
{
	flood_runs++;
	if (current == this_cpu_ksoftirqd())
		flood_in_ksoftirqd++;
	else if (current == flood_caller)
		flood_in_caller++;
	if (flood_runs < FLOOD_RUNS)
		raise_softirq(FLOOD_NR);	/* in softirq: only marks it */
}

static void flood_start(void)
{
	flood_runs = flood_in_ksoftirqd = flood_in_caller = 0;
	flood_caller = current;
	open_softirq(FLOOD_NR, flood_action);
}

static void softirq_flood_past_budget_goes_to_ksoftirqd(struct ktest *t)
{
	unsigned long cpu0 = 1, saved = current->cpus_mask;
	struct task_struct *k;
	int in_bh_enable;

	/* On CPU 0, so that its ksoftirqd/0 takes the flood. */
	set_cpus_allowed_ptr(current, &cpu0);
	k = this_cpu_ksoftirqd();
	KTEST_ASSERT_NOT_NULL(t, k);
	KTEST_EXPECT_TRUE(t, !strcmp(k->comm, "ksoftirqd/0"));
	flood_start();
	/* Raised with bottom halves off: local_bh_enable() runs it here,
	 * for at most MAX_SOFTIRQ_RESTART rounds. (Later, a tick's irq_exit
	 * may run some more in this task while it waits: that is allowed.) */
	local_bh_disable();
	raise_softirq(FLOOD_NR);
	local_bh_enable();
	in_bh_enable = READ_ONCE(flood_in_caller);
	KTEST_EXPECT_TRUE(t, ktest_wait_for(READ_ONCE(flood_runs) >= FLOOD_RUNS, 2000));
	open_softirq(FLOOD_NR, NULL);
	KTEST_EXPECT_TRUE(t, in_bh_enable >= 1);
	KTEST_EXPECT_TRUE(t, in_bh_enable <= 10);	/* MAX_SOFTIRQ_RESTART */
	KTEST_EXPECT_TRUE(t, flood_in_ksoftirqd >= 1);
	set_cpus_allowed_ptr(current, &saved);
}

static void softirq_raised_in_task_context_wakes_ksoftirqd(struct ktest *t)
{
	int in_ksoftirqd = 0;

	/* A tick's irq_exit may win the race and run it in this task; three
	 * tries give ksoftirqd its chance. Without the wake-up it never runs. */
	for (int i = 0; i < 3 && !in_ksoftirqd; i++) {
		flood_start();
		flood_runs = FLOOD_RUNS - 1;	/* one run, no re-raise */
		raise_softirq(FLOOD_NR);
		KTEST_EXPECT_TRUE(t, ktest_wait_for(READ_ONCE(flood_runs) == FLOOD_RUNS, 2000));
		in_ksoftirqd = flood_in_ksoftirqd;
	}
	open_softirq(FLOOD_NR, NULL);
	KTEST_EXPECT_EQ(t, in_ksoftirqd, 1);
}

static const struct ktest_case smpboot_cases[] = {
	KTEST_CASE(percpu_thread_runs_fn_when_should_run),
	{}
};

static const struct ktest_case stop_machine_cases[] = {
	KTEST_CASE(stop_one_cpu_runs_fn_in_migration_thread),
	KTEST_CASE(stopper_preempts_realtime_tasks),
	KTEST_CASE(stop_machine_runs_fn_with_irqs_off_in_stopper),
	{}
};

static const struct ktest_case cpuhp_cases[] = {
	KTEST_CASE(boot_cpu_is_online_with_cpuhp_thread),
	KTEST_CASE(setup_state_calls_startup_and_remove_calls_teardown),
	KTEST_CASE(failed_startup_frees_the_state),
	{}
};

static const struct ktest_case ksoftirqd_cases[] = {
	KTEST_CASE(softirq_flood_past_budget_goes_to_ksoftirqd),
	KTEST_CASE(softirq_raised_in_task_context_wakes_ksoftirqd),
	{}
};

static const struct ktest_suite smpboot_suite = { .name = "smpboot", .cases = smpboot_cases };
static const struct ktest_suite stop_machine_suite = { .name = "stop_machine",
						       .cases = stop_machine_cases };
static const struct ktest_suite cpuhp_suite = { .name = "cpuhp", .cases = cpuhp_cases };
static const struct ktest_suite ksoftirqd_suite = { .name = "ksoftirqd",
						    .cases = ksoftirqd_cases };
ktest_register_suite(smpboot_suite);
ktest_register_suite(stop_machine_suite);
ktest_register_suite(cpuhp_suite);
ktest_register_suite(ksoftirqd_suite);
