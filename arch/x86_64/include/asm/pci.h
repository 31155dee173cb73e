/*
 * PCI for the drivers Spindle has (the xHCI controller): configuration
 * space through the I/O ports 0xCF8/0xCFC, a scan of every bus, BAR
 * sizing and MSI. The functions carry Linux's names and arguments
 * (include/linux/pci.h) for the few calls a driver makes; struct pci_dev
 * keeps only what they need. Implemented in arch/x86_64/pci/.
 */
#ifndef _ASM_PCI_H
#define _ASM_PCI_H

#include <linux/types.h>

#define PCI_VENDOR_ID 0x00
#define PCI_COMMAND 0x04
#define PCI_COMMAND_IO 0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4
#define PCI_COMMAND_INTX_DISABLE 0x400
#define PCI_STATUS 0x06
#define PCI_STATUS_CAP_LIST 0x10
#define PCI_CLASS_REVISION 0x08	/* class code in bits 31-8 */
#define PCI_HEADER_TYPE 0x0E
#define PCI_BASE_ADDRESS_0 0x10
#define PCI_BASE_ADDRESS_SPACE_IO 0x1
#define PCI_BASE_ADDRESS_MEM_TYPE_64 0x4
#define PCI_BASE_ADDRESS_MEM_MASK (~0xFULL)
#define PCI_CAPABILITY_LIST 0x34
#define PCI_INTERRUPT_LINE 0x3C
#define PCI_CAP_ID_MSI 0x05

#define PCI_CLASS_SERIAL_USB_XHCI 0x0C0330

struct pci_dev {
	u8 bus, devfn;
	u16 vendor, device;
	u32 class;		/* class, subclass, prog-if */
	char name[16];		/* "0000:00:04.0", as Linux's pci_name() */
};

#define PCI_SLOT(devfn) (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn) ((devfn) & 0x07)

/* direct.c: configuration mechanism #1, @len 1, 2 or 4; 0 or -EINVAL. */
int pci_conf1_read(u8 bus, u8 devfn, int reg, int len, u32 *val);
int pci_conf1_write(u8 bus, u8 devfn, int reg, int len, u32 val);

int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val);
int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val);
int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val);
int pci_write_config_word(const struct pci_dev *dev, int where, u16 val);
int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);

/**
 * pci_get_class - the next device of class @class after @from
 * @class: class, subclass and programming interface (0x0C0330: xHCI)
 * @from: NULL for the first, else the one returned before
 *
 * The bus is scanned once, at the first call ("pci 0000:00:04.0: [1b36:000d]
 * type 00 class 0x0c0330" for each function, as Linux's pci_scan_single_device()).
 * Return: the device, or NULL when there is no further one.
 */
struct pci_dev *pci_get_class(u32 class, struct pci_dev *from);
/* Turns on memory decoding and bus mastering (DMA): Linux's
 * pci_enable_device_mem() and pci_set_master(). */
int pci_enable_device_mem(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);
/**
 * pci_iomap - map memory BAR @bar (32- or 64-bit) of @dev
 * @maxlen: map at most this much; 0 for the whole BAR
 * Return: the mapping (read with readl() and friends), or NULL for an
 * I/O or empty BAR.
 */
void *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen);
/**
 * pci_enable_msi_vector - send @dev's interrupt as MSI (or MSI-X entry
 * 0) @vector to @dest_apic_id (physical destination), legacy INTx off
 * Return: 0, or -ENODEV when @dev has neither capability.
 */
int pci_enable_msi_vector(struct pci_dev *dev, u8 vector, u32 dest_apic_id);

#endif
