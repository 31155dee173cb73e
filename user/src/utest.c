/*
 * utest: checks of the process ABI, run as an ordinary program on
 * Spindle's busybox (tests/e2e/test_userspace.py) and runnable on Linux
 * to compare. Each case prints "utest CASE: ok" or "utest CASE: FAIL ..."
 * and the program exits non-zero if any case failed.
 *
 *	utest [CASE...]		(no case: all of them)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static const char *const test_program = "utest";
static const char *current_case;
static int failures;

/* Runs @fn in a child; returns its wait status. */
static int in_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int case_fork(void)
{
	enum { N = 20 };
	pid_t pids[N];
	int seen = 0;

	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		CHECK(pids[i] >= 0, "fork %d", i);
		if (pids[i] == 0)
			_exit(i);
	}
	for (int i = 0; i < N; i++) {
		int status;
		pid_t p = waitpid(pids[i], &status, 0);

		CHECK(p == pids[i], "waitpid returned %d for %d", p, pids[i]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == i, "status %#x for child %d",
		      status, i);
		seen++;
	}
	CHECK(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD, "a child too many");
	CHECK(getppid() > 0, "getppid");
	return seen == N ? 0 : 1;
}

static int case_cow(void)
{
	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static int global = 42;
	int status;
	pid_t pid;

	CHECK(page != MAP_FAILED, "mmap");
	strcpy(page, "parent");
	pid = fork();
	if (pid == 0) {
		strcpy(page, "child");
		global = 7;
		_exit(strcmp(page, "child") || global != 7);
	}
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child saw its own copy");
	CHECK(!strcmp(page, "parent") && global == 42, "the child's writes leaked: %s %d",
	      page, global);
	CHECK(munmap(page, 4096) == 0, "munmap");
	return 0;
}

static void null_deref(void)
{
	*(volatile int *)0 = 1;
}

static void undefined_insn(void)
{
	__asm__ volatile("ud2");
}

static void divide_zero(void)
{
	unsigned int q, zero = 0;

	/* In assembly: C lets the compiler assume it never happens. */
	__asm__ volatile("divl %2" : "=a"(q) : "a"(1), "r"(zero), "d"(0));
	printf("%u\n", q);
}

static void write_rodata(void)
{
	static const char ro[] = "read only";

	*(volatile char *)ro = 'X';
}

static void touch_unmapped(void)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p, 8192);
	p[0] = 1;
}

static void kernel_address(void)
{
	*(volatile int *)0xffffffff80000000UL = 1;
}

static int case_faults(void)
{
	struct {
		const char *name;
		void (*fn)(void);
		int sig;
	} f[] = {
		{ "null", null_deref, SIGSEGV }, { "ud2", undefined_insn, SIGILL },
		{ "div0", divide_zero, SIGFPE }, { "rodata", write_rodata, SIGSEGV },
		{ "unmapped", touch_unmapped, SIGSEGV }, { "kernel", kernel_address, SIGSEGV },
	};

	for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		int status = in_child(f[i].fn);

		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == f[i].sig,
		      "%s: status %#x, want signal %d", f[i].name, status, f[i].sig);
	}
	return 0;
}

static volatile sig_atomic_t got_signal, got_code;

static void on_usr1(int sig, siginfo_t *info, void *uc)
{
	got_signal = sig;
	got_code = info->si_code;
}

static int case_signals(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	sigset_t set, old, pending;

	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
	CHECK(kill(getpid(), SIGUSR1) == 0, "kill");
	CHECK(got_signal == SIGUSR1 && got_code == SI_USER, "handler saw %d code %d",
	      got_signal, got_code);
	got_signal = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &set, &old) == 0, "sigprocmask");
	raise(SIGUSR1);
	CHECK(got_signal == 0, "a blocked signal was delivered");
	CHECK(sigpending(&pending) == 0 && sigismember(&pending, SIGUSR1), "not pending");
	CHECK(sigprocmask(SIG_SETMASK, &old, NULL) == 0, "unblock");
	CHECK(got_signal == SIGUSR1, "not delivered once unblocked");
	CHECK(kill(getpid(), 0) == 0, "kill 0");
	CHECK(kill(999999, SIGUSR1) == -1 && errno == ESRCH, "kill of no one");
	CHECK(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL, "SIGKILL handler");
	return 0;
}

