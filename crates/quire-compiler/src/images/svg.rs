//! An SVG the site publishes, written back with only what draws: no script, no event handler,
//! no `foreignObject` (HTML inside the drawing), no animation (which can set a link to
//! `javascript:`), and no link but to a fragment, a web page or an embedded picture. Opened on
//! its own, an SVG runs with the site's origin, so one from an old blog must not carry script.

use quire_model::escape::xml_escape;
use roxmltree::{Document, Node, NodeType};

/// Elements left out with everything inside them.
const DROPPED: &[&str] = &[
    "script",
    "foreignObject",
    "animate",
    "animateMotion",
    "animateTransform",
    "set",
    "discard",
    "handler",
    "listener",
    "iframe",
    "embed",
    "object",
];

const XLINK: &str = "http://www.w3.org/1999/xlink";

/// The SVG as it is safe to publish: the file as it is when nothing in it could run, else
/// written back without it; `None` when it is not well-formed XML, which no browser draws (or
/// runs) either.
pub(crate) fn sanitise(text: &str) -> Option<String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options).ok()?;
    if !document
        .descendants()
        .any(|node| node.is_element() && !element_is_safe(node))
    {
        return Some(text.to_owned());
    }
    let mut out = String::with_capacity(text.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write_node(document.root_element(), None, &mut out);
    out.push('\n');
    Some(out)
}

/// Whether the element and its attributes are kept whole.
fn element_is_safe(node: Node<'_, '_>) -> bool {
    !DROPPED.contains(&node.tag_name().name())
        && node.attributes().all(|attribute| {
            attribute_is_safe(
                node,
                attribute.namespace(),
                attribute.name(),
                attribute.value(),
            )
        })
}

fn write_node(node: Node<'_, '_>, parent: Option<Node<'_, '_>>, out: &mut String) {
    match node.node_type() {
        NodeType::Element => write_element(node, parent, out),
        NodeType::Text => out.push_str(&xml_escape(node.text().unwrap_or(""))),
        NodeType::Root | NodeType::Comment | NodeType::PI => {}
    }
}

fn write_element(node: Node<'_, '_>, parent: Option<Node<'_, '_>>, out: &mut String) {
    let name = qualified(node, node.tag_name().namespace(), node.tag_name().name());
    if DROPPED.contains(&node.tag_name().name()) {
        return;
    }
    out.push('<');
    out.push_str(&name);
    // Namespaces this element declares beyond its parent's, so every prefix stays bound.
    for namespace in node.namespaces() {
        let inherited = parent.is_some_and(|parent| {
            parent
                .namespaces()
                .any(|known| known.name() == namespace.name() && known.uri() == namespace.uri())
        });
        // `xml` is bound by XML itself and never declared.
        if !inherited && namespace.name() != Some("xml") {
            match namespace.name() {
                Some(prefix) => out.push_str(&format!(" xmlns:{prefix}=\"")),
                None => out.push_str(" xmlns=\""),
            }
            out.push_str(&xml_escape(namespace.uri()));
            out.push('"');
        }
    }
    for attribute in node.attributes() {
        if !attribute_is_safe(
            node,
            attribute.namespace(),
            attribute.name(),
            attribute.value(),
        ) {
            continue;
        }
        out.push(' ');
        out.push_str(&qualified(node, attribute.namespace(), attribute.name()));
        out.push_str("=\"");
        out.push_str(&xml_escape(attribute.value()));
        out.push('"');
    }
    if !node.has_children() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for child in node.children() {
        write_node(child, Some(node), out);
    }
    out.push_str("</");
    out.push_str(&name);
    out.push('>');
}

/// `name` with the prefix its namespace is bound to at `node`.
fn qualified(node: Node<'_, '_>, namespace: Option<&str>, name: &str) -> String {
    match namespace.and_then(|uri| node.lookup_prefix(uri)) {
        Some(prefix) if !prefix.is_empty() => format!("{prefix}:{name}"),
        _ => name.to_owned(),
    }
}

fn attribute_is_safe(node: Node<'_, '_>, namespace: Option<&str>, name: &str, value: &str) -> bool {
    if name.len() > 2 && name[..2].eq_ignore_ascii_case("on") {
        return false;
    }
    let folded: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if folded.contains("javascript:") || folded.contains("vbscript:") {
        return false;
    }
    let is_link = name == "href" && (namespace.is_none() || namespace == Some(XLINK));
    if !is_link {
        return true;
    }
    let element = node.tag_name().name();
    folded.starts_with('#')
        || (element == "a" && (folded.starts_with("https://") || folded.starts_with("http://")))
        || (element == "image"
            && folded.starts_with("data:image/")
            && !folded.starts_with("data:image/svg"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawing_keeps_every_shape_gradient_and_reference() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><title>A chart &amp; more</title><rect width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/><text x="1" y="5">p99 &lt; 600 ms</text></svg>"##;
        assert_eq!(
            sanitise(svg).unwrap(),
            svg,
            "nothing to take out: the file as it is"
        );
        // Written back, as when something is taken out, it keeps every part that draws.
        let mut out = String::new();
        write_node(Document::parse(svg).unwrap().root_element(), None, &mut out);
        assert_eq!(out, svg);
    }

    #[test]
    fn script_handlers_foreign_html_and_script_links_are_taken_out() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
            <script>alert(2)</script>
            <script xlink:href="https://evil.example/x.js"/>
            <foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(3)"/></div></foreignObject>
            <a href="javascript:alert(4)"><rect width="1" height="1"/></a>
            <a xlink:href=" JaVa&#10;script:alert(5)"><circle r="1"/></a>
            <a href="https://example.com/"><circle r="2" ONCLICK="alert(6)"/></a>
            <animate attributeName="href" to="javascript:alert(7)"/>
            <set attributeName="onload" to="alert(8)"/>
            <image href="https://tracker.example/pixel.png"/>
            <image href="data:image/png;base64,AAAA"/>
            <use href="data:image/svg+xml;base64,AAAA"/>
        </svg>"#;
        let clean = sanitise(svg).unwrap();
        for gone in [
            "alert",
            "script",
            "foreignObject",
            "onerror",
            "tracker",
            "animate",
            "<set",
            "svg+xml",
        ] {
            assert!(!clean.contains(gone), "{gone} in {clean}");
        }
        assert!(
            clean.contains("<a href=\"https://example.com/\">"),
            "{clean}"
        );
        assert!(clean.contains("data:image/png;base64,AAAA"), "{clean}");
        assert_eq!(clean.matches("<circle").count(), 2);
    }

    #[test]
    fn a_file_that_is_not_xml_is_not_an_svg_to_publish() {
        assert_eq!(sanitise("<svg><g></svg>"), None);
        assert_eq!(sanitise("not xml"), None);
    }
}
