"""The build cache: what the last build wrote, and the key of everything each output depended on.

`attune build` keeps it in `.attune-cache/build-<options>.json` beside the sources; `attune serve` keeps the
same thing in memory, with the bytes. It is JSON on purpose: a cache that arrives with a cloned
repository can at worst cause a rebuild, never run code (as a pickle could). This module uses only
the standard library, so a build with nothing to do answers before the renderer is even imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from attunement import __version__
from attunement.config.paths import PACKAGE_DIR, THEME_DIR, Layout
from attunement.files.writer import Output, replace_file
from attunement.memo import digest
from attunement.render.linklog import DocumentRecord, LinkLog

FOLDER = ".attune-cache"
FORMAT = 3


@cache
def generator() -> str:
    """The generator's version, code and default theme, and the versions of the libraries that shape its output
    (a new Markdown parser or minifier may write other bytes): a changed generator never reuses old output."""
    files = sorted(
        (f"{name}/{p.relative_to(folder).as_posix()}", p)
        for name, folder in (("code", PACKAGE_DIR), ("theme", THEME_DIR))
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    libraries = [f"{name} {version}" for name, version in installed(OUTPUT_LIBRARIES).items()]
    return digest(__version__, *libraries, *(part for name, p in files for part in (name, p.read_bytes())))


OUTPUT_LIBRARIES = (
    "jinja2",
    "markdown-it-py",
    "markdown-it-pyrs",
    "mdit-py-plugins",
    "pydantic",
    "rjsmin",
    "rcssmin",
    "pyyaml",
    "babel",
    "snowballstemmer",
)
"""The dependencies whose version can change what a build writes."""


def installed(names: tuple[str, ...]) -> dict[str, str]:
    """Each library's installed version, read from the name of its `.dist-info` folder where importlib.metadata
    would find it, without importing that (a build with nothing to do answers sooner); importlib.metadata when
    the folder is not found."""
    wanted = {re.sub(r"[-_.]+", "_", name).lower(): name for name in names}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            listing = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in listing:
            name, _, version = entry.removesuffix(".dist-info").partition("-")
            key = re.sub(r"[-_.]+", "_", name).lower()
            if entry.endswith(".dist-info") and key in wanted and key not in found:
                found[key] = version
    if len(found) < len(wanted):
        from importlib import metadata

        found.update({key: metadata.version(name) for key, name in wanted.items() if key not in found})
    return {wanted[key]: found[key] for key in wanted}


Hashed = dict[str, tuple[int, int, str]]
"""Each source file's size, modification time and hash, by path, as the last build hashed them."""

SETTLED_NS = 2_000_000_000
"""How long before the last build's hashing a file must have been modified for its size and time to vouch for its
content: a file saved just as it was hashed may have changed within one tick of a coarse file-system clock."""


