use std::collections::BTreeMap;

use super::*;
use proptest::prelude::*;

const P: &str = "11430199MB0000000X";

fn no_fields() -> &'static BTreeMap<String, String> {
    static EMPTY: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
    EMPTY.get_or_init(BTreeMap::new)
}

/// One real numbering shape: the scheme, the site prefix, the codes, and a number seen in the wild
/// (written here), with the year and serial it carries.
struct Shape {
    name: &'static str,
    format: &'static str,
    prefix: &'static str,
    publisher: &'static str,
    category: &'static str,
    fields: &'static [(&'static str, &'static str)],
    sample: &'static str,
    year: i32,
    serial: u64,
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "USCC/YYYY-NNNNN, code ending in a letter",
        format: "{publisher}/{YYYY}-{NNNNN}",
        prefix: P,
        publisher: "11330203MB1D62705B",
        category: "",
        fields: &[],
        sample: "11330203MB1D62705B/2023-00012",
        year: 2023,
        serial: 12,
    },
    Shape {
        name: "USCC/YYYY-NNNNNNN",
        format: "{publisher}/{YYYY}-{NNNNNNN}",
        prefix: P,
        publisher: "113302030025328170",
        category: "",
        fields: &[],
        sample: "113302030025328170/2021-0000345",
        year: 2021,
        serial: 345,
    },
    Shape {
        name: "9-character organisation code",
        format: "{publisher}/{YYYY}-{NNNNN}",
        prefix: P,
        publisher: "00253281X",
        category: "",
        fields: &[],
        sample: "00253281X/2016-00007",
        year: 2016,
        serial: 7,
    },
    Shape {
        name: "YYYYMM",
        format: "{publisher}/{YYYYMM}-{NNNNN}",
        prefix: P,
        publisher: "002532817",
        category: "",
        fields: &[],
        sample: "002532817/201807-00031",
        year: 2018,
        serial: 31,
    },
    Shape {
        name: "hyphens only",
        format: "{publisher}-{YYYY}-{NNNNNN}",
        prefix: P,
        publisher: "002532817",
        category: "",
        fields: &[],
        sample: "002532817-2020-000104",
        year: 2020,
        serial: 104,
    },
    Shape {
        name: "7 digits",
        format: "{publisher}/{YYYY}-{NNNNN}",
        prefix: P,
        publisher: "3302001",
        category: "",
        fields: &[],
        sample: "3302001/2022-00045",
        year: 2022,
        serial: 45,
    },
    Shape {
        name: "region code + 0000",
        format: "{prefix}0000/{YYYY}-{NNNNNN}",
        prefix: "330203",
        publisher: "",
        category: "",
        fields: &[],
        sample: "3302030000/2024-000123",
        year: 2024,
        serial: 123,
    },
    Shape {
        name: "pinyin abbreviation",
        format: "{publisher}/{YYYY}-{NNNNN}",
        prefix: P,
        publisher: "FCQZFB",
        category: "",
        fields: &[],
        sample: "FCQZFB/2024-00007",
        year: 2024,
        serial: 7,
    },
    Shape {
        name: "Fujian four parts, category per record",
        format: "{prefix}-{field:category}-{YYYY}-{NNNNN}",
        prefix: "FJ350102",
        publisher: "",
        category: "",
        fields: &[("category", "0401")],
        sample: "FJ350102-0401-2023-00012",
        year: 2023,
        serial: 12,
    },
    Shape {
        name: "Fujian four parts, category from the node",
        format: "{prefix}-{category}-{YYYY}-{NNNNN}",
        prefix: "FJ350102",
        publisher: "",
        category: "0203",
        fields: &[],
        sample: "FJ350102-0203-2023-00099",
        year: 2023,
        serial: 99,
    },
    Shape {
        name: "Ningbo 2007",
        format: "{prefix}-{publisher}-{category}-{field:group}-{YYYYMMDD}-{N+}",
        prefix: "330201",
        publisher: "SZF",
        category: "ZC",
        fields: &[("group", "01")],
        sample: "330201-SZF-ZC-01-20070815-123456",
        year: 2007,
        serial: 123456,
    },
    Shape {
        name: "21 digits",
        format: "{prefix}{publisher}{category}{field:unit}{YYYY}{NNNN}",
        prefix: "330203",
        publisher: "105",
        category: "02",
        fields: &[("unit", "01")],
        sample: "330203105020120240007",
        year: 2024,
        serial: 7,
    },
];

impl Shape {
    fn format(&self) -> IndexFormat {
        IndexFormat::parse(self.format, self.prefix)
            .unwrap_or_else(|e| panic!("{}: {e}", self.name))
    }
    fn fields(&self) -> BTreeMap<String, String> {
        self.fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }
}

#[test]
fn every_real_shape_is_expressible_and_matches_its_sample() {
    for s in SHAPES {
        let f = s.format();
        let fields = s.fields();
        let b = Bindings {
            publisher: CodeChoice::Exact(s.publisher),
            category: CodeChoice::Exact(s.category),
            fields: Some(&fields),
        };
        let parts = f
            .matches_with(s.sample, &b)
            .unwrap_or_else(|| panic!("{}: {} does not match", s.name, s.sample));
        assert_eq!((parts.year, parts.serial), (s.year, s.serial), "{}", s.name);
        let any = f
            .matches(s.sample)
            .unwrap_or_else(|| panic!("{}: shape only", s.name));
        assert_eq!((any.year, any.serial), (s.year, s.serial), "{}", s.name);
        let v = Values {
            publisher: s.publisher,
            category: s.category,
            fields: &fields,
        };
        assert_eq!(
            f.format(
                (s.year, parts.month.unwrap_or(8), parts.day.unwrap_or(15)),
                s.serial,
                &v
            ),
            s.sample,
            "{}",
            s.name
        );
    }
}

