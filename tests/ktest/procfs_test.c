/*
 * In-kernel tests of /proc (kernel/fs/proc/): procfs is mounted on a
 * fresh directory and its files are read with kernel_read() as a
 * program would read them. Checked: /proc/PID/stat has Linux's 52 fields
 * with the right pid, (comm), state and ppid for known tasks (this one,
 * kthreadd, a kthread that exits), status has Kthread: 1 and no Vm lines
 * for a kernel thread, cmdline of a kthread is empty, readdir lists live
 * PIDs, a missing PID is -ENOENT, a file of a task that has gone reads
 * -ESRCH, reads at odd offsets give the same bytes, and meminfo agrees
 * with the page allocator. Run with ktest=procfs.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/mount.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/delay.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <spindle/ktest.h>
#include <spindle/task.h>
#include "../../kernel/fs/internal.h"

#define KT_PROC "/kt_proc"
#define BUF_SIZE 4096

static char *buf;

/* The first case mounts procfs and allocates the buffer; false on failure. */
static bool procfs_ready(struct ktest *t)
{
	static int err = 1;

	if (err > 0) {
		buf = kmalloc(BUF_SIZE, GFP_KERNEL);
		init_mkdir(KT_PROC, 0555);
		err = buf ? do_mount("proc", KT_PROC, "proc", 0, NULL) : -ENOMEM;
	}
	return KTEST_EXPECT_EQ(t, err, 0);
}

/* Reads @name under the test mount into buf from @pos; bytes or -errno. */
static ssize_t proc_read(const char *name, loff_t pos)
{
	char path[64];
	struct file *f;
	ssize_t n;

	snprintf(path, sizeof(path), KT_PROC "/%s", name);
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, BUF_SIZE - 1, &pos);
	fput(f);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* A decimal number at @s (optionally negative); false if none. */
static bool parse_long(const char *s, long *v)
{
	bool neg = *s == '-';

	s += neg;
	if (*s < '0' || *s > '9')
		return false;
	for (*v = 0; *s >= '0' && *s <= '9'; s++)
		*v = *v * 10 + (*s - '0');
	if (neg)
		*v = -*v;
	return true;
}

static int count_fields(const char *s)
{
	int n = 0;

	for (; *s && *s != '\n'; s++)
		if (*s != ' ' && (s == buf || s[-1] == ' '))
			n++;
	return n;
}

/* The @n-th (from 1) space-separated field after "(comm)" of a stat line. */
static long stat_field(const char *line, int n)
{
	const char *p = strrchr(line, ')');
	long v = 0;

	for (int i = 2; p && i < n; i++)
		p = strchr(p + 1, ' ');
	if (!p || !parse_long(p + 1, &v))
		return -9999;
	return v;
}

static void stat_of_self_and_kthreadd(struct ktest *t)
{
	char name[32], want[40];

	if (!procfs_ready(t))
		return;

	snprintf(name, sizeof(name), "%d/stat", current->pid);
	KTEST_ASSERT_TRUE(t, proc_read(name, 0) > 0);
	KTEST_EXPECT_EQ(t, count_fields(buf), 52);
	snprintf(want, sizeof(want), "%d (%s) R ", current->pid, current->comm);
	KTEST_EXPECT_MSG(t, !strncmp(buf, want, strlen(want)), "stat: %s", buf);
	KTEST_ASSERT_TRUE(t, proc_read("2/stat", 0) > 0);
	KTEST_EXPECT_MSG(t, !strncmp(buf, "2 (kthreadd) ", 13), "stat: %s", buf);
	KTEST_EXPECT_EQ(t, count_fields(buf), 52);
	KTEST_EXPECT_EQ(t, stat_field(buf, 4), 0);	/* ppid */
	KTEST_ASSERT_TRUE(t, proc_read("self/stat", 0) > 0);
	KTEST_EXPECT_MSG(t, !strncmp(buf, want, strlen(want)), "self/stat: %s", buf);
}

static void kthread_status_and_cmdline(struct ktest *t)
{
	if (!procfs_ready(t))
		return;
	KTEST_ASSERT_TRUE(t, proc_read("2/status", 0) > 0);
	KTEST_EXPECT_TRUE(t, strstr(buf, "Name:\tkthreadd\n") != NULL);
	KTEST_EXPECT_TRUE(t, strstr(buf, "Kthread:\t1\n") != NULL);
	KTEST_EXPECT_TRUE(t, strstr(buf, "PPid:\t0\n") != NULL);
	KTEST_EXPECT_TRUE(t, strstr(buf, "VmSize:") == NULL);
	KTEST_EXPECT_TRUE(t, strstr(buf, "voluntary_ctxt_switches:\t") != NULL);
	KTEST_EXPECT_EQ(t, proc_read("2/cmdline", 0), 0);
	KTEST_EXPECT_EQ(t, proc_read("2/maps", 0), 0);
	KTEST_EXPECT_EQ(t, proc_read("99999/stat", 0), -ENOENT);
	KTEST_EXPECT_EQ(t, proc_read("0/stat", 0), -ENOENT);
	KTEST_EXPECT_EQ(t, proc_read("abc", 0), -ENOENT);
}