static int case_sigchld(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		pause();	/* until killed */
		_exit(1);
	}
	CHECK(pid > 0, "fork");
	usleep(20000);
	CHECK(kill(pid, SIGTERM) == 0, "kill");
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "status %#x", status);
	return 0;
}

static int case_pipe(void)
{
	enum { TOTAL = 1 << 20 };
	static char buf[8192];
	unsigned long sum = 0, want = 0;
	int fd[2], status;
	pid_t pid;

	CHECK(pipe(fd) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		for (int i = 0, n = 0; n < TOTAL; i++, n += sizeof(buf)) {
			memset(buf, i & 0xff, sizeof(buf));
			if (write(fd[1], buf, sizeof(buf)) != sizeof(buf))
				_exit(2);
		}
		_exit(0);
	}
	close(fd[1]);
	for (int i = 0, n = 0; n < TOTAL; i++, n += sizeof(buf))
		want += (unsigned long)(i & 0xff) * sizeof(buf);
	for (;;) {
		ssize_t n = read(fd[0], buf, sizeof(buf));

		CHECK(n >= 0, "read");
		if (n == 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			sum += (unsigned char)buf[i];
	}
	close(fd[0]);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && !WEXITSTATUS(status),
	      "writer status %#x", status);
	CHECK(sum == want, "sum %lu, want %lu", sum, want);
	return 0;
}

static int case_efault(void)
{
	char buf[16];

	CHECK(write(1, (void *)8, 10) == -1 && errno == EFAULT, "write from page 0");
	CHECK(read(0, (void *)0xffff888000000000UL, 4) == -1 && errno == EFAULT,
	      "read into the kernel");
	CHECK(syscall(SYS_clock_gettime, 1, (void *)16) == -1 && errno == EFAULT,
	      "clock_gettime");
	CHECK(syscall(SYS_uname, (void *)0xfffffffffffff000UL) == -1 && errno == EFAULT,
	      "uname");
	CHECK(syscall(100000) == -1 && errno == ENOSYS, "unknown syscall");
	CHECK(getcwd(buf, sizeof(buf)) != NULL, "getcwd");
	return 0;
}

/* Lines in /proc/self/maps: one per region. */
static int count_regions(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	int c, n = 0;

	if (!f)
		return -1;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/* @p is inside a read-write region: a page's new rights split it in
 * three, the old rights merge it back, the same rights change nothing
 * (that last call once looped for ever in the kernel). */
static int mprotect_splits_and_merges(char *p)
{
	int regions = count_regions();

	CHECK(regions > 0, "read /proc/self/maps");
	CHECK(mprotect(p, 4096, PROT_READ | PROT_WRITE) == 0, "same rights");
	CHECK(count_regions() == regions, "same rights split a region");
	CHECK(mprotect(p, 4096, PROT_READ) == 0, "read-only page");
	CHECK(count_regions() == regions + 2, "%d regions, not %d + 2", count_regions(), regions);
	CHECK(mprotect(p, 4096, PROT_READ | PROT_WRITE) == 0, "back to read-write");
	CHECK(count_regions() == regions, "%d regions, not %d", count_regions(), regions);
	p[0] = 1;
	return 0;
}

/* Linux's default overcommit: one writable request larger than RAM is
 * refused at once; read-only and MAP_NORESERVE ones are not counted. */
static int overcommit_refuses_more_than_ram(void)
{
	struct sysinfo si;
	size_t big;
	void *p;

	CHECK(sysinfo(&si) == 0, "sysinfo");
	big = (size_t)si.totalram * si.mem_unit * 2;
	CHECK(mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
	      MAP_FAILED && errno == ENOMEM, "%zu MiB read-write", big >> 20);
	CHECK(mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0) ==
	      MAP_FAILED && errno == ENOMEM, "%zu MiB shared", big >> 20);
	p = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		 -1, 0);
	CHECK(p != MAP_FAILED, "MAP_NORESERVE of %zu MiB", big >> 20);
	CHECK(munmap(p, big) == 0, "munmap");
	p = mmap(NULL, big, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "read-only %zu MiB", big >> 20);
	CHECK(munmap(p, big) == 0, "munmap");
	CHECK(sbrk(big) == (void *)-1 && errno == ENOMEM, "sbrk of %zu MiB", big >> 20);
	return 0;
}

