"""The ``kg`` command: a thin click layer over the library functions.

Every command parses its options and calls one function elsewhere in :mod:`kg`; heavy
imports happen inside the commands so that ``kg --help`` stays instant.
"""

from __future__ import annotations

import json
import sys

import click

from kg.errors import KgError

STORE_OPTION = click.option(
    "--store", envvar="KG_STORE", default=".kg", show_default=True,
    help="Store folder (embedded Oxigraph) or the URL of a SPARQL endpoint. Env: KG_STORE.",
)


def fail(err: Exception) -> None:
    """Print a one-line error and exit 1."""
    click.echo(f"error: {err}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kredsgraf")
def main() -> None:
    """Kredsgraf: a knowledge graph of Danish police–municipality cooperation."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "table", "full"]), default="table",
              show_default=True, help="json: the spec record; full: with evidence, mentions, hand-overs.")
def extract(file: str, fmt: str) -> None:
    """Print the extraction record of one document FILE (no store involved)."""
    from kg.extract import extract as run, format_table

    try:
        record = run(file)
    except KgError as err:
        fail(err)
    if fmt == "table":
        click.echo(format_table(record))
    else:
        click.echo(json.dumps(record.to_json(full=fmt == "full"), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
