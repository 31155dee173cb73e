/*
 * Kernel stacks (kernel/fork.c): THREAD_SIZE bytes in the vmalloc area
 * with an unmapped guard page below, so an overflow faults at once and
 * the double-fault handler can name the stack's owner.
 */
#ifndef _SPINDLE_KSTACK_H
#define _SPINDLE_KSTACK_H

#include <linux/types.h>
#include <spindle/config.h>
#include <asm/page.h>

#define THREAD_SIZE (PAGE_SIZE << THREAD_SIZE_ORDER)

/**
 * alloc_thread_stack - allocate a guarded kernel stack
 * @owner: name of its user for fault reports (must stay valid), or NULL
 *
 * Return: the lowest address of the stack (it grows down from
 * base + THREAD_SIZE), or NULL when memory is exhausted.
 */
void *alloc_thread_stack(const char *owner);
void free_thread_stack(void *stack);

#endif
