#ifndef CSE_PROCESS_H
#define CSE_PROCESS_H

/* prctl(2) is variadic, which Swift cannot call: this wraps the one use se-attest has. */

/* Makes the process non-dumpable (no core file, no ptrace by the same user, /proc/PID/mem
   closed), so the secrets it holds cannot leak that way. Returns 0, or -1 with errno set. */
int cse_set_non_dumpable(void);

#endif
