/*
 * The `kthread` command: make demo kernel threads with the kthread API
 * and drive them by hand (stop, park, unpark, nice), printing each call's
 * result and its errno name. Linux has no such command; it is the seed
 * chapter's module turned into something a student can type.
 *
 * What is refused, and why (Linux's answer where it has one):
 *  - PID 0 (idle), 1 (init), 2 (kthreadd): -EPERM; the kernel cannot
 *    lose them (do_exit() panics for each).
 *  - a PID with no task (never used, or exited): -ESRCH, as kill(2).
 *  - a task that is not a kernel thread: -EINVAL.
 *  - stop/park/unpark of a kthread not made here: -EPERM. Only its
 *    creator may kthread_stop() it (it holds the task; a second stop
 *    would use a freed task), and only threads that call
 *    kthread_parkme() can be parked: kthread_park() of another would
 *    wait forever. The demo threads below are known to do both.
 *  - numbers out of range, negative PIDs: -EINVAL with the range.
 * Locking: demo_lock guards the registry; the shell is its only user.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/cpumask.h>
#include <spindle/shell.h>
#include <spindle/tty.h>
#include <spindle/task.h>
#include <spindle/pid.h>
#include <spindle/sched.h>

#define DEMO_MAX 32

enum demo_work { WORK_SLEEP, WORK_SPIN, WORK_COUNT, WORK_YIELD };

static const char *const work_names[] = {
	[WORK_SLEEP] = "sleep", [WORK_SPIN] = "spin",
	[WORK_COUNT] = "count", [WORK_YIELD] = "yield",
};

/* A thread made by `kthread create`; holds a reference on its task. */
struct demo_thread {
	struct list_head list;
	struct task_struct *task;
	enum demo_work work;
	unsigned int period_ms;
	unsigned long loops;	/* written by the thread only */
	bool parked;
};

static LIST_HEAD(demo_threads);
static unsigned int nr_demo;
static DEFINE_MUTEX(demo_lock);

/* One round of the thread's work. */
static void demo_work_once(struct demo_thread *d)
{
	d->loops++;
	switch (d->work) {
	case WORK_SLEEP:
		/* Interruptible: kthread_stop() and kthread_park() wake it. */
		schedule_timeout_interruptible(msecs_to_jiffies(d->period_ms));
		break;
	case WORK_SPIN:
		cpu_relax();	/* only preemption takes the CPU from it */
		break;
	case WORK_COUNT:
		if (!(d->loops % 1024))
			cond_resched();
		break;
	case WORK_YIELD:
		yield();
		break;
	}
}

/* The demo thread: works until stopped, parks when asked. */
static int demo_thread_fn(void *data)
{
	struct demo_thread *d = data;

	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			kthread_parkme();
			continue;
		}
		demo_work_once(d);
		if (d->work == WORK_SLEEP)
			pr_debug("%s: loop %lu\n", current->comm, d->loops);
	}
	return 0;
}

static int result(int err)
{
	tty_printf("result: %d (%s)\n", err, shell_errname(err));
	return err;
}

/* Caller holds demo_lock. */
static struct demo_thread *demo_find(const struct task_struct *p)
{
	struct demo_thread *d;

	list_for_each_entry(d, &demo_threads, list)
		if (d->task == p)
			return d;
	return NULL;
}

struct create_args {
	const char *name;
	int cpu, nice, fifo, period;
	enum demo_work work;
};

static int parse_work(const char *s, enum demo_work *w)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(work_names); i++) {
		if (!strcmp(s, work_names[i])) {
			*w = i;
			return 0;
		}
	}
	tty_printf("kthread create: unknown work '%s' (sleep spin count yield)\n", s);
	return -EINVAL;
}

