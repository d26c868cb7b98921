//! Every word the desk shows, in one table per language (to move into the Fluent resources with
//! the rest of the messages). The site's language picks the table.

use crate::catalog::WithheldReason;
use crate::values::Status;

pub struct Words {
    pub lang: &'static str,
    pub desk: &'static str,
    pub records: &'static str,
    pub preview: &'static str,
    pub publish: &'static str,
    pub new_record: &'static str,
    pub filter: &'static str,
    pub filter_text: &'static str,
    pub all_states: &'static str,
    pub state: &'static str,
    pub title: &'static str,
    pub index_no: &'static str,
    pub reasons: &'static str,
    pub no_records: &'static str,
    pub save: &'static str,
    pub check: &'static str,
    pub body: &'static str,
    pub body_help: &'static str,
    pub body_preview: &'static str,
    pub upload: &'static str,
    pub upload_help: &'static str,
    pub upload_title: &'static str,
    pub saved: &'static str,
    pub unchanged: &'static str,
    pub created: &'static str,
    pub problems: &'static str,
    pub problems_intro: &'static str,
    pub conflict: &'static str,
    pub reload: &'static str,
    pub other_fields: &'static str,
    pub workflow: &'static str,
    pub submit_review: &'static str,
    pub sign_review: &'static str,
    pub sign_help: &'static str,
    pub withdraw: &'static str,
    pub withdraw_help: &'static str,
    pub publish_help: &'static str,
    pub publish_now: &'static str,
    pub published_entries: &'static str,
    pub nothing_to_publish: &'static str,
    pub ledger: &'static str,
    pub ledger_empty: &'static str,
    pub build_failed: &'static str,
    pub publish_failed: &'static str,
    pub back: &'static str,
    pub refused: &'static str,
    pub view_preview: &'static str,
    pub to_publish: &'static str,
    pub waiting: &'static str,
}

impl Words {
    /// The language of messages shown on the desk's pages (diagnostics come from the resources).
    pub fn ui_lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::from_tag(self.lang).unwrap_or_default()
    }
}

pub const ZH: Words = Words {
    lang: "zh-CN",
    desk: "信息公开工作台",
    records: "记录",
    preview: "预览",
    publish: "签发",
    new_record: "新建记录",
    filter: "筛选",
    filter_text: "名称或索引号含",
    all_states: "全部状态",
    state: "状态",
    title: "名称",
    index_no: "索引号",
    reasons: "暂不发布的原因",
    no_records: "本目录暂无记录。",
    save: "保存",
    check: "检查",
    body: "正文",
    body_help: "Markdown 格式：空一行分段，**加粗**，“- ”开头为列表。",
    body_preview: "正文预览",
    upload: "上传附件",
    upload_help: "PDF、OFD、Word、Excel、WPS、图片等，单个不超过 20 MiB；不接受网页、SVG、脚本。文件存入本记录所在目录的 _files/。",
    upload_title: "附件名称",
    saved: "已保存。",
    unchanged: "没有改动，文件未写入。",
    created: "已新建记录。",
    problems: "请先改正以下问题",
    problems_intro: "未保存：文件保持原样，您填写的内容仍在下面。",
    conflict: "文件在您打开之后已被修改（可能是别人或别的程序）。为免覆盖他人的修改，本次没有保存。您填写的内容仍在下面；",
    reload: "重新载入文件（放弃本页的修改）",
    other_fields: "表单未列出的字段（如预决算表格、extra）在文件中保持原样。",
    workflow: "审核与发布",
    submit_review: "提交审核",
    sign_review: "审核签字",
    sign_help: "保密审查为“非涉密”、结论为“同意公开”时记录转为“已批准”，签发后公开；否则退回草稿。",
    withdraw: "撤回",
    withdraw_help: "撤回后页面从网站删除，公开台账记下撤回。",
    publish_help: "签发即运行与 gongkai publish 相同的程序：为新批准的记录填写发布日期，在公开台账（ledger.jsonl）记下每次发布、修订和撤回，然后构建网站到 public/。",
    publish_now: "签发",
    published_entries: "台账本次记下",
    nothing_to_publish: "没有需要签发的记录：台账已是最新。",
    ledger: "公开台账（最近 20 条）",
    ledger_empty: "台账暂无记录。",
    build_failed: "已记入台账，但网站构建失败：",
    publish_failed: "签发未进行，记录和台账均未改动：",
    back: "返回记录列表",
    refused: "请求被拒绝",
    view_preview: "在预览中查看",
    to_publish: "待签发",
    waiting: "待审核",
};