static int case_mmap(void)
{
	size_t len = 64 << 20;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap 64 MiB");
	for (size_t i = 0; i < len; i += 4096 * 64)
		CHECK(p[i] == 0, "not zero at %zu", i);
	for (size_t i = 0; i < len; i += 4096 * 64)
		p[i] = (char)i;
	CHECK(mprotect(p, 4096, PROT_READ) == 0, "mprotect");
	CHECK(mprotect_splits_and_merges(p + (1 << 20)) == 0, "mprotect");
	CHECK(munmap(p, len) == 0, "munmap");
	CHECK(mmap(NULL, 1UL << 50, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
	      errno == ENOMEM, "a huge mapping");
	CHECK(overcommit_refuses_more_than_ram() == 0, "overcommit");
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED && errno == EBADF,
	      "a file mapping of no file");
	CHECK(sbrk(0) != (void *)-1, "sbrk");
	return 0;
}

static int case_exec(void)
{
	int status, fd;
	pid_t pid = fork();
	char *argv[] = { "sh", "-c", "exit 7", NULL };

	if (pid == 0) {
		execv("/bin/sh", argv);
		_exit(99);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "sh -c 'exit 7' gave %#x", status);
	fd = open("/tmp/notelf", O_CREAT | O_WRONLY | O_TRUNC, 0755);
	CHECK(fd >= 0, "create");
	CHECK(write(fd, "\177ELF\2\1\1", 7) == 7, "write");
	close(fd);
	CHECK(execv("/tmp/notelf", argv) == -1 && errno == ENOEXEC, "truncated ELF");
	CHECK(execv("/nonexistent", argv) == -1 && errno == ENOENT, "missing file");
	CHECK(execv("/etc/passwd", argv) == -1 && errno == EACCES, "not executable");
	unlink("/tmp/notelf");
	return 0;
}

static int case_vfork(void)
{
	int status;
	pid_t pid = vfork();

	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(9);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "vfork");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	return 0;
}

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	alarms++;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* ITIMER_REAL one-shot and periodic, alarm()'s return, getitimer(). */
static volatile sig_atomic_t cpu_alarms;

static void on_cpu_alarm(int sig)
{
	cpu_alarms++;
}

/* A CPU-time timer of 20 ms, every 10 ms: it counts only while this
 * process runs, so a sleep does not bring it closer; spinning does. */
static int cpu_itimer_fires(int which, int sig)
{
	struct itimerval it = { .it_value.tv_usec = 20000, .it_interval.tv_usec = 10000 }, cur;
	struct timespec t0, nap = { 0, 50000000 };

	cpu_alarms = 0;
	CHECK(signal(sig, on_cpu_alarm) != SIG_ERR, "signal");
	CHECK(setitimer(which, &it, NULL) == 0, "setitimer");
	nanosleep(&nap, NULL);
	CHECK(cpu_alarms == 0, "fired while the process slept");
	CHECK(getitimer(which, &cur) == 0 && cur.it_interval.tv_usec == 10000 &&
	      cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 20000,
	      "getitimer %ld/%ld", (long)cur.it_value.tv_usec, (long)cur.it_interval.tv_usec);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Mostly in user mode: the clock is a system call here (no vDSO),
	 * and ITIMER_VIRTUAL counts only user time. */
	while (cpu_alarms < 3 && ms_since(&t0) < 10000)
		for (volatile int i = 0; i < 100000; i++)
			;
	CHECK(cpu_alarms >= 3, "%d signals after %ld ms of spinning", (int)cpu_alarms,
	      ms_since(&t0));
	memset(&it, 0, sizeof(it));
	CHECK(setitimer(which, &it, NULL) == 0, "disarm");
	CHECK(getitimer(which, &cur) == 0 && !cur.it_value.tv_usec && !cur.it_value.tv_sec,
	      "still armed");
	signal(sig, SIG_DFL);
	return 0;
}

