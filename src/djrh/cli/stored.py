"""The stored result of a whole `djrh check`: when nothing it depends on changed, its output is
written again as it was, without loading the tree or importing typer or pydantic.

A run stores what it wrote (stdout's bytes, its exit code) under a key of everything the output
depends on:

- every entry of the tree, folders included, hidden ones too (a path a record names as evidence
  may be anywhere in it; only `.git` is not entered): its name, type, size, modification and
  change times, inode and device, and for a symbolic link those of what it leads to — so an
  edited, touched, added, deleted or renamed record, a changed djrh.yaml or a missing evidence
  file is a different key;
- the command line (format, --as-of, --select, --ignore, --strict, --branch, --lang, paths, …),
  the working folder, the environment (DJRH_LANG, TZ, NO_COLOR, …), today's date (the default
  as-of day), the encoding of stdout;
- djrh itself: every file of its package, the Python running it and the folders it imports from
  (installing, upgrading or removing a package changes them).

It is kept in the tree's cache folder (tree/cachedir.py: the user's cache, never the tree, a
private folder of the user's own) as `result-<key>`, at most KEEP of them. It is used only when
stdout is not a terminal (a terminal's width and colours shape the text), only for runs that exit
with 0 or 1 and wrote nothing to stderr, and only from the command line (`python -m djrh`, the
`djrh` script; not `main([...])` called in a process that may have changed djrh's objects).

A result is stored only when every stamp is older than two seconds: a file written within the
same tick of the clock as it was read could change again without changing its times. A result
file is read like a cache shard — no link followed, a regular file, size-capped, its checksum and
its key compared — and it holds bytes, not objects: nothing in it can run code. A damaged or
foreign file is simply not used.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import zlib

from djrh.tree import cachedir, stamps

MAGIC = b"djrh-result 1\n"
KEEP = 32  # results kept per tree (each set of options has its own)
LIMIT = 512 * 1024 * 1024

# Variables of the shell that say nothing to djrh and change from one prompt to the next.
SHELL_ONLY = {"_", "OLDPWD", "PWD", "SHLVL"}
ACTIVE: Plan | None = None  # the plan of this process's check, if any


class Plan:
    """One `djrh check` from the command line whose result may be stored or replayed."""

    def __init__(self, root: str, key: bytes, storable: bool, walk: stamps.Walk | None = None) -> None:
        self.root = root
        self.key = key
        self.storable = storable
        self.walk = walk  # the tree as the key saw it: the check's cache takes it from here (load_tree)
        self.checked_root: os.PathLike | None = None  # the root `djrh check` used (cli/app.py says)
        self._streams: tuple | None = None
        self._out: _Tee | None = None
        self._err: _Tee | None = None

    def take_walk(self) -> stamps.Walk | None:
        """The walk of the tree the key was made of, given once (it is a few MB in a large tree)."""
        walk, self.walk = self.walk, None
        return walk

    @property
    def path(self) -> str | None:
        folder = cachedir.folder(self.root)
        return None if folder is None else os.path.join(folder, f"result-{self.key.hex()[:32]}")

    # -- replaying
    def replay(self) -> int | None:
        """Write the stored output and give its exit code; None when there is none to trust."""
        payload = read_framed(self.path, MAGIC, self.key)
        if payload is None or len(payload) < 9:
            return None
        code, size = payload[0], int.from_bytes(payload[1:9], "big")
        if code not in (0, 1) or size != len(payload) - 9:
            return None
        sys.stdout.flush()
        sys.stdout.buffer.write(payload[9:])
        sys.stdout.buffer.flush()
        return code

    # -- recording
    def record(self) -> None:
        """From now on, what is written to stdout and stderr is also kept."""
        self._streams = (sys.stdout, sys.stderr)
        self._out, self._err = _Tee(sys.stdout), _Tee(sys.stderr)
        sys.stdout, sys.stderr = self._out.text, self._err.text

    def finish(self, code: object) -> None:
        """Put the streams back; store the output of a run that went as a check goes."""
        if self._streams is None:
            return
        for tee in (self._out, self._err):
            try:
                tee.text.flush()
            except (OSError, ValueError):
                pass
        sys.stdout, sys.stderr = self._streams
        self._streams = None
        if not (self.storable and code in (0, 1) and not self._err.data and self.checked_root is not None):
            return
        if os.path.realpath(self.checked_root) != os.path.realpath(self.root):
            return
        self._store(code, bytes(self._out.data))

    def _store(self, code: int, out: bytes) -> None:
        write_framed(self.path, MAGIC, self.key, bytes([code]) + len(out).to_bytes(8, "big") + out, "result-")


class _Tee(io.RawIOBase):
    """A stream that writes through to another and keeps a copy."""

    def __init__(self, stream) -> None:
        super().__init__()
        self.stream = stream
        self.data = bytearray()
        self.text = io.TextIOWrapper(
            self, encoding=stream.encoding, errors=stream.errors, newline=None, write_through=True
        )

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.stream.fileno()

    def write(self, data) -> int:
        data = bytes(data)
        buffer = getattr(self.stream, "buffer", None)
        if buffer is not None:
            self.stream.flush()
            buffer.write(data)
            buffer.flush()
        else:
            self.stream.write(data.decode(self.stream.encoding or "utf-8", "replace"))
        self.data += data
        return len(data)


def read_framed(path: str | None, magic: bytes, key: bytes) -> bytes | None:
    """The payload stored at `path` under this magic and key (write_framed), in a usable cache
    folder, its checksum right; None otherwise (missing, foreign, damaged, a link)."""
    if path is None or not cachedir.usable(os.path.dirname(path)):
        return None
    raw = _read_regular(path)
    head = len(magic)
    if raw is None or not raw.startswith(magic) or raw[head : head + 32] != key:
        return None
    checksum, payload = raw[head + 32 : head + 36], raw[head + 36 :]
    return payload if zlib.crc32(payload).to_bytes(4, "big") == checksum else None


def write_framed(path: str | None, magic: bytes, key: bytes, payload: bytes, prefix: str, keep: int = KEEP) -> None:
    """Keep `payload` at `path` (the magic, the 32-byte key, a checksum, the payload), private to
    the user; then only the `keep` newest files named `prefix…` of its folder. Never raises."""
    from pathlib import Path

    from djrh.tree.fsutil import write_replacing

    if path is None:
        return
    folder = os.path.dirname(path)
    if not (cachedir.usable(folder) or cachedir.make_private(folder)):
        return
    try:
        write_replacing(Path(path), magic + key + zlib.crc32(payload).to_bytes(4, "big") + payload, mode=0o600)
        forget_oldest(folder, prefix, keep)
    except OSError:
        pass


def _read_regular(path: str) -> bytes | None:
    """The bytes of a regular file that is not a link (as tree/treefile.py reads a cache shard),
    at most LIMIT of them; None otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return None
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > LIMIT:
            return None
        chunks, left = [], info.st_size + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 24))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        raw = b"".join(chunks)
        return raw if len(raw) <= LIMIT else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def forget_oldest(folder: str, prefix: str = "result-", keep: int = KEEP) -> None:
    """Remove all but the `keep` newest files named `prefix…` (results; serve/firstpage.py's pages)."""
    results = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.is_file(follow_symlinks=False):
                results.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
    results.sort()
    for _, path in results[:-keep]:
        try:
            os.remove(path)
        except OSError:
            pass


