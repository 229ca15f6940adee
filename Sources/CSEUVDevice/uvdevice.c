#include "CSEUVDevice.h"
