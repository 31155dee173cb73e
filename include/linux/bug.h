/*
 * BUG() and WARN(), as in Linux's include/asm-generic/bug.h. BUG() reports
 * the place and raises an invalid-opcode trap (ud2, via __builtin_trap), so
 * the trap handler prints the oops with registers and a backtrace. WARN()
 * reports and goes on: misuse that the kernel can survive.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

void __warn(const char *file, int line, const char *func, const char *fmt, ...)
	__printf(4, 5);
void dump_stack(void);
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;
void __bug_report(const char *file, int line);

#define BUG()                                         \
	do {                                          \
		__bug_report(__FILE__, __LINE__);     \
		__builtin_trap();                     \
	} while (0)

#define BUG_ON(cond)               \
	do {                       \
		if (unlikely(cond)) \
			BUG();     \
	} while (0)

#define WARN(cond, fmt, ...)                                                \
	({                                                                  \
		int __ret_warn = !!(cond);                                  \
		if (unlikely(__ret_warn))                                   \
			__warn(__FILE__, __LINE__, __func__, fmt, ##__VA_ARGS__); \
		unlikely(__ret_warn);                                       \
	})

#define WARN_ON(cond) WARN(cond, "%s", "")

#define WARN_ON_ONCE(cond)                                    \
	({                                                    \
		static bool __warned;                         \
		int __ret_once = !!(cond);                    \
		if (unlikely(__ret_once) && !__warned) {      \
			__warned = true;                      \
			WARN_ON(1);                           \
		}                                             \
		unlikely(__ret_once);                         \
	})

/* WARN() the first time @cond holds at this place; the value of @cond. */
#define WARN_ONCE(cond, fmt, ...)                                     \
	({                                                            \
		static bool __warned_once;                            \
		int __ret_warn_once = !!(cond);                       \
		if (unlikely(__ret_warn_once) && !__warned_once) {    \
			__warned_once = true;                         \
			WARN(1, fmt, ##__VA_ARGS__);                  \
		}                                                     \
		unlikely(__ret_warn_once);                            \
	})

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON: " #cond)

#endif
