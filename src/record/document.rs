//! Fields real disclosure records carry beside the content model's: 成文日期, 施行日期,
//! 有效期至 (有效性 follows when it passes), 规范性文件统一登记号, 发文机关 (which may differ from
//! the 发布机构 that republishes another organ's document), 信息来源 and procurement 项目编号.

use serde::{Deserialize, Serialize};

use super::Record;
use super::convert::Checker;
use super::raw::RawRecord;
use crate::diag::Code;
use crate::values::{Date, Validity};

/// The fields, typed; all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentFields {
    /// 成文日期.
    pub dated: Option<Date>,
    /// 施行日期.
    pub effective: Option<Date>,
    /// 有效期至: the last day the document is in force.
    pub expires: Option<Date>,
    /// 规范性文件统一登记号, e.g. `HHCR-2023-01005`.
    pub registration_no: Option<String>,
    /// 发文机关, when another organ issued the document the publisher shows.
    pub issuer: Option<String>,
    /// 信息来源.
    pub info_source: Option<String>,
    /// Procurement 项目编号.
    pub project_no: Option<String>,
}

impl DocumentFields {
    /// Takes the fields from the record as written, with their checks.
    pub(super) fn take(raw: &mut RawRecord, c: &mut Checker) -> DocumentFields {
        let text = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let d = DocumentFields {
            dated: raw.dated,
            effective: raw.effective,
            expires: raw.expires,
            registration_no: text(raw.registration_no.take()),
            issuer: text(raw.issuer.take()),
            info_source: text(raw.info_source.take()),
            project_no: text(raw.project_no.take()),
        };
        if let (Some(from), Some(to)) = (d.effective, d.expires)
            && to < from
        {
            c.error_at(
                "expires",
                Code::InvalidValue,
                msg::expires_before_effective(to, from),
            );
        }
        d
    }

    /// Whether any field is set (views leave the rows out otherwise).
    pub fn is_empty(&self) -> bool {
        *self == DocumentFields::default()
    }
}

impl Record {
    /// 有效期至 passed by `today`: a record without a validity, or 有效, becomes 已失效 from the day
    /// after. Called where the catalog is built (the parse cache keeps records across days).
    pub fn derive_expiry(&mut self, today: Date) {
        let Some(last) = self.document.expires else {
            return;
        };
        if last >= today || !matches!(self.validity(), None | Some(Validity::Valid)) {
            return;
        }
        self.validity = Some(Validity::Expired);
        let next = last.0.succ_opt().map(Date).unwrap_or(last);
        self.void_from = self.void_from.or(Some(next));
        // What the page and exports show changed: the digest must follow.
        self.fields_digest = self.digest_fields();
    }
}

mod msg {
    use crate::values::Date;

    pub fn expires_before_effective(to: Date, from: Date) -> String {
        format!("有效期至 {to} 早于施行日期 {from} (expires before it takes effect)")
    }
}
