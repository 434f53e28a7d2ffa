"""uvicorn's HTTP protocol (httptools) with a response's writes joined into one.

uvicorn writes a response's head and its body to the socket in two calls, each one a
system call; on loopback each send also runs the receiving side's TCP processing, so the
second cost about 3% of the server's CPU per request (bench/RESULTS.md). Here the writes a
request makes within one turn of the event loop are gathered and go out together at the
end of the turn, in the order they were made: a plain response goes out in one send, a
streamed one chunk by chunk as before.

Use it with `uvicorn --http api.serving:HttpToolsJoinedWrites` (what `make run` and the
benchmark do); without it the server works the same, with one send more a response.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class JoinedWrites:
    """A transport whose writes within one turn of the event loop go out in one `write`.

    Everything else is the wrapped transport's; closing sends what is pending first."""

    def __init__(self, transport: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        """Queue `data`; the turn's writes are sent together when the turn ends."""
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def flush(self) -> None:
        """Send what is pending now."""
        pending = self._pending
        if not pending:
            return
        self._pending = []
        if not self._transport.is_closing():
            self._transport.write(pending[0] if len(pending) == 1 else b"".join(pending))

    def close(self) -> None:
        """Send what is pending, then close."""
        self.flush()
        self._transport.close()

    def get_write_buffer_size(self) -> int:
        """Bytes not sent yet: the wrapped transport's buffer and what is pending here."""
        waiting: int = self._transport.get_write_buffer_size()
        return waiting + sum(len(p) for p in self._pending)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class HttpToolsJoinedWrites(HttpToolsProtocol):
    """uvicorn's httptools protocol on a `JoinedWrites` transport."""

    def connection_made(self, transport: Any) -> None:
        """As uvicorn's, with the transport's writes joined (uvloop's transports are not
        `asyncio.Transport` subclasses, only alike)."""
        super().connection_made(cast(asyncio.Transport, JoinedWrites(transport, self.loop)))
