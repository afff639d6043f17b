"""`python -m jobtrends` is the `jobtrends` command."""

from .cli import main

main()
