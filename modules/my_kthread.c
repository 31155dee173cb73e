#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/delay.h>

static struct task_struct *my_kthread;

// The function executed by the kthread
static int my_kthread_fn(void *data)
{
    printk(KERN_INFO "Custom kthread started\n");

    while (!kthread_should_stop()) {
        printk(KERN_INFO "Custom kthread running...\n");
        ssleep(5); // Sleep for 5 seconds
    }

    printk(KERN_INFO "Custom kthread stopping\n");
    return 0;
}

static int __init my_kthread_init(void)
{
    printk(KERN_INFO "Loading custom kthread module\n");

    // Create and run the kernel thread
    my_kthread = kthread_run(my_kthread_fn, NULL, "my_kthread");

    if (IS_ERR(my_kthread)) {
        printk(KERN_ERR "Failed to create kthread\n");
        return PTR_ERR(my_kthread);
    }

    return 0;
}

static void __exit my_kthread_exit(void)
{
    printk(KERN_INFO "Unloading custom kthread module\n");

    if (my_kthread) {
        kthread_stop(my_kthread);
        printk(KERN_INFO "Custom kthread stopped\n");
    }
}

module_init(my_kthread_init);
module_exit(my_kthread_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Your Name");
MODULE_DESCRIPTION("Example of a custom kernel thread");

