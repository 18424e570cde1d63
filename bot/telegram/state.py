"""The bot's persisted state: user settings, conversations, recent answers, shortlists and briefs.

PTB's PicklePersistence writes the file in place, so a crash mid-write would leave a file
that no longer loads. Here every write goes to a temporary file that replaces the old one
only once complete (``os.replace`` is atomic), and a file that still fails to load is set
aside with a warning instead of stopping the bot.
"""

from __future__ import annotations

import copy
import logging
import os
import pickle
import time
from pathlib import Path

from telegram.ext import ContextTypes, PicklePersistence
from telegram.ext._picklepersistence import (
    _BotPickler,  # pinned PTB 22: the pickler that swaps the Bot out
)

log = logging.getLogger(__name__)

UPDATE_INTERVAL = 1.0  # seconds between writes; at most this much is lost on a hard crash


class BotData(dict):
    """``bot_data``: the services (never persisted) and the few entries that are.

    PTB deep-copies ``bot_data`` before handing it to the persistence; copying only the
    persisted keys keeps the Assistant, settings and locks out of the copy and the file.
    """

    PERSISTED = ("refused_users",)

    def __deepcopy__(self, memo: dict) -> BotData:
        return BotData({key: copy.deepcopy(value, memo) for key, value in self.items() if key in self.PERSISTED})


CONTEXT_TYPES = ContextTypes(bot_data=BotData)


class AtomicPicklePersistence(PicklePersistence):
    def _dump_singlefile(self) -> None:
        data = {
            "conversations": self.conversations,
            "user_data": self.user_data,
            "chat_data": self.chat_data,
            "bot_data": self.bot_data,
            "callback_data": self.callback_data,
        }
        self._dump_file(self.filepath, data)

    def _dump_file(self, filepath: Path, data: object) -> None:
        partial = filepath.with_name(f".{filepath.name}.{os.getpid()}.tmp")
        try:
            with partial.open("wb") as file:
                _BotPickler(self.bot, file, protocol=pickle.HIGHEST_PROTOCOL).dump(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(partial, filepath)
        finally:
            partial.unlink(missing_ok=True)

    def _load_singlefile(self) -> None:
        try:
            super()._load_singlefile()
        except TypeError as exc:  # PTB's wording for "this file does not unpickle"
            aside = self.filepath.with_name(f"{self.filepath.name}.unreadable-{int(time.time())}")
            os.replace(self.filepath, aside)
            log.warning("the bot state file could not be read (%s); set it aside as %s and started afresh",
                        exc.__cause__ or exc, aside.name)
            super()._load_singlefile()


def open_persistence(path: Path) -> AtomicPicklePersistence:
    path.parent.mkdir(parents=True, exist_ok=True)
    return AtomicPicklePersistence(path, update_interval=UPDATE_INTERVAL, context_types=CONTEXT_TYPES)
