/*
 * Kernel timers, schedule_timeout() and the sleeping functions, after
 * Linux's kernel/time/timer.c.
 *
 * Diverges from Linux on purpose: Linux's timer wheel groups far-off
 * timers into coarse buckets (a 5 s timeout at HZ=250 can fire 120 ms
 * late; see docs/kthreads.md). Spindle uses a hashed wheel of
 * WHEEL_SIZE one-jiffy slots: a timer sits in slot expires % WHEEL_SIZE
 * and fires on the first tick at or after its expiry, never early and
 * never more than a tick late, at the cost of passing over far-off timers
 * once per lap.
 * One wheel per CPU (Linux's timer_bases): a timer runs on the CPU that
 * armed it last. Only the boot CPU's tick advances jiffies
 * (kernel/time/tick.c); each CPU's tick walks its own wheel up to it.
 * A CPU taken offline leaves its timers behind; once it is dead,
 * timers_dead_cpu() moves them to the wheel of the CPU that took it down
 * (Linux's migrate_timer_list()), so they still fire, on time.
 * Locking: base->lock (irqsave); timer functions run without it. Two
 * wheels are locked together only by timers_dead_cpu(): the live one
 * first.
 */
#include <linux/timer.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/interrupt.h>
#include <linux/delay.h>
#include <linux/timekeeping.h>
#include <linux/cpu.h>
#include <linux/smp.h>
#include <spindle/arch.h>

#define WHEEL_BITS 8
#define WHEEL_SIZE (1 << WHEEL_BITS)

struct timer_base {
	raw_spinlock_t lock;
	struct list_head slots[WHEEL_SIZE];
	unsigned long clk;		/* next jiffy to process */
	unsigned int pending;		/* timers queued */
	struct timer_list *running;	/* whose function runs now */
};

/* One wheel per CPU, as Linux's timer_bases: a timer fires on the CPU
 * whose wheel holds it, the CPU that last armed it (so a per-CPU timer
 * re-armed from its own function stays on its CPU). */
static struct timer_base timer_bases[NR_CPUS];

static void run_timer_softirq(void);

void init_timers(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct timer_base *base = &timer_bases[cpu];

		raw_spin_lock_init(&base->lock);
		for (int i = 0; i < WHEEL_SIZE; i++)
			INIT_LIST_HEAD(&base->slots[i]);
		base->clk = jiffies;
	}
	open_softirq(TIMER_SOFTIRQ, run_timer_softirq);
}

void timer_setup(struct timer_list *timer, void (*fn)(struct timer_list *),
		 unsigned int flags)
{
	INIT_LIST_HEAD(&timer->entry);
	timer->function = fn;
	timer->flags = 0;
	timer->expires = 0;
}

static unsigned int timer_cpu(u32 flags)
{
	return (flags & TIMER_CPUMASK) >> TIMER_CPUSHIFT;
}

/*
 * Locks the wheel @timer belongs to (Linux's lock_timer_base()). While
 * mod_timer() moves a timer to another CPU's wheel it is marked
 * TIMER_MIGRATING, and others wait for the move to end.
 */
static struct timer_base *lock_timer_base(struct timer_list *timer,
					  unsigned long *flags)
{
	for (;;) {
		u32 tf = READ_ONCE(timer->flags);
		struct timer_base *base = &timer_bases[timer_cpu(tf)];

		if (!(tf & TIMER_MIGRATING)) {
			raw_spin_lock_irqsave(&base->lock, *flags);
			if (READ_ONCE(timer->flags) == tf)
				return base;
			raw_spin_unlock_irqrestore(&base->lock, *flags);
		}
		cpu_relax();
	}
}

/* Caller holds base->lock. */
static void detach_timer(struct timer_base *base, struct timer_list *timer)
{
	list_del_init(&timer->entry);
	timer->flags &= ~TIMER_PENDING;
	base->pending--;
}

