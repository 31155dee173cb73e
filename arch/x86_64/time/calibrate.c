/*
 * Measuring a counter's rate (the TSC, the local APIC timer) against the
 * PIT, whose 1.193182 MHz is fixed. Channel 2 counts down a known
 * interval; at its start and near its end the counter and the PIT count
 * are read together, the PIT read bracketed by two counter reads, and
 * the narrowest bracket of a few tries is kept. So a pause anywhere else
 * (an SMI, or the emulator's thread losing the host CPU) cannot stretch
 * or shrink the result: only the two sample points matter. This is the
 * idea of Linux's quick_pit_calibrate() (arch/x86/kernel/tsc.c), which
 * reads only the PIT's high byte; several runs and a median add safety.
 */
#include <linux/kernel.h>
#include <asm/i8253.h>
#include <asm/processor.h>
#include <asm/timer.h>

#define SAMPLE_TRIES 5
#define CALIBRATE_RUNS 3
#define MAX_TRIES 8
/* A PIT count unchanged this long (>= 1 ms at any TSC rate) is dead. */
#define STALL_CYCLES 10000000ULL
#define STALL_READS 1000

struct cal_sample {
	u64 counter;
	u16 pit;
};

static struct cal_sample take_sample(u64 (*read)(void))
{
	struct cal_sample best = { 0, 0 };
	u64 best_width = ~0ULL;

	for (int i = 0; i < SAMPLE_TRIES; i++) {
		u64 before = read();
		u16 pit = pit_wait_count();
		u64 after = read();

		if (after - before < best_width) {
			best_width = after - before;
			best = (struct cal_sample){ before + best_width / 2, pit };
		}
	}
	return best;
}

/*
 * Waits until channel 2 is within @margin ticks of 0. Returns false when
 * the count stands still for STALL_READS reads and STALL_CYCLES: no PIT
 * there (the port reads 0xFF). Both are needed: one read can follow a
 * long pause (the emulator's thread was away after the latch) and still
 * show the old count.
 */
static bool wait_pit_near_end(u16 margin)
{
	u16 last = pit_wait_count(), now;
	u64 since = rdtsc();
	unsigned int same = 0;

	while (!pit_wait_done() && (now = pit_wait_count()) > margin) {
		if (now != last) {
			last = now;
			since = rdtsc();
			same = 0;
		} else if (++same > STALL_READS && rdtsc() - since > STALL_CYCLES) {
			return false;
		}
	}
	return true;
}

/*
 * One run: counts per second; 0 for a run to retry (the PIT wrapped more
 * than once while this CPU was away); -1 when the PIT does not count.
 */
static s64 calibrate_once(u64 (*read)(void), unsigned int us)
{
	u32 ticks = (u32)((u64)PIT_TICK_RATE * us / 1000000);
	struct cal_sample a, b;
	u32 elapsed;

	pit_wait_start(us);
	a = take_sample(read);
	if (!wait_pit_near_end(ticks / 16))
		return -1;
	b = take_sample(read);
	/* Past 0 the count wraps to 0xFFFF: count the wrap in. */
	elapsed = b.pit <= a.pit ? a.pit - b.pit : a.pit + 0x10000 - b.pit;
	if (elapsed < ticks / 2 || elapsed > ticks + ticks / 4)
		return 0;
	return (b.counter - a.counter) * PIT_TICK_RATE / elapsed;
}

/**
 * pit_calibrate - measure how fast a counter runs
 * @read: reads the counter; it must count up and not wrap within @us
 * @us: length of one run (at most ~54000: channel 2 is 16 bits)
 *
 * Context: boot, interrupts off; spins about 3 * @us microseconds, more
 * when runs have to be repeated.
 * Return: the counter's rate in Hz (median of three good runs), or 0 when
 * the PIT does not work.
 */
u64 pit_calibrate(u64 (*read)(void), unsigned int us)
{
	u64 runs[CALIBRATE_RUNS], t;
	int good = 0;

	for (int tries = 0; tries < MAX_TRIES && good < CALIBRATE_RUNS; tries++) {
		s64 hz = calibrate_once(read, us);

		if (hz < 0)
			return 0;
		if (!hz)
			continue;
		runs[good] = hz;
		for (int j = good++; j > 0 && runs[j] < runs[j - 1]; j--) {
			t = runs[j];
			runs[j] = runs[j - 1];
			runs[j - 1] = t;
		}
	}
	return good ? runs[good / 2] : 0;
}
