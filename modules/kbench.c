// SPDX-License-Identifier: GPL-2.0
/*
 * kbench: what creating, waking, switching and stopping kernel threads
 * costs. Written only against Linux's module API, so this same file is
 * built into Spindle (as every file in modules/ is) and, unchanged, into
 * kbench.ko for Linux with Kbuild (tools/bench/). `insmod kbench` runs
 * every figure in a kthread of its own and prints one line per figure
 * ("kbench: figure=NAME ...") and the same as JSON ("kbench-json: ...").
 * tools/bench/kbench.py boots both kernels and compares them.
 *
 * Timing uses ktime_get_ns(). With a fine clock (resolution <= 1 us)
 * each call is timed alone and a figure is the median and 99th
 * percentile over `reps` calls. With a coarse clock (Spindle's jiffies
 * before it has a TSC clock source) calls are timed in batches long
 * enough for the clock, and a figure is the median over batches of the
 * mean per call; a value that only single calls can give is reported as
 * missing. Nothing here is made up: what cannot be measured says so.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/err.h>
#include <linux/string.h>

static int reps = 1000;
module_param(reps, int, 0444);
MODULE_PARM_DESC(reps, "timed calls per single-call figure (fine clock)");
static int scale = 10000;
module_param(scale, int, 0444);
MODULE_PARM_DESC(scale, "most other threads in switch_at_scale (100, 1000, 10000)");
static int churn = 1000;
module_param(churn, int, 0444);
MODULE_PARM_DESC(churn, "threads created then stopped per churn round");
static bool quick;
module_param(quick, bool, 0444);
MODULE_PARM_DESC(quick, "smallest run that still exercises every figure");
static bool batch;
module_param(batch, bool, 0444);
MODULE_PARM_DESC(batch, "time in batches even when the clock is fine");
static char *only;
module_param(only, charp, 0444);
MODULE_PARM_DESC(only, "run only these groups: churn,create,lifecycle,stop,wake,switch,scale");

#define FINE_CLOCK_NS 1000		/* below this, single calls are timed */
#define BATCH_SAMPLES 7			/* batches per figure (coarse clock) */
#define BATCH_TICKS 25			/* clock ticks per batch, at least */
#define MAX_BATCH 4096			/* threads alive at once in a batch */
#define SWITCH_ROUNDS 16		/* round trips per sample (fine clock) */
#define CHURN_ROUNDS 3			/* churn rounds (fine clock) */
#define MAX_CHURN_ROUNDS 64

enum { F_MEDIAN, F_VALUE };		/* what a figure holds */

struct figure {
	char name[40];
	const char *unit;
	int kind;
	u64 median, p99;		/* F_MEDIAN: per call */
	u64 value;			/* F_VALUE */
	unsigned long n;		/* calls measured */
	bool batched;			/* median of batch means, no p99 */
	const char *missing;		/* why there is no value */
	int nx;				/* extra named numbers */
	const char *xname[4];
	u64 xval[4];
};

#define MAX_FIGURES 40
static struct figure figs[MAX_FIGURES];
static int nr_figs;
static u64 clock_res;
static bool batched;
static struct completion bench_done;

static u64 now(void)
{
	return ktime_get_ns();
}

static struct figure *new_figure(const char *name, const char *unit, int kind)
{
	struct figure *f;

	if (nr_figs == MAX_FIGURES)
		return NULL;
	f = &figs[nr_figs++];
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->unit = unit;
	f->kind = kind;
	return f;
}

static void figure_extra(struct figure *f, const char *name, u64 v)
{
	if (f->nx < (int)ARRAY_SIZE(f->xval)) {
		f->xname[f->nx] = name;
		f->xval[f->nx++] = v;
	}
}

static void figure_missing(const char *name, const char *unit, const char *why)
{
	struct figure *f = new_figure(name, unit, F_MEDIAN);

	if (f)
		f->missing = why;
}

