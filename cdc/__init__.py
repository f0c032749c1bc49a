"""cdc: from CRM scoping interviews to a complete CRM specification (cahier des charges)."""

__version__ = "0.1.0"