def inputs_digest(folders: list[Path], settings: str, known: Hashed, hashed_ns: int) -> tuple[str, Hashed]:
    """Every source file's path and bytes, the generator and the build settings, as one hash; and what it hashed.

    A file with the size and modification time it had when the last build hashed it (`known`, at `hashed_ns`) is
    not read again, as git trusts its index, unless it was modified within SETTLED_NS of that hashing."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{generator()}\0{settings}\0".encode())
    hashed: Hashed = {}
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    stat = os.stat(path)
                    seen = known.get(path)
                    if (
                        seen
                        and seen[:2] == (stat.st_size, stat.st_mtime_ns)
                        and stat.st_mtime_ns < hashed_ns - SETTLED_NS
                    ):
                        content = seen[2]
                    else:
                        with open(path, "rb") as file:
                            content = hashlib.blake2b(file.read(), digest_size=16).hexdigest()
                    hashed[path] = (stat.st_size, stat.st_mtime_ns, content)
                except OSError:
                    content = "unreadable"
                h.update(f"{path}\0{content}\0".encode())
    return h.hexdigest(), hashed


@dataclass
class Entry:
    """One output of the last build: its key, what rendering it learned, and where its bytes are."""

    key: str
    saved_record: DocumentRecord | dict[str, Any] | None = None
    """For document pages: heading ids and links, checked again by every build (see `record`)."""
    reads: list[str] | None = None
    """For rendered pages: the facts of the site the render read (see recorder.py), valued again by later builds."""
    size: int = -1
    mtime_ns: int = -1
    content: bytes | None = None
    """Kept by `serve` only; `build` finds the bytes in the output folder it wrote."""

    @property
    def record(self) -> DocumentRecord | None:
        """The record, decoded from the cache file when first asked for: a build with nothing to do asks for none.
        A record that does not decode makes the entry match no key, so its page is rendered again."""
        if isinstance(self.saved_record, dict):
            try:
                self.saved_record = DocumentRecord.from_json(self.saved_record)
            except (KeyError, TypeError, ValueError, AttributeError):
                self.saved_record, self.key = None, ""
        return self.saved_record

    @record.setter
    def record(self, record: DocumentRecord | None) -> None:
        self.saved_record = record


@dataclass
class BuildCache:
    entries: dict[str, Entry] = field(default_factory=dict)
    inputs: str = ""
    warnings: list[str] = field(default_factory=list)
    pages: int = 0
    drafts: list[str] = field(default_factory=list)
    dest: str = ""
    """The output folder the build wrote (absolute)."""
    quiz_logs: dict[str, LinkLog] = field(default_factory=dict)
    """The links of each quiz text, by its source's digest and part (kept by `serve` only)."""
    hashed: Hashed = field(default_factory=dict)
    hashed_ns: int = 0
    """When the sources were hashed (see inputs_digest)."""

    def reuse(self, output: str, key: str, dest: Path | None) -> Output | None:
        """The previous bytes of `output` if its key is unchanged and they are still where they were put."""
        entry = self.entries.get(output)
        if entry is None or entry.key != key:
            return None
        if entry.content is not None:
            return Output(output, content=entry.content)
        if dest is None:
            return None
        path = dest / output
        try:
            stat = path.stat()
        except OSError:
            return None
        if stat.st_size != entry.size or stat.st_mtime_ns != entry.mtime_ns:
            return None
        return Output(output, file=path, link=True)

    def up_to_date(self, inputs: str, dest: Path) -> bool:
        """Whether nothing changed since the last build and its output folder is exactly as written."""
        if not self.inputs or inputs != self.inputs:
            return False
        found = 0
        folders = [(str(dest), "")]
        while folders:
            folder, prefix = folders.pop()
            try:
                listing = list(os.scandir(folder))
            except OSError:
                return False
            for item in listing:
                if item.is_dir(follow_symlinks=False):
                    folders.append((item.path, f"{prefix}{item.name}/"))
                    continue
                entry = self.entries.get(prefix + item.name)
                try:
                    stat = item.stat()
                except OSError:
                    return False
                if entry is None or stat.st_size != entry.size or stat.st_mtime_ns != entry.mtime_ns:
                    return False
                found += 1
        return found == len(self.entries)

    def record_files(self, dest: Path) -> None:
        """Remember the size and time of every file written, to know later that nobody changed it."""
        for output, entry in self.entries.items():
            stat = (dest / output).stat()
            entry.size, entry.mtime_ns = stat.st_size, stat.st_mtime_ns


@dataclass
class LastBuild:
    """The previous `attune build` with the same options, and whether its output is still current."""

    cache: BuildCache
    inputs: str
    settings: str
    hashed: Hashed = field(default_factory=dict)
    hashed_ns: int = 0

    @property
    def current(self) -> bool:
        return bool(self.cache.dest) and self.cache.up_to_date(self.inputs, Path(self.cache.dest))


def last_build(layout: Layout, output: Path | None, strict: bool | None, *, clean: bool) -> LastBuild:
    """Hash the sources and read the cache (unless `clean`: then the build starts from nothing)."""
    settings = f"site\0{output.resolve() if output else None}\0{strict}"
    cache_ = BuildCache() if clean else load(layout.root, settings)
    hashed_ns = time.time_ns()
    folders = [layout.site_src, layout.quizzes, layout.templates]
    inputs, hashed = inputs_digest(folders, settings, cache_.hashed, cache_.hashed_ns)
    expected = output.resolve() if output else layout.root.resolve()
    if cache_.dest and not Path(cache_.dest).is_relative_to(expected):
        cache_ = (
            BuildCache()
        )  # files are only ever reused from the folder this build writes (or, by default, the site's)
    return LastBuild(cache_, inputs, settings, hashed, hashed_ns)


