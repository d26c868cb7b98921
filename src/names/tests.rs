use super::*;
use crate::i18n::Lang;

fn site() -> crate::config::Site {
    crate::config::parse(
        r#"
title: 芙川区人民政府
base_url: https://example.gov.cn/
org: {name: 芙川区人民政府, index_prefix: "X"}
publishers:
  - {id: qzf, name: 芙川区人民政府}
  - {id: qzfb, name: 芙川区人民政府办公室, aliases: [政府办]}
  - {id: czj, name: 芙川区财政局}
catalog:
  - id: zcwj
    name: 政策文件
    children:
      - {id: gfxwj, name: 行政规范性文件}
  - {id: tzgg, name: 通知公告}
  - id: zfcg
    name: 政府采购
    children:
      - {id: cggg, name: 采购公告}
      - {id: tzgg, name: 更正通知}
vocabularies:
  topics: [综合政务, 国民经济管理、国有资产监管, 财政、金融、审计]
  genres: [命令, 通知, 通报, 公告, 公示]
"#,
    )
    .unwrap_or_else(|d| panic!("{d:?}"))
}

fn ids(c: &[Candidate]) -> Vec<&str> {
    c.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn an_id_resolves_to_itself() {
    let s = site();
    assert_eq!(s.names.publishers.resolve_id("qzfb"), Ok("qzfb"));
    assert_eq!(s.names.nodes.resolve_id("zcwj/gfxwj"), Ok("zcwj/gfxwj"));
    assert_eq!(s.names.genres.resolve_id("通知"), Ok("通知"));
}

#[test]
fn a_publisher_by_its_name_alias_or_abbreviation() {
    let p = &site().names.publishers;
    assert_eq!(p.resolve_id("芙川区财政局"), Ok("czj"));
    assert_eq!(p.resolve_id(" 政府办 "), Ok("qzfb"));
    assert_eq!(p.resolve_id("区政府办"), Ok("qzfb"));
    assert_eq!(p.resolve_id("区政府办公室"), Ok("qzfb"));
    assert_eq!(p.resolve_id("财政局"), Ok("czj"));
}

#[test]
fn an_abbreviation_of_two_publishers_is_ambiguous() {
    let p = &site().names.publishers;
    let Err(Miss::Ambiguous(c)) = p.resolve("区政府") else {
        panic!("expected ambiguity")
    };
    assert_eq!(ids(&c), ["qzf", "qzfb"]);
    let m = msg::ambiguous(What::Publisher, "区政府", &c);
    assert_eq!(
        m.render(Lang::Zh),
        "“区政府”可指 2 个发布机构：“芙川区人民政府”（qzf）、“芙川区人民政府办公室”（qzfb），请写明其 id 或全称"
    );
    assert_eq!(
        m.render(Lang::En),
        "ambiguous publisher \"区政府\": it fits 2 entries, “芙川区人民政府”（qzf）、“芙川区人民政府办公室”（qzfb）; write its id or full name"
    );
}

#[test]
fn a_node_by_name_folder_listing_path_or_unique_suffix() {
    let n = &site().names.nodes;
    assert_eq!(n.resolve_id("通知公告"), Ok("tzgg"));
    assert_eq!(n.resolve_id("content/zcwj/gfxwj/"), Ok("zcwj/gfxwj"));
    assert_eq!(n.resolve_id("xxgk/zcwj/gfxwj"), Ok("zcwj/gfxwj"));
    assert_eq!(n.resolve_id("zfxxgk/tzgg"), Ok("tzgg"));
    assert_eq!(n.resolve_id("zcwj／gfxwj"), Ok("zcwj/gfxwj"));
    assert_eq!(n.resolve_id("gfxwj"), Ok("zcwj/gfxwj"));
    assert_eq!(n.resolve_id("政策文件/行政规范性文件"), Ok("zcwj/gfxwj"));
    assert_eq!(n.resolve_id("规范性文件"), Ok("zcwj/gfxwj"));
    // `tzgg` is a top-level id; as a suffix it would also fit zfcg/tzgg.
    assert_eq!(n.resolve_id("tzgg"), Ok("tzgg"));
    let Err(Miss::Ambiguous(c)) = n.resolve("公告") else {
        panic!("expected ambiguity")
    };
    assert_eq!(ids(&c), ["tzgg", "zfcg/cggg"]);
}

#[test]
fn a_topic_by_a_part_of_its_name() {
    let s = site();
    assert_eq!(
        s.names.topics.resolve_id("国有资产监管"),
        Ok("国民经济管理、国有资产监管")
    );
    assert_eq!(s.names.topics.resolve_id("财政"), Ok("财政、金融、审计"));
}

#[test]
fn did_you_mean_compares_ids_and_chinese_names() {
    let s = site();
    let sugg = |t: &Table, w: &str| match t.resolve(w) {
        Err(Miss::Unknown { suggestion }) => suggestion.map(|c| c.id),
        other => panic!("{w}: {other:?}"),
    };
    assert_eq!(sugg(&s.names.publishers, "qzfbb").as_deref(), Some("qzfb"));
    assert_eq!(
        sugg(&s.names.publishers, "芙川区财政厅").as_deref(),
        Some("czj")
    );
    assert_eq!(
        sugg(&s.names.publishers, "芙川区财政局办公室").as_deref(),
        Some("czj")
    );
    assert_eq!(sugg(&s.names.genres, "通令").as_deref(), Some("通知"));
    assert_eq!(sugg(&s.names.publishers, "zzz"), None);
    assert_eq!(sugg(&s.names.nodes, "招标信息"), None);
    assert_eq!(
        sugg(&s.names.nodes, "zfcg/gfxwj").as_deref(),
        Some("zcwj/gfxwj")
    );
    let miss = s.names.publishers.resolve("芙川区财政厅").unwrap_err();
    let m = msg::miss(What::Publisher, "芙川区财政厅", &miss);
    assert_eq!(
        m.render(Lang::En),
        "unknown publisher \"芙川区财政厅\" (not in site.yaml); did you mean \"czj\" (芙川区财政局)?"
    );
    assert_eq!(
        m.render(Lang::Zh),
        "发布机构 “芙川区财政厅” 不在 site.yaml 中，是否应为 “czj”（芙川区财政局）？"
    );
}

#[test]
fn a_single_character_is_not_a_short_name() {
    let p = &site().names.publishers;
    assert!(matches!(p.resolve("局"), Err(Miss::Unknown { .. })));
}

#[test]
fn a_nodes_publisher_must_name_one_publisher() {
    let yaml = "title: t\nbase_url: https://example.gov.cn/\norg: {name: o, index_prefix: X}\npublishers:\n  - {id: qzf, name: 芙川区人民政府}\n  - {id: czj, name: 芙川区财政局}\ncatalog:\n  - id: a\n    name: 甲\n    publisher: 财政局\n    children:\n      - {id: b, name: 乙}\n  - id: c\n    name: 丙\n    children:\n      - {id: d, name: 丁, publisher: 财政厅}\n";
    let diags = crate::config::parse(yaml).unwrap_err();
    let found: Vec<(u32, &str, Option<&str>)> = (diags.iter())
        .map(|d| (d.line, d.code.id(), d.field.as_deref()))
        .collect();
    assert_eq!(
        found,
        [(16, "E050", Some("catalog[1].children[0].publisher"))]
    );
    let ok = crate::config::parse(&yaml.replace("财政厅", "czj")).unwrap();
    let b = ok.catalog.find("a/b").unwrap();
    assert_eq!(ok.catalog.nodes[b].publisher.as_deref(), Some("财政局"));
}
