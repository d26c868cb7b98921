//! `gongkai desk`: the office's desk in a browser. A local web application on 127.0.0.1 that
//! lists the records by catalog node with their state, edits them through forms generated from
//! the record model ([`crate::record::schema`]), checks them with the same code as `gongkai check`,
//! signs the review, publishes and withdraws with the same code as `gongkai publish` — and writes
//! record files by surgical edits ([`edit`]) that leave every other byte as it was.

pub mod edit;
