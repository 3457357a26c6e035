"""The checks: one family of rules per subject (dockerfile, image, runtime), the one way to
run a family, the verification matrix, and the pipelines of lint, inspect and verify."""
