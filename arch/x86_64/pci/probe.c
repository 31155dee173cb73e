/*
 * Finding PCI devices and setting them up for a driver: a scan of bus 0
 * and of the bus behind each bridge, as the firmware numbered them
 * (Linux's pci_scan_child_bus() and pci_scan_bridge(), without
 * renumbering), BAR sizing and mapping (pci_iomap()),
 * memory and bus-master enables and MSI or MSI-X, one vector
 * (drivers/pci/msi/). Devices are
 * kept in a fixed table filled once, at the first pci_get_class().
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/io.h>
#include <asm/pci.h>

#define PCI_MAX_DEVICES 64
#define PCI_HEADER_TYPE_BRIDGE 1
#define PCI_SECONDARY_BUS 0x19
#define PCI_MAX_BRIDGE_DEPTH 8
#define PCI_MSI_FLAGS 2			/* from the capability */
#define PCI_MSI_FLAGS_ENABLE 0x0001
#define PCI_MSI_FLAGS_QSIZE 0x0070	/* vectors enabled: 1 */
#define PCI_MSI_FLAGS_64BIT 0x0080
#define PCI_MSI_ADDRESS_LO 4
#define MSI_ADDR_BASE 0xFEE00000U
#define PCI_CAP_ID_MSIX 0x11
#define PCI_MSIX_FLAGS_MASKALL 0x4000
#define PCI_MSIX_FLAGS_ENABLE 0x8000

static struct pci_dev pci_devices[PCI_MAX_DEVICES];
static unsigned int nr_pci_devices;
static bool pci_scanned;

static void pci_add_device(u8 bus, u8 devfn, u32 id)
{
	struct pci_dev *dev;
	u32 class;
	u8 hdr;

	if (nr_pci_devices == PCI_MAX_DEVICES) {
		pr_warn("pci: more than %d functions; the rest ignored\n", PCI_MAX_DEVICES);
		return;
	}
	dev = &pci_devices[nr_pci_devices++];
	dev->bus = bus;
	dev->devfn = devfn;
	dev->vendor = id & 0xFFFF;
	dev->device = id >> 16;
	pci_read_config_dword(dev, PCI_CLASS_REVISION, &class);
	pci_read_config_byte(dev, PCI_HEADER_TYPE, &hdr);
	dev->class = class >> 8;
	snprintf(dev->name, sizeof(dev->name), "0000:%02x:%02x.%d", bus,
		 PCI_SLOT(devfn), PCI_FUNC(devfn));
	pr_info("pci %s: [%04x:%04x] type %02x class 0x%06x\n", dev->name,
		dev->vendor, dev->device, hdr & 0x7F, dev->class);
}

static void pci_scan_bus(u8 bus, unsigned int depth);

/* A PCI-to-PCI bridge: the bus behind it, if the firmware gave it one. */
static void pci_scan_bridge(u8 bus, u8 devfn, unsigned int depth)
{
	u32 secondary;

	pci_conf1_read(bus, devfn, PCI_SECONDARY_BUS, 1, &secondary);
	if (secondary > bus && depth < PCI_MAX_BRIDGE_DEPTH)
		pci_scan_bus(secondary, depth + 1);
}

/* Linux's pci_scan_slot(): function 0, and 1-7 when it is multi-function. */
static void pci_scan_slot(u8 bus, u8 slot, unsigned int depth)
{
	for (u8 fn = 0; fn < 8; fn++) {
		u8 devfn = slot << 3 | fn;
		u32 id, hdr;

		pci_conf1_read(bus, devfn, PCI_VENDOR_ID, 4, &id);
		if ((id & 0xFFFF) == 0xFFFF || (id & 0xFFFF) == 0) {
			if (fn == 0)
				return;
			continue;
		}
		pci_add_device(bus, devfn, id);
		pci_conf1_read(bus, devfn, PCI_HEADER_TYPE, 1, &hdr);
		if ((hdr & 0x7F) == PCI_HEADER_TYPE_BRIDGE)
			pci_scan_bridge(bus, devfn, depth);
		if (fn == 0 && !(hdr & 0x80))
			return;
	}
}

