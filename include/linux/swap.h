/*
 * Page reclaim, as Linux's include/linux/swap.h (the parts about reclaim;
 * Spindle has no swap): kswapd0 (kernel/mm/vmscan.c) and direct reclaim.
 */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

#include <linux/types.h>
#include <linux/gfp.h>

struct zone;
struct task_struct;

/* An allocation left @zone below its low watermark (Context: any). */
void wakeup_kswapd(struct zone *zone, gfp_t gfp, unsigned int order);
/* Direct reclaim: shrink caches for an allocation that failed. Context:
 * may not sleep; the caller holds no lock. Return: pages freed. */
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order);
struct task_struct *kswapd_task(void);

/* Reclaim events, as the lines of Linux's /proc/vmstat. */
enum vm_event_item {
	PAGEOUTRUN,		/* kswapd balancing runs */
	SLABS_SCANNED,		/* objects shrinkers looked at */
	ALLOCSTALL,		/* allocations that entered direct reclaim */
	KSWAPD_RECLAIMED,	/* pages kswapd's shrinking gave back (Spindle) */
	DIRECT_RECLAIMED,	/* pages direct reclaim gave back (Spindle) */
	NR_VM_EVENT_ITEMS
};

unsigned long vm_event(enum vm_event_item item);

#endif
