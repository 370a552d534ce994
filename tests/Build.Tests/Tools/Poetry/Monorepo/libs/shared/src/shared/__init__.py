"""The shared library."""
