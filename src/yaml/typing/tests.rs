use super::*;

fn kinds(text: &str) -> Vec<(u32, u32, SlipKind)> {
    slips(text)
        .into_iter()
        .map(|s| (s.pos.line, s.pos.col, s.kind))
        .collect()
}

#[test]
fn full_width_colon_after_a_key_is_found_on_its_own_line() {
    let text = "index_no: \"X/2025-00001\"\ntitle：\"关于开展检查的通知\"\npublisher: qzfb\n";
    assert_eq!(kinds(text), vec![(2, 6, SlipKind::FullWidthColon)]);
}

#[test]
fn full_width_colon_inside_a_value_is_text() {
    assert!(kinds("title: 关于：一、总则\nsummary: 时间：2025年\n").is_empty());
    assert!(kinds("- title: 附件：名单\n").is_empty());
}

#[test]
fn tabs_in_indentation_are_found() {
    let text = "review:\n\tby: 张某某\n";
    assert_eq!(kinds(text), vec![(2, 1, SlipKind::TabIndent)]);
}

#[test]
fn block_scalars_are_text() {
    let text = "body: |\n  一、总则：本办法\n  title：x\n\tindented\nnext: 1\n";
    assert_eq!(kinds(text), vec![]);
}

#[test]
fn full_width_comma_in_a_list_is_found() {
    let text = "topics: [综合政务，财政]\n";
    assert_eq!(kinds(text), vec![(1, 14, SlipKind::FullWidthComma('，'))]);
    // '、' joins the words of one name: a topic of the example site is 城乡建设、环境保护.
    assert!(kinds("topics: [城乡建设、环境保护]\n").is_empty());
    assert!(kinds("topics: [综合政务, 财政]\n").is_empty());
}

#[test]
fn full_width_brackets_and_quotes_around_a_value_are_found() {
    assert_eq!(
        kinds("topics: ［综合政务］\n"),
        vec![(1, 9, SlipKind::FullWidthBracket('［'))]
    );
    assert_eq!(
        kinds("title: “关于开展检查的通知”\n"),
        vec![(1, 8, SlipKind::ChineseQuotes)]
    );
    // A title that only starts with a quoted phrase is what the office meant.
    assert!(kinds("title: “十四五”规划纲要\n").is_empty());
    assert!(kinds("title: ［转载］关于开展检查的通知\n").is_empty());
}

#[test]
fn unclosed_brackets_point_where_they_opened() {
    let text = "topics: [综合政务, 财政\npublisher: qzfb\n";
    assert_eq!(kinds(text), vec![(1, 9, SlipKind::Unclosed('['))]);
    let text = "attachments:\n  - {file: _files/a.pdf, title: 全文\n";
    assert_eq!(kinds(text), vec![(2, 5, SlipKind::Unclosed('{'))]);
    // A list spread over lines is fine.
    assert!(kinds("topics: [综合政务,\n  财政]\npublisher: q\n").is_empty());
    // Brackets inside quotes do not count.
    assert!(kinds("title: \"[转载] x\"\n").is_empty());
}

#[test]
fn every_slip_has_a_chinese_message_with_the_ascii_fix() {
    let s = slips("title：x\n")[0];
    assert!(s.message().starts_with("使用了全角冒号"), "{}", s.message());
    assert!(s.kind.breaks_yaml());
    assert!(!SlipKind::ChineseQuotes.breaks_yaml());
}
