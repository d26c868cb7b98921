use super::*;

fn draft(kind: Kind) -> String {
    let codes = BTreeMap::new();
    render(&Skeleton {
        kind,
        node_path: "zcwj/gfxwj",
        node_name: "政策文件/行政规范性文件",
        index_no: "11430199MB0000000X/2025-00043",
        codes: &codes,
        title: "关于\"新\"的通知",
        today: Date::parse("2025-06-01").unwrap(),
        publisher_id: "qzfb",
        publisher_name: "芙川区人民政府办公室",
        genre: Some("通知"),
        topic: Some("综合政务"),
        policy: Some("11430199MB0000000X/2025-00007"),
    })
}

#[test]
fn a_skeleton_per_kind() {
    for &kind in Kind::ALL {
        insta::assert_snapshot!(format!("skeleton_{kind}"), draft(kind));
    }
}

#[test]
fn the_skeleton_is_valid_yaml_whose_only_fields_are_the_required_ones() {
    for &kind in Kind::ALL {
        let text = draft(kind);
        let yaml = text.trim_start_matches("---\n");
        let yaml = &yaml[..yaml.find("\n---\n").unwrap()];
        let tree = crate::yaml::parse(yaml).unwrap_or_else(|e| panic!("{kind}: {e:?}"));
        let crate::yaml::NodeKind::Map(entries) = &tree.kind else {
            panic!("{kind}: not a map")
        };
        let keys: Vec<&str> = entries.iter().filter_map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            &keys[..5],
            ["index_no", "title", "created", "publisher", "status"],
            "{kind}"
        );
    }
}

#[test]
fn codes_are_written_when_the_scheme_has_them() {
    let codes = BTreeMap::from([("dept".to_string(), "A:1".to_string())]);
    let text = render(&Skeleton {
        kind: Kind::Article,
        node_path: "tzgg",
        node_name: "通知公告",
        index_no: "X/2025-1",
        codes: &codes,
        title: "t",
        today: Date::parse("2025-06-01").unwrap(),
        publisher_id: "qzf",
        publisher_name: "芙川区人民政府",
        genre: None,
        topic: None,
        policy: None,
    });
    assert!(text.contains("\nindex_codes: {dept: \"A:1\"}\n"), "{text}");
}
