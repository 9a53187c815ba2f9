"""Values a long-running process keeps from one build to the next (`serve`), so a rebuild redoes only what changed."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """A value per key, made once and reused while builds keep asking for it: what one build did not ask for is
    dropped after the next (`next_build`), so an edited source's old values do not pile up."""

    def __init__(self) -> None:
        self._last: dict[K, V] = {}
        self._now: dict[K, V] = {}

    def next_build(self) -> None:
        self._last, self._now = self._now, {}

    def get(self, key: K, make: Callable[[], V]) -> V:
        if key in self._now:
            return self._now[key]
        found = self._last[key] if key in self._last else make()
        self._now[key] = found
        return found
