"""The ``kg`` command: a thin click layer over the library functions.

Every command parses its options and calls one function elsewhere in :mod:`kg`; heavy
imports happen inside the commands so that ``kg --help`` stays instant.
"""

from __future__ import annotations

import json
import sys

import click

from kg.errors import KgError

_STORE = click.option(
    "--store", envvar="KG_STORE", default=".kg", show_default=True,
    help="Store folder (embedded Oxigraph) or the URL of a SPARQL endpoint. Env: KG_STORE.",
)


def _set_update_url(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """``--update-url``: handed to the SPARQL store through KG_UPDATE_URL (see kg.remote)."""
    if value:
        import os

        os.environ["KG_UPDATE_URL"] = value


_UPDATE_URL = click.option(
    "--update-url", envvar="KG_UPDATE_URL", expose_value=False, callback=_set_update_url,
    help="SPARQL update endpoint when --store is a URL and updates go elsewhere. Env: KG_UPDATE_URL.",
)


def STORE_OPTION(func):  # noqa: N802 (used as a decorator like the click options)
    """``--store`` and ``--update-url``."""
    return _STORE(_UPDATE_URL(func))


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
    from kg.extract import extract as run
    from kg.extract import format_table

    try:
        record = run(file)
    except KgError as err:
        fail(err)
    if fmt == "table":
        click.echo(format_table(record))
    else:
        click.echo(json.dumps(record.to_json(full=fmt == "full"), ensure_ascii=False, indent=2))


def _echo_result(result) -> None:
    marks = {"loaded": "✓", "unchanged": "=", "removed": "-", "failed": "✗"}
    line = f"{marks.get(result.status, '?')} {result.status:<9} {result.path}"
    if result.message and result.status != "failed":
        line += f"  ({result.message})"
    click.echo(line if result.status != "failed" else f"✗ failed    {result.message}",
               err=result.status == "failed")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@STORE_OPTION
@click.option("--prune", is_flag=True, help="Drop the graphs of stored documents whose file is gone.")
@click.option("--force", is_flag=True, help="Re-extract documents even when their file is unchanged.")
@click.option("--keep-going", is_flag=True, help="Exit 0 even when some files failed.")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
def build(paths: tuple[str, ...], store: str, prune: bool, force: bool, keep_going: bool,
          quiet: bool) -> None:
    """Load every document under PATHS (files or folders) into the store, one graph per document."""
    from kg.build import build as run
    from kg.build import discover

    total = len(discover(paths))
    try:
        with click.progressbar(length=total, label="building", file=sys.stderr,
                               show_pos=True) as bar:
            def on_result(result) -> None:
                if not quiet or result.status == "failed":
                    if sys.stderr.isatty():
                        click.echo("\r\033[K", nl=False, err=True)  # clear the bar's line first
                    _echo_result(result)
                bar.update(1)

            report = run(paths, store, prune=prune, force=force, on_result=on_result)
    except KgError as err:
        fail(err)
    click.echo(report.summary())
    if report.failed and not keep_going:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True)
@STORE_OPTION
def remove(files: tuple[str, ...], store: str) -> None:
    """Drop the graphs of the given documents (by file name) from the store."""
    from kg.build import remove as run

    try:
        results = run(files, store)
    except KgError as err:
        fail(err)
    for r in results:
        _echo_result(r)
    if any(r.status == "failed" for r in results):
        sys.exit(1)


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for p in params:
        if "=" not in p:
            raise click.BadParameter(f"{p!r} is not key=value", param_hint="--param")
        key, value = p.split("=", 1)
        out[key.strip()] = value
    return out


@main.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="Bind a query parameter.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table",
              show_default=True, help="csv/tsv/json/xml are the W3C SPARQL 1.1 results formats.")
@STORE_OPTION
def query(query: str, params: tuple[str, ...], fmt: str, store: str) -> None:
    """Run QUERY: a named query (see `kg queries`), a .rq file, or SPARQL text."""
    from kg.queries import run_query
    from kg.results import render

    try:
        result = run_query(query, _parse_params(params), store)
    except KgError as err:
        fail(err)
    click.echo(render(result, fmt), nl=fmt == "table")


