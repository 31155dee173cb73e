/* Placeholder until the ACPI table code lands. */
#include <asm/setup.h>

void acpi_table_init(void)
{
}
