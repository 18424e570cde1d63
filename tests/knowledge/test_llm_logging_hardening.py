"""Whatever the model or its provider says never reaches the WARNING log: only a type and a short reason."""

from __future__ import annotations

import logging

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.outputs import ChatResult

from knowledge.llm import llm_answer
from knowledge.models import Answer
from knowledge.retrieval import Passage

SECRET = "SECRET-MODEL-TEXT-4242"


class _FailingChatModel(BaseChatModel):
    """A provider whose error message quotes what it should not (the reply, a key...)."""

    @property
    def _llm_type(self) -> str:
        return "failing"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        raise ValueError(f"could not parse the reply {SECRET!r} (Authorization: Bearer {SECRET})")


def _passages() -> list[Passage]:
    return [Passage(id="a", text="Le sérum se vend 39 euros.", metadata={"title": "Tarifs", "source": "tarifs.md"})]


def _fallback() -> Answer:
    return Answer(answer="extractive", language="fr", found=True)


def _warnings(caplog) -> str:
    return "\n".join(
        record.getMessage() + (str(record.exc_info[1]) if record.exc_info else "")
        for record in caplog.records if record.levelno >= logging.WARNING
    )


def test_a_provider_error_logs_its_type_not_its_text(caplog):
    caplog.set_level(logging.DEBUG, logger="knowledge.llm")
    answer = llm_answer(_FailingChatModel(), "Quel prix ?", _passages(), "fr", _fallback())
    assert answer.answer == "extractive"
    warnings = _warnings(caplog)
    assert "ValueError" in warnings
    assert SECRET not in warnings


def test_an_unusable_reply_logs_a_reason_not_the_reply(caplog):
    caplog.set_level(logging.DEBUG, logger="knowledge.llm")
    for reply in (f"{SECRET} sans aucune citation", f"{SECRET} selon [7]"):
        caplog.clear()
        answer = llm_answer(FakeListChatModel(responses=[reply]), "Quel prix ?", _passages(), "fr", _fallback())
        assert answer.answer == "extractive"
        warnings = _warnings(caplog)
        assert "LLM answer not used" in warnings
        assert SECRET not in warnings