@main.command()
def queries() -> None:
    """List the named queries with their parameters."""
    from kg.queries import named_queries

    try:
        found = named_queries()
    except KgError as err:
        fail(err)
    for q in found.values():
        click.echo(f"{q.name:<22} {q.summary}")
        for p in q.params:
            need = "required" if p.required else "optional"
            click.echo(f"{'':<24}--param {p.name}=… ({p.type}, {need}) {p.description}")


@main.command()
@STORE_OPTION
def stats(store: str) -> None:
    """Print counts of things in the store by class, and the number of documents."""
    from kg.stats import stats as run

    try:
        rows = run(store)
    except KgError as err:
        fail(err)
    for label, count in rows:
        click.echo(f"{label:<28} {count:>8,}")


@main.command()
@click.option("--format", "fmt",
              type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld", "graphml"]),
              default="trig", show_default=True, help="graphml: the typed network for Gephi and Cytoscape.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="File to write (default under exports/).")
@STORE_OPTION
def export(fmt: str, output: str | None, store: str) -> None:
    """Write the whole graph in a standard RDF format."""
    from kg.export import export as run

    try:
        path = run(fmt, output, store)
    except KgError as err:
        fail(err)
    click.echo(f"wrote {path}")


@main.command()
@STORE_OPTION
@click.option("--limit", default=50, show_default=True, help="Show at most this many violations.")
def validate(store: str, limit: int) -> None:
    """Check the built graph against the SHACL shapes (ontology/shapes.ttl) with pySHACL."""
    from kg.validate import validate as run

    try:
        report = run(store)
    except KgError as err:
        fail(err)
    click.echo(report.text(limit=limit) if hasattr(report, "text") else str(report))
    if not report.conforms:
        sys.exit(1)


@main.command()
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7000, show_default=True, type=int, help="Port (0: any free port).")
@click.option("--timeout", default=5.0, show_default=True, type=float,
              help="Seconds a query may run before it is stopped.")
@click.option("--max-rows", default=10000, show_default=True, type=int,
              help="Refuse results with more rows (or triples) than this.")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates (needs --token).")
@click.option("--token", envvar="KG_TOKEN", help="Bearer token required for updates. Env: KG_TOKEN.")
@click.option("--cors", metavar="ORIGIN", help="Allow cross-origin requests from ORIGIN (off by default).")
@click.option("--quiet", "-q", is_flag=True, help="Do not log requests.")
def serve(store: str, host: str, port: int, timeout: float, max_rows: int, allow_update: bool,
          token: str | None, cors: str | None, quiet: bool) -> None:
    """Serve the store as a SPARQL 1.1 endpoint at /sparql, with a query page at /."""
    import os

    from kg.server import ServeConfig
    from kg.server import serve as run

    config = ServeConfig(store=store, host=host, port=port, timeout=timeout, allow_update=allow_update,
                         token=token, cors=cors, max_rows=max_rows,
                         update_url=os.environ.get("KG_UPDATE_URL"))
    try:
        run(config, quiet=quiet)
    except KgError as err:
        fail(err)


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--graph", metavar="IRI", help="Named graph to import into (default: from the file name).")
@click.option("--append", is_flag=True, help="Add to the graph instead of replacing its content.")
@STORE_OPTION
def import_(file: str, graph: str | None, append: bool, store: str) -> None:
    """Import an RDF file (.nt, .ttl, .trig, .nq, .rdf) into a named graph of the store."""
    from kg.importer import import_rdf

    try:
        result = import_rdf(file, graph, store, append=append)
    except KgError as err:
        fail(err)
    click.echo(result.summary())


# -- kg view / kg analyze (interactive graphs and network analysis; kg/views.py, kg/analyze.py) --------

