"""The test project."""
