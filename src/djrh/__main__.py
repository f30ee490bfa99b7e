"""`python -m djrh` works the same as `djrh`."""

from djrh.cli import main

main()
