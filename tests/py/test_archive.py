"""`gongkai archive` checked with independent tools: the reference BagIt validator (bagit.py),
OpenSSL's SM3 (through hashlib) for our SM3 manifests, and warcio for the WARC capture.

The bag is made from the repository's own example site (the site source, not GONGKAI_SITE, which
is the built output) for 2025, at a fixed instant and date so the test does not rot.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import urllib.parse

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
NOW = "2026-11-25T12:00:00+08:00"
DATE = "2026-11-25"
VENV_BIN = pathlib.Path(sys.executable).parent


def run(cmd, **kw):
    env = dict(os.environ, GONGKAI_NOW=NOW)
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, **kw)


@pytest.fixture(scope="session")
def bag(gongkai_bin, tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("bag") / "J123-2025-1"
    r = run([gongkai_bin, "archive", "--site", REPO, "--year", "2025", "--date", DATE, "--sm3", "--out", out])
    assert r.returncode == 0, r.stderr
    return out


def bagit_validate(path: pathlib.Path) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "bagit", "--validate", path])


def test_reference_validator_accepts_the_bag(bag):
    r = bagit_validate(bag)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "is valid" in r.stderr
    info = (bag / "bag-info.txt").read_text(encoding="utf-8")
    for field in ["Source-Organization", "Organization-Address", "Contact-Phone", "External-Identifier",
                  "Bag-Group-Identifier", "Bag-Count", "Bagging-Date", "Payload-Oxum",
                  "Internal-Sender-Description"]:
        assert re.search(rf"^{field}: \S", info, re.M), f"{field} missing from bag-info.txt"
    assert f"Bagging-Date: {DATE}\n" in info


def first_payload_file(bag: pathlib.Path, suffix: str) -> pathlib.Path:
    return next(p for p in sorted((bag / "data").rglob(f"*{suffix}")) if p.is_file())


def corrupt_byte(bag):
    f = first_payload_file(bag, ".pdf")
    data = bytearray(f.read_bytes())
    data[len(data) // 2] ^= 0x01
    f.write_bytes(bytes(data))


def remove_file(bag):
    first_payload_file(bag, ".html").unlink()


def add_file(bag):
    (bag / "data" / "2025" / "extra.txt").write_text("not in the manifest\n", encoding="utf-8")


@pytest.mark.parametrize("damage", [corrupt_byte, remove_file, add_file])
def test_reference_validator_rejects_a_damaged_bag(bag, tmp_path, damage):
    copy = tmp_path / "bag"
    shutil.copytree(bag, copy)
    assert bagit_validate(copy).returncode == 0, "the undamaged copy must validate"
    damage(copy)
    r = bagit_validate(copy)
    assert r.returncode != 0, f"bagit accepted a bag after {damage.__name__}"


def read_manifest(path: pathlib.Path) -> dict[str, str]:
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, name = line.split(None, 1)
        entries[name.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")] = digest
    return entries


def test_sm3_manifests_agree_with_an_independent_sm3(bag):
    if "sm3" not in hashlib.algorithms_available:
        pytest.fail("this Python's OpenSSL has no SM3; the SM3 manifests cannot be cross-checked")
    assert hashlib.new("sm3", b"abc").hexdigest() == (
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    payload = read_manifest(bag / "manifest-sm3.txt")
    assert payload.keys() == read_manifest(bag / "manifest-sha256.txt").keys()
    tags = read_manifest(bag / "tagmanifest-sm3.txt")
    assert "manifest-sm3.txt" in tags
    for name, digest in {**payload, **tags}.items():
        assert hashlib.new("sm3", (bag / name).read_bytes()).hexdigest() == digest, name


def front_matter_fields(path: pathlib.Path) -> dict[str, str]:
    """The top-level scalar fields of a record, read with a regex (no YAML library needed)."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".md":
        text = text.split("\n---", 1)[0]
    return dict(re.findall(r"^([a-z_]+):[ \t]*([^\n]*?)[ \t]*$", text, re.M))


def expected_2025_records(gongkai_bin) -> set[str]:
    """索引号 of every record published in 2025, less the withheld ones `gongkai check` lists."""
    r = run([gongkai_bin, "check", "--site", REPO, "--format", "json"])
    assert r.returncode == 0, r.stderr
    withheld = {w["index_no"] for w in json.loads(r.stdout)["withheld"]}
    found = set()
    for path in sorted((REPO / "content").rglob("*")):
        if path.suffix not in {".md", ".yaml", ".yml"} or "_files" in path.parts:
            continue
        fields = front_matter_fields(path)
        if fields.get("published", "").strip("'\"").startswith("2025-"):
            found.add(fields["index_no"].strip("'\""))
    return found - withheld


