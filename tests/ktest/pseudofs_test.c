/*
 * In-kernel tests of the log readers and the pseudo file systems:
 * syslog(2)'s answers to bad input, the records /dev/kmsg is made from
 * (kernel/printk/), a sysfs attribute written and read through the VFS
 * (kernel/fs/sysfs/), and debugfs's u32 file.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/err.h>
#include <linux/string.h>
#include <linux/syslog.h>
#include <linux/sysfs.h>
#include <linux/debugfs.h>
#include <uapi/linux/fcntl.h>
#include <spindle/ktest.h>
#include <spindle/printk.h>
#include "../../kernel/printk/internal.h"

static void syslog_refuses_bad_input(struct ktest *t)
{
	char __user *kernel_addr = (char __user *)0xffff888000001000UL;
	char __user *user_addr = (char __user *)0x10000UL;

	KTEST_EXPECT_EQ(t, do_syslog(11, user_addr, 10), -EINVAL);
	KTEST_EXPECT_EQ(t, do_syslog(-1, user_addr, 10), -EINVAL);
	KTEST_EXPECT_EQ(t, do_syslog(SYSLOG_ACTION_READ_ALL, NULL, 10), -EINVAL);
	KTEST_EXPECT_EQ(t, do_syslog(SYSLOG_ACTION_READ_ALL, user_addr, -1), -EINVAL);
	KTEST_EXPECT_EQ(t, do_syslog(SYSLOG_ACTION_READ_ALL, user_addr, 0), 0);
	KTEST_EXPECT_EQ(t, do_syslog(SYSLOG_ACTION_READ_ALL, kernel_addr, 64), -EFAULT);
	KTEST_EXPECT_EQ(t, do_syslog(SYSLOG_ACTION_READ, kernel_addr, 64), -EFAULT);
	KTEST_EXPECT_EQ(t, do_syslog(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, do_syslog(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 9), -EINVAL);
	KTEST_EXPECT_EQ(t, do_syslog(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), LOG_BUF_LEN);
	KTEST_EXPECT_TRUE(t, do_syslog(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0) >= 0);
}

/* The next record after @p must be @prio with @text. */
static void expect_record(struct ktest *t, struct log_pos *p, int prio, const char *text)
{
	char line[LOG_LINE_MAX + 40];
	const char *body;
	u64 usec;
	int n = log_get_line(p, line, sizeof(line));

	KTEST_ASSERT_TRUE(t, n > 0);
	KTEST_EXPECT_EQ(t, log_parse_line(line, &usec, &body), prio);
	KTEST_EXPECT_MSG(t, !strcmp(body, text), "record text '%s'", body);
	KTEST_EXPECT_TRUE(t, usec > 0);
}

static void log_records_keep_priority_and_sequence(struct ktest *t)
{
	struct log_pos p, end;
	char line[64];

	log_pos_end(&p);
	pr_err("ktest: kmsg record one\n");
	log_emit(1 * 8 + 5, "ktest: kmsg record two");	/* LOG_USER, notice */
	log_pos_end(&end);
	KTEST_EXPECT_EQ(t, end.seq, p.seq + 2);
	expect_record(t, &p, 3, "ktest: kmsg record one\n");
	expect_record(t, &p, 13, "ktest: kmsg record two\n");
	KTEST_EXPECT_EQ(t, p.seq, end.seq);
	KTEST_EXPECT_EQ(t, log_get_line(&p, line, sizeof(line)), -EAGAIN);
}

/* /dev/kmsg itself: a record per read, EAGAIN at the end, whole records. */
static void dev_kmsg_reads_records(struct ktest *t)
{
	struct file *f = filp_open("/dev/kmsg", O_RDONLY | O_NONBLOCK, 0);
	char buf[128] = "";
	loff_t pos = 0;
	int n;

	if (IS_ERR(f)) {
		ktest_skip(t, "no /dev/kmsg");
		return;
	}
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0, SEEK_END), 0);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), -EAGAIN);
	pr_warn("ktest: dev_kmsg marker\n");
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, 8, &pos), -EINVAL);	/* too small */
	n = kernel_read(f, buf, sizeof(buf) - 1, &pos);
	KTEST_ASSERT_TRUE(t, n > 0);
	buf[n] = '\0';
	KTEST_EXPECT_MSG(t, !strncmp(buf, "4,", 2) && strstr(buf, ",-;ktest: dev_kmsg marker\n"),
			 "record '%s'", buf);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), -EAGAIN);
	filp_close(f);
}