/* Shell sort: small, and good enough for a few thousand samples. */
static void sort_u64(u64 *a, int n)
{
	for (int gap = n / 2; gap > 0; gap /= 2) {
		for (int i = gap; i < n; i++) {
			u64 v = a[i];
			int j = i;

			for (; j >= gap && a[j - gap] > v; j -= gap)
				a[j] = a[j - gap];
			a[j] = v;
		}
	}
}

/* Median and nearest-rank 99th percentile of @n samples (sorts them). */
static void figure_from_samples(const char *name, u64 *s, int n, unsigned long calls,
				bool from_batches)
{
	struct figure *f = new_figure(name, "ns", F_MEDIAN);

	if (!f)
		return;
	if (n <= 0) {
		f->missing = "no samples";
		return;
	}
	sort_u64(s, n);
	f->median = s[n / 2];
	f->p99 = s[(n * 99 + 99) / 100 - 1];
	f->n = calls;
	f->batched = from_batches;
}

/* The smallest step ktime_get_ns() makes. */
static u64 clock_resolution(void)
{
	u64 best = U64_MAX;

	for (int i = 0; i < 5; i++) {
		u64 a = now(), b;

		while ((b = now()) == a)
			;
		best = min(best, b - a);
	}
	return best;
}

/*
 * How long a batch must last for the clock to time it to a few percent.
 * Batches last at least BATCH_TICKS milliseconds even with a fine clock
 * (batch=1 on Linux), so that both kernels are timed alike: the same
 * share of ticks, softirqs and deferred frees falls inside each batch.
 */
static u64 batch_target(void)
{
	return max_t(u64, clock_res, NSEC_PER_MSEC) * (quick ? 4 : BATCH_TICKS);
}

/* Is group @name to run? (all of them unless `only` lists some) */
static bool wanted(const char *name)
{
	size_t n = strlen(name);

	if (!only || !*only)
		return true;
	for (const char *p = only; *p; p++) {
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]) &&
		    (p == only || p[-1] == ','))
			return true;
	}
	return false;
}

/* --- The threads' side -------------------------------------------------- */

struct probe {
	u64 t;			/* when the thread did its part */
	bool go;		/* wake_latency: a wake-up is meant */
	struct completion done;
};

/* Sleeps in schedule() until kthread_stop(). */
static void wait_for_stop(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

/* create_first_run, lifecycle, stop_sleeping: note the first line, tell
 * the creator, then wait to be stopped. */
static int probe_fn(void *data)
{
	struct probe *p = data;

	p->t = now();
	complete(&p->done);
	wait_for_stop();
	return 0;
}

/* churn and switch_at_scale's blocked threads: only wait to be stopped. */
static int idle_fn(void *data)
{
	wait_for_stop();
	return 0;
}

/*
 * Lets @k run until it is off the run queue: blocked in schedule().
 * yield() is enough on Spindle; Linux's CFS may pick the yielding task
 * again when @k is far behind in virtual time, so after a few tries this
 * sleeps a tick instead of spinning until the tick preempts it.
 */
static void wait_blocked(struct task_struct *k)
{
	for (int tries = 0; READ_ONCE(k->on_rq); tries++) {
		if (tries < 4)
			yield();
		else
			schedule_timeout_uninterruptible(1);
	}
}

/* --- create_first_run, create_return ------------------------------------ */

/* @k calls of kthread_run(), each waiting for the new thread's first
 * line; the threads are stopped afterwards, untimed. */
static int run_create(int k, u64 *first, u64 *ret, u64 *total)
{
	struct task_struct **ts = vzalloc(k * sizeof(*ts));
	struct probe *p = vzalloc(sizeof(*p));
	int err = 0, i;
	u64 start = now();

	if (!ts || !p) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < k; i++) {
		u64 t0, t1;

		init_completion(&p->done);
		t0 = now();
		ts[i] = kthread_run(probe_fn, p, "kbench-create");
		t1 = now();
		if (IS_ERR(ts[i])) {
			err = PTR_ERR(ts[i]);
			ts[i] = NULL;
			break;
		}
		wait_for_completion(&p->done);
		if (first)
			*first = p->t - t0;
		if (ret)
			*ret = t1 - t0;
	}
	*total = now() - start;
	for (i = 0; i < k && ts[i]; i++)
		kthread_stop(ts[i]);
out:
	vfree(p);
	vfree(ts);
	return err;
}

