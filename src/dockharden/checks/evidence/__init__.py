"""What `dockharden report` is written from: the checks it ran and what they showed."""
