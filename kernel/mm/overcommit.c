/*
 * Overcommit: how much memory a process may promise itself, as the
 * default mode (OVERCOMMIT_GUESS) of Linux's __vm_enough_memory() in
 * mm/util.c. Mappings take no memory until they are touched, so most
 * promises are let through; one single request larger than all RAM (and
 * swap, which Spindle has none of) can never be kept, and is refused at
 * once with -ENOMEM rather than left for the OOM killer.
 * Simplified: the mode cannot be changed (no /proc/sys/vm/overcommit_*).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>

/**
 * __vm_enough_memory - may @mm commit @pages more pages of memory?
 * @mm: the address space asking (unused by the heuristic)
 * @pages: how many
 * @cap_sys_admin: root's reserve (unused by the heuristic)
 *
 * Return: 0, or -ENOMEM.
 */
int __vm_enough_memory(struct mm_struct *mm, long pages, int cap_sys_admin)
{
	if (pages > (long)totalram_pages())
		return -ENOMEM;
	return 0;
}
