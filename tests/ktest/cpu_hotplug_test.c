/*
 * In-kernel tests of CPU hotplug (kernel/cpu.c and the teardown callbacks
 * of kernel/smpboot.c, kernel/sched/core.c, kernel/workqueue.c,
 * kernel/time/timer.c, kernel/rcu/tree.c): CPU 0 refuses to go; the last
 * CPU goes offline and comes back, several times, through every state;
 * its smpboot threads park (their park hook runs on the CPU) and unpark
 * there; a kthread bound to it has its affinity broken with Linux's
 * message, a thread allowed elsewhere only moves; a timer armed there and
 * work queued there still run, elsewhere, and work runs there again once
 * it is back; RCU grace periods end with the CPU offline and the
 * callbacks it had queued run. Skipped on one CPU.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/smpboot.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include <linux/stop_machine.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/errno.h>
#include <spindle/printk.h>
#include <linux/interrupt.h>
#include <spindle/ktest.h>

#define WAIT_MS 5000	/* emulated CPUs on a busy host can stall for long */

/* The CPU the cases take down: the last online one, never CPU 0. */
static int victim(struct ktest *t)
{
	int cpu, last = -1;

	for_each_online_cpu(cpu)
		last = cpu;
	if (last <= 0) {
		ktest_skip(t, "one CPU online");
		return -1;
	}
	return last;
}

static bool wait_done(struct completion *c)
{
	return wait_for_completion_timeout(c, msecs_to_jiffies(WAIT_MS)) != 0;
}

/* Does the log contain @needle? */
static bool log_has(const char *needle)
{
	char *buf = vmalloc(LOG_BUF_LEN + 1);
	size_t n;
	bool found;

	if (!buf)
		return false;
	n = log_read_all(buf, LOG_BUF_LEN, 7);
	buf[n] = 0;
	found = strstr(buf, needle) != NULL;
	vfree(buf);
	return found;
}

static void cpu0_and_bad_cpus_refuse(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, cpu_down(0), -EBUSY);
	KTEST_EXPECT_TRUE(t, cpu_online(0));
	KTEST_EXPECT_EQ(t, cpu_down(nr_cpu_ids), -EINVAL);
	KTEST_EXPECT_EQ(t, cpu_up(nr_cpu_ids), -EINVAL);
	KTEST_EXPECT_EQ(t, cpu_up(0), 0);	/* online already: nothing to do */
}

static void offline_online_cycles(struct ktest *t)
{
	int cpu = victim(t);
	unsigned long downs = cpuhp_nr_offline();

	if (cpu < 0)
		return;
	for (int i = 0; i < 3; i++) {
		unsigned long mask = 1UL << cpu, saved = current->cpus_mask;

		KTEST_ASSERT_EQ(t, cpu_down(cpu), 0);
		KTEST_EXPECT_TRUE(t, !cpu_online(cpu));
		KTEST_EXPECT_TRUE(t, !cpu_active(cpu));
		KTEST_EXPECT_EQ(t, cpuhp_cpu_state(cpu), CPUHP_OFFLINE);
		KTEST_EXPECT_EQ(t, cpu_down(cpu), 0);	/* offline already */
		KTEST_EXPECT_EQ(t, set_cpus_allowed_ptr(current, &mask), -EINVAL);
		KTEST_ASSERT_EQ(t, cpu_up(cpu), 0);
		KTEST_EXPECT_TRUE(t, cpu_online(cpu) && cpu_active(cpu));
		KTEST_EXPECT_EQ(t, cpuhp_cpu_state(cpu), CPUHP_ONLINE);
		/* It runs tasks again. */
		KTEST_EXPECT_EQ(t, set_cpus_allowed_ptr(current, &mask), 0);
		KTEST_EXPECT_EQ(t, smp_processor_id(), cpu);
		set_cpus_allowed_ptr(current, &saved);
	}
	KTEST_EXPECT_EQ(t, cpuhp_nr_offline(), downs + 3);
}

/* A per-CPU thread of our own: its park/unpark hooks say where they ran. */
static struct task_struct *hp_tasks[NR_CPUS];
static int hp_parked_on[NR_CPUS], hp_unparked_on[NR_CPUS];

