"""The conversation both front ends share: wording (FR/EN), parsing what users type, the brief
form, rendering results as HTML. Nothing here imports python-telegram-bot; ``bot/telegram/``
and ``bot/console.py`` sit on top of it.
"""
