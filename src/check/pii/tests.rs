use proptest::prelude::*;

use super::*;

fn kinds(text: &str) -> Vec<(PiiKind, &str)> {
    let scanner = Scanner {
        allowed_domains: vec!["gov.cn".into(), "fuchuan.example.gov.cn".into()],
        allowed_numbers: BTreeSet::from(["13900001111".to_string()]),
        allowed_emails: BTreeSet::from(["fcqzwgk@163.com".to_string()]),
    };
    scanner
        .scan(text)
        .into_iter()
        .map(|h| (h.kind, &text[h.start..h.end]))
        .collect()
}

/// A valid ID from its first 17 digits.
fn id(first17: &str) -> String {
    format!("{first17}{}", id_check_char(first17.as_bytes()))
}

/// A Luhn-valid number from all but its last digit.
fn luhn(body: &str) -> String {
    (0..10)
        .map(|d| format!("{body}{d}"))
        .find(|n| luhn_valid(n))
        .expect("one check digit fits")
}

#[test]
fn each_detector_finds_its_kind() {
    let pid = id("43010219900307123");
    let card = luhn("622202123456789012");
    let grouped: Vec<&str> = (0..card.len())
        .step_by(4)
        .map(|i| &card[i..(i + 4).min(card.len())])
        .collect();
    let text = format!(
        "身份证号：{pid}，手机 138 1234 5678，卡号 {}。",
        grouped.join(" ")
    );
    assert_eq!(
        kinds(&text).iter().map(|k| k.0).collect::<Vec<_>>(),
        [PiiKind::ResidentId, PiiKind::Mobile, PiiKind::BankCard]
    );
    let mut bad = card.clone().into_bytes();
    bad[5] = if bad[5] == b'9' { b'0' } else { bad[5] + 1 };
    let bad = String::from_utf8(bad).unwrap();
    assert_eq!(
        kinds(&format!("卡号{bad}")),
        [],
        "a Luhn failure is not a card"
    );
    assert_eq!(
        kinds(&format!("卡号{card}")),
        [(PiiKind::BankCard, card.as_str())]
    );
    assert_eq!(
        kinds("护照号E12345678；"),
        [(PiiKind::Passport, "E12345678")]
    );
    assert_eq!(
        kinds("请联系 zhang.san@qq.com。"),
        [(PiiKind::Email, "zhang.san@qq.com")]
    );
    assert_eq!(
        kinds("电话+8613812345678"),
        [(PiiKind::Mobile, "8613812345678")]
    );
}

#[test]
fn ids_end_in_x_and_group() {
    let pid = (0..1000)
        .map(|n| format!("11010519491231{n:03}"))
        .map(|s| id(&s))
        .find(|s| s.ends_with('X'))
        .unwrap();
    assert_eq!(
        kinds(&format!("证件{pid}号码"))[0].0,
        PiiKind::ResidentId,
        "an ID (check character and birth date) stays one whatever unit follows"
    );
    assert_eq!(kinds(&format!("证件：{pid}。"))[0].0, PiiKind::ResidentId);
    let lower = pid.to_lowercase();
    assert_eq!(kinds(&format!("证件：{lower}。"))[0].0, PiiKind::ResidentId);
    let grouped = format!("{} {} {}", &pid[..6], &pid[6..14], &pid[14..]);
    assert_eq!(
        kinds(&format!("证件：{grouped}。"))[0].0,
        PiiKind::ResidentId
    );
}

#[test]
fn official_things_are_not_findings() {
    for text in [
        "索引号 11430199MB0000000X/2026-00021",
        "索引号 430100000000000000/2026-00021",
        "芙政办发〔2023〕12号",
        "合同金额 13812345678.00 元，预算 13812345678元",
        "1,381,234,567,800 元",
        "2026-11-25、2026年11月25日、20261125",
        "电话 0731-80001000，传真 (0731) 8000 1009",
        "值班手机 13900001111（已在 site.yaml 中登记）",
        "政务邮箱 zwgk@fuchuan.example.gov.cn、ban@hunan.gov.cn",
        "https://example.gov.cn/a/13812345678.html",
        "统一社会信用代码 91430100MA4L000000",
        "项目编号 ocds-fcq001-2025-0001，批次 HN2025-13812345678",
    ] {
        assert_eq!(kinds(text), [], "{text}");
    }
}

