//! Request bodies of the desk: `application/x-www-form-urlencoded` and `multipart/form-data`
//! (file uploads), parsed from a body already held to the size limit, with a cap on the number
//! of fields. Anything malformed is refused whole.

/// An uploaded file: the form field, the file name the browser gave, the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub field: String,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A parsed form: text fields in order (a name may repeat) and uploaded files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

/// Most fields (and files) one form may carry.
pub const MAX_FIELDS: usize = 4000;

impl Form {
    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether any field name starts with `prefix`.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.fields.iter().any(|(k, _)| k.starts_with(prefix))
    }
}

/// Why a body was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormError {
    Malformed,
    UnsupportedType,
    TooManyFields,
}

/// Parses a body by its `Content-Type`.
pub fn parse(content_type: Option<&str>, body: &[u8]) -> Result<Form, FormError> {
    let ct = content_type.unwrap_or("").trim();
    let (mime, params) = ct.split_once(';').unwrap_or((ct, ""));
    match mime.trim().to_ascii_lowercase().as_str() {
        "application/x-www-form-urlencoded" => urlencoded(body),
        "multipart/form-data" => {
            let boundary = params
                .split(';')
                .filter_map(|p| p.trim().split_once('='))
                .find(|(k, _)| k.eq_ignore_ascii_case("boundary"))
                .map(|(_, v)| v.trim_matches('"'))
                .filter(|b| !b.is_empty() && b.len() <= 200)
                .ok_or(FormError::Malformed)?;
            multipart(boundary.as_bytes(), body)
        }
        "" if body.is_empty() => Ok(Form::default()),
        _ => Err(FormError::UnsupportedType),
    }
}

fn percent_decode(s: &[u8], plus_is_space: bool) -> Result<String, FormError> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3).ok_or(FormError::Malformed)?;
                let hex = std::str::from_utf8(hex).map_err(|_| FormError::Malformed)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| FormError::Malformed)?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| FormError::Malformed)
}

/// Decodes `%XX` escapes (a query string's values).
pub fn decode_component(s: &str) -> Option<String> {
    percent_decode(s.as_bytes(), true).ok()
}

fn urlencoded(body: &[u8]) -> Result<Form, FormError> {
    let mut form = Form::default();
    for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        if form.fields.len() >= MAX_FIELDS {
            return Err(FormError::TooManyFields);
        }
        let eq = pair.iter().position(|b| *b == b'=');
        let (k, v) = match eq {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        };
        form.fields
            .push((percent_decode(k, true)?, percent_decode(v, true)?));
    }
    Ok(form)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// A `name="value"` parameter of a `Content-Disposition` header.
fn disposition_param(header: &str, name: &str) -> Option<String> {
    let mut rest = header;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().last();
        let after = &rest[i + name.len()..];
        if matches!(before, Some(' ' | ';')) && after.starts_with("=\"") {
            let v = &after[2..];
            let end = v.find('"')?;
            return Some(
                v[..end]
                    .replace("%22", "\"")
                    .replace("%0A", "\n")
                    .replace("%0D", "\r"),
            );
        }
        rest = after;
    }
    None
}

fn multipart(boundary: &[u8], body: &[u8]) -> Result<Form, FormError> {
    let mut delim = b"--".to_vec();
    delim.extend_from_slice(boundary);
    let mut next_delim = b"\r\n".to_vec();
    next_delim.extend_from_slice(&delim);
    let mut form = Form::default();
    let mut pos = find(body, &delim, 0).ok_or(FormError::Malformed)? + delim.len();
    loop {
        if body.get(pos..pos + 2) == Some(b"--") {
            return Ok(form);
        }
        if body.get(pos..pos + 2) != Some(b"\r\n") {
            return Err(FormError::Malformed);
        }
        pos += 2;
        let head_end = find(body, b"\r\n\r\n", pos).ok_or(FormError::Malformed)?;
        let head = std::str::from_utf8(&body[pos..head_end]).map_err(|_| FormError::Malformed)?;
        let content_start = head_end + 4;
        let end = find(body, &next_delim, content_start).ok_or(FormError::Malformed)?;
        let content = &body[content_start..end];
        pos = end + next_delim.len();
        if form.fields.len() + form.files.len() >= MAX_FIELDS {
            return Err(FormError::TooManyFields);
        }
        let disposition = head
            .split("\r\n")
            .find(|l| {
                l.split(':')
                    .next()
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case("content-disposition"))
            })
            .ok_or(FormError::Malformed)?;
        let name = disposition_param(disposition, "name").ok_or(FormError::Malformed)?;
        match disposition_param(disposition, "filename") {
            Some(file) if !file.is_empty() || !content.is_empty() => form.files.push(Upload {
                field: name,
                name: file,
                bytes: content.to_vec(),
            }),
            Some(_) => {} // an empty file input
            None => {
                let v = String::from_utf8(content.to_vec()).map_err(|_| FormError::Malformed)?;
                form.fields.push((name, v));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencoded_fields_repeat_and_decode() {
        let f = parse(
            Some("application/x-www-form-urlencoded"),
            b"a=1&t=%E4%B8%AD+x&t=2&empty=",
        )
        .unwrap();
        assert_eq!(f.get("t"), Some("中 x"));
        assert_eq!(f.all("t"), vec!["中 x", "2"]);
        assert_eq!(f.get("empty"), Some(""));
        assert_eq!(
            parse(Some("application/x-www-form-urlencoded"), b"a=%zz"),
            Err(FormError::Malformed)
        );
        assert_eq!(
            parse(Some("text/plain"), b"a"),
            Err(FormError::UnsupportedType)
        );
    }

    #[test]
    fn multipart_holds_fields_and_files() {
        let body = b"--XX\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n\xE6\xA0\x87\xE9\xA2\x98\r\n--XX\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\nx\r\n--XX\r\nContent-Disposition: form-data; name=\"none\"; filename=\"\"\r\n\r\n\r\n--XX--\r\n";
        let f = parse(Some("multipart/form-data; boundary=XX"), body).unwrap();
        assert_eq!(f.get("title"), Some("标题"));
        assert_eq!(f.files.len(), 1);
        assert_eq!(f.files[0].name, "a.pdf");
        assert_eq!(f.files[0].bytes, b"%PDF-1.4\r\nx");
        assert_eq!(
            parse(Some("multipart/form-data; boundary=XX"), b"--XX\r\nno end"),
            Err(FormError::Malformed)
        );
    }

    #[test]
    fn too_many_fields_are_refused() {
        let body = "a=1&".repeat(MAX_FIELDS + 1);
        assert_eq!(
            parse(Some("application/x-www-form-urlencoded"), body.as_bytes()),
            Err(FormError::TooManyFields)
        );
    }
}
