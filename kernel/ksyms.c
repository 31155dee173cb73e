/*
 * The kernel's API for loadable modules: every symbol a module may link
 * against (include/linux/export.h). Linux writes EXPORT_SYMBOL() after
 * each function; Spindle lists them in one place, as Linux 2.x's
 * kernel/ksyms.c did, so that the whole module API reads at a glance.
 * Add a function here (with its header) when a module needs it; modpost
 * (tools/modpost.py) refuses a module that uses anything else.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/kallsyms.h>
#include <linux/timekeeping.h>
#include <linux/vmstat.h>
#include <linux/mm.h>
#include <linux/refcount.h>
#include <linux/bitops.h>
#include <linux/idr.h>
#include <linux/cpumask.h>
#include <linux/sched/task.h>
#include <linux/rcupdate.h>
#include <linux/cpu.h>
#include <linux/smp.h>
#include <linux/random.h>
#include <linux/interrupt.h>

/* Printing */
EXPORT_SYMBOL(printk);
EXPORT_SYMBOL(snprintf);
EXPORT_SYMBOL(scnprintf);
EXPORT_SYMBOL(vsnprintf);

/* Strings and memory (the compiler may call memcpy/memset itself) */
EXPORT_SYMBOL(memset);
EXPORT_SYMBOL(memcpy);
EXPORT_SYMBOL(memmove);
EXPORT_SYMBOL(memcmp);
EXPORT_SYMBOL(strlen);
EXPORT_SYMBOL(strnlen);
EXPORT_SYMBOL(strcmp);
EXPORT_SYMBOL(strncmp);
EXPORT_SYMBOL(strchr);
EXPORT_SYMBOL(strscpy);
EXPORT_SYMBOL(kstrtoint);
EXPORT_SYMBOL(kstrtouint);
EXPORT_SYMBOL(kstrtol);
EXPORT_SYMBOL(kstrtoul);

/* Memory allocation */
EXPORT_SYMBOL(kmalloc);
EXPORT_SYMBOL(kfree);
EXPORT_SYMBOL(kstrdup);
EXPORT_SYMBOL(vmalloc);
EXPORT_SYMBOL(vzalloc);
EXPORT_SYMBOL(vfree);

/* Kernel threads and scheduling */
EXPORT_SYMBOL(kthread_create_on_node);
EXPORT_SYMBOL(kthread_stop);
EXPORT_SYMBOL(kthread_should_stop);
EXPORT_SYMBOL(kthread_bind);
EXPORT_SYMBOL(wake_up_process);
EXPORT_SYMBOL(schedule);
EXPORT_SYMBOL(schedule_timeout_uninterruptible);
EXPORT_SYMBOL(__cond_resched);
EXPORT_SYMBOL(yield);
EXPORT_SYMBOL_GPL(sched_set_fifo_low);
EXPORT_SYMBOL_GPL(sched_set_normal);
EXPORT_SYMBOL(msleep);
EXPORT_SYMBOL(msleep_interruptible);

/* Waiting and locking */
EXPORT_SYMBOL(__wake_up);
EXPORT_SYMBOL(prepare_to_wait);
EXPORT_SYMBOL(finish_wait);
EXPORT_SYMBOL(complete);
EXPORT_SYMBOL(wait_for_completion);
EXPORT_SYMBOL(mutex_lock);
EXPORT_SYMBOL(mutex_unlock);
EXPORT_SYMBOL(prepare_to_wait_exclusive);
EXPORT_SYMBOL(autoremove_wake_function);
EXPORT_SYMBOL(default_wake_function);
EXPORT_SYMBOL(schedule_timeout);
EXPORT_SYMBOL(jiffies);
EXPORT_SYMBOL(timer_setup);
EXPORT_SYMBOL(mod_timer);
EXPORT_SYMBOL(add_timer);
EXPORT_SYMBOL(del_timer);
EXPORT_SYMBOL(del_timer_sync);

