"""The service layer: everything Relais can do, in one object, for the bot, the console chat and the CLI.

It opens the knowledge base, the creator roster and the optional LLM when first needed (the
bot and the console open them all at start-up with :meth:`Assistant.open`; a CLI command opens
only what it uses, so `relais check` touches no store), and exposes plain methods that take and
return pydantic models. It knows nothing of Telegram or of the terminal. Methods are synchronous
(CPU-bound work and blocking I/O); async callers run them in a worker thread.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from bot.briefs.models import Brief, BriefRequest, CaptionCheckRequest, CheckResult
from bot.settings import Settings
from knowledge.models import Answer, IngestReport, KnowledgeStats
from scoring.models import Creator, ImportReport, Shortlist, ShortlistRequest

if TYPE_CHECKING:
    from collections.abc import Callable

    from knowledge.base import KnowledgeBase
    from scoring.importing import ImportPreview
    from scoring.roster import Roster

log = logging.getLogger(__name__)

SAMPLE_ROSTER_SIZE = 2000
SAMPLE_ROSTER_SEED = 7
_NOT_YET = object()  # the LLM slot before it is built (None means "no LLM configured")


class AssistantStats(BaseModel):
    knowledge: KnowledgeStats
    creators: int
    llm: str  # "none" or "provider:model"


class CreatorPage(BaseModel):
    total: int  # creators in the roster, whatever the filters
    creators: list[Creator]


class Assistant:
    def __init__(self, settings: Settings) -> None:
        """Nothing is opened yet: each part opens on first use (see :meth:`open`)."""
        self.settings = settings
        self._knowledge: KnowledgeBase | None = None
        self._roster: Roster | None = None
        self._llm = _NOT_YET
        self._opening = threading.Lock()  # two worker threads must not open a part twice

    @classmethod
    def open(cls, settings: Settings) -> Assistant:
        """Every part opened now: a busy or unreachable store fails at start-up, not at the first question."""
        assistant = cls(settings)
        try:
            assistant.knowledge, assistant.roster, assistant.llm  # noqa: B018 (opening is the point)
        except BaseException:
            assistant.close()
            raise
        return assistant

    @property
    def knowledge(self) -> KnowledgeBase:
        with self._opening:
            if self._knowledge is None:
                from bot.wiring import open_knowledge

                self.settings.data_dir.mkdir(parents=True, exist_ok=True)
                self._knowledge = open_knowledge(self.settings)
            return self._knowledge

    @property
    def roster(self) -> Roster:
        with self._opening:
            if self._roster is None:
                from bot.wiring import open_roster

                self.settings.data_dir.mkdir(parents=True, exist_ok=True)
                self._roster = open_roster(self.settings)
            return self._roster

    @property
    def llm(self):
        """The optional chat model, or None when none is configured."""
        with self._opening:
            if self._llm is _NOT_YET:
                from bot.wiring import make_chat_model

                self._llm = make_chat_model(self.settings)
            return self._llm

    def close(self) -> None:
        roster, knowledge, self._roster, self._knowledge = self._roster, self._knowledge, None, None
        if roster is not None:
            roster.close()
        if knowledge is not None:
            knowledge.close()

    def __enter__(self) -> Assistant:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # First use -----------------------------------------------------------------------------

    def ensure_ready(self, progress=None) -> list[str]:
        """Index the shipped knowledge base and load a sample roster when they are empty.

        Returns what was done, in words, for the caller to show.
        """
        from knowledge import CORPUS_DIR
        from scoring.sample import generate_sample

        done = []
        if self.knowledge.stats().chunks == 0:
            report = self.knowledge.ingest([CORPUS_DIR], progress=progress)
            done.append(f"indexed the shipped knowledge base ({len(report.added)} documents)")
        if self.roster.count() == 0:
            sample = self.settings.data_dir / "sample-roster.csv"
            generate_sample(sample, count=SAMPLE_ROSTER_SIZE, seed=SAMPLE_ROSTER_SEED)
            report = self.roster.import_file(sample)
            done.append(f"loaded a synthetic demo roster ({report.created} creators, labelled synthetic)")
        return done

    # The four capabilities -------------------------------------------------------------------

    def ask(self, question: str, k: int = 5, language: str | None = None) -> Answer:
        return self.knowledge.ask(question, k=k, language=language, llm=self.llm)

    def shortlist(self, request: ShortlistRequest) -> Shortlist:
        from scoring.shortlist import shortlist_creators

        return shortlist_creators(self.roster, request)

    def shortlist_request(self, text: str) -> ShortlistRequest:
        """``"cosmétiques naturels, instagram, France, micro, budget 3000 €"`` -> the request it says.

        The bot keeps the request to refine it later (another platform, tier, budget...).
        """
        from scoring.query import parse_shortlist_query

        return parse_shortlist_query(text)

    def shortlist_from_text(self, text: str) -> Shortlist:
        """``"cosmétiques naturels, instagram, France, micro, budget 3000 €"`` -> a shortlist."""
        return self.shortlist(self.shortlist_request(text))

    def check_caption(self, request: CaptionCheckRequest) -> CheckResult:
        from bot.briefs.checker import check_caption
        from bot.wiring import make_caption_meaning

        return check_caption(request, meaning=make_caption_meaning())

    def draft_brief(self, request: BriefRequest) -> Brief:
        from bot.briefs.drafting import draft_brief

        return draft_brief(request, llm=self.llm)

    # Documents -----------------------------------------------------------------------------------

    def write_brief_docx(self, brief: Brief, folder: Path) -> Path:
        """The brief as a .docx in ``folder``, named after the brand."""
        from bot.briefs.document import write_docx

        path = folder / f"{file_stem('brief', brief.request.brand)}.docx"
        write_docx(brief, path)
        return path

    def write_shortlist_csv(self, shortlist: Shortlist, folder: Path) -> Path:
        """The shortlist with every factor as a .csv in ``folder``, named after the niche."""
        from scoring.export import write_shortlist_csv

        path = folder / f"{file_stem('shortlist', shortlist.niche)}.csv"
        write_shortlist_csv(shortlist, path)
        return path

    def shortlist_chart(self, shortlist: Shortlist) -> bytes:
        """A PNG of each shortlisted creator's score factors."""
        from scoring.chart import render_factor_chart

        return render_factor_chart(shortlist)

    # Administration ------------------------------------------------------------------------------

    def ingest(self, paths: list[Path], progress=None) -> IngestReport:
        return self.knowledge.ingest(paths, progress=progress)

    def import_roster(self, path: Path, overrides: dict[str, str] | None = None, platform: str | None = None,
                      progress: Callable[[int, int], None] | None = None, language: str = "en") -> ImportReport:
        """Import a roster file in one transaction; raises RosterFileError (a ValueError) when unusable.

        ``overrides`` (header -> field) and ``platform`` (for rows that name none) are those of
        :func:`scoring.importing.read_import`; the report's notes and rejections are in ``language``."""
        return self.roster.import_file(path, progress=progress, overrides=overrides, platform=platform,
                                       language=language)

    def preview_import(self, path: Path, overrides: dict[str, str] | None = None,
                       platform: str | None = None) -> ImportPreview:
        """What :meth:`import_roster` would do, written nowhere. A roster already on disk lends its
        follower counts (post-by-post exports have none), but a missing one is not created for it."""
        from scoring.importing import read_import

        if self._roster is None and not self.settings.roster_path.exists():
            return read_import(path, overrides, platform).preview()
        return read_import(path, overrides, platform, known_followers=self.roster.known_followers).preview()

    # The roster ---------------------------------------------------------------------------------

    def creators(self, platform: str | None = None, country: str | None = None, search: str | None = None,
                 limit: int = 50, offset: int = 0) -> CreatorPage:
        """A page of the roster, by platform then handle; ``search`` looks in handles, names and topics."""
        return CreatorPage(total=self.roster.count(), creators=self.roster.list(
            platform=platform, country=country, search=search, limit=limit, offset=offset))

    def find_creators(self, handle: str, platform: str | None = None) -> list[Creator]:
        """The creators a handle names: one per platform, or the one on ``platform``."""
        if platform:
            creator = self.roster.get(platform, handle)
            return [creator] if creator else []
        return self.roster.find(handle)

    def remove_creator(self, creator: Creator) -> bool:
        return self.roster.remove(creator.platform, creator.handle)

    def stats(self) -> AssistantStats:
        llm = f"{self.settings.llm_provider}:{self.settings.llm_model}" if self.llm else "none"
        return AssistantStats(knowledge=self.knowledge.stats(), creators=self.roster.count(), llm=llm)


def file_stem(kind: str, name: str) -> str:
    """A file name safe on every system: "brief-Maison-Lumi", "shortlist-cosmétiques-naturels"."""
    stem = re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-")[:40]
    return f"{kind}-{stem}" if stem else kind