#[test]
fn credit_codes_pass_their_own_check() {
    assert!(is_credit_code("91350100M000100Y43"));
    assert!(!is_credit_code("91350100M000100Y44"));
}

#[test]
fn masks_keep_only_the_ends() {
    assert_eq!(
        mask(PiiKind::ResidentId, "430102199003071234"),
        "4301**********1234"
    );
    assert_eq!(mask(PiiKind::Mobile, "138 1234 5678"), "138****5678");
    assert_eq!(mask(PiiKind::Passport, "E12345678"), "E1*****78");
    assert_eq!(mask(PiiKind::Email, "zhang.san@qq.com"), "z***@qq.com");
}

fn birth_date() -> impl Strategy<Value = String> {
    (1930i32..2020, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y}{m:02}{d:02}"))
}

fn valid_id() -> impl Strategy<Value = String> {
    (
        prop::sample::select(PROVINCES.to_vec()),
        0u32..10_000,
        birth_date(),
        0u32..1000,
    )
        .prop_map(|(p, area, birth, seq)| id(&format!("{p}{area:04}{birth}{seq:03}")))
}

fn valid_card() -> impl Strategy<Value = String> {
    (prop::sample::select(vec!['4', '5', '6']), 15usize..=18)
        .prop_flat_map(|(first, len)| {
            prop::collection::vec(0u8..10, len - 1).prop_map(move |ds| {
                let body: String = ds.iter().map(|d| char::from(b'0' + d)).collect();
                luhn(&format!("{first}{body}"))
            })
        })
        .prop_filter("not a credit code or an ID", |n| {
            !is_credit_code(n) && !is_resident_id(n)
        })
}

/// Every one-digit substitution of `s` (not touching the first digit, which keeps card prefixes).
fn mutations(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..s.len() {
        for d in b'0'..=b'9' {
            let mut b = s.as_bytes().to_vec();
            if b[i] == d || (i == 0 && d == b'0') {
                continue;
            }
            b[i] = d;
            out.push(String::from_utf8(b).unwrap());
        }
    }
    out
}