static void enqueue_timer(struct timer_base *base, struct timer_list *timer,
			  unsigned long expires)
{
	/* Already due: the next run of the wheel takes it. */
	if (time_before(expires, base->clk))
		expires = base->clk;
	timer->expires = expires;
	list_add_tail(&timer->entry, &base->slots[expires % WHEEL_SIZE]);
	timer->flags |= TIMER_PENDING;
	base->pending++;
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	unsigned int this = smp_processor_id();
	struct timer_base *base, *new_base = &timer_bases[this];
	unsigned long flags;
	int was_pending;

	base = lock_timer_base(timer, &flags);
	was_pending = timer_pending(timer);
	if (was_pending)
		detach_timer(base, timer);
	/* Move to this CPU's wheel, unless its function is running on
	 * the old one (del_timer_sync() watches that wheel). */
	if (base != new_base && base->running != timer) {
		WRITE_ONCE(timer->flags, (timer->flags & ~TIMER_CPUMASK) | TIMER_MIGRATING);
		raw_spin_unlock(&base->lock);
		base = new_base;
		raw_spin_lock(&base->lock);
		WRITE_ONCE(timer->flags, (timer->flags & ~TIMER_MIGRATING) |
			   (this << TIMER_CPUSHIFT));
	}
	enqueue_timer(base, timer, expires);
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return was_pending;
}

void add_timer(struct timer_list *timer)
{
	WARN_ON(timer_pending(timer));
	mod_timer(timer, timer->expires);
}

int del_timer(struct timer_list *timer)
{
	struct timer_base *base;
	unsigned long flags;
	int was_pending;

	base = lock_timer_base(timer, &flags);
	was_pending = timer_pending(timer);
	if (was_pending)
		detach_timer(base, timer);
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return was_pending;
}

int del_timer_sync(struct timer_list *timer)
{
	struct timer_base *base;
	unsigned long flags;
	bool running;
	int ret;

	WARN_ON_ONCE(in_hardirq());
	for (;;) {
		/* As Linux's try_to_del_timer_sync(): while its function runs,
		 * leave the timer as it is (the function may re-arm it) and
		 * wait; then deactivate it, and say whether it was pending. */
		base = lock_timer_base(timer, &flags);
		running = base->running == timer;
		ret = !running && timer_pending(timer);
		if (ret)
			detach_timer(base, timer);
		raw_spin_unlock_irqrestore(&base->lock, flags);
		if (!running)
			return ret;
		cpu_relax();	/* its function runs on another CPU */
	}
}

/* Runs every timer due at jiffy @clk. Caller holds base->lock; it is
 * dropped around each function. */
static void expire_slot(struct timer_base *base, unsigned long clk,
			unsigned long *flags)
{
	struct list_head *slot = &base->slots[clk % WHEEL_SIZE];
	struct timer_list *timer, *next;

	list_for_each_entry_safe(timer, next, slot, entry) {
		void (*fn)(struct timer_list *);

		if (timer->expires != clk)
			continue;	/* a later lap */
		detach_timer(base, timer);
		fn = timer->function;
		base->running = timer;
		raw_spin_unlock_irqrestore(&base->lock, *flags);
		fn(timer);
		raw_spin_lock_irqsave(&base->lock, *flags);
		base->running = NULL;
		/* The list may have changed while unlocked: start over. */
		next = list_first_entry(slot, struct timer_list, entry);
	}
}

static void run_timer_softirq(void)
{
	struct timer_base *base = &timer_bases[smp_processor_id()];
	unsigned long flags;

	raw_spin_lock_irqsave(&base->lock, flags);
	while (time_after_eq(jiffies, base->clk)) {
		if (base->pending)
			expire_slot(base, base->clk, &flags);
		base->clk++;
	}
	raw_spin_unlock_irqrestore(&base->lock, flags);
}

/**
 * timers_prepare_cpu - CPUHP_TIMERS_PREPARE startup: @cpu's wheel restarts
 * @cpu: the CPU about to come up
 *
 * The wheel was idle while the CPU was away: it starts at the current
 * jiffy instead of walking every jiffy it missed.
 * Return: 0.
 */
