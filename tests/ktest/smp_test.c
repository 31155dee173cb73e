/*
 * In-kernel tests of SMP (kernel/smp.c, kernel/cpu.c, kernel/sched/core.c,
 * arch/x86_64/kernel/smp.c, arch/x86_64/mm/tlb.c): threads bound to each
 * CPU run there at the same time; a wake-up from another CPU reaches its
 * target through the reschedule IPI; kthread_bind() and
 * set_cpus_allowed_ptr() move threads, the latter a running one through
 * the stopper; cross-CPU calls run where asked; vfree() shoots the range
 * down on every CPU; a spinlock keeps a counter exact under contention;
 * an idle CPU takes work from a busy one. Cases that need two CPUs are
 * skipped on one.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include <asm/smp.h>
#include <spindle/ktest.h>

#define WAIT_MS 3000	/* emulated CPUs on a busy host can stall for long */

static bool need_two_cpus(struct ktest *t)
{
	if (num_online_cpus() >= 2)
		return true;
	ktest_skip(t, "one CPU online");
	return false;
}

/* Waits up to WAIT_MS for *@v to reach @want. */
static bool wait_for_value(volatile int *v, int want)
{
	for (int ms = 0; ms < WAIT_MS; ms++) {
		if (__atomic_load_n(v, __ATOMIC_ACQUIRE) == want)
			return true;
		msleep(1);
	}
	return __atomic_load_n(v, __ATOMIC_ACQUIRE) == want;
}

static unsigned long saved_mask;

static void pin_self(int cpu)
{
	unsigned long mask = 1UL << cpu;

	saved_mask = current->cpus_mask;
	set_cpus_allowed_ptr(current, &mask);
}

static void unpin_self(void)
{
	set_cpus_allowed_ptr(current, &saved_mask);
}

/* A thread per CPU, bound there, checks where it runs and waits at a
 * barrier for all the others: only threads that run at the same time
 * all get through. */
static volatile int arrived, wrong_cpu, passed;

static int check_cpu_and_meet(void *data)
{
	int cpu = (long)data, n = num_online_cpus();

	for (int i = 0; i < 1000; i++)
		if (smp_processor_id() != cpu)
			__atomic_add_fetch(&wrong_cpu, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&arrived, 1, __ATOMIC_ACQ_REL);
	for (unsigned long end = jiffies + msecs_to_jiffies(WAIT_MS); time_before(jiffies, end);) {
		if (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) == n) {
			__atomic_add_fetch(&passed, 1, __ATOMIC_ACQ_REL);
			break;
		}
		cpu_relax();
	}
	while (!kthread_should_stop())
		msleep(1);
	return smp_processor_id();
}

static void bound_threads_run_on_their_cpus_at_once(struct ktest *t)
{
	struct task_struct *k[NR_CPUS] = { NULL };
	int n = num_online_cpus(), cpu;

	arrived = wrong_cpu = passed = 0;
	for_each_online_cpu(cpu) {
		k[cpu] = kthread_create(check_cpu_and_meet, (void *)(long)cpu, "kt_smp/%d", cpu);
		KTEST_ASSERT_TRUE(t, !IS_ERR(k[cpu]));
		kthread_bind(k[cpu], cpu);
	}
	for_each_online_cpu(cpu)
		wake_up_process(k[cpu]);
	KTEST_EXPECT_TRUE(t, wait_for_value(&passed, n));
	KTEST_EXPECT_EQ(t, wrong_cpu, 0);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, kthread_stop(k[cpu]), cpu);
}

/* Wake-ups across CPUs: a sleeper bound to CPU 1 woken from CPU 0. */
static DECLARE_COMPLETION(ping);
static volatile int woke_on = -1;

