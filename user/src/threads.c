/*
 * threads: POSIX threads (musl's pthreads, built on clone(CLONE_THREAD))
 * on Spindle. Each case prints "threads CASE: ok" or what failed:
 *   basic   threads share memory and the PID, each has its own TID, and
 *           /proc/self/task and /proc/self/status list them
 *   signal  a signal to the process goes to a thread that does not block
 *           it; tgkill() reaches one thread
 *   exit    exit() in any thread ends the process with that status; a
 *           fault in a thread kills the process; a leader that leaves
 *           with pthread_exit() waits, a zombie, for the others
 *   exec    execve() in a thread that is not the leader: the other
 *           threads go, and the new program keeps the process's PID
 *   stop    SIGSTOP stops every thread (state T), even one being created
 *           meanwhile; SIGCONT resumes them
 *   robust  a robust mutex whose owner thread or process died holding it
 *           is handed to the next locker with EOWNERDEAD (the kernel's
 *           robust-list walk at exit), also while that locker sleeps
 * "threads" alone runs them all; "threads CASE..." some.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define NR_THREADS 4

static const char *const test_program = "threads";
static const char *current_case;
static int failures;

static pid_t gettid_(void)
{
	return syscall(SYS_gettid);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* Entries of /proc/self/task, or -1. */