int timers_prepare_cpu(unsigned int cpu)
{
	struct timer_base *base = &timer_bases[cpu];
	unsigned long flags;

	raw_spin_lock_irqsave(&base->lock, flags);
	base->clk = jiffies;
	base->running = NULL;
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return 0;
}

/**
 * timers_dead_cpu - CPUHP_TIMERS_PREPARE teardown: adopt a dead CPU's timers
 * @cpu: the CPU that went offline; it runs nothing any more
 *
 * Every timer on its wheel moves to this CPU's, keeping its expiry
 * (Linux's timers_dead_cpu()). Context: cpu_down(), process context.
 * Return: 0.
 */
int timers_dead_cpu(unsigned int cpu)
{
	struct timer_base *old = &timer_bases[cpu], *new;
	unsigned int this = get_cpu();
	unsigned long flags;

	new = &timer_bases[this];
	raw_spin_lock_irqsave(&new->lock, flags);
	arch_spin_lock(&old->lock);
	WARN_ON_ONCE(old->running);
	for (int i = 0; i < WHEEL_SIZE; i++) {
		while (!list_empty(&old->slots[i])) {
			struct timer_list *timer = list_first_entry(&old->slots[i],
								    struct timer_list, entry);
			unsigned long expires = timer->expires;

			detach_timer(old, timer);
			WRITE_ONCE(timer->flags, (timer->flags & ~TIMER_CPUMASK) |
				   (this << TIMER_CPUSHIFT));
			enqueue_timer(new, timer, expires);
		}
	}
	arch_spin_unlock(&old->lock);
	raw_spin_unlock_irqrestore(&new->lock, flags);
	put_cpu();
	return 0;
}

/* Context: the tick (hard interrupt). */
void run_local_timers(void)
{
	struct timer_base *base = &timer_bases[smp_processor_id()];

	raw_spin_lock(&base->lock);
	if (base->pending)
		raise_softirq(TIMER_SOFTIRQ);
	else
		base->clk = jiffies + 1;	/* nothing queued: skip the walk */
	raw_spin_unlock(&base->lock);
}

struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	struct process_timer *pt = from_timer(pt, t, timer);

	wake_up_process(pt->task);
}

/**
 * schedule_timeout - sleep until woken or @timeout jiffies have passed
 * @timeout: jiffies; MAX_SCHEDULE_TIMEOUT for no limit
 *
 * The caller sets its state first (TASK_UNINTERRUPTIBLE or
 * TASK_INTERRUPTIBLE), exactly as for schedule().
 * Return: 0 if the time ran out, else the jiffies that were left.
 */
long schedule_timeout(long timeout)
{
	struct process_timer pt;
	unsigned long expire;

	might_sleep();
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		pr_err("schedule_timeout: wrong timeout value %lx\n", timeout);
		dump_stack();
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	jiffies_sync();		/* a stale jiffies would make the sleep short */
	expire = jiffies + timeout;
	pt.task = current;
	timer_setup(&pt.timer, process_timeout, 0);
	mod_timer(&pt.timer, expire);
	schedule();
	del_timer_sync(&pt.timer);
	timeout = expire - jiffies;
	return timeout < 0 ? 0 : timeout;
}

long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_killable(long timeout)
{
	__set_current_state(TASK_KILLABLE);
	return schedule_timeout(timeout);
}

/*
 * msleep - sleep at least @msecs milliseconds
 *
 * As Linux: one jiffy more than the conversion, since the current jiffy
 * is already partly over, and the loop sleeps again for whatever is left
 * after an early wake-up.
 */
void msleep(unsigned int msecs)
{
	long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}

/* No signals: the same as msleep(), returning 0 ms left. */
unsigned long msleep_interruptible(unsigned int msecs)
{
	msleep(msecs);
	return 0;
}

/* The tick is the timer granularity: round up to whole jiffies. */
void usleep_range(unsigned long min, unsigned long max)
{
	long timeout = DIV_ROUND_UP(min, 1000000 / HZ) + 1;

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}