static u32 ktest_value;

static ssize_t value_show(struct kobject *kobj, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%u\n", ktest_value);
}

static ssize_t value_store(struct kobject *kobj, struct kobj_attribute *a,
			   const char *buf, size_t count)
{
	unsigned int v;
	char word[16];

	strscpy(word, buf, sizeof(word));
	if (strchr(word, '\n'))
		*strchr(word, '\n') = '\0';
	if (kstrtouint(word, 10, &v))
		return -EINVAL;
	ktest_value = v;
	return count;
}

static struct kobj_attribute value_attr = __ATTR_RW(value);

static ssize_t rw(const char *name, int flags, char *buf, size_t len)
{
	struct file *f = filp_open(name, flags, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = (flags & O_ACCMODE) == O_RDONLY ? kernel_read(f, buf, len, &pos) :
					      kernel_write(f, buf, len, &pos);
	filp_close(f);
	return n;
}

static void sysfs_attribute_through_the_vfs(struct ktest *t)
{
	struct kobject *k = kobject_create_and_add("ktest", kernel_kobj);
	char buf[32] = "";
	int err;

	KTEST_ASSERT_NOT_NULL(t, k);
	KTEST_EXPECT_EQ(t, sysfs_create_file(k, &value_attr.attr), 0);
	KTEST_EXPECT_EQ(t, sysfs_create_file(k, &value_attr.attr), -EEXIST);
	init_mkdir("/ktsys", 0755);
	err = do_mount("sysfs", "/ktsys", "sysfs", 0, NULL);
	KTEST_ASSERT_EQ(t, err, 0);
	KTEST_EXPECT_EQ(t, rw("/ktsys/kernel/ktest/value", O_WRONLY, "42\n", 3), 3);
	KTEST_EXPECT_EQ(t, ktest_value, 42);
	KTEST_EXPECT_EQ(t, rw("/ktsys/kernel/ktest/value", O_WRONLY, "x\n", 2), -EINVAL);
	KTEST_EXPECT_EQ(t, rw("/ktsys/kernel/ktest/value", O_RDONLY, buf, sizeof(buf)), 3);
	KTEST_EXPECT_MSG(t, !strcmp(buf, "42\n"), "read '%s'", buf);
	memset(buf, 0, sizeof(buf));
	KTEST_EXPECT_TRUE(t, rw("/ktsys/devices/system/cpu/online", O_RDONLY, buf,
				sizeof(buf)) > 0 && buf[0] == '0');
	KTEST_EXPECT_EQ(t, rw("/ktsys/kernel/ktest/none", O_RDONLY, buf, 1), -ENOENT);
	kobject_put(k);
	KTEST_EXPECT_EQ(t, rw("/ktsys/kernel/ktest/value", O_RDONLY, buf, 1), -ENOENT);
}

static void debugfs_u32_file(struct ktest *t)
{
	struct dentry *dir = debugfs_create_dir("ktest", NULL);
	struct file *f;

	KTEST_ASSERT_TRUE(t, !IS_ERR(dir));
	debugfs_create_u32("u32", 0644, dir, &ktest_value);
	KTEST_EXPECT_EQ(t, PTR_ERR(debugfs_create_dir("ktest", NULL)), -EEXIST);
	init_mkdir("/ktdbg", 0755);
	KTEST_ASSERT_EQ(t, do_mount("none", "/ktdbg", "debugfs", 0, NULL), 0);
	f = filp_open("/ktdbg/ktest/u32", O_RDONLY, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	/* simple_open() handed the creator's data to the file. */
	KTEST_EXPECT_TRUE(t, f->private_data == &ktest_value);
	filp_close(f);
	debugfs_remove(dir);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/ktdbg/ktest/u32", O_RDONLY, 0)), -ENOENT);
}

static const struct ktest_case pseudofs_cases[] = {
	KTEST_CASE(syslog_refuses_bad_input),
	KTEST_CASE(log_records_keep_priority_and_sequence),
	KTEST_CASE(dev_kmsg_reads_records),
	KTEST_CASE(sysfs_attribute_through_the_vfs),
	KTEST_CASE(debugfs_u32_file),
	{}
};

static const struct ktest_suite pseudofs_suite = {
	.name = "pseudofs",
	.cases = pseudofs_cases,
};
ktest_register_suite(pseudofs_suite);
