/*
 * Signal sets, as Linux's include/linux/signal.h.
 */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include <linux/signal_types.h>

static inline unsigned long sigmask(int sig)
{
	return 1UL << (sig - 1);
}

static inline void sigaddset(sigset_t *set, int sig)
{
	set->sig[0] |= sigmask(sig);
}

static inline void sigdelset(sigset_t *set, int sig)
{
	set->sig[0] &= ~sigmask(sig);
}

static inline bool sigismember(const sigset_t *set, int sig)
{
	return set->sig[0] & sigmask(sig);
}

static inline void sigdelsetmask(sigset_t *set, unsigned long mask)
{
	set->sig[0] &= ~mask;
}

static inline void signotset(sigset_t *set)
{
	set->sig[0] = ~set->sig[0];
}

static inline void sigemptyset(sigset_t *set)
{
	set->sig[0] = 0;
}

static inline bool valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

#endif
