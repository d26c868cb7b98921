"""catalog.json, catalog.csv, the Atom feeds and the sitemap list exactly the published records:
the record pages present in the built site, and none of the records `gongkai check` withholds."""

import csv
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def slug(index_no):
    return re.sub(r"[^A-Za-z0-9-]", "-", index_no)


@pytest.fixture(scope="module")
def catalog(site_dir):
    return json.loads((site_dir / "data/catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def base_url(catalog):
    return catalog["base_url"]


@pytest.fixture(scope="module")
def published(catalog):
    ids = [r["index_no"] for r in catalog["records"]]
    assert len(ids) == len(set(ids)), "an index_no is listed twice"
    assert catalog["count"] == len(ids)
    return set(ids)


@pytest.fixture(scope="module")
def withheld(gongkai_bin):
    out = subprocess.run([str(gongkai_bin), "check", "--site", REPO, "--format", "json"],
                         capture_output=True, text=True, check=False)
    assert out.returncode in (0, 1), out.stderr
    return {w["index_no"] for w in json.loads(out.stdout)["withheld"]}


def test_catalog_json_matches_record_pages(site_dir, published, catalog, base_url):
    pages = {p.stem for p in (site_dir / "doc").glob("*.html")}
    assert pages == {slug(i) for i in published}
    for r in catalog["records"]:
        assert r["url"] == f"{base_url}doc/{slug(r['index_no'])}.html"


def test_nothing_withheld_is_listed(published, withheld):
    assert withheld, "the example site withholds some records (drafts, embargoes, 依申请公开)"
    assert published.isdisjoint(withheld)


def test_csv_lists_the_same_records(site_dir, published):
    raw = (site_dir / "data/catalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "catalog.csv starts with a UTF-8 BOM for Excel"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    # The catalog's columns, then the real fields of issue 21 (成文日期 … 项目编号). The example site
    # declares no standard-catalog columns (事项, 依据 …), so none follow.
    header = ["索引号", "名称", "内容概述", "发布机构", "生成日期", "发布日期", "文号",
              "主题分类", "文种", "有效性", "公开方式", "URL",
              "成文日期", "施行日期", "有效期至", "统一登记号", "发文机关", "信息来源", "项目编号"]
    assert rows[0] == header
    assert all(len(r) == len(header) for r in rows[1:]), "every row has every field (quoting is right)"
    assert {r[0] for r in rows[1:]} == published
    assert len(rows) - 1 == len(published)


def test_site_feed_is_the_newest_published(site_dir, catalog, base_url):
    root = ET.parse(site_dir / "feed.xml").getroot()
    entries = [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")]
    newest = [r["url"] for r in catalog["records"]][: len(entries)]
    assert entries == newest
    assert len(entries) == min(50, len(catalog["records"]))


def test_node_feeds_list_only_published(site_dir, catalog):
    urls = {r["url"] for r in catalog["records"]}
    feeds = list((site_dir / "xxgk").rglob("feed.xml"))
    assert feeds, "every catalog node has a feed"
    seen = set()
    for f in feeds:
        for e in ET.parse(f).getroot().findall(f"{ATOM}entry"):
            url = e.find(f"{ATOM}id").text
            assert url in urls, f"{f}: {url} is not published"
            seen.add(url)
    assert seen, "node feeds are not all empty"


def test_sitemap_lists_every_published_record_page(site_dir, published, base_url):
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    locs = [u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")]
    docs = {loc for loc in locs if loc.startswith(f"{base_url}doc/")}
    assert docs == {f"{base_url}doc/{slug(i)}.html" for i in published}
    assert len(locs) == len(set(locs))
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base_url}sitemap.xml" in robots
