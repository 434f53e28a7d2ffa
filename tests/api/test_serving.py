"""The HTTP protocol `nrm serve` runs: a response's writes go out in one send."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from api.serving import JoinedWrites
from engine.cli import HTTP_PROTOCOL
from tests.uvicorn_server import UvicornServer


class _Transport:
    """Records what is written, like a socket's transport."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.closed = False
        self.buffered = 0

    def write(self, data: bytes) -> None:
        assert not self.closed
        self.sent.append(data)

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_write_buffer_size(self) -> int:
        return self.buffered

    def get_extra_info(self, name: str) -> str:
        return f"info {name}"


def test_writes_of_one_loop_turn_go_out_together_in_order() -> None:
    async def scenario() -> list[list[bytes]]:
        transport = _Transport()
        joined = JoinedWrites(transport, asyncio.get_running_loop())
        seen = []
        joined.write(b"HTTP/1.1 200 OK\r\n\r\n")
        joined.write(b"body")
        seen.append(list(transport.sent))  # nothing sent within the turn
        assert joined.get_write_buffer_size() == len(b"HTTP/1.1 200 OK\r\n\r\nbody")
        await asyncio.sleep(0)
        seen.append(list(transport.sent))
        joined.write(b"next")
        await asyncio.sleep(0)
        seen.append(list(transport.sent))
        return seen

    assert asyncio.run(scenario()) == [
        [],
        [b"HTTP/1.1 200 OK\r\n\r\nbody"],
        [b"HTTP/1.1 200 OK\r\n\r\nbody", b"next"],
    ]


def test_closing_sends_what_is_pending_first_and_nothing_after() -> None:
    async def scenario() -> _Transport:
        transport = _Transport()
        joined = JoinedWrites(transport, asyncio.get_running_loop())
        joined.write(b"last words")
        joined.close()
        await asyncio.sleep(0)  # the flush scheduled by the write finds nothing left
        assert joined.is_closing() and joined.get_extra_info("peername") == "info peername"
        return transport

    transport = asyncio.run(scenario())
    assert (transport.sent, transport.closed) == ([b"last words"], True)


def test_a_closed_transport_gets_no_late_write() -> None:
    async def scenario() -> _Transport:
        transport = _Transport()
        joined = JoinedWrites(transport, asyncio.get_running_loop())
        joined.write(b"too late")
        transport.closed = True  # the client went away within the turn
        await asyncio.sleep(0)
        return transport

    assert asyncio.run(scenario()).sent == []


@pytest.mark.server
def test_nrm_serve_protocol_answers_keep_alive_and_pipelined_requests(tmp_path: Path) -> None:
    """A real server on the protocol `nrm serve` uses: three requests on one connection,
    the last two sent at once, are each answered whole and in order."""
    assert HTTP_PROTOCOL == "api.serving:HttpToolsJoinedWrites"
    server = UvicornServer(f"sqlite:///{tmp_path}/serving.db", tmp_path / "server.log")
    try:
        request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as conn:
            conn.sendall(request)
            first = _read_responses(conn, 1)
            conn.sendall(request + request)
            rest = _read_responses(conn, 2)
    finally:
        server.stop()
    for head, body in [*first, *rest]:
        assert head.startswith(b"HTTP/1.1 200 OK")
        assert b'"status"' in body


def _read_responses(conn: socket.socket, count: int) -> list[tuple[bytes, bytes]]:
    data, responses = b"", []
    while len(responses) < count:
        while b"\r\n\r\n" not in data:
            data += conn.recv(65536)
        head, _, data = data.partition(b"\r\n\r\n")
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        while len(data) < length:
            data += conn.recv(65536)
        responses.append((head, data[:length]))
        data = data[length:]
    return responses
