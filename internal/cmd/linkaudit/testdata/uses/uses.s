#include "textflag.h"

TEXT ·Probe(SB), NOSPLIT, $0-0
	CALL runtime·cgocallback(SB)
	RET
