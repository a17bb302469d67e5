import sys

from mycli.commands import dispatch


def main(argv=None):
    return dispatch(argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
