/*
 * fuzz: calls every x86-64 system call number with random arguments, as
 * a small trinity (Linux's syscall fuzzer): random integers, small ints,
 * -1, huge lengths, NULL, kernel and non-canonical addresses, unmapped
 * user addresses, pointers into a buffer that ends at a guard page, file
 * descriptors of every kind the kernel offers, and path names under
 * /tmp/fuzz. Whatever the arguments, the kernel must answer with an errno
 * or a signal to the caller, never an oops, a hang or a leak
 * (tests/e2e/test_syscall_fuzz.py checks the log and the counters).
 *
 *	fuzz [-s SEED] [-r ROUNDS] [-n CALLS] [-f FIRST] [-l LAST] [-v]
 *
 * Each round forks one child per system call number; the child makes a
 * new session (so it has no terminal and its signals reach no one else)
 * and makes CALLS calls of that number. A child that blocks or stops is
 * killed with SIGKILL after a short time (-v: each number, -vv: each call). The same seed gives the same
 * calls: `fuzz -s S -f NR -l NR` replays one number.
 *
 * Spindle has a single user, root, so the fuzzer cannot drop privileges
 * as trinity does; the few calls that reach beyond the child are tamed
 * instead (see sanitize()): signals and other per-process targets only
 * name the child itself, its group or no one; syslog never clears the
 * log or silences the console (an oops must stay visible); reboot never
 * gets its magic number. Excluded numbers, each for a reason:
 *	155 pivot_root	moves the root of every process, not the caller's
 *	246 kexec_load, 320 kexec_file_load	replace the running kernel
 * Global state the calls may change is put back by the parent: host and
 * domain name, the wall clock, mounts and files under /tmp/fuzz.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NR_MAX		450
#define BUF_SIZE	(64 * 1024)
#define DIR		"/tmp/fuzz"
#define CHILD_MS	300	/* a child still running after this is killed */
#define NR_FDS		16

static uint64_t rng;
static char *buf;			/* BUF_SIZE bytes, then a PROT_NONE page */
static unsigned long unmapped;		/* a user range known to be unmapped */
static int fds[NR_FDS], nr_fds;
static pid_t self;
static int verbose;

/* xorshift64*: small, and the same sequence on every kernel */
static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

static uint64_t seed_mix(uint64_t a, uint64_t b)
{
	uint64_t x = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL);

	x ^= x >> 31;
	return x ? x : 1;
}

/* Path names the calls may use: all inside DIR (a random byte string
 * could otherwise name "/", see fill_buffer()). */
static const char *const paths[] = {
	DIR "/f", DIR "/d", DIR "/d/x", DIR "/t", DIR "/l", DIR "/nothere/y",
	"f", "d", "x", "d/y", "t", "", DIR "/f/", DIR "/d/../f",
	"tmpfs", "ramfs", "proc", "sysfs", "devtmpfs",	/* as fstype */
};
#define NR_PATHS (sizeof(paths) / sizeof(paths[0]))
static char *path_at[NR_PATHS + 2];

static long pick_len(void)
{
	static const long lens[] = {
		0, 1, 7, 8, 16, 64, 4095, 4096, 4097, 65536, 0x7fffffff, 0x80000000L,
		0xffffffffL, 0x7fffffffffffffffL, -1L, -4096L, 1L << 40,
	};
	return lens[rnd() % (sizeof(lens) / sizeof(lens[0]))];
}

static unsigned long pick_pointer(void)
{
	switch (rnd() % 10) {
	case 0: return 0;
	case 1: return 0xffff888000000000UL + (rnd() % 0x100000) * 8;
	case 2: return 0xffffffff80000000UL + (rnd() % 0x100000) * 8;
	case 3: return 0x0000800000000000UL - (rnd() % 3) * 4096;	/* edge */
	case 4: return unmapped + rnd() % 8192;
	case 5: return (unsigned long)buf + BUF_SIZE - rnd() % 64;	/* runs off */
	case 6: return rnd() % 0x10000;				/* page 0 .. */
	default: return (unsigned long)buf + rnd() % BUF_SIZE;
	}
}

