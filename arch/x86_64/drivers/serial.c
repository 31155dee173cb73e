/*
 * The 16550 UART on COM1 (port 0x3F8): 115200 baud, 8N1. Output is the
 * first console; input arrives by interrupt (IRQ 4) into the console
 * input queue. A PC without the port is detected with the UART's loopback
 * mode, and then simply has no serial console. Mirrors the early serial
 * console of Linux's arch/x86/boot/early_serial_console.c and 8250 driver.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/errno.h>
#include <asm/io.h>
#include <asm/setup.h>
#include <spindle/tty.h>

#define COM1 0x3F8
#define UART_RX 0		/* receive buffer (DLAB=0) */
#define UART_TX 0		/* transmit holding (DLAB=0) */
#define UART_DLL 0		/* divisor low (DLAB=1) */
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_LSR_DR 0x01	/* data ready */
#define UART_LSR_THRE 0x20	/* transmit holding register empty */
#define UART_IER_RDI 0x01	/* interrupt on received data */
#define UART_MCR_OUT2 0x08	/* gates the IRQ line on PCs */
#define UART_MCR_LOOP 0x10
#define SERIAL_IRQ 4

static bool serial_present;

static void serial_putc(char c)
{
	/* Bounded wait: a wedged UART must not hang printk. The bound is
	 * long (about a second under QEMU): an emulator whose host side is
	 * slow to drain must not lose characters. */
	for (int i = 0; i < 10000000 && !(inb(COM1 + UART_LSR) & UART_LSR_THRE); i++)
		;
	outb(c, COM1 + UART_TX);
}

static void serial_write(struct console *con, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_write,
};

/* Loopback test: a byte sent in loopback mode must come back. */
static bool uart_probe(void)
{
	outb(UART_MCR_LOOP | 0x0F, COM1 + UART_MCR);
	outb(0xAE, COM1 + UART_TX);
	for (int i = 0; i < 1000; i++) {
		if (inb(COM1 + UART_LSR) & UART_LSR_DR)
			return inb(COM1 + UART_RX) == 0xAE;
	}
	return false;
}

void serial_console_init(void)
{
	outb(0x00, COM1 + UART_IER);	/* no interrupts yet */
	outb(0x80, COM1 + UART_LCR);	/* DLAB on: set the divisor */
	outb(1, COM1 + UART_DLL);	/* 115200 = 115200 / 1 */
	outb(0, COM1 + UART_DLM);
	outb(0x03, COM1 + UART_LCR);	/* 8 bits, no parity, 1 stop */
	outb(0xC7, COM1 + UART_FCR);	/* FIFOs on and cleared, 14-byte trigger */
	if (!uart_probe()) {
		outb(0x00, COM1 + UART_MCR);
		return;
	}
	outb(0x03, COM1 + UART_MCR);	/* DTR, RTS; loopback off */
	serial_present = true;
	register_console(&serial_console);
}

/* Drains the receive FIFO into the console input queue. */
static void serial_receive(void)
{
	while (inb(COM1 + UART_LSR) & UART_LSR_DR)
		tty_receive_char(inb(COM1 + UART_RX));
}

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
