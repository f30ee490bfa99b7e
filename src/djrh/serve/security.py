"""Who may use the page, and what a request may do (`djrh serve`).

- The server listens on 127.0.0.1 unless `--host` says otherwise. On another address (colleagues
  on the office network) it asks for an access password (`--password`, or DJRH_SERVE_PASSWORD);
  without one it makes a random token and prints the address with it. The login page (or the
  token in the address, once) sets a session cookie: HttpOnly, SameSite=Strict, signed with a key
  made at each start (a restart signs everyone out).
- Every request that changes something carries the session's CSRF token, checked here; a POST
  whose Origin is another site is refused as well.
- The Host header must name this server (loopback names, an address, this machine's name): a
  page of another site whose name was pointed at 127.0.0.1 (DNS rebinding) gets nothing.
- A request body is size-limited (evidence uploads: attach's 50 MiB a file), and every answer
  carries headers that keep the page from being framed, sniffed, or loading anything from
  elsewhere (no script but the page's own file).
"""

from __future__ import annotations

import asyncio

import hashlib
import hmac
import ipaddress
import secrets
import socket
import time
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

COOKIE = "djrh_session"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
MAX_FILES = 10
MAX_SHEET = 20 << 20  # a ledger to import: several thousand rows are a few MB
MAX_SHEET_FORM = MAX_SHEET + (1 << 20)  # and the form around it
MAX_FORM = 4 << 20  # a record's form: a few KB; the minutes of a long meeting fit many times over
FAILED_LOGIN_PAUSE = 1.0  # seconds before a wrong password is answered: guessing stays slow

HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
     b"object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),  # the token in an address never travels on
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


def max_upload() -> int:
    """Ten evidence files of the largest size `djrh attach` takes, and the form around them."""
    from djrh.edit.attach import MAX_BYTES  # the write path loads when it is first used

    return MAX_FILES * MAX_BYTES + (1 << 20)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
        return True
    except ValueError:
        return False


class Guard:
    """The server's secrets and checks: one per start."""

    def __init__(self, host: str, secret: str | None, extra_hosts: tuple[str, ...] = ()) -> None:
        self.host = host
        self.secret = secret  # the password or token; None: no login (loopback, no --password)
        self.key = secrets.token_bytes(32)
        names = set(LOOPBACK_NAMES) | {h.lower() for h in extra_hosts}
        if not is_loopback(host):
            names.add(host.lower())
            if host in ("0.0.0.0", "::", ""):
                for name in (socket.gethostname(), socket.getfqdn()):
                    names.add(name.lower())
        self.host_names = names
        self.failures: dict[str, list[float]] = {}

    # -- the Host header

    def host_allowed(self, header: str) -> bool:
        """Whether the Host header names this server: a loopback name, an IP address (a browser
        sends an address only when it was given one: no rebinding there), this machine's name."""
        name = header.strip().lower()
        if name.startswith("["):
            name = name[: name.find("]") + 1]
        elif name.count(":") == 1:
            name = name.split(":", 1)[0]
        if not name:
            return False
        if name in self.host_names or name.strip("[]") in self.host_names:
            return True
        if _is_address(name):
            return is_loopback(name) if is_loopback(self.host) else True
        return False

    # -- sessions

    def sign(self, session: str) -> str:
        mac = hmac.new(self.key, session.encode(), hashlib.sha256).hexdigest()
        return f"{session}.{mac}"

    def new_session(self) -> tuple[str, str]:
        """(session id, cookie value)."""
        session = secrets.token_urlsafe(24)
        return session, self.sign(session)

    def session_of(self, cookie_header: str) -> str | None:
        """The session of a request's cookie, if this server signed it."""
        cookie = SimpleCookie()
        try:
            cookie.load(cookie_header)
        except Exception:
            return None
        morsel = cookie.get(COOKIE)
        if morsel is None:
            return None
        session, _, _ = morsel.value.partition(".")
        return session if session and hmac.compare_digest(self.sign(session), morsel.value) else None

    def cookie_header(self, value: str, clear: bool = False) -> bytes:
        if clear:
            return f"{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0".encode()
        return f"{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict".encode()

    def csrf(self, session: str) -> str:
        return hmac.new(self.key, b"csrf:" + session.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, session: str | None, token: str | None) -> bool:
        return bool(session and token) and hmac.compare_digest(self.csrf(session), token)

    # -- the password

    @property
    def login_required(self) -> bool:
        return self.secret is not None

    def password_ok(self, given: str, client: str) -> bool:
        """Whether `given` is the password (or token); a client with many recent failures waits."""
        now = time.monotonic()
        recent = [t for t in self.failures.get(client, []) if now - t < 600]
        if len(recent) >= 20:  # twenty wrong guesses in ten minutes: no more tries for now
            self.failures[client] = recent
            return False
        expected = hashlib.sha256((self.secret or "").encode()).digest()
        if self.secret is not None and hmac.compare_digest(hashlib.sha256(given.encode()).digest(), expected):
            self.failures.pop(client, None)
            return True
        self.failures[client] = recent + [now]
        return False


