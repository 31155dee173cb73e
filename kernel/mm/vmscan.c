/*
 * Page reclaim, after Linux's mm/vmscan.c: kswapd0, the node's reclaim
 * thread, and the shrinker API. An allocation that leaves a zone below
 * its low watermark wakes kswapd (page_alloc.c: wakeup_kswapd()); kswapd
 * shrinks caches, easing off the priority from DEF_PRIORITY toward 0
 * (asking for a larger share each round), until every zone is above its
 * high watermark or nothing more can be freed, then sleeps. An allocation
 * that finds no page at all shrinks caches itself once (direct reclaim).
 *
 * Differs from Linux: Spindle has no page cache, anonymous memory or
 * swap, so there are no LRU lists to scan: all reclaimable memory sits in
 * caches behind shrinkers (freed kernel stacks kept for reuse, in
 * kernel/fork.c; empty slabs, below). One node, so one kswapd.
 * Locking: shrinker_mutex guards the shrinker list and is held across a
 * shrink; direct reclaim only tries it (an allocation may not sleep).
 */
#include <linux/swap.h>
#include <linux/shrinker.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/mmzone.h>
#include <linux/mutex.h>
#include <linux/mm.h>
#include <linux/init.h>
#include <linux/vmstat.h>
#include <spindle/mm.h>

#define DEF_PRIORITY 12		/* first round asks for 1/4096 of a cache */
#define SHRINK_BATCH 128

static LIST_HEAD(shrinker_list);
static DEFINE_MUTEX(shrinker_mutex);
#define MAX_RECLAIM_RETRIES 16	/* fruitless kswapd runs before it rests */

static struct task_struct *kswapd_thread;
static bool kswapd_woken;
static int kswapd_failures;	/* reset when direct reclaim makes progress */
static unsigned long vm_events[NR_VM_EVENT_ITEMS];

static void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	__atomic_add_fetch(&vm_events[item], delta, __ATOMIC_RELAXED);
}

unsigned long vm_event(enum vm_event_item item)
{
	return __atomic_load_n(&vm_events[item], __ATOMIC_RELAXED);
}

/**
 * register_shrinker - let reclaim shrink a cache
 * @shrinker: count_objects and scan_objects set; seeks 0 means DEFAULT_SEEKS
 * @fmt: its name, printf-style (Linux 6.0+ names shrinkers)
 *
 * Context: process context; sleeps.
 * Return: 0.
 */
int register_shrinker(struct shrinker *shrinker, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vscnprintf(shrinker->name, sizeof(shrinker->name), fmt, args);
	va_end(args);
	if (!shrinker->seeks)
		shrinker->seeks = DEFAULT_SEEKS;
	mutex_lock(&shrinker_mutex);
	list_add_tail(&shrinker->list, &shrinker_list);
	mutex_unlock(&shrinker_mutex);
	return 0;
}

/* Once it returns, reclaim no longer calls @shrinker. Sleeps. */
void unregister_shrinker(struct shrinker *shrinker)
{
	mutex_lock(&shrinker_mutex);
	list_del_init(&shrinker->list);
	mutex_unlock(&shrinker_mutex);
}

/*
 * Asks one shrinker for its share at @priority (Linux's do_shrink_slab()):
 * freeable >> priority, scaled by 4 / seeks, at least the whole cache
 * when that is smaller than a batch at priority 0, in batches.
 * Return: objects freed.
 */
static unsigned long do_shrink_slab(struct shrinker *shrinker, gfp_t gfp, int priority)
{
	struct shrink_control sc = { .gfp_mask = gfp, .nid = 0 };
	long batch = shrinker->batch ? shrinker->batch : SHRINK_BATCH;
	unsigned long freeable, total_scan, freed = 0;

	freeable = shrinker->count_objects(shrinker, &sc);
	if (freeable == 0 || freeable == SHRINK_EMPTY)
		return 0;
	total_scan = (freeable >> priority) * 4 / shrinker->seeks;
	if (!priority || total_scan > freeable)
		total_scan = freeable;
	while (total_scan) {
		unsigned long ret;

		sc.nr_to_scan = min(total_scan, (unsigned long)batch);
		sc.nr_scanned = sc.nr_to_scan;
		ret = shrinker->scan_objects(shrinker, &sc);
		if (ret == SHRINK_STOP)
			break;
		freed += ret;
		count_vm_events(SLABS_SCANNED, sc.nr_scanned);
		total_scan -= min(total_scan, sc.nr_scanned);
	}
	return freed;
}

/* Every shrinker once. Caller holds shrinker_mutex. Return: objects freed. */
static unsigned long shrink_slab(gfp_t gfp, int priority)
{
	struct shrinker *shrinker;
	unsigned long freed = 0;

	list_for_each_entry(shrinker, &shrinker_list, list)
		freed += do_shrink_slab(shrinker, gfp, priority);
	return freed;
}

/* Is every zone with memory above its high watermark (pgdat_balanced())? */
static bool pgdat_balanced(void)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		if (zone->managed_pages &&
		    READ_ONCE(zone->free_pages) < high_wmark_pages(zone))
			return false;
	}
	return true;
}

/*
 * balance_pgdat - kswapd's work: shrink until the node is balanced
 *
 * Priority falls from DEF_PRIORITY to 0, each round asking for a larger
 * share; it stops early once balanced or when a round at priority 0
 * freed nothing.
 */
