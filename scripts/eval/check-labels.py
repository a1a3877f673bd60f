#!/usr/bin/env python3
"""Check the labels of the evaluation/training question sets against the corpus.

Loads every entity card's `name:` and `aliases:` from the YAML front matter under
Corpus/ (guides have a `title:` and are not recommendations, so they are skipped) and
checks each `expect` name in the given JSONL files:

- ERROR when an expected name equals no card name or alias (after the same
  normalisation as ../shared/eval/score.py: lowercase, non-alphanumerics except + and #
  become spaces, a trailing "pattern(s)" is dropped);
- ERROR when one group's names resolve to more than one card (a group is ONE answer);
- WARNING when, under score.py's "contains as a whole phrase" rule, a name would also
  match a different card's name or alias than the one it was meant for (for example
  "Kafka" also matches "Kafka Streams"); use --strict to make these errors;
- ERROR on format problems: duplicate ids, unknown style, 0 or more than 4 groups,
  word counts out of range for short (2-5), informal (6-15) and long (40-90) questions,
  masked descriptions outside 35-50 words or containing their pattern's name/alias.

Usage: scripts/eval/check-labels.py [--strict] [--corpus Corpus] FILE.jsonl...
       (default files: train-queries.jsonl validation-queries.jsonl masked-descriptions.jsonl)
Exit code 0 when there are no errors.
"""
import glob, json, os, re, sys

import yaml

STYLES = {"short", "informal", "symptom", "named", "vs", "facets", "long", "adr"}
WORDS = {"short": (2, 5), "informal": (6, 15), "long": (40, 90)}


def norm(s):
    s = re.sub(r"[^a-z0-9+#]+", " ", s.lower()).strip()
    s = re.sub(r"\s+(pattern|patterns)$", "", s)
    return s


def contains(name, alias):
    return name == alias or re.search(r"(^| )" + re.escape(alias) + r"( |$)", name) is not None


def load_cards(root):
    cards = []  # (name, [normalised names], path)
    for path in sorted(glob.glob(os.path.join(root, "**", "*.md"), recursive=True)):
        text = open(path, encoding="utf-8").read()
        if not text.startswith("---"):
            continue
        fm = yaml.safe_load(text.split("---", 2)[1]) or {}
        if fm.get("kind") == "guide" or not fm.get("name"):
            continue
        names = [fm["name"]] + [str(a) for a in (fm.get("aliases") or [])]
        cards.append((fm["name"], [norm(n) for n in names if norm(n)], path))
    return cards


def main():
    args = sys.argv[1:]
    strict = "--strict" in args
    args = [a for a in args if a != "--strict"]
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.join(here, "..", "..", "Corpus")
    if "--corpus" in args:
        i = args.index("--corpus")
        root = args[i + 1]
        del args[i:i + 2]
    files = args or [os.path.join(here, f) for f in
                     ("train-queries.jsonl", "validation-queries.jsonl", "masked-descriptions.jsonl")]
    cards = load_cards(root)
    exact = {}
    for name, names, _ in cards:
        for n in names:
            exact.setdefault(n, set()).add(name)
    errors, warnings = [], []
    seen_ids, seen_queries = {}, {}
    for path in files:
        if not os.path.exists(path):
            warnings.append("%s: missing file" % path)
            continue
        masked = "masked" in os.path.basename(path)
        for ln, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            where = "%s:%d" % (os.path.basename(path), ln)
            try:
                q = json.loads(line)
            except Exception as e:
                errors.append("%s: bad JSON (%s)" % (where, e))
                continue
            qid, query, groups = q.get("id"), q.get("query", ""), q.get("expect", [])
            where += " " + str(qid)
            if qid in seen_ids:
                errors.append("%s: duplicate id (also %s)" % (where, seen_ids[qid]))
            seen_ids[qid] = where
            key = norm(query)
            if key in seen_queries:
                errors.append("%s: duplicate query (also %s)" % (where, seen_queries[key]))
            seen_queries[key] = where
            nwords = len(query.split())
            if masked:
                if not 35 <= nwords <= 50:
                    errors.append("%s: masked description has %d words (35-50)" % (where, nwords))
            else:
                style = q.get("style")
                if style not in STYLES:
                    errors.append("%s: unknown style %r" % (where, style))
                elif style in WORDS and not WORDS[style][0] <= nwords <= WORDS[style][1]:
                    errors.append("%s: %s question has %d words %s" % (where, style, nwords, WORDS[style]))
            if not 1 <= len(groups) <= 4:
                errors.append("%s: %d groups (1-4)" % (where, len(groups)))
            resolved = []
            for gi, g in enumerate(groups):
                targets = set()
                for alias in g:
                    a = norm(alias)
                    if a not in exact:
                        errors.append("%s: group %d name %r is no card name or alias" % (where, gi + 1, alias))
                        continue
                    targets |= exact[a]
                if len(targets) > 1:
                    errors.append("%s: group %d resolves to several cards %s" % (where, gi + 1, sorted(targets)))
                resolved.append(targets)
                for alias in g:
                    a = norm(alias)
                    if a not in exact:
                        continue
                    others = sorted({name for name, names, _ in cards
                                     if name not in targets and any(contains(n, a) for n in names)})
                    if others:
                        warnings.append("%s: %r also matches %s" % (where, alias, others))
            flat = [t for ts in resolved for t in ts]
            if len(flat) != len(set(flat)):
                errors.append("%s: the same card appears in two groups" % where)
            if masked and resolved and resolved[0]:
                card = next(c for c in cards if c[0] in resolved[0])
                for n in card[1]:
                    if contains(norm(query), n):
                        errors.append("%s: masked description contains the name/alias %r" % (where, n))
    for w in warnings:
        print("WARNING " + w)
    for e in errors:
        print("ERROR " + e)
    bad = errors + (warnings if strict else [])
    print("%d cards, %d questions checked: %d errors, %d warnings" % (
        len(cards), len(seen_ids), len(errors), len(warnings)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
