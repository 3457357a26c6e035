"""Everything dockharden prints: report formats, rule docs and the verification document;
pure functions of their input."""
