"""The page templates (Jinja2, autoescaped) with the gettext words of each language installed.

One environment per language: installing translations per request into a shared environment
would mix languages between requests served at the same time.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from kpitrack.portal.navigation import menu_for
from kpitrack.portal.words import translation_for

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


class Pages:
    """Renders the portal's templates in a language."""

    def __init__(self, directory: Path = TEMPLATES) -> None:
        self.directory = directory
        self._environments: dict[str, Environment] = {}
        self._lock = threading.Lock()

    def render(self, template: str, lang: str, **context: Any) -> str:
        """The page ``template`` with ``context``, its words in ``lang``."""
        return self.environment(lang).get_template(template).render(lang=lang, **context)

    def environment(self, lang: str) -> Environment:
        """The environment whose ``_()`` and ``{% trans %}`` speak ``lang``."""
        with self._lock:
            environment = self._environments.get(lang)
            if environment is None:
                environment = Environment(
                    loader=FileSystemLoader(self.directory),
                    autoescape=select_autoescape(default=True, default_for_string=True),
                    undefined=StrictUndefined,
                    extensions=["jinja2.ext.i18n"],
                    trim_blocks=True,
                    lstrip_blocks=True,
                )
                environment.install_gettext_translations(  # type: ignore[attr-defined]
                    translation_for(lang), newstyle=True
                )
                environment.globals.update(menu=menu_for, language_name=language_name)
                self._environments[lang] = environment
            return environment


def language_name(code: str) -> str:
    """A language in its own words (Nederlands, English, français), for the language menu."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]