static int hp_should_run(unsigned int cpu)
{
	return 0;
}

static void hp_fn(unsigned int cpu)
{
}

static void hp_park(unsigned int cpu)
{
	WRITE_ONCE(hp_parked_on[cpu], smp_processor_id());
}

static void hp_unpark(unsigned int cpu)
{
	WRITE_ONCE(hp_unparked_on[cpu], smp_processor_id());
}

static struct smp_hotplug_thread hp_threads = {
	.store = hp_tasks,
	.thread_should_run = hp_should_run,
	.thread_fn = hp_fn,
	.park = hp_park,
	.unpark = hp_unpark,
	.thread_comm = "ktest_hp/%u",
};

static bool wait_state(struct task_struct *p, unsigned int state)
{
	for (int ms = 0; ms < WAIT_MS; ms++) {
		if (READ_ONCE(p->__state) == state)
			return true;
		msleep(1);
	}
	return false;
}

static void smpboot_threads_park_and_unpark(struct ktest *t)
{
	int cpu = victim(t);
	struct task_struct *hp, *cpuhp, *stopper;

	if (cpu < 0)
		return;
	KTEST_ASSERT_EQ(t, smpboot_register_percpu_thread(&hp_threads), 0);
	hp = hp_tasks[cpu];
	cpuhp = cpuhp_thread(cpu);
	stopper = cpu_stopper_task(cpu);
	KTEST_ASSERT_NOT_NULL(t, hp);
	hp_parked_on[cpu] = hp_unparked_on[cpu] = -1;
	KTEST_ASSERT_EQ(t, cpu_down(cpu), 0);
	KTEST_EXPECT_EQ(t, READ_ONCE(hp->__state), TASK_PARKED);
	KTEST_EXPECT_EQ(t, READ_ONCE(cpuhp->__state), TASK_PARKED);
	KTEST_EXPECT_TRUE(t, wait_state(stopper, TASK_PARKED));
	KTEST_EXPECT_EQ(t, hp_parked_on[cpu], cpu);	/* parked on its CPU */
	/* Parked, a wake-up does nothing. */
	wake_up_process(hp);
	KTEST_EXPECT_EQ(t, READ_ONCE(hp->__state), TASK_PARKED);
	KTEST_ASSERT_EQ(t, cpu_up(cpu), 0);
	KTEST_EXPECT_TRUE(t, wait_state(hp, TASK_INTERRUPTIBLE));
	KTEST_EXPECT_EQ(t, hp_unparked_on[cpu], cpu);	/* unparked there */
	KTEST_EXPECT_EQ(t, task_cpu(hp), cpu);
	KTEST_EXPECT_EQ(t, hp->cpus_mask, 1UL << cpu);
	KTEST_EXPECT_NE(t, READ_ONCE(cpuhp->__state), TASK_PARKED);
	KTEST_EXPECT_TRUE(t, wait_state(stopper, TASK_INTERRUPTIBLE));
	smpboot_unregister_percpu_thread(&hp_threads);
}

/* A thread that notes, every millisecond, where it runs. */
static int where_fn(void *data)
{
	int *where = data;

	while (!kthread_should_stop()) {
		WRITE_ONCE(*where, smp_processor_id());
		msleep(1);
	}
	return 0;
}

static bool wait_where(int *where, int cpu)
{
	for (int ms = 0; ms < WAIT_MS; ms++) {
		WRITE_ONCE(*where, -1);
		msleep(5);
		if (READ_ONCE(*where) == cpu)
			return true;
	}
	return false;
}

/* It runs, and not on @cpu. */
static bool wait_elsewhere(int *where, int cpu)
{
	for (int ms = 0; ms < WAIT_MS; ms++) {
		int at;

		WRITE_ONCE(*where, -1);
		msleep(5);
		at = READ_ONCE(*where);
		if (at >= 0 && at != cpu)
			return true;
	}
	return false;
}

