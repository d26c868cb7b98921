//! The four-property check of a written bag (DA/T 70 电子档案移交接收检测: 真实性, 完整性,
//! 可用性, 安全性), run on the finished payload before the bag is moved into place: checksums are
//! recomputed from the files on disk, not taken from memory.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use super::bag::{self, Hashing, Oxum};
use super::formats::Probe;
use super::layout;
use super::metadata::{ItemMeta, Role};
use crate::record::NOT_SECRET;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    /// Nothing to check against (e.g. no publication ledger); does not fail the property.
    NotChecked,
    /// Found and listed, but not a failure (files to convert to a long-term format).
    Advisory,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub status: Status,
    pub what: String,
    pub problems: Vec<String>,
}

impl Check {
    fn from_problems(what: String, problems: Vec<String>) -> Check {
        let status = if problems.is_empty() {
            Status::Pass
        } else {
            Status::Fail
        };
        Check {
            status,
            what,
            problems,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Property {
    pub name: &'static str,
    pub checks: Vec<Check>,
}

impl Property {
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.status != Status::Fail)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub properties: Vec<Property>,
}

/// What the ledger comparison found before the bag was written.
#[derive(Debug, Clone, Default)]
pub struct LedgerSummary {
    pub present: bool,
    /// Records whose source matched their last ledger entry.
    pub matched: usize,
    /// 索引号 of records the ledger has no entry for.
    pub without_entries: Vec<String>,
}

/// What the check looks at.
pub struct Inputs<'a> {
    pub bag: &'a Path,
    pub items: &'a [ItemMeta],
    pub oxum: Oxum,
    pub sm3: bool,
    pub ledger: &'a LedgerSummary,
}

const SHOWN: usize = 20;

impl Report {
    pub fn passed(&self) -> bool {
        self.properties.iter().all(Property::passed)
    }

