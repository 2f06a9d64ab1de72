"""The ``replylint`` command: the command line run in-process.

Every subcommand, option, exit code and stream is the binary's: the
compiled module runs the binary's own ``main`` on this process's standard
input, output and error, with SIGINT set back to its default first, so
that Ctrl-C ends a run as it ends the binary. Only what that needs is
imported: Python's start-up is the command's only extra cost.
"""

import os
import sys


def main() -> None:
    from ._replylint import run_cli

    argv = list(sys.argv)
    argv[0] = "replylint"
    code = run_cli(argv)
    # Nothing of Python's to flush or tear down: end as the binary ends.
    os._exit(code)


if __name__ == "__main__":
    main()