/* --- lifecycle ---------------------------------------------------------- */

static int run_lifecycle(int k, u64 *total)
{
	struct probe *p = vzalloc(sizeof(*p));
	u64 start = now();

	if (!p)
		return -ENOMEM;
	for (int i = 0; i < k; i++) {
		struct task_struct *t;

		init_completion(&p->done);
		t = kthread_create(probe_fn, p, "kbench-life");
		if (IS_ERR(t)) {
			vfree(p);
			return PTR_ERR(t);
		}
		wake_up_process(t);
		wait_for_completion(&p->done);
		kthread_stop(t);
	}
	*total = now() - start;
	vfree(p);
	return 0;
}

/* --- stop_sleeping ------------------------------------------------------ */

/* Makes @k threads that run and block in schedule(), then times stopping
 * them all. */
static int run_stop(int k, u64 *total)
{
	struct task_struct **ts = vzalloc(k * sizeof(*ts));
	struct probe *p = vzalloc(sizeof(*p));
	int err = 0, made = 0;
	u64 start;

	if (!ts || !p) {
		err = -ENOMEM;
		goto out;
	}
	for (; made < k; made++) {
		init_completion(&p->done);
		ts[made] = kthread_run(probe_fn, p, "kbench-stop");
		if (IS_ERR(ts[made])) {
			err = PTR_ERR(ts[made]);
			break;
		}
		wait_for_completion(&p->done);
	}
	for (int i = 0; i < made; i++)
		wait_blocked(ts[i]);
	start = now();
	for (int i = 0; i < made; i++)
		kthread_stop(ts[i]);
	*total = now() - start;
out:
	vfree(p);
	vfree(ts);
	return err;
}

/* --- wake_latency ------------------------------------------------------- */

