"""Briefs: every jurisdiction x compensation passes its own checker, refusals, DOCX, the LLM path."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from docx import Document

from bot.briefs.checker import check_caption
from bot.briefs.document import write_docx, write_markdown
from bot.briefs.disclosure import VIDEO_PLATFORMS
from bot.briefs.drafting import draft_brief
from bot.briefs.models import (
    COMPENSATIONS,
    JURISDICTIONS,
    BriefRefused,
    BriefRequest,
    CaptionCheckRequest,
)
from bot.wiring import make_chat_model

PLATFORMS = ["instagram", "tiktok", "youtube"]


def brief_request(**overrides) -> BriefRequest:
    values = dict(
        brand="Maison Lune",
        product="Sérum Éclat",
        product_category="skincare",
        niche="skincare naturel",
        platforms=["instagram"],
        jurisdictions=["FR"],
        key_messages=["hydrate sans coller"],
        budget=3000,
    )
    values.update(overrides)
    return BriefRequest(**values)


def assert_captions_pass(brief) -> None:
    request = brief.request
    assert set(brief.example_captions) == {f"{j}/{p}" for j in request.jurisdictions for p in request.platforms}
    for key, caption in brief.example_captions.items():
        jurisdiction, platform = key.split("/")
        result = check_caption(
            CaptionCheckRequest(
                caption=caption,
                jurisdiction=jurisdiction,
                platform=platform,
                media=VIDEO_PLATFORMS.get(platform, "post"),
                compensation=request.compensation,
                product_category=request.product_category,
                brand=request.brand,
            )
        )
        assert result.compliant, (key, caption, [issue.message for issue in result.issues])


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
@pytest.mark.parametrize("compensation", COMPENSATIONS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_brief_passes_its_own_checker(jurisdiction: str, compensation: str, language: str) -> None:
    brief = draft_brief(brief_request(jurisdictions=[jurisdiction], compensation=compensation, language=language, platforms=PLATFORMS))
    assert brief.mode == "template"
    assert_captions_pass(brief)
    keys = [section.key for section in brief.sections]
    for key in ("context", "goal", "key_messages", "deliverables", "dos_donts", "compensation", "usage_rights", "approvals", "disclosure"):
        assert key in keys
    section = next(s for s in brief.sections if s.key == f"disclosure/{jurisdiction}")
    assert any("https://" in bullet for bullet in section.bullets)
    heading = "## Obligations de transparence" if language == "fr" else "## Disclosure requirements"
    assert heading in brief.markdown
    if compensation != "none":
        assert len(section.table) == 1 + len(PLATFORMS)  # header + one row per platform
        for key, caption in brief.example_captions.items():
            label = caption.split("\n", 1)[0]
            assert label in brief.markdown
    else:
        assert not section.table


def test_france_brief_carries_the_image_labels_the_contract_and_the_loi_evin() -> None:
    brief = draft_brief(brief_request(product="Champagne Brut Lune", product_category="alcohol", key_messages=[]))
    assert_captions_pass(brief)
    assert all("L'abus d'alcool est dangereux pour la santé" in caption for caption in brief.example_captions.values())
    text = brief.markdown
    assert "« Images retouchées »" in text and "« Images virtuelles »" in text
    assert "Loi Evin" in text and "1 000 € HT" in text
    assert "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000047663185" in text


def test_post_language_jurisdictions_list_a_label_per_language() -> None:
    brief = draft_brief(brief_request(jurisdictions=["CA"], compensation="gifted", language="en"))
    section = next(s for s in brief.sections if s.key == "disclosure/CA")
    assert any("#ad #gifted" in bullet and "#pub – produit offert" in bullet for bullet in section.bullets)
    assert brief.example_captions["CA/instagram"].startswith("#ad #gifted\nI tried")


def test_a_claim_in_a_key_message_is_kept_out_and_explained() -> None:
    brief = draft_brief(brief_request(key_messages=["hydrate sans coller", "Perdez 5 kg en 2 semaines"]))
    messages = next(s for s in brief.sections if s.key == "key_messages")
    watch = next(s for s in brief.sections if s.key == "watch_outs")
    assert messages.bullets == ["hydrate sans coller"]
    assert "Perdez 5 kg" in watch.bullets[0] and "1924/2006" in watch.bullets[0]


def test_a_product_name_making_a_claim_gets_a_plain_example_and_a_watch_out() -> None:
    brief = draft_brief(brief_request(product="Thé -5 kg en 2 semaines", jurisdictions=["FR", "UK"], key_messages=[]))
    assert_captions_pass(brief)
    assert brief.example_captions["FR/instagram"] == "Publicité\nJ'ai testé ce produit de @maisonlune pendant deux semaines."
    watch = next(s for s in brief.sections if s.key == "watch_outs")
    assert watch.bullets[0].startswith("« Thé -5 kg en 2 semaines » à reformuler")


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        (dict(product_category="cosmetic_surgery", product="Consultation"), "visée esthétique"),
        (dict(product="Lip filler", product_category=None), "visée esthétique"),
        (dict(product="Sachets de nicotine menthe", product_category=None), "nicotine"),
        (dict(product="Wallet", product_category="crypto"), "AMF"),
        (dict(product="Formation trading de CFD", product_category=None), "CFD"),
        (dict(key_messages=["Cette tisane remplace votre traitement"], product_category="food"), "traitement"),
        (dict(product="Abonnement pronos VIP", product_category=None), "pronostics"),
        (dict(product="Botox injection", product_category=None, jurisdictions=["UK"], language="en"), "prescription"),
        (dict(product="Cannabis gummies", product_category=None, jurisdictions=["US", "CA"], language="en"), "Cannabis"),
    ],
)
def test_prohibited_promotions_are_refused_with_reason_and_reference(overrides: dict, reason: str) -> None:
    with pytest.raises(BriefRefused) as refused:
        draft_brief(brief_request(**overrides))
    assert reason in refused.value.reason
    assert "https://" in refused.value.reference


def test_what_is_banned_somewhere_is_drafted_elsewhere() -> None:
    brief = draft_brief(brief_request(product="Lip filler", product_category="cosmetic_surgery", jurisdictions=["US"], language="en"))
    assert_captions_pass(brief)
    allowed = draft_brief(brief_request(product="Wallet", product_category="crypto_authorised"))
    assert_captions_pass(allowed)


def test_unknown_platform_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown platform 'myspace'"):
        draft_brief(brief_request(platforms=["myspace"]))


def test_docx_opens_and_contains_the_disclosure_section(tmp_path: Path) -> None:
    brief = draft_brief(brief_request(jurisdictions=["FR", "UK"], platforms=["instagram", "tiktok"], compensation="gifted"))
    path = write_docx(brief, tmp_path / "out" / "brief.docx")
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    assert headings[0] == brief.title
    assert "Obligations de transparence" in headings and "France (FR)" in headings and "Royaume-Uni (UK)" in headings
    assert len(document.tables) == 2  # one per jurisdiction: platform, label, placement, tool
    assert [cell.text for cell in document.tables[0].rows[0].cells] == ["Plateforme", "Mention", "Emplacement", "Outil de la plateforme"]
    assert document.tables[1].rows[1].cells[1].text == "Ad – Gifted"
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert brief.example_captions["FR/instagram"] in quotes
    assert any(p.style.name == "List Bullet" and "https://" in p.text for p in document.paragraphs)
    assert [p.name for p in path.parent.iterdir()] == ["brief.docx"]  # no temporary file left


def test_markdown_file_replaces_the_old_one_whole(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text("old brief", encoding="utf-8")
    brief = draft_brief(brief_request())
    write_markdown(brief, path)
    assert path.read_text(encoding="utf-8") == brief.markdown


# The LLM path, against a real OpenAI-compatible HTTP server on 127.0.0.1 ---------------------------


class ScriptedChatServer:
    """Answers /v1/chat/completions with the next scripted reply; records what it was sent."""

    def __init__(self) -> None:
        self.replies: list[tuple[int, str]] = []
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                server.requests.append(json.loads(self.rfile.read(length)))
                status, content = server.replies.pop(0) if server.replies else (500, "")
                body = json.dumps(
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "created": 0,
                        "model": "test-model",
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                    if status == 200
                    else {"error": {"message": "scripted failure", "type": "server_error"}}
                ).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def chat_server():
    server = ScriptedChatServer()
    yield server
    server.close()


@pytest.fixture
def llm(chat_server: ScriptedChatServer, make_settings):
    chat_server.replies.clear()
    chat_server.requests.clear()
    settings = make_settings(llm_provider="openai", llm_model="test-model", llm_base_url=chat_server.url, llm_timeout=5)
    return make_chat_model(settings)


def creative(**overrides) -> str:
    reply = {
        "context": "Maison Lune veut faire découvrir son Sérum Éclat à des passionnées de soin naturel, avec des créatrices qui testent vraiment.",
        "goal": "Donner envie d'essayer le sérum grâce à des avis sincères.",
        "key_messages": ["Une texture légère qui pénètre vite"],
        "dos": ["Filmez votre routine du matin à la lumière naturelle"],
        "donts": ["Utiliser des filtres qui changent la texture de la peau"],
        "example_captions": {"FR/instagram": "Publicité\nMa routine du matin avec le Sérum Éclat de @maisonlune : léger et vite absorbé."},
    }
    reply.update(overrides)
    return "```json\n" + json.dumps(reply, ensure_ascii=False) + "\n```"


def test_llm_creative_sections_are_used_when_they_pass(chat_server: ScriptedChatServer, llm) -> None:
    chat_server.replies.append((200, creative()))
    brief = draft_brief(brief_request(), llm=llm)
    assert brief.mode == "llm"
    assert "passionnées de soin naturel" in brief.markdown
    assert brief.example_captions["FR/instagram"].startswith("Publicité\nMa routine du matin")
    assert "hydrate sans coller" in brief.markdown  # the brand's own key message stays
    assert_captions_pass(brief)
    # The disclosure section is the rules', identical to the template's.
    template = draft_brief(brief_request())
    assert [s for s in brief.sections if s.key.startswith("disclosure")] == [s for s in template.sections if s.key.startswith("disclosure")]
    sent = chat_server.requests[0]["messages"]
    assert sent[0]["role"] == "system" and "JSON" in sent[0]["content"]
    assert '"FR/instagram": "Publicité"' in sent[1]["content"]


@pytest.mark.parametrize(
    "reply",
    [
        creative(example_captions={"FR/instagram": "Ma routine du matin avec le Sérum Éclat #sp"}),
        creative(example_captions={"FR/instagram": "Ma routine du matin avec @maisonlune 🌙 #glow #skin #pub"}),
        creative(key_messages=["Perdez 5 kg en deux semaines"]),
        creative(dos=["Pas besoin de mention, restez naturelle"]),
        creative(donts=["Oublier #collab en fin de post"]),
        creative(context="Un sérum pour accompagner une rhinoplastie"),
        "Voici un brief : le sérum est génial.",
    ],
    ids=["smuggled-sp", "buried-label", "weight-claim", "hide-partnership", "weak-hashtag", "banned-topic", "not-json"],
)
def test_llm_draft_failing_the_checker_gives_the_template(chat_server: ScriptedChatServer, llm, reply: str, caplog) -> None:
    chat_server.replies.append((200, reply))
    with caplog.at_level("WARNING", logger="bot.briefs.drafting"):
        brief = draft_brief(brief_request(), llm=llm)
    assert brief.mode == "template"
    assert brief == draft_brief(brief_request())
    assert "using the template" in caplog.text
    assert len(chat_server.requests) == 1


def test_llm_server_error_gives_the_template(chat_server: ScriptedChatServer, llm, caplog) -> None:
    chat_server.replies.append((500, ""))
    with caplog.at_level("WARNING", logger="bot.briefs.drafting"):
        brief = draft_brief(brief_request(), llm=llm)
    assert brief.mode == "template"
    assert "LLM call failed" in caplog.text
