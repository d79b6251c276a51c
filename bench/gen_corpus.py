#!/usr/bin/env python3
"""Generates the benchmark corpus: news items like fixtures/valid/000_6dff586fa6765838.txt.

Deterministic (item i depends only on i and a fixed seed; no network, standard library
only), so the first N items of a larger corpus are the N-item corpus. Layout: 100 items
per folder, two levels of folders (`d00/d07/item_000712.md`). Related lists have 0-8
items, ~30% of items carry a Markdown body, ~5% carry one injected error.

usage: gen_corpus.py OUT_DIR COUNT
"""

import os
import random
import sys

SEED = 20220912
WORDS = (
    "meta pytorch linux foundation open source ai framework governance independent "
    "original facebook backers research community deep learning models training data "
    "cloud compute nvidia amd google microsoft azure aws release platform developers "
    "project collaboration ecosystem vendor neutral members announced today global "
    "programs events benefits machine applications hundreds power accelerating progress "
    "startup funding market regulation privacy security chips performance benchmark "
    "quarter revenue growth users engineers tooling compiler runtime kernel"
).split()
PROVIDERS = [
    ("Axios", "axios.com", "www.axios.com"),
    ("SD Times", "sdtimes.com", "sdtimes.com"),
    ("SiliconANGLE", "siliconangle.com", "siliconangle.com"),
    ("TMCnet", "tmcnet.com", "it.tmcnet.com"),
    ("about.fb", "fb.com", "about.fb.com"),
    ("datanami.com", "datanami.com", "www.datanami.com"),
    ("The Verge", "theverge.com", "www.theverge.com"),
    ("Ars Technica", "arstechnica.com", "arstechnica.com"),
]
TOPICS = ["Microsoft AI", "AI", "Facebook AI", "Open Source", "Linux", "Cloud",
          "Machine Learning", "Hardware", "Security", "Startups"]
SECURED = ("gj+dpnn25kuNpRfPGj03hK3JTbp5cIuh1NTXeodaKGIQhp6F7NdtWI8gW9/nB3GAumfvuzbczyyWY/0qUKJqGTzRoYuqtYaMHIqa0ZNBy4mZ6hxZHm0bnErpoX4X+GJJIX/1LG5naCqldeXKlfasRxt32AJ9E2In2G/Vwqe4ZA2fVJus9boe+KgncqWhOAO/f2MOTAN9wkqP0Ks8cnZnbIT4dacXjgp/JIRflKApongBykmNnzgVrQfMGtmhdYovbOS/m4Ltso038IuoheVXXpoHqJJfGSH95yN/IU0rHXmJ1N/eElRIfL/7V8La7fC7QsVIh60cAohFAAI50G8W8UWpOarpM6++z1zF5paKmeRG+tbez0OL2vNbQ/lFhcI+MFjPU2+glyUMd1cKWubIbavNNQQSwLSi2QJvnqfobA+MLA6p6p4DIjjzBEf/tUYDxjm8jtcWsjYHKs/FkxK53rBNZKOLcb4FOajQxVacCeG7xMcZCANQjvEjGjEFwGbbB/7e+PV59vksdzE/dWnm2w==;nKwcR/57JR9WrkrGx1dSfA==")
BREAKS = ["misspelt-key", "quoted-number", "date-no-offset", "relative-url",
          "yaml-syntax", "boolean-string", "missing-field", "duplicate-url"]


def sentence(rng, lo, hi):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), "Meta’s")
    return " ".join(words)


def when(rng):
    return "2022-%02d-%02dT%02d:%02d:00Z" % (
        rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59))


def slug(rng):
    return "-".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8)))


