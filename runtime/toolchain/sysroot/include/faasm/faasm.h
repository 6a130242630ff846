/* The Faasm C/C++ API, as in faasm/cpp libfaasm/faasm/faasm.h. */
#ifndef _FAASM_H
#define _FAASM_H

#include "faasm/core.h"
#include "faasm/memory.h"

#endif
