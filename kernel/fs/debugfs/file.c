/*
 * debugfs's ready-made files, as Linux's fs/debugfs/file.c: a u32 or a
 * bool shown and set as text (debugfs_create_u32, debugfs_create_bool).
 * Simplified: one small read/write pair instead of DEFINE_SIMPLE_ATTRIBUTE.
 * Locking: none; a value is read and written with READ_ONCE/WRITE_ONCE.
 */
#include <linux/fs.h>
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/* Copies a short user write into @buf, NUL-terminated, newline dropped. */
static int debugfs_get_word(char *buf, size_t size, const char __user *ubuf,
			    size_t count)
{
	if (!count || count >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (buf[count - 1] == '\n')
		buf[count - 1] = '\0';
	return 0;
}

static ssize_t u32_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	u32 *value = file->private_data;
	char text[16];
	int n = scnprintf(text, sizeof(text), "%u\n", READ_ONCE(*value));

	return simple_read_from_buffer(buf, count, ppos, text, n);
}

static ssize_t u32_write(struct file *file, const char __user *buf, size_t count,
			 loff_t *ppos)
{
	u32 *value = file->private_data;
	unsigned int v;
	char text[16];
	int err = debugfs_get_word(text, sizeof(text), buf, count);

	if (!err)
		err = kstrtouint(text, 0, &v);
	if (err)
		return err;
	WRITE_ONCE(*value, v);
	return count;
}

static const struct file_operations fops_u32 = {
	.open = simple_open,
	.read = u32_read,
	.write = u32_write,
	.llseek = generic_file_llseek,
};

void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent,
			u32 *value)
{
	debugfs_create_file(name, mode, parent, value, &fops_u32);
}

static ssize_t bool_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	bool *value = file->private_data;
	char text[2] = { READ_ONCE(*value) ? 'Y' : 'N', '\n' };

	return simple_read_from_buffer(buf, count, ppos, text, 2);
}

static ssize_t bool_write(struct file *file, const char __user *buf, size_t count,
			  loff_t *ppos)
{
	bool *value = file->private_data;
	char text[8];
	int err = debugfs_get_word(text, sizeof(text), buf, count);

	if (err)
		return err;
	if (!strcmp(text, "1") || !strcmp(text, "Y") || !strcmp(text, "y"))
		WRITE_ONCE(*value, true);
	else if (!strcmp(text, "0") || !strcmp(text, "N") || !strcmp(text, "n"))
		WRITE_ONCE(*value, false);
	else
		return -EINVAL;
	return count;
}

static const struct file_operations fops_bool = {
	.open = simple_open,
	.read = bool_read,
	.write = bool_write,
	.llseek = generic_file_llseek,
};

void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent,
			 bool *value)
{
	debugfs_create_file(name, mode, parent, value, &fops_bool);
}
