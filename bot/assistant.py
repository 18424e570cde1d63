"""The service layer: everything Relais can do, in one object, for the bot, the console chat and the CLI.

It opens the knowledge base, the creator roster and the optional LLM once, and exposes
plain methods that take and return pydantic models. It knows nothing of Telegram or of
the terminal. Methods are synchronous (CPU-bound work and blocking I/O); async callers run
them in a worker thread.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from pydantic import BaseModel

from bot.briefs.checker import check_caption
from bot.briefs.document import write_docx
from bot.briefs.drafting import draft_brief
from bot.briefs.models import Brief, BriefRequest, CaptionCheckRequest, CheckResult
from bot.settings import Settings
from knowledge import CORPUS_DIR
from knowledge.base import KnowledgeBase
from knowledge.llm import make_chat_model
from knowledge.models import Answer, IngestReport, KnowledgeStats
from scoring.chart import render_factor_chart
from scoring.export import write_shortlist_csv
from scoring.models import Shortlist, ShortlistRequest
from scoring.query import parse_shortlist_query
from scoring.roster import Roster
from scoring.sample import generate_sample
from scoring.shortlist import shortlist_creators

log = logging.getLogger(__name__)

SAMPLE_ROSTER_SIZE = 2000
SAMPLE_ROSTER_SEED = 7


class AssistantStats(BaseModel):
    knowledge: KnowledgeStats
    creators: int
    llm: str  # "none" or "provider:model"


class Assistant:
    def __init__(self, settings: Settings, knowledge: KnowledgeBase, roster: Roster, llm=None) -> None:
        self.settings = settings
        self.knowledge = knowledge
        self.roster = roster
        self.llm = llm

    @classmethod
    def open(cls, settings: Settings) -> Assistant:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        knowledge = KnowledgeBase.open(settings)
        try:
            roster = Roster.open(settings)
        except Exception:
            knowledge.close()
            raise
        return cls(settings, knowledge, roster, llm=make_chat_model(settings))

    def close(self) -> None:
        self.roster.close()
        self.knowledge.close()

    def __enter__(self) -> Assistant:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # First use -----------------------------------------------------------------------------

    def ensure_ready(self, progress=None) -> list[str]:
        """Index the shipped knowledge base and load a sample roster when they are empty.

        Returns what was done, in words, for the caller to show.
        """
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
        return shortlist_creators(self.roster, request)

    def shortlist_request(self, text: str) -> ShortlistRequest:
        """``"cosmétiques naturels, instagram, France, micro, budget 3000 €"`` -> the request it says.

        The bot keeps the request to refine it later (another platform, tier, budget...).
        """
        return parse_shortlist_query(text)

    def shortlist_from_text(self, text: str) -> Shortlist:
        """``"cosmétiques naturels, instagram, France, micro, budget 3000 €"`` -> a shortlist."""
        return self.shortlist(self.shortlist_request(text))

    def check_caption(self, request: CaptionCheckRequest) -> CheckResult:
        return check_caption(request)

    def draft_brief(self, request: BriefRequest) -> Brief:
        return draft_brief(request, llm=self.llm)

    # Documents -----------------------------------------------------------------------------------

    def write_brief_docx(self, brief: Brief, folder: Path) -> Path:
        """The brief as a .docx in ``folder``, named after the brand."""
        path = folder / f"{file_stem('brief', brief.request.brand)}.docx"
        write_docx(brief, path)
        return path

    def write_shortlist_csv(self, shortlist: Shortlist, folder: Path) -> Path:
        """The shortlist with every factor as a .csv in ``folder``, named after the niche."""
        path = folder / f"{file_stem('shortlist', shortlist.niche)}.csv"
        write_shortlist_csv(shortlist, path)
        return path

    def shortlist_chart(self, shortlist: Shortlist) -> bytes:
        """A PNG of each shortlisted creator's score factors."""
        return render_factor_chart(shortlist)

    # Administration ------------------------------------------------------------------------------

    def ingest(self, paths: list[Path], progress=None) -> IngestReport:
        return self.knowledge.ingest(paths, progress=progress)

    def stats(self) -> AssistantStats:
        llm = f"{self.settings.llm_provider}:{self.settings.llm_model}" if self.llm else "none"
        return AssistantStats(knowledge=self.knowledge.stats(), creators=self.roster.count(), llm=llm)


def file_stem(kind: str, name: str) -> str:
    """A file name safe on every system: "brief-Maison-Lumi", "shortlist-cosmétiques-naturels"."""
    stem = re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-")[:40]
    return f"{kind}-{stem}" if stem else kind
