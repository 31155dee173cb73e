/*
 * Measuring a counter's rate (the TSC, the local APIC timer) against a
 * counter whose rate is known: a clock source (the HPET; the TSC once
 * measured) when there is one, else the PIT, whose 1.193182 MHz is fixed.
 * With the PIT, channel 2 counts down a known interval; at its start and
 * near its end the counter and the PIT count are read together, the PIT
 * read bracketed by two counter reads, and the narrowest bracket of a few
 * tries is kept. So a pause anywhere else (an SMI, or the emulator's
 * thread losing the host CPU) cannot stretch or shrink the result: only
 * the two sample points matter. This is the idea of Linux's
 * quick_pit_calibrate() (arch/x86/kernel/tsc.c), which reads only the
 * PIT's high byte; several runs and a median add safety. A clock source
 * reference needs one run, as Linux's calibration against the HPET.
 */
#include <linux/kernel.h>
#include <linux/clocksource.h>
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

/*
 * Against a counter of known rate (the HPET for the TSC, the TSC for the
 * local APIC timer) no PIT interval is needed: read both at the start,
 * wait until the reference has advanced @us, read both again. The
 * reference read is bracketed by two reads of the measured counter, and
 * the narrowest bracket of a few tries is kept, as above; Linux's
 * tsc_read_refs() does the same against the HPET.
 */
struct ref_sample {
	u64 counter;
	u64 ref;
	u64 width;
};

static struct ref_sample take_ref_sample(u64 (*read)(void), const struct clocksource *ref)
{
	struct ref_sample best = { 0, 0, ~0ULL };

	for (int i = 0; i < SAMPLE_TRIES; i++) {
		u64 before = read();
		u64 r = ref->read();
		u64 after = read();

		if (after - before < best.width)
			best = (struct ref_sample){ before + (after - before) / 2, r,
						    after - before };
	}
	return best;
}

/* Spins until @ref has advanced @ticks past @start; false if it stalls. */
static bool wait_ref(const struct clocksource *ref, u64 start, u64 ticks)
{
	u64 last = start, now;
	unsigned int same = 0;

	while ((((now = ref->read()) - start) & ref->mask) < ticks) {
		if (now != last) {
			last = now;
			same = 0;
		} else if (++same > STALL_READS * 100) {
			return false;
		}
	}
	return true;
}

/**
 * ref_calibrate - measure how fast a counter runs against a clock source
 * @read: reads the counter; it must count up and not wrap within @us
 * @ref: a running clock source of known rate (freq_hz) and width (mask)
 * @us: length of the run
 *
 * One run: only its two end points matter, and each is the narrowest of
 * several brackets, so a pause of the CPU in between costs nothing. A
 * result whose brackets add up to more than 1/2000 of the run (500 ppm,
 * Linux's tolerance for its quick calibration) is refused.
 *
 * Context: boot, interrupts off; spins @us microseconds.
 * Return: the counter's rate in Hz, or 0 when the reference stalled or
 * the reads were too disturbed to trust.
 */
u64 ref_calibrate(u64 (*read)(void), const struct clocksource *ref, unsigned int us)
{
	u64 ticks = ref->freq_hz * us / 1000000;
	struct ref_sample a, b;
	u64 counted, elapsed;

	a = take_ref_sample(read, ref);
	if (!wait_ref(ref, a.ref, ticks))
		return 0;
	b = take_ref_sample(read, ref);
	counted = b.counter - a.counter;
	elapsed = (b.ref - a.ref) & ref->mask;
	if (!counted || (a.width + b.width) * 2000 > counted)
		return 0;
	return counted * ref->freq_hz / elapsed;
}

#define REF_TRIES 5

/**
 * ref_calibrate_retry - ref_calibrate() until one run is clean
 * @read: the counter to measure
 * @ref: the reference clock source
 * @us: length of one run
 *
 * A run is refused when the emulator's or the firmware's pauses fell on
 * its end points; the next one usually is not disturbed.
 * Context: boot, interrupts off; spins up to REF_TRIES * @us.
 * Return: the counter's rate in Hz, or 0 when every run was refused.
 */
u64 ref_calibrate_retry(u64 (*read)(void), const struct clocksource *ref, unsigned int us)
{
	for (int i = 0; i < REF_TRIES; i++) {
		u64 hz = ref_calibrate(read, ref, us);

		if (hz)
			return hz;
	}
	return 0;
}
