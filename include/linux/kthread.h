/*
 * The kernel thread API, as Linux's include/linux/kthread.h, with its
 * semantics (see docs/kthreads.md): kthread_create() asks kthreadd to
 * create the thread and waits; the thread exists, sleeping, and runs its
 * function only after wake_up_process(); kthread_stop() sets a flag the
 * function polls with kthread_should_stop(), wakes it, and waits for it to
 * return.
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>

struct completion;

__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data,
					   int node, const char namefmt[], ...);

#define NUMA_NO_NODE (-1)

/**
 * kthread_create - create a kernel thread, stopped
 * @threadfn: the function to run once woken
 * @data: its argument
 * @namefmt: printf-style name (cut to 15 characters in comm)
 *
 * Return: the task (sleeping; wake it with wake_up_process()), or
 * ERR_PTR(-ENOMEM) / ERR_PTR(-EINTR).
 */
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

/* kthread_create() and wake_up_process() in one. */
#define kthread_run(threadfn, data, namefmt, ...)                          \
	({                                                                 \
		struct task_struct *__k =                                  \
			kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
		if (!IS_ERR(__k))                                          \
			wake_up_process(__k);                              \
		__k;                                                       \
	})

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt);

void kthread_bind(struct task_struct *k, unsigned int cpu);
void kthread_bind_mask(struct task_struct *k, unsigned long mask);
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
bool kthread_should_park(void);
bool kthread_should_stop_or_park(void);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
void kthread_parkme(void);
void *kthread_data(struct task_struct *k);
bool kthread_is_per_cpu(struct task_struct *k);
void kthread_exit(long result) __attribute__((noreturn));
void kthread_complete_and_exit(struct completion *comp, long code)
	__attribute__((noreturn));

/* A kernel thread works in a process's address space for a while (Linux's
 * kthread_use_mm()); the caller holds a user reference (mmget). */
struct mm_struct;
void kthread_use_mm(struct mm_struct *mm);
void kthread_unuse_mm(struct mm_struct *mm);

int kthreadd(void *unused);
extern struct task_struct *kthreadd_task;

#endif
