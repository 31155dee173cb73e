/*
 * PCI configuration space through configuration mechanism #1: write the
 * address (enable bit, bus, device, function, register) to port 0xCF8,
 * then read or write the data at 0xCFC + (register & 3). Every PC since
 * the 1990s has it; Linux's arch/x86/pci/direct.c (pci_conf1_read(),
 * pci_conf1_write()). Simplified: no PCIe ECAM (MMCONFIG), so only the
 * first 256 bytes of each function. Locking: pci_config_lock makes the
 * address/data pair atomic against other CPUs and interrupts.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <asm/io.h>
#include <asm/pci.h>

#define PCI_CONF1_ADDRESS 0xCF8
#define PCI_CONF1_DATA 0xCFC

static DEFINE_RAW_SPINLOCK(pci_config_lock);

static u32 conf1_address(u8 bus, u8 devfn, int reg)
{
	return 0x80000000U | (u32)bus << 16 | (u32)devfn << 8 | (reg & 0xFC);
}

/* Reads @len (1, 2 or 4) bytes at @reg; 0 or -EINVAL. */
int pci_conf1_read(u8 bus, u8 devfn, int reg, int len, u32 *val)
{
	unsigned long flags;

	if (reg < 0 || reg > 255 || (reg & (len - 1)))
		return -EINVAL;
	raw_spin_lock_irqsave(&pci_config_lock, flags);
	outl(conf1_address(bus, devfn, reg), PCI_CONF1_ADDRESS);
	switch (len) {
	case 1:
		*val = inb(PCI_CONF1_DATA + (reg & 3));
		break;
	case 2:
		*val = inw(PCI_CONF1_DATA + (reg & 2));
		break;
	default:
		*val = inl(PCI_CONF1_DATA);
	}
	raw_spin_unlock_irqrestore(&pci_config_lock, flags);
	return 0;
}

int pci_conf1_write(u8 bus, u8 devfn, int reg, int len, u32 val)
{
	unsigned long flags;

	if (reg < 0 || reg > 255 || (reg & (len - 1)))
		return -EINVAL;
	raw_spin_lock_irqsave(&pci_config_lock, flags);
	outl(conf1_address(bus, devfn, reg), PCI_CONF1_ADDRESS);
	switch (len) {
	case 1:
		outb(val, PCI_CONF1_DATA + (reg & 3));
		break;
	case 2:
		outw(val, PCI_CONF1_DATA + (reg & 2));
		break;
	default:
		outl(val, PCI_CONF1_DATA);
	}
	raw_spin_unlock_irqrestore(&pci_config_lock, flags);
	return 0;
}

int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val)
{
	u32 v = 0xFF;
	int err = pci_conf1_read(dev->bus, dev->devfn, where, 1, &v);

	*val = v;
	return err;
}

int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val)
{
	u32 v = 0xFFFF;
	int err = pci_conf1_read(dev->bus, dev->devfn, where, 2, &v);

	*val = v;
	return err;
}

int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val)
{
	return pci_conf1_read(dev->bus, dev->devfn, where, 4, val);
}

int pci_write_config_word(const struct pci_dev *dev, int where, u16 val)
{
	return pci_conf1_write(dev->bus, dev->devfn, where, 2, val);
}

int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val)
{
	return pci_conf1_write(dev->bus, dev->devfn, where, 4, val);
}
