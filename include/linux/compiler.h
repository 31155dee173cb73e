/* Compiler attributes and helpers, named as in Linux's compiler.h. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

/* The C library defines it too (host unit tests see both): undef first. */
#undef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __noreturn __attribute__((__noreturn__))
/* Marks a switch case that goes on into the next on purpose. */
#define fallthrough __attribute__((__fallthrough__))
#define __packed __attribute__((__packed__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __section(s) __attribute__((__section__(s)))
#define __used __attribute__((__used__))
#define __maybe_unused __attribute__((__unused__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __weak __attribute__((__weak__))
#define __must_check __attribute__((__warn_unused_result__))
/* Marks a pointer into user space: never dereference it, copy through
 * linux/uaccess.h. (Linux checks this with sparse; here it documents.) */
#define __user

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* Stops the compiler from caching or reordering across this point. */
#define barrier() __asm__ __volatile__("" ::: "memory")

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)

#endif