/* Sleeps until woken with p->go set; notes the time it runs again. */
static int wake_fn(void *data)
{
	struct probe *p = data;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		if (!READ_ONCE(p->go)) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		p->t = now();
		WRITE_ONCE(p->go, false);
		complete(&p->done);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* @k wake-ups of a thread blocked in schedule(); the waker then waits
 * on a completion, which gives the thread the CPU. @each gets the last
 * wake-to-running time. */
static int run_wake(int k, u64 *each, u64 *total)
{
	struct probe *p = vzalloc(sizeof(*p));
	struct task_struct *t;
	u64 start;

	if (!p)
		return -ENOMEM;
	t = kthread_run(wake_fn, p, "kbench-wake");
	if (IS_ERR(t)) {
		vfree(p);
		return PTR_ERR(t);
	}
	start = now();
	for (int i = 0; i < k; i++) {
		u64 t0;

		wait_blocked(t);
		init_completion(&p->done);
		WRITE_ONCE(p->go, true);
		t0 = now();
		wake_up_process(t);
		wait_for_completion(&p->done);
		if (each)
			*each = p->t - t0;
	}
	*total = now() - start;
	kthread_stop(t);
	vfree(p);
	return 0;
}

/* --- switch and switch_at_scale ----------------------------------------- */

/* Two threads hand the CPU back and forth: A passes the turn to B and
 * sleeps until it comes back; B does the same. One round trip is two
 * context switches. A times @samples groups of @rounds round trips. */
struct pingpong {
	struct task_struct *a, *b;
	int turn;			/* 0: A's, 1: B's */
	bool quit;
	int rounds, samples;
	u64 *out;			/* ns per switch, one per sample */
	struct completion done;
};

static void pp_wait_turn(struct pingpong *pp, int me)
{
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(pp->turn) == me || READ_ONCE(pp->quit))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static void pp_pass(struct pingpong *pp, int to, struct task_struct *t)
{
	WRITE_ONCE(pp->turn, to);
	wake_up_process(t);
}

static int pp_a(void *data)
{
	struct pingpong *pp = data;

	for (int s = 0; s < pp->samples; s++) {
		u64 t0 = now();

		for (int r = 0; r < pp->rounds; r++) {
			pp_pass(pp, 1, pp->b);
			pp_wait_turn(pp, 0);
		}
		pp->out[s] = (now() - t0) / (2 * pp->rounds);
	}
	WRITE_ONCE(pp->quit, true);
	wake_up_process(pp->b);
	complete(&pp->done);
	wait_for_stop();
	return 0;
}

static int pp_b(void *data)
{
	struct pingpong *pp = data;

	for (;;) {
		pp_wait_turn(pp, 1);
		if (READ_ONCE(pp->quit))
			break;
		pp_pass(pp, 0, pp->a);
	}
	wait_for_stop();
	return 0;
}

/* Makes the pair, not yet woken; @fifo makes both SCHED_FIFO (priority 1). */
static struct pingpong *pp_create(int rounds, int samples, bool fifo, u64 *out)
{
	struct pingpong *pp = vzalloc(sizeof(*pp));

	if (!pp)
		return NULL;
	pp->rounds = rounds;
	pp->samples = samples;
	pp->out = out;
	init_completion(&pp->done);
	pp->a = kthread_create(pp_a, pp, "kbench-ping");
	pp->b = kthread_create(pp_b, pp, "kbench-pong");
	if (IS_ERR(pp->a) || IS_ERR(pp->b)) {
		if (!IS_ERR(pp->a))
			kthread_stop(pp->a);
		if (!IS_ERR(pp->b))
			kthread_stop(pp->b);
		vfree(pp);
		return NULL;
	}
	if (fifo) {
		sched_set_fifo_low(pp->a);
		sched_set_fifo_low(pp->b);
	}
	return pp;
}

static void pp_run(struct pingpong *pp)
{
	wake_up_process(pp->b);
	wake_up_process(pp->a);
	wait_for_completion(&pp->done);
}

static void pp_destroy(struct pingpong *pp)
{
	kthread_stop(pp->a);
	kthread_stop(pp->b);
	vfree(pp);
}

static int run_pingpong(int rounds, int samples, bool fifo, u64 *out)
{
	struct pingpong *pp = pp_create(rounds, samples, fifo, out);

	if (!pp)
		return -ENOMEM;
	pp_run(pp);
	pp_destroy(pp);
	return 0;
}

/* The other threads of switch_at_scale: blocked in schedule(), or, in
 * the runnable phase, spinning (they never get the CPU from the FIFO
 * pair, but they are on the run queue). */
enum { PHASE_SLEEP, PHASE_RUN };
static int scale_phase;

/*
 * Wakes the @n other threads into the runnable phase. This task turns
 * SCHED_FIFO first, so that none of them runs: they only wait on the run
 * queue, in the fair class, while the FIFO pair switches.
 */
static void others_runnable(struct task_struct **ts, int n)
{
	sched_set_fifo_low(current);
	WRITE_ONCE(scale_phase, PHASE_RUN);
	for (int i = 0; i < n; i++)
		wake_up_process(ts[i]);
}

/* Back to sleep: each runs once, sees the phase and blocks again. */
static void others_blocked(struct task_struct **ts, int n)
{
	WRITE_ONCE(scale_phase, PHASE_SLEEP);
	sched_set_normal(current, 0);
	for (int i = 0; i < n; i++)
		wait_blocked(ts[i]);
}

/*
 * ns per switch: median (and p99) over samples of SWITCH_ROUNDS round
 * trips, or over batches as long as the clock needs. With @nr_others
 * threads in @others, they are made runnable around the measurement
 * (and the pair is FIFO); the pair is created before that, since
 * creating needs kthreadd, which is fair.
 */
static void measure_switch(const char *name, bool fifo, struct task_struct **others,
			   int nr_others)
{
	int n = batched ? BATCH_SAMPLES : max(reps / 4, 8);
	int rounds = SWITCH_ROUNDS;
	u64 *s = vzalloc(n * sizeof(*s));
	struct pingpong *pp;

	if (!s) {
		figure_missing(name, "ns", "out of memory");
		return;
	}
	if (batched) {
		u64 one;

		/* Find how many round trips fill a batch. */
		for (rounds = 64;; rounds *= 4) {
			if (run_pingpong(rounds, 1, fifo, &one))
				break;
			if (one * 2 * rounds >= batch_target() || rounds >= (1 << 22))
				break;
		}
	}
	pp = pp_create(rounds, n, fifo, s);
	if (!pp) {
		figure_missing(name, "ns", "could not create the threads");
		vfree(s);
		return;
	}
	if (others)
		others_runnable(others, nr_others);
	pp_run(pp);
	pp_destroy(pp);
	if (others)
		others_blocked(others, nr_others);
	figure_from_samples(name, s, n, (unsigned long)n * rounds * 2, batched);
	vfree(s);
}

static int scale_fn(void *data)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		if (READ_ONCE(scale_phase) != PHASE_RUN) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		while (READ_ONCE(scale_phase) == PHASE_RUN && !kthread_should_stop())
			cond_resched();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* Switch cost with @n other threads blocked, then with them runnable.
 * Runnable: the measuring pair is SCHED_FIFO, so the @n fair threads
 * wait on the run queue while the pair switches (the only way a module
 * can keep runnable threads from taking the CPU). */
static void measure_at_scale(struct task_struct **ts, int n)
{
	char name[40];

	snprintf(name, sizeof(name), "switch_at_scale_blocked_%d", n);
	measure_switch(name, false, NULL, 0);
	snprintf(name, sizeof(name), "switch_at_scale_runnable_%d", n);
	measure_switch(name, true, ts, n);
}

static void bench_scale(void)
{
	static const int levels[] = { 0, 100, 1000, 10000 };
	struct task_struct **ts = vzalloc(max(scale, 1) * sizeof(*ts));
	int made = 0;

	if (!ts) {
		figure_missing("switch_at_scale", "ns", "out of memory");
		return;
	}
	for (unsigned int l = 0; l < ARRAY_SIZE(levels) && levels[l] <= scale; l++) {
		for (; made < levels[l]; made++) {
			ts[made] = kthread_run(scale_fn, NULL, "kbench-other");
			if (IS_ERR(ts[made]))
				break;
		}
		if (made < levels[l]) {
			figure_missing("switch_at_scale", "ns", "could not create the threads");
			break;
		}
		for (int i = 0; i < made; i++)
			wait_blocked(ts[i]);
		measure_at_scale(ts, made);
	}
	for (int i = 0; i < made; i++)
		kthread_stop(ts[i]);
	vfree(ts);
}

/* --- churn and mem_per_kthread ----------------------------------------- */

struct mem_snap {
	unsigned long free, stack_kb, slab_pages, pt_pages;
};

static void mem_snapshot(struct mem_snap *m)
{
	struct sysinfo si;

	si_meminfo(&si);
	m->free = si.freeram * si.mem_unit;
	m->stack_kb = global_node_page_state(NR_KERNEL_STACK_KB);
	m->slab_pages = global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B) +
			global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B);
	m->pt_pages = global_node_page_state(NR_PAGETABLE);
}