static int sleeper(void *data)
{
	wait_for_completion(&ping);
	WRITE_ONCE(woke_on, smp_processor_id());
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void cross_cpu_wakeup_sends_a_reschedule_ipi(struct ktest *t)
{
	struct task_struct *k;
	u64 res_before;

	if (!need_two_cpus(t))
		return;
	reinit_completion(&ping);
	woke_on = -1;
	pin_self(0);
	k = kthread_create(sleeper, NULL, "kt_sleeper");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	kthread_bind(k, 1);
	wake_up_process(k);
	/* Wait until it sleeps on CPU 1 and CPU 1 is idle, then wake it
	 * from here. A CPU busy with another task is told only if the
	 * sleeper should preempt that task, so only an idle CPU 1 is sure to
	 * get the IPI. */
	for (int ms = 0; ms < WAIT_MS && (task_state(k) != TASK_UNINTERRUPTIBLE ||
					  k->on_rq || !idle_cpu(1)); ms++)
		msleep(1);
	KTEST_EXPECT_TRUE(t, idle_cpu(1));
	KTEST_EXPECT_EQ(t, task_cpu(k), 1);
	res_before = ipi_stats(1)->resched;
	complete(&ping);
	KTEST_EXPECT_TRUE(t, wait_for_value(&woke_on, 1));
	KTEST_EXPECT_TRUE(t, ipi_stats(1)->resched > res_before);
	kthread_stop(k);
	unpin_self();
}

/* kthread_bind() of a created, sleeping thread: it first runs there. */
static volatile int ran_on = -1;

static int report_cpu(void *data)
{
	WRITE_ONCE(ran_on, smp_processor_id());
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void kthread_bind_moves_a_sleeping_thread(struct ktest *t)
{
	int last = 0, cpu;
	struct task_struct *k;

	if (!need_two_cpus(t))
		return;
	for_each_online_cpu(cpu)
		last = cpu;
	ran_on = -1;
	pin_self(0);
	k = kthread_create(report_cpu, NULL, "kt_bind");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	kthread_bind(k, last);
	KTEST_EXPECT_EQ(t, task_cpu(k), last);
	KTEST_EXPECT_EQ(t, k->cpus_mask, 1UL << last);
	wake_up_process(k);
	KTEST_EXPECT_TRUE(t, wait_for_value(&ran_on, last));
	kthread_stop(k);
	unpin_self();
}

/* set_cpus_allowed_ptr() of a thread that never sleeps: the stopper of
 * its CPU moves it. */
static volatile int spinning_on = -1;

static int spin_and_report(void *data)
{
	while (!kthread_should_stop()) {
		WRITE_ONCE(spinning_on, smp_processor_id());
		cpu_relax();
	}
	return 0;
}

static void set_cpus_allowed_moves_a_running_thread(struct ktest *t)
{
	unsigned long cpu0 = 1, cpu1 = 2;
	struct task_struct *k;
	unsigned long migrations;

	if (!need_two_cpus(t))
		return;
	spinning_on = -1;
	k = kthread_create(spin_and_report, NULL, "kt_migrate");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	pin_self(1);	/* out of the spinner's way */
	KTEST_EXPECT_EQ(t, set_cpus_allowed_ptr(k, &cpu0), 0);
	wake_up_process(k);
	KTEST_EXPECT_TRUE(t, wait_for_value(&spinning_on, 0));
	KTEST_EXPECT_EQ(t, k->__state, TASK_RUNNING);
	migrations = k->nr_migrations;
	KTEST_EXPECT_EQ(t, set_cpus_allowed_ptr(k, &cpu1), 0);
	KTEST_EXPECT_EQ(t, task_cpu(k), 1);
	KTEST_EXPECT_TRUE(t, k->nr_migrations > migrations);
	KTEST_EXPECT_TRUE(t, wait_for_value(&spinning_on, 1));
	KTEST_EXPECT_EQ(t, set_cpus_allowed_ptr(k, &(unsigned long){ 0 }), -EINVAL);
	kthread_stop(k);
	unpin_self();
}

static void record_cpu(void *info)
{
	*(int *)info = smp_processor_id();
}

static void call_function_single_runs_on_the_target(struct ktest *t)
{
	int cpu, where;

	for_each_online_cpu(cpu) {
		where = -1;
		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, record_cpu, &where, 1), 0);
		KTEST_EXPECT_EQ(t, where, cpu);
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu)) {
			KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, record_cpu, &where, 1),
					-ENXIO);
			break;
		}
	}
}

static void set_my_bit(void *info)
{
	__atomic_or_fetch((unsigned long *)info, 1UL << smp_processor_id(), __ATOMIC_RELAXED);
}

static void on_each_cpu_reaches_every_cpu(struct ktest *t)
{
	unsigned long seen = 0;

	on_each_cpu(set_my_bit, &seen, 1);
	KTEST_EXPECT_EQ(t, seen, *cpu_online_mask);
	seen = 0;
	smp_call_function(set_my_bit, &seen, 1);
	KTEST_EXPECT_EQ(t, seen, *cpu_online_mask & ~(1UL << smp_processor_id()));
}

static void touch_page(void *info)
{
	(void)READ_ONCE(*(volatile char *)info);
}

/*
 * Every CPU reads a vmalloc'd page (its TLB now holds the translation),
 * then vfree() on this CPU must shoot that range down on all others:
 * each other CPU counts one more TLB shootdown, and the last range it
 * flushed covers the page (when no other shootdown came after it). (Touching the page afterwards would fault;
 * the counters are the safe witness.)
 */
