"""What rendering a text learned about its links, in memory and as JSON for the build cache.

Kept apart from the renderer (standard library only), so the cache can be read without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from attunement.diagnostics import Location


@dataclass
class LinkLog:
    """What rendering one text learned about its links: enough to check them again without re-rendering it.

    `targets` records each `.md` source looked up and whether it was there (the HTML depends on that);
    the site paths and anchors are checked after every build, against that build's plan and headings.
    """

    targets: dict[str, bool] = field(default_factory=dict)
    paths: list[tuple[str, Location]] = field(default_factory=list)
    anchors: list[tuple[str, str, Location]] = field(default_factory=list)
    broken: list[tuple[Location, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "targets": self.targets,
            "paths": self.paths,  # a Location is a named tuple: JSON has it as a list
            "anchors": self.anchors,
            "broken": self.broken,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinkLog:
        return cls(
            {k: bool(v) for k, v in data["targets"].items()},
            [(p, Location(*w)) for p, w in data["paths"]],
            [(k, f, Location(*w)) for k, f, w in data["anchors"]],
            [(Location(*w), m) for w, m in data["broken"]],
        )


@dataclass
class DocumentRecord:
    """What a later build needs of a document page it does not render again: heading ids and links."""

    ids: list[str]
    log: LinkLog

    def to_json(self) -> dict[str, Any]:
        return {"ids": self.ids, "log": self.log.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentRecord:
        return cls(list(data["ids"]), LinkLog.from_json(data["log"]))
