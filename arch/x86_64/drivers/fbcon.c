/*
 * Text on a linear framebuffer, the one GRUB sets up from the multiboot2
 * request (VBE under BIOS, GOP under UEFI). Mirrors Linux's fbcon drawing
 * through a "simple framebuffer" driver (efifb, vesafb, simplefb): a
 * memory range, a pitch, a pixel size and where red, green and blue sit
 * in a pixel. Glyphs come from the 8x16 font that tools/mkfont.py makes;
 * on big screens each font pixel becomes a 2x2 (or larger) square.
 *
 * Simplified: 16, 24 and 32 bits per pixel only; the framebuffer is only
 * ever written, never read (video memory reads can be very slow), since
 * screen.c keeps the text and redraws changed cells.
 */
#include <asm/screen.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/io.h>

#define FB_MAX_SCALE 4

static struct {
	u8 *base;		/* the mapped framebuffer */
	u32 pitch;		/* bytes from one pixel row to the next */
	unsigned int bytespp;	/* bytes per pixel: 2, 3 or 4 */
	unsigned int scale;	/* screen pixels per font pixel, each way */
	u32 palette[16];	/* pixel values of the 16 text colours */
} fb;

/* The 16 colours of CGA/VGA text, in attribute order (as Linux's vt). */
static const u8 text_rgb[16][3] = {
	{ 0x00, 0x00, 0x00 }, { 0x00, 0x00, 0xaa }, { 0x00, 0xaa, 0x00 },
	{ 0x00, 0xaa, 0xaa }, { 0xaa, 0x00, 0x00 }, { 0xaa, 0x00, 0xaa },
	{ 0xaa, 0x55, 0x00 }, { 0xaa, 0xaa, 0xaa }, { 0x55, 0x55, 0x55 },
	{ 0x55, 0x55, 0xff }, { 0x55, 0xff, 0x55 }, { 0x55, 0xff, 0xff },
	{ 0xff, 0x55, 0x55 }, { 0xff, 0x55, 0xff }, { 0xff, 0xff, 0x55 },
	{ 0xff, 0xff, 0xff },
};

/* An 8-bit colour intensity scaled to a @size-bit field at bit @pos. */
static u32 fb_channel(u8 v, u8 pos, u8 size)
{
	if (size >= 8)
		return (u32)v << (size - 8) << pos;
	return (u32)(v >> (8 - size)) << pos;
}

static void fb_make_palette(const struct framebuffer_info *info)
{
	for (int i = 0; i < 16; i++) {
		const u8 *c = text_rgb[i];

		fb.palette[i] = fb_channel(c[0], info->red_pos, info->red_size) |
				fb_channel(c[1], info->green_pos, info->green_size) |
				fb_channel(c[2], info->blue_pos, info->blue_size);
	}
}

/* Stores @n pixel values at @dst in the framebuffer's pixel size. */
static void fb_store_line(u8 *dst, const u32 *px, unsigned int n)
{
	switch (fb.bytespp) {
	case 4:
		for (unsigned int i = 0; i < n; i++)
			((u32 *)dst)[i] = px[i];
		break;
	case 3:
		for (unsigned int i = 0; i < n; i++, dst += 3) {
			dst[0] = px[i];
			dst[1] = px[i] >> 8;
			dst[2] = px[i] >> 16;
		}
		break;
	default:
		for (unsigned int i = 0; i < n; i++)
			((u16 *)dst)[i] = px[i];
		break;
	}
}

/*
 * The common case, 32 bits per pixel at scale 1: two pixels per 64-bit
 * store, from a 4-entry table of (bit pair -> two pixels) made for this
 * cell's colours. About 12 instructions per glyph row instead of a loop
 * over single pixels.
 */
static void fb_draw_cell32(const u8 *glyph, u32 fg, u32 bg, u8 *dst, bool cursor)
{
	const u64 pairs[4] = {
		(u64)bg << 32 | bg, (u64)fg << 32 | bg,		/* 00, 01 */
		(u64)bg << 32 | fg, (u64)fg << 32 | fg,		/* 10, 11 */
	};

	for (unsigned int row = 0; row < FONT_H; row++, dst += fb.pitch) {
		u8 bits = cursor && row >= FONT_H - 2 ? 0xff : glyph[row];
		u64 *d = (u64 *)dst;

		/* the leftmost pixel is the glyph's top bit, at the low address */
		d[0] = pairs[bits >> 6];
		d[1] = pairs[(bits >> 4) & 3];
		d[2] = pairs[(bits >> 2) & 3];
		d[3] = pairs[bits & 3];
	}
}

