"""`djrh serve` as the tests use it: the real command in a process of its own, and a small HTTP
client that keeps its cookie and submits a page's form as a browser does (every field as shown,
with the changes a person made)."""

from __future__ import annotations

import html.parser
import http.cookiejar
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path


class Server:
    """`python -m djrh serve --root ROOT --port 0 --no-browser ARGS`, until stopped."""

    def __init__(self, root: Path, *args: str, env: dict | None = None) -> None:
        self.root = root
        command = [sys.executable, "-m", "djrh", "serve", "--root", str(root), "--port", "0", "--no-browser", *args]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})},
        )
        line = self.process.stdout.readline().decode("utf-8").strip()
        if not line.startswith("http"):
            self.stop()
            raise RuntimeError(f"djrh serve did not start: {line!r} {self.process.stderr.read().decode('utf-8', 'replace')}")
        self.address = line
        parsed = urllib.parse.urlsplit(line)
        self.url = f"{parsed.scheme}://{parsed.netloc}"
        self.token = urllib.parse.parse_qs(parsed.query).get("token", [None])[0]

    def stop(self) -> str:
        """Stop it (as Ctrl+C would); what it said on stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        err = self.process.stderr.read().decode("utf-8", "replace")
        self.process.stdout.close()
        self.process.stderr.close()
        return err

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        err = self.stop()
        assert "Traceback" not in err, err


@dataclass
class Page:
    status: int
    text: str
    headers: dict
    url: str
    body: bytes = b""

    def form(self, form_id: str | None = None, action: str | None = None) -> Form:
        parser = FormParser()
        parser.feed(self.text)
        for found in parser.forms:
            if (form_id is None or found.id == form_id) and (action is None or found.action.split("?")[0] == action):
                return found
        raise AssertionError(f"no form {form_id or action} in {self.url}")


@dataclass
class Form:
    id: str | None
    action: str
    enctype: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # as a browser submits it, in order
    radios: dict[str, list[str]] = field(default_factory=dict)
    checkboxes: dict[str, list[str]] = field(default_factory=dict)
    selects: dict[str, list[str]] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.fields if key == name), None)

    def values(self, name: str) -> list[str]:
        return [value for key, value in self.fields if key == name]

    def set(self, name: str, value: str | list[str]) -> Form:
        """Change a field as a person would: type into it, choose an option, tick boxes."""
        values = value if isinstance(value, list) else [value]
        if not isinstance(value, list) and name not in {k for k, _ in self.fields} and name not in self.radios and name not in self.checkboxes:
            raise AssertionError(f"the form has no field {name}")
        at = next((i for i, (k, _) in enumerate(self.fields) if k == name), len(self.fields))
        self.fields = [(k, v) for k, v in self.fields if k != name]
        for offset, item in enumerate(values):
            self.fields.insert(at + offset, (name, item))
        return self

    def names(self) -> set[str]:
        return {k for k, _ in self.fields} | set(self.radios) | set(self.checkboxes)


class FormParser(html.parser.HTMLParser):
    """The forms of a page with the values a browser would submit unchanged."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.by_id: dict[str, Form] = {}
        self.pending_owned: list[tuple[str, tuple[str, str]]] = []
        self.select: tuple[str, list] | None = None
        self.option: list | None = None
        self.textarea: list | None = None

    def _target(self, attrs: dict) -> Form | None:
        owner = attrs.get("form")
        if owner:
            return self.by_id.get(owner) or _Deferred(self, owner)
        return self.current

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.current = Form(attrs.get("id"), attrs.get("action", ""), attrs.get("enctype", ""))
            self.forms.append(self.current)
            if attrs.get("id"):
                self.by_id[attrs["id"]] = self.current
            return
        name = attrs.get("name")
        if tag == "input" and name is not None:
            target = self._target(attrs)
            kind = attrs.get("type", "text")
            if target is None or kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind == "radio":
                target.radios.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    target.fields.append((name, attrs.get("value", "on")))
            elif kind == "checkbox":
                target.checkboxes.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    target.fields.append((name, attrs.get("value", "on")))
            else:
                target.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name is not None:
            self.select = (name, [], self._target(attrs))
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "selected" in attrs, ""]
        elif tag == "textarea" and name is not None:
            self.textarea = [name, "", self._target(attrs)]
        elif tag == "template":
            self._in_template = getattr(self, "_in_template", 0) + 1
            self._saved = self.current
            self.current = None

    def handle_data(self, data):
        if self.option is not None:
            self.option[2] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "option" and self.option is not None:
            value, selected, text = self.option
            self.select[1].append((value if value is not None else text, selected))
            self.option = None
        elif tag == "select" and self.select is not None:
            name, options, target = self.select
            if target is not None and options:
                chosen = next((v for v, s in options if s), options[0][0])
                target.fields.append((name, chosen))
                target.selects[name] = [v for v, _ in options]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text, target = self.textarea
            if target is not None:
                target.fields.append((name, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "template":
            self._in_template -= 1
            self.current = self._saved


class _Deferred:
    """A field owned (form="…") by a form further down the page."""

    def __init__(self, parser: FormParser, owner: str) -> None:
        self.parser, self.owner = parser, owner
        self.fields, self.radios, self.checkboxes, self.selects = [], {}, {}, {}


class Client:
    """One browser: its cookie, its requests."""

    def __init__(self, server: Server, host: str | None = None) -> None:
        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        self.host = host

    def request(self, method: str, path: str, data: bytes | None = None, headers: dict | None = None, follow: bool = True) -> Page:
        url = path if path.startswith("http") else self.server.url + path
        for _ in range(5):
            request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
            if self.host:
                request.add_header("Host", self.host)
            try:
                response = self.opener.open(request, timeout=60)
                status, body, got = response.status, response.read(), {k.lower(): v for k, v in response.headers.items()}
            except urllib.error.HTTPError as error:
                status, body, got = error.code, error.read(), {k.lower(): v for k, v in error.headers.items()}
            if follow and status in (301, 302, 303, 307) and "location" in got:
                url = urllib.parse.urljoin(url, got["location"])
                method, data, headers = "GET", None, {}
                continue
            return Page(status, body.decode("utf-8", "replace"), got, url, body)
        raise AssertionError("too many redirects")

    def get(self, path: str, follow: bool = True) -> Page:
        return self.request("GET", path, follow=follow)

    def post(self, path: str, fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]] = (), follow: bool = True,
             headers: dict | None = None) -> Page:
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
            for name, filename, content in files:  # as a browser sends a file name: UTF-8, quotes escaped
                shown = filename.replace('"', "%22")
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{shown}"\r\n'
                    f"Content-Type: application/octet-stream\r\n\r\n".encode("utf-8") + content + b"\r\n"
                )
            parts.append(f"--{boundary}--\r\n".encode())
            data = b"".join(parts)
            kind = f"multipart/form-data; boundary={boundary}"
        else:
            data = urllib.parse.urlencode(fields).encode()
            kind = "application/x-www-form-urlencoded"
        return self.request("POST", path, data, {"Content-Type": kind, **(headers or {})}, follow=follow)

    def submit(self, form: Form, extra: list[tuple[str, str]] = (), files=(), follow: bool = True) -> Page:
        return self.post(form.action, list(form.fields) + list(extra), files=files, follow=follow)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_until(check, timeout: float = 10.0, step: float = 0.1):
    end = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > end:
            return value
        time.sleep(step)