static int idle_thread(void *arg)
{
	wait_for_completion(arg);
	return 0;
}

/* An open stat file of a kthread that has exited and been reaped. */
static void file_of_a_gone_task(struct ktest *t)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct task_struct *k = kthread_run(idle_thread, &done, "kt-procfs");
	char path[48];
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	if (!procfs_ready(t))
		return;

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	get_task_struct(k);
	snprintf(path, sizeof(path), KT_PROC "/%d/stat", k->pid);
	f = filp_open(path, O_RDONLY, 0);
	KTEST_EXPECT_TRUE(t, !IS_ERR(f));
	complete(&done);
	kthread_stop(k);
	snprintf(path, sizeof(path), "%d/status", k->pid);
	/* Reaping is the kthread's own last step, after kthread_stop(). */
	KTEST_EXPECT_TRUE(t, ktest_wait_for(proc_read(path, 0) == -ENOENT, 2000));
	if (!IS_ERR(f)) {
		n = kernel_read(f, buf, BUF_SIZE - 1, &pos);
		KTEST_EXPECT_MSG(t, n == -ESRCH || n == 0, "read: %ld", (long)n);
		fput(f);
	}
	put_task_struct(k);
}

static void odd_offsets_read_the_same_bytes(struct ktest *t)
{
	char *whole = kmalloc(BUF_SIZE, GFP_KERNEL);
	ssize_t n, m;

	if (!procfs_ready(t))
		return;

	KTEST_ASSERT_NOT_NULL(t, whole);
	n = proc_read("version", 0);
	KTEST_ASSERT_TRUE(t, n > 20 && !strncmp(buf, "Linux version ", 14));
	memcpy(whole, buf, n + 1);
	m = proc_read("version", 7);
	KTEST_EXPECT_EQ(t, m, n - 7);
	KTEST_EXPECT_TRUE(t, !strcmp(buf, whole + 7));
	KTEST_EXPECT_EQ(t, proc_read("version", n + 100), 0);
	kfree(whole);
}

static unsigned long meminfo_kb(const char *key)
{
	const char *p = strstr(buf, key);
	long v = -1;

	if (!p)
		return ~0UL;
	p += strlen(key);
	while (*p == ' ')
		p++;
	return parse_long(p, &v) ? (unsigned long)v : ~0UL;
}

static void meminfo_matches_the_allocator(struct ktest *t)
{
	unsigned long free_before = nr_free_pages() * 4, total, free;

	if (!procfs_ready(t))
		return;

	KTEST_ASSERT_TRUE(t, proc_read("meminfo", 0) > 0);
	total = meminfo_kb("MemTotal:");
	free = meminfo_kb("MemFree:");
	KTEST_EXPECT_EQ(t, total, totalram_pages() * 4);
	KTEST_EXPECT_MSG(t, free <= total && free + 256 >= free_before &&
			 free <= free_before + 256, "MemFree %lu, allocator %lu",
			 free, free_before);
	KTEST_EXPECT_TRUE(t, meminfo_kb("MemAvailable:") >= free);
	KTEST_EXPECT_TRUE(t, meminfo_kb("Slab:") > 0);
	KTEST_EXPECT_TRUE(t, strstr(buf, "SwapTotal:") && strstr(buf, "VmallocTotal:"));
}

static void system_files_formats(struct ktest *t)
{
	if (!procfs_ready(t))
		return;
	KTEST_ASSERT_TRUE(t, proc_read("stat", 0) > 0);
	KTEST_EXPECT_TRUE(t, !strncmp(buf, "cpu  ", 5));
	KTEST_EXPECT_EQ(t, count_fields(buf), 11);
	KTEST_EXPECT_TRUE(t, strstr(buf, "\ncpu0 ") && strstr(buf, "\nctxt ") &&
			  strstr(buf, "\nbtime ") && strstr(buf, "\nprocesses ") &&
			  strstr(buf, "\nprocs_running ") && strstr(buf, "\nsoftirq "));
	KTEST_ASSERT_TRUE(t, proc_read("loadavg", 0) > 0);
	KTEST_EXPECT_EQ(t, count_fields(buf), 5);
	KTEST_ASSERT_TRUE(t, proc_read("uptime", 0) > 0);
	KTEST_EXPECT_EQ(t, count_fields(buf), 2);
	KTEST_ASSERT_TRUE(t, proc_read("slabinfo", 0) > 0);
	KTEST_EXPECT_TRUE(t, !strncmp(buf, "slabinfo - version: 2.1\n", 24));
	KTEST_ASSERT_TRUE(t, proc_read("buddyinfo", 0) > 0);
	KTEST_EXPECT_TRUE(t, !strncmp(buf, "Node 0, zone ", 13));
	KTEST_ASSERT_TRUE(t, proc_read("filesystems", 0) > 0);
	KTEST_EXPECT_TRUE(t, strstr(buf, "nodev\tproc\n") != NULL);
	KTEST_ASSERT_TRUE(t, proc_read("mounts", 0) > 0);
	KTEST_EXPECT_TRUE(t, strstr(buf, "proc " KT_PROC " proc rw 0 0\n") != NULL);
	KTEST_ASSERT_TRUE(t, proc_read("sys/kernel/ostype", 0) > 0);
	KTEST_EXPECT_TRUE(t, !strcmp(buf, "Linux\n"));
	KTEST_ASSERT_TRUE(t, proc_read("cpuinfo", 0) > 0);
	KTEST_EXPECT_TRUE(t, !strncmp(buf, "processor\t: 0\n", 14));
}

static int kt_show(struct seq_file *m, void *v)
{
	seq_printf(m, "kt %s\n", (const char *)m->private);
	return 0;
}

/* The kernel API: a file and a directory made and removed again. */
static void create_and_remove_entries(struct ktest *t)
{
	struct proc_dir_entry *dir, *f;

	if (!procfs_ready(t))
		return;
	dir = proc_mkdir("kt-dir", NULL);
	KTEST_ASSERT_NOT_NULL(t, dir);
	f = proc_create_single_data("file", 0, dir, kt_show, "data");
	KTEST_ASSERT_NOT_NULL(t, f);
	KTEST_EXPECT_NULL(t, proc_create_single("file", 0, dir, kt_show));
	KTEST_EXPECT_EQ(t, proc_read("kt-dir/file", 0), 8);
	KTEST_EXPECT_TRUE(t, !strcmp(buf, "kt data\n"));
	remove_proc_entry("file", dir);
	KTEST_EXPECT_EQ(t, proc_read("kt-dir/file", 0), -ENOENT);
	remove_proc_entry("kt-dir", NULL);
	KTEST_EXPECT_EQ(t, proc_read("kt-dir", 0), -ENOENT);
}

struct pid_seen {
	struct dir_context ctx;
	bool self, kthreadd, init_task_zero;
};

static bool note_pid(struct dir_context *ctx, const char *name, int len,
		     loff_t pos, u64 ino, unsigned int type)
{
	struct pid_seen *s = container_of(ctx, struct pid_seen, ctx);
	char me[12];

	snprintf(me, sizeof(me), "%d", current->pid);
	if (len == (int)strlen(me) && !memcmp(name, me, len))
		s->self = true;
	if (len == 1 && name[0] == '2')
		s->kthreadd = true;
	if (len == 1 && name[0] == '0')
		s->init_task_zero = true;
	return true;
}

static void readdir_lists_pids(struct ktest *t)
{
	struct pid_seen s = { .ctx.actor = note_pid };
	struct file *f = filp_open(KT_PROC, O_RDONLY | O_DIRECTORY, 0);

	if (!procfs_ready(t))
		return;

	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, iterate_dir(f, &s.ctx), 0);
	fput(f);
	KTEST_EXPECT_TRUE(t, s.self);
	KTEST_EXPECT_TRUE(t, s.kthreadd);
	KTEST_EXPECT_TRUE(t, !s.init_task_zero);
}


static const struct ktest_case procfs_cases[] = {
	KTEST_CASE(stat_of_self_and_kthreadd),
	KTEST_CASE(kthread_status_and_cmdline),
	KTEST_CASE(file_of_a_gone_task),
	KTEST_CASE(odd_offsets_read_the_same_bytes),
	KTEST_CASE(meminfo_matches_the_allocator),
	KTEST_CASE(system_files_formats),
	KTEST_CASE(readdir_lists_pids),
	KTEST_CASE(create_and_remove_entries),
	{}
};

static const struct ktest_suite procfs_suite = {
	.name = "procfs",
	.cases = procfs_cases,
};
ktest_register_suite(procfs_suite);