/* Per-thread difference, in bytes (negative differences read as 0). */
static u64 per_thread(long before, long after, long scale_to_bytes, int n)
{
	long d = (after - before) * scale_to_bytes;

	return d > 0 ? (u64)d / n : 0;
}

/* Stack + slab + page tables per thread, from the allocators' counters
 * (MemFree's drop is shown too: on Linux it misses pages that move
 * through the per-CPU page lists, so it is noisier). */
static void mem_figure(const struct mem_snap *a, const struct mem_snap *b, int n)
{
	struct figure *f = new_figure("mem_per_kthread", "bytes", F_VALUE);
	u64 stack = per_thread(a->stack_kb, b->stack_kb, 1024, n);
	u64 slab = per_thread(a->slab_pages, b->slab_pages, PAGE_SIZE, n);
	u64 pt = per_thread(a->pt_pages, b->pt_pages, PAGE_SIZE, n);

	if (!f)
		return;
	f->value = stack + slab + pt;
	f->n = n;
	figure_extra(f, "stack", stack);
	figure_extra(f, "slab", slab);
	figure_extra(f, "pagetables", pt);
	figure_extra(f, "memfree_drop", per_thread(b->free, a->free, 1, n));
}

static void rate_figure(const char *name, unsigned long threads, u64 ns)
{
	struct figure *f = new_figure(name, "threads/s", F_VALUE);

	if (!f)
		return;
	if (!ns) {
		f->missing = "took less than one clock tick";
		return;
	}
	f->value = (u64)threads * 1000000000ULL / ns;
	f->n = threads;
	figure_extra(f, "ns_each", ns / threads);
}

