"""Development helpers for OmniNode Bridge (never installed in production)."""
