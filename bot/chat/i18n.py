"""What Relais says, in French and English; shared by the Telegram bot and the console chat.

Strings may contain HTML tags that both front ends understand (``<b>``, ``<i>``, ``<code>``);
values filled in with :func:`t` are escaped by the caller, never here, so that a string can
embed already-formatted parts.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]
LANGUAGES: tuple[Lang, ...] = ("fr", "en")
DEFAULT_LANG: Lang = "fr"

STRINGS: dict[str, dict[str, str]] = {
    "start": {
        "fr": (
            "Bonjour {name} ! Je suis <b>Relais</b>, l'assistant des marques qui travaillent avec des micro- "
            "et nano-influenceurs.\n\n"
            "• Posez-moi une question : je réponds à partir de la base de connaissances, avec les sources.\n"
            "• /shortlist pour trouver des créateurs dans une niche et un budget.\n"
            "• /brief pour rédiger un brief conforme aux règles de transparence.\n"
            "• /check pour vérifier une légende.\n\n"
            "/help pour les détails et des exemples."
        ),
        "en": (
            "Hello {name}! I am <b>Relais</b>, the assistant for brands working with micro- and "
            "nano-influencers.\n\n"
            "• Ask me a question: I answer from the knowledge base, with sources.\n"
            "• /shortlist to find creators for a niche and a budget.\n"
            "• /brief to draft a brief that follows the disclosure rules.\n"
            "• /check to check a caption.\n\n"
            "/help for details and examples."
        ),
    },
    "help": {
        "fr": (
            "<b>Ce que Relais sait faire</b>\n\n"
            "<b>Écrivez simplement ce qu'il vous faut</b>, par exemple :\n"
            "<i>Trouve-moi des micro-influenceuses beauté à Lyon, budget 2000 €</i>, puis <i>et sur TikTok ?</i>\n"
            "<i>Est-ce conforme : Merci @lumi pour ce sérum #pub</i>\n"
            "<i>Écris un brief pour Maison Grain, café de spécialité, Instagram, France, produit offert</i>\n"
            "<i>pourquoi @nom ?</i> explique un créateur de la dernière shortlist.\n\n"
            "<b>Questions</b> : écrivez simplement votre question.\n"
            "<i>Exemple : Quelle mention utiliser pour un partenariat rémunéré en France ?</i>\n"
            "Le bouton « Sources » montre les passages cités ; 👍/👎 pour donner votre avis.\n\n"
            "<b>/shortlist</b> NICHE, filtres en mots simples\n"
            "<i>Exemple : /shortlist cosmétiques naturels, instagram, France, micro, budget 3000 €</i>\n"
            "Des boutons affinent (plateforme, pays, taille, budget), exportent (CSV + graphique) "
            "ou lancent un brief avec ces créateurs.\n\n"
            "<b>/brief</b> : un brief guidé pas à pas ; /back revient à la question précédente, "
            "/cancel abandonne.\n\n"
            "<b>/check</b> [JURIDICTION] [plateforme] LÉGENDE, ou /check en réponse à un message\n"
            "<i>Exemple : /check UK tiktok Merci @marque pour ce super sérum !</i>\n"
            "Juridictions : {jurisdictions}. Sans juridiction, votre juridiction habituelle "
            "({jurisdiction}) est utilisée ; en donner une la retient pour la suite.\n\n"
            "<b>/lang</b> fr|en : changer de langue.\n"
            "<b>En groupe</b> : mentionnez-moi ou répondez à mes messages ; les commandes marchent telles quelles.{admin}"
        ),
        "en": (
            "<b>What Relais can do</b>\n\n"
            "<b>Just say what you need</b>, for example:\n"
            "<i>Find micro creators in specialty coffee in the UK, budget £1,500</i>, then <i>only nano</i>\n"
            "<i>Is this caption ok for the UK: Loving this serum from @lumi #ad</i>\n"
            "<i>Write a brief for Maison Grain, specialty coffee, Instagram, France, product gifted</i>\n"
            "<i>why @name?</i> explains a creator of the last shortlist.\n\n"
            "<b>Questions</b>: just type your question.\n"
            "<i>Example: Which label should a paid partnership carry in France?</i>\n"
            "The “Sources” button shows the cited passages; 👍/👎 to tell us how it went.\n\n"
            "<b>/shortlist</b> NICHE, filters in plain words\n"
            "<i>Example: /shortlist natural cosmetics, instagram, France, micro, budget 3000 €</i>\n"
            "Buttons refine it (platform, country, tier, budget), export it (CSV + chart) "
            "or start a brief with these creators.\n\n"
            "<b>/brief</b>: a guided brief, step by step; /back returns to the previous question, "
            "/cancel stops.\n\n"
            "<b>/check</b> [JURISDICTION] [platform] CAPTION, or /check in reply to a message\n"
            "<i>Example: /check UK tiktok Thanks @brand for this great serum!</i>\n"
            "Jurisdictions: {jurisdictions}. Without one, your usual jurisdiction ({jurisdiction}) "
            "is used; giving one remembers it.\n\n"
            "<b>/lang</b> fr|en: change the language.\n"
            "<b>In a group</b>: mention me or reply to my messages; commands work as they are.{admin}"
        ),
    },
    "help_admin": {
        "fr": ("\n\n<b>Administration</b> : /ingest puis envoyez un document (max {mb} Mo) ; "
               "/roster puis envoyez un fichier de créateurs (CSV, XLSX, JSON) ; /stats."),
        "en": ("\n\n<b>Admin</b>: /ingest then send a document (max {mb} MB); "
               "/roster then send a creator file (CSV, XLSX, JSON); /stats."),
    },
    "lang_choose": {"fr": "Choisissez votre langue :", "en": "Choose your language:"},
    "lang_set": {"fr": "C'est noté : je vous réponds en français.", "en": "Done: I will answer in English."},
    "lang_unknown": {"fr": "Langues possibles : fr, en.", "en": "Available languages: fr, en."},
    "refused": {
        "fr": (
            "Désolé, ce bot est réservé aux membres de l'équipe. Si vous devriez y avoir accès, "
            "demandez à un administrateur de vous ajouter (votre identifiant : {user_id})."
        ),
        "en": (
            "Sorry, this bot is for team members only. If you should have access, ask an "
            "administrator to add you (your id: {user_id})."
        ),
    },
    "admins_only": {"fr": "Cette commande est réservée aux administrateurs.", "en": "This command is for admins only."},
    "cooldown": {
        "fr": "Un instant : réessayez dans {seconds} s.",
        "en": "One moment: try again in {seconds} s.",
    },
    "error": {
        "fr": "Désolé, quelque chose s'est mal passé. Référence : <code>{ref}</code> (à donner à l'administrateur).",
        "en": "Sorry, something went wrong. Reference: <code>{ref}</code> (give it to the administrator).",
    },
    "error_store": {
        "fr": "La base de connaissances est indisponible pour le moment ; réessayez plus tard. Référence : <code>{ref}</code>.",
        "en": "The knowledge base is unavailable right now; please try again later. Reference: <code>{ref}</code>.",
    },
    "expired": {
        "fr": "Ce bouton a expiré : renvoyez {command}.",
        "en": "This button has expired: send {command} again.",
    },
    "expired_answer": {
        "fr": "Ce bouton a expiré : posez à nouveau votre question.",
        "en": "This button has expired: ask your question again.",
    },
    "unknown_command": {"fr": "Commande inconnue : {command}. /help pour l'aide.", "en": "Unknown command: {command}. /help for help."},
    "nothing_to_cancel": {"fr": "Aucun brief en cours. /brief pour en commencer un.", "en": "No brief in progress. /brief to start one."},
    "unsupported_message": {
        "fr": "Je lis les messages texte (et les documents, pour les administrateurs). /help pour l'aide.",
        "en": "I read text messages (and documents, for admins). /help for help.",
    },
    "too_long": {
        "fr": "Votre message est trop long ({length} caractères, maximum {limit}). Raccourcissez-le.",
        "en": "Your message is too long ({length} characters, at most {limit}). Please shorten it.",
    },
    "empty_question": {"fr": "Écrivez une question.", "en": "Please type a question."},
    # Answers
    "sources_button": {"fr": "📚 Sources", "en": "📚 Sources"},
    "sources_title": {"fr": "<b>Sources</b>", "en": "<b>Sources</b>"},
    "no_sources": {"fr": "Aucune source pour cette réponse.", "en": "No sources for this answer."},
    "feedback_thanks": {"fr": "Merci pour votre avis !", "en": "Thanks for your feedback!"},
    # Shortlist
    "shortlist_usage": {
        "fr": "Indiquez une niche, par exemple :\n<code>/shortlist cosmétiques naturels, instagram, France, micro, budget 3000 €</code>",
        "en": "Give a niche, for example:\n<code>/shortlist natural cosmetics, instagram, France, micro, budget 3000 €</code>",
    },
    "shortlist_title": {"fr": "<b>Shortlist : {niche}</b>", "en": "<b>Shortlist: {niche}</b>"},
    "shortlist_filters": {"fr": "Filtres : {filters}", "en": "Filters: {filters}"},
    "shortlist_empty": {
        "fr": "Aucun créateur ne correspond : élargissez les filtres ou changez de niche.",
        "en": "No creator matches: widen the filters or try another niche.",
    },
    "shortlist_line": {
        "fr": "{rank}. <b>{name}</b> {handle} · {platform} · {tier} · {followers} abonnés\n    Score {score}/100{cost}",
        "en": "{rank}. <b>{name}</b> {handle} · {platform} · {tier} · {followers} followers\n    Score {score}/100{cost}",
    },
    "shortlist_cost": {"fr": " · {cost}", "en": " · {cost}"},
    "shortlist_estimate": {"fr": " (estimation)", "en": " (estimate)"},
    "shortlist_total": {"fr": "Total : {total}", "en": "Total: {total}"},
    "shortlist_total_budget": {"fr": "Total : {total} sur un budget de {budget}", "en": "Total: {total} of a {budget} budget"},
    "shortlist_excluded": {"fr": "Écartés : {count} ({examples})", "en": "Left out: {count} ({examples})"},
    "button_platform": {"fr": "Plateforme", "en": "Platform"},
    "button_country": {"fr": "Pays", "en": "Country"},
    "button_tier": {"fr": "Taille", "en": "Tier"},
    "button_budget": {"fr": "Budget", "en": "Budget"},
    "button_any": {"fr": "Tous", "en": "Any"},
    "button_back": {"fr": "« Retour", "en": "« Back"},
    "button_export": {"fr": "⬇️ Exporter", "en": "⬇️ Export"},
    "button_to_brief": {"fr": "📝 Brief avec eux", "en": "📝 Brief with them"},
    "export_caption": {"fr": "Facteurs de score par créateur", "en": "Score factors per creator"},
    "export_no_chart": {"fr": "(Le graphique n'a pas pu être produit.)", "en": "(The chart could not be drawn.)"},
    "working": {"fr": "Je m'en occupe…", "en": "Working on it…"},
    # Check
    "check_usage": {
        "fr": "Envoyez <code>/check [JURIDICTION] [plateforme] LÉGENDE</code>, ou répondez à un message avec /check.\nJuridictions : {jurisdictions}.",
        "en": "Send <code>/check [JURISDICTION] [platform] CAPTION</code>, or reply to a message with /check.\nJurisdictions: {jurisdictions}.",
    },
    "check_ok": {"fr": "✅ <b>Conforme</b> ({jurisdiction}, {platform})", "en": "✅ <b>Compliant</b> ({jurisdiction}, {platform})"},
    "check_bad": {"fr": "❌ <b>Non conforme</b> ({jurisdiction}, {platform})", "en": "❌ <b>Not compliant</b> ({jurisdiction}, {platform})"},
    "check_error": {"fr": "⛔", "en": "⛔"},
    "check_warning": {"fr": "⚠️", "en": "⚠️"},
    "check_suggested": {"fr": "<b>Légende proposée :</b>", "en": "<b>Suggested caption:</b>"},
    "check_default_set": {
        "fr": "({jurisdiction} est maintenant votre juridiction par défaut.)",
        "en": "({jurisdiction} is now your default jurisdiction.)",
    },
    "check_again_in": {"fr": "Vérifier pour : ", "en": "Check for: "},
    # Brief
    "brief_ask_brand": {"fr": "Nouveau brief (/cancel pour abandonner, /back pour revenir).\n\nQuelle est la <b>marque</b> ?", "en": "New brief (/cancel to stop, /back to go back).\n\nWhat is the <b>brand</b>?"},
    "brief_ask_product": {"fr": "Quel <b>produit</b> ou service ?", "en": "Which <b>product</b> or service?"},
    "brief_ask_category": {"fr": "Quelle <b>catégorie</b> de produit ?", "en": "Which product <b>category</b>?"},
    "brief_ask_niche": {"fr": "Quelle <b>niche</b> (public visé, thème) ?", "en": "Which <b>niche</b> (audience, theme)?"},
    "brief_ask_platforms": {"fr": "Quelles <b>plateformes</b> ? Cochez puis « Valider ».", "en": "Which <b>platforms</b>? Tick them, then “Done”."},
    "brief_ask_jurisdictions": {"fr": "Quelles <b>juridictions</b> (pays des audiences) ? Cochez puis « Valider ».", "en": "Which <b>jurisdictions</b> (audience countries)? Tick them, then “Done”."},
    "brief_ask_compensation": {"fr": "Quelle <b>contrepartie</b> pour les créateurs ?", "en": "What <b>compensation</b> do creators get?"},
    "brief_ask_deliverables": {"fr": "Quels <b>contenus</b> attendus ? Cochez puis « Valider ».", "en": "Which <b>deliverables</b>? Tick them, then “Done”."},
    "brief_ask_dates": {
        "fr": "Quelles <b>dates</b> ? Début et fin, par ex. <code>2026-03-01 2026-03-31</code> ou <code>01/03/2026 31/03/2026</code>.",
        "en": "Which <b>dates</b>? Start and end, e.g. <code>2026-03-01 2026-03-31</code> or <code>01/03/2026 31/03/2026</code>.",
    },
    "brief_ask_budget": {"fr": "Quel <b>budget</b> total (en euros) ? Par ex. <code>3000</code>.", "en": "What total <b>budget</b> (in euros)? E.g. <code>3000</code>."},
    "brief_skip": {"fr": "Passer", "en": "Skip"},
    "brief_keep": {"fr": "Garder : {value}", "en": "Keep: {value}"},
    "brief_done": {"fr": "✔ Valider", "en": "✔ Done"},
    "brief_pick_one": {"fr": "Cochez au moins une option.", "en": "Tick at least one option."},
    "brief_use_buttons": {"fr": "Choisissez avec les boutons ci-dessus (ou /back, /cancel).", "en": "Please choose with the buttons above (or /back, /cancel)."},
    "brief_bad_text": {"fr": "Réponse vide ou trop longue (maximum {limit} caractères). Réessayez.", "en": "Empty or too long answer (at most {limit} characters). Try again."},
    "brief_bad_dates": {
        "fr": "Je n'ai pas compris ces dates. Donnez deux dates (début puis fin), par ex. <code>2026-03-01 2026-03-31</code>, ou « Passer ».",
        "en": "I could not read these dates. Give two dates (start then end), e.g. <code>2026-03-01 2026-03-31</code>, or “Skip”.",
    },
    "brief_dates_order": {"fr": "La date de fin précède la date de début. Réessayez.", "en": "The end date is before the start date. Try again."},
    "brief_bad_budget": {
        "fr": "Le budget doit être un nombre positif, par ex. <code>3000</code> ou <code>2 500 €</code>, ou « Passer ».",
        "en": "The budget must be a positive number, e.g. <code>3000</code> or <code>2,500 €</code>, or “Skip”.",
    },
    "brief_back_first": {"fr": "C'est déjà la première question.", "en": "This is already the first question."},
    "brief_cancelled": {"fr": "Brief abandonné.", "en": "Brief cancelled."},
    "brief_drafting": {"fr": "Je rédige le brief…", "en": "Drafting the brief…"},
    "brief_refused": {
        "fr": "⛔ Je ne peux pas rédiger ce brief : {reason}\nRéférence : {reference}",
        "en": "⛔ I cannot draft this brief: {reason}\nReference: {reference}",
    },
    "brief_invalid": {"fr": "Ce brief est incomplet : {problem}. Recommencez avec /brief.", "en": "This brief is incomplete: {problem}. Start again with /brief."},
    "brief_from_shortlist": {"fr": "Brief pour la niche « {niche} » avec {count} créateurs.", "en": "Brief for the “{niche}” niche with {count} creators."},
    "brief_document": {"fr": "Le brief au format Word.", "en": "The brief as a Word document."},
    "brief_no_document": {"fr": "(Le document Word n'a pas pu être produit.)", "en": "(The Word document could not be produced.)"},
    # Admin
    "ingest_send": {
        "fr": "Envoyez le document à ajouter (PDF, Markdown, texte, HTML, Word ; maximum {mb} Mo).",
        "en": "Send the document to add (PDF, Markdown, text, HTML, Word; at most {mb} MB).",
    },
    "ingest_first": {
        "fr": "Pour ajouter ce document à la base de connaissances, envoyez d'abord /ingest.",
        "en": "To add this document to the knowledge base, send /ingest first.",
    },
    "ingest_not_admin": {"fr": "Seuls les administrateurs peuvent ajouter des documents.", "en": "Only admins can add documents."},
    "ingest_too_big": {
        "fr": "Ce fichier fait {size} Mo : la limite est {mb} Mo. Rien n'a été ajouté.",
        "en": "This file is {size} MB: the limit is {mb} MB. Nothing was added.",
    },
    "ingest_bad_type": {
        "fr": "Je ne sais pas lire les fichiers « {ext} ». Formats acceptés : {types}. Rien n'a été ajouté.",
        "en": "I cannot read “{ext}” files. Accepted: {types}. Nothing was added.",
    },
    "ingest_report": {
        "fr": "<b>Ingestion de {name}</b>\nAjoutés : {added} · mis à jour : {updated} · inchangés : {unchanged} · passages écrits : {chunks}",
        "en": "<b>Ingested {name}</b>\nAdded: {added} · updated: {updated} · unchanged: {unchanged} · passages written: {chunks}",
    },
    "ingest_failed": {"fr": "Échec : {reason}", "en": "Failed: {reason}"},
    "roster_send": {
        "fr": "Envoyez le fichier de créateurs à importer (CSV, XLSX ou JSON ; maximum {mb} Mo).",
        "en": "Send the creator file to import (CSV, XLSX or JSON; at most {mb} MB).",
    },
    "roster_not_admin": {"fr": "Seuls les administrateurs peuvent importer des créateurs.",
                         "en": "Only admins can import creators."},
    "roster_report": {
        "fr": "<b>Import de {name}</b>\nCréés : {created} · mis à jour : {updated} · rejetés : {rejected}",
        "en": "<b>Imported {name}</b>\nCreated: {created} · updated: {updated} · rejected: {rejected}",
    },
    "roster_refused": {"fr": "Rien n'a été importé : {reason}", "en": "Nothing was imported: {reason}"},
    "roster_rejected_line": {"fr": "{unit} {line} : {reason}", "en": "{unit} {line}: {reason}"},
    "roster_more": {"fr": "… et {count} de plus.", "en": "… and {count} more."},
    "roster_ignored": {"fr": "Colonnes ignorées : {columns}", "en": "Ignored columns: {columns}"},
    "roster_unit_line": {"fr": "ligne", "en": "line"},
    "roster_unit_row": {"fr": "ligne", "en": "row"},
    "stats": {
        "fr": (
            "<b>Statistiques</b>\nDocuments : {documents} · passages : {chunks} ({languages})\n"
            "Créateurs : {creators}\nLLM : {llm}\nAvis : 👍 {up} · 👎 {down}\nStockage : <code>{location}</code>"
        ),
        "en": (
            "<b>Stats</b>\nDocuments: {documents} · passages: {chunks} ({languages})\n"
            "Creators: {creators}\nLLM: {llm}\nFeedback: 👍 {up} · 👎 {down}\nStorage: <code>{location}</code>"
        ),
    },
    # Console only
    "console_welcome": {
        "fr": "Relais, en console. Tapez une question, /help pour l'aide, /quit pour sortir.",
        "en": "Relais, in the terminal. Type a question, /help for help, /quit to leave.",
    },
    "console_help": {
        "fr": (
            "<b>Relais en console</b>\n"
            "• Une question : tapez-la simplement. /sources affiche les sources de la dernière réponse.\n"
            "• /shortlist NICHE, filtres — <i>/shortlist cosmétiques naturels, instagram, France, micro, budget 3000 €</i>\n"
            "• /brief : un brief guidé (/back pour revenir, /cancel pour abandonner).\n"
            "• /check [JURIDICTION] [plateforme] LÉGENDE — juridictions : {jurisdictions}.\n"
            "• /lang fr|en, /help, /quit."
        ),
        "en": (
            "<b>Relais in the terminal</b>\n"
            "• A question: just type it. /sources shows the sources of the last answer.\n"
            "• /shortlist NICHE, filters — <i>/shortlist natural cosmetics, instagram, France, micro, budget 3000 €</i>\n"
            "• /brief: a guided brief (/back to go back, /cancel to stop).\n"
            "• /check [JURISDICTION] [platform] CAPTION — jurisdictions: {jurisdictions}.\n"
            "• /lang fr|en, /help, /quit."
        ),
    },
    "console_saved": {"fr": "Document Word enregistré : {path}", "en": "Word document saved: {path}"},
    "console_bye": {"fr": "À bientôt !", "en": "Goodbye!"},
    "console_pick_one": {"fr": "Numéro : ", "en": "Number: "},
    "console_pick_many": {"fr": "Numéros séparés par des virgules : ", "en": "Numbers separated by commas: "},
    "console_optional": {"fr": "(Entrée pour passer)", "en": "(Enter to skip)"},
    "console_bad_number": {"fr": "Répondez avec un ou plusieurs numéros de la liste.", "en": "Answer with one or more numbers from the list."},
    # Plain words (bot.chat.dialogue)
    "chat_help": {
        "fr": "Écrivez ce dont vous avez besoin, par exemple « Trouve-moi des micro-influenceuses beauté à Lyon, budget 2000 € » ou « Est-ce conforme : Merci @lumi pour ce sérum #pub ».",
        "en": "Just say what you need, for example “Find micro creators in specialty coffee in the UK, budget £1,500” or “Is this caption ok for the UK: Loving this serum from @lumi #ad”.",
    },
    "chat_unsure": {"fr": "Que voulez-vous faire avec ce message ?", "en": "What would you like me to do with this message?"},
    "clarify_shortlist": {"fr": "Trouver des créateurs", "en": "Shortlist creators"},
    "clarify_ask": {"fr": "Répondre avec la base de connaissances", "en": "Answer from the knowledge base"},
    "clarify_check": {"fr": "Vérifier une légende", "en": "Check a caption"},
    "check_uncovered_market": {
        "fr": "Je ne connais pas encore les règles de transparence publicitaire de ce pays : {market}. Je vérifie "
              "les légendes pour : {covered}, Québec et Union européenne. Dites lequel avec la légende, par "
              "exemple « conforme au Royaume-Uni ? ».",
        "en": "I do not know the advertising-disclosure rules of {market} yet. I check captions for: {covered}, "
              "Quebec and the European Union. Say which one with the caption, e.g. “ok for the UK?”.",
    },
    "brief_uncovered_market_kept": {
        "fr": "Je ne connais pas encore les règles de transparence publicitaire de ce pays : {market}. Le brief "
              "suit celles de : {kept}.",
        "en": "I do not know the advertising-disclosure rules of {market} yet. The brief follows those of: {kept}.",
    },
    "brief_uncovered_market": {
        "fr": "Je ne connais pas encore les règles de transparence publicitaire de ce pays : {market}. Je rédige "
              "des briefs pour : {covered}, Québec et Union européenne ; choisissez le marché ci-dessous.",
        "en": "I do not know the advertising-disclosure rules of {market} yet. I write briefs for: {covered}, "
              "Quebec and the European Union; pick the market below.",
    },
    "chat_check_what": {
        "fr": "Envoyez la légende après deux-points, par exemple : « Est-ce conforme : Merci @lumi #pub ».",
        "en": "Send the caption after a colon, for example: “Is this ok: Thanks @lumi #ad”.",
    },
    "chat_not_in_shortlist": {
        "fr": "{handles} : pas dans votre dernière shortlist. Demandez d'abord une shortlist, puis « pourquoi @nom ? ».",
        "en": "{handles}: not in your last shortlist. Ask for a shortlist first, then “why @name?”.",
    },
    "refine_nothing": {"fr": "Rien à changer dans la dernière shortlist.", "en": "Nothing to change in the last shortlist."},
    "refine_city_only": {
        "fr": "Noté : {city}. Les créateurs ne sont pas filtrés par ville (le fichier n'en donne pas) : "
              "la shortlist reste la même.",
        "en": "Noted: {city}. Creators are not filtered by city (the roster gives none), so the shortlist "
              "stays the same.",
    },
    "changes": {"fr": "Modifié : {changes}", "en": "Changed: {changes}"},
    "change_set": {"fr": "{field} : {value}", "en": "{field}: {value}"},
    "change_removed": {"fr": "{field} : aucun filtre", "en": "{field}: no filter"},
    "change_platform": {"fr": "plateforme", "en": "platform"},
    "change_country": {"fr": "pays", "en": "country"},
    "change_tier": {"fr": "taille", "en": "tier"},
    "change_min_followers": {"fr": "abonnés minimum", "en": "minimum followers"},
    "change_max_followers": {"fr": "abonnés maximum", "en": "maximum followers"},
    "change_budget": {"fr": "budget", "en": "budget"},
    "change_limit": {"fr": "nombre de créateurs", "en": "number of creators"},
    "change_like": {"fr": "dans le style de", "en": "lookalikes of"},
    "change_language": {"fr": "langue", "en": "language"},
    "change_niche": {"fr": "niche", "en": "niche"},
    "explain_title": {"fr": "<b>{handle}</b>, n° {rank} avec un score de {score}/100 :", "en": "<b>{handle}</b>, #{rank} with a score of {score}/100:"},
    "compare_title": {"fr": "<b>Comparaison</b> {handles} (0 à 1, le meilleur en gras) :", "en": "<b>Comparison</b> {handles} (0 to 1, best in bold):"},
    "brief_from_sentence": {"fr": "Brief : je note {taken}. Il me manque quelques réponses.", "en": "Brief: I have {taken}. A few answers are missing."},
    "change_currency": {"fr": "devise", "en": "currency"},
}

# Command descriptions for Telegram's command menu (setMyCommands), per language.
COMMANDS: dict[str, list[tuple[str, str]]] = {
    "fr": [
        ("start", "Présentation"),
        ("help", "Aide et exemples"),
        ("shortlist", "Trouver des créateurs"),
        ("brief", "Rédiger un brief"),
        ("check", "Vérifier une légende"),
        ("lang", "Changer de langue"),
        ("cancel", "Abandonner le brief"),
    ],
    "en": [
        ("start", "Introduction"),
        ("help", "Help and examples"),
        ("shortlist", "Find creators"),
        ("brief", "Draft a brief"),
        ("check", "Check a caption"),
        ("lang", "Change language"),
        ("cancel", "Cancel the brief"),
    ],
}


def t(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang`` (French when unknown), with ``values`` filled in."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def language_from_code(code: str | None) -> Lang:
    """Telegram's ``language_code`` ("fr", "fr-CA", "en-GB"...) -> the language Relais answers in."""
    if code and code.lower().startswith("en"):
        return "en"
    if code and code.lower().startswith("fr"):
        return "fr"
    return "en" if code else DEFAULT_LANG


def parse_lang(text: str) -> Lang | None:
    word = text.strip().lower()
    return word if word in LANGUAGES else None  # type: ignore[return-value]
