"""Development tools run by the Makefile (`python -m tools.<name>`); not part of the package."""
