"""dockharden: make container images for Python and AI/ML services production-hardened, and prove it."""
from dockharden.core.version import VERSION as __version__

__all__ = ["__version__"]
