/*
 * Sequential files, as Linux's fs/seq_file.c. A reader's position is a
 * byte offset in the text all the records make together; the buffer
 * holds the text of the records around it. Reading on from where the
 * last read stopped only continues the iterator; reading anywhere else
 * replays the records from the start up to that offset (traverse()), so
 * reads at any offset, in any size, give the same bytes.
 * A show that overflows the buffer is discarded and rerun with a buffer
 * twice the size (up to SEQ_BUF_MAX).
 * Lock: m->lock, held across a whole read or seek of one open file.
 */
#include <linux/seq_file.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <asm/page.h>

#define SEQ_BUF_MAX (4UL << 20)	/* a show needing more is an error */

/* A new, empty buffer of twice the size (PAGE_SIZE the first time). */
static int seq_buf_grow(struct seq_file *m)
{
	size_t size = m->buf ? m->size * 2 : PAGE_SIZE;

	kfree(m->buf);
	m->buf = NULL;
	m->count = 0;
	if (size > SEQ_BUF_MAX)
		return -ENOMEM;
	m->buf = kmalloc(size, GFP_KERNEL);
	if (!m->buf)
		return -ENOMEM;
	m->size = size;
	return 0;
}

/* Shows record @v; SEQ_SKIP leaves nothing. Return: 0 or -errno. */
static int seq_show_one(struct seq_file *m, void *v)
{
	int err = m->op->show(m, v);

	if (err > 0) {
		m->count = 0;
		err = 0;
	}
	return err;
}

/*
 * Replays the records from the start until the one holding byte
 * @offset, which is left in the buffer from there on.
 * Return: 0, -EAGAIN (a record overflowed: the buffer grew, try again)
 * or -errno.
 */
static int traverse(struct seq_file *m, loff_t offset)
{
	loff_t pos = 0;
	int err = 0;
	void *p;

	m->index = 0;
	m->count = m->from = 0;
	if (!offset)
		return 0;
	if (!m->buf && seq_buf_grow(m))
		return -ENOMEM;
	p = m->op->start(m, &m->index);
	while (p && !IS_ERR(p)) {
		err = seq_show_one(m, p);
		if (err)
			break;
		if (seq_has_overflowed(m)) {
			m->op->stop(m, p);
			return seq_buf_grow(m) ?: -EAGAIN;
		}
		p = m->op->next(m, p, &m->index);
		if (pos + (loff_t)m->count > offset) {
			m->from = offset - pos;
			m->count -= m->from;
			break;
		}
		pos += m->count;
		m->count = 0;
		if (pos == offset)
			break;
	}
	if (IS_ERR(p))
		err = PTR_ERR(p);
	m->op->stop(m, p);
	return err;
}

/* Positions the iterator at byte @pos. Return: 0 or -errno. */
static int seq_seek_to(struct seq_file *m, loff_t pos)
{
	int err;

	while ((err = traverse(m, pos)) == -EAGAIN)
		;
	if (err) {
		m->read_pos = 0;
		m->index = 0;
		m->count = 0;
		return err;
	}
	m->read_pos = pos;
	return 0;
}

/*
 * Starts at m->index and shows records until one prints something.
 * Return: that record (its text in the buffer), NULL at the end, or
 * ERR_PTR; the iterator is stopped unless a record is returned.
 */
static void *seq_first_record(struct seq_file *m)
{
	void *p = m->op->start(m, &m->index);
	int err;

	while (p && !IS_ERR(p)) {
		err = seq_show_one(m, p);
		if (err) {
			m->op->stop(m, p);
			return ERR_PTR(err);
		}
		if (!m->count) {
			p = m->op->next(m, p, &m->index);
			continue;
		}
		if (!seq_has_overflowed(m))
			return p;
		m->op->stop(m, p);
		if (seq_buf_grow(m))
			return ERR_PTR(-ENOMEM);
		p = m->op->start(m, &m->index);
	}
	m->op->stop(m, p);
	return p;
}

/* After the first record: adds whole records while the reader wants more. */
static void seq_fill(struct seq_file *m, void *p, size_t want)
{
	for (;;) {
		size_t before = m->count;
		loff_t index = m->index;
		int err;

		p = m->op->next(m, p, &m->index);
		if (m->index == index)
			m->index++;	/* a next() that forgot to advance */
		if (!p || IS_ERR(p) || m->count >= want)
			break;
		err = m->op->show(m, p);
		if (err > 0) {
			m->count = before;	/* SEQ_SKIP */
		} else if (err || seq_has_overflowed(m)) {
			m->count = before;	/* shown again by the next read */
			break;
		}
	}
	m->op->stop(m, p);
}