def test_catalog_lists_every_2025_record_with_a_gapless_danghao(bag, gongkai_bin, site_dir):
    with open(bag / "data" / "目录" / "归档文件目录.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    expected = expected_2025_records(gongkai_bin)
    assert len(expected) > 20
    assert {r["索引号"] for r in rows} == expected
    assert len(rows) == len(expected), "one row per record"
    for ix in expected:  # every archived record is a page of the built site
        assert (site_dir / "doc" / (re.sub(r"[^A-Za-z0-9-]", "-", ix) + ".html")).is_file(), ix
    groups: dict[str, list[int]] = {}
    for r in rows:
        prefix, item = r["档号"].rsplit("-", 1)
        assert r["件号"] == item and len(item) == 4
        assert prefix.startswith("J123-") and "·2025-" in prefix
        groups.setdefault(prefix, []).append(int(item))
        assert (bag / r["位置"] / "元数据.xml").is_file()
    for prefix, items in groups.items():
        assert items == list(range(1, len(items) + 1)), f"{prefix}: {items}"
    order = [(r["档号"].rsplit("-", 1)[0], int(r["件号"])) for r in rows]
    assert order == sorted(order), "rows are in 档号 order"
    # The XML catalog says the same, and every record's metadata is well-formed XML.
    import xml.etree.ElementTree as ET
    root = ET.parse(bag / "data" / "目录" / "归档文件目录.xml").getroot()
    assert [e.findtext("档号") for e in root.iter("文件")] == [r["档号"] for r in rows]
    for meta in (bag / "data").rglob("元数据.xml"):
        doc = ET.parse(meta).getroot()
        assert doc.findtext("密级") == "公开"
        assert doc.find("审核/审核人") is not None, meta


def test_withheld_records_never_reach_the_bag(bag):
    # A withdrawn 2025 notice carries this marker in its body; it must appear nowhere.
    marker = "已撤回标记丁"
    assert any(marker in p.read_text(encoding="utf-8") for p in (REPO / "content").rglob("*.md"))
    for p in (bag / "data").rglob("*"):
        if p.is_file() and p.suffix in {".md", ".html", ".xml", ".csv", ".yaml"}:
            assert marker not in p.read_text(encoding="utf-8"), p


@pytest.fixture(scope="session")
def warc(gongkai_bin, tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("warc") / "site.warc.gz"
    r = run([gongkai_bin, "archive", "--site", REPO, "--warc", "--date", DATE, "--out", out])
    assert r.returncode == 0, r.stderr
    return out


def test_warcio_checks_the_capture(warc):
    r = run([VENV_BIN / "warcio", "check", "-v", warc])
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "digest pass" in r.stdout
    assert "fail" not in r.stdout.replace("digest pass", "")


def test_warcio_index_lists_every_file_of_the_site(warc, site_dir):
    r = run([VENV_BIN / "warcio", "index", "-f", "warc-type,warc-target-uri", warc])
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert lines[0]["warc-type"] == "warcinfo"
    uris = [x["warc-target-uri"] for x in lines if x["warc-type"] == "response"]
    assert len(uris) == len(set(uris))
    base = re.search(r"^base_url:\s*(\S+)", (REPO / "site.yaml").read_text(encoding="utf-8"), re.M).group(1)
    files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    expected = {base + urllib.parse.quote(f) for f in files}
    assert set(uris) == expected
    assert sum(f.endswith(".html") for f in files) > 50


def test_warc_records_are_separate_gzip_members(warc):
    import gzip
    import zlib
    data = warc.read_bytes()
    members = 0
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        record = d.decompress(data)
        assert record.startswith(b"WARC/1.1\r\n") and record.count(b"WARC/1.1\r\n") == 1
        assert record.endswith(b"\r\n\r\n")
        members += 1
        data = d.unused_data
    whole = gzip.decompress(warc.read_bytes())
    assert members == whole.count(b"WARC/1.1\r\n") > 50


def test_reference_validator_accepts_a_year_with_audio_video_and_legacy_files(gongkai_bin, tmp_path):
    """Issue 20: an audio or video 解读 and .doc/.xls/.wps attachments are archived (the legacy
    formats flagged for conversion), and bagit.py accepts the bag."""
    site = tmp_path / "site"
    site.mkdir()
    for name in ["site.yaml", "ledger.jsonl"]:
        shutil.copy2(REPO / name, site / name)
    for name in ["content", "data"]:
        shutil.copytree(REPO / name, site / name)
    node = site / "content" / "tzgg"
    files = node / "_files"
    files.mkdir(exist_ok=True)
    ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504
    payload = {
        "jd-media.mp3": b"ID3\x04\0\0\0\0\0\0" + b"\xff\xfb" * 64,
        "jd-media.mp4": b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom" + b"\0" * 64,
        "jd-old.doc": ole,
        "jd-old.wps": ole,
        "jd-list.xls": ole,
    }
    for name, data in payload.items():
        (files / name).write_bytes(data)
    (node / "2026-jd-media.md").write_text(
        "---\n"
        "index_no: 11430199MB0000000X/2026-00901\n"
        "title: 关于2026年冬季供暖工作的音视频解读\n"
        "created: 2026-11-20\n"
        "publisher: wjj\n"
        "genre: 通知\n"
        "topics: [卫生、体育]\n"
        "status: approved\n"
        "review: {by: 赵某某, on: 2026-11-21, secrecy: 非涉密, conclusion: 同意公开}\n"
        "retention: 10年\n"
        "attachments:\n"
        "  - {file: _files/jd-media.mp3, title: 音频解读}\n"
        "  - {file: _files/jd-media.mp4, title: 视频解读}\n"
        "  - {file: _files/jd-old.doc, title: 旧版文档}\n"
        "  - {file: _files/jd-old.wps, title: WPS 文档}\n"
        "  - {file: _files/jd-list.xls, title: 名单}\n"
        "---\n\n冬季供暖工作的解读见附件音频和视频。\n",
        encoding="utf-8",
    )
    r = run([gongkai_bin, "publish", "--site", site, "--out", tmp_path / "public"])
    assert r.returncode == 0, r.stderr[-3000:]
    bag = tmp_path / "J123-2026-1"
    r = run([gongkai_bin, "archive", "--site", site, "--year", "2026", "--date", DATE, "--out", bag])
    assert r.returncode == 0, r.stderr[-3000:]
    r = bagit_validate(bag)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "is valid" in r.stderr
    archived = {p.name: p.read_bytes() for p in (bag / "data").rglob("*") if p.name in payload}
    assert archived == payload, "every attachment is in the bag, byte for byte"
    report = next((bag / "data").rglob("检测报告.txt"), None) or next(bag.rglob("检测报告.txt"))
    text = report.read_text(encoding="utf-8")
    assert "[提示]" in text and "jd-old.doc" in text, text[-2000:]