/* @churn threads created with kthread_run() (each runs and blocks), then
 * all stopped; the first round also gives the memory each one holds.
 * With a coarse clock, rounds repeat until both directions fill enough
 * clock ticks. */
static void bench_churn(void)
{
	struct task_struct **ts = vzalloc(churn * sizeof(*ts));
	u64 create_ns = 0, stop_ns = 0, cold_create = 0, cold_stop = 0;
	struct mem_snap before, after;
	int round, n = churn;

	if (!ts) {
		figure_missing("churn_create", "threads/s", "out of memory");
		return;
	}
	for (round = 0; round < MAX_CHURN_ROUNDS; round++) {
		u64 t0, t1, t2;
		int made;

		if (!batched && round == CHURN_ROUNDS)
			break;
		/* Coarse clock: each direction must add up to 4 batches, so
		 * that the clock's step (and a host hiccup) is a few percent. */
		if (batched && round >= CHURN_ROUNDS &&
		    min(create_ns, stop_ns) >= 4 * batch_target())
			break;
		mem_snapshot(&before);
		t0 = now();
		for (made = 0; made < n; made++) {
			ts[made] = kthread_run(idle_fn, NULL, "kbench-churn");
			if (IS_ERR(ts[made]))
				break;
		}
		t1 = now();
		for (int i = 0; i < made; i++)
			wait_blocked(ts[i]);
		mem_snapshot(&after);
		t2 = now();
		for (int i = 0; i < made; i++)
			kthread_stop(ts[i]);
		stop_ns += now() - t2;
		create_ns += t1 - t0;
		if (made < n) {
			figure_missing("churn_create", "threads/s", "could not create the threads");
			vfree(ts);
			return;
		}
		if (round == 0) {
			cold_create = t1 - t0;
			cold_stop = stop_ns;
			mem_figure(&before, &after, n);
		}
	}
	rate_figure("churn_create", (unsigned long)n * round, create_ns);
	rate_figure("churn_stop", (unsigned long)n * round, stop_ns);
	if (batched) {
		figure_missing("churn_create_cold", "threads/s", "clock too coarse for one round");
		figure_missing("churn_stop_cold", "threads/s", "clock too coarse for one round");
	} else {
		rate_figure("churn_create_cold", n, cold_create);
		rate_figure("churn_stop_cold", n, cold_stop);
	}
	vfree(ts);
}

/* --- Single-call figures ------------------------------------------------ */

