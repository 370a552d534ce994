"""OmniNode Bridge: an orchestrator that splits work across reducer nodes."""

__version__ = "0.1.0"
