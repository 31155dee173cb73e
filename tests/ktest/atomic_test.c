/*
 * In-kernel tests of the atomic APIs (include/linux/atomic.h, refcount.h,
 * kref.h, bitops.h, asm/barrier.h, asm/cmpxchg.h, lib/refcount.c,
 * lib/find_bit.c): every family returns what Documentation/atomic_t.txt
 * says; counters stay exact while threads on every CPU hammer them;
 * refcount_t saturates instead of wrapping or reaching 0 twice; a kref's
 * release runs exactly once; a release/acquire pair passes data between
 * CPUs. Concurrent cases use all online CPUs (one thread bound to each)
 * and, on one CPU, two threads that preempt each other.
 */
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/kref.h>
#include <linux/bitops.h>
#include <linux/kthread.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <spindle/ktest.h>

#define WAIT_MS 30000	/* emulated CPUs on a busy host can stall for long */

/* ---- one thread per online CPU (at least two), started together ---- */

struct hammer {
	int (*fn)(void *arg);
	atomic_t ready;		/* threads that reached the start line */
	atomic_t go;
	int nthreads;
};

static struct hammer ham;

/* One step of a busy wait. With one CPU the thread we wait for only runs
 * when we let it: yield now and then instead of spinning a whole tick. */
static void relax(unsigned long *spins)
{
	cpu_relax();
	if (++*spins % 64 == 0)
		yield();
}

/* Every hammer thread waits here until all are running, so they overlap. */
static void hammer_start_line(void)
{
	unsigned long spins = 0;

	atomic_inc(&ham.ready);
	while (!atomic_read_acquire(&ham.go))
		relax(&spins);
}

static int run_hammer_threads(int (*fn)(void *arg))
{
	struct task_struct *k[NR_CPUS + 1];
	int cpu, n = 0;

	ham.fn = fn;
	atomic_set(&ham.ready, 0);
	atomic_set(&ham.go, 0);
	for_each_online_cpu(cpu) {
		k[n] = kthread_create_on_cpu(fn, (void *)(long)n, cpu, "kt_atomic/%u");
		if (IS_ERR(k[n]))
			return -1;
		n++;
	}
	if (n == 1) {		/* one CPU: two threads preempting each other */
		k[n] = kthread_create(fn, (void *)(long)n, "kt_atomic/b");
		if (IS_ERR(k[n]))
			return -1;
		n++;
	}
	ham.nthreads = n;
	for (int i = 0; i < n; i++)
		wake_up_process(k[i]);
	/* Release them only once all are on their CPUs, spinning. */
	ktest_wait_for(atomic_read(&ham.ready) == n, WAIT_MS);
	atomic_set_release(&ham.go, 1);
	for (int i = 0; i < n; i++)
		kthread_stop(k[i]);
	return n;
}

/* ---- the families' return values ---- */