proptest! {
    #[test]
    fn valid_ids_are_found(pid in valid_id(), before in "[\\p{Han}：]{0,4}") {
        let text = format!("{before}{pid}。");
        prop_assert_eq!(kinds(&text), [(PiiKind::ResidentId, pid.as_str())]);
    }

    #[test]
    fn valid_cards_are_found(card in valid_card()) {
        let text = format!("开户账号：{card}，");
        prop_assert_eq!(kinds(&text), [(PiiKind::BankCard, card.as_str())]);
    }

    /// The check digit catches every single substitution, so no mutation is found as an ID;
    /// a mutation may still pass Luhn by chance (1 in 10) and be found as a card number.
    #[test]
    fn id_mutations_are_mostly_not_found(pid in valid_id()) {
        let muts = mutations(&pid);
        let found: Vec<_> = muts.iter().filter(|m| !kinds(&format!("：{m}。")).is_empty()).collect();
        prop_assert!(muts.iter().all(|m| !is_resident_id(m)));
        let rejected = 1.0 - found.len() as f64 / muts.len() as f64;
        prop_assert!(rejected >= 0.85, "only {rejected:.2} rejected");
    }

    /// Luhn catches every single substitution, so no mutation is ever found as a card. An
    /// 18-digit mutation can still read as a resident ID when the card happens to have an ID's
    /// shape (a region code and a birth date) and the 1-in-11 check digit fits: rare overall.
    #[test]
    fn card_mutations_are_mostly_not_found(card in valid_card()) {
        let muts = mutations(&card);
        prop_assert!(muts.iter().all(|m| !luhn_valid(m)));
        let findings: Vec<Vec<PiiKind>> =
            muts.iter().map(|m| kinds(&format!("：{m}。")).into_iter().map(|(k, _)| k).collect()).collect();
        prop_assert!(findings.iter().flatten().all(|k| *k == PiiKind::ResidentId));
        let found = findings.iter().filter(|f| !f.is_empty()).count();
        let rejected = 1.0 - found as f64 / muts.len() as f64;
        prop_assert!(rejected >= 0.85, "only {rejected:.2} rejected");
    }

    /// The counterexample proptest once found: a card shaped like an ID (region 411000, born
    /// 1900-10-04). Still no mutation reads as a card.
    #[test]
    fn an_id_shaped_card_never_mutates_into_a_card(_x in 0..1u8) {
        let muts = mutations("411000190010040002");
        let no_card = muts.iter().all(|m| kinds(&format!("：{m}。")).iter().all(|(k, _)| *k != PiiKind::BankCard));
        prop_assert!(no_card);
    }

    #[test]
    fn official_numbers_are_never_findings(
        prefix in "[0-9]{9,18}|[0-9]{8}[A-Z]{2}[0-9]{7}[0-9X]",
        year in 2000u32..2030,
        serial in 0u32..100_000,
        amount in 0u64..100_000_000_000_000,
        cents in 0u32..100,
        unit in prop::sample::select(vec!["元", "万元", "亿元", "%"]),
        area in "0[1-9][0-9]{1,2}",
        local in "[2-8][0-9]{6,7}",
        (y, m, d) in (1990i32..2100, 1u32..=12, 1u32..=28),
    ) {
        let texts = [
            format!("索引号：{prefix}/{year}-{serial:05}"),
            format!("索引号：{prefix}-{year}-{serial:06}"),
            format!("芙政办发〔{year}〕{serial}号"),
            format!("金额{amount}.{cents:02}元"),
            format!("金额{amount}{unit}"),
            format!("日期{y}-{m:02}-{d:02}、{y}年{m}月{d}日、{y}{m:02}{d:02}"),
            format!("电话：{area}-{local}"),
        ];
        for t in &texts {
            prop_assert_eq!(kinds(t), [], "{}", t);
        }
    }
}

/// A 15-digit first-generation ID: region, YYMMDD, serial.
const ID15: &str = "430102900307123";

/// A number that passes both the credit-code and the resident-ID checks.
fn dual() -> String {
    (0..1_000_000u32)
        .map(|n| id(&format!("12{:04}19900307{:03}", n % 10_000, n / 10_000)))
        .find(|s| is_credit_code(s))
        .expect("some ID is also a credit code")
}

