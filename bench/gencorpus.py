#!/usr/bin/env python3
"""Writes a synthetic gongkai site of N records, deterministically for a seed.

    gencorpus.py --records N --out DIR [--seed S]

The records are the ones `hugo_corpus.py --flavor hugo` writes for the same N and seed: the same
titles, dates, departments, topics and Markdown bodies (2–4 KB of Chinese government text with
headings, lists, tables and links), drawn from the same random stream. Only what gongkai adds is
drawn from a second stream: the catalog node and kind of each record (every kind), 索引号 per
year, `published` dates and reviews, about 3 % withheld records (drafts, under review, 依申请公开,
embargoed), attachments (small PDFs, shared per folder or per record), cross-references between
published records (`related`, `interprets`, `superseded_by`, `gk:` links in bodies) and valid
budget tables. No publication ledger is written. Python standard library only.
"""

import argparse
import datetime
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hugo_corpus as H  # noqa: E402  (the shared text generator, copied into bench/)
import gk_site  # noqa: E402

PREFIX = gk_site.PREFIX
WITHHELD_SHARE = 0.03
LINK = re.compile(r"\[([^\]]*)\]\(/([a-z-]+)/(\d{4}-\d{5})/\)")


def q(s):
    return H.q(s)


def draw_records(g, n):
    """Pass 1 of hugo_corpus.main, call for call, so the text stream stays identical."""
    r = g.r
    start = datetime.date(2012, 1, 1).toordinal()
    end = datetime.date(2026, 6, 30).toordinal()
    keys = [c[0] for c in H.CATEGORIES]
    weights = [c[2] for c in H.CATEGORIES]
    draws = [(r.choices(keys, weights)[0], datetime.date.fromordinal(r.randint(start, end)))
             for _ in range(n)]
    order = sorted(range(n), key=lambda i: (draws[i][1], i))
    seq, metas = {}, [None] * n
    for i in order:
        cat, date = draws[i]
        seq[date.year] = seq.get(date.year, 0) + 1
        metas[i] = H.make_meta(g, i, cat, date, seq[date.year])
    return order, metas


class Rec:
    """What gongkai adds to one Hugo record."""

    __slots__ = ("m", "created", "slug", "ix", "node", "kind", "withheld", "published", "fields",
                 "attachments", "related", "title", "ext")

    def __init__(self, m):
        self.m = m
        self.created = datetime.date.fromisoformat(m["date"])
        self.slug = m["slug"]
        self.ix = f"{PREFIX}/{self.slug}"
        self.title = m["title"]
        self.fields = []          # (key, yaml text) in output order, after the common fields
        self.attachments = []
        self.related = []
        self.withheld = None
        self.published = None
        self.ext = "md"


def place(x, rec):
    """Chooses the catalog node and kind from the Hugo category and title."""
    m, t = rec.m, rec.title
    cat = m["category"]
    if cat == "policies":
        return ("zcwj/gfxwj" if x.random() < 0.6 else "zcwj/qtwj"), "policy"
    if cat == "procurement":
        stage = "award" if ("结果" in t) else "contract" if "合同" in t else "tender"
        if stage == "tender" and x.random() < 0.15:
            stage = "planning"
        node = {"planning": "cgyx", "tender": "cggg", "award": "jggg", "contract": "htgg"}[stage]
        m["_stage"] = stage
        return f"zfcg/{node}", "procurement"
    if cat == "budgets":
        return ("czyjs/sgjf" if "三公" in t else "czyjs/yjs"), "budget"
    if cat == "leadership":
        return ("jgxx/ldxx", "person") if x.random() < 0.7 else ("jgxx/jgzn", "organization")
    if cat == "notices":
        return ("xzxk/bszn", "service") if x.random() < 0.12 else ("tzgg", "article")
    if cat == "personnel":
        return ("rsxx/rsrm" if "任免" in t else "rsxx/gwyzk"), "article"
    if cat == "emergency":
        node = "yjya" if "预案" in t else "yjxx" if "预警" in t else "ydqk"
        return f"yjgl/{node}", "article"
    return x.choice(gk_site.UPDATE_NODES), "article"