static void atomic_operations_return_what_linux_documents(struct ktest *t)
{
	atomic_t v = ATOMIC_INIT(5);
	int old;

	KTEST_EXPECT_EQ(t, atomic_read(&v), 5);
	KTEST_EXPECT_EQ(t, atomic_add_return(3, &v), 8);
	KTEST_EXPECT_EQ(t, atomic_fetch_add(2, &v), 8);	/* the old value */
	KTEST_EXPECT_EQ(t, atomic_read(&v), 10);
	KTEST_EXPECT_EQ(t, atomic_sub_return_relaxed(4, &v), 6);
	KTEST_EXPECT_EQ(t, atomic_fetch_sub_release(1, &v), 6);
	KTEST_EXPECT_EQ(t, atomic_inc_return(&v), 6);
	KTEST_EXPECT_EQ(t, atomic_dec_return_acquire(&v), 5);
	KTEST_EXPECT_EQ(t, atomic_fetch_inc(&v), 5);
	KTEST_EXPECT_EQ(t, atomic_fetch_dec(&v), 6);
	KTEST_EXPECT_TRUE(t, !atomic_sub_and_test(4, &v));
	KTEST_EXPECT_TRUE(t, atomic_dec_and_test(&v));	/* 1 -> 0 */
	atomic_set(&v, -1);
	KTEST_EXPECT_TRUE(t, atomic_inc_and_test(&v));
	KTEST_EXPECT_TRUE(t, atomic_add_negative(-1, &v));
	KTEST_EXPECT_TRUE(t, !atomic_add_negative(1, &v));

	atomic_set(&v, 0x0f);
	KTEST_EXPECT_EQ(t, atomic_fetch_or(0xf0, &v), 0x0f);
	KTEST_EXPECT_EQ(t, atomic_fetch_and(0x3c, &v), 0xff);
	KTEST_EXPECT_EQ(t, atomic_fetch_xor(0x0f, &v), 0x3c);
	KTEST_EXPECT_EQ(t, atomic_fetch_andnot(0x30, &v), 0x33);
	KTEST_EXPECT_EQ(t, atomic_read(&v), 0x03);
	atomic_andnot(1, &v);
	atomic_or(0x100, &v);
	atomic_xor(0x2, &v);
	KTEST_EXPECT_EQ(t, atomic_read(&v), 0x100);

	KTEST_EXPECT_EQ(t, atomic_xchg(&v, 7), 0x100);
	KTEST_EXPECT_EQ(t, atomic_cmpxchg(&v, 6, 9), 7);	/* fails: unchanged */
	KTEST_EXPECT_EQ(t, atomic_read(&v), 7);
	KTEST_EXPECT_EQ(t, atomic_cmpxchg(&v, 7, 9), 7);
	KTEST_EXPECT_EQ(t, atomic_read(&v), 9);
	old = 8;
	KTEST_EXPECT_TRUE(t, !atomic_try_cmpxchg(&v, &old, 1));
	KTEST_EXPECT_EQ(t, old, 9);			/* what it found */
	KTEST_EXPECT_TRUE(t, atomic_try_cmpxchg(&v, &old, 1));
	KTEST_EXPECT_EQ(t, atomic_read(&v), 1);

	KTEST_EXPECT_TRUE(t, !atomic_add_unless(&v, 5, 1));
	KTEST_EXPECT_TRUE(t, atomic_add_unless(&v, 5, 0));
	KTEST_EXPECT_EQ(t, atomic_fetch_add_unless(&v, 1, 6), 6);
	atomic_set(&v, 0);
	KTEST_EXPECT_TRUE(t, !atomic_inc_not_zero(&v));
	KTEST_EXPECT_EQ(t, atomic_read(&v), 0);
	KTEST_EXPECT_EQ(t, atomic_dec_if_positive(&v), -1);	/* not stored */
	KTEST_EXPECT_EQ(t, atomic_read(&v), 0);
	KTEST_EXPECT_TRUE(t, atomic_dec_unless_positive(&v));
	KTEST_EXPECT_TRUE(t, !atomic_inc_unless_negative(&v));
	KTEST_EXPECT_EQ(t, atomic_read(&v), -1);
}

static void atomic64_and_atomic_long_hold_64_bit_values(struct ktest *t)
{
	atomic64_t q = ATOMIC64_INIT(0x7fffffffLL);
	atomic_long_t l = ATOMIC_LONG_INIT(-1);

	KTEST_EXPECT_EQ(t, atomic64_add_return(1, &q), 0x80000000LL);
	KTEST_EXPECT_EQ(t, atomic64_fetch_add(1LL << 40, &q), 0x80000000LL);
	KTEST_EXPECT_EQ(t, atomic64_read(&q), (1LL << 40) + 0x80000000LL);
	KTEST_EXPECT_EQ(t, atomic64_cmpxchg(&q, (1LL << 40) + 0x80000000LL, 3), (1LL << 40) + 0x80000000LL);
	KTEST_EXPECT_TRUE(t, atomic64_inc_not_zero(&q));
	KTEST_EXPECT_EQ(t, atomic64_read(&q), 4);
	KTEST_EXPECT_TRUE(t, atomic_long_inc_and_test(&l));
	KTEST_EXPECT_EQ(t, atomic_long_sub_return(1L << 50, &l), -(1L << 50));
	KTEST_EXPECT_EQ(t, atomic_long_xchg(&l, 42), -(1L << 50));
	KTEST_EXPECT_EQ(t, atomic_long_read(&l), 42);
}

