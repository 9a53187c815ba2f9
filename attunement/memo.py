"""Values kept from one build to the next, by key or by content, so a rebuild redoes only what changed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def digest(*parts: str | bytes) -> str:
    """A content hash of several parts (length-prefixed, so parts cannot run into each other): the key of
    anything kept by content."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class Recent(Generic[K, V]):
    """A value per key, made once and reused while builds keep asking for it: what one build did not ask for is
    dropped after the next (`next_build`), so an edited source's old values do not pile up."""

    def __init__(self, earlier: dict[K, V] | None = None) -> None:
        self._last: dict[K, V] = {}
        self._now: dict[K, V] = dict(earlier or {})

    def next_build(self) -> None:
        self._last, self._now = self._now, {}

    def used(self) -> dict[K, V]:
        """What the build since `next_build` asked for: what to keep for the next."""
        return dict(self._now)

    def __contains__(self, key: K) -> bool:
        return key in self._now or key in self._last

    def setdefault(self, key: K, value: V) -> V:
        """The value kept for `key`, or `value`, kept from now on (as `dict.setdefault`)."""
        return self.get(key, lambda: value)

    def get(self, key: K, make: Callable[[], V]) -> V:
        if key in self._now:
            return self._now[key]
        found = self._last[key] if key in self._last else make()
        self._now[key] = found
        return found
