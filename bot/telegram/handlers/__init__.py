"""Telegram handlers, one module per concern; ``bot/telegram/app.py`` registers them all."""
