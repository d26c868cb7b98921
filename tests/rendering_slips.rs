//! Rendering slips on the shipped example (issue 19 item 14): money figures, units.

mod common;

fn page(out: &std::path::Path, index: &str) -> String {
    std::fs::read_to_string(out.join(format!("doc/{index}.html"))).unwrap()
}

#[test]
fn money_keeps_two_decimals_and_procurement_amounts_say_yuan() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let status = common::gongkai_cmd()
        .args(["build", "--quiet", "--site"])
        .arg(common::repo())
        .arg("--out")
        .arg(&out)
        .env("GONGKAI_NOW", common::NOW)
        .status()
        .unwrap();
    assert!(status.success());

    // The budget: `total: 435155.00` (one figure) shows as written, grouped like the rows.
    let budget = page(&out, "11430199MB0000000X-2025-00003");
    assert!(
        budget.contains("<td class=\"num\">435,155.00</td></tr></tfoot>"),
        "{budget}"
    );
    assert!(budget.contains("<td class=\"num\">171,268.40</td>"));
    // `total: 308430.50` and a row written `1260.50` keep both decimals.
    assert!(budget.contains("<td class=\"num\">308,430.50</td></tr></tfoot>"));

    // Procurement: 元, never the code CNY, and the award amount has its unit.
    let award = page(&out, "11430199MB0000000X-2024-00016");
    assert!(award.contains("<dd>980,000.00 元</dd>"), "{award}");
    assert!(award.contains("<dd>946,850.00 元</dd>"), "{award}");
    assert!(!award.contains("CNY"));
}
