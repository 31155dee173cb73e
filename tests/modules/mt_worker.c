// SPDX-License-Identifier: GPL-2.0
/*
 * A kthread_worker module written as for Linux 6.1, with nothing
 * Spindle-specific: it includes Linux's headers by their Linux names and
 * uses atomic_t, kref, kthread_worker (immediate and delayed work),
 * get_task_struct() and time_before_eq(). Each job is a kref'd object:
 * the worker holds one reference, the queuer another, and whichever
 * drops the last frees it.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/slab.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/task.h>

static unsigned int nr_jobs = 8;
module_param(nr_jobs, uint, 0444);
MODULE_PARM_DESC(nr_jobs, "how many jobs to queue");

struct mt_job {
	struct kthread_work work;
	struct kref ref;
	unsigned int id;
	unsigned long deadline;
};

static struct kthread_worker *worker;
static struct kthread_delayed_work tick;
static atomic_t jobs_done = ATOMIC_INIT(0);
static atomic_t jobs_freed = ATOMIC_INIT(0);

static void mt_job_release(struct kref *ref)
{
	struct mt_job *job = container_of(ref, struct mt_job, ref);

	atomic_inc(&jobs_freed);
	kfree(job);
}

static void mt_job_fn(struct kthread_work *work)
{
	struct mt_job *job = container_of(work, struct mt_job, work);

	atomic_inc(&jobs_done);
	pr_info("mt_worker: job %u ran in %s (%s)\n", job->id, current->comm,
		time_before_eq(jiffies, job->deadline) ? "before its deadline" : "late");
	kref_put(&job->ref, mt_job_release);
}

static void mt_tick_fn(struct kthread_work *work)
{
	pr_info("mt_worker: delayed tick after %d jobs\n", atomic_read(&jobs_done));
}

static int __init mt_worker_init(void)
{
	struct task_struct *task;
	unsigned int i;

	worker = kthread_create_worker(0, "mt_worker");
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	task = get_task_struct(worker->task);
	pr_info("mt_worker: worker thread %s, pid %d\n", task->comm, task_pid_nr(task));
	put_task_struct(task);

	for (i = 0; i < nr_jobs; i++) {
		struct mt_job *job = kzalloc(sizeof(*job), GFP_KERNEL);

		if (!job)
			break;
		kref_init(&job->ref);		/* the worker's reference */
		kref_get(&job->ref);		/* ours, until queued */
		job->id = i;
		job->deadline = jiffies + 60 * HZ;
		kthread_init_work(&job->work, mt_job_fn);
		kthread_queue_work(worker, &job->work);
		kref_put(&job->ref, mt_job_release);
	}
	kthread_flush_worker(worker);
	pr_info("mt_worker: %d jobs done, %d freed\n", atomic_read(&jobs_done),
		atomic_read(&jobs_freed));

	kthread_init_delayed_work(&tick, mt_tick_fn);
	kthread_queue_delayed_work(worker, &tick, msecs_to_jiffies(20));
	return 0;
}

static void __exit mt_worker_exit(void)
{
	kthread_cancel_delayed_work_sync(&tick);
	kthread_destroy_worker(worker);
	pr_info("mt_worker: worker destroyed, %d jobs freed\n", atomic_read(&jobs_freed));
}

module_init(mt_worker_init);
module_exit(mt_worker_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("Spindle tests");
MODULE_DESCRIPTION("kthread_worker, kref and atomic_t as Linux 6.1 code uses them");
