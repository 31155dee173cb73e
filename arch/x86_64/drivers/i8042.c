/*
 * The i8042 PS/2 controller, after Linux's drivers/input/serio/i8042.c:
 * probe it with bounded waits (UEFI-only and USB-only PCs often have none,
 * and their port 0x64 then reads 0xFF), self-test it, keep translation to
 * scancode set 1 on, and pass each byte port 1 delivers to the keyboard
 * driver from the IRQ 1 handler.
 *
 * Simplified: port 2 (the mouse) stays off; the ports are not looked up
 * in ACPI; no quirk tables, no suspend and resume. After probing, only the
 * IRQ 1 handler reads the data port.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <asm/i8042.h>
#include <asm/io.h>

/*
 * A try is a status read and an io_delay(), about 2 us on a PC, so a wait
 * gives up after about 0.2 s: the order of Linux's I8042_CTL_TIMEOUT.
 */
#define I8042_POLL_TRIES 100000
/* More stale bytes than the controller can hold means it is not there. */
#define I8042_BUFFER_SIZE 16
#define I8042_SELFTEST_TRIES 5
#define I8042_SELFTEST_OK 0x55
#define I8042_KBD_TEST_OK 0x00

static i8042_receive_t kbd_receive;
static u8 i8042_ctr;

static int i8042_wait_write(void)
{
	for (int i = 0; i < I8042_POLL_TRIES; i++) {
		if (!(inb(I8042_STATUS_REG) & I8042_STR_IBF))
			return 0;
		io_delay();
	}
	return -ETIMEDOUT;
}

static int i8042_wait_read(void)
{
	for (int i = 0; i < I8042_POLL_TRIES; i++) {
		if (inb(I8042_STATUS_REG) & I8042_STR_OBF)
			return 0;
		io_delay();
	}
	return -ETIMEDOUT;
}

/* Drops stale bytes; fails if the output buffer never empties. */
static int i8042_flush(void)
{
	for (int i = 0; i < I8042_BUFFER_SIZE; i++) {
		if (!(inb(I8042_STATUS_REG) & I8042_STR_OBF))
			return 0;
		inb(I8042_DATA_REG);
		io_delay();
	}
	return -EIO;
}

/*
 * Sends controller command @cmd, then its argument @arg (if not NULL), and
 * reads its one-byte answer into @answer (if not NULL), as Linux's
 * i8042_command(). Needs port 1's interrupt off, or the handler could take
 * the answer.
 */
static int i8042_command(u8 cmd, const u8 *arg, u8 *answer)
{
	int err = i8042_wait_write();

	if (err)
		goto timeout;
	outb(cmd, I8042_COMMAND_REG);
	if (arg) {
		err = i8042_wait_write();
		if (err)
			goto timeout;
		outb(*arg, I8042_DATA_REG);
	}
	if (answer) {
		err = i8042_wait_read();
		if (err)
			goto timeout;
		*answer = inb(I8042_DATA_REG);
	}
	return 0;
timeout:
	/* Only after i8042_controller_check() found a controller: a real
	 * controller that stops answering, not an absent one. */
	pr_warn("i8042: controller timed out on command 0x%02x (%s)\n", cmd,
		answer && !(inb(I8042_STATUS_REG) & I8042_STR_IBF) ?
		"no answer" : "input buffer full");
	return err;
}

/* Nothing decodes the ports: reads float to 0xFF, or bytes never end. */
static int i8042_controller_check(void)
{
	if (inb(I8042_STATUS_REG) == 0xFF)
		return -ENODEV;
	if (i8042_flush())
		return -ENODEV;
	return 0;
}

static int i8042_controller_selftest(void)
{
	u8 answer = 0;

	for (int i = 0; i < I8042_SELFTEST_TRIES; i++) {
		if (i8042_command(I8042_CMD_CTL_TEST, NULL, &answer))
			return -ENODEV;
		if (answer == I8042_SELFTEST_OK)
			return 0;
	}
	pr_err("i8042: controller self-test failed (answer 0x%02x)\n", answer);
	return -EIO;
}

/*
 * Both ports off while the configuration changes, so no byte slips in; the
 * configuration is read after the self-test, which resets it on some
 * controllers. Interrupts stay off until the keyboard driver is ready.
 */
static int i8042_controller_init(void)
{
	int err;

	if (i8042_command(I8042_CMD_KBD_DISABLE, NULL, NULL) ||
	    i8042_command(I8042_CMD_AUX_DISABLE, NULL, NULL))
		return -ENODEV;
	if (i8042_flush())
		return -ENODEV;
	err = i8042_controller_selftest();
	if (err)
		return err;
	if (i8042_command(I8042_CMD_CTL_RCTR, NULL, &i8042_ctr))
		return -ENODEV;
	i8042_ctr &= ~(I8042_CTR_KBDINT | I8042_CTR_AUXINT | I8042_CTR_KBDDIS);
	i8042_ctr |= I8042_CTR_XLATE | I8042_CTR_AUXDIS;
	if (i8042_command(I8042_CMD_CTL_WCTR, &i8042_ctr, NULL))
		return -ENODEV;
	return 0;
}

int i8042_kbd_probe(void)
{
	u8 answer;
	int err;

	err = i8042_controller_check();
	if (!err)
		err = i8042_controller_init();
	if (err)
		return err;
	/* A failed line test is only reported: the keyboard's answers decide. */
	if (i8042_command(I8042_CMD_KBD_TEST, NULL, &answer) ||
	    answer != I8042_KBD_TEST_OK)
		pr_warn("i8042: keyboard port test failed\n");
	if (i8042_command(I8042_CMD_KBD_ENABLE, NULL, NULL))
		return -ENODEV;
	return 0;
}

int i8042_kbd_write(u8 byte)
{
	int err = i8042_wait_write();

	if (!err)
		outb(byte, I8042_DATA_REG);
	return err;
}

int i8042_kbd_read(u8 *byte)
{
	int err = i8042_wait_read();

	if (!err)
		*byte = inb(I8042_DATA_REG);
	return err;
}

/* One byte per interrupt: the controller raises IRQ 1 again for the next. */
static irqreturn_t i8042_interrupt(int irq, void *dev)
{
	u8 status = inb(I8042_STATUS_REG);
	u8 data;

	if (!(status & I8042_STR_OBF))
		return IRQ_NONE;
	data = inb(I8042_DATA_REG);
	if (status & I8042_STR_AUXDATA)
		return IRQ_HANDLED;	/* port 2 is off; a stray byte */
	kbd_receive(data);
	return IRQ_HANDLED;
}

int i8042_kbd_enable_irq(i8042_receive_t receive)
{
	int err;

	kbd_receive = receive;
	i8042_flush();
	err = request_irq(I8042_KBD_IRQ, i8042_interrupt, 0, "i8042", NULL);
	if (err)
		return err;
	i8042_ctr |= I8042_CTR_KBDINT;
	err = i8042_command(I8042_CMD_CTL_WCTR, &i8042_ctr, NULL);
	if (err)
		free_irq(I8042_KBD_IRQ, NULL);
	return err;
}