/* The Linux APIs of include/linux that are not inline (docs/linux-map.md) */
EXPORT_SYMBOL(__might_sleep);
EXPORT_SYMBOL(__warn);
EXPORT_SYMBOL(refcount_warn_saturate);
EXPORT_SYMBOL(refcount_dec_if_one);
EXPORT_SYMBOL(refcount_dec_not_one);
EXPORT_SYMBOL(refcount_dec_and_mutex_lock);
EXPORT_SYMBOL(refcount_dec_and_lock);
EXPORT_SYMBOL(_find_next_bit);
EXPORT_SYMBOL(find_last_bit);
EXPORT_SYMBOL(kasprintf);
EXPORT_SYMBOL(kvasprintf);
EXPORT_SYMBOL(kstrndup);
EXPORT_SYMBOL(kmemdup);
EXPORT_SYMBOL(ida_alloc_range);
EXPORT_SYMBOL(ida_free);
EXPORT_SYMBOL(ida_destroy);
EXPORT_SYMBOL(ida_is_empty);
EXPORT_SYMBOL(__cpu_possible_mask);
EXPORT_SYMBOL(__cpu_bit_masks);
EXPORT_SYMBOL(__cpu_online_mask);
EXPORT_SYMBOL_GPL(__put_task_struct);

/* kthread_worker (kernel/kthread_worker.c) and the rest of kthread.c */
EXPORT_SYMBOL(kthread_create_on_cpu);
EXPORT_SYMBOL(kthread_park);
EXPORT_SYMBOL(kthread_unpark);
EXPORT_SYMBOL(kthread_parkme);
EXPORT_SYMBOL(kthread_should_park);
EXPORT_SYMBOL(kthread_data);
EXPORT_SYMBOL_GPL(kthread_func);
EXPORT_SYMBOL(kthread_set_per_cpu);
EXPORT_SYMBOL(kthread_init_worker);
EXPORT_SYMBOL(kthread_worker_fn);
EXPORT_SYMBOL(kthread_create_worker);
EXPORT_SYMBOL(kthread_create_worker_on_cpu);
EXPORT_SYMBOL_GPL(kthread_queue_work);
EXPORT_SYMBOL_GPL(kthread_delayed_work_timer_fn);
EXPORT_SYMBOL_GPL(kthread_queue_delayed_work);
EXPORT_SYMBOL_GPL(kthread_mod_delayed_work);
EXPORT_SYMBOL_GPL(kthread_flush_work);
EXPORT_SYMBOL_GPL(kthread_flush_worker);
EXPORT_SYMBOL_GPL(kthread_cancel_work_sync);
EXPORT_SYMBOL_GPL(kthread_cancel_delayed_work_sync);
EXPORT_SYMBOL(kthread_destroy_worker);

/* Time and memory statistics (kbench) */
EXPORT_SYMBOL(ktime_get_ns);
EXPORT_SYMBOL(si_meminfo);
EXPORT_SYMBOL(global_node_page_state_pages);

/* The torture tests (modules/rcutorture.c, locktorture.c, torture.h) */
EXPORT_SYMBOL(udelay);
EXPORT_SYMBOL(get_random_u32);
EXPORT_SYMBOL(preempt_schedule);
EXPORT_SYMBOL(local_bh_disable);
EXPORT_SYMBOL(local_bh_enable);
EXPORT_SYMBOL(schedule_timeout_interruptible);
EXPORT_SYMBOL_GPL(call_rcu);
EXPORT_SYMBOL_GPL(synchronize_rcu);
EXPORT_SYMBOL_GPL(synchronize_rcu_expedited);
EXPORT_SYMBOL_GPL(rcu_barrier);
EXPORT_SYMBOL_GPL(__rcu_read_unlock_special);
EXPORT_SYMBOL(__num_online_cpus);
EXPORT_SYMBOL(nr_cpu_ids);
EXPORT_SYMBOL_GPL(cpu_up);
EXPORT_SYMBOL_GPL(cpu_down);

/* Module reference counts */
EXPORT_SYMBOL(try_module_get);
EXPORT_SYMBOL(module_put);

/* For debugging aids (GPL-only in Linux too) */
EXPORT_SYMBOL_GPL(kallsyms_lookup_name);