def kept(root: Path, name: str, clean: bool = False) -> dict[str, Any]:
    """What earlier builds by this generator kept by content in `.attune-cache/<name>.json` (parsed Markdown, search
    shards: the same whatever the options), or nothing for a clean build."""
    if clean:
        return {}
    try:
        data = json.loads((root / FOLDER / f"{name}.json").read_text(encoding="utf-8"))
        return dict(data["kept"]) if data.get("format") == FORMAT and data.get("generator") == generator() else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def keep(root: Path, name: str, values: dict[str, Any]) -> None:
    _write(root, name, {"format": FORMAT, "generator": generator(), "kept": values})


def cache_file(root: Path, settings: str) -> Path:
    """One cache per set of options, so a build into another folder does not evict the usual one."""
    return root / FOLDER / f"build-{digest(settings)[:16]}.json"


def load(root: Path, settings: str) -> BuildCache:
    """The cache of the last build with the same generator and settings, or an empty one."""
    try:
        data = json.loads(cache_file(root, settings).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("generator") != generator() or data.get("settings") != settings:
            return BuildCache()
        entries = {
            o: Entry(
                e["key"],
                _record_json(e["record"]),
                _strings(e["reads"]),
                e["size"],
                e["mtime_ns"],
            )
            for o, e in data["entries"].items()
        }
        return BuildCache(
            entries,
            data["inputs"],
            list(data["warnings"]),
            int(data["pages"]),
            list(data["drafts"]),
            str(data["dest"]),
            hashed={
                path: (int(size), int(mtime), str(content)) for path, (size, mtime, content) in data["hashed"].items()
            },
            hashed_ns=int(data["hashed_ns"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return BuildCache()  # missing, old or damaged: rebuild everything, which rewrites it


def _strings(data: object) -> list[str] | None:
    if data is not None and not (isinstance(data, list) and all(isinstance(item, str) for item in data)):
        raise TypeError("damaged reads")
    return data


def _record_json(data: object) -> dict[str, Any] | None:
    if data is not None and not isinstance(data, dict):
        raise TypeError("a damaged record")  # the whole cache is set aside, as for any damage load finds
    return data


def save(root: Path, settings: str, cache_: BuildCache) -> None:
    data = {
        "format": FORMAT,
        "generator": generator(),
        "settings": settings,
        "inputs": cache_.inputs,
        "warnings": cache_.warnings,
        "pages": cache_.pages,
        "drafts": cache_.drafts,
        "dest": cache_.dest,
        "hashed_ns": cache_.hashed_ns,
        "hashed": cache_.hashed,
        "entries": {
            o: {
                "key": e.key,
                "record": e.record.to_json() if e.record else None,
                "reads": e.reads,
                "size": e.size,
                "mtime_ns": e.mtime_ns,
            }
            for o, e in sorted(cache_.entries.items())
        },
    }
    _write(root, cache_file(root, settings).stem, data)


def _write(root: Path, name: str, data: dict[str, Any]) -> None:
    folder = root / FOLDER
    folder.mkdir(exist_ok=True)
    if not (folder / ".gitignore").exists():
        (folder / ".gitignore").write_text(
            "# The build cache of `attune build`; safe to delete.\n*\n", encoding="utf-8"
        )

    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8") as file:
            _stream(data, file)

    replace_file(folder / f"{name}.json", write)


def _stream(data: dict[str, Any], file: TextIO) -> None:
    """`data` as JSON, written a value at a time down to its mappings' values: a cache of thousands of pages is never
    one string in memory, and each value goes through the C encoder (`json.dump` would use the slow Python one)."""
    encode = json.JSONEncoder(separators=(",", ":")).encode
    file.write("{")
    for index, (key, value) in enumerate(data.items()):
        file.write(("," if index else "") + encode(key) + ":")
        if isinstance(value, dict):
            file.write("{")
            for inner, (k, v) in enumerate(value.items()):
                file.write(("," if inner else "") + encode(k) + ":" + encode(v))
            file.write("}")
        else:
            file.write(encode(value))
    file.write("}")
