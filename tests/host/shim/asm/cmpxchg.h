/* The host is x86-64 too: the kernel's cmpxchg is right as it is. */
#include "../../../../arch/x86_64/include/asm/cmpxchg.h"
