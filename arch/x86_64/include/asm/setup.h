/* Pieces of setup_arch() that live in their own files. */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

/* drivers/serial.c: COM1 as a console, if the port exists. */
void serial_console_init(void);
/* drivers/screen.c: framebuffer or VGA text console from boot_info. */
void screen_console_init(void);
/* acpi/tables.c: locate the RSDP and the tables Spindle uses. */
void acpi_table_init(void);

/* kernel/e820.c: the firmware's memory map, printed as Linux does. */
void e820__print_table(void);
/* kernel/e820.c: RAM and reserved ranges into memblock. */
void e820__memblock_setup(void);

#endif
