/*
 * The 16550 UART on COM1 (port 0x3F8), console ttyS0: 115200 baud, 8N1
 * unless console=ttyS0,OPTIONS says otherwise (serial_console_setup(),
 * Linux's serial8250_console_setup() with uart_parse_options()). Output
 * is the first console; input arrives by interrupt (IRQ 4) into the
 * console input queue when ttyS0 is /dev/console. The UART is probed
 * before any other access (scratch register, then loopback, as Linux's
 * autoconfig() in 8250_port.c): a PC without the port (laptops; its
 * registers read 0xFF) gets one message, which the screen console shows
 * when it replays the log, and the port is never touched again. Every
 * wait on the transmitter is bounded, and a transmitter that stops is
 * reported. Mirrors the early serial console of Linux's
 * arch/x86/boot/early_serial_console.c and 8250 driver.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/errno.h>
#include <linux/timekeeping.h>
#include <asm/io.h>
#include <asm/setup.h>
#include <linux/ctype.h>
#include <linux/string.h>
#include <spindle/tty.h>
#include <spindle/printk.h>
#include <linux/tty.h>
#include <linux/timer.h>

#define COM1 0x3F8
#define UART_RX 0		/* receive buffer (DLAB=0) */
#define UART_TX 0		/* transmit holding (DLAB=0) */
#define UART_DLL 0		/* divisor low (DLAB=1) */
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_IIR 2		/* interrupt identification (read) */
#define UART_IIR_FIFO_ON 0xC0	/* both bits: a working 16-byte FIFO */
#define UART_LCR 3
#define UART_LCR_DLAB 0x80	/* registers 0 and 1 are the divisor */
#define UART_LCR_PARITY 0x08
#define UART_LCR_EPAR 0x10	/* even parity (with UART_LCR_PARITY) */
#define UART_MCR 4
#define UART_LSR 5
#define UART_LSR_DR 0x01	/* data ready */
#define UART_LSR_THRE 0x20	/* transmit holding register empty */
#define UART_IER_RDI 0x01	/* interrupt on received data */
#define UART_MCR_OUT2 0x08	/* gates the IRQ line on PCs */
#define UART_MCR_LOOP 0x10
#define UART_SCR 7		/* scratch: any byte written reads back */
#define SERIAL_IRQ 4
#define UART_CLOCK_BAUD 115200	/* 1.8432 MHz / 16: the baud of divisor 1 */
#define UART_MIN_BAUD 50	/* the largest divisor is 2304, 16 bits */

static bool serial_present;
static struct tty_port serial_port;

/* A wedged UART must not hang printk; but an emulator's holds THRE clear
 * while the host reads slowly, and on a loaded host that lasted more than
 * half a second (characters were lost): wait up to 5 s, once. */
#define TX_TIMEOUT_NS 5000000000ULL
#define TX_SPIN_MAX 20000000		/* the bound when no clock runs yet */

static bool tx_stuck;	/* gave up once: stop waiting on it */
static unsigned int tx_fifo_size = 1;	/* 16 once a 16550A's FIFO is on */
static unsigned long tx_timeouts;	/* waits that gave up, ever */
static unsigned long tx_timeouts_reported;
static bool tx_report_ready;	/* timers run: the report may be armed */
static struct timer_list tx_report_timer;

/*
 * A wait that gave up happens inside printk(), under its lock: printing
 * from there would deadlock. The message goes out from a timer instead
 * (from serial_input_init() for waits before timers run) and reaches
 * the other consoles, and this one once it moves again.
 */
static void serial_report_timeouts(struct timer_list *t)
{
	unsigned long n = READ_ONCE(tx_timeouts);

	if (n == tx_timeouts_reported)
		return;
	pr_warn("serial: ttyS0 transmitter not ready after %llu ms (%lu time(s)); "
		"output dropped while it is stuck\n",
		(unsigned long long)(TX_TIMEOUT_NS / 1000000), n - tx_timeouts_reported);
	tx_timeouts_reported = n;
}

