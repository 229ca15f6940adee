#ifndef CSE_ARGUMENTS_H
#define CSE_ARGUMENTS_H

/* Nothing to call: linking this target gives the Swift runtime the command line (arguments.c). */

#endif