/// The table of true and false positives (issue 20 item 3): each row, the text and what the
/// scan must find in it.
#[test]
fn truth_table_of_true_and_false_positives() {
    let pid = id("43010219900307123");
    let fw: String = pid
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    let dual = dual();
    let split = format!("{}**{}**{}", &pid[..6], &pid[6..10], &pid[10..]);
    use PiiKind::*;
    let rows: Vec<(String, Vec<PiiKind>)> = vec![
        // True positives.
        (format!("身份证号 {fw}"), vec![ResidentId]),
        (format!("身份证号 {split}"), vec![ResidentId]),
        (
            format!("身份证\u{200B}{}\u{200B}{}", &pid[..9], &pid[9..]),
            vec![ResidentId],
        ),
        ("手机 &#49;3812345678".into(), vec![Mobile]),
        ("手机 138.1234.5678".into(), vec![Mobile]),
        ("手机 (138)1234-5678".into(), vec![Mobile]),
        ("手机 (138) 1234 5678".into(), vec![Mobile]),
        ("手机 +86 138 1234 5678".into(), vec![Mobile]),
        ("手机 +86 13812345678".into(), vec![Mobile]),
        ("Tel13812345678".into(), vec![Mobile]),
        ("联系电话13812345678".into(), vec![Mobile]),
        ("13812345678/13987654321".into(), vec![Mobile, Mobile]),
        (
            "13812345678、13987654321，13712345678 13612345678".into(),
            vec![Mobile; 4],
        ),
        (format!("老身份证 {ID15}"), vec![ResidentId]),
        ("邮箱 zhangsan＠qq.com".into(), vec![Email]),
        ("邮箱 lisi@163.com".into(), vec![Email]),
        (format!("芙政发〔2025〕{pid}号"), vec![ResidentId]),
        (format!("编号 {dual}"), vec![ResidentId]),
        // False positives avoided.
        ("公开邮箱 fcqzwgk@163.com".into(), vec![]),
        ("公开邮箱 FCQZWGK@163.COM".into(), vec![]),
        (format!("统一社会信用代码：{dual}"), vec![]),
        (format!("信用代码{dual}"), vec![]),
        (format!("项目编号 {dual}"), vec![]),
        (format!("注册号 {ID15}"), vec![]),
        ("索引号 11430199MB0000000X/2026-00021".into(), vec![]),
        ("13812345678/2025-00001".into(), vec![]),
        ("https://example.gov.cn/a/13812345678.html".into(), vec![]),
        ("金额 13812345678.00 元".into(), vec![]),
        ("ABC13812345678".into(), vec![]),
        ("**重要**：电话 0731-80001000".into(), vec![]),
    ];
    let mut wrong = Vec::new();
    for (text, want) in &rows {
        let got: Vec<PiiKind> = kinds(text).into_iter().map(|(k, _)| k).collect();
        if &got != want {
            wrong.push(format!("{text}: want {want:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn disguised_numbers_are_located_and_masked_from_their_digits() {
    let scanner = Scanner::default();
    let text = "手机：１３８１２３４５６７８。";
    let h = scanner.scan(text);
    assert_eq!(h.len(), 1);
    assert_eq!(&text[h[0].start..h[0].end], "１３８１２３４５６７８");
    let f = finding(h[0], text, Pos::new(1, 1), "body".into());
    assert_eq!(f.masked, "138****5678");
}

#[test]
fn an_office_address_on_a_public_mail_service_allows_only_itself() {
    let site = crate::config::parse(
        "title: t\nbase_url: https://example.gov.cn/\noffice: {name: 办, email: fcqzwgk@163.com}\norg: {name: o, index_prefix: A}\npublishers: [{id: a, name: b}]\ncatalog: [{id: z, name: n, kind: article}]\n",
    )
    .unwrap();
    let s = Scanner::new(&site);
    assert!(s.scan("fcqzwgk@163.com").is_empty());
    assert_eq!(s.scan("zhangsan@163.com").len(), 1);
}

/// Text of the kind records hold: Chinese with its full-width punctuation and ideographic spaces,
/// digits of both widths, emphasis marks, entities, `@` signs and zero-width characters.
fn mixed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("，".to_string()),
        Just("：".to_string()),
        Just("；".to_string()),
        Just("（".to_string()),
        Just("）".to_string()),
        Just("！".to_string()),
        Just("？".to_string()),
        Just("\u{3000}".to_string()),
        Just("＊".to_string()),
        Just("**".to_string()),
        Just("`".to_string()),
        Just("&#49;".to_string()),
        Just("＠".to_string()),
        Just("@".to_string()),
        Just(".".to_string()),
        Just("\u{200B}".to_string()),
        Just("-".to_string()),
        Just("(".to_string()),
        Just("电话".to_string()),
        Just("身份证号".to_string()),
        Just("统一社会信用代码".to_string()),
        "[0-9]{1,18}",
        "[０-９]{1,4}",
        "[a-z]{1,6}",
        "[A-Z]{1,2}",
        "[\\p{Han}]{1,3}",
        Just("13812345678".to_string()),
        Just("430102199003071234".to_string()),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    /// The fast path (text matched as it is) finds exactly what the slow path (normalised and
    /// mapped back) finds, at the same places.
    #[test]
    fn the_fast_path_changes_no_finding(text in mixed_text()) {
        let fast = kinds(&text);
        normal::ALWAYS_SLOW.set(true);
        let slow = kinds(&text);
        normal::ALWAYS_SLOW.set(false);
        prop_assert_eq!(fast, slow);
    }
}
