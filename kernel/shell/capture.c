/*
 * Running a console-shell command for a file in debugfs or tracefs: what
 * the command prints with tty_printf() goes into a buffer instead of the
 * console, only for the task that runs it (tty_write() asks
 * shell_capture_write()). This is how /sys/kernel/debug/kthread/control
 * shares the `kthread` command's code. Spindle's own; Linux has no shell.
 * Locking: capture_lock, one captured command at a time; the buffer is
 * only touched by capture_task, the holder of the lock.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <spindle/shell.h>

static DEFINE_MUTEX(capture_lock);
static struct task_struct *capture_task;
static char *capture_buf;
static size_t capture_size, capture_len;

/**
 * shell_capture_write - take terminal output if current is capturing
 * @s: the text
 * @len: its length
 *
 * Return: true if the text went into the capture buffer (cut at its
 * end), false if the console should print it.
 * Context: any; cheap when nothing is captured.
 */
bool shell_capture_write(const char *s, size_t len)
{
	size_t room;

	if (likely(READ_ONCE(capture_task) != current))
		return false;
	room = capture_size - 1 - capture_len;
	len = min(len, room);
	memcpy(capture_buf + capture_len, s, len);
	capture_len += len;
	capture_buf[capture_len] = '\0';
	return true;
}

/**
 * shell_run_captured - run a shell command line, keeping what it prints
 * @line: the command line (split in place)
 * @out: gets the output, NUL-terminated, cut at @size
 * @size: its size (> 0)
 *
 * Return: the command's result (0 or -errno).
 * Context: process; sleeps (capture_lock, and whatever the command does).
 */
int shell_run_captured(char *line, char *out, size_t size)
{
	int ret;

	mutex_lock(&capture_lock);
	capture_buf = out;
	capture_size = size;
	capture_len = 0;
	out[0] = '\0';
	WRITE_ONCE(capture_task, current);
	ret = shell_execute(line);
	WRITE_ONCE(capture_task, NULL);
	mutex_unlock(&capture_lock);
	return ret;
}