static int case_itimer(void)
{
	struct itimerval it = { .it_value.tv_usec = 50000 }, cur;
	struct timespec t0;
	int status;
	pid_t pid;

	CHECK(signal(SIGALRM, on_alarm) != SIG_ERR, "signal");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer");
	while (!alarms)
		pause();
	CHECK(ms_since(&t0) >= 50, "SIGALRM after %ld ms, before 50", ms_since(&t0));
	it.it_interval.tv_usec = 10000;
	it.it_value.tv_usec = 10000;
	alarms = 0;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0, "periodic");
	while (alarms < 3)
		pause();
	memset(&it, 0, sizeof(it));
	CHECK(setitimer(ITIMER_REAL, &it, &cur) == 0, "disarm");
	CHECK(cur.it_interval.tv_usec == 10000, "old interval %ld", (long)cur.it_interval.tv_usec);
	CHECK(getitimer(ITIMER_REAL, &cur) == 0 && !cur.it_value.tv_sec &&
	      !cur.it_value.tv_usec, "still armed");
	unsigned int a5 = alarm(5), a0 = alarm(0);
	CHECK(a5 == 0 && a0 == 5, "alarm gave %u then %u", a5, a0);
	it.it_value.tv_usec = 1000000;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == -1 && errno == EINVAL, "usec 1e6");
	pid = fork();
	if (pid == 0) {
		signal(SIGALRM, SIG_DFL);
		alarm(1);
		pause();
		_exit(1);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "fork");
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM, "status %#x", status);
	CHECK(cpu_itimer_fires(ITIMER_VIRTUAL, SIGVTALRM) == 0, "ITIMER_VIRTUAL");
	CHECK(cpu_itimer_fires(ITIMER_PROF, SIGPROF) == 0, "ITIMER_PROF");
	return 0;
}

/* sigtimedwait(): takes a blocked signal without its handler; times out. */
static int case_sigwait(void)
{
	struct timespec ts = { .tv_nsec = 20000000 };
	siginfo_t info;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0, "block");
	CHECK(sigtimedwait(&set, &info, &ts) == -1 && errno == EAGAIN, "nothing pending");
	CHECK(kill(getpid(), SIGUSR2) == 0, "kill");
	CHECK(sigtimedwait(&set, &info, &ts) == SIGUSR2, "taken");
	CHECK(info.si_signo == SIGUSR2 && info.si_pid == getpid() &&
	      info.si_code == SI_USER, "siginfo %d %d %d", info.si_signo,
	      (int)info.si_pid, info.si_code);
	ts.tv_nsec = 1000000000;
	CHECK(sigtimedwait(&set, &info, &ts) == -1 && errno == EINVAL, "bad timeout");
	return 0;
}

