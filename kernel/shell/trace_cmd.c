/*
 * The `trace` command: starts and stops the event recorder
 * (kernel/trace.c), lists what it caught, and draws it as a mermaid
 * sequenceDiagram: the kthread creations (the requester, kthreadd, the
 * new thread) or the boot itself (swapper/0, init, kthreadd). The
 * diagram text renders as it is in any mermaid viewer; the tests check
 * it line by line against the small subset of the grammar it uses.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <spindle/shell.h>
#include <spindle/tty.h>
#include <spindle/trace.h>

#define MAX_PARTICIPANTS 8
#define MAX_FLOWS 8
#define MAX_DIAGRAM_LINES 160

static struct trace_event events[max(TRACE_RING_LEN, TRACE_BOOT_LEN)];

struct participant {
	pid_t pid;
	char name[TASK_COMM_LEN];
};

/* What a diagram shows: its tasks, and the events from @first on. */
struct diagram {
	struct participant who[MAX_PARTICIPANTS];
	unsigned int n, first, lines, skipped;
};

static char state_letter(long state)
{
	if (state == TASK_RUNNING)
		return 'R';
	if (state & TASK_DEAD)
		return 'Z';
	if (state & TASK_PARKED)
		return 'P';
	if (state & TASK_UNINTERRUPTIBLE)
		return 'D';
	return 'S';
}

/* One event in words, for `trace show`. */
static void describe(const struct trace_event *e, char *buf, size_t n)
{
	switch (e->type) {
	case TRACE_BOOT_MARK:
		snprintf(buf, n, "%s", e->text);
		break;
	case TRACE_NEW_TASK:
		snprintf(buf, n, "new task %s (PID %d)", e->tcomm, e->target);
		break;
	case TRACE_FIRST_RUN:
		snprintf(buf, n, "first run (after %s, PID %d)", e->tcomm, e->target);
		break;
	case TRACE_SWITCH:
		snprintf(buf, n, "switch to %s (PID %d); leaves in state %c", e->tcomm,
			 e->target, state_letter(e->arg));
		break;
	case TRACE_WAKEUP:
		snprintf(buf, n, "wake_up %s (PID %d)%s", e->tcomm, e->target,
			 e->arg ? " from an interrupt" : "");
		break;
	case TRACE_KTHREAD_QUEUE:
		snprintf(buf, n, "kthread_create(%s): request queued", e->tcomm);
		break;
	case TRACE_KTHREADD_WAKE:
		snprintf(buf, n, "kthreadd wakes, takes the requests");
		break;
	case TRACE_KTHREAD_CREATE:
		snprintf(buf, n, "create_kthread(%s): kernel_thread() = %ld", e->tcomm, e->arg);
		break;
	case TRACE_KTHREAD_READY:
		snprintf(buf, n, "kthread(): complete(done), sleep (D) until woken");
		break;
	case TRACE_KTHREAD_RUN:
		snprintf(buf, n, "threadfn(data) starts");
		break;
	case TRACE_KTHREAD_STOP:
		snprintf(buf, n, "kthread_stop(%s, PID %d)", e->tcomm, e->target);
		break;
	case TRACE_KTHREAD_STOPPED:
		snprintf(buf, n, "kthread_stop(%s) returned %ld", e->tcomm, e->arg);
		break;
	case TRACE_EXIT:
		snprintf(buf, n, "do_exit(%ld)", e->arg);
		break;
	default:
		snprintf(buf, n, "?");
	}
}

static void show(const struct trace_event *ev, unsigned int n, unsigned long dropped)
{
	char what[96];

	tty_printf("     TIME(s) CPU   PID COMM            EVENT\n");
	for (unsigned int i = 0; i < n; i++) {
		const struct trace_event *e = &ev[i];

		describe(e, what, sizeof(what));
		tty_printf("%5llu.%06llu %3u %5d %-15s %s\n",
			   (unsigned long long)(e->ts / 1000000000),
			   (unsigned long long)(e->ts % 1000000000 / 1000), e->cpu,
			   e->pid, e->comm, what);
	}
	tty_printf("%u events, %lu dropped\n", n, dropped);
}

static int find(const struct diagram *d, pid_t pid)
{
	for (unsigned int i = 0; i < d->n; i++)
		if (d->who[i].pid == pid)
			return i;
	return -1;
}

/* Mermaid reads ';' and '#' as syntax: names keep only plain characters. */
static void add(struct diagram *d, pid_t pid, const char *name)
{
	struct participant *p;

	if (pid < 0 || find(d, pid) >= 0 || d->n == MAX_PARTICIPANTS)
		return;
	p = &d->who[d->n++];
	p->pid = pid;
	strscpy(p->name, name, sizeof(p->name));
	for (char *c = p->name; *c; c++)
		if (!isalnum(*c) && !strchr("_-./", *c))
			*c = '_';
}

