/* The single poll() loop. Phase "create" runs until the runtime exits (accepting the console, attach
 * clients and control messages meanwhile); phase "run" moves output until the container exits. */
#ifndef CONMON_MONITOR_LOOP_H
#define CONMON_MONITOR_LOOP_H

#include "monitor.h"

enum loop_phase { PHASE_CREATE, PHASE_RUN };

int monitor_loop(struct monitor *m, enum loop_phase phase, struct mon_error *err);

#endif
