/* How far the boot has come, as Linux's system_state. */
#ifndef _SPINDLE_SYSTEM_STATE_H
#define _SPINDLE_SYSTEM_STATE_H

enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_SCHEDULING,	/* rest_init() started init and kthreadd */
	SYSTEM_RUNNING,		/* init finished the boot */
};

extern enum system_states system_state;

#endif
