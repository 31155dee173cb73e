/*
 * The segmented RCU callback list, after Linux's kernel/rcu/rcu_segcblist.c
 * (see rcu.h for the segments). Caller holds the owning rcu_data's lock.
 */
#include <linux/kernel.h>
#include <linux/types.h>
#include "rcu.h"

void rcu_segcblist_init(struct rcu_segcblist *rsclp)
{
	rsclp->head = NULL;
	for (int i = 0; i < RCU_CBLIST_NSEGS; i++) {
		rsclp->tails[i] = &rsclp->head;
		rsclp->gp_seq[i] = 0;
	}
	rsclp->len = 0;
}

/* Segment @seg holds no callback. */
static bool segempty(struct rcu_segcblist *rsclp, int seg)
{
	if (seg == RCU_DONE_TAIL)
		return &rsclp->head == rsclp->tails[RCU_DONE_TAIL];
	return rsclp->tails[seg - 1] == rsclp->tails[seg];
}

/* No callback after segment @seg. */
static bool restempty(struct rcu_segcblist *rsclp, int seg)
{
	return !*rsclp->tails[seg];
}

void rcu_segcblist_enqueue(struct rcu_segcblist *rsclp, struct rcu_head *rhp)
{
	rhp->next = NULL;
	*rsclp->tails[RCU_NEXT_TAIL] = rhp;
	rsclp->tails[RCU_NEXT_TAIL] = &rhp->next;
	WRITE_ONCE(rsclp->len, rsclp->len + 1);
}

bool rcu_segcblist_ready_cbs(struct rcu_segcblist *rsclp)
{
	return !segempty(rsclp, RCU_DONE_TAIL);
}

/* Callbacks not yet ready (waiting for some grace period). */
bool rcu_segcblist_pend_cbs(struct rcu_segcblist *rsclp)
{
	return !restempty(rsclp, RCU_DONE_TAIL);
}

/* Callbacks in NEXT: none has a grace period yet. */
bool rcu_segcblist_next_pending(struct rcu_segcblist *rsclp)
{
	return !restempty(rsclp, RCU_NEXT_READY_TAIL);
}

/* The grace period the oldest waiting callbacks need, if any. */
bool rcu_segcblist_nextgp(struct rcu_segcblist *rsclp, unsigned long *lp)
{
	if (!rcu_segcblist_pend_cbs(rsclp))
		return false;
	*lp = rsclp->gp_seq[RCU_WAIT_TAIL];
	return true;
}

/*
 * rcu_segcblist_accelerate - give the callbacks without one a grace period
 * @rsclp: the list
 * @seq: the grace period (rcu_seq_snap()) that will cover them
 *
 * Callbacks in NEXT, and in any segment waiting for a later grace period,
 * join the first segment that waits for @seq (or an empty one).
 * Return: true if some callbacks now wait for @seq.
 */
bool rcu_segcblist_accelerate(struct rcu_segcblist *rsclp, unsigned long seq)
{
	int i;

	if (!rcu_segcblist_pend_cbs(rsclp))
		return false;
	/* Find the last segment that waits for an earlier grace period. */
	for (i = RCU_NEXT_READY_TAIL; i > RCU_DONE_TAIL; i--)
		if (!segempty(rsclp, i) && ULONG_CMP_LT(rsclp->gp_seq[i], seq))
			break;
	/* Everything after it is merged into segment i + 1, for @seq. */
	if (restempty(rsclp, i) || ++i >= RCU_NEXT_TAIL)
		return false;
	for (; i < RCU_NEXT_TAIL; i++) {
		rsclp->tails[i] = rsclp->tails[RCU_NEXT_TAIL];
		rsclp->gp_seq[i] = seq;
	}
	return true;
}

/*
 * rcu_segcblist_advance - move the callbacks whose grace period ended
 * @rsclp: the list
 * @seq: the current grace-period sequence number
 *
 * WAIT and NEXT_READY callbacks with gp_seq <= @seq join DONE; what is
 * left moves down so that WAIT is again the oldest waiting segment.
 */
void rcu_segcblist_advance(struct rcu_segcblist *rsclp, unsigned long seq)
{
	int i, j;

	if (!rcu_segcblist_pend_cbs(rsclp))
		return;
	for (i = RCU_WAIT_TAIL; i < RCU_NEXT_TAIL; i++) {
		if (ULONG_CMP_LT(seq, rsclp->gp_seq[i]))
			break;
		rsclp->tails[RCU_DONE_TAIL] = rsclp->tails[i];
	}
	if (i == RCU_WAIT_TAIL)
		return;
	/* Segments emptied into DONE end where DONE ends. */
	for (j = RCU_WAIT_TAIL; j < i; j++)
		rsclp->tails[j] = rsclp->tails[RCU_DONE_TAIL];
	/* Close the gap: the remaining segments move down. */
	for (j = RCU_WAIT_TAIL; i < RCU_NEXT_TAIL; i++, j++) {
		if (rsclp->tails[j] == rsclp->tails[RCU_NEXT_TAIL])
			break;
		rsclp->tails[j] = rsclp->tails[i];
		rsclp->gp_seq[j] = rsclp->gp_seq[i];
	}
}

/* Takes the DONE callbacks off the list, in order, for invocation. */
struct rcu_head *rcu_segcblist_extract_done(struct rcu_segcblist *rsclp)
{
	struct rcu_head *list = rsclp->head;
	struct rcu_head **donetail = rsclp->tails[RCU_DONE_TAIL];

	if (segempty(rsclp, RCU_DONE_TAIL))
		return NULL;
	rsclp->head = *donetail;
	*donetail = NULL;
	for (int i = RCU_CBLIST_NSEGS - 1; i >= RCU_DONE_TAIL; i--)
		if (rsclp->tails[i] == donetail)
			rsclp->tails[i] = &rsclp->head;
	return list;
}