/* Nice values, affinity, policies, and what prctl and getrusage report. */
static int case_sched(void)
{
	struct sched_param sp = { 0 };
	char name[16] = "";
	struct rusage ru;
	struct tms tms;
	cpu_set_t set;
	int status, fds[2];
	pid_t pid;

	errno = 0;
	CHECK(setpriority(PRIO_PROCESS, 0, 7) == 0, "setpriority");
	CHECK(getpriority(PRIO_PROCESS, 0) == 7 && errno == 0, "nice not 7");
	CHECK(getpriority(PRIO_PROCESS, 999999) == -1 && errno == ESRCH, "no such pid");
	CHECK(sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_ISSET(0, &set), "affinity");
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	CHECK(sched_setaffinity(0, sizeof(set), &set) == 0, "setaffinity");
	CHECK(sched_getcpu() == 0, "not on CPU 0 after binding to it");
	/* musl answers these four with ENOSYS itself: the raw calls. */
	CHECK(syscall(SYS_sched_getscheduler, 0) == SCHED_OTHER, "policy");
	sp.sched_priority = 10;
	CHECK(syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp) == 0, "SCHED_FIFO");
	CHECK(syscall(SYS_sched_getscheduler, 0) == SCHED_FIFO, "not FIFO");
	sp.sched_priority = 0;
	CHECK(syscall(SYS_sched_getparam, 0, &sp) == 0 && sp.sched_priority == 10,
	      "rt priority %d", sp.sched_priority);
	sp.sched_priority = 0;
	CHECK(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp) == 0, "back to normal");
	CHECK(syscall(SYS_sched_setscheduler, 0, 77, &sp) == -1 && errno == EINVAL,
	      "bad policy");
	CHECK(sched_get_priority_max(SCHED_FIFO) == 99, "max prio");
	CHECK(sched_yield() == 0, "yield");
	CHECK(prctl(PR_SET_NAME, "renamed-by-prctl") == 0, "PR_SET_NAME");
	CHECK(prctl(PR_GET_NAME, name) == 0 && !strcmp(name, "renamed-by-prct"), "name %s", name);
	CHECK(prctl(12345, 0, 0, 0, 0) == -1 && errno == EINVAL, "unknown option");
	CHECK(times(&tms) > 0, "times");
	CHECK(getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_minflt > 0, "minflt %ld", ru.ru_minflt);
	CHECK(getrusage(42, &ru) == -1 && errno == EINVAL, "bad who");
	/* PR_SET_PDEATHSIG: a grandchild dies with its parent. The pipe's
	 * read end sees EOF once both, its only writers, are gone. */
	CHECK(pipe(fds) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		if (fork() == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			kill(getppid(), SIGKILL);
			for (;;)
				pause();
		}
		for (;;)
			pause();
	}
	close(fds[1]);
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "fork");
	signal(SIGALRM, on_alarm);
	alarm(10);
	CHECK(read(fds[0], name, 1) == 0, "the grandchild outlived its parent");
	alarm(0);
	close(fds[0]);
	return 0;
}

/* include/uapi/linux/futex.h (musl-gcc has no kernel headers). */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_OP_SET 0
#define FUTEX_OP_ADD 1
#define FUTEX_OP_OR 2
#define FUTEX_OP_OPARG_SHIFT 8
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

static long futex(volatile uint32_t *uaddr, int op, uint32_t val,
		  const struct timespec *ts, uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, val3);
}

static volatile uint32_t futex_word;
static volatile pid_t child_tid;

/* A child sharing our memory (CLONE_VM): it wakes us through the word,
 * and its exit clears and wakes child_tid (CLONE_CHILD_CLEARTID). */
static int futex_child(void *arg)
{
	usleep(20000);
	futex_word = 1;
	futex(&futex_word, FUTEX_WAKE, 1, NULL, 0);
	usleep(20000);
	return 0;
}

/* FUTEX_WAKE_OP with its fourth argument, a count, in the pointer's place. */
static long futex_wake_op(volatile uint32_t *uaddr, int nr_wake, int nr_wake2,
			  volatile uint32_t *uaddr2, uint32_t op)
{
	return syscall(SYS_futex, uaddr, FUTEX_WAKE_OP, nr_wake, (long)nr_wake2, uaddr2, op);
}

static volatile uint32_t futex_word2;

/* Wakes the sleeper on futex_word2 through FUTEX_WAKE_OP's second half:
 * the operation adds 0 and the comparison (old value 0 == 0) holds. */
static int wake_op_child(void *arg)
{
	uint32_t op = FUTEX_OP(FUTEX_OP_ADD, 0, FUTEX_OP_CMP_EQ, 0);

	for (int ms = 0; ms < 5000; ms++) {
		if (futex_wake_op(&futex_word, 1, 1, &futex_word2, op) == 1)
			return 0;
		usleep(1000);
	}
	return 1;
}