def _graph_options(func):
    """The filters every view and analysis takes, and --store."""
    for option in reversed([
        click.option("--district", help="Only councils of this police district (politikreds; part of name)."),
        click.option("--kommune", help="Only councils of this kommune."),
        click.option("--from", "year_from", type=int, metavar="YEAR", help="Only documents from YEAR on."),
        click.option("--to", "year_to", type=int, metavar="YEAR", help="Only documents up to this year."),
        click.option("--types", metavar="KINDS",
                     help="Only these node kinds, comma-separated: person, meeting, council, kommune, "
                          "district, project, theme, document."),
    ]):
        func = option(func)
    return STORE_OPTION(func)


def _filters(district, kommune, year_from, year_to, types):
    from kg.network import Filters

    kinds = frozenset(t.strip() for t in types.split(",") if t.strip()) if types else None
    return Filters(district, kommune, year_from, year_to, kinds)


def _graph_store(store: str):
    from kg.store import open_store

    return open_store(store, read_only=True)


def _view_options(func):
    func = click.option("-o", "--output", type=click.Path(dir_okay=False),
                        help="HTML file to write (default under exports/).")(func)
    func = click.option("--node-limit", type=int, default=5000, show_default=True,
                        help="Draw at most this many nodes (the most connected); 0 = no limit.")(func)
    return _graph_options(func)


def _write_view(make, name: str, output: str | None, node_limit: int, store: str, filters: dict) -> None:
    from kg.ids import slug
    from kg.paths import EXPORTS_DIR
    from kg.views import write_view

    try:
        view = make(_graph_store(store), _filters(**filters))
        path = output or EXPORTS_DIR / f"view-{slug(name)}.html"
        result = write_view(view, path, node_limit or None)
    except KgError as err:
        fail(err)
    click.echo(f"wrote {result.path} ({result.nodes:,} nodes, {result.edges:,} edges)")


@main.group()
def view() -> None:
    """Draw the graph as an interactive HTML page that works offline (vis-network)."""


@view.command("overview")
@_view_options
def view_overview(output, node_limit, store, **filters) -> None:
    """The whole graph, a colour and shape per kind, with a legend."""
    from kg.views import overview_view

    _write_view(overview_view, "overview", output, node_limit, store, filters)


@view.command("person")
@click.argument("name")
@click.option("--depth", default=1, show_default=True, help="Meeting hops: 2 adds co-attendees' meetings.")
@_view_options
def view_person(name, depth, output, node_limit, store, **filters) -> None:
    """NAME's meetings, roles over time, councils, co-attendees and themes."""
    from kg.views import person_view

    _write_view(lambda s, f: person_view(s, name, depth, f), f"person-{name}", output, node_limit, store,
                filters)


@view.command("council")
@click.argument("place")
@_view_options
def view_council(place, output, node_limit, store, **filters) -> None:
    """The councils of PLACE (a kommune or a police district): meetings, people, documents, themes."""
    from kg.views import council_view

    _write_view(lambda s, f: council_view(s, place, f), f"council-{place}", output, node_limit, store,
                filters)


@view.command("theme")
@click.argument("theme")
@_view_options
def view_theme(theme, output, node_limit, store, **filters) -> None:
    """THEME (id or Danish label) with the documents, meetings, councils and people around it."""
    from kg.views import theme_view

    _write_view(lambda s, f: theme_view(s, theme, f), f"theme-{theme}", output, node_limit, store, filters)


@view.command("meeting")
@click.argument("date")
@_view_options
def view_meeting(date, output, node_limit, store, **filters) -> None:
    """The meeting(s) on DATE (YYYY-MM-DD; --kommune picks one): who came, who sent apologies."""
    from kg.views import meeting_view

    _write_view(lambda s, f: meeting_view(s, date, f.kommune, f), f"meeting-{date}", output, node_limit,
                store, filters)


@view.command("co-attendance")
@click.option("--colour", type=click.Choice(["side", "community"]), default="side", show_default=True,
              help="Colour people by side (police/kommune) or by community.")
