//! TeX math to MathML at build time: the reader's browser draws MathML natively, so no math
//! script is shipped, and a formula reads the same with JavaScript off.

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage, push_mathml};

/// Whether a formula sits in the text's line or on a line of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Placement {
    Inline,
    Display,
}

/// A formula that does not parse, with the parser's words for why.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("the formula {tex:?} does not parse as TeX math: {reason}")]
pub(crate) struct MathError {
    pub tex: String,
    pub reason: String,
}

/// `tex` as a `<math>` element.
pub(crate) fn to_mathml(tex: &str, placement: Placement) -> Result<String, MathError> {
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(tex, &storage).collect();
    if let Some(Err(error)) = events.iter().find(|event| event.is_err()) {
        return Err(MathError {
            tex: tex.trim().to_owned(),
            reason: error
                .to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
        });
    }
    let config = RenderConfig {
        display_mode: match placement {
            Placement::Inline => DisplayMode::Inline,
            Placement::Display => DisplayMode::Block,
        },
        ..RenderConfig::default()
    };
    let mut mathml = String::with_capacity(tex.len() * 8);
    push_mathml(&mut mathml, events.into_iter(), config).map_err(|error| MathError {
        tex: tex.trim().to_owned(),
        reason: error.to_string(),
    })?;
    Ok(without_styling(&mathml))
}

/// Whether the renderer's class is one the stylesheet draws: a table's alignment and rules
/// (`aligned`, `cases`, `array`), which MathML Core leaves to CSS.
pub(crate) fn is_layout_class(class: &str) -> bool {
    (class.starts_with("menv-") || class.starts_with("cell-"))
        && class.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// MathML without the renderer's `style` attributes (the Content-Security-Policy refuses inline
/// styles) and its classes but for table layout ([`is_layout_class`]), which serve a
/// stylesheet Quire does not ship.
fn without_styling(mathml: &str) -> String {
    let mut out = String::with_capacity(mathml.len());
    let mut rest = mathml;
    loop {
        let next = [" class=\"", " style=\""]
            .iter()
            .filter_map(|attribute| rest.find(attribute).map(|at| (at, attribute.len())))
            .min();
        let Some((at, length)) = next else {
            break;
        };
        out.push_str(&rest[..at]);
        let value_start = at + length;
        let value_end = rest[value_start..]
            .find('"')
            .map_or(rest.len(), |end| value_start + end);
        if rest[at..].starts_with(" class") {
            let kept: Vec<&str> = rest[value_start..value_end]
                .split_ascii_whitespace()
                .filter(|class| is_layout_class(class))
                .collect();
            if !kept.is_empty() {
                out.push_str(&format!(" class=\"{}\"", kept.join(" ")));
            }
        }
        rest = &rest[(value_end + 1).min(rest.len())..];
    }
    out.push_str(rest);
    out
}

/// What a formula that does not parse shows: its source, as code.
pub(crate) fn as_code(tex: &str) -> String {
    format!(
        "<code>{}</code>",
        quire_model::escape::xml_escape(tex.trim())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_display_formulas_become_math_elements() {
        let inline = to_mathml("x^2", Placement::Inline).unwrap();
        assert!(inline.starts_with("<math"), "{inline}");
        assert!(inline.contains("<msup>"), "{inline}");
        assert!(!inline.contains("display=\"block\""), "{inline}");
        let display = to_mathml(r"\frac{a}{b}", Placement::Display).unwrap();
        assert!(display.contains("display=\"block\""), "{display}");
        assert!(display.contains("<mfrac"), "{display}");
        let spaced = to_mathml(r"\left( a \quad b \right)", Placement::Inline).unwrap();
        assert!(
            !spaced.contains("class=") && !spaced.contains("style="),
            "{spaced}"
        );
    }

    #[test]
    fn a_formula_that_does_not_parse_is_an_error_that_quotes_it() {
        let error = to_mathml(r"\frac{a", Placement::Inline).unwrap_err();
        assert_eq!(error.tex, r"\frac{a");
        assert!(!error.reason.is_empty());
        assert_eq!(as_code("a<b"), "<code>a&lt;b</code>");
    }
}
