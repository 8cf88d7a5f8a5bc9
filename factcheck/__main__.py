"""``python -m factcheck`` is the ``factcheck`` command."""

from factcheck.cli import main

main()
