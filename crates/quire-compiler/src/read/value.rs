//! The one neutral value front matter and config files are read into, whatever their syntax.

use std::collections::BTreeMap;

/// A front-matter value, whatever syntax it came from. TOML datetimes arrive as their text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
}