pub const EN: Words = Words {
    lang: "en",
    desk: "Disclosure desk",
    records: "Records",
    preview: "Preview",
    publish: "Publish",
    new_record: "New record",
    filter: "Filter",
    filter_text: "Title or index number contains",
    all_states: "All states",
    state: "State",
    title: "Title",
    index_no: "Index number",
    reasons: "Why it is not published",
    no_records: "No records in this node.",
    save: "Save",
    check: "Check",
    body: "Body",
    body_help: "Markdown: a blank line between paragraphs, **bold**, lines starting with “- ” for lists.",
    body_preview: "Body preview",
    upload: "Upload an attachment",
    upload_help: "PDF, OFD, Word, Excel, WPS, images; up to 20 MiB; no web pages, SVG or scripts. Stored in _files/ beside the record.",
    upload_title: "Attachment title",
    saved: "Saved.",
    unchanged: "Nothing changed; the file was not written.",
    created: "Record created.",
    problems: "Fix these first",
    problems_intro: "Not saved: the file is as it was; what you entered is still below.",
    conflict: "The file changed on disk after you opened it. To avoid overwriting that change, nothing was saved. What you entered is still below; ",
    reload: "reload the file (drop the changes on this page)",
    other_fields: "Fields the form does not list (budget tables, extra) are kept in the file as they are.",
    workflow: "Review and publishing",
    submit_review: "Submit for review",
    sign_review: "Sign the review",
    sign_help: "With secrecy 非涉密 and conclusion 同意公开 the record becomes approved and is published by the next publish; otherwise it goes back to draft.",
    withdraw: "Withdraw",
    withdraw_help: "The page is removed from the site and the ledger records the withdrawal.",
    publish_help: "Publishing runs the same code as gongkai publish: stamps the published date of newly approved records, records each publication, revision and withdrawal in the ledger (ledger.jsonl), then builds the site into public/.",
    publish_now: "Publish",
    published_entries: "The ledger recorded",
    nothing_to_publish: "Nothing to publish: the ledger is up to date.",
    ledger: "Publication ledger (last 20 entries)",
    ledger_empty: "The ledger is empty.",
    build_failed: "Recorded in the ledger, but the build failed:",
    publish_failed: "Not published; records and ledger are unchanged:",
    back: "Back to the records",
    refused: "Request refused",
    view_preview: "View in the preview",
    to_publish: "To publish",
    waiting: "Waiting for review",
};

/// The desk's record states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    Draft,
    Review,
    Approved,
    Published,
    Withdrawn,
    Held,
    Broken,
}

impl State {
    pub const ALL: [State; 7] = [
        State::Draft,
        State::Review,
        State::Approved,
        State::Published,
        State::Withdrawn,
        State::Held,
        State::Broken,
    ];

    pub fn id(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Review => "review",
            State::Approved => "approved",
            State::Published => "published",
            State::Withdrawn => "withdrawn",
            State::Held => "held",
            State::Broken => "broken",
        }
    }

    pub fn label(self, en: bool) -> &'static str {
        match (self, en) {
            (State::Draft, false) => "草稿",
            (State::Review, false) => "待审核",
            (State::Approved, false) => "已批准",
            (State::Published, false) => "已发布",
            (State::Withdrawn, false) => "已撤回",
            (State::Held, false) => "暂缓",
            (State::Broken, false) => "有错误",
            (State::Draft, true) => "Draft",
            (State::Review, true) => "In review",
            (State::Approved, true) => "Approved",
            (State::Published, true) => "Published",
            (State::Withdrawn, true) => "Withdrawn",
            (State::Held, true) => "Held back",
            (State::Broken, true) => "Has errors",
        }
    }
}

/// A withheld reason in the clerk's words.
pub fn reason(r: &WithheldReason, en: bool) -> String {
    if en {
        return r.to_string();
    }
    match r {
        WithheldReason::NotApproved(s) => format!("状态为“{}”，尚未批准", status_zh(*s)),
        WithheldReason::NotProactive(d) => format!("公开属性为“{d}”"),
        WithheldReason::NoReview => "没有完整的审核记录".to_string(),
        WithheldReason::Secret(s) => format!("保密审查结论为“{s}”"),
        WithheldReason::Embargoed(t) => format!("解禁时间未到（{t}）"),
        WithheldReason::NotYetPublished => "已批准，待签发".to_string(),
        WithheldReason::PersonalData(what) => format!("含个人信息：{what}"),
        WithheldReason::ImportedUnreviewed(on) => {
            format!("{on} 导入，导入前未曾发布，尚未审核")
        }
    }
}

fn status_zh(s: Status) -> &'static str {
    match s {
        Status::Draft => "草稿",
        Status::Review => "待审核",
        Status::Approved => "已批准",
        Status::Withdrawn => "已撤回",
    }
}

/// A ledger action as the clerk reads it: 发布（publish）.
pub fn action(id: &str, en: bool) -> String {
    let zh = match id {
        "publish" => "发布",
        "revise" => "修订",
        "withdraw" => "撤回",
        "import" => "导入",
        _ => id,
    };
    if en {
        id.to_string()
    } else {
        format!("{zh}（{id}）")
    }
}

/// The line after a publish's build.
pub fn built(records: usize, withheld: usize, en: bool) -> String {
    if en {
        format!("Built the site into public/: {records} records published, {withheld} withheld.")
    } else {
        format!("网站已构建到 public/：公开 {records} 条，暂不发布 {withheld} 条。")
    }
}
