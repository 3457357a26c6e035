"""Reading container images (archives, OCI layouts, engine references) into ImageFacts."""
from dockharden.image.errors import ImageError, Limits
from dockharden.image.facts import ImageFacts
from dockharden.image.inputs import read_facts, read_facts_from_engine, read_facts_from_stream

__all__ = ["ImageError", "ImageFacts", "Limits", "read_facts", "read_facts_from_engine", "read_facts_from_stream"]