def decide(x, order, metas):
    """Node, kind, publication and cross-references of every record, in date order."""
    recs = [None] * len(metas)
    pools = {}                 # kind -> published records so far (for references)
    published_all = []
    for i in order:
        rec = Rec(metas[i])
        rec.node, rec.kind = place(x, rec)
        if rec.kind == "policy" and pools.get("policy") and x.random() < 0.2:
            rec.node, rec.kind = "zcjd", "interpretation"
        if x.random() < WITHHELD_SHARE:
            rec.withheld = x.choices(["draft", "review", "request", "embargo"], [50, 20, 15, 15])[0]
        else:
            rec.published = rec.created + datetime.timedelta(days=x.randint(0, 6))
        gk_site.kind_fields(x, rec, pools)
        if rec.published and published_all and x.random() < 0.1:
            recent = published_all[-300:]
            rec.related = sorted({x.choice(recent).ix for _ in range(x.randint(1, 2))})
        gk_site.attach(x, rec)
        if x.random() < 0.02:
            rec.ext = "yaml"
        recs[i] = rec
        if rec.published:
            pools.setdefault(rec.kind, []).append(rec)
            published_all.append(rec)
    supersede(x, pools.get("policy", []))
    return recs


def supersede(x, policies):
    """An abolished policy names a later published policy that replaced it."""
    for k, rec in enumerate(policies):
        validity = rec.m.get("validity", "有效")
        later = policies[k + 1:k + 6]
        if validity == "废止" and later:
            target = x.choice(later)
            rec.fields.append(("superseded_by", q(target.ix)))
            rec.fields.append(("void_from", target.created.isoformat()))
        elif validity != "有效":
            rec.m["validity"] = "失效"
            void = rec.created + datetime.timedelta(days=x.randint(365, 1500))
            rec.fields.append(("void_from", void.isoformat()))


def link_rewriter(by_slug):
    def sub(mo):
        text, _, slug = mo.groups()
        target = by_slug.get(slug)
        if target is not None and target.published:
            return f"[{text}](gk:{target.ix})"
        return text
    return sub


def front_matter(rec, summary):
    m = rec.m
    lines = [f"index_no: {q(rec.ix)}", f"title: {q(rec.title)}", f"summary: {q(summary)}",
             f"created: {rec.created.isoformat()}"]
    if rec.published:
        lines.append(f"published: {rec.published.isoformat()}")
    lines.append(f"publisher: {gk_site.publisher_of(m['department'])}")
    if "doc_number" in m and rec.kind in ("policy", "article", "budget"):
        lines.append(f"doc_no: {q(m['doc_number'])}")
    if rec.kind in ("policy", "interpretation"):
        lines.append(f"genre: {q('解读' if rec.kind == 'interpretation' else gk_site.genre_of(rec.title))}")
    lines.append("topics: [" + ", ".join(q(t) for t in m["topics"]) + "]")
    if rec.kind == "policy":
        lines.append(f"validity: {gk_site.VALIDITY[m.get('validity', '有效')]}")
    lines += gk_site.status_lines(rec)
    lines += [f"{k}: {v}" for k, v in rec.fields]
    if rec.attachments:
        lines.append("attachments:")
        lines += [f"  - {{file: {q(f)}, title: {q(t)}}}" for f, t in rec.attachments]
    if rec.related:
        lines.append("related: [" + ", ".join(q(ix) for ix in rec.related) + "]")
    return lines


def write_record(content, rec, body):
    summary = body.split("\n\n")[0].replace("**", "").replace("\n", " ")[:120]
    lines = front_matter(rec, summary)
    if rec.ext == "yaml":
        indented = "\n".join(("  " + ln) if ln else "" for ln in body.rstrip("\n").split("\n"))
        text = "\n".join(lines) + "\nbody: |\n" + indented + "\n"
    else:
        text = "---\n" + "\n".join(lines) + "\n---\n\n" + body
    path = os.path.join(content, rec.node, f"{rec.slug}.{rec.ext}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return len(body.encode("utf-8"))


def generate(n, out, seed):
    g = H.Gen(seed)
    x = random.Random(seed * 7919 + 17)
    order, metas = draw_records(g, n)
    recs = decide(x, order, metas)
    content = os.path.join(out, "content")
    gk_site.write_site(out, x)
    by_slug = {rec.slug: rec for rec in recs}
    sub = link_rewriter(by_slug)
    earlier, total, r = [], 0, g.r
    for i in order:                          # pass 2 of hugo_corpus.main, call for call
        rec = recs[i]
        body = LINK.sub(sub, H.make_body(g, rec.m, earlier))
        total += write_record(content, rec, body)
        if len(earlier) < 5000 or r.random() < 0.05:
            earlier.append((rec.m["category"], rec.slug, rec.m["title"]))
    gk_site.write_attachments(out, recs, x)
    withheld = sum(1 for rec in recs if not rec.published)
    print(f"wrote {n} records ({withheld} withheld) to {content}; "
          f"avg body {total / max(1, n) / 1024:.2f} KiB", file=sys.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20240601)
    a = ap.parse_args(argv)
    generate(a.records, a.out, a.seed)


if __name__ == "__main__":
    main()
