"""The Python peer of the benchmark: what a team writes today with python-frontmatter,
pydantic v2 in strict mode and PyYAML's C loader. It walks like newsval (files ending in
.md, .markdown or .txt), validates every file, prints one line per invalid file and
exits 1 if any. Not a reimplementation of newsval's rules (no positions, no cross-file
checks): the cheapest honest validator of the same schema, for timing.

    python3 bench/peers/python_validator.py DIR_OR_FILE...
"""

import os
import re
import sys
from datetime import datetime
from typing import Annotated, List, Optional

import frontmatter
import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

EXTENSIONS = (".md", ".markdown", ".txt")
DOMAIN = re.compile(r"^([a-z0-9-]{1,63}\.)+[a-z0-9-]{1,63}$")
SECURED = re.compile(r"^[A-Za-z0-9+/]+={0,2};[A-Za-z0-9+/]+={0,2}$")


def url(value: str) -> str:
    scheme, sep, rest = value.partition("://")
    if not sep or scheme not in ("http", "https") or not rest or any(c.isspace() for c in value):
        raise ValueError("not an absolute http(s) URL")
    return value


def text(value: str) -> str:
    if not value.strip():
        raise ValueError("empty text")
    return value


def aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("date-time without an offset")
    return value


Text = Annotated[str, AfterValidator(text)]
Url = Annotated[str, AfterValidator(url)]
DateTime = Annotated[datetime, AfterValidator(aware)]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class Provider(Strict):
    name: Text
    domain: Annotated[str, Field(pattern=DOMAIN.pattern)]


class Image(Strict):
    url: Url
    width: Annotated[int, Field(ge=1)]
    height: Annotated[int, Field(ge=1)]
    isCached: Optional[bool] = None


class RelatedItem(Strict):
    title: Text
    excerpt: Text
    publishedDateTime: DateTime
    webUrl: Url
    type: Text
    provider: Provider
    quality: Annotated[int, Field(ge=0, le=100)]
    images: Optional[List[Image]] = None


class Article(Strict):
    category: Text
    title: Text
    excerpt: Text
    publishedDateTime: DateTime
    originalUrl: Url
    webUrl: Url
    type: Text
    quality: Annotated[int, Field(ge=0, le=100)]
    heat: Annotated[int, Field(ge=-1)]
    published: bool
    provider: Provider
    topics: Optional[List[Text]] = None
    related: Optional[List[RelatedItem]] = None
    secured: Optional[Annotated[str, Field(pattern=SECURED.pattern)]] = None


class CYAMLHandler(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler on PyYAML's C loader (libyaml)."""

    def load(self, fm, **kwargs):
        return yaml.load(fm, Loader=yaml.CSafeLoader)


HANDLER = CYAMLHandler()


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                for name in names:
                    if name.endswith(EXTENSIONS):
                        yield os.path.join(root, name)
        else:
            yield path


def main(paths):
    invalid = 0
    for path in files(paths):
        try:
            with open(path, encoding="utf-8") as f:
                post = frontmatter.loads(f.read(), handler=HANDLER)
            Article.model_validate(post.metadata)
        except (ValidationError, yaml.YAMLError, UnicodeDecodeError, OSError, ValueError) as error:
            invalid += 1
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            print(f"{path}: {first}")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["."]))