static void line(struct diagram *d, const char *fmt, ...) __printf(2, 3);

static void line(struct diagram *d, const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	if (d->lines++ >= MAX_DIAGRAM_LINES) {
		d->skipped++;
		return;
	}
	va_start(ap, fmt);
	vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	tty_printf("    %s\n", buf);
}

/* A context switch: an arrow between two shown tasks, else a note. */
static void draw_switch(struct diagram *d, const struct trace_event *e)
{
	bool from = find(d, e->pid) >= 0, to = find(d, e->target) >= 0;
	char s = state_letter(e->arg);

	if (from && to)
		line(d, "P%d-->>P%d: context switch (%s leaves in state %c)", e->pid,
		     e->target, e->comm, s);
	else if (to)
		line(d, "Note over P%d: scheduled in (after %s)", e->target, e->comm);
	else if (from)
		line(d, "Note over P%d: switched out (state %c) to %s", e->pid, s, e->tcomm);
}

static void draw_wakeup(struct diagram *d, const struct trace_event *e)
{
	bool from = find(d, e->pid) >= 0, to = find(d, e->target) >= 0;

	if (from && to && !e->arg)
		line(d, "P%d->>P%d: wake_up_process(%s)", e->pid, e->target, e->tcomm);
	else if (to)
		line(d, "Note over P%d: woken%s", e->target,
		     e->arg ? " by an interrupt (timer or input)" : " by another task");
}

/* Draws event @e if it concerns a shown task. */
static void draw(struct diagram *d, const struct trace_event *e)
{
	bool mine = find(d, e->pid) >= 0;

	if (e->type == TRACE_SWITCH)
		draw_switch(d, e);
	else if (e->type == TRACE_WAKEUP)
		draw_wakeup(d, e);
	if (!mine)
		return;
	switch (e->type) {
	case TRACE_BOOT_MARK:
		line(d, "Note over P%d: %s", e->pid, e->text);
		break;
	case TRACE_NEW_TASK:
		if (find(d, e->target) >= 0)
			line(d, "P%d->>P%d: kernel_thread(): new task PID %d", e->pid,
			     e->target, e->target);
		break;
	case TRACE_FIRST_RUN:
		line(d, "Note over P%d: first run: schedule_tail()", e->pid);
		break;
	case TRACE_KTHREAD_QUEUE:
		line(d, "P%d->>P%d: kthread_create(%s): request queued", e->pid,
		     find(d, 2) >= 0 ? 2 : e->pid, e->tcomm);
		break;
	case TRACE_KTHREADD_WAKE:
		line(d, "Note over P%d: kthreadd wakes and takes the requests", e->pid);
		break;
	case TRACE_KTHREAD_CREATE:
		if (e->arg < 0)
			line(d, "Note over P%d: create_kthread(%s) failed: %ld", e->pid,
			     e->tcomm, e->arg);
		break;
	case TRACE_KTHREAD_READY:
		line(d, "Note over P%d: kthread(): complete(done), then sleep in D", e->pid);
		break;
	case TRACE_KTHREAD_RUN:
		line(d, "Note over P%d: threadfn(data) starts", e->pid);
		break;
	case TRACE_KTHREAD_STOP:
		if (find(d, e->target) >= 0)
			line(d, "P%d->>P%d: kthread_stop(): SHOULD_STOP, wake, wait", e->pid,
			     e->target);
		break;
	case TRACE_KTHREAD_STOPPED:
		line(d, "Note over P%d: kthread_stop(%s) returned %ld", e->pid, e->tcomm,
		     e->arg);
		break;
	case TRACE_EXIT:
		line(d, "Note over P%d: do_exit(%ld): complete(exited)", e->pid, e->arg);
		break;
	}
}

static void render(struct diagram *d, const struct trace_event *ev, unsigned int n)
{
	tty_printf("sequenceDiagram\n");
	for (unsigned int i = 0; i < d->n; i++)
		tty_printf("    participant P%d as %s (PID %d)\n", d->who[i].pid,
			   d->who[i].name, d->who[i].pid);
	for (unsigned int i = d->first; i < n; i++)
		draw(d, &ev[i]);
	if (d->skipped)
		tty_printf("    Note over P%d: %u more lines not shown\n", d->who[0].pid,
			   d->skipped);
}

/* The new thread's PID for the request at @q: kthreadd serves in order. */
static pid_t created_pid(const struct trace_event *ev, unsigned int n, unsigned int q,
			 pid_t *taken, unsigned int nt)
{
	for (unsigned int i = q + 1; i < n; i++) {
		bool used = false;

		if (ev[i].type != TRACE_KTHREAD_CREATE || strcmp(ev[i].tcomm, ev[q].tcomm))
			continue;
		for (unsigned int j = 0; j < nt; j++)
			used |= taken[j] == ev[i].target;
		if (!used)
			return ev[i].target;
	}
	return -1;
}

