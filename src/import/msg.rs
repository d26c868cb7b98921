//! Every message `gongkai import` shows a clerk, in one place, Chinese first.

pub fn too_large(cap: usize) -> String {
    format!(
        "文件过大（上限 {} MiB），未读取 / file too large, not read",
        cap >> 20
    )
}
pub fn unreadable(e: &str) -> String {
    format!("无法读取：{e} / cannot read")
}
pub fn unknown_target(col: &str, name: &str) -> String {
    format!(
        "“{col}”映射到未知字段 “{name}”；可用：index_no title publisher issuer doc_no created dated published effective expires topics genre keywords validity registration_no info_source summary body attachments node url extra ignore / unknown field"
    )
}
pub fn bad_date_format(f: &str) -> String {
    format!("日期格式 “{f}” 无效（应为 chrono 格式，如 %Y年%m月%d日）/ invalid date format")
}
pub fn bad_selector(s: &str) -> String {
    format!("CSS 选择器 “{s}” 无效 / invalid CSS selector")
}
pub fn no_header() -> String {
    "表格没有表头行，或表头中没有“标题”“索引号”等可识别的列 / no header row naming known columns"
        .into()
}
pub fn unknown_column(col: &str) -> String {
    format!(
        "未识别的列 “{col}”：其值存入记录的 extra（可在映射文件 columns 中指定字段，或写 ignore）/ unknown column kept in extra"
    )
}
pub fn too_many_rows(cap: usize) -> String {
    format!("行数超过上限 {cap}，其后的行未导入 / too many rows; the rest were not imported")
}
pub fn cell_too_long(col: &str, cap: usize) -> String {
    format!(
        "“{col}”单元格超过 {} KiB，已截断 / cell too long, cut",
        cap >> 10
    )
}
pub fn csv_syntax(e: &str) -> String {
    format!("CSV 格式错误：{e} / malformed CSV")
}
pub fn encoding_malformed(enc: &str) -> String {
    format!("按 {enc} 解码时有无法识别的字节，已替换为 �，请核对 / undecodable bytes replaced")
}
pub fn encoding_contradicted(declared: &str, used: &str) -> String {
    format!(
        "网页声明编码为 {declared}，实际内容为 {used}，已按 {used} 读取 / declared encoding contradicted by the bytes"
    )
}
pub fn missing(what: &str) -> String {
    format!("缺少{what}，未导入 / missing {what}: not imported")
}
pub fn bad_date(label: &str, v: &str) -> String {
    format!(
        "{label} “{v}” 不是可识别的日期（如 2023-05-06、2023/5/6、2023年5月6日），未导入 / unreadable date"
    )
}
pub fn bad_validity(v: &str) -> String {
    format!(
        "有效性 “{v}” 不可识别（有效、已修改、已废止、已失效），存入 extra / unknown validity kept in extra"
    )
}
pub fn not_in_vocabulary(label: &str, v: &str) -> String {
    format!(
        "{label} “{v}” 不在 site.yaml 的 vocabularies 中，存入 extra（可在映射文件 values 中对应）/ not in vocabularies, kept in extra"
    )
}
pub fn unknown_publisher(v: &str) -> String {
    format!(
        "发布机构 “{v}” 不在 site.yaml 的 publishers 中（可在映射文件 publishers 中对应到部门 id），未导入 / unknown publisher"
    )
}
pub fn no_publisher() -> String {
    "没有发布机构：请在映射文件中写 publisher: 部门id，未导入 / no publisher".into()
}
pub fn unknown_node(v: &str) -> String {
    format!(
        "栏目 “{v}” 不是 site.yaml 中的目录栏目（可在映射文件 nodes 中对应，或用 --node），未导入 / unknown catalog node"
    )
}
pub fn no_node() -> String {
    "没有栏目：请用 --node 或在映射文件中写 node，未导入 / no catalog node".into()
}
pub fn bad_index_no(v: &str, why: &str) -> String {
    format!("索引号 “{v}” 不能保留：{why}，未导入 / 索引号 cannot be kept")
}
pub fn duplicate(ix: &str, first: &str) -> String {
    format!("索引号 {ix} 与 {first} 重复，未导入 / two sources with one 索引号")
}
pub fn existing(ix: &str, path: &str) -> String {
    format!(
        "本站已有索引号为 {ix} 的记录 {path}（非导入所得），未导入 / a record of the site already has this 索引号"
    )
}
pub fn changed(ix: &str, path: &str) -> String {
    format!(
        "索引号 {ix} 已于先前导入为 {path}，但来源内容已变更；为免覆盖人工修改，未更新，请核对 / changed since imported; the file was kept"
    )
}
pub fn record_invalid(first: &str, more: usize) -> String {
    let more = if more > 0 {
        format!("（另有 {more} 处）")
    } else {
        String::new()
    };
    format!("导入后的记录不合格：{first}{more}，未导入 / the record would not load")
}
pub fn attachment_missing(link: &str) -> String {
    format!("附件 “{link}” 不在所保存的网站文件夹中，未复制 / attachment not in the saved folder")
}
pub fn attachment_outside(link: &str) -> String {
    format!("附件链接 “{link}” 指向导入文件夹之外，未复制 / attachment outside the import folder")
}
pub fn attachment_refused(link: &str) -> String {
    format!("附件 “{link}” 是网页或脚本，不予复制 / active attachment refused")
}
pub fn attachment_too_large(link: &str) -> String {
    format!("附件 “{link}” 过大，未复制 / attachment too large")
}
pub fn no_body() -> String {
    "未找到正文（可在映射文件 html.body 中写 CSS 选择器）/ no article body found".into()
}
pub fn too_many_pages(cap: usize) -> String {
    format!("网页数超过上限 {cap}，其余未读取 / too many pages")
}
pub fn ledger_broken() -> String {
    "ledger.jsonl 校验未通过，导入记录未写入台账；请先运行 gongkai ledger verify / the ledger is broken".into()
}
pub fn no_source_kind() -> String {
    "导入来源应为 .csv、.xlsx、.xls 文件，或保存的网站文件夹 / source must be a CSV/XLSX/XLS file or a folder".into()
}
pub fn held_personal(what: &str) -> String {
    format!(
        "记录中发现个人信息（{what}），已导入但不予发布，请处理后再发布 / personal data found: imported but held back"
    )
}
pub fn too_deep(cap: usize) -> String {
    format!("网页元素嵌套超过 {cap} 层，未读取 / page nested too deeply, not read")
}
