"""Errors the CLI turns into a message and an exit code (interface.md: 2 = refused)."""


class JobtrendsError(Exception):
    """An error with a message meant for the user; `exit_code` is what the CLI returns."""

    exit_code = 2


class ConfigError(JobtrendsError):
    """A bad configuration file, key or value."""


class StoreError(JobtrendsError):
    """The database cannot be opened or is not what we expect."""


class DatabaseBusy(StoreError):
    """Another process holds the database for writing longer than we were willing to wait."""


class NotYetAvailable(JobtrendsError):
    """A command whose issue has not landed yet."""
