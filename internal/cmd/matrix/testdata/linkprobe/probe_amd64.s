#include "textflag.h"

TEXT ·probe(SB), NOSPLIT, $0-0
	CALL runtime·asmcgocall(SB)
	RET
