"""Thin entry point: `python build.py [options]` does exactly what `attune build [options]` does."""

import sys

from attunement.commands import main

if __name__ == "__main__":
    main(["build", *sys.argv[1:]])
