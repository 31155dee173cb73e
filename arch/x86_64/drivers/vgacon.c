/*
 * Text on the VGA in its text mode, as a BIOS leaves it (80x25 at
 * 0xB8000): each character is two bytes, the code page 437 character and
 * its colour attribute, which is exactly a screen.c cell. The blinking
 * cursor is the VGA's own, moved through the CRT controller registers.
 * Mirrors Linux's drivers/video/console/vgacon.c, without its scrolling
 * by moving the display start, font loading or mode changes.
 *
 * Only used when the boot loader's framebuffer tag says EGA text: UEFI
 * machines have no text mode, and 0xB8000 holds nothing there.
 */
#include <asm/screen.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <asm/io.h>

/* CRT controller: an index port and a data port (0x3B4/5 on mono cards). */
#define VGA_CRTC_INDEX_COLOR 0x3D4
#define VGA_CRTC_INDEX_MONO 0x3B4
#define VGA_MONO_TEXT 0xB0000
#define VGA_CRTC_CURSOR_START 0x0A	/* bit 5 hides the cursor */
#define VGA_CRTC_CURSOR_END 0x0B
#define VGA_CRTC_CURSOR_HI 0x0E
#define VGA_CRTC_CURSOR_LO 0x0F

static volatile u16 *vga_mem;
static unsigned int vga_stride;		/* cells from one row to the next */
static u16 vga_crtc;

static void vga_crtc_write(u8 reg, u8 val)
{
	outb(reg, vga_crtc);
	outb(val, vga_crtc + 1);
}

static void vgacon_putc(struct vc_data *vc, u16 cell, unsigned int x, unsigned int y)
{
	vga_mem[y * vga_stride + x] = cell;
}

static void vgacon_cursor(struct vc_data *vc, u16 cell, unsigned int x, unsigned int y)
{
	unsigned int pos = y * vga_stride + x;

	vga_mem[pos] = cell;
	vga_crtc_write(VGA_CRTC_CURSOR_HI, pos >> 8);
	vga_crtc_write(VGA_CRTC_CURSOR_LO, pos & 0xff);
}

static const struct consw vga_con = {
	.con_name = "VGA text",
	.con_putc = vgacon_putc,
	.con_cursor = vgacon_cursor,
};

/**
 * vgacon_init - take over VGA text mode for the text console
 * @vc: the terminal; gets the driver and its size in characters
 * @info: the EGA text framebuffer tag: width and height in characters
 *
 * Clears the screen and shows the hardware cursor as an underline.
 *
 * Return: 0, -EINVAL for a size Spindle cannot hold, -ENOMEM when the
 * text memory cannot be mapped.
 */
int vgacon_init(struct vc_data *vc, const struct framebuffer_info *info)
{
	unsigned int stride = info->pitch ? info->pitch / 2 : info->width;

	if (!info->width || !info->height || info->width > VC_MAX_COLS ||
	    info->height > VC_MAX_ROWS || stride < info->width)
		return -EINVAL;
	vga_mem = ioremap(info->phys, (size_t)stride * info->height * 2);
	if (!vga_mem)
		return -ENOMEM;
	vga_stride = stride;
	vga_crtc = info->phys == VGA_MONO_TEXT ? VGA_CRTC_INDEX_MONO : VGA_CRTC_INDEX_COLOR;
	for (unsigned int i = 0; i < stride * info->height; i++)
		vga_mem[i] = VC_CELL(' ', VC_DEF_ATTR);
	/* Scan lines 14-15 of the 16 in a character: an underline. */
	vga_crtc_write(VGA_CRTC_CURSOR_START, 14);
	vga_crtc_write(VGA_CRTC_CURSOR_END, 15);
	vc->sw = &vga_con;
	vc->cols = info->width;
	vc->rows = info->height;
	return 0;
}