/* One argument: any of the kinds a system call can be given. */
static unsigned long pick_arg(void)
{
	switch (rnd() % 12) {
	case 0: return rnd();
	case 1: return rnd() % 16;
	case 2: return -1UL;
	case 3: return pick_len();
	case 4: case 5: return pick_pointer();
	case 6: case 7: return nr_fds ? fds[rnd() % nr_fds] : 0;
	case 8: return (unsigned long)path_at[rnd() % (NR_PATHS + 2)];
	case 9: return 1UL << (rnd() % 64);			/* a flag bit */
	case 10: return rnd() & 0xffffffffUL;
	default: return rnd() % 1024;
	}
}

/* A target process: the child itself, its group, or nobody. */
static long safe_pid(unsigned long v)
{
	switch (v % 4) {
	case 0: return 0;
	case 1: return self;
	case 2: return -self;
	default: return 99000 + v % 1000;	/* no such process */
	}
}

/* Keeps a call's effect inside the child (see the file comment). */
static void sanitize(long nr, unsigned long *a)
{
	switch (nr) {
	case SYS_kill: case SYS_tkill: case SYS_rt_sigqueueinfo: case SYS_setpgid:
	case SYS_prlimit64: case SYS_ptrace: case SYS_process_vm_readv:
	case SYS_process_vm_writev: case SYS_sched_setaffinity: case SYS_sched_setparam:
	case SYS_sched_setscheduler: case SYS_sched_setattr: case SYS_migrate_pages:
	case SYS_move_pages: case SYS_kcmp: case SYS_pidfd_open: case SYS_get_robust_list:
		a[0] = safe_pid(a[0]);
		if (nr == SYS_setpgid || nr == SYS_kcmp)
			a[1] = safe_pid(a[1]);
		break;
	case SYS_tgkill: case SYS_rt_tgsigqueueinfo:
		a[0] = safe_pid(a[0]);
		a[1] = safe_pid(a[1]);
		break;
	case SYS_setpriority: case SYS_ioprio_set:
		a[0] %= 2;	/* a process or a group, not every process of a user */
		a[1] = safe_pid(a[1]);
		break;
	case SYS_syslog:
		if (a[0] == 5 || a[0] == 6 || a[0] == 8)
			a[0] = 3;	/* read, not clear or silence */
		break;
	case SYS_reboot:
		if ((unsigned int)a[0] == 0xfee1deadU)
			a[0] = 0;
		break;
	}
}

static int excluded(long nr)
{
	return nr == SYS_pivot_root || nr == SYS_kexec_load || nr == SYS_kexec_file_load;
}

/*
 * The call itself. A new process made by fork, vfork or clone leaves at
 * once, in the same assembly, before it touches a stack it may share
 * with its parent.
 */
static long raw_call(long nr, const unsigned long *a)
{
	register unsigned long r10 __asm__("r10") = a[3];
	register unsigned long r8 __asm__("r8") = a[4];
	register unsigned long r9 __asm__("r9") = a[5];
	long forks = nr == SYS_fork || nr == SYS_vfork || nr == SYS_clone || nr == SYS_clone3;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "test %[forks], %[forks]\n\t"
			 "jz 1f\n\t"
			 "mov $60, %%eax\n\t"
			 "xor %%edi, %%edi\n\t"
			 "syscall\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(nr), "D"(a[0]), "S"(a[1]), "d"(a[2]), "r"(r10), "r"(r8),
			   "r"(r9), [forks] "r"(forks)
			 : "rcx", "r11", "memory");
	return ret;
}

/* Random bytes with pointers, small ints and lengths among them, and no
 * '/' or '.' (a random string must never name a path outside DIR). */
