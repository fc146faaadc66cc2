"""Read POST forms out of a page, and look for injected markup in a page.

html.parser from the standard library: good enough for our own templates, and it
unescapes entities the way a browser does, so what it reports as a tag or an
attribute is what a browser would see.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", ""}
SKIP_TYPES = {"submit", "button", "reset", "image", "file"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""  # what the browser would send untouched ("" when nothing)
    options: list = field(default_factory=list)  # select/radio choices
    checked: bool = False


@dataclass
class Form:
    action: str  # absolute path on the test server
    fields: list = field(default_factory=list)
    submit: tuple | None = None  # (name, value) of the first named submit button
    method: str = "post"

    def by_name(self):
        """One Field per name; radios and repeated names merged into options."""
        merged = {}
        for f in self.fields:
            if f.name in merged and f.kind in ("radio", "checkbox"):
                merged[f.name].options.append(f.value)
                merged[f.name].checked |= f.checked
                if f.checked:
                    merged[f.name].value = f.value
                continue
            merged.setdefault(f.name, f)
        return merged


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms = []
        self.links = []
        self._form = None
        self._select = None
        self._textarea = None
        self._option = None

    def handle_starttag(self, tag, attrs):  # noqa: C901 - one branch per form element
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "form":
            action = urljoin(self.page_url, a.get("action") or self.page_url)
            self._form = Form(action=action, method=a.get("method", "get").lower())
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in SKIP_TYPES:
                if kind == "submit" and form.submit is None:
                    form.submit = (name, a.get("value", ""))
                return
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            form.fields.append(Field(name, kind, value, options=[value], checked="checked" in a))
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            if form.submit is None:
                form.submit = (name, a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = Field(name, "textarea")
            form.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = Field(name, "select")
            form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "", "selected" in a]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value, text, selected = self._option
            value = text.strip() if value is None else value
            self._select.options.append(value)
            if selected or (not self._select.value and value):
                self._select.value = value
            self._option = None
        elif tag == "select":
            self._select = None


def _parsed(html, page_url):
    parser = _FormParser(page_url)
    parser.feed(html)
    parser.close()
    return parser


def post_forms(html, page_url):
    """Every <form method=post> of the page whose action stays on this site."""
    forms = _parsed(html, page_url).forms
    return [f for f in forms if f.method == "post" and not urlsplit(f.action).netloc]


def get_forms_and_links(html, page_url):
    """The page's GET forms that stay on this site, and the href of every link."""
    parser = _parsed(html, page_url)
    forms = [f for f in parser.forms if f.method == "get" and not urlsplit(f.action).netloc]
    return forms, parser.links


class _InjectionScanner(HTMLParser):
    """Collects what a browser would execute: handlers, javascript: URLs, our scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name in URL_ATTRIBUTES:
                compact = "".join(value.split()).lower()
                if compact.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"<{tag} {name}={value[:60]!r}>")
        if tag == "script":
            self._in_script = True
        # An element that only exists if our payload was parsed as markup.
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("<img src=x> from a payload")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.problems.append(f"<script>{data[:60]}")


def injections(html):
    """What in this page a browser would run that our templates never produce."""
    scanner = _InjectionScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems
