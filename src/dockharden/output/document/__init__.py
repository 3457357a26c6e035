"""`dockharden report`: the verification document, every claim backed by a check that ran."""
