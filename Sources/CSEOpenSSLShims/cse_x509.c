#include "cse_x509.h"