static void fill_buffer(void)
{
	unsigned long *w = (unsigned long *)buf;

	for (size_t i = 0; i < BUF_SIZE / 8; i++) {
		switch (rnd() % 4) {
		case 0: w[i] = pick_pointer(); break;
		case 1: w[i] = rnd() % 64; break;
		case 2: w[i] = pick_len(); break;
		default: w[i] = rnd(); break;
		}
	}
	for (size_t i = 0; i < BUF_SIZE; i++)
		if (buf[i] == '/' || buf[i] == '.')
			buf[i] = 'a';
	/* the paths, and a name longer than PATH_MAX */
	for (size_t i = 0; i < NR_PATHS; i++) {
		path_at[i] = buf + 256 * i;
		strcpy(path_at[i], paths[i]);
	}
	path_at[NR_PATHS] = buf + 8192;
	memset(path_at[NR_PATHS], 'a', 5000);
	path_at[NR_PATHS][5000] = 0;
	path_at[NR_PATHS + 1] = buf + BUF_SIZE - 4;	/* unterminated: runs into the guard */
	memset(path_at[NR_PATHS + 1], 'b', 4);
}

static void add_fd(int fd)
{
	if (fd >= 0 && nr_fds < NR_FDS)
		fds[nr_fds++] = fd;
}

/* Descriptors of every kind: file, directory, pipe, devices, proc. */
static void open_fds(void)
{
	int p[2];

	nr_fds = 0;
	add_fd(open(DIR "/f", O_RDWR | O_CREAT, 0644));
	add_fd(open(DIR, O_RDONLY | O_DIRECTORY));
	if (pipe2(p, O_NONBLOCK) == 0) {
		add_fd(p[0]);
		add_fd(p[1]);
	}
	add_fd(open("/dev/zero", O_RDWR));
	add_fd(open("/dev/null", O_RDONLY));
	add_fd(open("/proc/self/stat", O_RDONLY));
	add_fd(open("/proc", O_RDONLY | O_DIRECTORY));
	add_fd(open("/sys", O_RDONLY | O_DIRECTORY));
}

/* The child: CALLS calls of @nr, then exit. */
static void child(long nr, int calls, uint64_t seed)
{
	int null = open("/dev/null", O_RDWR);
	int log = verbose > 1 ? dup(1) : -1;	/* -vv: each call, to the console */

	setsid();	/* no terminal; kill(0) reaches only this group */
	self = getpid();
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	if (null > 2)
		close(null);
	if (chdir(DIR) < 0)
		_exit(111);
	rng = seed;
	fill_buffer();
	open_fds();
	for (int i = 0; i < calls; i++) {
		unsigned long a[6];

		for (int k = 0; k < 6; k++)
			a[k] = pick_arg();
		sanitize(nr, a);
		if (log >= 0)
			dprintf(log, "fuzz: %ld(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n", nr, a[0], a[1],
				a[2], a[3], a[4], a[5]);
		raw_call(nr, a);
	}
	_exit(0);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* Waits for @pid up to CHILD_MS, then kills its group. Return: its wait
 * status; *@killed set if it had to be killed. The pipe's write end
 * closes when the child's descriptors go, which wakes poll at once. */
static int reap(pid_t pid, int rfd, long *killed)
{
	long deadline = now_ms() + CHILD_MS;
	struct pollfd pfd = { .fd = rfd, .events = POLLIN };
	int status = 0;

	for (;;) {
		long left = deadline - now_ms();

		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		if (left <= 0) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			++*killed;
			break;
		}
		if (poll(&pfd, 1, left > 10 ? 10 : left) == 1 && (pfd.revents & POLLHUP))
			pfd.events = 0, pfd.fd = -1;	/* closed: poll only sleeps now */
	}
	kill(-pid, SIGKILL);	/* anything it left in its group */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;		/* CLONE_PARENT children are ours */
	return status;
}

static void put_back(const struct utsname *u, struct timespec *wall, long start_ms)
{
	long ms = now_ms() - start_ms;

	sethostname(u->nodename, strlen(u->nodename));
	setdomainname(u->domainname, strlen(u->domainname));
	wall->tv_sec += ms / 1000;
	wall->tv_nsec += (ms % 1000) * 1000000L;
	if (wall->tv_nsec >= 1000000000L) {
		wall->tv_sec++;
		wall->tv_nsec -= 1000000000L;
	}
	clock_settime(CLOCK_REALTIME, wall);
}

