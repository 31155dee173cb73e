/*
 * The shell's views of tasks: ps and pstree, read under tasklist_lock,
 * in the spirit of procps reading /proc.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <spindle/shell.h>
#include <spindle/tty.h>
#include <spindle/task.h>

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
	if ((state & TASK_IDLE) == TASK_IDLE)
		return 'I';
	if (state & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (state & TASK_INTERRUPTIBLE)
		return 'S';
	return '?';
}

static void ps_line(const struct task_struct *p)
{
	u64 ms = p->se.sum_exec_runtime / 1000000;
	char nice[8];

	if (p->policy == SCHED_FIFO || p->policy == SCHED_RR || is_idle_task(p))
		strlcpy(nice, "-", sizeof(nice));
	else
		snprintf(nice, sizeof(nice), "%d", task_nice(p));
	tty_printf("%5d %5d %c %3d %3s %5llu.%03llu %s\n", p->pid,
		   p->real_parent ? p->real_parent->pid : 0, task_state_letter(p),
		   task_cpu(p), nice, (unsigned long long)(ms / 1000),
		   (unsigned long long)(ms % 1000), p->comm);
}

int cmd_ps(int argc, char **argv)
{
	struct task_struct *p;
	unsigned long flags;

	if (argc > 1)
		return shell_usage(argv[0]);
	tty_printf("  PID  PPID S CPU  NI      TIME COMM\n");
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	ps_line(&init_task);
	list_for_each_entry(p, &init_task.tasks, tasks)
		ps_line(p);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* Prints @p and its children below it; @prefix holds the tree lines. */
static void pstree_print(const struct task_struct *p, char *prefix, size_t len,
			 bool last, bool root)
{
	const struct task_struct *child;
	size_t n = len;

	if (root) {
		tty_printf("%s(%d)\n", p->comm, p->pid);
	} else {
		tty_printf("%s%s%s(%d)\n", prefix, last ? "`-" : "|-", p->comm, p->pid);
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
