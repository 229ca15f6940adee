#include "CSEProcess.h"

#include <sys/prctl.h>

int cse_set_non_dumpable(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}