static int count_tasks(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* The "Threads:" line of /proc/PID/status, or -1. */
static int status_threads(pid_t pid)
{
	char path[64], line[128];
	int n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	fclose(f);
	return n;
}

/* --- basic --- */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t barrier;
static long counter;
static pid_t tids[NR_THREADS], pids[NR_THREADS];

static void *add_up(void *arg)
{
	long i = (long)arg;

	tids[i] = gettid_();
	pids[i] = getpid();
	for (int n = 0; n < 10000; n++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	pthread_barrier_wait(&barrier);	/* all alive while main looks */
	pthread_barrier_wait(&barrier);
	return (void *)(i * 10);
}

static int case_basic(void)
{
	pthread_t t[NR_THREADS];
	void *ret;

	counter = 0;
	pthread_barrier_init(&barrier, NULL, NR_THREADS + 1);
	for (long i = 0; i < NR_THREADS; i++)
		CHECK(pthread_create(&t[i], NULL, add_up, (void *)i) == 0, "create %ld", i);
	pthread_barrier_wait(&barrier);
	CHECK(count_tasks() == NR_THREADS + 1, "/proc/self/task has %d", count_tasks());
	CHECK(status_threads(getpid()) == NR_THREADS + 1, "Threads: %d", status_threads(getpid()));
	pthread_barrier_wait(&barrier);
	for (long i = 0; i < NR_THREADS; i++) {
		CHECK(pthread_join(t[i], &ret) == 0, "join %ld", i);
		CHECK(ret == (void *)(i * 10), "thread %ld returned %p", i, ret);
		CHECK(pids[i] == getpid(), "getpid() %d in a thread, %d in main", pids[i], getpid());
		CHECK(tids[i] != getpid() && tids[i] > 0, "tid %d", tids[i]);
		for (long j = 0; j < i; j++)
			CHECK(tids[i] != tids[j], "two threads with TID %d", tids[i]);
	}
	CHECK(counter == NR_THREADS * 10000L, "counter %ld", counter);
	CHECK(gettid_() == getpid(), "the main thread's TID is the PID");
	/* pthread_join() returns when the kernel clears the TID, a moment
	 * before the thread leaves the lists (as on Linux). */
	for (int ms = 0; count_tasks() != 1 && ms < 5000; ms++)
		sleep_ms(1);
	CHECK(count_tasks() == 1, "joined threads still in /proc/self/task: %d", count_tasks());
	pthread_barrier_destroy(&barrier);
	return 0;
}

/* --- signal --- */
static volatile pid_t handled_by;
static volatile int handled;

static void on_usr1(int sig)
{
	handled_by = gettid_();
	handled++;
}

static volatile bool stop_waiting;
static volatile pid_t waiter_tid;

static void *wait_for_signals(void *arg)
{
	waiter_tid = gettid_();
	while (!stop_waiting)
		sleep_ms(1);
	return NULL;
}

static int case_signal(void)
{
	sigset_t set;
	pthread_t t;

	signal(SIGUSR1, on_usr1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	/* The thread inherits an empty mask; main then blocks SIGUSR1. */
	stop_waiting = false;
	waiter_tid = 0;
	CHECK(pthread_create(&t, NULL, wait_for_signals, NULL) == 0, "create");
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	while (!waiter_tid)
		sleep_ms(1);
	handled = 0;
	CHECK(kill(getpid(), SIGUSR1) == 0, "kill");
	for (int ms = 0; !handled && ms < 5000; ms++)
		sleep_ms(1);
	CHECK(handled == 1, "the process's signal was not taken (%d)", handled);
	CHECK(handled_by == waiter_tid, "taken by %d, not the thread %d", handled_by, waiter_tid);
	/* tgkill to the main thread: pending, blocked there, until unblocked. */
	handled = 0;
	CHECK(syscall(SYS_tgkill, getpid(), getpid(), SIGUSR1) == 0, "tgkill");
	sleep_ms(20);
	CHECK(handled == 0, "a signal to the blocking main thread went to another");
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	CHECK(handled == 1 && handled_by == getpid(), "handled %d by %d", handled, handled_by);
	CHECK(syscall(SYS_tgkill, getpid() + 100000, getpid(), SIGUSR1) == -1 && errno == ESRCH,
	      "tgkill with the wrong group");
	stop_waiting = true;
	pthread_join(t, NULL);
	signal(SIGUSR1, SIG_DFL);
	return 0;
}

/* --- exit --- */
static void *sleep_long(void *arg)
{
	for (;;)
		sleep_ms(1000);
	return NULL;
}

static void *exit_five(void *arg)
{
	sleep_ms(10);
	exit(5);
}

static volatile uintptr_t bad_address = 8;

static void *fault(void *arg)
{
	sleep_ms(10);
	*(volatile int *)(uintptr_t)bad_address = 1;
	return NULL;
}

/* Forks a child that starts sleepers plus @last, then runs @main_part;
 * its PID into *@child if not NULL. Return: the child's wait status. */
static int child_with_threads(void *(*last)(void *), void (*main_part)(void), pid_t *child)
{
	int status = -1;
	pid_t pid = fork();

	if (child)
		*child = pid;

	if (pid == 0) {
		pthread_t t;

		for (int i = 0; i < NR_THREADS - 1; i++)
			pthread_create(&t, NULL, sleep_long, NULL);
		pthread_create(&t, NULL, last, NULL);
		main_part();
		_exit(99);
	}
	if (pid > 0 && waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void main_sleeps(void)
{
	for (;;)
		sleep_ms(1000);
}

/* The leader leaves alone: the process lives on in its threads. */
static void main_leaves(void)
{
	pthread_exit(NULL);
}

static int case_exit(void)
{
	int status = child_with_threads(exit_five, main_sleeps, NULL);

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "exit(5) in a thread: %#x", status);
	status = child_with_threads(fault, main_sleeps, NULL);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "fault in a thread: %#x",
	      status);
	status = child_with_threads(exit_five, main_leaves, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "exit(5) after the leader's pthread_exit: %#x", status);
	return 0;
}

/* --- exec --- */
static void *exec_shell(void *arg)
{
	sleep_ms(10);
	/* A file of its own: several instances may run at once. */
	execl("/bin/sh", "sh", "-c", "echo $$ > /tmp/threads-exec.$$; exit 3", (char *)NULL);
	_exit(98);
}

static int case_exec(void)
{
	pid_t pid;
	int status = child_with_threads(exec_shell, main_sleeps, &pid);
	char path[64];
	FILE *f;
	int shell_pid = 0;

	CHECK(pid > 0, "fork");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "status %#x", status);
	snprintf(path, sizeof(path), "/tmp/threads-exec.%d", pid);
	f = fopen(path, "r");
	CHECK(f && fscanf(f, "%d", &shell_pid) == 1, "the shell wrote its PID in %s", path);
	fclose(f);
	unlink(path);
	CHECK(shell_pid == pid, "the program's PID %d is not the process's %d", shell_pid, pid);
	return 0;
}

/* --- stop --- */
/* The state letter of /proc/PID/task/TID/stat for every thread of @pid;
 * the number of threads into *@total if not NULL.
 * Return: how many threads are in state @want, or -1. */
static int threads_in_state_of(pid_t pid, char want, int *total)
{
	char path[64], line[512];
	struct dirent *e;
	int n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		FILE *f;
		char *rp, state = 0;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%.16s/stat", pid, e->d_name);
		f = fopen(path, "r");
		if (f && fgets(line, sizeof(line), f) && (rp = strrchr(line, ')')))
			state = rp[2];
		if (f)
			fclose(f);
		n += state == want;
		if (total)
			++*total;
	}
	closedir(d);
	return n;
}

static int threads_in_state(pid_t pid, char want)
{
	return threads_in_state_of(pid, want, NULL);
}

/* Creates sleeping threads without pause, up to 64, so that a group stop
 * comes while a clone() is under way: the new thread must stop too. */
static void *create_threads(void *arg)
{
	pthread_attr_t a;
	pthread_t t;

	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 16 << 10);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < 64; i++)
		pthread_create(&t, &a, sleep_long, NULL);
	return sleep_long(arg);
}