static void balance_pgdat(void)
{
	unsigned long before = nr_free_pages();

	count_vm_events(PAGEOUTRUN, 1);
	mutex_lock(&shrinker_mutex);
	for (int priority = DEF_PRIORITY; priority >= 0; priority--) {
		if (pgdat_balanced())
			break;
		shrink_slab(GFP_KERNEL, priority);
	}
	mutex_unlock(&shrinker_mutex);
	if (nr_free_pages() > before)
		count_vm_events(KSWAPD_RECLAIMED, nr_free_pages() - before);
	else if (!pgdat_balanced())
		WRITE_ONCE(kswapd_failures, kswapd_failures + 1);
}

/* kswapd0 (Linux's kswapd()): sleep until woken, balance, repeat. */
static int kswapd(void *unused)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!__atomic_exchange_n(&kswapd_woken, false, __ATOMIC_ACQ_REL)) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		balance_pgdat();
	}
	return 0;
}

/**
 * wakeup_kswapd - an allocation took @zone below its low watermark
 * @zone: the zone
 * @gfp: the allocation's flags
 * @order: its order
 *
 * Context: any (the page allocator, interrupts included); does not sleep.
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp, unsigned int order)
{
	struct task_struct *tsk = READ_ONCE(kswapd_thread);

	/* As Linux: after MAX_RECLAIM_RETRIES runs that freed nothing, waking
	 * kswapd on every allocation would only burn the CPU. */
	if (!tsk || READ_ONCE(kswapd_woken) ||
	    READ_ONCE(kswapd_failures) >= MAX_RECLAIM_RETRIES)
		return;
	WRITE_ONCE(kswapd_woken, true);
	wake_up_process(tsk);
}

struct task_struct *kswapd_task(void)
{
	return kswapd_thread;
}

/*
 * try_to_free_pages - direct reclaim, for an allocation that found nothing
 *
 * One pass over the shrinkers at priority 0, if no one else is shrinking.
 * The caller (alloc_pages()) checked it may: not atomic, no lock held.
 * A shrinker's own allocation (PF_MEMALLOC) does not reclaim again.
 */
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order)
{
	unsigned long before = nr_free_pages(), freed;

	if (current->flags & PF_MEMALLOC)
		return 0;
	count_vm_events(ALLOCSTALL, 1);
	if (!mutex_trylock(&shrinker_mutex))
		return 0;
	current->flags |= PF_MEMALLOC;
	shrink_slab(gfp, 0);
	current->flags &= ~PF_MEMALLOC;
	mutex_unlock(&shrinker_mutex);
	freed = nr_free_pages() > before ? nr_free_pages() - before : 0;
	count_vm_events(DIRECT_RECLAIMED, freed);
	if (freed)
		WRITE_ONCE(kswapd_failures, 0);
	return freed;
}

/* The slabs' spare empty pages (kernel/mm/slab.c keeps one per cache). */
static unsigned long slab_empty_count(struct shrinker *s, struct shrink_control *sc)
{
	unsigned long n = kmem_cache_count_empty();

	return n ? n : SHRINK_EMPTY;
}

static unsigned long slab_empty_scan(struct shrinker *s, struct shrink_control *sc)
{
	return kmem_cache_shrink_all();
}

static struct shrinker slab_empty_shrinker = {
	.count_objects = slab_empty_count,
	.scan_objects = slab_empty_scan,
	.seeks = DEFAULT_SEEKS,
};

static const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PAGEOUTRUN] = "pageoutrun",
	[SLABS_SCANNED] = "slabs_scanned",
	[ALLOCSTALL] = "allocstall",
	[KSWAPD_RECLAIMED] = "kswapd_reclaimed",
	[DIRECT_RECLAIMED] = "direct_reclaimed",
};

/* /proc/vmstat: "name value" lines, the counters Spindle has. */
int vmstat_show(struct seq_file *m, void *v)
{
	seq_printf(m, "nr_free_pages %lu\n", nr_free_pages());
	seq_printf(m, "nr_slab_unreclaimable %lu\n",
		   global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B));
	seq_printf(m, "nr_kernel_stack %lu\n",
		   global_node_page_state_pages(NR_KERNEL_STACK_KB));
	seq_printf(m, "nr_page_table_pages %lu\n",
		   global_node_page_state_pages(NR_PAGETABLE));
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vm_event_names[i], vm_event(i));
	return 0;
}

/* The shell's vmstat adds each zone's free pages and watermarks
 * (Linux shows these in /proc/zoneinfo). */
int zone_watermarks_show(struct seq_file *m, void *v)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		if (zone->managed_pages)
			seq_printf(m, "zone %-6s free %lu min %lu low %lu high %lu\n",
				   zone->name, READ_ONCE(zone->free_pages),
				   min_wmark_pages(zone), low_wmark_pages(zone),
				   high_wmark_pages(zone));
	}
	return 0;
}

/* A module_init() in Linux (device level): kswapd0 late in the boot. */
static int __init kswapd_init(void)
{
	struct task_struct *k;

	register_shrinker(&slab_empty_shrinker, "slab-empty");
	k = kthread_run(kswapd, NULL, "kswapd0");
	if (IS_ERR(k))
		return PTR_ERR(k);
	WRITE_ONCE(kswapd_thread, k);
	return 0;
}
device_initcall(kswapd_init);
