/*
 * ktest: Spindle's in-kernel test framework, modelled on Linux's KUnit
 * (include/kunit/test.h) and printing the same KTAP format, so KUnit's
 * tooling (kunit_parser) can read the results.
 *
 * A suite is a named array of cases, registered with ktest_register_suite()
 * (it lands in a linker section, like KUnit's kunit_test_suites()). A case
 * receives a struct ktest and uses KTEST_EXPECT_*() (record a failure, go
 * on) or KTEST_ASSERT_*() (record it and return from the case).
 * Cases run in the caller's context, one after the other.
 */
#ifndef _SPINDLE_KTEST_H
#define _SPINDLE_KTEST_H

#include <linux/types.h>
#include <linux/compiler.h>

struct ktest {
	const char *name;
	bool failed;
	bool skipped;
	const char *skip_reason;
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;	/* ends with an empty entry */
};

/*
 * ktest_wait_for - sleep a millisecond at a time until @cond holds, at
 * most @ms times; evaluates to @cond. For tests that wait on another
 * thread or CPU: the bound only catches a hang. Needs <linux/delay.h>.
 */
#define ktest_wait_for(cond, ms)                                  \
	({                                                        \
		unsigned int __ktest_ms = 0;                      \
		while (!(cond) && __ktest_ms++ < (unsigned int)(ms)) \
			msleep(1);                                \
		(cond);                                           \
	})

#define KTEST_CASE(fn) { #fn, fn }

#define ktest_register_suite(suite)                                       \
	static const struct ktest_suite *const __ktest_ptr_##suite __used \
		__section(".ktest_suites") = &suite

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
	__printf(4, 5);
void ktest_skip(struct ktest *t, const char *reason);

#define KTEST_EXPECT_MSG(t, cond, fmt, ...)                                   \
	({                                                                    \
		bool __ok = !!(cond);                                         \
		if (!__ok)                                                    \
			ktest_fail(t, __FILE__, __LINE__, fmt, ##__VA_ARGS__); \
		__ok;                                                         \
	})

#define KTEST_EXPECT_TRUE(t, cond) \
	KTEST_EXPECT_MSG(t, cond, "expected %s", #cond)

#define KTEST_EXPECT_EQ(t, a, b)                                            \
	({                                                                  \
		long long __a = (long long)(a), __b = (long long)(b);      \
		KTEST_EXPECT_MSG(t, __a == __b, "expected %s == %s, got %lld != %lld", \
				 #a, #b, __a, __b);                         \
	})

#define KTEST_EXPECT_NE(t, a, b)                                            \
	({                                                                  \
		long long __a = (long long)(a), __b = (long long)(b);      \
		KTEST_EXPECT_MSG(t, __a != __b, "expected %s != %s, both %lld", \
				 #a, #b, __a);                              \
	})

#define KTEST_EXPECT_NULL(t, p) KTEST_EXPECT_MSG(t, !(p), "expected %s == NULL", #p)
#define KTEST_EXPECT_NOT_NULL(t, p) \
	KTEST_EXPECT_MSG(t, (p) != NULL, "expected %s != NULL", #p)

/* The ASSERT forms end the case at the first failure. */
#define KTEST_ASSERT_TRUE(t, cond) do { if (!KTEST_EXPECT_TRUE(t, cond)) return; } while (0)
#define KTEST_ASSERT_EQ(t, a, b) do { if (!KTEST_EXPECT_EQ(t, a, b)) return; } while (0)
#define KTEST_ASSERT_NOT_NULL(t, p) do { if (!KTEST_EXPECT_NOT_NULL(t, p)) return; } while (0)

/**
 * ktest_run - run test suites and print KTAP
 * @filter: "all", or suite names separated by commas
 *
 * Return: the number of failed cases (0 when all passed or none matched).
 */
int ktest_run(const char *filter);
/* Runs what ktest= asked for at boot, if anything. */
void ktest_run_boot(void);
/* The @i-th registered suite's name, or NULL past the last. */
const char *ktest_suite_name(unsigned int i);

#endif