    /// The report as text, for the bag's `检测报告.txt` and the terminal.
    pub fn text(&self, title: &str) -> String {
        let mut out = format!("{title}\n");
        for p in &self.properties {
            let verdict = if p.passed() { "通过" } else { "不通过" };
            out.push_str(&format!("\n{}：{verdict}\n", p.name));
            for c in &p.checks {
                let mark = match c.status {
                    Status::Pass => "通过",
                    Status::Fail => "不通过",
                    Status::NotChecked => "未检",
                    Status::Advisory => "提示",
                };
                out.push_str(&format!("  [{mark}] {}\n", c.what));
                for problem in c.problems.iter().take(SHOWN) {
                    out.push_str(&format!("      - {problem}\n"));
                }
                if c.problems.len() > SHOWN {
                    out.push_str(&format!("      … 另有 {} 项\n", c.problems.len() - SHOWN));
                }
            }
        }
        out
    }
}

/// Runs every check on the bag at `inputs.bag`.
pub fn run(inputs: &Inputs) -> Result<Report> {
    let scan = scan_payload(inputs.bag, inputs.sm3)?;
    let disk = walk_bag(inputs.bag)?;
    let oxum_check = oxum_problems(inputs.oxum, &scan, &disk);
    let n = inputs.items.len();
    let authenticity = Property {
        name: "真实性",
        checks: vec![
            Check::from_problems(
                format!(
                    "载荷文件的 SHA-256{} 写入后重新计算，与清单一致（{} 个文件）",
                    if inputs.sm3 { " 与 SM3" } else { "" },
                    scan.files
                ),
                scan.mismatched,
            ),
            ledger_check(inputs.ledger, n),
        ],
    };
    let mut numbering: Vec<_> = inputs.items.iter().map(|m| &m.dangh).collect();
    numbering.sort();
    let integrity = Property {
        name: "完整性",
        checks: vec![
            Check::from_problems(
                format!("每件文件的必备元数据齐全、文件齐全（{n} 件）"),
                inputs
                    .items
                    .iter()
                    .flat_map(|m| missing_parts(inputs.bag, m))
                    .collect(),
            ),
            Check::from_problems(
                "件号连续，无缺号、无重号".into(),
                super::dangh::gaps(numbering.iter().copied()),
            ),
            Check::from_problems(
                format!(
                    "Payload-Oxum {} 与载荷一致，清单与载荷文件一一对应",
                    inputs.oxum
                ),
                oxum_check,
            ),
            Check::from_problems(
                format!("归档文件目录逐件列出（{n} 条）"),
                catalog_problems(inputs.bag, n)?,
            ),
        ],
    };
    let convert = Check {
        status: if scan.convert.is_empty() {
            Status::Pass
        } else {
            Status::Advisory
        },
        what: format!(
            "非长期保存格式的文件照原样保存，列出待转换（{} 个）",
            scan.convert.len()
        ),
        problems: scan.convert,
    };
    let usability = Property {
        name: "可用性",
        checks: vec![
            Check::from_problems(
                format!(
                    "所有文件可读，内容与格式相符；长期保存格式：{}",
                    super::formats::ALLOWED
                ),
                scan.unusable,
            ),
            convert,
        ],
    };
    let secrecy: Vec<String> = inputs
        .items
        .iter()
        .filter(|m| m.review.as_ref().is_none_or(|r| r.secrecy != NOT_SECRET))
        .map(|m| format!("{}: 保密审查结论不是“{NOT_SECRET}”", m.dangh))
        .collect();
    let security = Property {
        name: "安全性",
        checks: vec![
            Check::from_problems("所有文件经保密审查为非涉密，密级为公开".into(), secrecy),
            Check::from_problems("包内无符号链接或特殊文件".into(), disk.special),
        ],
    };
    Ok(Report {
        properties: vec![authenticity, integrity, usability, security],
    })
}

fn ledger_check(l: &LedgerSummary, n: usize) -> Check {
    if !l.present {
        return Check {
            status: Status::NotChecked,
            what: format!(
                "源文件与发布台账一致：站点没有 {}，未核对",
                super::ledger::FILE_NAME
            ),
            problems: Vec::new(),
        };
    }
    let mut check = Check::from_problems(
        format!(
            "源文件与发布台账末条记录的 SHA-256 一致（{} / {n} 件）",
            l.matched
        ),
        Vec::new(),
    );
    if !l.without_entries.is_empty() {
        check
            .what
            .push_str(&format!("；{} 件台账中无记录", l.without_entries.len()));
        check.problems = l
            .without_entries
            .iter()
            .map(|i| format!("{i}: 台账中无记录"))
            .collect();
    }
    check
}

fn missing_parts(bag: &Path, m: &ItemMeta) -> Vec<String> {
    let mut out = Vec::new();
    let d = m.dangh.to_string();
    let review_complete = m
        .review
        .as_ref()
        .is_some_and(|r| !r.by.trim().is_empty() && !r.conclusion.trim().is_empty());
    for (field, ok) in [
        ("题名", !m.title.trim().is_empty()),
        ("责任者", !m.author.trim().is_empty()),
        ("索引号", !m.index_no.trim().is_empty()),
        ("审核", review_complete),
    ] {
        if !ok {
            out.push(format!("{d}: 缺少{field}"));
        }
    }
    for role in [Role::Source, Role::Page] {
        if !m.files.iter().any(|f| f.role == role) {
            out.push(format!("{d}: 缺少{}", role.label()));
        }
    }
    let folder = bag.join(&m.folder);
    let names = m.files.iter().map(|f| f.name.as_str());
    for name in names.chain([layout::METADATA]) {
        if !folder.join(name).is_file() {
            out.push(format!("{}/{name}: 文件不存在", m.folder));
        }
    }
    out
}

/// What re-reading every payload file found.
#[derive(Debug, Default)]
struct Scan {
    files: u64,
    bytes: u64,
    mismatched: Vec<String>,
    unusable: Vec<String>,
    /// Kept, to be converted to a long-term format.
    convert: Vec<String>,
}

fn manifest_line(line: &str) -> Option<(&str, String)> {
    let (hex, path) = line.split_once(char::is_whitespace)?;
    let path = path
        .trim_start()
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%");
    Some((hex, path))
}

/// Re-reads every file the payload manifest lists (the SM3 manifest in step: the writer wrote
/// both in the same order), hashing it and checking its format in one pass.
fn scan_payload(bag: &Path, sm3: bool) -> Result<Scan> {
    let open = |name: &str| -> Result<std::io::Lines<BufReader<File>>> {
        let p = bag.join(name);
        Ok(
            BufReader::new(File::open(&p).with_context(|| format!("cannot read {}", p.display()))?)
                .lines(),
        )
    };
    let sha_lines = open(bag::MANIFEST_SHA256)?;
    let mut sm3_lines = if sm3 {
        Some(open(bag::MANIFEST_SM3)?)
    } else {
        None
    };
    let mut scan = Scan::default();
    for line in sha_lines {
        let line = line.context("cannot read the manifest")?;
        let sm3_line = sm3_lines.as_mut().and_then(Iterator::next).transpose()?;
        let Some((want, rel)) = manifest_line(&line) else {
            scan.mismatched.push(format!("清单行无法解析: {line}"));
            continue;
        };
        let want_sm3 = sm3_line
            .as_deref()
            .and_then(manifest_line)
            .map(|(h, _)| h.to_string());
        scan.files += 1;
        let mut probe = Probe::new(&rel);
        match read_through(&bag.join(&rel), sm3, &mut probe) {
            Err(e) => scan.unusable.push(format!("{rel}: 无法读取（{e}）")),
            Ok(got) => {
                scan.bytes += got.size;
                if got.sha256 != want {
                    scan.mismatched.push(format!("{rel}: SHA-256 不符"));
                }
                if sm3 && got.sm3 != want_sm3 {
                    scan.mismatched.push(format!("{rel}: SM3 不符"));
                }
                let outcome = probe.finish();
                if let Some(problem) = outcome.problem {
                    scan.unusable.push(format!("{rel}: {problem}"));
                }
                if let Some(convert) = outcome.convert {
                    scan.convert.push(format!("{rel}: {convert}"));
                }
            }
        }
    }
    Ok(scan)
}

fn read_through(path: &Path, sm3: bool, probe: &mut Probe) -> std::io::Result<bag::FileDigest> {
    let mut f = File::open(path)?;
    let mut h = Hashing::new(std::io::sink(), sm3);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        probe.feed(&buf[..n]);
        std::io::Write::write_all(&mut h, &buf[..n])?;
    }
    Ok(h.finish().1)
}

