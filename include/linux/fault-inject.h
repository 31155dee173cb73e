/*
 * Fault injection, after Linux's include/linux/fault-inject.h and
 * lib/fault-inject.c: an allocator asks should_fail() before each
 * allocation, so tests can make the Nth call, or every Nth, or a random
 * share of calls fail, and prove that every error path is clean.
 *
 * Boot option format (Linux's): name=<interval>,<probability>,<space>,<times>
 *   interval: only every interval-th eligible call may fail (1: any)
 *   probability: percent of those that fail (100: all)
 *   space: this many bytes of allocations succeed first
 *   times: how many failures at most (-1: no limit)
 * Spindle adds fail_nth: the next Nth call fails, once.
 */
#ifndef _LINUX_FAULT_INJECT_H
#define _LINUX_FAULT_INJECT_H

#include <linux/types.h>

struct fault_attr {
	const char *name;
	unsigned long probability;
	unsigned long interval;
	long times;
	long space;
	unsigned long count;	/* eligible calls seen */
	unsigned long fail_nth;	/* 0: off; else calls left until one fails */
	unsigned long failures;	/* failures injected so far */
};

#define DECLARE_FAULT_ATTR(var) struct fault_attr var = { .name = #var, \
	.interval = 1, .times = 0 }

/* Should this call (for @size bytes) fail? Counts it either way. */
bool should_fail(struct fault_attr *attr, ssize_t size);

/* Parses "<interval>,<probability>,<space>,<times>" into @attr. */
int setup_fault_attr(struct fault_attr *attr, const char *str);

/* Makes the @n-th call from now fail (n >= 1), once. */
void fault_attr_fail_nth(struct fault_attr *attr, unsigned long n);

/* Stops all injection on @attr. */
void fault_attr_disable(struct fault_attr *attr);

extern struct fault_attr fail_page_alloc;
extern struct fault_attr failslab;

#endif
