"""`dockharden rules` and `dockharden rule CODE`: the rules and their documentation."""
from __future__ import annotations

import click


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules(fmt):
    """List every rule: code, name, pattern, severity, summary and the peers' rule IDs it covers."""
    from dockharden.checks.catalog import all_rules
    from dockharden.output.listing import LISTINGS

    click.echo(LISTINGS[fmt](all_rules()), nl=False)


@click.command()
@click.argument("code")
def rule(code):
    """Print one rule's documentation (by code or name)."""
    from dockharden.checks.catalog import by_key
    from dockharden.checks.fixability import fix_safety
    from dockharden.output.docs import render_rule_doc

    found = by_key().get(code.upper()) or by_key().get(code.lower())
    if found is None:
        raise click.ClickException(f"unknown rule {code!r}; `dockharden rules` lists them")
    click.echo(render_rule_doc(found, fix_safety(found)), nl=False)
