"""Helpers for WebSocket tests: a logged-in communicator on the real ASGI application."""

import json
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application


def _login(user) -> bytes:
    from django.db import connection

    try:
        client = Client()
        client.force_login(user)
        return f"sessionid={client.cookies['sessionid'].value}".encode()
    finally:
        connection.close()


def session_cookie(user) -> bytes:
    """Logs in from a worker thread, so it also works inside a test's event loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_login, user).result()


def room(
    engagement, user=None, *, after: int | None = None, lang: str | None = None
) -> WebsocketCommunicator:
    path = f"/ws/engagements/{engagement.pk}/room/"
    query = {"after": after, "lang": lang}
    if asked := "&".join(f"{k}={v}" for k, v in query.items() if v is not None):
        path += f"?{asked}"
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if user is not None:
        headers.append((b"cookie", session_cookie(user)))
    return WebsocketCommunicator(application, path, headers=headers)


async def receive_until(communicator, kind: str, timeout: float = 10) -> dict:
    """Skips presence/typing/read frames until one of the wanted type arrives."""
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == kind:
            return frame


async def receive_until_any(communicator, kinds: set[str], timeout: float = 10) -> dict:
    """Like receive_until, for any of several frame types."""
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] in kinds:
            return frame


async def both_online(communicator):
    while len((await receive_until(communicator, "presence"))["online"]) < 2:
        pass


async def frames_until_closed(communicator, timeout: float = 5) -> tuple[list[dict], dict]:
    """Every frame a socket gets until the server closes it, and the close itself."""
    frames = []
    while True:
        output = await communicator.receive_output(timeout=timeout)
        if output["type"] == "websocket.close":
            return frames, output
        frames.append(json.loads(output["text"]))


async def drain(communicator) -> list[dict]:
    """Every frame that arrives until a second passes without one."""
    frames = []
    while not await communicator.receive_nothing(timeout=1):
        frames.append(await communicator.receive_json_from())
    return frames


def run(scenario):
    """Runs an async scenario in a worker thread: Playwright's sync API (the session `browser`
    fixture) may own an event loop in the main thread, where async_to_sync refuses to run."""

    def call():
        from django.db import connection

        try:
            return async_to_sync(scenario)()
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(call).result()
