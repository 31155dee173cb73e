/* Placeholder until the screen consoles land. */
#include <asm/setup.h>

void screen_console_init(void)
{
}
