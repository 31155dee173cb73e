/*
 * Lists that readers walk under rcu_read_lock() while an updater changes
 * them, as Linux's include/linux/rculist.h. Updaters still exclude each
 * other with a lock; a removed entry is freed only after a grace period.
 */
#ifndef _LINUX_RCULIST_H
#define _LINUX_RCULIST_H

#include <linux/list.h>
#include <linux/rcupdate.h>

/* Poison for ->prev of a removed entry: readers never follow ->prev. */
#define LIST_POISON2 ((void *)0xdead000000000122UL)

static inline void INIT_LIST_HEAD_RCU(struct list_head *list)
{
	WRITE_ONCE(list->next, list);
	WRITE_ONCE(list->prev, list);
}

/* The new entry is complete before a reader can reach it. */
static inline void __list_add_rcu(struct list_head *new, struct list_head *prev,
				  struct list_head *next)
{
	new->next = next;
	new->prev = prev;
	rcu_assign_pointer(prev->next, new);
	next->prev = new;
}

static inline void list_add_rcu(struct list_head *new, struct list_head *head)
{
	__list_add_rcu(new, head, head->next);
}

static inline void list_add_tail_rcu(struct list_head *new, struct list_head *head)
{
	__list_add_rcu(new, head->prev, head);
}

/* ->next stays intact: a reader standing on @entry can walk on. */
static inline void list_del_rcu(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	WRITE_ONCE(entry->prev->next, entry->next);
	entry->prev = LIST_POISON2;
}

static inline void list_replace_rcu(struct list_head *old, struct list_head *new)
{
	new->next = old->next;
	new->prev = old->prev;
	rcu_assign_pointer(new->prev->next, new);
	new->next->prev = new;
	old->prev = LIST_POISON2;
}

#define list_entry_rcu(ptr, type, member) container_of(READ_ONCE(ptr), type, member)
#define list_first_or_null_rcu(head, type, member)                         \
	({                                                                 \
		struct list_head *__head = (head);                         \
		struct list_head *__next = READ_ONCE(__head->next);        \
		__next != __head ? list_entry_rcu(__next, type, member) : NULL; \
	})

#define list_for_each_entry_rcu(pos, head, member, ...)                    \
	for (pos = list_entry_rcu((head)->next, __typeof__(*pos), member); \
	     &pos->member != (head);                                       \
	     pos = list_entry_rcu(pos->member.next, __typeof__(*pos), member))

#endif