static void bound_kthread_affinity_broken_with_message(struct ktest *t)
{
	int cpu = victim(t), bound_at = -1, free_at = -1;
	struct task_struct *bound, *free;
	char msg[80];

	if (cpu < 0)
		return;
	bound = kthread_create(where_fn, &bound_at, "ktest_bound");
	KTEST_ASSERT_TRUE(t, !IS_ERR(bound));
	kthread_bind(bound, cpu);
	free = kthread_create(where_fn, &free_at, "ktest_free");
	KTEST_ASSERT_TRUE(t, !IS_ERR(free));
	kthread_bind_mask(free, *cpu_online_mask);
	wake_up_process(bound);
	wake_up_process(free);
	KTEST_EXPECT_TRUE(t, wait_where(&bound_at, cpu));
	KTEST_ASSERT_EQ(t, cpu_down(cpu), 0);
	/* The bound one can run nowhere else: its affinity is broken. */
	KTEST_EXPECT_TRUE(t, wait_elsewhere(&bound_at, cpu));
	KTEST_EXPECT_NE(t, bound->cpus_mask, 1UL << cpu);
	snprintf(msg, sizeof(msg), "process %d (ktest_bound) no longer affine to cpu%d",
		 bound->pid, cpu);
	KTEST_EXPECT_MSG(t, log_has(msg), "no \"%s\" in the log", msg);
	/* The other may use another CPU: it only moves, no message. */
	KTEST_EXPECT_TRUE(t, wait_elsewhere(&free_at, cpu));
	snprintf(msg, sizeof(msg), "process %d (ktest_free) no longer affine", free->pid);
	KTEST_EXPECT_MSG(t, !log_has(msg), "\"%s\" in the log", msg);
	KTEST_ASSERT_EQ(t, cpu_up(cpu), 0);
	kthread_stop(bound);
	kthread_stop(free);
}

struct hp_timer {
	struct timer_list timer;
	struct completion done;
	int ran_on;
};

static void hp_timer_fn(struct timer_list *tl)
{
	struct hp_timer *h = from_timer(h, tl, timer);

	h->ran_on = smp_processor_id();
	complete(&h->done);
}

struct hp_work {
	struct work_struct work;
	struct completion done;
	int ran_on;
};

static void hp_work_fn(struct work_struct *w)
{
	struct hp_work *h = container_of(w, struct hp_work, work);

	h->ran_on = smp_processor_id();
	complete(&h->done);
}

static void timers_and_work_still_run(struct ktest *t)
{
	int cpu = victim(t);
	unsigned long mask = 1UL << cpu, saved = current->cpus_mask;
	struct hp_timer ht = { .ran_on = -1 };
	struct hp_work hw = { .ran_on = -1 };

	if (cpu < 0)
		return;
	init_completion(&ht.done);
	timer_setup(&ht.timer, hp_timer_fn, 0);
	/* Armed on the victim's wheel: it fires where it was armed. */
	KTEST_ASSERT_EQ(t, set_cpus_allowed_ptr(current, &mask), 0);
	mod_timer(&ht.timer, jiffies + msecs_to_jiffies(300));
	set_cpus_allowed_ptr(current, &saved);
	KTEST_ASSERT_EQ(t, cpu_down(cpu), 0);
	KTEST_EXPECT_TRUE(t, wait_done(&ht.done));
	KTEST_EXPECT_TRUE(t, ht.ran_on >= 0 && ht.ran_on != cpu);
	del_timer_sync(&ht.timer);

	/* Work queued on the offline CPU's pool runs on an unbound worker. */
	INIT_WORK(&hw.work, hp_work_fn);
	init_completion(&hw.done);
	KTEST_EXPECT_TRUE(t, queue_work_on(cpu, system_wq, &hw.work));
	KTEST_EXPECT_TRUE(t, wait_done(&hw.done));
	KTEST_EXPECT_TRUE(t, hw.ran_on >= 0 && hw.ran_on != cpu);
	flush_work(&hw.work);

	/* Back online, the pool's workers are bound to it again. */
	KTEST_ASSERT_EQ(t, cpu_up(cpu), 0);
	reinit_completion(&hw.done);
	hw.ran_on = -1;
	KTEST_EXPECT_TRUE(t, queue_work_on(cpu, system_wq, &hw.work));
	KTEST_EXPECT_TRUE(t, wait_done(&hw.done));
	KTEST_EXPECT_EQ(t, hw.ran_on, cpu);
	flush_work(&hw.work);
}