static int futex_wake_op_cases(void)
{
	static char stack[64 << 10] __attribute__((aligned(16)));
	struct timespec ts = { .tv_sec = 5 };
	int status;
	pid_t pid;

	futex_word2 = 5;
	CHECK(futex_wake_op(&futex_word, 1, 1, &futex_word2,
			    FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_EQ, 5)) == 0 && futex_word2 == 8,
	      "wake-op add: %u", futex_word2);
	CHECK(futex_wake_op(&futex_word, 1, 1, &futex_word2,
			    FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 4, FUTEX_OP_CMP_GT, 100)) ==
			      0 && futex_word2 == 24,
	      "wake-op or 1<<4: %u", futex_word2);
	CHECK(futex_wake_op(&futex_word, 1, 1, &futex_word2, FUTEX_OP(7, 0, 0, 0)) == -1 &&
	      errno == ENOSYS, "unknown wake-op");
	CHECK(futex_wake_op(&futex_word, 1, 1, (uint32_t *)8, 0) == -1 && errno == EFAULT,
	      "wake-op on a bad address");
	futex_word2 = 0;
	pid = clone(wake_op_child, stack + sizeof(stack), CLONE_VM | SIGCHLD, NULL);
	CHECK(pid > 0, "clone");
	CHECK(futex(&futex_word2, FUTEX_WAIT, 0, &ts, 0) == 0, "woken by FUTEX_WAKE_OP");
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && !WEXITSTATUS(status),
	      "wake-op child %#x", status);
	return 0;
}

/* A futex in a MAP_SHARED page, seen by two processes: the child moves
 * its mapping elsewhere, so only a key by page (not by address space and
 * address) lets its FUTEX_WAKE find the parent asleep. */
static int futex_shared_cases(void)
{
	volatile uint32_t *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct timespec ts = { .tv_sec = 5 };
	int status;
	pid_t pid;

	CHECK(word != MAP_FAILED, "mmap");
	pid = fork();
	if (pid == 0) {
		char *to = mmap(NULL, 2 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		volatile uint32_t *moved = mremap((void *)word, 4096, 4096,
						  MREMAP_MAYMOVE | MREMAP_FIXED, to + 4096);

		if (to == MAP_FAILED || moved == MAP_FAILED)
			_exit(2);
		for (int ms = 0; ms < 5000; ms++) {
			if (futex(moved, FUTEX_WAKE, 1, NULL, 0) == 1)
				_exit(0);
			usleep(1000);
		}
		_exit(1);
	}
	CHECK(pid > 0, "fork");
	CHECK(futex(word, FUTEX_WAIT, 0, &ts, 0) == 0, "woken from the other process");
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && !WEXITSTATUS(status),
	      "child %#x", status);
	munmap((void *)word, 4096);
	return 0;
}

static int case_futex(void)
{
	static char stack[64 << 10] __attribute__((aligned(16)));
	struct timespec ts = { .tv_nsec = 20000000 }, t0;
	int status;
	pid_t pid;

	CHECK(futex(&futex_word, FUTEX_WAIT, 5, NULL, 0) == -1 && errno == EAGAIN, "value differs");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(futex(&futex_word, FUTEX_WAIT, 0, &ts, 0) == -1 && errno == ETIMEDOUT, "timeout");
	CHECK(ms_since(&t0) >= 20, "woke after %ld ms", ms_since(&t0));
	clock_gettime(CLOCK_MONOTONIC, &ts);
	CHECK(futex(&futex_word, FUTEX_WAIT_BITSET, 0, &ts, ~0u) == -1 && errno == ETIMEDOUT,
	      "past deadline");
	CHECK(futex((uint32_t *)((char *)&futex_word + 1), FUTEX_WAKE, 1, NULL, 0) == -1 &&
	      errno == EINVAL, "misaligned");
	CHECK(futex(NULL, FUTEX_WAIT, 0, NULL, 0) == -1 && errno == EFAULT, "NULL");
	CHECK(futex(&futex_word, 99, 0, NULL, 0) == -1 && errno == ENOSYS, "unknown op");
	CHECK(futex(&futex_word, FUTEX_WAKE, 1, NULL, 0) == 0, "woke someone");
	pid = clone(futex_child, stack + sizeof(stack),
		    CLONE_VM | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, NULL,
		    NULL, NULL, &child_tid);
	CHECK(pid > 0, "clone");
	while (futex_word == 0)
		if (futex(&futex_word, FUTEX_WAIT, 0, NULL, 0) == -1)
			CHECK(errno == EAGAIN || errno == EINTR, "wait");
	while (child_tid != 0)	/* a pthread_join() */
		if (futex((uint32_t *)&child_tid, FUTEX_WAIT, child_tid, NULL, 0) == -1)
			CHECK(errno == EAGAIN || errno == EINTR, "join");
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status), "status %#x", status);
	futex_word = 0;
	return futex_wake_op_cases() || futex_shared_cases();
}

