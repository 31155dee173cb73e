/*
 * ubench: an lmbench-like user-space benchmark, one static binary run on
 * Spindle and on Debian's Linux under the same QEMU (tools/bench/kbench.py,
 * docs/performance.md). Each figure is the median of several batches, in
 * nanoseconds per operation, timed with CLOCK_MONOTONIC; under QEMU's
 * -icount shift=0 the figures repeat exactly.
 *
 *	ubench [-q]		all figures ("ubench-json: {...}" at the end)
 *	ubench -t		print CLOCK_MONOTONIC now (boot to the prompt)
 *	ubench -x		exit at once (the program fork+execve runs)
 *	ubench -o NAME		only the figure NAME (to profile it alone)
 *
 * null		getppid(), the cheapest system call that cannot be cached
 * fork		fork + _exit in the child + wait4 in the parent
 * exec		fork + execve(this program, -x) + wait4
 * pipe		one byte there and back between two processes (two pipes)
 * fault	first touch of a fresh anonymous page (mmap'd, then munmap'd)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BATCHES 7

static const char *self_path = "/proc/self/exe";

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void bench_null(int n)
{
	for (int i = 0; i < n; i++)
		syscall(SYS_getppid);
}

static void bench_fork(int n)
{
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	}
}

static void bench_exec(int n)
{
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			char *argv[] = { "ubench", "-x", NULL };

			execv(self_path, argv);
			_exit(127);
		}
		waitpid(pid, NULL, 0);
	}
}

static void bench_pipe(int n)
{
	int there[2], back[2];
	char c = 0;
	pid_t pid;

	if (pipe(there) || pipe(back))
		exit(1);
	pid = fork();
	if (pid == 0) {
		close(there[1]);	/* or the read below never sees the end */
		close(back[0]);
		while (read(there[0], &c, 1) == 1)
			if (write(back[1], &c, 1) != 1)
				break;
		_exit(0);
	}
	for (int i = 0; i < n; i++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1)
			exit(1);
	close(there[1]);
	waitpid(pid, NULL, 0);
	close(there[0]);
	close(back[0]);
	close(back[1]);
}

/* n pages: mapped, each touched once, unmapped; the map and unmap are
 * outside the per-page cost only in that they are spread over n. */
static void bench_fault(int n)
{
	char *p = mmap(NULL, (size_t)n * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		exit(1);
	for (int i = 0; i < n; i++)
		p[(size_t)i * 4096] = 1;
	munmap(p, (size_t)n * 4096);
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Median over BATCHES of the ns per op of @fn(@n), after one warm-up. */
static long long measure(void (*fn)(int), int n)
{
	long long t[BATCHES];

	fn(n > 10 ? n / 10 : 1);
	for (int b = 0; b < BATCHES; b++) {
		long long t0 = now_ns();

		fn(n);
		t[b] = (now_ns() - t0) / n;
	}
	qsort(t, BATCHES, sizeof(t[0]), cmp_ll);
	return t[BATCHES / 2];
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(int);
		int n, quick;
	} b[] = {
		{ "null_syscall", bench_null, 20000, 2000 },
		{ "fork_exit_wait", bench_fork, 200, 20 },
		{ "fork_exec_wait", bench_exec, 100, 10 },
		{ "pipe_roundtrip", bench_pipe, 2000, 200 },
		{ "anon_fault", bench_fault, 2000, 200 },
	};
	int quick = argc > 1 && !strcmp(argv[1], "-q");
	const char *only = argc > 2 && !strcmp(argv[1], "-o") ? argv[2] : NULL;
	char json[1024];
	size_t len = 0;

	if (argc > 1 && !strcmp(argv[1], "-x"))
		return 0;
	if (argc > 1 && !strcmp(argv[1], "-t")) {
		printf("ubench: monotonic %lld ns\n", now_ns());
		return 0;
	}
	if (access(self_path, X_OK) != 0)
		self_path = argv[0][0] == '/' ? argv[0] : "/usr/bin/ubench";
	setvbuf(stdout, NULL, _IOLBF, 0);
	len += snprintf(json + len, sizeof(json) - len, "{");
	for (unsigned i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
		long long ns;

		if (only && strcmp(only, b[i].name))
			continue;
		ns = measure(b[i].fn, quick ? b[i].quick : b[i].n);
		printf("ubench: %s %lld ns\n", b[i].name, ns);
		len += snprintf(json + len, sizeof(json) - len, "%s\"%s\": %lld",
				len > 1 ? ", " : "", b[i].name, ns);
	}
	snprintf(json + len, sizeof(json) - len, "}");
	printf("ubench-json: %s\nubench: done\n", json);
	return 0;
}