typedef int (*batch_fn)(int k, u64 *total);

static int create_batch(int k, u64 *total)
{
	return run_create(k, NULL, NULL, total);
}

/* With a coarse clock: grows the batch until it lasts batch_target(),
 * then takes BATCH_SAMPLES batches; each gives its mean per call. */
static void batched_figure(const char *name, batch_fn fn, int cap)
{
	u64 s[BATCH_SAMPLES], total = 0;
	int k = 1;

	for (;;) {
		if (fn(k, &total)) {
			figure_missing(name, "ns", "could not create the threads");
			return;
		}
		if (total >= batch_target() || k >= cap)
			break;
		if (total)
			k = min_t(u64, cap, k * batch_target() / total * 5 / 4 + 1);
		else
			k = min(cap, k * 8);
	}
	for (int i = 0; i < BATCH_SAMPLES; i++) {
		if (fn(k, &total)) {
			figure_missing(name, "ns", "could not create the threads");
			return;
		}
		s[i] = total / k;
	}
	figure_from_samples(name, s, BATCH_SAMPLES, (unsigned long)k * BATCH_SAMPLES, true);
}

static void bench_single_calls(void)
{
	u64 *a = vzalloc(reps * sizeof(u64)), *b = vzalloc(reps * sizeof(u64));
	u64 total;
	int i;

	if (!a || !b)
		goto out;
	if (batched) {
		if (wanted("create")) {
			batched_figure("create_first_run", create_batch, MAX_BATCH);
			figure_missing("create_return", "ns", "clock too coarse for single calls");
		}
		if (wanted("lifecycle"))
			batched_figure("lifecycle", run_lifecycle, 1 << 20);
		if (wanted("stop"))
			batched_figure("stop_sleeping", run_stop, MAX_BATCH);
		/* One wake-up cannot be timed alone, and a batch of them times
		 * the waits for the thread to block again as well. */
		if (wanted("wake"))
			figure_missing("wake_latency", "ns",
				       "clock too coarse for single calls (see switch)");
		goto out;
	}
	if (wanted("create")) {
		for (i = 0; i < reps; i++)
			if (run_create(1, &a[i], &b[i], &total))
				break;
		figure_from_samples("create_first_run", a, i, i, false);
		figure_from_samples("create_return", b, i, i, false);
	}
	if (wanted("lifecycle")) {
		for (i = 0; i < reps; i++)
			if (run_lifecycle(1, &a[i]))
				break;
		figure_from_samples("lifecycle", a, i, i, false);
	}
	if (wanted("stop")) {
		for (i = 0; i < reps; i++)
			if (run_stop(1, &a[i]))
				break;
		figure_from_samples("stop_sleeping", a, i, i, false);
	}
	if (wanted("wake")) {
		for (i = 0; i < reps; i++)
			if (run_wake(1, &a[i], &total))
				break;
		figure_from_samples("wake_latency", a, i, i, false);
	}
out:
	vfree(a);
	vfree(b);
}

/* --- Output ------------------------------------------------------------- */

/* " name=value" (or JSON ", \"name\": value") for each extra number. */
static void format_extras(const struct figure *f, char *buf, size_t size, bool json)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < f->nx && len < size; i++)
		len += scnprintf(buf + len, size - len, json ? ", \"%s\": %llu" : " %s=%llu",
				 f->xname[i], (unsigned long long)f->xval[i]);
}

static void print_figure(const struct figure *f)
{
	char x[128];

	format_extras(f, x, sizeof(x), false);
	if (f->missing)
		pr_info("kbench: figure=%s unit=%s missing=\"%s\"\n", f->name, f->unit,
			f->missing);
	else if (f->kind == F_VALUE)
		pr_info("kbench: figure=%s unit=%s value=%llu n=%lu%s\n", f->name,
			f->unit, (unsigned long long)f->value, f->n, x);
	else if (f->batched)
		pr_info("kbench: figure=%s unit=%s median=%llu p99=none n=%lu how=batch\n",
			f->name, f->unit, (unsigned long long)f->median, f->n);
	else
		pr_info("kbench: figure=%s unit=%s median=%llu p99=%llu n=%lu how=call\n",
			f->name, f->unit, (unsigned long long)f->median,
			(unsigned long long)f->p99, f->n);
}

