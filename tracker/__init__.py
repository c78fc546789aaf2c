"""Track Chinese local-government annual targets against published statistics."""

__version__ = "0.1.0"
