/*
 * RCU internals shared by the files of kernel/rcu/, as Linux's kernel/rcu/rcu.h and
 * rcu_segcblist.h: grace-period sequence numbers and the segmented
 * callback list.
 *
 * A sequence number counts grace periods in its upper bits; the low two
 * bits are the state (0: idle, 1: a grace period runs). Linux starts it
 * near the wrap to catch overflow bugs; Spindle starts at 0 so the
 * numbers read easily in `rcu`.
 */
#ifndef _KERNEL_RCU_RCU_H
#define _KERNEL_RCU_RCU_H

#include <linux/types.h>
#include <linux/kernel.h>

#define RCU_SEQ_CTR_SHIFT 2
#define RCU_SEQ_STATE_MASK ((1UL << RCU_SEQ_CTR_SHIFT) - 1)

#define ULONG_CMP_GE(a, b) (ULONG_MAX / 2 >= (a) - (b))
#define ULONG_CMP_LT(a, b) (ULONG_MAX / 2 < (a) - (b))

static inline unsigned long rcu_seq_state(unsigned long s)
{
	return s & RCU_SEQ_STATE_MASK;
}

static inline void rcu_seq_start(unsigned long *sp)
{
	WRITE_ONCE(*sp, *sp + 1);
}

static inline void rcu_seq_end(unsigned long *sp)
{
	WRITE_ONCE(*sp, (*sp | RCU_SEQ_STATE_MASK) + 1);
}

/* The value *sp will have once a full grace period starting from now
 * has ended: the end of the next one if one is running now. */
static inline unsigned long rcu_seq_snap(unsigned long *sp)
{
	return (READ_ONCE(*sp) + 2 * RCU_SEQ_STATE_MASK + 1) & ~RCU_SEQ_STATE_MASK;
}

/*
 * The segmented callback list (Linux's rcu_segcblist): one singly linked
 * list of callbacks, in call_rcu() order, cut into four segments by tail
 * pointers. DONE: their grace period ended, ready to invoke. WAIT: waiting
 * for the grace period that ends at gp_seq[WAIT]. NEXT_READY: for the one
 * after (gp_seq[NEXT_READY]). NEXT: no grace period assigned yet.
 * Callbacks only ever move towards DONE, so they run in order.
 */
enum {
	RCU_DONE_TAIL,
	RCU_WAIT_TAIL,
	RCU_NEXT_READY_TAIL,
	RCU_NEXT_TAIL,
	RCU_CBLIST_NSEGS,
};

struct rcu_segcblist {
	struct rcu_head *head;
	struct rcu_head **tails[RCU_CBLIST_NSEGS];
	unsigned long gp_seq[RCU_CBLIST_NSEGS];
	long len;
};

void rcu_segcblist_init(struct rcu_segcblist *rsclp);
void rcu_segcblist_enqueue(struct rcu_segcblist *rsclp, struct rcu_head *rhp);
bool rcu_segcblist_accelerate(struct rcu_segcblist *rsclp, unsigned long seq);
void rcu_segcblist_advance(struct rcu_segcblist *rsclp, unsigned long seq);
struct rcu_head *rcu_segcblist_extract_done(struct rcu_segcblist *rsclp);
bool rcu_segcblist_ready_cbs(struct rcu_segcblist *rsclp);
bool rcu_segcblist_pend_cbs(struct rcu_segcblist *rsclp);
bool rcu_segcblist_next_pending(struct rcu_segcblist *rsclp);
bool rcu_segcblist_nextgp(struct rcu_segcblist *rsclp, unsigned long *lp);

static inline long rcu_segcblist_n_cbs(struct rcu_segcblist *rsclp)
{
	return READ_ONCE(rsclp->len);
}

#endif
