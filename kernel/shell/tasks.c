/*
 * The shell's views of tasks: ps (with procps' -o column choice), pstree
 * and top, read under tasklist_lock, in the spirit of procps reading
 * /proc. top copies what it needs under the lock and prints after.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <spindle/shell.h>
#include <spindle/tty.h>
#include <spindle/task.h>
#include <spindle/sched.h>

/* ps's state letter, as Linux's task_state_array. */
char task_state_letter(const struct task_struct *p)
{
	unsigned int state = READ_ONCE(p->__state);

	if (state == TASK_RUNNING)
		return 'R';
	if (state & TASK_DEAD)
		return 'Z';
	if (state & TASK_PARKED)
		return 'P';
	if (state & TASK_FROZEN)	/* D, as the refrigerator showed before 6.1 */
		return 'D';
	if ((state & TASK_IDLE) == TASK_IDLE)
		return 'I';
	if (state & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (state & TASK_INTERRUPTIBLE)
		return 'S';
	return '?';
}

/**
 * shell_get_task - find a task by PID and hold on to it
 * @pid: the PID
 *
 * The PID table entry is cleared under tasklist_lock before the task's
 * last reference can go (exit_notify()), so a task found under the lock
 * is alive long enough for get_task_struct().
 * Return: the task with a reference the caller drops with
 * put_task_struct(), or NULL if no task has @pid.
 */
struct task_struct *shell_get_task(int pid)
{
	struct task_struct *p;
	unsigned long flags;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(pid);
	if (p)
		get_task_struct(p);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

static bool rt_task(const struct task_struct *p)
{
	return p->policy == SCHED_FIFO || p->policy == SCHED_RR;
}

static void fmt_nice(char *buf, size_t n, const struct task_struct *p)
{
	if (rt_task(p) || is_idle_task(p))
		strlcpy(buf, "-", n);
	else
		snprintf(buf, n, "%d", task_nice(p));
}

static const char *policy_name(const struct task_struct *p)
{
	if (is_idle_task(p))
		return "IDLE";
	switch (p->policy) {
	case SCHED_FIFO:
		return "FIFO";
	case SCHED_RR:
		return "RR";
	case SCHED_BATCH:
		return "BATCH";
	}
	return "OTHER";
}

/* One ps column: its header (right-aligned to its width, unless < 0). */
struct ps_column {
	const char *name, *header;
	int width;
	void (*fmt)(char *buf, size_t n, const struct task_struct *p);
};

static void col_pid(char *b, size_t n, const struct task_struct *p)
{
	snprintf(b, n, "%d", p->pid);
}

static void col_ppid(char *b, size_t n, const struct task_struct *p)
{
	snprintf(b, n, "%d", p->real_parent ? p->real_parent->pid : 0);
}

static void col_state(char *b, size_t n, const struct task_struct *p)
{
	snprintf(b, n, "%c", task_state_letter(p));
}

static void col_cpu(char *b, size_t n, const struct task_struct *p)
{
	snprintf(b, n, "%d", task_cpu(p));
}

static void col_prio(char *b, size_t n, const struct task_struct *p)
{
	snprintf(b, n, "%d", p->prio);
}

static void col_policy(char *b, size_t n, const struct task_struct *p)
{
	strlcpy(b, policy_name(p), n);
}

static void col_time(char *b, size_t n, const struct task_struct *p)
{
	u64 ms = p->se.sum_exec_runtime / 1000000;

	snprintf(b, n, "%llu.%03llu", (unsigned long long)(ms / 1000),
		 (unsigned long long)(ms % 1000));
}

static void col_nvcsw(char *b, size_t n, const struct task_struct *p)
{
	snprintf(b, n, "%lu", p->nvcsw);
}

static void col_nivcsw(char *b, size_t n, const struct task_struct *p)
{
	snprintf(b, n, "%lu", p->nivcsw);
}

/* As /proc/PID/stat: a busy or once-busy worker shows its workqueue
 * ("kworker/0:1+events"), task->comm itself is unchanged. */
static void col_comm(char *b, size_t n, const struct task_struct *p)
{
	wq_worker_comm(b, n, (struct task_struct *)p);
}

static const struct ps_column ps_columns[] = {
	{ "pid", "PID", 5, col_pid },
	{ "ppid", "PPID", 5, col_ppid },
	{ "state", "S", 1, col_state },
	{ "cpu", "CPU", 3, col_cpu },
	{ "nice", "NI", 3, fmt_nice },
	{ "prio", "PRI", 3, col_prio },
	{ "policy", "POL", -5, col_policy },
	{ "time", "TIME", 9, col_time },
	{ "nvcsw", "NVCSW", 7, col_nvcsw },
	{ "nivcsw", "NIVCSW", 7, col_nivcsw },
	{ "comm", "COMM", -15, col_comm },
};

#define PS_DEFAULT "pid,ppid,state,cpu,nice,time,comm"
#define PS_MAX_COLS 16

/* Turns "pid,comm" into column pointers; prints what is wrong. */
static int ps_parse_columns(const char *spec, const struct ps_column **cols)
{
	char list[SHELL_LINE_MAX], *p = list, *name;
	int n = 0;

	strlcpy(list, spec, sizeof(list));
	while ((name = strsep(&p, ",")) != NULL) {
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(ps_columns); i++)
			if (!strcmp(name, ps_columns[i].name))
				break;
		if (i == ARRAY_SIZE(ps_columns)) {
			tty_printf("ps: unknown column '%s'; 'help ps' lists them\n", name);
			return -EINVAL;
		}
		if (n == PS_MAX_COLS)
			return -E2BIG;
		cols[n++] = &ps_columns[i];
	}
	return n;
}

static void ps_cell(const struct ps_column *c, const char *text, bool last)
{
	int w = c->width;

	if (w < 0 && last)
		tty_printf("%s", text);
	else if (w < 0)
		tty_printf("%-*s", -w, text);
	else
		tty_printf("%*s", w, text);
	tty_printf(last ? "\n" : " ");
}

static void ps_line(const struct task_struct *p, const struct ps_column **cols, int n)
{
	char buf[64];	/* Linux's proc_task_name() buffer */

	for (int i = 0; i < n; i++) {
		cols[i]->fmt(buf, sizeof(buf), p);
		ps_cell(cols[i], buf, i == n - 1);
	}
}

/* ps [-o COL,COL...] */
int cmd_ps(int argc, char **argv)
{
	const struct ps_column *cols[PS_MAX_COLS];
	struct task_struct *p;
	unsigned long flags;
	int n;

	if (argc == 3 && !strcmp(argv[1], "-o"))
		n = ps_parse_columns(argv[2], cols);
	else if (argc == 1)
		n = ps_parse_columns(PS_DEFAULT, cols);
	else
		return shell_usage(argv[0]);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++)
		ps_cell(cols[i], cols[i]->header, i == n - 1);
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	ps_line(&init_task, cols, n);
	list_for_each_entry(p, &init_task.tasks, tasks)
		ps_line(p, cols, n);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* Prints @p and its children below it; @prefix holds the tree lines. */
static void pstree_print(const struct task_struct *p, char *prefix, size_t len,
			 bool last, bool root)
{
	const struct task_struct *child;
	char comm[64];
	size_t n = len;

	wq_worker_comm(comm, sizeof(comm), (struct task_struct *)p);
	if (root) {
		tty_printf("%s(%d)\n", comm, p->pid);
	} else {
		tty_printf("%s%s%s(%d)\n", prefix, last ? "`-" : "|-", comm, p->pid);
		if (n + 3 < SHELL_LINE_MAX)
			n += scnprintf(prefix + n, SHELL_LINE_MAX - n, "%s",
				       last ? "  " : "| ");
	}
	list_for_each_entry(child, &p->children, sibling)
		pstree_print(child, prefix, n,
			     list_is_last(&child->sibling, &p->children), false);
	prefix[len] = '\0';
}

int cmd_pstree(int argc, char **argv)
{
	static char prefix[SHELL_LINE_MAX];
	unsigned long flags;

	if (argc > 1)
		return shell_usage(argv[0]);
	prefix[0] = '\0';
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	pstree_print(&init_task, prefix, 0, true, true);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* top: one row per task, copied under the lock. */
struct top_row {
	pid_t pid;
	char state;
	char nice[8];
	int prio;
	int cpu;
	u64 runtime, delta;	/* ns: total, and since the last screen */
	char comm[TASK_COMM_LEN];
};

#define TOP_MAX_TASKS 128
#define TOP_SHOWN 20

static struct top_row top_now[TOP_MAX_TASKS], top_before[TOP_MAX_TASKS];
static unsigned int top_n, top_before_n;

static void top_copy_one(const struct task_struct *p)
{
	struct top_row *r;

	if (top_n == TOP_MAX_TASKS)
		return;
	r = &top_now[top_n++];
	r->pid = p->pid;
	r->state = task_state_letter(p);
	fmt_nice(r->nice, sizeof(r->nice), p);
	r->prio = p->prio;
	r->cpu = task_cpu(p);
	r->runtime = p->se.sum_exec_runtime;
	strscpy(r->comm, p->comm, sizeof(r->comm));
}

static unsigned int top_snapshot(void)
{
	struct task_struct *p;
	unsigned long flags;
	unsigned int total = 1;

	top_n = 0;
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	top_copy_one(&init_task);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		top_copy_one(p);
		total++;
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return total;
}

/* CPU time since the last screen: against the same task then (the same
 * PID, and for PID 0 the same CPU's idle task: every swapper/N is PID 0). */
static void top_deltas(void)
{
	for (unsigned int i = 0; i < top_n; i++) {
		struct top_row *r = &top_now[i];

		r->delta = r->runtime;
		for (unsigned int j = 0; j < top_before_n; j++) {
			if (top_before[j].pid == r->pid && top_before[j].cpu == r->cpu &&
			    top_before[j].runtime <= r->runtime) {
				r->delta = r->runtime - top_before[j].runtime;
				break;
			}
		}
	}
}

/* Busiest first (insertion sort: a few dozen rows). */
static void top_sort(void)
{
	for (unsigned int i = 1; i < top_n; i++) {
		struct top_row r = top_now[i];
		unsigned int j = i;

		while (j && top_now[j - 1].delta < r.delta) {
			top_now[j] = top_now[j - 1];
			j--;
		}
		top_now[j] = r;
	}
}

/* Tenths of a percent of @part in @whole. */
static unsigned int permille(u64 part, u64 whole)
{
	return whole ? (unsigned int)min_t(u64, part * 1000 / whole, 1000) : 0;
}

/* "CPU0 12.3% busy, CPU1 0.4% busy": each CPU's time not spent in its
 * idle task (swapper/N, PID 0). */
static void top_print_busy(u64 interval)
{
	bool first = true;

	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		for (unsigned int i = 0; i < top_n; i++) {
			unsigned int busy;

			if (top_now[i].pid != 0 || top_now[i].cpu != cpu)
				continue;
			busy = 1000 - permille(top_now[i].delta, interval);
			tty_printf("%sCPU%d %u.%u%% busy", first ? "" : ", ", cpu,
				   busy / 10, busy % 10);
			first = false;
		}
	}
}

static void top_print(unsigned int total, u64 now, u64 interval)
{
	tty_printf("\033[2J\033[Htop - up %llu.%01llu s, %u tasks, ",
		   (unsigned long long)(now / 1000000000),
		   (unsigned long long)(now / 100000000 % 10), total);
	top_print_busy(interval);
	tty_printf(" (q or Ctrl-C quits)\n\n");
	tty_printf("  PID S  NI PRI  %%CPU      TIME COMMAND\n");
	for (unsigned int i = 0; i < top_n && i < TOP_SHOWN; i++) {
		const struct top_row *r = &top_now[i];
		unsigned int pm = permille(r->delta, interval);
		u64 ms = r->runtime / 1000000;

		tty_printf("%5d %c %3s %3d %3u.%u %5llu.%03llu %s\n", r->pid, r->state,
			   r->nice, r->prio, pm / 10, pm % 10,
			   (unsigned long long)(ms / 1000),
			   (unsigned long long)(ms % 1000), r->comm);
	}
}

/* top [-d SECS] [-n COUNT] */
int cmd_top(int argc, char **argv)
{
	int secs = 1, count = 0;
	u64 last = 0;

	for (int i = 1; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "-d")) {
			if (shell_parse_int(argv[0], "seconds", argv[++i], 1, 60, &secs))
				return -EINVAL;
		} else if (i + 1 < argc && !strcmp(argv[i], "-n")) {
			if (shell_parse_int(argv[0], "count", argv[++i], 1, 100000, &count))
				return -EINVAL;
		} else {
			return shell_usage(argv[0]);
		}
	}
	top_before_n = 0;
	for (int screen = 1;; screen++) {
		unsigned int total = top_snapshot();
		u64 now = ktime_get_ns();
		int c;

		top_deltas();
		memcpy(top_before, top_now, sizeof(top_now[0]) * top_n);
		top_before_n = top_n;
		top_sort();
		top_print(total, now, now - last);
		last = now;
		if (count && screen >= count)
			return 0;
		/* top owns the input while it runs: q quits, other keys refresh. */
		c = tty_getc_timeout(secs * 1000);
		if (c == 'q' || c == TTY_INTR)
			return 0;
	}
}