/* The creations in the ring: requester, kthreadd, new thread, each. */
static int creation_diagram(struct diagram *d, const struct trace_event *ev,
			    unsigned int n, int want_pid)
{
	pid_t made[MAX_FLOWS];
	unsigned int flows = 0;
	int first = -1;

	for (unsigned int i = 0; i < n && flows < MAX_FLOWS; i++) {
		pid_t pid;

		if (ev[i].type != TRACE_KTHREAD_QUEUE)
			continue;
		pid = created_pid(ev, n, i, made, flows);
		made[flows++] = pid;
		if (want_pid >= 0 && pid != want_pid)
			continue;
		if (first < 0)
			first = i;
		add(d, ev[i].pid, ev[i].comm);
		add(d, 2, "kthreadd");
		if (pid >= 0)
			add(d, pid, ev[i].tcomm);
	}
	if (first < 0)
		return -ENODATA;
	d->first = first;
	return 0;
}

/* The boot: swapper/0, init, kthreadd, and whatever they created. */
static void boot_diagram(struct diagram *d, const struct trace_event *ev,
			 unsigned int n)
{
	add(d, 0, "swapper/0");
	add(d, 1, "init");
	add(d, 2, "kthreadd");
	for (unsigned int i = 0; i < n; i++)
		if (ev[i].type == TRACE_NEW_TASK && find(d, ev[i].pid) >= 0)
			add(d, ev[i].target, ev[i].tcomm);
}

static int cmd_mermaid(int argc, char **argv)
{
	struct diagram d = { 0 };
	unsigned long dropped;
	unsigned int n = trace_copy(false, events, ARRAY_SIZE(events), &dropped);
	int pid = -1;

	if (argc == 3 && shell_parse_int("trace mermaid", "PID", argv[2], 0, 32767, &pid))
		return -EINVAL;
	if (creation_diagram(&d, events, n, pid)) {
		tty_printf("trace mermaid: no kthread creation%s recorded; try 'trace start', "
			   "'kthread create NAME', 'trace stop'\n",
			   pid >= 0 ? " of that PID" : "");
		return -ENODATA;
	}
	render(&d, events, n);
	if (dropped)
		tty_printf("(%lu older events were overwritten)\n", dropped);
	return 0;
}

static int cmd_boot(int argc, char **argv)
{
	struct diagram d = { 0 };
	unsigned long dropped;
	unsigned int n = trace_copy(true, events, ARRAY_SIZE(events), &dropped);

	if (argc == 3 && !strcmp(argv[2], "show")) {
		show(events, n, dropped);
		return 0;
	}
	if (argc != 2)
		return shell_usage(argv[0]);
	boot_diagram(&d, events, n);
	render(&d, events, n);
	if (dropped)
		tty_printf("(the boot recording keeps the first %d events; %lu more "
			   "were not kept)\n", TRACE_BOOT_LEN, dropped);
	return 0;
}

static int status(void)
{
	unsigned long dropped, boot_dropped;
	unsigned int n = trace_copy(false, events, ARRAY_SIZE(events), &dropped);
	unsigned int nb = trace_copy(true, events, ARRAY_SIZE(events), &boot_dropped);

	tty_printf("trace: %s; ring: %u events, %lu dropped; boot: %u events, %lu not kept\n",
		   READ_ONCE(trace_flags) & TRACE_ON ? "recording" : "stopped", n, dropped,
		   nb, boot_dropped);
	return 0;
}

int cmd_trace(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	unsigned long dropped;
	unsigned int n;

	if (argc == 1)
		return status();
	if (!strcmp(sub, "start") && argc == 2) {
		trace_start();
		tty_printf("trace: recording into a ring of %d events (the oldest are "
			   "overwritten)\n", TRACE_RING_LEN);
		return 0;
	}
	if (!strcmp(sub, "stop") && argc == 2) {
		trace_stop();
		return status();
	}
	if (!strcmp(sub, "show") && argc == 2) {
		n = trace_copy(false, events, ARRAY_SIZE(events), &dropped);
		show(events, n, dropped);
		return 0;
	}
	if (!strcmp(sub, "mermaid") && argc <= 3)
		return cmd_mermaid(argc, argv);
	if (!strcmp(sub, "boot") && argc <= 3)
		return cmd_boot(argc, argv);
	return shell_usage(argv[0]);
}

const char *trace_cmd_complete(unsigned int i)
{
	static const char *const subs[] = { "start", "stop", "show", "mermaid", "boot" };

	return i < ARRAY_SIZE(subs) ? subs[i] : NULL;
}
