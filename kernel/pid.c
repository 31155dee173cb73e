/*
 * Process IDs, after Linux's kernel/pid.c: numbers are handed out in
 * increasing order and wrap at pid_max to RESERVED_PIDS, so a freed PID
 * is not reused until the counter comes round (a stale PID then names
 * nothing rather than some newer task). PID 0 is the boot CPU's idle task.
 * Locking: the callers (attach_task() in fork.c and exit_notify() in
 * exit.c) hold tasklist_lock, which also guards the map; readers of the
 * table (find_task_by_pid) take no lock.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <spindle/pid.h>

static unsigned long pidmap[PID_MAX_DEFAULT / 64];
static struct task_struct *pid_table[PID_MAX_DEFAULT];
static int last_pid;

static bool pid_used(int pid)
{
	return pidmap[pid / 64] & (1UL << (pid % 64));
}

/* Next free PID after last_pid, wrapping once; -1 if none. */
static int next_free_pid(void)
{
	int pid = last_pid + 1;

	for (int tries = 0; tries < PID_MAX_DEFAULT; tries++, pid++) {
		if (pid >= PID_MAX_DEFAULT)
			pid = RESERVED_PIDS;
		if (!pid_used(pid))
			return pid;
	}
	return -1;
}

/**
 * alloc_pid - give @p the next PID
 * Return: the PID, or -EAGAIN when all pid_max PIDs are in use.
 */
int alloc_pid(struct task_struct *p)
{
	int pid = next_free_pid();

	if (pid >= 0) {
		pidmap[pid / 64] |= 1UL << (pid % 64);
		WRITE_ONCE(pid_table[pid], p);
		last_pid = pid;
		p->pid = pid;
	}
	return pid >= 0 ? pid : -EAGAIN;
}

void free_pid(int pid)
{
	if (WARN_ON(pid <= 0 || pid >= PID_MAX_DEFAULT))
		return;
	pidmap[pid / 64] &= ~(1UL << (pid % 64));
	WRITE_ONCE(pid_table[pid], NULL);
}

void exchange_pids(struct task_struct *a, struct task_struct *b)
{
	pid_t pid_a = a->pid;

	WRITE_ONCE(pid_table[pid_a], b);
	WRITE_ONCE(pid_table[b->pid], a);
	a->pid = b->pid;
	b->pid = pid_a;
}

struct task_struct *find_task_by_pid(pid_t pid)
{
	if (pid == 0)
		return &init_task;
	if (pid < 0 || pid >= PID_MAX_DEFAULT)
		return NULL;
	return READ_ONCE(pid_table[pid]);
}

/* The PID given last (/proc/loadavg's last field). */
int pid_last_nr(void)
{
	return READ_ONCE(last_pid);
}

/* Tests: make the next PID come after @pid, as if the counter had run. */
void pid_set_last(int pid)
{
	last_pid = pid;
}