static int check_name(const char *name)
{
	if (strlen(name) >= TASK_COMM_LEN) {
		tty_printf("kthread create: '%s' is longer than %d characters "
			   "(TASK_COMM_LEN)\n", name, TASK_COMM_LEN - 1);
		return -ENAMETOOLONG;
	}
	for (const char *p = name; *p; p++) {
		if (!isalnum(*p) && !strchr("_-./", *p)) {
			tty_printf("kthread create: names use letters, digits and _-./\n");
			return -EINVAL;
		}
	}
	if (name[0] == '-') {
		tty_printf("kthread create: the name comes first\n");
		return -EINVAL;
	}
	return 0;
}

/* One --option VALUE pair of kthread create. */
static int parse_option(struct create_args *a, const char *opt, const char *val)
{
	const char *c = "kthread create";

	if (!strcmp(opt, "--cpu"))
		return shell_parse_int(c, "CPU", val, 0, NR_CPUS - 1, &a->cpu);
	if (!strcmp(opt, "--nice"))
		return shell_parse_int(c, "nice value", val, MIN_NICE, MAX_NICE, &a->nice);
	if (!strcmp(opt, "--fifo"))
		return shell_parse_int(c, "FIFO priority", val, 1, MAX_RT_PRIO - 1, &a->fifo);
	if (!strcmp(opt, "--period"))
		return shell_parse_int(c, "period (ms)", val, 1, 3600000, &a->period);
	if (!strcmp(opt, "--work"))
		return parse_work(val, &a->work);
	return shell_usage("kthread");
}

static int parse_create(int argc, char **argv, struct create_args *a)
{
	int err;

	*a = (struct create_args){ .cpu = -1, .period = -1, .work = WORK_SLEEP };
	if (argc < 3 || argc % 2 == 0)
		return shell_usage(argv[0]);
	a->name = argv[2];
	err = check_name(a->name);
	for (int i = 3; !err && i < argc; i += 2)
		err = parse_option(a, argv[i], argv[i + 1]);
	if (err)
		return err;
	if (a->cpu >= 0 && !cpu_online(a->cpu)) {
		tty_printf("kthread create: CPU %d is not online (%u CPUs run)\n", a->cpu,
			   num_online_cpus());
		return -EINVAL;
	}
	if (a->period >= 0 && a->work != WORK_SLEEP) {
		tty_printf("kthread create: --period is the sleep of --work sleep\n");
		return -EINVAL;
	}
	if (a->fifo && a->work != WORK_SLEEP) {
		tty_printf("kthread create: --fifo needs --work sleep: a real-time thread "
			   "that never sleeps would starve every other task on its CPU "
			   "for ever (Spindle has no RT throttling)\n");
		return -EINVAL;
	}
	if (a->period < 0)
		a->period = 1000;
	return 0;
}

/* Applies CPU, nice and policy to the new, not yet woken thread. */
static int demo_setup(struct task_struct *k, const struct create_args *a)
{
	struct sched_param sp = { .sched_priority = a->fifo };

	if (a->cpu >= 0)
		kthread_bind(k, a->cpu);
	set_user_nice(k, a->nice);
	if (a->fifo)
		return sched_setscheduler_nocheck(k, SCHED_FIFO, &sp);
	return 0;
}

static int kthread_create_cmd(int argc, char **argv)
{
	struct create_args a;
	struct demo_thread *d;
	struct task_struct *k;
	int err = parse_create(argc, argv, &a);

	if (err)
		return result(err);
	if (nr_demo >= DEMO_MAX) {
		tty_printf("kthread create: %d demo threads already\n", DEMO_MAX);
		return result(-EAGAIN);
	}
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return result(-ENOMEM);
	d->work = a.work;
	d->period_ms = a.period;
	k = kthread_create(demo_thread_fn, d, "%s", a.name);
	if (IS_ERR(k)) {
		kfree(d);
		tty_printf("kthread create: kthread_create() failed\n");
		return result(PTR_ERR(k));
	}
	get_task_struct(k);
	d->task = k;
	err = demo_setup(k, &a);
	mutex_lock(&demo_lock);
	list_add_tail(&d->list, &demo_threads);
	nr_demo++;
	mutex_unlock(&demo_lock);
	wake_up_process(k);
	tty_printf("kthread create: '%s' is PID %d (work %s", k->comm, k->pid,
		   work_names[a.work]);
	if (a.work == WORK_SLEEP)
		tty_printf(", period %d ms", a.period);
	tty_printf(", %s", a.fifo ? "SCHED_FIFO" : "SCHED_NORMAL");
	if (a.fifo)
		tty_printf(" priority %d", a.fifo);
	else
		tty_printf(" nice %d", a.nice);
	if (a.cpu >= 0)
		tty_printf(", bound to CPU %d", a.cpu);
	tty_printf(")\n");
	return result(err);
}

