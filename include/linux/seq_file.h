/*
 * Sequential files, as Linux's include/linux/seq_file.h: a /proc file's
 * text is made by "show" callbacks printing into a kernel buffer, and
 * read(2) copies it out in whatever pieces the reader asks for. A show
 * that does not fit is thrown away and run again with a buffer twice as
 * big, so shows just print and never count.
 * Lock: seq_file.lock serialises the readers of one open file.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/compiler.h>
#include <linux/mutex.h>
#include <linux/fs.h>

struct file;
struct inode;
struct kiocb;
struct iov_iter;
struct seq_operations;

struct seq_file {
	char *buf;		/* the text of the records being read */
	size_t size;		/* its size: PAGE_SIZE, doubled on overflow */
	size_t from;		/* first byte not yet copied to the reader */
	size_t count;		/* bytes in buf; size means "overflowed" */
	size_t pad_until;	/* seq_pad(): the column to pad to */
	loff_t index;		/* the record the iterator is at */
	loff_t read_pos;	/* file position the buffer corresponds to */
	struct mutex lock;
	const struct seq_operations *op;
	const struct file *file;
	void *private;		/* the opener's data (single_open's) */
};

/*
 * The iterator: start() returns the record at *pos (or NULL at the end),
 * next() advances *pos and returns the next one, stop() undoes start()
 * (a lock it took), show() prints one record. show may return SEQ_SKIP
 * to print nothing for this record.
 */
struct seq_operations {
	void *(*start)(struct seq_file *m, loff_t *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, loff_t *pos);
	int (*show)(struct seq_file *m, void *v);
};

#define SEQ_SKIP 1

/* True once a show printed more than the buffer holds: it is rerun. */
static inline bool seq_has_overflowed(const struct seq_file *m)
{
	return m->count == m->size;
}

/* The file's struct file, for shows that need it (e.g. the inode). */
static inline const struct file *seq_file_file(const struct seq_file *m)
{
	return m->file;
}

int seq_open(struct file *file, const struct seq_operations *op);
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos);
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);
int seq_release(struct inode *inode, struct file *file);

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
/* " %llu" (or "%llu" with an empty @delimiter) without printf's cost. */
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter,
			 unsigned long long num);
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num);
/* Pads with spaces up to column @pos of this record (maps' path column). */
void seq_pad(struct seq_file *m, char c);
void seq_setwidth(struct seq_file *m, size_t size);

/* One show for the whole file: the common case in /proc. */
int single_open(struct file *file, int (*show)(struct seq_file *, void *),
		void *data);
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *),
		     void *data, size_t size);
int single_release(struct inode *inode, struct file *file);

/*
 * Spindle: run a show from the kernel itself (the console shell's
 * meminfo, the ktests). seq_render() fills @m with the whole text of
 * @op's records (m->buf, m->count), growing the buffer as seq_read
 * would; seq_render_single() does the same for one show; seq_render_free()
 * releases the buffer. Return: 0 or -errno (the show's, or -ENOMEM).
 */
int seq_render(struct seq_file *m, const struct seq_operations *op, void *data);
int seq_render_single(struct seq_file *m, int (*show)(struct seq_file *, void *),
		      void *data);
void seq_render_free(struct seq_file *m);

#endif
