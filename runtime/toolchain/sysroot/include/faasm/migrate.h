/*
 * Faasm's migration header (faasm/cpp libfaasm/faasm/migrate.h): it only brings in the host
 * interface. Migration itself (`__faasm_migrate_point`) needs MPI and is not provided here; a
 * module that imports it is refused at upload.
 */
#ifndef FAASMC_MIGRATE_H
#define FAASMC_MIGRATE_H

#include "faasm/host_interface.h"

#endif
