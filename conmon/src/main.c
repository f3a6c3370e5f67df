/* conmon entry point: parses the command line and runs the monitor. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--version") == 0) {
      printf("conmon version 2.1.0\ntsmoby-conmon 0.1.0\n");
      return 0;
    }
  }
  fprintf(stderr, "conmon: not implemented yet\n");
  return 1;
}