@_view_options
def view_co_attendance(colour, output, node_limit, store, **filters) -> None:
    """People linked by shared meetings: edge width = meetings shared, size = betweenness centrality."""
    from kg.views import co_attendance_view

    _write_view(lambda s, f: co_attendance_view(s, f, colour), "co-attendance", output, node_limit, store,
                filters)


def _analysis_options(func):
    func = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                        show_default=True)(func)
    func = click.option("-o", "--output", type=click.Path(dir_okay=False),
                        help="Write to this file instead of stdout.")(func)
    return _graph_options(func)


def _print_rows(run, fmt: str, output: str | None, store: str, filters: dict) -> None:
    from pathlib import Path

    from kg.analyze import render_rows

    try:
        text = render_rows(run(_graph_store(store), _filters(**filters)), fmt)
    except KgError as err:
        fail(err)
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote {output}")
    else:
        click.echo(text)


@main.group()
def analyze() -> None:
    """Network analyses of people, meetings and councils (networkx)."""


@analyze.command("centrality")
@click.option("--top", type=int, help="Only the first N people.")
@_analysis_options
def analyze_centrality(top, fmt, output, store, **filters) -> None:
    """Who connects councils and districts: betweenness on the person–meeting and co-attendance graphs."""
    from kg.analyze import centrality

    _print_rows(lambda s, f: centrality(s, f, top), fmt, output, store, filters)


@analyze.command("communities")
@_analysis_options
def analyze_communities(fmt, output, store, **filters) -> None:
    """Groups of people who meet each other (Louvain on the co-attendance graph)."""
    from kg.analyze import communities

    _print_rows(communities, fmt, output, store, filters)


@analyze.command("path")
@click.argument("person_a")
@click.argument("person_b")
@_analysis_options
def analyze_path(person_a, person_b, fmt, output, store, **filters) -> None:
    """How PERSON_A and PERSON_B are connected, with the meetings that link them."""
    from kg.analyze import path

    _print_rows(lambda s, f: path(s, person_a, person_b, f), fmt, output, store, filters)


@analyze.command("bridges")
@_analysis_options
def analyze_bridges(fmt, output, store, **filters) -> None:
    """People who sat in more than one council or police district."""
    from kg.analyze import bridges

    _print_rows(bridges, fmt, output, store, filters)


# -- people across documents and aliases (kg.people, kg.aliases) ------------------------------

PEOPLE_FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                             show_default=True)
ALIASES_OPTION = click.option("--aliases", "aliases_file", envvar="KG_ALIASES",
                              type=click.Path(dir_okay=False),
                              help="Aliases file (default ontology/aliases.ttl). Env: KG_ALIASES.")


@main.command("people")
@PEOPLE_FORMAT
@STORE_OPTION
def people_cmd(fmt: str, store: str) -> None:
    """List every person once (confirmed aliases joined): documents, first/last year, sides, titles."""
    from kg.people import PEOPLE_COLUMNS, people, render

    try:
        rows = people(store)
    except KgError as err:
        fail(err)
    click.echo(render(rows, fmt, PEOPLE_COLUMNS), nl=fmt != "csv")


@main.command("person")
@click.argument("name")
@PEOPLE_FORMAT
@STORE_OPTION
def person_cmd(name: str, fmt: str, store: str) -> None:
    """Role history of person NAME: titles with dates, council, side, status, source file and line."""
    from kg.people import HISTORY_COLUMNS, person_history, render

    try:
        rows = person_history(name, store)
    except KgError as err:
        fail(err)
    click.echo(render(rows, fmt, HISTORY_COLUMNS), nl=fmt != "csv")


@main.group()
def aliases() -> None:
    """Propose, confirm and reject person aliases (owl:sameAs in the aliases file)."""


@aliases.command("propose")
@click.option("--min-score", default=0.4, show_default=True, help="Leave out proposals scoring below this.")
@PEOPLE_FORMAT
@ALIASES_OPTION
@STORE_OPTION
def aliases_propose(min_score: float, fmt: str, aliases_file: str | None, store: str) -> None:
    """List pairs of names that may be one person, with evidence; decided pairs are left out."""
    from kg.aliases import PROPOSAL_COLUMNS, propose_aliases
    from kg.people import render

    try:
        rows = [p.as_row() for p in propose_aliases(store, aliases_file, min_score)]
    except KgError as err:
        fail(err)
    if fmt == "table":
        for row in rows:
            click.echo(f"{row['score']:.2f}  {row['reason']}")
        click.echo(f"({len(rows)} proposals; decide with `kg aliases confirm A B` / `kg aliases reject A B`)")
    else:
        click.echo(render(rows, fmt, PROPOSAL_COLUMNS), nl=fmt != "csv")


def _decide(decision: str, a: str, b: str, note: str | None, aliases_file: str | None, store: str) -> None:
    from pathlib import Path

    from kg.aliases import aliases_path, apply_aliases, decide
    from kg.store import open_store

    try:
        remote = store.startswith(("http://", "https://"))
        target = open_store(store) if remote or Path(store).exists() else None
        d = decide(a, b, decision, path=aliases_file, note=note, store=target)
        click.echo(f"{decision}: {d.label or f'{a} / {b}'} → {aliases_path(aliases_file)}")
        if target is not None:
            apply_aliases(target, aliases_file)
            click.echo(f"store {store} updated")
        else:
            click.echo(f"(no store at {store}: names not checked; `kg build` loads the file)")
    except KgError as err:
        fail(err)


@aliases.command("confirm")
@click.argument("a")
@click.argument("b")
@click.option("--note", help="Why (who confirmed it, a source).")
@ALIASES_OPTION
@STORE_OPTION
def aliases_confirm(a: str, b: str, note: str | None, aliases_file: str | None, store: str) -> None:
    """Record that persons A and B (names or IRIs) are one person (owl:sameAs)."""
    _decide("confirmed", a, b, note, aliases_file, store)


@aliases.command("reject")
@click.argument("a")
@click.argument("b")
@click.option("--note", help="Why they are two people.")
@ALIASES_OPTION
@STORE_OPTION
def aliases_reject(a: str, b: str, note: str | None, aliases_file: str | None, store: str) -> None:
    """Record that persons A and B are two people, so the pair is not proposed again."""
    _decide("rejected", a, b, note, aliases_file, store)


def _write_or_echo(text: str, output: str | None, default_name: str | None = None) -> None:
    """Write ``text`` to ``output`` (UTF-8), to exports/ for HTML, or print it."""
    from pathlib import Path

    if output is None and default_name is not None:
        output = str(Path("exports") / default_name)
    if output is None:
        click.echo(text)
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {path}")


@main.command()
@click.argument("theme")
@click.option("--from", "year_from", type=int, help="First year to include.")
@click.option("--to", "year_to", type=int, help="Last year to include.")
@click.option("--district", help="Only councils of this police district (part of the name is enough).")
@click.option("--kommune", help="Only councils of this kommune.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="File to write (HTML: default exports/).")
@STORE_OPTION
def trace(theme: str, year_from: int | None, year_to: int | None, district: str | None, kommune: str | None,
          fmt: str, output: str | None, store: str) -> None:
    """Trace how THEME (id, Danish/English label or cue word) moved between councils over time."""
    from kg.ids import slug
    from kg.trace import render_trace
    from kg.trace import trace as run

    try:
        steps = run(theme, store, from_year=year_from, to_year=year_to, district=district, kommune=kommune)
        text = render_trace(steps, theme, fmt)
    except KgError as err:
        fail(err)
    _write_or_echo(text, output, f"trace-{slug(theme)}.html" if fmt == "html" else None)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "html"]), default="table",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="File to write (HTML: default exports/).")
@STORE_OPTION
def themes(fmt: str, output: str | None, store: str) -> None:
    """Print the matrix council × year of the themes each council dealt with."""
    from kg.trace import council_themes, render_matrix

    try:
        text = render_matrix(council_themes(store), fmt)
    except KgError as err:
        fail(err)
    _write_or_echo(text, output, "themes.html" if fmt == "html" else None)


if __name__ == "__main__":
    main()