static void cmpxchg_and_xchg_work_on_every_size(struct ktest *t)
{
	u8 b = 0xfe;
	u16 h = 0xfffe;
	u32 w = 0xfffffffe;
	u64 d = ~0ULL - 1;
	unsigned long x = 1;

	KTEST_EXPECT_EQ(t, cmpxchg(&b, (u8)0xfe, (u8)0x01), 0xfe);
	KTEST_EXPECT_EQ(t, b, 0x01);
	KTEST_EXPECT_EQ(t, cmpxchg(&h, (u16)0, (u16)1), 0xfffe);	/* fails */
	KTEST_EXPECT_EQ(t, h, 0xfffe);
	KTEST_EXPECT_EQ(t, xchg(&w, 5U), 0xfffffffe);
	KTEST_EXPECT_EQ(t, w, 5);
	KTEST_EXPECT_TRUE(t, cmpxchg64(&d, ~0ULL - 1, 1ULL << 63) == ~0ULL - 1);
	KTEST_EXPECT_TRUE(t, d == 1ULL << 63);
	KTEST_EXPECT_EQ(t, cmpxchg_relaxed(&x, 1UL, 2UL), 1);
	KTEST_EXPECT_EQ(t, xchg_release(&x, 3UL), 2);
	KTEST_EXPECT_TRUE(t, try_cmpxchg(&x, &(unsigned long){ 3 }, 4UL));
	KTEST_EXPECT_EQ(t, x, 4);
}

/* ---- concurrent counters ---- */

#define HAMMER_LOOPS 100000
static atomic_t shared_int;
static atomic64_t shared64;
static atomic_long_t shared_long;
static unsigned long cas_counter;
static unsigned long bitlock_word;
static unsigned long bitlock_protected;