static int not_kthread(const char *cmd, const struct task_struct *p)
{
	tty_printf("%s: PID %d (%s) is not a kernel thread\n", cmd, p->pid, p->comm);
	return -EINVAL;
}

static int exiting(const char *cmd, const struct task_struct *p)
{
	tty_printf("%s: PID %d (%s) is exiting\n", cmd, p->pid, p->comm);
	return -ESRCH;
}

/*
 * Looks up the PID argument and refuses the tasks no kthread operation
 * may touch. Returns the task with a reference, or NULL with *err set
 * after saying why.
 */
static struct task_struct *get_target(const char *cmd, const char *arg, int *err)
{
	struct task_struct *p;
	int pid;

	*err = shell_parse_int(cmd, "PID", arg, 0, PID_MAX_DEFAULT - 1, &pid);
	if (*err)
		return NULL;
	p = shell_get_task(pid);
	*err = -ESRCH;
	if (!p) {
		tty_printf("%s: no task has PID %d (never used, or exited)\n", cmd, pid);
		return NULL;
	}
	*err = -EPERM;
	if (is_idle_task(p))
		tty_printf("%s: PID %d is the idle task %s: the CPU runs it when "
			   "nothing else can; it never stops\n", cmd, pid, p->comm);
	else if (pid == 1)
		tty_printf("%s: PID 1 is init: if it exits the kernel panics "
			   "(\"Attempted to kill init!\")\n", cmd);
	else if (p == kthreadd_task)
		tty_printf("%s: PID 2 is kthreadd: every kthread_create() needs it\n", cmd);
	else if (!(p->flags & PF_KTHREAD) || !p->kthread)
		*err = not_kthread(cmd, p);
	else if (p->flags & PF_EXITING)
		*err = exiting(cmd, p);
	else
		*err = 0;
	if (!*err)
		return p;
	put_task_struct(p);
	return NULL;
}

/* get_target(), and the thread must be one of ours. Returns with demo_lock held. */
static struct demo_thread *get_demo(const char *cmd, const char *arg, int *err)
{
	struct task_struct *p = get_target(cmd, arg, err);
	struct demo_thread *d;

	if (!p)
		return NULL;
	mutex_lock(&demo_lock);
	d = demo_find(p);
	if (!d) {
		mutex_unlock(&demo_lock);
		tty_printf("%s: %s (PID %d) was not made by 'kthread create'; only its "
			   "creator may stop or park it (it may not call kthread_parkme())\n",
			   cmd, p->comm, p->pid);
		*err = -EPERM;
	}
	put_task_struct(p);	/* the registry holds its own reference */
	return d;
}

static int kthread_stop_cmd(const char *arg)
{
	struct demo_thread *d;
	int err, ret;

	d = get_demo("kthread stop", arg, &err);
	if (!d)
		return result(err);
	list_del(&d->list);
	nr_demo--;
	mutex_unlock(&demo_lock);
	tty_printf("kthread stop: kthread_stop(%s, PID %d) ...\n", d->task->comm,
		   d->task->pid);
	ret = kthread_stop(d->task);
	tty_printf("kthread stop: %s exited after %lu loops; kthread_stop() "
		   "returned %d\n", d->task->comm, d->loops, ret);
	put_task_struct(d->task);
	kfree(d);
	return result(ret);
}

