/* The host is x86-64 too: the kernel's barriers are right as they are. */
#include "../../../../arch/x86_64/include/asm/barrier.h"