struct hp_rcu {
	struct rcu_head head;
	struct completion done;
};

static void hp_rcu_cb(struct rcu_head *head)
{
	complete(&container_of(head, struct hp_rcu, head)->done);
}

static int sync_rcu_fn(void *data)
{
	synchronize_rcu();
	complete(data);
	return 0;
}

static void rcu_grace_periods_end_with_a_cpu_offline(struct ktest *t)
{
	int cpu = victim(t);
	unsigned long mask = 1UL << cpu, saved = current->cpus_mask;
	/* Static: a callback or thread may outlive a failed wait. */
	static struct completion synced;
	static struct hp_rcu r;
	struct task_struct *k;

	if (cpu < 0)
		return;
	/* A callback queued on the victim, which goes down at once. */
	init_completion(&r.done);
	KTEST_ASSERT_EQ(t, set_cpus_allowed_ptr(current, &mask), 0);
	call_rcu(&r.head, hp_rcu_cb);
	set_cpus_allowed_ptr(current, &saved);
	KTEST_ASSERT_EQ(t, cpu_down(cpu), 0);
	KTEST_EXPECT_TRUE(t, wait_done(&r.done));
	/* Later grace periods do not wait for the offline CPU. */
	init_completion(&synced);
	k = kthread_run(sync_rcu_fn, &synced, "ktest_sync_rcu");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	KTEST_EXPECT_TRUE(t, wait_done(&synced));
	rcu_barrier();
	KTEST_ASSERT_EQ(t, cpu_up(cpu), 0);
	/* And they wait for it again once it is back. */
	init_completion(&r.done);
	KTEST_ASSERT_EQ(t, set_cpus_allowed_ptr(current, &mask), 0);
	call_rcu(&r.head, hp_rcu_cb);
	set_cpus_allowed_ptr(current, &saved);
	KTEST_EXPECT_TRUE(t, wait_done(&r.done));
}

/*
 * Regression (found by locktorture with CPU hotplug): an interrupt taken
 * by a CPU spinning in stop_machine() ran softirqs on its way out; an RCU
 * callback there vfree()d a dead task's stack, whose TLB shootdown waited
 * for CPUs already spinning with interrupts off, waiting for this one.
 * The stoppers now spin with bottom halves disabled.
 */
static int stop_bh_seen[NR_CPUS];

static int note_bh_disabled(void *unused)
{
	WRITE_ONCE(stop_bh_seen[smp_processor_id()], (preempt_count() & SOFTIRQ_MASK) ? 1 : -1);
	return 0;
}

static void stop_machine_spins_with_softirqs_off(struct ktest *t)
{
	unsigned long all = *cpu_online_mask;
	int cpu;

	memset(stop_bh_seen, 0, sizeof(stop_bh_seen));
	KTEST_EXPECT_EQ(t, stop_machine(note_bh_disabled, NULL, &all), 0);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_MSG(t, stop_bh_seen[cpu] == 1, "CPU %d: softirqs were on", cpu);
}

static const struct ktest_case cpu_hotplug_cases[] = {
	KTEST_CASE(stop_machine_spins_with_softirqs_off),
	KTEST_CASE(cpu0_and_bad_cpus_refuse),
	KTEST_CASE(offline_online_cycles),
	KTEST_CASE(smpboot_threads_park_and_unpark),
	KTEST_CASE(bound_kthread_affinity_broken_with_message),
	KTEST_CASE(timers_and_work_still_run),
	KTEST_CASE(rcu_grace_periods_end_with_a_cpu_offline),
	{}
};

static const struct ktest_suite cpu_hotplug_suite = {
	.name = "cpu_hotplug",
	.cases = cpu_hotplug_cases,
};
ktest_register_suite(cpu_hotplug_suite);
