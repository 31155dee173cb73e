/*
 * A pipe's buffer, as Linux's include/linux/pipe_fs_i.h (simplified: one
 * ring of bytes in a page array instead of pipe_buffers). A pipe and a
 * FIFO share it; readers and writers count the open ends.
 * Lock: pipe->mutex for everything but the wait queues' own locks.
 */
#ifndef _LINUX_PIPE_FS_I_H
#define _LINUX_PIPE_FS_I_H

#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/wait.h>

#define PIPE_DEF_BUFFERS 16	/* pages: 64 KiB, Linux's default capacity */
#define PIPE_BUF 4096		/* writes up to this size are atomic */

struct pipe_inode_info {
	struct mutex mutex;
	wait_queue_head_t rd_wait, wr_wait;
	unsigned int head, tail;	/* byte counters; head - tail = bytes held */
	unsigned int size;		/* capacity in bytes */
	unsigned int readers, writers;
	unsigned int r_counter, w_counter;	/* opens so far (FIFO rendezvous) */
	unsigned int files;		/* struct files holding it (FIFO inode too) */
	void *pages[PIPE_DEF_BUFFERS];
};

#endif