static void vfree_flushes_every_cpus_tlb(struct ktest *t)
{
	u64 before[NR_CPUS];
	char *p;
	int cpu, this;

	if (!need_two_cpus(t))
		return;
	p = vmalloc(PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, p);
	on_each_cpu(touch_page, p, 1);
	this = get_cpu();
	for_each_online_cpu(cpu)
		before[cpu] = ipi_stats(cpu)->tlb;
	put_cpu();
	pin_self(this);
	vfree(p);
	for_each_online_cpu(cpu) {
		unsigned long start, end;

		if (cpu == this)
			continue;
		tlb_last_remote_flush(cpu, &start, &end);
		KTEST_EXPECT_MSG(t, ipi_stats(cpu)->tlb > before[cpu],
				 "CPU %d got no TLB shootdown", cpu);
		/* Only the last flush is kept: another CPU's vfree() (a dead
		 * task's stack) may have come after ours, with its own range. */
		if (ipi_stats(cpu)->tlb == before[cpu] + 1)
			KTEST_EXPECT_MSG(t, start <= (unsigned long)p && (unsigned long)p < end,
					 "CPU %d flushed %#lx-%#lx, not %p", cpu, start, end, p);
	}
	unpin_self();
}

/* Threads on every CPU add to one counter under a spinlock. */
#define ADDS 20000

static DEFINE_SPINLOCK(count_lock);
static unsigned long locked_count;
static volatile int adders_done;

static int add_under_lock(void *data)
{
	for (int i = 0; i < ADDS; i++) {
		spin_lock(&count_lock);
		locked_count++;
		spin_unlock(&count_lock);
	}
	__atomic_add_fetch(&adders_done, 1, __ATOMIC_ACQ_REL);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void spinlock_keeps_a_shared_counter_exact(struct ktest *t)
{
	struct task_struct *k[NR_CPUS] = { NULL };
	int n = num_online_cpus(), cpu;

	locked_count = 0;
	adders_done = 0;
	for_each_online_cpu(cpu) {
		k[cpu] = kthread_create(add_under_lock, NULL, "kt_add/%d", cpu);
		KTEST_ASSERT_TRUE(t, !IS_ERR(k[cpu]));
		kthread_bind(k[cpu], cpu);
	}
	for_each_online_cpu(cpu)
		wake_up_process(k[cpu]);
	KTEST_EXPECT_TRUE(t, wait_for_value(&adders_done, n));
	KTEST_EXPECT_EQ(t, locked_count, (unsigned long)n * ADDS);
	for_each_online_cpu(cpu)
		kthread_stop(k[cpu]);
}

/* Spinners started on CPU 0 only, then allowed everywhere: the idle CPUs
 * pull some of them (newidle and periodic balance). */
#define SPINNERS 4

static int spin_until_stopped(void *data)
{
	while (!kthread_should_stop())
		cpu_relax();
	return 0;
}

static void idle_cpus_pull_work_from_a_busy_one(struct ktest *t)
{
	struct task_struct *k[SPINNERS];
	unsigned long cpu0 = 1, all = *cpu_online_mask;
	int elsewhere = 0;

	if (!need_two_cpus(t))
		return;
	pin_self(1);
	for (int i = 0; i < SPINNERS; i++) {
		k[i] = kthread_create(spin_until_stopped, NULL, "kt_spin/%d", i);
		KTEST_ASSERT_TRUE(t, !IS_ERR(k[i]));
		set_cpus_allowed_ptr(k[i], &cpu0);
		wake_up_process(k[i]);
	}
	for (int i = 0; i < SPINNERS; i++) {
		KTEST_EXPECT_EQ(t, task_cpu(k[i]), 0);
		set_cpus_allowed_ptr(k[i], &all);
	}
	for (int ms = 0; ms < WAIT_MS && !elsewhere; ms += 10) {
		msleep(10);
		for (int i = 0; i < SPINNERS; i++)
			elsewhere += task_cpu(k[i]) != 0;
	}
	KTEST_EXPECT_MSG(t, elsewhere > 0, "all %d spinners still on CPU 0", SPINNERS);
	for (int i = 0; i < SPINNERS; i++)
		kthread_stop(k[i]);
	unpin_self();
}

static const struct ktest_case smp_cases[] = {
	KTEST_CASE(bound_threads_run_on_their_cpus_at_once),
	KTEST_CASE(cross_cpu_wakeup_sends_a_reschedule_ipi),
	KTEST_CASE(kthread_bind_moves_a_sleeping_thread),
	KTEST_CASE(set_cpus_allowed_moves_a_running_thread),
	KTEST_CASE(call_function_single_runs_on_the_target),
	KTEST_CASE(on_each_cpu_reaches_every_cpu),
	KTEST_CASE(vfree_flushes_every_cpus_tlb),
	KTEST_CASE(spinlock_keeps_a_shared_counter_exact),
	KTEST_CASE(idle_cpus_pull_work_from_a_busy_one),
	{}
};

static const struct ktest_suite smp_suite = {
	.name = "smp",
	.cases = smp_cases,
};
ktest_register_suite(smp_suite);
