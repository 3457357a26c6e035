"""`dockharden new`'s generator: the service spec (spec.py), the Jinja2 templates
(templates/) and their pure rendering (render.py)."""