/* The same figures as one JSON object, a line at a time (printk lines
 * are short); the harness joins the lines after "kbench-json: ". */
static void print_json_figure(const struct figure *f, bool last)
{
	const char *sep = last ? "" : ",";
	char x[160];

	format_extras(f, x, sizeof(x), true);
	if (f->missing)
		pr_info("kbench-json: \"%s\": {\"unit\": \"%s\", \"missing\": \"%s\"}%s\n",
			f->name, f->unit, f->missing, sep);
	else if (f->kind == F_VALUE)
		pr_info("kbench-json: \"%s\": {\"unit\": \"%s\", \"value\": %llu, \"n\": %lu%s}%s\n",
			f->name, f->unit, (unsigned long long)f->value, f->n, x, sep);
	else if (f->batched)
		pr_info("kbench-json: \"%s\": {\"unit\": \"%s\", \"median\": %llu, \"p99\": null, \"n\": %lu, \"how\": \"batch\"}%s\n",
			f->name, f->unit, (unsigned long long)f->median, f->n, sep);
	else
		pr_info("kbench-json: \"%s\": {\"unit\": \"%s\", \"median\": %llu, \"p99\": %llu, \"n\": %lu, \"how\": \"call\"}%s\n",
			f->name, f->unit, (unsigned long long)f->median,
			(unsigned long long)f->p99, f->n, sep);
}

static void print_results(void)
{
	pr_info("kbench: clock_resolution_ns=%llu how=%s reps=%d scale=%d churn=%d quick=%d\n",
		(unsigned long long)clock_res, batched ? "batch" : "call", reps, scale,
		churn, quick);
	for (int i = 0; i < nr_figs; i++)
		print_figure(&figs[i]);
	pr_info("kbench-json: {\"clock_resolution_ns\": %llu, \"how\": \"%s\", \"reps\": %d, \"scale\": %d, \"churn\": %d, \"figures\": {\n",
		(unsigned long long)clock_res, batched ? "batch" : "call", reps, scale, churn);
	for (int i = 0; i < nr_figs; i++)
		print_json_figure(&figs[i], i == nr_figs - 1);
	pr_info("kbench-json: }}\n");
	pr_info("kbench: done\n");
}

static int kbench_main(void *unused)
{
	clock_res = clock_resolution();
	batched = batch || clock_res > FINE_CLOCK_NS;
	/* Memory first, while the allocators are as the boot left them. */
	if (wanted("churn"))
		bench_churn();
	bench_single_calls();
	if (wanted("switch"))
		measure_switch("switch", false, NULL, 0);
	if (wanted("scale"))
		bench_scale();
	print_results();
	complete(&bench_done);
	wait_for_stop();
	return 0;
}

static int __init kbench_init(void)
{
	struct task_struct *t;

	if (quick) {
		reps = min(reps, 20);
		scale = min(scale, 100);
		churn = min(churn, 100);
	}
	reps = max(reps, 1);
	churn = max(churn, 1);
	nr_figs = 0;
	init_completion(&bench_done);
	pr_info("kbench: start\n");
	t = kthread_run(kbench_main, NULL, "kbench");
	if (IS_ERR(t))
		return PTR_ERR(t);
	wait_for_completion(&bench_done);
	kthread_stop(t);
	return 0;
}

static void __exit kbench_exit(void)
{
}

module_init(kbench_init);
module_exit(kbench_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Spindle");
MODULE_DESCRIPTION("Kernel thread benchmarks, the same source for Spindle and Linux");