#[derive(Debug, Default)]
struct Disk {
    payload_files: u64,
    payload_bytes: u64,
    special: Vec<String>,
}

fn walk_bag(bag: &Path) -> Result<Disk> {
    let mut disk = Disk::default();
    for entry in walkdir::WalkDir::new(bag)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.with_context(|| format!("cannot list {}", bag.display()))?;
        let rel = entry.path().strip_prefix(bag).unwrap_or(entry.path());
        let t = entry.file_type();
        if t.is_file() {
            if rel.starts_with("data") {
                disk.payload_files += 1;
                disk.payload_bytes += entry.metadata().map(|m| m.len()).unwrap_or(0);
            }
        } else if !t.is_dir() {
            disk.special
                .push(format!("{}: 不是普通文件", rel.display()));
        }
    }
    Ok(disk)
}

fn oxum_problems(oxum: Oxum, scan: &Scan, disk: &Disk) -> Vec<String> {
    let mut out = Vec::new();
    if (oxum.bytes, oxum.files) != (disk.payload_bytes, disk.payload_files) {
        out.push(format!(
            "载荷实有 {}.{}，Payload-Oxum 为 {oxum}",
            disk.payload_bytes, disk.payload_files
        ));
    }
    if scan.files != disk.payload_files || scan.bytes != oxum.bytes {
        out.push(format!(
            "清单列 {} 个文件，载荷有 {} 个",
            scan.files, disk.payload_files
        ));
    }
    out
}

/// Counts the catalog CSV's records (quoted fields may hold line breaks).
fn catalog_problems(bag: &Path, expected: usize) -> Result<Vec<String>> {
    let path = bag.join(layout::CATALOG_CSV);
    let mut reader = BufReader::new(
        File::open(&path).with_context(|| format!("cannot read {}", path.display()))?,
    );
    let mut rows = 0usize;
    let mut quoted = false;
    loop {
        let buf = reader
            .fill_buf()
            .with_context(|| format!("cannot read {}", path.display()))?;
        if buf.is_empty() {
            break;
        }
        for &b in buf {
            match b {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => rows += 1,
                _ => {}
            }
        }
        let n = buf.len();
        reader.consume(n);
    }
    let data_rows = rows.saturating_sub(1);
    Ok(if data_rows == expected {
        Vec::new()
    } else {
        vec![format!(
            "{}: {data_rows} 条，应为 {expected} 条",
            layout::CATALOG_CSV
        )]
    })
}
