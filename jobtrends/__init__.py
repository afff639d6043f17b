"""jobtrends: measure what employers ask of machine-learning engineers."""

__version__ = "0.1.0"
