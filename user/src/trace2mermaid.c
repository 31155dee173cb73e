/*
 * trace2mermaid: draws the kthread creations that tracefs's trace file
 * recorded as a mermaid sequenceDiagram, exactly as the kernel shell's
 * `trace mermaid` does (kernel/shell/trace_cmd.c): same participants,
 * same arrows and notes, line for line. With --boot it draws the boot
 * recording (boot_trace) as `trace boot` does.
 *
 *	echo 1 > /sys/kernel/tracing/tracing_on
 *	echo "create demo" > /sys/kernel/debug/kthread/control
 *	echo 0 > /sys/kernel/tracing/tracing_on
 *	trace2mermaid [--boot] [PID] [FILE]
 *
 * The trace lines (kernel/trace_output.c) are
 *	"            comm-pid     [cpu] secs.usecs: event: target=T arg=A tcomm=NAME"
 * with "text=STEP" in place of tcomm= for a boot step.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TASK_COMM_LEN 16
#define MAX_EVENTS 4096
#define MAX_PARTICIPANTS 8
#define MAX_FLOWS 8
#define MAX_DIAGRAM_LINES 160
#define TRACE_BOOT_LEN 1024

/* The scheduler's task states (include/linux/sched.h), for the letters. */
#define TASK_RUNNING 0x0000
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_PARKED 0x0040
#define TASK_DEAD 0x0080

struct event {
	char type[24];
	int pid, target;
	long arg;
	char comm[TASK_COMM_LEN], tcomm[TASK_COMM_LEN];
	char text[128];
};

struct participant {
	int pid;
	char name[TASK_COMM_LEN];
};

struct diagram {
	struct participant who[MAX_PARTICIPANTS];
	unsigned int n, first, lines, skipped;
};

static struct event events[MAX_EVENTS];
static unsigned long entries, written;

static bool is(const struct event *e, const char *type)
{
	return !strcmp(e->type, type);
}

/* Splits one event line; false for anything else (headers). */
static bool parse_event(char *line, struct event *e)
{
	char *bracket = strstr(line, " ["), *dash, *colon, *rest, *p;
	char *start = line;

	if (line[0] == '#' || !bracket)
		return false;
	while (*start == ' ')
		start++;
	for (dash = bracket; dash > start && *dash != '-'; dash--)
		;
	if (dash == start)
		return false;
	*dash = '\0';
	snprintf(e->comm, sizeof(e->comm), "%.15s", start);
	e->pid = atoi(dash + 1);
	colon = strstr(bracket, ": ");	/* after the time stamp */
	if (!colon)
		return false;
	rest = colon + 2;
	p = strstr(rest, ": ");
	if (!p)
		return false;
	*p = '\0';
	snprintf(e->type, sizeof(e->type), "%.23s", rest);
	rest = p + 2;
	if (sscanf(rest, "target=%d arg=%ld", &e->target, &e->arg) != 2)
		return false;
	rest[strcspn(rest, "\n")] = '\0';
	e->tcomm[0] = e->text[0] = '\0';
	if ((p = strstr(rest, " tcomm=")))
		snprintf(e->tcomm, sizeof(e->tcomm), "%.15s", p + 7);
	else if ((p = strstr(rest, " text=")))
		snprintf(e->text, sizeof(e->text), "%.127s", p + 6);
	return true;
}

static unsigned int read_events(FILE *f)
{
	char line[512];
	unsigned int n = 0;

	while (fgets(line, sizeof(line), f) && n < MAX_EVENTS) {
		if (sscanf(line, "# entries-in-buffer/entries-written: %lu/%lu", &entries,
			   &written) == 2)
			continue;
		if (parse_event(line, &events[n]))
			n++;
	}
	return n;
}

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

static int find(const struct diagram *d, int pid)
{
	for (unsigned int i = 0; i < d->n; i++)
		if (d->who[i].pid == pid)
			return i;
	return -1;
}

static void add(struct diagram *d, int pid, const char *name)
{
	struct participant *p;

	if (pid < 0 || find(d, pid) >= 0 || d->n == MAX_PARTICIPANTS)
		return;
	p = &d->who[d->n++];
	p->pid = pid;
	snprintf(p->name, sizeof(p->name), "%s", name);
	for (char *c = p->name; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("_-./", *c))
			*c = '_';
}