def plan(argv: list[str]) -> Plan | None:
    """The plan of `djrh check …` given on the command line, or None when its result is not one
    to store or replay (another command, an option this does not know, --no-cache, a terminal,
    no tree found)."""
    try:
        return _plan(argv)
    except Exception:  # whatever goes wrong here, the ordinary run follows and says it properly
        return None


def _plan(argv: list[str]) -> Plan | None:
    if sys.stdout.isatty() or getattr(sys.stdout, "buffer", None) is None:
        return None
    try:  # a console that cannot show Chinese is told so on stderr: not a run to store
        "党建".encode(sys.stdout.encoding)
    except (UnicodeEncodeError, LookupError, TypeError):
        return None
    from djrh.cli.plain import options as plain_options

    options = plain_options(argv, "check")
    if options is None or options["no_cache"]:  # --no-cache: a run that reads every file, on purpose
        return None
    paths = options["paths"]
    root_option = options.get("root")
    root = _find_root(root_option, paths[0] if paths else None)
    if root is None:
        return None
    walk = stamps.walk(str(root))
    material = (
        MAGIC,
        fingerprint(),
        argv,
        os.getcwd(),
        sorted((name, value) for name, value in os.environ.items() if name not in SHELL_ONLY),
        _today(),
        sys.stdout.encoding,
        sys.stdout.errors,
        root,
        [(os.path.realpath(path), os.path.exists(path)) for path in paths],
    )
    return Plan(root, key_of(material, walk), storable=walk.settled, walk=walk)


def key_of(material: tuple, walk: stamps.Walk) -> bytes:
    """The key of what `material` (options, environment, djrh's fingerprint…) and the tree as `walk`
    saw it give: a stored result's here, the first dashboard's (serve/firstpage.py)."""
    hasher = cachedir._sha256(repr(material).encode("utf-8", "surrogatepass") + b"\0")
    walk.hash_into(hasher)
    return hasher.digest()


def _today() -> str:
    """The day a check without --as-of (or `as_of` in djrh.yaml) is made on."""
    import datetime

    return datetime.date.today().isoformat()


def _find_root(option: str | None, near: str | None) -> str | None:
    """The root `djrh check` will use (tree/root.py's find_root), found without importing it; None
    when in doubt (djrh's own checkout, whose demo tree is found by reading pyproject.toml): then
    the run is an ordinary one. cli/app.py tells the plan which root the check used, and a result
    is stored only when it is this one."""
    config = "djrh.yaml"
    if option is not None:
        if not (os.path.isdir(option) and os.path.isfile(os.path.join(option, config))):
            return None
        return os.path.realpath(option)
    start = os.getcwd() if near is None else (near if os.path.isdir(near) else os.path.dirname(near) or ".")
    folder = os.path.realpath(start)
    while True:
        if os.path.isfile(os.path.join(folder, config)):
            return folder
        if os.path.exists(os.path.join(folder, "records", config)):
            return None
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _stamp(info: os.stat_result) -> tuple[int, int, int, int, int, int]:
    return (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def fingerprint() -> list:
    """What a result depends on besides the tree and the command: this djrh and what it runs on."""
    import djrh

    parts: list = [sys.version, sys.executable, djrh.__version__]
    package = os.path.dirname(os.path.abspath(djrh.__file__))
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            path = os.path.join(folder, name)
            parts.append((path, _stamp(os.stat(path))))
    for entry in sys.path:
        try:
            parts.append((entry, _stamp(os.stat(entry or "."))))
        except OSError:
            parts.append((entry, None))
    return parts