static void pci_scan_bus(u8 bus, unsigned int depth)
{
	for (u8 slot = 0; slot < 32; slot++)
		pci_scan_slot(bus, slot, depth);
}

static void pci_scan(void)
{
	u32 probe;

	pci_scanned = true;
	/* No host bridge at 00:00.0: no configuration mechanism #1 here. */
	pci_conf1_read(0, 0, PCI_VENDOR_ID, 4, &probe);
	if ((probe & 0xFFFF) == 0xFFFF) {
		pr_info("pci: no PCI host bridge answers at 0xcf8; no PCI devices\n");
		return;
	}
	pci_scan_bus(0, 0);
}

struct pci_dev *pci_get_class(u32 class, struct pci_dev *from)
{
	unsigned int i = from ? from - pci_devices + 1 : 0;

	if (!pci_scanned)
		pci_scan();
	for (; i < nr_pci_devices; i++)
		if (pci_devices[i].class == class)
			return &pci_devices[i];
	return NULL;
}

static void pci_command_set(struct pci_dev *dev, u16 set, u16 clear)
{
	u16 cmd;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	pci_write_config_word(dev, PCI_COMMAND, (cmd | set) & ~clear);
}

int pci_enable_device_mem(struct pci_dev *dev)
{
	pci_command_set(dev, PCI_COMMAND_MEMORY, 0);
	return 0;
}

void pci_set_master(struct pci_dev *dev)
{
	pci_command_set(dev, PCI_COMMAND_MASTER, 0);
}

/*
 * A BAR's size: write all ones, read back which address bits stick,
 * restore; with memory decoding off meanwhile, so the device does not
 * answer at the all-ones address (Linux's __pci_read_base()).
 */
static u64 pci_bar_size(struct pci_dev *dev, int reg, bool is64, u64 *base)
{
	u32 lo, hi = 0, szlo, szhi = ~0U;
	u16 cmd;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	pci_write_config_word(dev, PCI_COMMAND, cmd & ~PCI_COMMAND_MEMORY);
	pci_read_config_dword(dev, reg, &lo);
	pci_write_config_dword(dev, reg, ~0U);
	pci_read_config_dword(dev, reg, &szlo);
	pci_write_config_dword(dev, reg, lo);
	if (is64) {
		pci_read_config_dword(dev, reg + 4, &hi);
		pci_write_config_dword(dev, reg + 4, ~0U);
		pci_read_config_dword(dev, reg + 4, &szhi);
		pci_write_config_dword(dev, reg + 4, hi);
	}
	pci_write_config_word(dev, PCI_COMMAND, cmd);
	*base = ((u64)hi << 32 | lo) & PCI_BASE_ADDRESS_MEM_MASK;
	return ~(((u64)szhi << 32 | szlo) & PCI_BASE_ADDRESS_MEM_MASK) + 1;
}

void *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen)
{
	int reg = PCI_BASE_ADDRESS_0 + 4 * bar;
	u64 base, size;
	u32 lo;

	if (bar < 0 || bar > 5)
		return NULL;
	pci_read_config_dword(dev, reg, &lo);
	if (lo & PCI_BASE_ADDRESS_SPACE_IO)
		return NULL;
	size = pci_bar_size(dev, reg, lo & PCI_BASE_ADDRESS_MEM_TYPE_64, &base);
	if (!base || !size || size > (1ULL << 32)) {
		pr_warn("pci %s: BAR %d unassigned or bad (base 0x%llx size 0x%llx)\n",
			dev->name, bar, (unsigned long long)base, (unsigned long long)size);
		return NULL;
	}
	if (maxlen && size > maxlen)
		size = maxlen;
	pr_info("pci %s: BAR %d: [mem 0x%llx-0x%llx]\n", dev->name, bar,
		(unsigned long long)base, (unsigned long long)(base + size - 1));
	return ioremap(base, size);
}