static void line(struct diagram *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void line(struct diagram *d, const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	if (d->lines++ >= MAX_DIAGRAM_LINES) {
		d->skipped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("    %s\n", buf);
}

static void draw_switch(struct diagram *d, const struct event *e)
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

static void draw_wakeup(struct diagram *d, const struct event *e)
{
	bool from = find(d, e->pid) >= 0, to = find(d, e->target) >= 0;

	if (from && to && !e->arg)
		line(d, "P%d->>P%d: wake_up_process(%s)", e->pid, e->target, e->tcomm);
	else if (to)
		line(d, "Note over P%d: woken%s", e->target,
		     e->arg ? " by an interrupt (timer or input)" : " by another task");
}

static void draw(struct diagram *d, const struct event *e)
{
	if (is(e, "switch"))
		draw_switch(d, e);
	else if (is(e, "wakeup"))
		draw_wakeup(d, e);
	if (find(d, e->pid) < 0)
		return;
	if (is(e, "boot"))
		line(d, "Note over P%d: %s", e->pid, e->text);
	else if (is(e, "new_task") && find(d, e->target) >= 0)
		line(d, "P%d->>P%d: kernel_thread(): new task PID %d", e->pid, e->target,
		     e->target);
	else if (is(e, "first_run"))
		line(d, "Note over P%d: first run: schedule_tail()", e->pid);
	else if (is(e, "kthread_create"))
		line(d, "P%d->>P%d: kthread_create(%s): request queued", e->pid,
		     find(d, 2) >= 0 ? 2 : e->pid, e->tcomm);
	else if (is(e, "kthreadd_wake"))
		line(d, "Note over P%d: kthreadd wakes and takes the requests", e->pid);
	else if (is(e, "kthreadd_create") && e->arg < 0)
		line(d, "Note over P%d: create_kthread(%s) failed: %ld", e->pid, e->tcomm,
		     e->arg);
	else if (is(e, "kthread_ready"))
		line(d, "Note over P%d: kthread(): complete(done), then sleep in D", e->pid);
	else if (is(e, "kthread_run"))
		line(d, "Note over P%d: threadfn(data) starts", e->pid);
	else if (is(e, "kthread_stop") && find(d, e->target) >= 0)
		line(d, "P%d->>P%d: kthread_stop(): SHOULD_STOP, wake, wait", e->pid,
		     e->target);
	else if (is(e, "kthread_stopped"))
		line(d, "Note over P%d: kthread_stop(%s) returned %ld", e->pid, e->tcomm,
		     e->arg);
	else if (is(e, "exit"))
		line(d, "Note over P%d: do_exit(%ld): complete(exited)", e->pid, e->arg);
}

static void render(struct diagram *d, unsigned int n)
{
	printf("sequenceDiagram\n");
	for (unsigned int i = 0; i < d->n; i++)
		printf("    participant P%d as %s (PID %d)\n", d->who[i].pid,
		       d->who[i].name, d->who[i].pid);
	for (unsigned int i = d->first; i < n; i++)
		draw(d, &events[i]);
	if (d->skipped)
		printf("    Note over P%d: %u more lines not shown\n", d->who[0].pid,
		       d->skipped);
}

/* The new thread's PID for the request at @q: kthreadd serves in order. */
static int created_pid(unsigned int n, unsigned int q, const int *taken, unsigned int nt)
{
	for (unsigned int i = q + 1; i < n; i++) {
		bool used = false;

		if (!is(&events[i], "kthreadd_create") ||
		    strcmp(events[i].tcomm, events[q].tcomm))
			continue;
		for (unsigned int j = 0; j < nt; j++)
			used |= taken[j] == events[i].target;
		if (!used)
			return events[i].target;
	}
	return -1;
}

static int creation_diagram(struct diagram *d, unsigned int n, int want_pid)
{
	int made[MAX_FLOWS], first = -1;
	unsigned int flows = 0;

	for (unsigned int i = 0; i < n && flows < MAX_FLOWS; i++) {
		int pid;

		if (!is(&events[i], "kthread_create"))
			continue;
		pid = created_pid(n, i, made, flows);
		made[flows++] = pid;
		if (want_pid >= 0 && pid != want_pid)
			continue;
		if (first < 0)
			first = i;
		add(d, events[i].pid, events[i].comm);
		add(d, 2, "kthreadd");
		if (pid >= 0)
			add(d, pid, events[i].tcomm);
	}
	if (first < 0)
		return -1;
	d->first = first;
	return 0;
}

static void boot_diagram(struct diagram *d, unsigned int n)
{
	add(d, 0, "swapper/0");
	add(d, 1, "init");
	add(d, 2, "kthreadd");
	for (unsigned int i = 0; i < n; i++)
		if (is(&events[i], "new_task") && find(d, events[i].pid) >= 0)
			add(d, events[i].target, events[i].tcomm);
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	struct diagram d = { 0 };
	unsigned int n;
	bool boot = false;
	int pid = -1;
	FILE *f;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--boot"))
			boot = true;
		else if (isdigit((unsigned char)argv[i][0]))
			pid = atoi(argv[i]);
		else
			path = argv[i];
	}
	if (!path)
		path = boot ? "/sys/kernel/tracing/boot_trace" : "/sys/kernel/tracing/trace";
	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		perror(path);
		return 1;
	}
	n = read_events(f);
	if (boot) {
		boot_diagram(&d, n);
		render(&d, n);
		if (written > entries)
			printf("(the boot recording keeps the first %d events; %lu more "
			       "were not kept)\n", TRACE_BOOT_LEN, written - entries);
		return 0;
	}
	if (creation_diagram(&d, n, pid)) {
		fprintf(stderr, "trace2mermaid: no kthread creation%s in %s; try: echo 1 > "
			"tracing_on; echo 'create NAME' > /sys/kernel/debug/kthread/control; "
			"echo 0 > tracing_on\n", pid >= 0 ? " of that PID" : "", path);
		return 1;
	}
	render(&d, n);
	if (written > entries)
		printf("(%lu older events were overwritten)\n", written - entries);
	return 0;
}
