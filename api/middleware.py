"""Small ASGI middlewares: the API's own headers (no caching, no sniffing; a repeated
credential or idempotency header refused), a request body limit (413), and a last net that
turns any unexpected exception into a 500 problem, logged without its message (which may
quote data)."""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import log_unexpected, problem

# API responses may carry personal data: never stored by a cache, never sniffed as another type.
API_HEADERS = ((b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff"))
# Headers a request may send once: which of two credentials or keys applies is not guessed.
SINGLE_HEADERS = (b"authorization", b"idempotency-key")


class ApiHeadersMiddleware:
    """Under `prefix`: every response gets API_HEADERS (refusals by outer layers included
    when this one is outermost), and a request repeating a SINGLE_HEADERS header is refused
    with 400 before anything reads it."""

    def __init__(self, app: ASGIApp, prefix: str) -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in API_HEADERS if n not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        names = [name.lower() for name, _ in scope.get("headers", [])]
        repeated = [n.decode() for n in SINGLE_HEADERS if names.count(n) > 1]
        if repeated:
            header = "-".join(part.capitalize() for part in repeated[0].split("-"))
            response = problem(
                400, "Repeated header", f"Send the {header} header once; it came more than once."
            )
            await response(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)


class BodyLimitMiddleware:
    """Reads the body up to `max_bytes` before the app sees it; a larger one is refused."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        messages, body = await read_body(receive, self.max_bytes)
        if body is None and messages[-1]["type"] == "http.request":  # past the limit
            await self._refuse(scope, receive, send)
            return
        await self.app(scope, replay(messages, receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem(
            413,
            "Request body too large",
            f"The request body may be at most {self.max_bytes} bytes.",
        )
        await response(scope, receive, send)


async def read_body(receive: Receive, limit: int) -> tuple[list[Message], bytes | None]:
    """The messages of a request's body as received (to replay), and the body: None if it
    grew past `limit` bytes (the last message is then a request message) or the client left
    (a disconnect message)."""
    messages: list[Message] = []
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return messages, None
        parts.append(chunk)
        if not message.get("more_body", False):
            return messages, b"".join(parts)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replay() -> Any:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


class UnexpectedErrorMiddleware:
    """Any exception the app lets through becomes a 500 problem; it goes no further, so the
    server does not log it with its message either."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001  (the last net: nothing else catches it)
            log_unexpected(scope.get("method", ""), _route(scope), exc)
            if not started:
                response = problem(
                    500, "Internal error", "An unexpected error occurred; it has been logged."
                )
                await response(scope, receive, send)


def _route(scope: Scope) -> str:
    route = scope.get("route")
    return str(getattr(route, "path", scope.get("path", "")))
