/*
 * The kernel console shell's input queue (kernel/tty/shell_queue.c):
 * serial and keyboard input comes here through tty_port_receive_char()
 * while user space has neither its terminal nor /dev/console open (the
 * TTY layer proper is include/linux/tty.h); the shell takes it out.
 * One queue for every input device, as a terminal would merge them; with
 * console= only the /dev/console device's input comes
 * (console_accepts_input()).
 */
#ifndef _SPINDLE_TTY_H
#define _SPINDLE_TTY_H

#include <linux/types.h>
#include <linux/compiler.h>

#define TTY_QUEUE_SIZE 4096
#define TTY_INTR_CHAR 0x03	/* Ctrl-C: raises an interrupt, not queued */
#define TTY_INTR (-2)		/* what the getc calls return for Ctrl-C */

/* Context: interrupt. Drops the character (and counts it) when full. */
void tty_receive_char(char c);
/* Waits until a character or Ctrl-C comes; returns it or TTY_INTR. */
int tty_getc(void);
int tty_getc_timeout(unsigned int ms);
/* Sleeps @ms; true (and the interrupt consumed) if Ctrl-C cut it short. */
bool tty_sleep(unsigned int ms);
/* Has Ctrl-C been typed since the last tty_take_intr()? */
bool tty_intr_pending(void);
/* Consumes a pending Ctrl-C; returns whether there was one. */
bool tty_take_intr(void);
/* Returns a character, or -1 at once when none is waiting. */
int tty_trygetc(void);
/* Terminal output: to /dev/console (the preferred console, or every
 * console without console=), not into the kernel log. */
int tty_printf(const char *fmt, ...) __printf(1, 2);
void tty_write(const char *s, size_t len);
/* Characters dropped because the queue was full. */
unsigned long tty_overruns(void);

#endif
