"""``kg serve``: the store as a SPARQL 1.1 Protocol endpoint at ``/sparql``, and a query page at ``/``.

Standard library HTTP server (one thread per request); the SPARQL work is in :mod:`kg.endpoint`.
Safe by default: binds 127.0.0.1, read-only unless ``--allow-update`` (then only with the bearer
token), no SERVICE/LOAD, a per-query time limit that kills the query, a result row limit, and CORS
only for the ``--cors`` origin.
"""

from __future__ import annotations

import hmac
import json
import sys
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg.endpoint import Limits, Operation, OperationError, Outcome, check_safe

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
MAX_BODY = 32 * 1024 * 1024
ENDPOINT_PATHS = ("/sparql", "/sparql/")
PAGE_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
            "img-src 'self' data:; base-uri 'none'; form-action 'none'")
TEMPLATE = Path(__file__).resolve().parent / "templates" / "serve.html"


@dataclass
class ServeConfig:
    """The options of ``kg serve``."""

    store: str = ".kg"
    host: str = "127.0.0.1"
    port: int = 7000
    timeout: float = 5.0
    allow_update: bool = False
    token: str | None = None
    cors: str | None = None
    max_rows: int = 10000
    update_url: str | None = None
    exports: str = "exports"
    workers: int = 2


# -- parsing a protocol request ------------------------------------------------------------
def parse_request(method: str, query_string: str, content_type: str | None, body: bytes,
                  accept: str | None) -> Operation:
    """The SPARQL operation of one HTTP request (raises OperationError with a 4xx reason)."""
    params = _parse_qs(query_string)
    if method == "GET":
        if "update" in params:
            raise OperationError(405, "updates must be sent by POST, not GET")
        return _operation(params, "query", accept)
    media, charset = _media_type(content_type)
    if media is None:
        raise OperationError(400, f"POST needs a Content-Type: {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}")
    if media == FORM:
        if charset not in (None, "utf-8"):
            raise OperationError(415, f"form bodies must be UTF-8, not {charset}")
        for key, values in _parse_qs(_decode(body)).items():
            params.setdefault(key, []).extend(values)
        kinds = [k for k in ("query", "update") if k in params]
        if len(kinds) != 1:
            raise OperationError(400, "a form POST needs exactly one of the fields query and update")
        return _operation(params, kinds[0], accept)
    if media in (QUERY_TYPE, UPDATE_TYPE):
        if charset not in (None, "utf-8"):
            raise OperationError(415, f"{media} bodies must be UTF-8, not {charset}")
        kind = "query" if media == QUERY_TYPE else "update"
        if "query" in params or "update" in params:
            raise OperationError(400, f"a direct POST carries the {kind} in the body, not also in the URL")
        params[kind] = [_decode(body)]
        return _operation(params, kind, accept)
    raise OperationError(415, f"unsupported media type {media}: use {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}")