/*
 * A fork bomb meets the kernel's limit (max_threads, Linux's threads-max:
 * root is exempt from RLIMIT_NPROC): fork() fails with EAGAIN, the kernel
 * lives, and once the bomb's process group is killed a fork works again.
 */
static int case_forkbomb(void)
{
	int fds[2], status, n = 0, err = 0;
	pid_t bomb;

	CHECK(pipe(fds) == 0, "pipe");
	bomb = fork();
	if (bomb == 0) {
		setpgid(0, 0);
		close(fds[0]);
		for (;;) {
			pid_t pid = fork();

			if (pid == 0) {
				for (;;)
					pause();
			}
			if (pid < 0) {
				err = errno;
				break;
			}
			n++;
		}
		dprintf(fds[1], "%d %d\n", n, err);
		kill(-getpid(), SIGKILL);	/* the whole group, this one too */
		_exit(1);
	}
	close(fds[1]);
	CHECK(bomb > 0, "fork");
	FILE *f = fdopen(fds[0], "r");
	CHECK(f && fscanf(f, "%d %d", &n, &err) == 2, "the bomb's report");
	fclose(f);
	CHECK(waitpid(bomb, &status, 0) == bomb && WIFSIGNALED(status), "status %#x", status);
	printf("utest forkbomb: %d forks, then errno %d\n", n, err);
	CHECK(err == EAGAIN && n > 100, "%d forks, then errno %d", n, err);
	/* init reaps the killed children; then there is room again. */
	for (int tries = 0; tries < 100; tries++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid > 0) {
			CHECK(waitpid(pid, &status, 0) == pid, "wait");
			return 0;
		}
		usleep(100000);
	}
	CHECK(0, "no fork possible 10 s after the bomb was killed");
}

/*
 * A child that touches more and more memory: the OOM killer ends it with
 * SIGKILL (Linux's "Out of memory: Killed process") and the kernel goes on.
 */
static int case_oom(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		for (;;) {
			char *p = mmap(NULL, 16 << 20, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED)
				_exit(2);	/* address space gone: not what we test */
			for (size_t i = 0; i < (16 << 20); i += 4096)
				p[i] = 1;
		}
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "wait");
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "fork", case_fork }, { "cow", case_cow }, { "faults", case_faults },
	{ "signals", case_signals }, { "sigchld", case_sigchld }, { "pipe", case_pipe },
	{ "efault", case_efault }, { "mmap", case_mmap }, { "exec", case_exec },
	{ "vfork", case_vfork }, { "itimer", case_itimer }, { "sigwait", case_sigwait },
	{ "sched", case_sched }, { "futex", case_futex },
	{ "forkbomb", case_forkbomb }, { "oom", case_oom },
};

/* Run only when named: they take the whole machine to its limits. */
static bool explicit_only(const char *name)
{
	return !strcmp(name, "forkbomb") || !strcmp(name, "oom");
}

static void run_case(int i)
{
	current_case = cases[i].name;
	if (cases[i].fn() == 0)
		printf("utest %s: ok\n", current_case);
	else
		failures++;
	fflush(stdout);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 0; i < (int)(sizeof(cases) / sizeof(cases[0])); i++) {
		bool wanted = argc == 1 && !explicit_only(cases[i].name);

		for (int a = 1; a < argc; a++)
			wanted |= !strcmp(argv[a], cases[i].name);
		if (wanted)
			run_case(i);
	}
	printf("utest: %d failed\n", failures);
	return failures != 0;
}
