/*
 * Reading and writing the registers ACPI describes with a generic address
 * (I/O port, memory, or PCI configuration space), and switching the
 * chipset from legacy (SMM) mode into ACPI mode. Mirrors ACPICA's
 * acpi_hw_read()/acpi_hw_write() (drivers/acpi/acpica/hwregs.c) and
 * acpi_hw_set_mode() (hwacpi.c). Simplified: bit_offset is ignored, as
 * it is zero for every register Spindle touches.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/acpi.h>
#include <asm/delay.h>
#include <asm/io.h>

#define PCI_CONF_ADDR 0xCF8
#define PCI_CONF_DATA 0xCFC

/* The access size in bits: access_width when given, else bit_width. */
static unsigned int gas_width(const struct acpi_generic_address *reg)
{
	if (reg->access_width >= 1 && reg->access_width <= 4)
		return 8U << (reg->access_width - 1);
	return reg->bit_width;
}

static int io_read(u16 port, unsigned int width, u64 *value)
{
	switch (width) {
	case 8:
		*value = inb(port);
		return 0;
	case 16:
		*value = inw(port);
		return 0;
	case 32:
		*value = inl(port);
		return 0;
	}
	return -EINVAL;
}

static int io_write(u16 port, unsigned int width, u64 value)
{
	switch (width) {
	case 8:
		outb(value, port);
		return 0;
	case 16:
		outw(value, port);
		return 0;
	case 32:
		outl(value, port);
		return 0;
	}
	return -EINVAL;
}

static int mem_read(phys_addr_t phys, unsigned int width, u64 *value)
{
	volatile void *p = ioremap(phys, width / 8);

	if (!p)
		return -ENXIO;
	switch (width) {
	case 8:
		*value = *(volatile u8 *)p;
		return 0;
	case 16:
		*value = *(volatile u16 *)p;
		return 0;
	case 32:
		*value = readl(p);
		return 0;
	case 64:
		*value = readq(p);
		return 0;
	}
	return -EINVAL;
}

static int mem_write(phys_addr_t phys, unsigned int width, u64 value)
{
	volatile void *p = ioremap(phys, width / 8);

	if (!p)
		return -ENXIO;
	switch (width) {
	case 8:
		*(volatile u8 *)p = value;
		return 0;
	case 16:
		*(volatile u16 *)p = value;
		return 0;
	case 32:
		writel(value, p);
		return 0;
	case 64:
		writeq(value, p);
		return 0;
	}
	return -EINVAL;
}

/*
 * A byte to PCI configuration space on bus 0 (the only form the ACPI
 * reset register may take there): the address holds the device in bits
 * 32-47, the function in 16-31 and the offset in 0-15.
 */
static int pci_conf_write8(u64 address, u8 value)
{
	unsigned int dev = (address >> 32) & 0x1F, fn = (address >> 16) & 7;
	unsigned int off = address & 0xFF;

	outl(0x80000000U | dev << 11 | fn << 8 | (off & 0xFC), PCI_CONF_ADDR);
	outb(value, PCI_CONF_DATA + (off & 3));
	return 0;
}

/**
 * acpi_gas_read - read a register given by a generic address
 * @reg: the register (I/O port or memory)
 * @value: set to what was read
 *
 * Return: 0; -ENODEV for an empty address, -EINVAL for an unsupported
 * space or width, -ENXIO when the memory cannot be mapped.
 */
int acpi_gas_read(const struct acpi_generic_address *reg, u64 *value)
{
	if (!reg->address)
		return -ENODEV;
	if (reg->space_id == ACPI_ADR_SPACE_SYSTEM_IO)
		return io_read(reg->address, gas_width(reg), value);
	if (reg->space_id == ACPI_ADR_SPACE_SYSTEM_MEMORY)
		return mem_read(reg->address, gas_width(reg), value);
	return -EINVAL;
}

/**
 * acpi_gas_write - write a register given by a generic address
 * @reg: the register (I/O port, memory, or a byte of PCI config space)
 * @value: what to write
 *
 * Return: 0 or -errno as acpi_gas_read().
 */
int acpi_gas_write(const struct acpi_generic_address *reg, u64 value)
{
	if (!reg->address)
		return -ENODEV;
	switch (reg->space_id) {
	case ACPI_ADR_SPACE_SYSTEM_IO:
		return io_write(reg->address, gas_width(reg), value);
	case ACPI_ADR_SPACE_SYSTEM_MEMORY:
		return mem_write(reg->address, gas_width(reg), value);
	case ACPI_ADR_SPACE_PCI_CONFIG:
		return gas_width(reg) == 8 ? pci_conf_write8(reg->address, value)
					   : -EINVAL;
	}
	return -EINVAL;
}

static bool sci_enabled(const struct acpi_fadt_info *f)
{
	u64 cnt;

	return !acpi_gas_read(&f->pm1a_control, &cnt) && (cnt & ACPI_PM1_SCI_EN);
}

/**
 * acpi_enable_mode - hand the ACPI hardware from the firmware to the OS
 *
 * A PC starts in legacy mode, where SMM firmware handles power events;
 * writing ACPI_ENABLE to the SMI command port asks it to set SCI_EN and
 * let go. Firmware without an SMI port is always in ACPI mode.
 *
 * Context: may spin up to 3 seconds (ACPICA waits as long).
 * Return: 0 when SCI_EN is set (or cannot be changed), -ENODEV without a
 * FADT, -ETIMEDOUT when the firmware did not switch.
 */
int acpi_enable_mode(void)
{
	const struct acpi_fadt_info *f = acpi_fadt();

	if (!f)
		return -ENODEV;
	if (sci_enabled(f) || !f->smi_command || !f->acpi_enable)
		return 0;
	outb(f->acpi_enable, f->smi_command);
	for (int ms = 0; ms < 3000; ms++) {
		if (sci_enabled(f)) {
			pr_info("ACPI: switched to ACPI mode (SCI_EN set)\n");
			return 0;
		}
		mdelay(1);
	}
	pr_warn("ACPI: the firmware did not enter ACPI mode (SCI_EN clear)\n");
	return -ETIMEDOUT;
}