/* Draws @cell at text column @x, row @y; @cursor underlines it. */
static void fb_draw_cell(u16 cell, unsigned int x, unsigned int y, bool cursor)
{
	const u8 *glyph = font8x16[VC_CHAR(cell)];
	u32 fg = fb.palette[VC_FG(cell)], bg = fb.palette[VC_BG(cell)];
	unsigned int s = fb.scale, w = FONT_W * s;
	u8 *dst = fb.base + (size_t)y * FONT_H * s * fb.pitch + (size_t)x * w * fb.bytespp;
	u32 line[FONT_W * FB_MAX_SCALE];

	if (fb.bytespp == 4 && s == 1) {
		fb_draw_cell32(glyph, fg, bg, dst, cursor);
		return;
	}
	for (unsigned int row = 0; row < FONT_H; row++) {
		u8 bits = cursor && row >= FONT_H - 2 ? 0xff : glyph[row];

		for (unsigned int col = 0; col < w; col++)
			line[col] = bits & (0x80 >> (col / s)) ? fg : bg;
		for (unsigned int i = 0; i < s; i++, dst += fb.pitch)
			fb_store_line(dst, line, w);
	}
}

static void fbcon_putc(struct vc_data *vc, u16 cell, unsigned int x, unsigned int y)
{
	fb_draw_cell(cell, x, y, false);
}

static void fbcon_cursor(struct vc_data *vc, u16 cell, unsigned int x, unsigned int y)
{
	fb_draw_cell(cell, x, y, true);
}

static const struct consw fb_con = {
	.con_name = "framebuffer",
	.con_putc = fbcon_putc,
	.con_cursor = fbcon_cursor,
};

/* Paints the whole framebuffer black, the margins beyond the text too.
 * Black is 0 in every RGB layout, so each row is a memset() (8 bytes a
 * step), not a loop over pixels. */
static void fb_clear(const struct framebuffer_info *info)
{
	size_t row = (size_t)info->width * fb.bytespp;

	if (fb.pitch == row) {
		memset(fb.base, 0, row * info->height);
		return;
	}
	for (u32 y = 0; y < info->height; y++)
		memset(fb.base + (size_t)y * fb.pitch, 0, row);
}

static bool fb_field_ok(u8 pos, u8 size, u8 bpp)
{
	return size > 0 && pos + size <= bpp;
}

static int fb_check(const struct framebuffer_info *info)
{
	if (info->bpp != 16 && info->bpp != 24 && info->bpp != 32)
		return -EOPNOTSUPP;
	if (!fb_field_ok(info->red_pos, info->red_size, info->bpp) ||
	    !fb_field_ok(info->green_pos, info->green_size, info->bpp) ||
	    !fb_field_ok(info->blue_pos, info->blue_size, info->bpp))
		return -EINVAL;
	if (info->width < FONT_W || info->height < FONT_H ||
	    info->pitch < info->width * (info->bpp / 8))
		return -EINVAL;
	return 0;
}

/* The smallest magnification that keeps the text grid within bounds. */
static unsigned int fb_pick_scale(const struct framebuffer_info *info)
{
	unsigned int s = 1;

	while (s < FB_MAX_SCALE && (info->width / (FONT_W * s) > VC_MAX_COLS ||
				    info->height / (FONT_H * s) > VC_MAX_ROWS))
		s++;
	return s;
}

/**
 * fbcon_init - take over a linear RGB framebuffer for the text console
 * @vc: the terminal; gets the driver and its size in characters
 * @info: the framebuffer, from the boot loader
 *
 * Maps the framebuffer, clears it and works out the text grid.
 *
 * Return: 0, -EOPNOTSUPP for a pixel size it cannot draw, -EINVAL for an
 * inconsistent description, -ENOMEM when the memory cannot be mapped.
 */
int fbcon_init(struct vc_data *vc, const struct framebuffer_info *info)
{
	int err = fb_check(info);

	if (err)
		return err;
	/* Write-combining: the framebuffer is written, never read back. */
	fb.base = ioremap_wc(info->phys, (size_t)info->pitch * info->height);
	if (!fb.base)
		return -ENOMEM;
	fb.pitch = info->pitch;
	fb.bytespp = info->bpp / 8;
	fb.scale = fb_pick_scale(info);
	fb_make_palette(info);
	fb_clear(info);
	pr_info("fbcon: %ux%u, %u bpp, pitch %u, at %#llx; font 8x16 x%u\n",
		info->width, info->height, info->bpp, info->pitch,
		(unsigned long long)info->phys, fb.scale);
	vc->sw = &fb_con;
	vc->cols = min(info->width / (FONT_W * fb.scale), (u32)VC_MAX_COLS);
	vc->rows = min(info->height / (FONT_H * fb.scale), (u32)VC_MAX_ROWS);
	return 0;
}
