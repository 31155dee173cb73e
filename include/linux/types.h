/* Fixed-width types, as in Linux's include/linux/types.h. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef long ssize_t;
typedef u64 phys_addr_t;
typedef int pid_t;
typedef int clockid_t;
typedef unsigned int gfp_t;
typedef s64 ktime_t;

/* An RCU callback, as Linux's struct callback_head (call_rcu()). */
struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
} __attribute__((aligned(sizeof(void *))));
#define rcu_head callback_head
typedef void (*rcu_callback_t)(struct rcu_head *head);

#endif
