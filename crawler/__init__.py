"""An open archive of Vietnamese ministry news."""

__version__ = "0.1.0"