static void serial_note_timeout(void)
{
	WRITE_ONCE(tx_timeouts, tx_timeouts + 1);
	if (READ_ONCE(tx_report_ready) && !timer_pending(&tx_report_timer))
		mod_timer(&tx_report_timer, jiffies + 1);
}

/*
 * Waits until the transmitter can take a byte. An emulator's UART holds
 * the byte while whoever reads the other end is slow (QEMU does, for a
 * socket), so the wait is bounded by time, not by a spin count that a
 * busy host would exhaust, which would drop characters.
 */
static void wait_for_thre(void)
{
	u64 start = 0;

	if (tx_stuck && !(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		return;		/* still wedged: do not wait again */
	for (unsigned long i = 0; !(inb(COM1 + UART_LSR) & UART_LSR_THRE); i++) {
		if (i % 1024)
			continue;
		if (!start)
			start = ktime_get_ns();
		if (ktime_get_ns() - start > TX_TIMEOUT_NS || i > TX_SPIN_MAX) {
			tx_stuck = true;
			serial_note_timeout();
			return;
		}
	}
	tx_stuck = false;
}

/*
 * Sends @c. THRE set means the whole transmit FIFO is empty, so after one
 * wait a 16550A takes tx_fifo_size bytes without another look at the
 * line status: one port read per 16 characters instead of per character
 * (each port access is slow, on real hardware and far more so under an
 * emulator). @room counts what the FIFO still takes.
 */
static void serial_putc(char c, unsigned int *room)
{
	if (!*room) {
		wait_for_thre();
		*room = tx_fifo_size;
	}
	outb(c, COM1 + UART_TX);
	(*room)--;
}

static void serial_write(struct console *con, const char *s, size_t len)
{
	unsigned int room = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r', &room);
		serial_putc(s[i], &room);
	}
}

/* A line setting, as console=ttyS0,115200n8 writes it. */
struct uart_line {
	unsigned int baud;
	char parity;		/* 'n', 'o' or 'e' */
	unsigned int bits;	/* 5..8 data bits; always one stop bit */
};

static const struct uart_line uart_default_line = { 115200, 'n', 8 };

/*
 * Parses "baud[parity[bits]]", like Linux's uart_parse_options() but
 * strict: Linux takes whatever digits lead the string (0 for "abc"),
 * Spindle refuses anything it cannot program exactly as written, and
 * does not take Linux's flow-control letter (no RTS/CTS here).
 */
static int uart_parse_options(const char *s, struct uart_line *line)
{
	char digits[8];
	size_t n = 0;

	while (isdigit(s[n]))
		n++;
	if (!n || n >= sizeof(digits))
		return -EINVAL;
	memcpy(digits, s, n);
	digits[n] = '\0';
	if (kstrtouint(digits, 10, &line->baud) ||
	    line->baud < UART_MIN_BAUD || line->baud > UART_CLOCK_BAUD)
		return -EINVAL;
	s += n;
	line->parity = 'n';
	line->bits = 8;
	if (*s && strchr("noe", *s))
		line->parity = *s++;
	if (*s >= '5' && *s <= '8')
		line->bits = *s++ - '0';
	return *s ? -EINVAL : 0;
}

/* Divisor latch: the baud is the UART clock's 115200 over the divisor. */
static unsigned int uart_divisor(unsigned int baud)
{
	return DIV_ROUND_CLOSEST(UART_CLOCK_BAUD, baud);
}

/* Programs @line into the UART and returns the divisor it reads back. */
static unsigned int uart_set_line(const struct uart_line *line)
{
	unsigned int quot = uart_divisor(line->baud);
	u8 lcr = line->bits - 5;	/* 5..8 bits: 0..3 in LCR bits 0-1 */

	if (line->parity != 'n')
		lcr |= UART_LCR_PARITY;
	if (line->parity == 'e')
		lcr |= UART_LCR_EPAR;
	outb(lcr | UART_LCR_DLAB, COM1 + UART_LCR);
	outb(quot & 0xff, COM1 + UART_DLL);
	outb(quot >> 8, COM1 + UART_DLM);
	quot = inb(COM1 + UART_DLL) | inb(COM1 + UART_DLM) << 8;
	outb(lcr, COM1 + UART_LCR);
	return quot;
}

/*
 * Scratch register test: a missing port reads 0xFF whatever was
 * written; a UART keeps both patterns (every UART since the 16450 has
 * the register; only the original 8250 of the first PCs lacked it).
 * Returns the first wrong read, -1 when both came back.
 */
static int uart_probe_scratch(void)
{
	static const u8 patterns[] = { 0x55, 0xAA };
	u8 saved = inb(COM1 + UART_SCR), got;

	for (unsigned int i = 0; i < ARRAY_SIZE(patterns); i++) {
		outb(patterns[i], COM1 + UART_SCR);
		got = inb(COM1 + UART_SCR);
		if (got != patterns[i])
			return got;
	}
	outb(saved, COM1 + UART_SCR);
	return -1;
}

/* Loopback test: a byte sent in loopback mode must come back, within a
 * bounded number of status reads (a byte takes ~87 us at 115200). */
static bool uart_probe_loopback(void)
{
	bool ok = false;

	outb(0x00, COM1 + UART_IER);
	uart_set_line(&uart_default_line);
	outb(UART_MCR_LOOP | 0x0F, COM1 + UART_MCR);
	outb(0xAE, COM1 + UART_TX);
	for (int i = 0; i < 100000; i++) {
		if (inb(COM1 + UART_LSR) & UART_LSR_DR) {
			ok = inb(COM1 + UART_RX) == 0xAE;
			break;
		}
	}
	outb(0x00, COM1 + UART_MCR);
	return ok;
}

/*
 * Is there a 16550 at COM1? Reports once why not. Only the scratch
 * register is touched before it answered, and nothing after a failure.
 */
static bool uart_probe(void)
{
	int got = uart_probe_scratch();

	if (got >= 0) {
		pr_warn("serial: no UART at I/O 0x%x (scratch register reads 0x%02x); "
			"no ttyS0, no serial console\n", COM1, got);
		return false;
	}
	if (!uart_probe_loopback()) {
		pr_warn("serial: UART at I/O 0x%x fails its loopback test; "
			"no ttyS0, no serial console\n", COM1);
		return false;
	}
	return true;
}

static void serial_set_settings(struct console *con, const struct uart_line *line)
{
	snprintf(con->settings, sizeof(con->settings), "%u%c%u", line->baud,
		 line->parity, line->bits);
}

/*
 * console=ttyS0,OPTIONS: Linux's serial8250_console_setup(). Bad options
 * are reported and the line stays as it was (115200n8), so the console
 * still talks at the speed GRUB used.
 */
static int serial_console_setup(struct console *con, char *options)
{
	struct uart_line line;
	unsigned int quot;

	if (!options)
		return 0;
	if (uart_parse_options(options, &line)) {
		pr_warn("console=%s%d,%s: bad serial options \"%s\" (expected "
			"BAUD[PARITY[BITS]] like 115200n8, BAUD %u..%u); keeping %s\n",
			con->name, con->index, options, options, UART_MIN_BAUD,
			UART_CLOCK_BAUD, con->settings);
		return 0;
	}
	quot = uart_set_line(&line);
	serial_set_settings(con, &line);
	pr_info("serial: %s%d at %s, divisor %u (read back from the UART)\n",
		con->name, con->index, con->settings, quot);
	return 0;
}

static struct console serial_console = {
	.name = "ttyS",
	.index = 0,
	.setup = serial_console_setup,
	.write = serial_write,
};

/**
 * serial_console_init - bring up COM1 at 115200n8 and register ttyS0
 *
 * register_console() then applies console=ttyS0,OPTIONS, if given,
 * through serial_console_setup().
 *
 * Context: setup_arch(), after parse_early_param(), one CPU.
 */
void serial_console_init(void)
{
	if (!uart_probe())
		return;
	outb(0x00, COM1 + UART_IER);	/* no interrupts yet */
	uart_set_line(&uart_default_line);
	outb(0xC7, COM1 + UART_FCR);	/* FIFOs on and cleared, 14-byte trigger */
	/* IIR bits 7-6 read 11 when the FIFOs are on: a 16550A, 16 bytes
	 * deep (an 8250 or 16450 has none, a 16550 a broken one). */
	if ((inb(COM1 + UART_IIR) & UART_IIR_FIFO_ON) == UART_IIR_FIFO_ON)
		tx_fifo_size = 16;
	outb(0x03, COM1 + UART_MCR);	/* DTR, RTS; loopback off */
	serial_present = true;
	serial_set_settings(&serial_console, &uart_default_line);
	register_console(&serial_console);
}

/*
 * Drains the receive FIFO into ttyS0's tty when user space has it open;
 * else to /dev/console's tty or the kernel shell, when ttyS0 is
 * /dev/console (tty_port_receive_char()); else the bytes are dropped.
 */
static void serial_receive(void)
{
	while (inb(COM1 + UART_LSR) & UART_LSR_DR)
		tty_port_receive_char(&serial_port, inb(COM1 + UART_RX));
}

/* ttyS0 as a terminal: its bytes go out as N_TTY processed them (no
 * '\n' to "\r\n" here: that is ONLCR's job). The UART is shared with
 * the console, so a line may interleave with printk's. */
static ssize_t serial_tty_write(struct tty_struct *tty, const u8 *buf, size_t count)
{
	unsigned int room = 0;

	for (size_t i = 0; i < count; i++)
		serial_putc(buf[i], &room);
	return count;
}

static unsigned int serial_tty_write_room(struct tty_struct *tty)
{
	return 4096;	/* written at once, never queued */
}

static const struct tty_operations serial_tty_ops = {
	.write = serial_tty_write,
	.write_room = serial_tty_write_room,
};

/* Linux's serial8250 driver: ttyS0 is (4, 64). */
static struct tty_driver serial_driver = {
	.driver_name = "serial",
	.name = "ttyS",
	.major = 4,
	.minor_start = 64,
	.num = 1,
	.console_name = "ttyS",
	.console_index = 0,
	.ops = &serial_tty_ops,
	.init_winsize = { .ws_row = 24, .ws_col = 80 },
};

static irqreturn_t serial_interrupt(int irq, void *dev)
{
	serial_receive();
	return IRQ_HANDLED;
}

/* Once the interrupt controllers are up: input by interrupt. */
static int __init serial_input_init(void)
{
	if (!serial_present)
		return 0;
	timer_setup(&tx_report_timer, serial_report_timeouts, 0);
	WRITE_ONCE(tx_report_ready, true);
	serial_report_timeouts(NULL);	/* waits that gave up during boot */
	tty_port_init(&serial_port);
	tty_port_link_device(&serial_port, &serial_driver, 0);
	serial_driver.init_termios = tty_std_termios;
	if (tty_register_driver(&serial_driver))
		pr_warn("serial: no /dev/ttyS0\n");
	if (request_irq(SERIAL_IRQ, serial_interrupt, 0, "serial", NULL)) {
		pr_warn("serial: IRQ %d unavailable; no serial input\n", SERIAL_IRQ);
		return -EBUSY;
	}
	outb(0x03 | UART_MCR_OUT2, COM1 + UART_MCR);
	outb(UART_IER_RDI, COM1 + UART_IER);
	serial_receive();	/* bytes that came before the IRQ was on */
	return 0;
}
device_initcall(serial_input_init);
