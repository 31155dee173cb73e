/*
 * The console keyboard (arch/x86_64/drivers/keyboard.c): keys from any
 * keyboard, PS/2 or USB, become the characters of the US layout in the
 * console's input. Linux has the input core between the two (a key code
 * per event, drivers/input/input.c, and the VT's keymap); Spindle's
 * common currency is the PS/2 set-1 scancode, which Linux's key codes
 * equal for the main block.
 */
#ifndef _SPINDLE_KEYBOARD_H
#define _SPINDLE_KEYBOARD_H

#include <linux/types.h>

/* A set-1 scancode; the extended keys (E0 prefix) as 0xE0nn. */
#define KBD_EXTENDED 0xE000

/**
 * kbd_input_key - a key went down (or, @release, up) on some keyboard
 * @code: its set-1 scancode, KBD_EXTENDED | code for E0 keys
 *
 * Context: any (interrupt, timer); takes the keyboard's lock.
 */
void kbd_input_key(u16 code, bool release);

#endif