static int hammer_counters(void *arg)
{
	unsigned long spins = 0;

	hammer_start_line();
	for (int i = 0; i < HAMMER_LOOPS; i++) {
		unsigned long old;

		atomic_inc(&shared_int);
		atomic64_add(3, &shared64);
		atomic_long_dec(&shared_long);
		old = READ_ONCE(cas_counter);
		while (!try_cmpxchg(&cas_counter, &old, old + 1))
			;
		/* A bit lock: the plain increment inside must never race. */
		while (test_and_set_bit_lock(0, &bitlock_word))
			relax(&spins);
		bitlock_protected++;
		clear_bit_unlock(0, &bitlock_word);
		if ((i & 4095) == 0)
			cond_resched();
	}
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void counters_stay_exact_with_a_thread_on_every_cpu(struct ktest *t)
{
	long n;

	atomic_set(&shared_int, 0);
	atomic64_set(&shared64, 0);
	atomic_long_set(&shared_long, 0);
	cas_counter = bitlock_protected = bitlock_word = 0;
	n = run_hammer_threads(hammer_counters);
	KTEST_ASSERT_TRUE(t, n >= 2);
	KTEST_EXPECT_EQ(t, atomic_read(&shared_int), n * HAMMER_LOOPS);
	KTEST_EXPECT_EQ(t, atomic64_read(&shared64), 3 * n * HAMMER_LOOPS);
	KTEST_EXPECT_EQ(t, atomic_long_read(&shared_long), -n * HAMMER_LOOPS);
	KTEST_EXPECT_EQ(t, cas_counter, n * HAMMER_LOOPS);
	KTEST_EXPECT_EQ(t, bitlock_protected, n * HAMMER_LOOPS);
	KTEST_EXPECT_EQ(t, bitlock_word, 0);
}

/* ---- release/acquire passes data between CPUs ---- */

#define MP_ROUNDS 20000
static unsigned long mp_data, mp_flag;
static atomic_t mp_bad, mp_acks;

/*
 * Thread 0 publishes round r: the data, then (release) the flag r. The
 * others wait (acquire) for the flag r, check the data, and acknowledge;
 * thread 0 starts round r + 1 only after every acknowledgement, so a
 * reader that sees flag r must see round r's data.
 */
static int message_passing(void *arg)
{
	long me = (long)arg, readers = ham.nthreads - 1;
	unsigned long spins = 0;

	hammer_start_line();
	for (unsigned long r = 1; r <= MP_ROUNDS; r++) {
		if (me == 0) {
			while (atomic_read_acquire(&mp_acks) != (long)(r - 1) * readers)
				relax(&spins);
			WRITE_ONCE(mp_data, r * 7);
			smp_store_release(&mp_flag, r);
		} else {
			while (smp_load_acquire(&mp_flag) != r)
				relax(&spins);
			if (READ_ONCE(mp_data) != r * 7)
				atomic_inc(&mp_bad);
			atomic_inc(&mp_acks);
		}
	}
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void store_release_and_load_acquire_pass_data_between_cpus(struct ktest *t)
{
	mp_data = mp_flag = 0;
	atomic_set(&mp_bad, 0);
	atomic_set(&mp_acks, 0);
	KTEST_ASSERT_TRUE(t, run_hammer_threads(message_passing) >= 2);
	KTEST_EXPECT_EQ(t, mp_flag, MP_ROUNDS);
	KTEST_EXPECT_EQ(t, atomic_read(&mp_bad), 0);
}

/* ---- refcount_t ---- */

static void refcount_saturates_instead_of_wrapping(struct ktest *t)
{
	refcount_t r = REFCOUNT_INIT(1);

	refcount_inc(&r);
	KTEST_EXPECT_EQ(t, refcount_read(&r), 2);
	KTEST_EXPECT_TRUE(t, !refcount_dec_and_test(&r));
	KTEST_EXPECT_TRUE(t, refcount_dec_and_test(&r));	/* the last one */

	/* Addition on 0: a use after free. Saturates and WARNs. */
	refcount_inc(&r);
	KTEST_EXPECT_EQ(t, (int)refcount_read(&r), REFCOUNT_SATURATED);
	/* Saturated: no number of puts frees it. */
	for (int i = 0; i < 1000; i++)
		KTEST_EXPECT_TRUE(t, !refcount_dec_and_test(&r));
	KTEST_EXPECT_EQ(t, (int)refcount_read(&r), REFCOUNT_SATURATED);

	/* Overflow past REFCOUNT_MAX. */
	refcount_set(&r, REFCOUNT_MAX);
	refcount_inc(&r);
	KTEST_EXPECT_EQ(t, (int)refcount_read(&r), REFCOUNT_SATURATED);

	/* refcount_dec() hitting 0 would leak the object: saturates. */
	refcount_set(&r, 1);
	refcount_dec(&r);
	KTEST_EXPECT_EQ(t, (int)refcount_read(&r), REFCOUNT_SATURATED);

	/* Dropping more than held: underflow. */
	refcount_set(&r, 2);
	KTEST_EXPECT_TRUE(t, !refcount_sub_and_test(3, &r));
	KTEST_EXPECT_EQ(t, (int)refcount_read(&r), REFCOUNT_SATURATED);
}

static void refcount_conditional_forms_respect_zero_and_one(struct ktest *t)
{
	refcount_t r = REFCOUNT_INIT(0);
	DEFINE_SPINLOCK(lock);
	DEFINE_MUTEX(mtx);

	KTEST_EXPECT_TRUE(t, !refcount_inc_not_zero(&r));
	KTEST_EXPECT_EQ(t, refcount_read(&r), 0);
	refcount_set(&r, 2);
	KTEST_EXPECT_TRUE(t, refcount_inc_not_zero(&r));
	KTEST_EXPECT_TRUE(t, !refcount_dec_if_one(&r));		/* 3 */
	KTEST_EXPECT_TRUE(t, refcount_dec_not_one(&r));		/* 3 -> 2 */
	KTEST_EXPECT_TRUE(t, !refcount_dec_and_lock(&r, &lock));	/* 2 -> 1 */
	KTEST_EXPECT_TRUE(t, !spin_is_locked(&lock));
	KTEST_EXPECT_TRUE(t, !refcount_dec_not_one(&r));	/* stays 1 */
	KTEST_EXPECT_TRUE(t, refcount_dec_and_lock(&r, &lock));	/* 1 -> 0, locked */
	KTEST_EXPECT_TRUE(t, spin_is_locked(&lock));
	spin_unlock(&lock);
	refcount_set(&r, 1);
	KTEST_EXPECT_TRUE(t, refcount_dec_and_mutex_lock(&r, &mtx));
	KTEST_EXPECT_TRUE(t, mutex_is_locked(&mtx));
	mutex_unlock(&mtx);
	refcount_set(&r, 1);
	KTEST_EXPECT_TRUE(t, refcount_dec_if_one(&r));
	KTEST_EXPECT_EQ(t, refcount_read(&r), 0);
}

/* ---- kref ---- */

struct kobj_like {
	struct kref kref;
	int payload;
};

static atomic_t releases;

static void kobj_release(struct kref *kref)
{
	struct kobj_like *o = container_of(kref, struct kobj_like, kref);

	atomic_inc(&releases);
	kfree(o);
}

static struct kobj_like *shared_obj;

static int kref_get_put_loop(void *arg)
{
	hammer_start_line();
	for (int i = 0; i < HAMMER_LOOPS / 4; i++) {
		kref_get(&shared_obj->kref);
		if (kref_put(&shared_obj->kref, kobj_release))
			atomic_add(1000, &releases);	/* never: the test holds one */
	}
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void kref_release_runs_once_on_the_last_put(struct ktest *t)
{
	struct kobj_like *o = kzalloc(sizeof(*o), GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, o);
	atomic_set(&releases, 0);
	kref_init(&o->kref);
	KTEST_EXPECT_EQ(t, kref_read(&o->kref), 1);
	shared_obj = o;
	KTEST_ASSERT_TRUE(t, run_hammer_threads(kref_get_put_loop) >= 2);
	KTEST_EXPECT_EQ(t, atomic_read(&releases), 0);
	KTEST_EXPECT_EQ(t, kref_read(&o->kref), 1);
	kref_get(&o->kref);
	KTEST_EXPECT_EQ(t, kref_put(&o->kref, kobj_release), 0);
	KTEST_EXPECT_TRUE(t, kref_get_unless_zero(&o->kref));	/* 1 -> 2 */
	KTEST_EXPECT_EQ(t, kref_put(&o->kref, kobj_release), 0);
	KTEST_EXPECT_EQ(t, kref_put(&o->kref, kobj_release), 1);	/* freed */
	KTEST_EXPECT_EQ(t, atomic_read(&releases), 1);
}

/* ---- bit operations ---- */

static void bit_operations_set_clear_and_test_across_words(struct ktest *t)
{
	DECLARE_BITMAP(map, 200);
	unsigned long bit, found[8];
	int n = 0;

	bitmap_zero(map, 200);
	KTEST_EXPECT_TRUE(t, bitmap_empty(map, 200));
	KTEST_EXPECT_EQ(t, find_first_bit(map, 200), 200);	/* none: the size */
	set_bit(3, map);
	__set_bit(64, map);
	set_bit(127, map);
	__set_bit(199, map);
	KTEST_EXPECT_EQ(t, map[0], 1UL << 3);
	KTEST_EXPECT_EQ(t, map[1], 1UL | 1UL << 63);
	KTEST_EXPECT_TRUE(t, test_bit(64, map) && !test_bit(65, map));
	KTEST_EXPECT_TRUE(t, test_and_set_bit(127, map));	/* was set */
	KTEST_EXPECT_TRUE(t, !test_and_set_bit(128, map));
	KTEST_EXPECT_TRUE(t, test_and_clear_bit(128, map));
	KTEST_EXPECT_TRUE(t, !test_and_clear_bit(128, map));
	KTEST_EXPECT_TRUE(t, !__test_and_set_bit(5, map));
	KTEST_EXPECT_TRUE(t, __test_and_clear_bit(5, map));
	change_bit(10, map);
	KTEST_EXPECT_TRUE(t, test_and_change_bit(10, map));
	KTEST_EXPECT_TRUE(t, !test_bit(10, map));
	clear_bit(3, map);
	__clear_bit(3, map);
	set_bit(3, map);
	KTEST_EXPECT_EQ(t, bitmap_weight(map, 200), 4);
	KTEST_EXPECT_EQ(t, bitmap_weight(map, 199), 3);	/* 199 not counted */

	KTEST_EXPECT_EQ(t, find_first_bit(map, 200), 3);
	KTEST_EXPECT_EQ(t, find_next_bit(map, 200, 4), 64);
	KTEST_EXPECT_EQ(t, find_next_bit(map, 200, 65), 127);
	KTEST_EXPECT_EQ(t, find_next_bit(map, 199, 128), 199);	/* past size: size */
	KTEST_EXPECT_EQ(t, find_next_bit(map, 200, 300), 200);
	KTEST_EXPECT_EQ(t, find_first_zero_bit(map, 200), 0);
	KTEST_EXPECT_EQ(t, find_next_zero_bit(map, 200, 3), 4);
	KTEST_EXPECT_EQ(t, find_last_bit(map, 200), 199);
	KTEST_EXPECT_EQ(t, find_last_bit(map, 199), 127);
	for_each_set_bit(bit, map, 200) {
		if (n < 8)
			found[n] = bit;
		n++;
	}
	KTEST_ASSERT_EQ(t, n, 4);
	KTEST_EXPECT_TRUE(t, found[0] == 3 && found[1] == 64 && found[2] == 127 &&
			  found[3] == 199);
	bitmap_fill(map, 200);
	KTEST_EXPECT_EQ(t, find_first_zero_bit(map, 200), 200);
	n = 0;
	for_each_clear_bit(bit, map, 200)
		n++;
	KTEST_EXPECT_EQ(t, n, 0);
}

static void bit_counting_matches_linux(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, ffs(0), 0);
	KTEST_EXPECT_EQ(t, ffs(0x18), 4);		/* 1-based */
	KTEST_EXPECT_EQ(t, fls(0), 0);
	KTEST_EXPECT_EQ(t, fls(0x80000000), 32);
	KTEST_EXPECT_EQ(t, fls64(1ULL << 40), 41);
	KTEST_EXPECT_EQ(t, __ffs(0x18), 3);		/* 0-based */
	KTEST_EXPECT_EQ(t, __fls(0x18), 4);
	KTEST_EXPECT_EQ(t, ffz(0x7), 3);
	KTEST_EXPECT_EQ(t, hweight64(0xf0f0), 8);
	KTEST_EXPECT_EQ(t, GENMASK(7, 4), 0xf0);
	KTEST_EXPECT_EQ(t, BIT(63), 1UL << 63);
	KTEST_EXPECT_EQ(t, BIT_WORD(130), 2);
	KTEST_EXPECT_EQ(t, BITS_TO_LONGS(65), 2);
}

static const struct ktest_case atomic_cases[] = {
	KTEST_CASE(atomic_operations_return_what_linux_documents),
	KTEST_CASE(atomic64_and_atomic_long_hold_64_bit_values),
	KTEST_CASE(cmpxchg_and_xchg_work_on_every_size),
	KTEST_CASE(counters_stay_exact_with_a_thread_on_every_cpu),
	KTEST_CASE(store_release_and_load_acquire_pass_data_between_cpus),
	KTEST_CASE(refcount_saturates_instead_of_wrapping),
	KTEST_CASE(refcount_conditional_forms_respect_zero_and_one),
	KTEST_CASE(kref_release_runs_once_on_the_last_put),
	KTEST_CASE(bit_operations_set_clear_and_test_across_words),
	KTEST_CASE(bit_counting_matches_linux),
	{}
};

static const struct ktest_suite atomic_suite = {
	.name = "atomic",
	.cases = atomic_cases,
};
ktest_register_suite(atomic_suite);
