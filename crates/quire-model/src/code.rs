//! Code blocks in a body's sanitised HTML, given a copy button. The app and the compiler's
//! pre-rendered pages add the same markup, so the take-over changes nothing the reader sees;
//! the bundle and the feeds carry the bodies without it, since a feed reader runs no script.

use std::borrow::Cow;

/// How a code block starts and ends in sanitised HTML: the renderer writes each as `<pre><code>`
/// with at most a `class`, and escaped text cannot close it early.
const BLOCK_START: &str = "<pre><code";
const BLOCK_END: &str = "</code></pre>";

/// What goes in front of a code block: the button (shown only when scripts run), and a status
/// that tells assistive technology the copy happened.
const BUTTON: &str = "<div class=\"code-block\"><button type=\"button\" class=\"code-block__copy\" data-needs-js aria-label=\"Copy code\">Copy</button><span class=\"visually-hidden\" role=\"status\"></span>";
const AFTER: &str = "</div>";

/// `html` with each code block wrapped with its copy button; unchanged (and not copied) when it
/// has none.
pub fn with_copy_buttons(html: &str) -> Cow<'_, str> {
    if !html.contains(BLOCK_START) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(start) = rest.find(BLOCK_START) {
        let Some(length) = rest[start..]
            .find(BLOCK_END)
            .map(|end| end + BLOCK_END.len())
        else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(BUTTON);
        out.push_str(&rest[start..start + length]);
        out.push_str(AFTER);
        rest = &rest[start + length..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_every_code_block_and_nothing_else() {
        let html = "<p>Run <code>make</code>:</p>\n<pre><code class=\"language-sh\">make &lt;/pre&gt;\n</code></pre>\n<ul><li><pre><code>b\n</code></pre></li></ul><pre>plain</pre>";
        let wrapped = with_copy_buttons(html);
        assert_eq!(wrapped.matches(BUTTON).count(), 2);
        assert_eq!(
            wrapped,
            format!(
                "<p>Run <code>make</code>:</p>\n{BUTTON}<pre><code class=\"language-sh\">make &lt;/pre&gt;\n</code></pre>{AFTER}\n<ul><li>{BUTTON}<pre><code>b\n</code></pre>{AFTER}</li></ul><pre>plain</pre>"
            )
        );
    }

    #[test]
    fn leaves_html_without_code_blocks_as_it_is() {
        for html in [
            "",
            "<p>No code.</p>",
            "<pre>plain</pre>",
            "<pre><code>never closed",
        ] {
            let wrapped = with_copy_buttons(html);
            assert_eq!(wrapped, html);
        }
        assert!(matches!(with_copy_buttons("<p>x</p>"), Cow::Borrowed(_)));
    }
}
