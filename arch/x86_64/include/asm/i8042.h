/*
 * The i8042 PS/2 controller (arch/x86_64/drivers/i8042.c): ports,
 * status and configuration bits, and the small interface the keyboard
 * driver (drivers/keyboard.c) uses. Linux splits the same way: the
 * controller in drivers/input/serio/i8042.[ch], the keyboard in atkbd.c.
 */
#ifndef _ASM_I8042_H
#define _ASM_I8042_H

#include <linux/types.h>

#define I8042_DATA_REG 0x60
#define I8042_STATUS_REG 0x64	/* read */
#define I8042_COMMAND_REG 0x64	/* write */

#define I8042_STR_OBF 0x01	/* output buffer full: a byte to read */
#define I8042_STR_IBF 0x02	/* input buffer full: do not write yet */
#define I8042_STR_AUXDATA 0x20	/* the byte came from port 2 (mouse) */
#define I8042_STR_TIMEOUT 0x40
#define I8042_STR_PARITY 0x80

/* Configuration byte ("command byte", Linux's CTR). */
#define I8042_CTR_KBDINT 0x01	/* IRQ 1 when port 1 has a byte */
#define I8042_CTR_AUXINT 0x02	/* IRQ 12 when port 2 has a byte */
#define I8042_CTR_KBDDIS 0x10	/* port 1 clock off */
#define I8042_CTR_AUXDIS 0x20
#define I8042_CTR_XLATE 0x40	/* translate scancode set 2 to set 1 */

#define I8042_CMD_CTL_RCTR 0x20
#define I8042_CMD_CTL_WCTR 0x60
#define I8042_CMD_AUX_DISABLE 0xA7
#define I8042_CMD_CTL_TEST 0xAA	/* answers 0x55 */
#define I8042_CMD_KBD_TEST 0xAB	/* answers 0x00 */
#define I8042_CMD_KBD_DISABLE 0xAD
#define I8042_CMD_KBD_ENABLE 0xAE

#define I8042_KBD_IRQ 1

/* Called in interrupt context with each byte port 1 delivers. */
typedef void (*i8042_receive_t)(u8 data);

/**
 * i8042_kbd_probe - find the controller and make port 1 ready
 *
 * Probes the controller with bounded waits, self-tests it, keeps the
 * translation to scancode set 1 on, and enables port 1 with its interrupt
 * still off, so that the keyboard driver can talk to its device by polling.
 *
 * Context: process context; once, from the keyboard driver's initcall.
 * Return: 0; -ENODEV when no controller answers; -EIO when the controller
 * fails its self-test.
 */
int i8042_kbd_probe(void);

/**
 * i8042_kbd_write - send a byte to the device on port 1
 * @byte: a keyboard command or its argument
 *
 * The device's answer (0xFA, ACK) arrives later: through i8042_kbd_read()
 * before the interrupt is on, through the receive callback after.
 *
 * Context: any; waits a bounded time for the controller's input buffer.
 * Return: 0, or -ETIMEDOUT when the controller did not take the byte.
 */
int i8042_kbd_write(u8 byte);

/**
 * i8042_kbd_read - wait for a byte from port 1 by polling
 * @byte: set to the byte
 *
 * Only for use before i8042_kbd_enable_irq().
 *
 * Return: 0, or -ETIMEDOUT when nothing arrived in time.
 */
int i8042_kbd_read(u8 *byte);

/**
 * i8042_kbd_enable_irq - deliver port 1's bytes by interrupt
 * @receive: called with each byte, in interrupt context
 *
 * Context: process context, after a successful i8042_kbd_probe().
 * Return: 0, or -EBUSY when IRQ 1 is taken (or another request_irq error),
 * -ETIMEDOUT when the controller did not take its new configuration.
 */
int i8042_kbd_enable_irq(i8042_receive_t receive);

#endif