def without_token(query: bytes) -> str:
    pairs = [(k, v) for k, v in parse_qsl(query.decode("latin-1"), keep_blank_values=True) if k != "token"]
    return urlencode(pairs)


class GuardMiddleware:
    """The checks every request passes, as ASGI middleware, before any page is made."""

    OPEN_PATHS = ("/static/", "/login")

    def __init__(self, app, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        guard = self.guard
        if not guard.host_allowed(headers.get("host", "")):
            return await _plain(send, 400, "Host not allowed / 请求的主机名不是本服务器")
        method, path = scope["method"], scope["path"]
        if method not in ("GET", "HEAD", "POST"):
            return await _plain(send, 405, "Method not allowed")
        origin = headers.get("origin")
        if method == "POST" and origin not in (None, "null") and origin.split("://", 1)[-1].lower() != headers.get("host", "").lower():
            return await _plain(send, 403, "Cross-site request refused / 拒绝来自其他网站的请求")
        length = headers.get("content-length")
        limit = max_upload() if path.endswith("/attach") else MAX_SHEET_FORM if path == "/import" else MAX_FORM
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await _plain(send, 413, "Request too large / 提交的内容太大")
        session = guard.session_of(headers.get("cookie", ""))
        set_cookie = None
        if session is None:
            query = scope.get("query_string", b"")
            token = dict(parse_qsl(query.decode("latin-1"))).get("token")
            client = (scope.get("client") or ("?", 0))[0]
            if guard.login_required and token is not None and method == "GET":
                if guard.password_ok(token, client):
                    session, value = guard.new_session()
                    rest = without_token(query)
                    return await _redirect(send, path + (f"?{rest}" if rest else ""), guard.cookie_header(value))
                await asyncio.sleep(FAILED_LOGIN_PAUSE)  # a wrong token waits as a wrong password does
            if guard.login_required and not path.startswith(self.OPEN_PATHS):
                if method == "GET":
                    return await _redirect(send, "/login?" + urlencode({"next": path}))
                return await _plain(send, 403, "Please sign in / 请先登录")
            if not guard.login_required:
                session, value = guard.new_session()
                set_cookie = guard.cookie_header(value)
        scope["djrh.session"] = session

        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge()
            return message

        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = list(HEADERS)
                if set_cookie is not None:
                    extra.append((b"set-cookie", set_cookie))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge:  # the app's error page (home.server_error) has said it, unless none was sent
            if not started:
                await _plain(send, 413, "Request too large / 提交的内容太大")


class BodyTooLarge(Exception):
    pass


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())] + HEADERS})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send, location: str, cookie: bytes | None = None) -> None:
    headers = [(b"location", location.encode("utf-8")), (b"content-length", b"0")] + HEADERS
    if cookie is not None:
        headers.append((b"set-cookie", cookie))
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
