/*
 * Kernel stack allocation, from Linux's kernel/fork.c
 * (alloc_thread_stack_node): with CONFIG_VMAP_STACK, stacks come from the
 * vmalloc area, where each has an unmapped guard page below it.
 */
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <spindle/kstack.h>

void *alloc_thread_stack(const char *owner)
{
	void *stack = __vmalloc_area(THREAD_SIZE, GFP_KERNEL, VM_STACK);
	struct vm_struct *area;

	if (!stack)
		return NULL;
	area = find_vm_area(stack);
	area->owner = owner;
	return stack;
}

void free_thread_stack(void *stack)
{
	vfree(stack);
}
