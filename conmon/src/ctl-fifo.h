/* The control FIFOs in the bundle directory, as conmon makes them:
 *   <bundle>/ctl    lines "<type> <height> <width>\n": type 1 resizes the terminal, type 2 reopens the log;
 *   <bundle>/winsz  lines "<height> <width>\n": resize the terminal.
 * Resizes reach the pty once the runtime has handed it over; until then they wait in the winsz FIFO. */
#ifndef CONMON_CTL_FIFO_H
#define CONMON_CTL_FIFO_H

#include "monitor.h"

int ctl_setup(struct monitor *m, struct mon_error *err);
void ctl_read(struct monitor *m);
void winsz_read(struct monitor *m);
void ctl_close(struct monitor *m);

#endif
