/*
 * CHECK() for Spindle's test programs (utest, threads): when @cond is
 * false, prints "PROGRAM CASE: FAIL line N: " with the message and errno,
 * and makes the case function return 1. The program defines
 * test_program and current_case.
 */
#ifndef USER_CHECK_H
#define USER_CHECK_H

#include <errno.h>
#include <stdio.h>

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("%s %s: FAIL line %d: ", test_program, current_case, \
			       __LINE__);                                      \
			printf(__VA_ARGS__);                                   \
			printf(" (errno %d)\n", errno);                        \
			return 1;                                              \
		}                                                              \
	} while (0)

#endif
