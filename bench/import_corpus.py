#!/usr/bin/env python3
"""The `gongkai import` benchmark (issue 21): writes a saved copy of an old portal of N record
pages (default 20,000) as a mirroring tool leaves it, and an empty gongkai site to import into;
with --run, times `gongkai import` of the saved site into a fresh copy of that site (and a
second, idempotent run), with GNU time for CPU and peak memory.

    bench/import_corpus.py [--pages 20000] [--work DIR] [--run] [--bin PATH]

Half the pages are GBK-encoded in the table layout of TRS-style portals (label cells, then value
cells), half UTF-8 in the layout of the national site-group CMS (ArticleTitle/PubDate meta tags
and an <li> metadata list); every tenth page links a PDF saved beside it; one listing page per
hundred records carries no disclosure metadata. Python standard library only.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
NOW = "2026-12-07T10:00:00+08:00"

SITE_YAML = """title: 芙川区人民政府
base_url: https://www.fuchuan.example.gov.cn/
org:
  name: 芙川区人民政府
  index_prefix: "11430199MB0000000X"
publishers:
  - {id: qzfb, name: 芙川区人民政府办公室}
  - {id: jyj, name: 芙川区教育局}
  - {id: zjj, name: 芙川区住房和城乡建设局}
  - {id: wjj, name: 芙川区卫生健康局}
catalog:
  - {id: zcwj, name: 政策文件, kind: policy, article: "20(1)"}
  - {id: tzgg, name: 通知公告}
vocabularies:
  topics: [教育, 城乡建设, 卫生健康, 综合政务]
"""

MAPPING = """node: tzgg
nodes:
  政策文件: zcwj
  通知公告: tzgg
"""

PUBLISHERS = [("芙川区人民政府办公室", "11430199MB0000001X", "综合政务"),
              ("芙川区教育局", "000014349", "教育"),
              ("芙川区住房和城乡建设局", "000014350", "城乡建设"),
              ("芙川区卫生健康局", "000014351", "卫生健康")]

WORDS = ("进一步 加强 规范 管理 工作 通知 意见 实施 方案 推进 建设 服务 落实 责任 制度 "
         "组织 开展 检查 安全 生产 教育 卫生 城乡 项目 资金 公开 信息 群众 办理 程序").split()

TRS = """<!DOCTYPE html><html><head>
<META http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title} - 芙川区人民政府</title><script src="../../js/common.js"></script></head>
<body><div class="nav"><a href="../../index.html">首页</a></div>
<table class="xxgk_table">
<tr><td>索&nbsp;引&nbsp;号：</td><td>{ix}</td><td>主题分类：</td><td>{topic}</td></tr>
<tr><td>发布机构：</td><td>{pub}</td><td>生成日期：</td><td>{created}</td></tr>
<tr><td>名　　称：</td><td colspan="3">{title}</td></tr>
<tr><td>文　　号：</td><td>{docno}</td><td>发布日期：</td><td>{published}</td></tr>
</table>
<div class="TRS_Editor">{body}</div>
<div class="fujian">{att}</div>
<div class="footer">主办：芙川区人民政府<script>var _hmt=[];</script></div></body></html>
"""

GROUP = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="SiteName" content="芙川区人民政府"><meta name="ColumnName" content="{column}">
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{published} 09:30">
<meta name="ContentSource" content="{pub}"><title>{title}_芙川区人民政府</title></head>
<body><div class="xxgk-info"><ul><li><b>索引号：</b>{ix}</li><li><b>发布机构：</b>{pub}</li>
<li><b>主题分类：</b>{topic}</li><li><b>成文日期：</b>{created}</li></ul></div>
<div class="article"><h1>{title}</h1><div id="zoom">{body}{att}</div></div>
<script>share();</script></body></html>
"""

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def page(i, rng):
    pub, code, topic = PUBLISHERS[i % len(PUBLISHERS)]
    year = 2015 + i % 11
    month, day = 1 + i % 12, 1 + i % 28
    title = "芙川区" + "".join(rng.choice(WORDS) for _ in range(6)) + "的通知"
    paras = "".join("<p>　　" + "，".join("".join(rng.choice(WORDS) for _ in range(5)) for _ in range(6))
                    + "。</p>" for _ in range(4 + i % 5))
    fields = dict(title=title, ix=f"{code}/{year}-{i:06d}", topic=topic, pub=pub,
                  created=f"{year}-{month:02d}-{day:02d}", published=f"{year}年{month}月{day}日",
                  docno=f"芙政发〔{year}〕{i % 97 + 1}号", body=paras, att="",
                  column="政策文件" if i % 3 == 0 else "通知公告")
    return fields


def write(work, pages, seed=7):
    rng = random.Random(seed)
    src = os.path.join(work, "old-site")
    site = os.path.join(work, "site")
    for d in (src, site):
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(site, "content"))
    with open(os.path.join(site, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(SITE_YAML)
    with open(os.path.join(work, "mapping.yaml"), "w", encoding="utf-8") as f:
        f.write(MAPPING)
    listing = []
    for i in range(pages):
        fields = page(i, rng)
        folder = os.path.join(src, "www.fuchuan.example.gov.cn", "xxgk", f"{i // 500:03d}")
        os.makedirs(folder, exist_ok=True)
        name = f"t{i:06d}.html"
        if i % 10 == 0:
            pdf = f"P{i:06d}.pdf"
            with open(os.path.join(folder, pdf), "wb") as f:
                f.write(PDF)
            fields["att"] = f'附件：<a href="./{pdf}">附件{i}.pdf</a>'
        if i % 2 == 0:
            data = TRS.format(**fields).encode("gb18030")
        else:
            data = GROUP.format(**fields).encode("utf-8")
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        listing.append(f'<li><a href="{i // 500:03d}/{name}">{fields["title"]}</a></li>')
        if len(listing) == 100:
            with open(os.path.join(folder, f"index_{i // 100}.html"), "w", encoding="utf-8") as f:
                f.write("<html><head><meta charset=utf-8><title>列表</title></head><body><ul>"
                        + "".join(listing) + "</ul></body></html>")
            listing = []
    return src, site


def timed(cmd):
    gnu = ["/usr/bin/time", "-f", "%e s wall, %U s user, %S s sys, %M KiB peak RSS"] \
        if os.path.exists("/usr/bin/time") else []
    t = time.monotonic()
    p = subprocess.run(gnu + cmd, capture_output=True, text=True)
    wall = time.monotonic() - t
    tail = p.stderr.strip().splitlines()[-1:] if gnu else []
    return wall, p, (tail[0] if tail else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=20000)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "gongkai-import-bench"))
    ap.add_argument("--run", action="store_true")
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "gongkai"))
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    t = time.monotonic()
    src, site = write(a.work, a.pages)
    print(f"wrote {a.pages} saved pages to {src} in {time.monotonic() - t:.1f} s", file=sys.stderr)
    if not a.run:
        return
    target = os.path.join(a.work, "run-site")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(site, target)
    cmd = [a.bin, "import", "--quiet", "--site", target, "--mapping",
           os.path.join(a.work, "mapping.yaml"), "--now", NOW, src]
    for label in ("first import", "second import (idempotent)"):
        wall, p, usage = timed(cmd)
        if p.returncode not in (0, 1):
            sys.exit(f"gongkai import failed ({p.returncode}):\n{p.stderr[-2000:]}")
        made = sum(len(files) for _, _, files in os.walk(os.path.join(target, "content")))
        print(f"| {label} | {a.pages} pages | {wall:.1f} s | {usage} | {made} files in content/ |")


if __name__ == "__main__":
    main()