/**
 * seq_read_iter - the ->read_iter of every seq_file
 * @iocb: the file and the position to read at
 * @iter: where the text goes (a user or a kernel buffer)
 *
 * Return: bytes copied (0 at the end), or -errno if nothing was copied.
 */
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	struct seq_file *m = iocb->ki_filp->private_data;
	size_t copied = 0, n;
	ssize_t err = 0;
	void *p;

	if (!iov_iter_count(iter))
		return 0;
	mutex_lock(&m->lock);
	if (iocb->ki_pos == 0) {
		/* pread at 0 rereads: the text may have changed (Linux too). */
		m->index = 0;
		m->count = 0;
		m->read_pos = 0;
	}
	if (iocb->ki_pos != m->read_pos) {
		err = seq_seek_to(m, iocb->ki_pos);
		if (err)
			goto out;
	}
	if (!m->buf && (err = seq_buf_grow(m)))
		goto out;
	/* What the last read left over goes first. */
	if (m->count) {
		n = copy_to_iter(m->buf + m->from, m->count, iter);
		m->count -= n;
		m->from += n;
		copied += n;
		if (m->count || !iov_iter_count(iter))
			goto out;
	}
	m->from = 0;
	p = seq_first_record(m);
	if (!p || IS_ERR(p)) {
		err = PTR_ERR(p);
		m->count = 0;
		goto out;
	}
	seq_fill(m, p, iov_iter_count(iter));
	n = copy_to_iter(m->buf, m->count, iter);
	copied += n;
	m->count -= n;
	m->from = n;
out:
	if (copied) {
		iocb->ki_pos += copied;
		m->read_pos += copied;
		err = copied;
	} else if (m->count) {
		err = -EFAULT;	/* text was there but the copy faulted */
	}
	mutex_unlock(&m->lock);
	return err;
}

/**
 * seq_read - the ->read of a seq_file (for callers with a user buffer)
 * @file: the open file
 * @buf: user memory
 * @size: bytes wanted
 * @ppos: the file position, advanced by what was read
 *
 * Return: bytes read, 0 at the end, or -errno.
 */
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos)
{
	struct kiocb kiocb = { .ki_filp = file, .ki_pos = *ppos };
	struct iov_iter iter;
	ssize_t ret;

	iov_iter_ubuf(&iter, buf, size);
	ret = seq_read_iter(&kiocb, &iter);
	*ppos = kiocb.ki_pos;
	return ret;
}

/**
 * seq_lseek - SEEK_SET and SEEK_CUR in the text of the records
 * @file: the open file
 * @offset: the offset
 * @whence: SEEK_SET or SEEK_CUR (the size is not known: no SEEK_END)
 *
 * Return: the new position or -EINVAL.
 */
loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	struct seq_file *m = file->private_data;
	loff_t ret = -EINVAL;

	mutex_lock(&m->lock);
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	if ((whence == SEEK_SET || whence == SEEK_CUR) && offset >= 0) {
		ret = offset;
		if (offset != m->read_pos)
			ret = seq_seek_to(m, offset) ?: offset;
		if (ret >= 0)
			file->f_pos = offset;
		else
			file->f_pos = 0;
	}
	mutex_unlock(&m->lock);
	return ret;
}

/**
 * seq_open - make @file a sequential file over @op
 * @file: the file being opened; its private_data becomes the seq_file
 * @op: the iterator
 *
 * Return: 0 or -ENOMEM.
 */
int seq_open(struct file *file, const struct seq_operations *op)
{
	struct seq_file *m;

	if (WARN_ON(file->private_data))
		return -EBUSY;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	mutex_init(&m->lock);
	m->op = op;
	m->file = file;
	file->private_data = m;
	/* pread works; the text has no end to seek from. */
	file->f_mode &= ~FMODE_PWRITE;
	return 0;
}

int seq_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	kfree(m->buf);
	kfree(m);
	file->private_data = NULL;
	return 0;
}

/*
 * Printing. Each function appends to the buffer or, if the text does not
 * fit, marks the buffer overflowed (count = size), which makes the
 * reader grow it and run the show again.
 */
