"""The ``replylint`` command: the command line run in-process.

Every subcommand, option, exit code and stream is the binary's: the
compiled module runs the same code on this process's standard input,
output and error. Python's own handling of SIGINT is set back to the
default first, so that Ctrl-C ends a run as it ends the binary.
"""

import os
import signal
import sys


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    from ._replylint import run_cli

    argv = list(sys.argv)
    argv[0] = "replylint"
    sys.stdout.flush()
    code = run_cli(argv)
    # Nothing of Python's to flush or tear down: end as the binary ends.
    os._exit(code)


if __name__ == "__main__":
    main()