static int case_stop(void)
{
	pid_t pid = fork();
	int status, n = 0, total = 0;

	if (pid == 0) {
		pthread_t t;

		for (int i = 0; i < NR_THREADS - 1; i++)
			pthread_create(&t, NULL, sleep_long, NULL);
		pthread_create(&t, NULL, create_threads, NULL);
		main_sleeps();
	}
	CHECK(pid > 0, "fork");
	for (int ms = 0; status_threads(pid) <= NR_THREADS + 1 && ms < 5000; ms++)
		sleep_ms(1);
	CHECK(status_threads(pid) > NR_THREADS + 1, "Threads: %d", status_threads(pid));
	CHECK(kill(pid, SIGSTOP) == 0, "SIGSTOP");
	CHECK(waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status), "stopped: %#x",
	      status);
	n = threads_in_state_of(pid, 'T', &total);
	CHECK(n == total, "%d of %d threads stopped", n, total);
	CHECK(kill(pid, SIGCONT) == 0, "SIGCONT");
	CHECK(waitpid(pid, &status, WCONTINUED) == pid && WIFCONTINUED(status),
	      "continued: %#x", status);
	for (int ms = 0; (n = threads_in_state(pid, 'T')) && ms < 5000; ms++)
		sleep_ms(1);
	CHECK(n == 0, "%d threads still stopped", n);
	CHECK(kill(pid, SIGKILL) == 0, "SIGKILL");
	CHECK(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "killed: %#x", status);
	return 0;
}

/* --- robust --- */
static int init_robust(pthread_mutex_t *m, int pshared)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutexattr_setpshared(&a, pshared);
	return pthread_mutex_init(m, &a);
}

/* pthread_mutex_timedlock() with 5 s to go: a hang becomes ETIMEDOUT. */
static int lock_within_5s(pthread_mutex_t *m)
{
	struct timespec at;

	clock_gettime(CLOCK_REALTIME, &at);
	at.tv_sec += 5;
	return pthread_mutex_timedlock(m, &at);
}

/* Dies holding the lock by the raw exit system call: musl's
 * pthread_exit() would release its robust locks itself, so this way only
 * the kernel's walk of the thread's robust list can. */
static int locked_fds[2];

static void *lock_and_vanish(void *arg)
{
	pthread_mutex_lock(arg);
	write(locked_fds[1], "x", 1);
	syscall(SYS_exit, 0);
	return NULL;
}

/* The lock's next owner learns that the last one died, and recovers it. */
static int owner_died(pthread_mutex_t *m)
{
	int err = lock_within_5s(m);

	CHECK(err == EOWNERDEAD, "lock after its owner died: %s", strerror(err));
	CHECK(pthread_mutex_consistent(m) == 0, "consistent");
	CHECK(pthread_mutex_unlock(m) == 0, "unlock");
	err = pthread_mutex_trylock(m);
	CHECK(err == 0, "recovered lock: %s", strerror(err));
	CHECK(pthread_mutex_unlock(m) == 0, "unlock");
	return 0;
}

static int case_robust(void)
{
	pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				  -1, 0);
	int *fds = locked_fds, status;
	void *head = NULL;
	size_t len = 0;
	pthread_t t;
	pid_t pid;
	char c;

	CHECK(m != MAP_FAILED && pipe(fds) == 0, "mmap, pipe");
	/* musl registers its robust list with the kernel only for
	 * process-shared mutexes (a private one it releases itself in
	 * pthread_exit()), so both cases use one. */
	CHECK(init_robust(m, PTHREAD_PROCESS_SHARED) == 0, "init");
	CHECK(pthread_create(&t, NULL, lock_and_vanish, m) == 0, "pthread_create");
	CHECK(read(fds[0], &c, 1) == 1, "thread locked");
	CHECK(owner_died(m) == 0, "thread");
	CHECK(syscall(SYS_get_robust_list, 0, &head, &len) == 0 && head && len == 3 * sizeof(long),
	      "get_robust_list: %p %zu", head, len);
	CHECK(syscall(SYS_set_robust_list, head, len - 1) == -1 && errno == EINVAL,
	      "set_robust_list with a wrong size");

	/* Another process dies while we sleep on the lock: its exit wakes
	 * us through the shared page. */
	CHECK(init_robust(m, PTHREAD_PROCESS_SHARED) == 0, "init again");
	pid = fork();
	if (pid == 0) {
		pthread_mutex_lock(m);
		write(fds[1], "x", 1);
		sleep_ms(100);	/* the parent goes to sleep on the lock */
		syscall(SYS_exit_group, 0);
	}
	CHECK(pid > 0 && read(fds[0], &c, 1) == 1, "child locked");
	CHECK(owner_died(m) == 0, "process");
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status), "child %#x", status);
	close(fds[0]);
	close(fds[1]);
	munmap(m, 4096);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "basic", case_basic }, { "signal", case_signal }, { "exit", case_exit },
	{ "exec", case_exec }, { "stop", case_stop }, { "robust", case_robust },
};

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool wanted = argc == 1;

		for (int a = 1; a < argc; a++)
			wanted |= !strcmp(argv[a], cases[i].name);
		if (!wanted)
			continue;
		current_case = cases[i].name;
		if (cases[i].fn() == 0)
			printf("threads %s: ok\n", current_case);
		else
			failures++;
	}
	printf("threads: %d failed\n", failures);
	return failures != 0;
}
