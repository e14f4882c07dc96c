#include "cmd.h"
int
cmd_diff(int argc, char **argv)
{
	return EXIT_USAGE;
}
