/* Everyday helpers, as in Linux's include/linux/kernel.h. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <stdarg.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <spindle/config.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define DIV_ROUND_CLOSEST(n, d) (((n) + (d) / 2) / (d))	/* unsigned only */
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define clamp(v, lo, hi) min(max(v, lo), hi)

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define U8_MAX 0xff
#define U16_MAX 0xffff
#define U32_MAX 0xffffffffU
#define U64_MAX 0xffffffffffffffffULL
#define INT_MAX 0x7fffffff
#define INT_MIN (-INT_MAX - 1)
#define UINT_MAX 0xffffffffU
#define LONG_MAX 0x7fffffffffffffffL
#define ULONG_MAX 0xffffffffffffffffUL

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * might_sleep - say that this function may sleep
 *
 * With CONFIG_DEBUG_ATOMIC_SLEEP, a call in atomic context (preemption
 * or interrupts off, in an interrupt) prints Linux's "BUG: sleeping
 * function called from invalid context at FILE:LINE" with a backtrace,
 * at most once a second (kernel/sched/might_sleep.c). The check runs
 * whether or not this call would really have slept: that is its point.
 */
void __might_sleep(const char *file, int line);
#define might_sleep()                                          \
	do {                                                   \
		if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP))     \
			__might_sleep(__FILE__, __LINE__);     \
	} while (0)
#define might_sleep_if(cond)              \
	do {                              \
		if (cond)                 \
			might_sleep();    \
	} while (0)

/* Formats into a new kmalloc() buffer (lib/kasprintf.c); NULL on failure. */
char *kasprintf(gfp_t gfp, const char *fmt, ...) __printf(2, 3);
char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap) __printf(2, 0);

int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);

#endif