#[test]
fn another_departments_code_does_not_match() {
    let f = IndexFormat::parse("{publisher}/{YYYY}-{NNNNN}", P).unwrap();
    let b = |code| Bindings {
        publisher: CodeChoice::Exact(code),
        category: CodeChoice::Free,
        fields: None,
    };
    assert!(
        f.matches_with("00253281X/2016-00007", &b("00253281X"))
            .is_some()
    );
    assert!(
        f.matches_with("00253281X/2016-00007", &b("3302001"))
            .is_none()
    );
    let codes = ["3302001".to_string(), "00253281X".to_string()];
    let any_of = Bindings {
        publisher: CodeChoice::AnyOf(&codes),
        category: CodeChoice::Free,
        fields: None,
    };
    assert!(f.matches_with("00253281X/2016-00007", &any_of).is_some());
    assert!(f.matches_with("00253281Y/2016-00007", &any_of).is_none());
}

#[test]
fn dates_are_checked() {
    let f = IndexFormat::parse("{prefix}-{YYYYMMDD}-{N+}", "A").unwrap();
    let p = f.matches("A-20240229-7").unwrap();
    assert_eq!(
        (p.year, p.month, p.day, p.serial),
        (2024, Some(2), Some(29), 7)
    );
    assert!(
        f.matches("A-20230229-7").is_none(),
        "no 29 February in 2023"
    );
    assert!(f.matches("A-20241301-7").is_none());
    assert!(f.matches("A-20240101-").is_none(), "a serial needs a digit");
    assert!(
        f.matches("A-20240101-1234567890123456789").is_none(),
        "serial too long for a number"
    );
}

#[test]
fn default_format_matches() {
    let f = IndexFormat::parse(DEFAULT_FORMAT, P).unwrap();
    let parts = f.matches("11430199MB0000000X/2024-00012").unwrap();
    assert_eq!((parts.year, parts.serial), (2024, 12));
    assert!(f.matches("11430199MB0000000X/2024-0012").is_none());
    assert!(f.matches("11430199MB0000000Y/2024-00012").is_none());
    assert!(f.matches("11430199MB0000000X/2024-00012x").is_none());
}

#[test]
fn yyyymm_months_are_checked() {
    let f = IndexFormat::parse("{prefix}/{YYYYMM}-{NNNNN}", P).unwrap();
    assert_eq!(
        f.matches(&format!("{P}/202403-00001")).unwrap().month,
        Some(3)
    );
    assert!(f.matches(&format!("{P}/202413-00001")).is_none());
}

#[test]
fn bad_formats_are_refused() {
    for bad in [
        "{prefix}/{YYYY}",
        "{prefix}/{YY}-{NNN}",
        "{prefix/{YYYY}-{NNN}",
        "{prefix}/{NNNNN}",
        "{prefix}/{YYYY}-{NNNNN}-{N+}",
        "{prefix}/{YYYY}{YYYYMM}-{NNNNN}",
        "{prefix}}/{YYYY}-{NNNNN}",
        "{field:a/b}/{YYYY}-{NNNNN}",
        "{field:}/{YYYY}-{NNNNN}",
    ] {
        assert!(IndexFormat::parse(bad, P).is_err(), "{bad}");
    }
}

#[test]
fn legacy_numbers_need_printable_text() {
    assert!(check_legacy("芙政办〔2009〕索引 0012").is_err());
    assert!(check_legacy("").is_err());
    assert!(check_legacy(&"1".repeat(200)).is_err());
    assert!(check_legacy("FC-2009-12/新").is_ok());
}

#[test]
fn slug_is_url_safe() {
    assert_eq!(
        IndexNo::new(format!("{P}/2024-00001")).slug(),
        format!("{P}-2024-00001")
    );
    // One dash per character, not per byte, outside ASCII.
    assert_eq!(IndexNo::new("区府/2024-1").slug(), "---2024-1");
}

proptest! {
    #[test]
    fn every_shape_round_trips(shape in 0..SHAPES.len(), year in 1990i32..2100, month in 1u32..13, day in 1u32..29, serial in 0u64..9_999) {
        let s = &SHAPES[shape];
        let f = s.format();
        let fields = s.fields();
        let v = Values { publisher: s.publisher, category: s.category, fields: &fields };
        let text = f.format((year, month, day), serial, &v);
        let b = Bindings { publisher: CodeChoice::Exact(s.publisher), category: CodeChoice::Exact(s.category), fields: Some(&fields) };
        let parts = f.matches_with(&text, &b).unwrap();
        prop_assert_eq!((parts.year, parts.serial), (year, serial));
        let any = f.matches(&text).unwrap();
        prop_assert_eq!((any.year, any.serial), (year, serial));
        if parts.month.is_some() {
            prop_assert_eq!(parts.month, Some(month));
        }
        if parts.day.is_some() {
            prop_assert_eq!(parts.day, Some(day));
        }
    }

    #[test]
    fn matching_never_panics(s in "\\PC{0,60}", shape in 0..SHAPES.len()) {
        let _ = SHAPES[shape].format().matches(&s);
        let _ = IndexFormat::parse(DEFAULT_FORMAT, P).unwrap().matches_with(&s, &Bindings { publisher: CodeChoice::Exact(""), category: CodeChoice::AnyOf(&[]), fields: Some(no_fields()) });
    }

    #[test]
    fn parsing_formats_never_panics(s in "[{}a-zN+:/-]{0,30}") {
        let _ = IndexFormat::parse(&s, P);
    }
}