static int kthread_park_cmd(const char *arg, bool park)
{
	const char *cmd = park ? "kthread park" : "kthread unpark";
	struct demo_thread *d;
	int err;

	d = get_demo(cmd, arg, &err);
	if (!d)
		return result(err);
	if (park == d->parked) {
		tty_printf("%s: %s (PID %d) is %s\n", cmd, d->task->comm, d->task->pid,
			   park ? "parked already" : "not parked");
		err = park ? -EBUSY : -EINVAL;
	} else if (park) {
		err = kthread_park(d->task);
		d->parked = !err;
		tty_printf("kthread park: kthread_park(%s) returned %d; it sleeps in "
			   "TASK_PARKED (P)\n", d->task->comm, err);
	} else {
		kthread_unpark(d->task);
		d->parked = false;
		tty_printf("kthread unpark: kthread_unpark(%s): it runs again\n",
			   d->task->comm);
	}
	mutex_unlock(&demo_lock);
	return result(err);
}

static int kthread_nice_cmd(const char *arg, const char *value)
{
	struct task_struct *p;
	int nice, old, pid;

	if (shell_parse_int("kthread nice", "PID", arg, 0, PID_MAX_DEFAULT - 1, &pid) ||
	    shell_parse_int("kthread nice", "nice value", value, MIN_NICE, MAX_NICE,
			    &nice))
		return result(-EINVAL);
	p = shell_get_task(pid);
	if (!p) {
		tty_printf("kthread nice: no task has PID %d (never used, or exited)\n", pid);
		return result(-ESRCH);
	}
	if (is_idle_task(p)) {
		tty_printf("kthread nice: PID %d is the idle task: it has no nice value "
			   "(it runs only when nothing else can)\n", p->pid);
		put_task_struct(p);
		return result(-EPERM);
	}
	old = task_nice(p);
	set_user_nice(p, nice);
	tty_printf("kthread nice: %s (PID %d): nice %d -> %d%s\n", p->comm, p->pid, old,
		   task_nice(p), p->policy == SCHED_FIFO || p->policy == SCHED_RR ?
		   " (stored; a real-time task ignores nice)" : "");
	put_task_struct(p);
	return result(0);
}

static int kthread_list_cmd(void)
{
	struct demo_thread *d;

	tty_printf("  PID S WORK   PERIOD      LOOPS NAME\n");
	mutex_lock(&demo_lock);
	list_for_each_entry(d, &demo_threads, list)
		tty_printf("%5d %c %-6s %6u %10lu %s\n", d->task->pid,
			   task_state_letter(d->task), work_names[d->work],
			   d->work == WORK_SLEEP ? d->period_ms : 0, READ_ONCE(d->loops),
			   d->task->comm);
	mutex_unlock(&demo_lock);
	return 0;
}

int cmd_kthread(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";

	if (!strcmp(sub, "create"))
		return kthread_create_cmd(argc, argv);
	if (!strcmp(sub, "list") && argc == 2)
		return kthread_list_cmd();
	if (!strcmp(sub, "stop") && argc == 3)
		return kthread_stop_cmd(argv[2]);
	if (!strcmp(sub, "park") && argc == 3)
		return kthread_park_cmd(argv[2], true);
	if (!strcmp(sub, "unpark") && argc == 3)
		return kthread_park_cmd(argv[2], false);
	if (!strcmp(sub, "nice") && argc == 4)
		return kthread_nice_cmd(argv[2], argv[3]);
	return shell_usage(argv[0]);
}

const char *kthread_cmd_complete(unsigned int i)
{
	static const char *const subs[] = {
		"create", "stop", "park", "unpark", "nice", "list",
	};

	return i < ARRAY_SIZE(subs) ? subs[i] : NULL;
}