/* Walks the capability list for @id; 0 if absent (bounded: 48 entries). */
static u8 pci_find_capability(struct pci_dev *dev, u8 id)
{
	u16 status;
	u8 pos, cap_id;

	pci_read_config_word(dev, PCI_STATUS, &status);
	if (!(status & PCI_STATUS_CAP_LIST))
		return 0;
	pci_read_config_byte(dev, PCI_CAPABILITY_LIST, &pos);
	for (int ttl = 48; ttl && pos >= 0x40; ttl--) {
		pos &= ~3;
		pci_read_config_byte(dev, pos, &cap_id);
		if (cap_id == id)
			return pos;
		pci_read_config_byte(dev, pos + 1, &pos);
	}
	return 0;
}

/* The bus address a memory BAR decodes, 0 for none. */
static u64 pci_bar_base(struct pci_dev *dev, int bar)
{
	int reg = PCI_BASE_ADDRESS_0 + 4 * bar;
	u32 lo, hi = 0;

	pci_read_config_dword(dev, reg, &lo);
	if (lo & PCI_BASE_ADDRESS_SPACE_IO)
		return 0;
	if ((lo & PCI_BASE_ADDRESS_MEM_TYPE_64) && bar < 5)
		pci_read_config_dword(dev, reg + 4, &hi);
	return ((u64)hi << 32 | lo) & PCI_BASE_ADDRESS_MEM_MASK;
}

/*
 * MSI-X (what xHCI controllers, QEMU's among them, often offer instead
 * of MSI): the message goes into entry 0 of a table in one of the
 * device's BARs, unmasked; then the capability's enable bit.
 */
static int pci_enable_msix_entry0(struct pci_dev *dev, u8 vector, u32 dest_apic_id)
{
	u8 pos = pci_find_capability(dev, PCI_CAP_ID_MSIX);
	u32 table, *entry;
	u16 ctrl;
	u64 base;

	if (!pos)
		return -ENODEV;
	pci_read_config_word(dev, pos + 2, &ctrl);
	pci_read_config_dword(dev, pos + 4, &table);
	base = pci_bar_base(dev, table & 7);
	if (!base)
		return -ENODEV;
	/* Enabled with the function masked while the entry is written. */
	pci_write_config_word(dev, pos + 2, ctrl | PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
	entry = ioremap(base + (table & ~7U), 16);
	if (!entry)
		return -ENOMEM;
	writel(MSI_ADDR_BASE | (dest_apic_id & 0xFF) << 12, &entry[0]);
	writel(0, &entry[1]);
	writel(vector, &entry[2]);
	writel(0, &entry[3]);				/* unmasked */
	pci_write_config_word(dev, pos + 2, (ctrl | PCI_MSIX_FLAGS_ENABLE) &
			      ~PCI_MSIX_FLAGS_MASKALL);
	pci_command_set(dev, PCI_COMMAND_INTX_DISABLE, 0);
	return 0;
}

int pci_enable_msi_vector(struct pci_dev *dev, u8 vector, u32 dest_apic_id)
{
	u8 pos = pci_find_capability(dev, PCI_CAP_ID_MSI);
	u16 flags;

	if (!pos)
		return pci_enable_msix_entry0(dev, vector, dest_apic_id);
	pci_read_config_word(dev, pos + PCI_MSI_FLAGS, &flags);
	/* Fixed delivery, edge, physical destination: the vector alone. */
	pci_write_config_dword(dev, pos + PCI_MSI_ADDRESS_LO,
			       MSI_ADDR_BASE | (dest_apic_id & 0xFF) << 12);
	if (flags & PCI_MSI_FLAGS_64BIT) {
		pci_write_config_dword(dev, pos + PCI_MSI_ADDRESS_LO + 4, 0);
		pci_write_config_word(dev, pos + 12, vector);
	} else {
		pci_write_config_word(dev, pos + 8, vector);
	}
	flags = (flags & ~PCI_MSI_FLAGS_QSIZE) | PCI_MSI_FLAGS_ENABLE;
	pci_write_config_word(dev, pos + PCI_MSI_FLAGS, flags);
	pci_command_set(dev, PCI_COMMAND_INTX_DISABLE, 0);
	return 0;
}