void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	size_t room = m->size - m->count;
	int len;

	if (m->count < m->size) {
		len = vsnprintf(m->buf + m->count, room, fmt, args);
		if ((size_t)len < room) {
			m->count += len;
			return;
		}
	}
	m->count = m->size;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	seq_vprintf(m, fmt, args);
	va_end(args);
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len < m->size) {
		memcpy(m->buf + m->count, data, len);
		m->count += len;
	} else {
		m->count = m->size;
	}
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_put_decimal_ull(struct seq_file *m, const char *delimiter,
			 unsigned long long num)
{
	char digits[24];
	int i = sizeof(digits);

	seq_puts(m, delimiter);
	do {
		digits[--i] = '0' + num % 10;
		num /= 10;
	} while (num);
	seq_write(m, digits + i, sizeof(digits) - i);
}

void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
	seq_puts(m, delimiter);
	if (num < 0) {
		seq_putc(m, '-');
		seq_put_decimal_ull(m, "", -(unsigned long long)num);
	} else {
		seq_put_decimal_ull(m, "", num);
	}
}

/* seq_setwidth(m, w) then text then seq_pad(m, c): pads the text to w
 * columns and adds @c (maps pads its columns before the path). */
void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}

void seq_pad(struct seq_file *m, char c)
{
	while (m->count < m->pad_until && !seq_has_overflowed(m))
		seq_putc(m, ' ');
	if (c)
		seq_putc(m, c);
}

/* single_open: an iterator with one record, the show itself. */
static void *single_start(struct seq_file *m, loff_t *pos)
{
	return *pos == 0 ? (void *)1 : NULL;
}

static void *single_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return NULL;
}

static void single_stop(struct seq_file *m, void *v)
{
}

/**
 * single_open - a sequential file whose whole text is one show
 * @file: the file being opened
 * @show: prints the text
 * @data: given to @show as m->private
 *
 * Return: 0 or -ENOMEM. Release with single_release().
 */
int single_open(struct file *file, int (*show)(struct seq_file *, void *),
		void *data)
{
	struct seq_operations *op = kmalloc(sizeof(*op), GFP_KERNEL);
	int err;

	if (!op)
		return -ENOMEM;
	op->start = single_start;
	op->next = single_next;
	op->stop = single_stop;
	op->show = show;
	err = seq_open(file, op);
	if (err) {
		kfree(op);
		return err;
	}
	((struct seq_file *)file->private_data)->private = data;
	return 0;
}

/* As single_open(), with a first buffer of @size bytes (the text's guess). */
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *),
		     void *data, size_t size)
{
	struct seq_file *m;
	int err = single_open(file, show, data);

	if (err)
		return err;
	m = file->private_data;
	m->buf = kmalloc(size, GFP_KERNEL);
	if (!m->buf) {
		single_release(file_inode(file), file);
		return -ENOMEM;
	}
	m->size = size;
	return 0;
}

int single_release(struct inode *inode, struct file *file)
{
	const struct seq_operations *op = ((struct seq_file *)file->private_data)->op;

	seq_release(inode, file);
	kfree(op);
	return 0;
}

/* One pass over every record into the buffer; -EAGAIN if it overflowed. */
static int seq_render_pass(struct seq_file *m)
{
	void *p;
	int err = 0;

	m->index = 0;
	m->count = 0;
	p = m->op->start(m, &m->index);
	while (p && !IS_ERR(p)) {
		size_t before = m->count;

		err = m->op->show(m, p);
		if (err > 0)
			m->count = before;
		if (err < 0 || seq_has_overflowed(m))
			break;
		err = 0;
		p = m->op->next(m, p, &m->index);
	}
	if (IS_ERR(p))
		err = PTR_ERR(p);
	m->op->stop(m, p);
	if (!err && seq_has_overflowed(m))
		return -EAGAIN;
	return err < 0 ? err : 0;
}

int seq_render(struct seq_file *m, const struct seq_operations *op, void *data)
{
	int err;

	memset(m, 0, sizeof(*m));
	mutex_init(&m->lock);
	m->op = op;
	m->private = data;
	do {
		err = seq_buf_grow(m);
		if (!err)
			err = seq_render_pass(m);
	} while (err == -EAGAIN);
	return err;
}

int seq_render_single(struct seq_file *m, int (*show)(struct seq_file *, void *),
		      void *data)
{
	const struct seq_operations op = {
		.start = single_start, .next = single_next,
		.stop = single_stop, .show = show,
	};
	int err = seq_render(m, &op, data);

	m->op = NULL;	/* @op lives on this stack only */
	return err;
}

void seq_render_free(struct seq_file *m)
{
	kfree(m->buf);
	m->buf = NULL;
	m->count = m->size = 0;
}