/* Unmounts whatever the children mounted under DIR, then removes it. */
static void clean_dir(void)
{
	static const char *const mnt[] = {
		DIR "/d/x", DIR "/d", DIR "/f", DIR "/t", DIR "/l", DIR,
	};
	for (int pass = 0; pass < 4; pass++)
		for (size_t i = 0; i < sizeof(mnt) / sizeof(mnt[0]); i++)
			umount2(mnt[i], MNT_DETACH);
	if (system("rm -rf " DIR) != 0)
		printf("fuzz: rm -rf " DIR " failed\n");
}

/* DIR with a file, a directory, a symbolic link and a truncated ELF
 * executable (the start of this program), for the path names. */
static void make_dir(const char *argv0)
{
	char head[200];
	int in, out;

	clean_dir();
	mkdir(DIR, 0755);
	mkdir(DIR "/d", 0755);
	symlink("f", DIR "/l");
	in = open("/proc/self/exe", O_RDONLY);
	if (in < 0)
		in = open(argv0, O_RDONLY);
	out = open(DIR "/t", O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in >= 0 && out >= 0 && read(in, head, sizeof(head)) == sizeof(head))
		(void)!write(out, head, sizeof(head));
	close(in);
	close(out);
}

static void counters(const char *when)
{
	struct sysinfo si;

	if (sysinfo(&si) == 0)
		printf("fuzz: %s: procs %u freeram %lu KiB\n", when, si.procs,
		       si.freeram * si.mem_unit / 1024);
}

static void usage(void)
{
	fprintf(stderr, "usage: fuzz [-s SEED] [-r ROUNDS] [-n CALLS] [-f FIRST] [-l LAST] [-v]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	uint64_t seed = 1;
	int rounds = 1, calls = 16, first = 0, last = NR_MAX, opt;
	long started, killed = 0, died = 0, children = 0;
	struct timespec wall;
	struct utsname u;

	while ((opt = getopt(argc, argv, "s:r:n:f:l:v")) != -1) {
		switch (opt) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'r': rounds = atoi(optarg); break;
		case 'n': calls = atoi(optarg); break;
		case 'f': first = atoi(optarg); break;
		case 'l': last = atoi(optarg); break;
		case 'v': verbose++; break;
		default: usage();
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	uname(&u);
	clock_gettime(CLOCK_REALTIME, &wall);
	started = now_ms();
	counters("before");
	make_dir(argv[0]);
	buf = mmap(NULL, BUF_SIZE + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	unmapped = (unsigned long)mmap(NULL, 8192, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED || unmapped == (unsigned long)MAP_FAILED ||
	    mprotect(buf + BUF_SIZE, 4096, PROT_NONE) || munmap((void *)unmapped, 8192)) {
		perror("fuzz: mmap");
		return 1;
	}
	for (int r = 0; r < rounds; r++) {
		for (long nr = first; nr <= last; nr++) {
			int p[2];
			pid_t pid;

			if (excluded(nr))
				continue;
			if (verbose)
				printf("fuzz: round %d nr %ld\n", r, nr);
			if (pipe(p) < 0) {
				perror("fuzz: pipe");
				return 1;
			}
			pid = fork();
			if (pid == 0) {
				close(p[0]);
				child(nr, calls, seed_mix(seed_mix(seed, r), nr));
			}
			close(p[1]);
			if (pid < 0) {
				perror("fuzz: fork");
				close(p[0]);
				return 1;
			}
			children++;
			died += WIFSIGNALED(reap(pid, p[0], &killed));
			close(p[0]);
		}
		printf("fuzz: seed %llu round %d done\n", (unsigned long long)seed, r);
		counters("round");
	}
	put_back(&u, &wall, started);
	clean_dir();
	printf("fuzz: seed %llu: %ld children, %d calls each, %ld died by a signal, "
	       "%ld of them killed after %d ms\n", (unsigned long long)seed, children, calls,
	       died, killed, CHILD_MS);
	counters("after");
	return 0;
}
