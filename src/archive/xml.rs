//! A small XML writer: element names are ours, every text and attribute value is escaped, and
//! characters XML 1.0 forbids (most C0 controls) become U+FFFD, so the output is always
//! well-formed whatever a record contains.

use std::fmt::Write as _;

/// Builds an XML document into a string, indented by two spaces.
pub struct XmlWriter {
    out: String,
    open: Vec<&'static str>,
}

impl Default for XmlWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlWriter {
    /// Starts a document with the UTF-8 declaration.
    pub fn new() -> Self {
        XmlWriter {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            open: Vec::new(),
        }
    }

    /// A writer for a fragment (no declaration), starting at `depth` levels of indent.
    pub fn fragment(depth: usize) -> Self {
        XmlWriter {
            out: String::new(),
            open: vec![""; depth],
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"");
            escape_into(&mut self.out, v, true);
            self.out.push('"');
        }
    }

    /// Opens an element that will hold child elements.
    pub fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.open.push(name);
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        let name = self.open.pop().expect("close matches an open");
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    /// An element with text content (an empty one when `text` is empty).
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start_tag(name, attrs);
        if text.is_empty() {
            self.out.push_str("/>\n");
        } else {
            self.out.push('>');
            escape_into(&mut self.out, text, false);
            let _ = writeln!(self.out, "</{name}>");
        }
    }

    /// A leaf written only when there is a value.
    pub fn opt_leaf(&mut self, name: &str, text: Option<&str>) {
        if let Some(t) = text {
            self.leaf(name, &[], t);
        }
    }

    /// The text written so far, leaving elements open: for documents streamed in parts, whose
    /// caller writes the closing tags.
    pub fn finish_open(self) -> String {
        self.out
    }

    /// The text written so far; panics if an element is still open (a programming error).
    pub fn finish(self) -> String {
        assert!(
            self.open.iter().all(|n| n.is_empty()),
            "unclosed elements: {:?}",
            self.open
        );
        self.out
    }
}

/// True for the characters XML 1.0 allows.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes `s` as text (or as a double-quoted attribute value, where line breaks and tabs are
/// written as character references so they survive attribute normalisation).
pub fn escape_into(out: &mut String, s: &str, attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\'' if attr => out.push_str("&apos;"),
            '\t' if attr => out.push_str("&#9;"),
            '\n' if attr => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if !allowed(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, false);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASTY: &str = "a<b>&c\"d'e\u{0}f\u{1b}g\r\nh]]>i</题名><x>";

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(escape("a<b>&c"), "a&lt;b&gt;&amp;c");
        assert_eq!(escape("x\u{0}y\u{7}z"), "x\u{FFFD}y\u{FFFD}z");
        let mut w = XmlWriter::fragment(0);
        w.leaf(
            "题名",
            &[("说明", "\"引号\" & 'x'\n")],
            "《关于<开展>工作的通知》",
        );
        assert_eq!(
            w.finish(),
            "<题名 说明=\"&quot;引号&quot; &amp; &apos;x&apos;&#10;\">《关于&lt;开展&gt;工作的通知》</题名>\n"
        );
    }

    /// Reads the document back with an independent parser: it must be well-formed and give back
    /// exactly the text that went in (less the characters XML cannot hold).
    #[test]
    fn output_is_well_formed_and_round_trips() {
        let mut w = XmlWriter::new();
        w.open("归档文件", &[("版本", NASTY)]);
        w.leaf("题名", &[], NASTY);
        w.leaf("空", &[], "");
        w.close();
        let doc = w.finish();
        let mut reader = quick_xml::Reader::from_str(&doc);
        let mut texts = Vec::new();
        let mut attrs = Vec::new();
        let mut depth = 0i32;
        loop {
            match reader.read_event().expect("well-formed") {
                quick_xml::events::Event::Start(e) => {
                    depth += 1;
                    for a in e.attributes() {
                        let a = a.expect("attribute");
                        attrs.push(a.unescape_value().expect("escaped").into_owned());
                    }
                }
                quick_xml::events::Event::End(_) => depth -= 1,
                quick_xml::events::Event::Text(t) => {
                    let s = t.unescape().expect("escaped").into_owned();
                    if !s.trim().is_empty() {
                        texts.push(s);
                    }
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0);
        let expected = NASTY.replace(['\u{0}', '\u{1b}'], "\u{FFFD}");
        assert_eq!(texts, vec![expected.clone()]);
        assert_eq!(attrs, vec![expected]);
    }
}
