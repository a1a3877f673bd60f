#!/usr/bin/env python3
"""Plain SQLite FTS5 bm25 over whole files: the baseline archkb's decision ranking must beat.

Usage: fts-baseline.py --db FILE --root DIR [--root DIR ...] QUESTION...
Indexes every .md/.rst/.markdown file under the roots (whole file = one row, porter tokenizer)
and prints, per question, one JSON line: {"query": ..., "paths": [best first]}.
"""
import argparse, json, os, re, sqlite3, sys

STOP = set("a an and are as at be by can do does for from how i in is it of on or our should so that the "
           "this to us was we what when where which who why will with you your did have has any one".split())

def files(roots):
    for root in roots:
        for base, dirs, names in os.walk(root):
            dirs.sort()
            for n in sorted(names):
                if n.lower().endswith((".md", ".rst", ".markdown")) and not n.upper().startswith(("README", "LICEN", "SOURCE")):
                    yield os.path.join(base, n)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--root", action="append", required=True)
    ap.add_argument("questions", nargs="*")
    args = ap.parse_args()
    db = sqlite3.connect(args.db)
    db.execute("DROP TABLE IF EXISTS docs")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, tokenize='porter unicode61')")
    for path in files(args.root):
        with open(path, encoding="utf-8", errors="replace") as f:
            db.execute("INSERT INTO docs(path, body) VALUES (?, ?)", (path, os.path.basename(path).replace("-", " ") + "\n" + f.read()))
    db.commit()
    for q in args.questions:
        words = [w for w in re.findall(r"[a-z0-9]+", q.lower()) if w not in STOP]
        paths = []
        if words:
            pattern = " OR ".join('"%s"' % w for w in words)
            paths = [r[0] for r in db.execute("SELECT path FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 200", (pattern,))]
        print(json.dumps({"query": q, "paths": paths}))

if __name__ == "__main__":
    sys.exit(main())
