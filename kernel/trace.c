/*
 * The event recorder behind the shell's `trace` command: a fixed-size
 * ring of struct trace_event (include/spindle/trace.h) that keeps the
 * newest events and counts the ones it overwrote, as Linux's ring buffer
 * does in overwrite mode; and a separate boot recording that keeps the
 * first TRACE_BOOT_LEN events from start_kernel() until the shell starts.
 *
 * Simplified: one ring for all CPUs under one lock, not per-CPU buffers.
 * Locking: trace_lock (raw, irqsave); hooks run in any context,
 * including with rq->lock held, and never take another lock.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <spindle/trace.h>

/* From the first instant: the boot is recorded until the shell starts. */
unsigned int trace_flags = TRACE_BOOT;

struct trace_buffer {
	struct trace_event *events;
	unsigned int len;
	bool overwrite;		/* ring (keep newest) or keep the first */
	u64 written;		/* events ever offered */
};

static struct trace_event ring_events[TRACE_RING_LEN];
static struct trace_event boot_events[TRACE_BOOT_LEN];
static struct trace_buffer ring = { ring_events, TRACE_RING_LEN, true, 0 };
static struct trace_buffer boot = { boot_events, TRACE_BOOT_LEN, false, 0 };
static DEFINE_RAW_SPINLOCK(trace_lock);
static u32 trace_seq;

static const char *const type_names[TRACE_NR_TYPES] = {
	[TRACE_BOOT_MARK] = "boot",
	[TRACE_NEW_TASK] = "new_task",
	[TRACE_FIRST_RUN] = "first_run",
	[TRACE_SWITCH] = "switch",
	[TRACE_WAKEUP] = "wakeup",
	[TRACE_KTHREAD_QUEUE] = "kthread_create",
	[TRACE_KTHREADD_WAKE] = "kthreadd_wake",
	[TRACE_KTHREAD_CREATE] = "kthreadd_create",
	[TRACE_KTHREAD_READY] = "kthread_ready",
	[TRACE_KTHREAD_RUN] = "kthread_run",
	[TRACE_KTHREAD_STOP] = "kthread_stop",
	[TRACE_KTHREAD_STOPPED] = "kthread_stopped",
	[TRACE_EXIT] = "exit",
};

const char *trace_type_name(enum trace_type type)
{
	return type < TRACE_NR_TYPES ? type_names[type] : "?";
}

/* The slot for the next event, or NULL when a keep-first buffer is full. */
static struct trace_event *next_slot(struct trace_buffer *b)
{
	u64 n = b->written++;

	if (n >= b->len && !b->overwrite)
		return NULL;
	return &b->events[n % b->len];
}

static void fill(struct trace_event *e, enum trace_type type, pid_t target,
		 const char *tcomm, long arg, const char *text)
{
	struct task_struct *curr = current;

	e->ts = ktime_get_ns();
	e->seq = trace_seq++;
	e->type = type;
	e->cpu = smp_processor_id();
	e->pid = curr->pid;
	e->target = target;
	e->arg = arg;
	e->text = text;
	strscpy(e->comm, curr->comm, sizeof(e->comm));
	strscpy(e->tcomm, tcomm ?: "", sizeof(e->tcomm));
}

/* Called by the inline hooks when recording is on. Context: any. */
void __trace_event(enum trace_type type, pid_t target, const char *tcomm,
		   long arg, const char *text)
{
	struct trace_buffer *b;
	struct trace_event *e;
	unsigned long flags;

	/* A full boot recording keeps nothing more: skip the lock. */
	if (READ_ONCE(trace_flags) == TRACE_BOOT && READ_ONCE(boot.written) >= boot.len) {
		__atomic_add_fetch(&boot.written, 1, __ATOMIC_RELAXED);
		return;
	}
	raw_spin_lock_irqsave(&trace_lock, flags);
	b = trace_flags & TRACE_BOOT ? &boot : trace_flags & TRACE_ON ? &ring : NULL;
	e = b ? next_slot(b) : NULL;
	if (e)
		fill(e, type, target, tcomm, arg, text);
	raw_spin_unlock_irqrestore(&trace_lock, flags);
}

static void set_flags(unsigned int clear, unsigned int set)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&trace_lock, flags);
	WRITE_ONCE(trace_flags, (trace_flags & ~clear) | set);
	raw_spin_unlock_irqrestore(&trace_lock, flags);
}

void trace_boot_end(void)
{
	trace_boot_mark("the shell starts: boot recording ends");
	set_flags(TRACE_BOOT, 0);
}

void trace_start(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&trace_lock, flags);
	ring.written = 0;
	WRITE_ONCE(trace_flags, trace_flags | TRACE_ON);
	raw_spin_unlock_irqrestore(&trace_lock, flags);
}

void trace_stop(void)
{
	set_flags(TRACE_ON, 0);
}

/* tracing_on (trace_output.c): no clearing; turning on ends the boot
 * recording, which busybox's boot never ends (no kernel shell starts). */
void trace_set_on(bool on)
{
	if (on)
		set_flags(TRACE_BOOT, TRACE_ON);
	else
		set_flags(TRACE_ON, 0);
}

/* Empties the ring ("echo > trace"). */
void trace_clear(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&trace_lock, flags);
	ring.written = 0;
	raw_spin_unlock_irqrestore(&trace_lock, flags);
}

unsigned int trace_copy(bool from_boot, struct trace_event *out, unsigned int max,
			unsigned long *dropped)
{
	struct trace_buffer *b = from_boot ? &boot : &ring;
	unsigned long flags;
	unsigned int n, first;

	raw_spin_lock_irqsave(&trace_lock, flags);
	n = min_t(u64, b->written, b->len);
	/* A ring that wrapped starts at its oldest surviving event. */
	first = b->overwrite && b->written > b->len ? b->written % b->len : 0;
	*dropped = b->written - n;
	n = min(n, max);
	for (unsigned int i = 0; i < n; i++)
		out[i] = b->events[(first + i) % b->len];
	raw_spin_unlock_irqrestore(&trace_lock, flags);
	return n;
}