def item(i):
    rng = random.Random(SEED * 1_000_003 + i)
    name, domain, host = rng.choice(PROVIDERS)
    url = "https://%s/2022/%02d/%s-%d" % (host, rng.randint(1, 12), slug(rng), i)
    lines = [
        "---",
        "category: news",
        'title: "%s"' % sentence(rng, 5, 14),
        'excerpt: "%s"' % sentence(rng, 12, 32),
        "publishedDateTime: %s" % when(rng),
        'originalUrl: "%s"' % url,
        'webUrl: "%s"' % url,
        "type: article",
        "quality: %d" % rng.randint(0, 100),
        "heat: %d" % rng.randint(-1, 500),
        "published: %s" % rng.choice(["true", "false"]),
        "",
        "provider:",
        "  name: %s" % name,
        "  domain: %s" % domain,
        "",
        "topics:",
    ]
    lines += ["  - %s" % t for t in rng.sample(TOPICS, rng.randint(1, 4))]
    related = rng.randint(0, 8)
    if related:
        lines += ["", "related:"]
    for _ in range(related):
        rname, rdomain, rhost = rng.choice(PROVIDERS)
        lines += [
            '  - title: "%s"' % sentence(rng, 5, 16),
            '    excerpt: "%s"' % sentence(rng, 12, 36),
            "    publishedDateTime: %s" % when(rng),
            '    webUrl: "https://%s/news/%s-%d/"' % (rhost, slug(rng), rng.randrange(10**9)),
            "    type: article",
            "    provider:",
            "      name: %s" % rname,
            "      domain: %s" % rdomain,
            "    quality: %d" % rng.randint(0, 100),
        ]
        if rng.random() < 0.5:
            lines += ["    images:"]
            for _ in range(rng.randint(1, 2)):
                lines += [
                    '      - url: "https://%s/images/%s.png"' % (rhost, slug(rng)),
                    "        width: %d" % rng.randint(100, 2000),
                    "        height: %d" % rng.randint(100, 1200),
                    "        isCached: %s" % rng.choice(["true", "false"]),
                ]
    lines += ["", 'secured: "%s"' % SECURED, "---"]
    if rng.random() < 0.30:
        for _ in range(rng.randint(1, 6)):
            lines += ["", "## " + sentence(rng, 2, 6), "", sentence(rng, 30, 90) + "."]
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.05:
        text = brk(rng, text, i)
    return text


def brk(rng, text, i):
    kind = rng.choice(BREAKS)
    if kind == "misspelt-key":
        return text.replace("publishedDateTime:", "publishedDate:", 1)
    if kind == "quoted-number":
        return text.replace("\nquality: ", '\nquality: "', 1).replace("\nheat:", '"\nheat:', 1)
    if kind == "date-no-offset":
        return text.replace("Z\noriginalUrl", "\noriginalUrl", 1)
    if kind == "relative-url":
        return text.replace('webUrl: "https://', 'webUrl: "/', 1)
    if kind == "yaml-syntax":
        return text.replace("\ntype: article", "\ntype: [article", 1)
    if kind == "boolean-string":
        return text.replace("\npublished: true", '\npublished: "true"', 1).replace(
            "\npublished: false", '\npublished: "false"', 1)
    if kind == "missing-field":
        return text.replace("\ncategory: news", "", 1)
    # duplicate-url: the originalUrl of the item 100 before (a duplicate-item warning).
    if i >= 100:
        other = item_url(i - 100)
        start = text.index('originalUrl: "') + len('originalUrl: "')
        end = text.index('"', start)
        return text[:start] + other + text[end:]
    return text


def item_url(i):
    for line in item(i).splitlines():
        if line.startswith('originalUrl: "'):
            return line[len('originalUrl: "'):-1]
    return ""


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    tmp = out + ".partial"
    for i in range(count):
        folder = os.path.join(tmp, "d%02d" % (i // 10000), "d%02d" % (i // 100 % 100))
        if i % 100 == 0:
            os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "item_%06d.md" % i), "w", encoding="utf-8", newline="\n") as f:
            f.write(item(i))
    os.rename(tmp, out)


if __name__ == "__main__":
    main()