def _parse_qs(text: str) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(text, keep_blank_values=True, strict_parsing=False,
                                     encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise OperationError(400, "the request parameters are not valid UTF-8") from None


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise OperationError(400, "the request body is not valid UTF-8") from None


def _media_type(content_type: str | None) -> tuple[str | None, str | None]:
    if not content_type or not content_type.strip():
        return None, None
    parts = [p.strip() for p in content_type.split(";")]
    charset = None
    for p in parts[1:]:
        if p.lower().startswith("charset="):
            charset = p[8:].strip('"').lower().replace("utf8", "utf-8")
    return parts[0].lower(), charset


def _operation(params: dict[str, list[str]], kind: str, accept: str | None) -> Operation:
    texts = params.get(kind, [])
    if not texts:
        raise OperationError(400, "missing query parameter (GET /sparql?query=…)")
    if len(texts) > 1:
        raise OperationError(400, f"one {kind} per request, got {len(texts)}")
    if kind == "query":
        default, named = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
    else:
        default, named = params.get("using-graph-uri", []), params.get("using-named-graph-uri", [])
    for iri in default + named:
        if not iri or any(c in iri for c in '<>"{}|^`\\ \n'):
            raise OperationError(400, f"not an IRI: {iri!r}")
    return Operation(kind, texts[0], default, named, accept or "*/*")


# -- the HTTP handler ----------------------------------------------------------------------
class Handler(BaseHTTPRequestHandler):
    """One request. ``server.app`` is the :class:`App`."""

    server_version = "kredsgraf"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def do_HEAD(self) -> None:  # noqa: N802
        self._send(Outcome(405, "text/plain; charset=utf-8", b"use GET or POST\n", {"Allow": "GET, POST"}))

    def do_PUT(self) -> None:  # noqa: N802
        self.do_HEAD()

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    def do_OPTIONS(self) -> None:  # noqa: N802
        headers = {"Allow": "GET, POST, OPTIONS"}
        if self.server.app.config.cors:
            headers |= {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                        "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization",
                        "Access-Control-Max-Age": "600"}
        self._send(Outcome(204, "text/plain", b"", headers))

    def _dispatch(self, method: str) -> None:
        app: App = self.server.app
        url = urllib.parse.urlsplit(self.path)
        try:
            body = self._read_body() if method == "POST" else b""
            if url.path in ENDPOINT_PATHS:
                outcome = app.sparql(method, url.query, self.headers, body)
            elif method == "GET":
                outcome = app.page(url.path)
            elif url.path.startswith("/named/"):
                outcome = app.named(url.path.removeprefix("/named/"), body, self.headers.get("Accept"))
            else:
                outcome = Outcome(404, "text/plain; charset=utf-8", b"not found\n")
        except OperationError as err:
            outcome = error_outcome(err)
        except Exception as exc:  # never a traceback or a dropped connection for the client
            outcome = error_outcome(OperationError(500, f"internal error: {type(exc).__name__}: {exc}"))
        self._send(outcome)

    def _read_body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            raise OperationError(411, "a POST needs a Content-Length")
        try:
            size = int(length)
        except ValueError:
            raise OperationError(400, "bad Content-Length") from None
        if size > MAX_BODY:
            raise OperationError(413, f"request body over {MAX_BODY // (1024 * 1024)} MB")
        return self.rfile.read(size)

    def _send(self, outcome: Outcome) -> None:
        self.send_response(outcome.status)
        headers = {"Content-Type": outcome.media, "Content-Length": str(len(outcome.body)),
                   "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"} | outcome.headers
        cors = self.server.app.config.cors
        if cors:
            headers |= {"Access-Control-Allow-Origin": cors, "Vary": "Origin"}
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(outcome.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server signature)
        if not self.server.app.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")


def error_outcome(err: OperationError) -> Outcome:
    """A one-line plain-text error response."""
    headers = {"WWW-Authenticate": 'Bearer realm="kg serve"'} if err.status == 401 else {}
    if err.status == 405:
        headers["Allow"] = "GET, POST"
    line = " ".join(err.reason.split())
    return Outcome(err.status, "text/plain; charset=utf-8", f"{line}\n".encode(), headers)


class App:
    """The endpoint's behaviour behind the handler: authorisation, guards, the runner, the page."""

    def __init__(self, config: ServeConfig, runner: Any, quiet: bool = False) -> None:
        self.config = config
        self.runner = runner
        self.quiet = quiet

    def sparql(self, method: str, query_string: str, headers: Any, body: bytes) -> Outcome:
        if method == "GET" and not query_string:
            if "text/html" in (headers.get("Accept") or ""):
                return Outcome(303, "text/plain; charset=utf-8", b"see /\n", {"Location": "/"})
        op = parse_request(method, query_string, headers.get("Content-Type"), body, headers.get("Accept"))
        if op.kind == "update":
            self._authorise(headers.get("Authorization"))
        check_safe(op)
        return self.runner.run(op)

    def _authorise(self, header: str | None) -> None:
        if not self.config.allow_update:
            raise OperationError(403, "updates are disabled: this endpoint is read-only "
                                      "(start kg serve with --allow-update --token …)")
        scheme, _, given = (header or "").partition(" ")
        token = self.config.token or ""
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise OperationError(401, "updates need the header Authorization: Bearer <token>")

    def named(self, name: str, body: bytes, accept: str | None) -> Outcome:
        """POST /named/NAME with form fields as parameters: a named query, parameters bound safely."""
        from kg.errors import QueryError
        from kg.queries import bind_params, named_queries
        from kg.sparql import substitute

        found = named_queries()
        if name not in found:
            raise OperationError(404, f"no named query {name!r}")
        given = {k: v[-1] for k, v in _parse_qs(_decode(body)).items() if v and v[-1] != ""}
        try:
            text = substitute(found[name].text, bind_params(found[name], given))
        except QueryError as err:
            raise OperationError(400, str(err)) from None
        return self.runner.run(Operation("query", text, accept=accept or "*/*"))

    def page(self, path: str) -> Outcome:
        if path in ("/", "/index.html"):
            return Outcome(200, "text/html; charset=utf-8", render_page(self.config).encode("utf-8"),
                           {"Content-Security-Policy": PAGE_CSP})
        if path.startswith("/exports/"):
            return self._export_file(urllib.parse.unquote(path.removeprefix("/exports/")))
        return Outcome(404, "text/plain; charset=utf-8", b"not found\n")

    def _export_file(self, name: str) -> Outcome:
        """A file listed under the exports folder (only listed files: no path tricks)."""
        files = {f.relative_to(root).as_posix(): f for root, f in _export_files(self.config.exports)}
        if name not in files:
            return Outcome(404, "text/plain; charset=utf-8", b"not found\n")
        media = {".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
                 ".json": "application/json", ".ttl": "text/turtle", ".csv": "text/csv; charset=utf-8",
                 ".js": "text/javascript", ".css": "text/css"}
        return Outcome(200, media.get(files[name].suffix.lower(), "application/octet-stream"),
                       files[name].read_bytes())


def _export_files(folder: str) -> list[tuple[Path, Path]]:
    root = Path(folder)
    if not root.is_dir():
        return []
    return [(root, f) for f in sorted(root.rglob("*"))
            if f.is_file() and not any(p.startswith(".") for p in f.relative_to(root).parts)]


def render_page(config: ServeConfig) -> str:
    """The query page: the template with the named queries and export links filled in."""
    from kg.queries import named_queries

    examples = [{"name": q.name, "summary": q.summary, "text": q.text,
                 "params": [{"name": p.name, "type": p.type, "required": p.required,
                             "description": p.description} for p in q.params]}
                for q in named_queries().values()]
    views = [f.relative_to(root).as_posix() for root, f in _export_files(config.exports)
             if f.suffix.lower() == ".html"]
    data = json.dumps({"examples": examples, "views": views, "maxRows": config.max_rows,
                       "timeout": config.timeout, "updates": config.allow_update}, ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return TEMPLATE.read_text(encoding="utf-8").replace("/*KG_DATA*/null", data)


# -- starting ------------------------------------------------------------------------------
def make_server(config: ServeConfig, quiet: bool = False) -> ThreadingHTTPServer:
    """The HTTP server for ``config`` (not yet serving); raises KgError for bad options."""
    from kg.endpoint import make_runner
    from kg.errors import KgError

    if config.allow_update and not config.token:
        raise KgError("--allow-update needs a bearer token: --token TOKEN or KG_TOKEN")
    limits = Limits(timeout=config.timeout, max_rows=config.max_rows)
    runner = make_runner(config.store, limits, config.allow_update, config.update_url)
    try:
        server = ThreadingHTTPServer((config.host, config.port), Handler)
    except OSError as exc:
        raise KgError(f"cannot listen on {config.host}:{config.port}: {exc.strerror}") from None
    limits.base_iri = f"http://{config.host}:{server.server_address[1]}/sparql"
    server.daemon_threads = True
    server.app = App(config, runner, quiet)  # type: ignore[attr-defined]
    return server


def serve(config: ServeConfig, quiet: bool = False) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = make_server(config, quiet)
    host, port = server.server_address[:2]
    mode = "read-write (bearer token)" if config.allow_update else "read-only"
    print(f"kg serve: http://{host}:{port}/sparql ({mode}, store {config.store}, "
          f"timeout {config.timeout:g} s, max {config.max_rows} rows); page at http://{host}:{port}/",
          file=sys.stderr, flush=True)
    if host not in ("127.0.0.1", "::1", "localhost"):
        print(f"kg serve: warning: listening on {host}, reachable from other machines", file=sys.stderr)
    if hasattr(server.app.runner, "warm"):  # type: ignore[attr-defined]
        server.app.runner.warm()  # type: ignore[attr-defined]
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.app.runner.close()  # type: ignore[attr-defined]
