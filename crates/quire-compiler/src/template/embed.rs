//! What embeds become: a link card that opens the original (a video, a post, a gist), never a
//! frame, so nothing of another site runs on the page; and the figure and disclosure markup
//! generators' built-in shortcodes write.

use quire_model::escape::xml_escape;

use super::args::Args;

/// The classes a link card is drawn with, which the sanitiser keeps.
pub(crate) const CARD_CLASSES: &[&str] = &[
    "embed-card",
    "embed-card-image",
    "embed-card-text",
    "embed-card-title",
    "embed-card-source",
];

/// A link card: the original's address, a title, who hosts it, and a thumbnail where the
/// address gives one.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Card {
    pub href: String,
    pub title: String,
    pub source: &'static str,
    pub thumbnail: Option<String>,
}

impl Card {
    pub fn html(&self) -> String {
        let image = self.thumbnail.as_ref().map_or(String::new(), |src| {
            format!(
                "<img class=\"embed-card-image\" src=\"{}\" alt=\"\" width=\"480\" height=\"360\" \
                 loading=\"lazy\">",
                xml_escape(src)
            )
        });
        format!(
            "<a class=\"embed-card\" href=\"{}\">{image}<span class=\"embed-card-text\"><span \
             class=\"embed-card-title\">{}</span><span class=\"embed-card-source\">{}</span></span></a>",
            xml_escape(&self.href),
            xml_escape(&self.title),
            self.source
        )
    }
}

fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 128
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

/// A YouTube video's id, written as an id or as any of its addresses.
pub(crate) fn youtube_id(written: &str) -> Option<&str> {
    let written = written.trim();
    let id = if let Some((_, query)) = written.split_once("v=") {
        query.split(['&', '#']).next()?
    } else if written.contains('/') {
        written
            .trim_end_matches('/')
            .rsplit('/')
            .next()?
            .split(['?', '#'])
            .next()?
    } else {
        written
    };
    is_token(id).then_some(id)
}

pub fn youtube(id: &str, title: Option<&str>) -> Option<Card> {
    if let Some((_, list)) = id.split_once("list=") {
        let list = list.split(['&', '#']).next()?;
        return is_token(list).then(|| Card {
            href: format!("https://www.youtube.com/playlist?list={list}"),
            title: title.unwrap_or("Playlist on YouTube").to_owned(),
            source: "YouTube",
            thumbnail: None,
        });
    }
    let id = youtube_id(id)?;
    Some(Card {
        href: format!("https://www.youtube.com/watch?v={id}"),
        title: title.unwrap_or("Video on YouTube").to_owned(),
        source: "YouTube",
        thumbnail: Some(format!("https://i.ytimg.com/vi/{id}/hqdefault.jpg")),
    })
}

pub(crate) fn vimeo(id: &str, title: Option<&str>) -> Option<Card> {
    let id = id.trim().trim_end_matches('/').rsplit('/').next()?;
    id.chars().all(|c| c.is_ascii_digit()).then_some(())?;
    is_token(id).then(|| Card {
        href: format!("https://vimeo.com/{id}"),
        title: title.unwrap_or("Video on Vimeo").to_owned(),
        source: "Vimeo",
        thumbnail: None,
    })
}

pub(crate) fn streamable(id: &str) -> Option<Card> {
    is_token(id).then(|| Card {
        href: format!("https://streamable.com/{id}"),
        title: "Video on Streamable".to_owned(),
        source: "Streamable",
        thumbnail: None,
    })
}

/// A gist by its user and id, or by its address (`https://gist.github.com/user/id`).
pub fn gist(user_or_address: &str, id: Option<&str>, file: Option<&str>) -> Option<Card> {
    let (user, id) = match id {
        Some(id) => (user_or_address.trim(), id.trim()),
        None => {
            let path = user_or_address
                .trim()
                .trim_start_matches("https://")
                .trim_start_matches("gist.github.com/")
                .trim_end_matches('/');
            path.rsplit_once('/')?
        }
    };
    if !is_token(user) || !is_token(id) {
        return None;
    }
    let anchor = file.map_or(String::new(), |file| {
        format!("#file-{}", file.replace('.', "-").to_ascii_lowercase())
    });
    Some(Card {
        href: format!("https://gist.github.com/{user}/{id}{anchor}"),
        title: file.map_or_else(
            || format!("Gist by {user}"),
            |file| format!("{file}, a gist by {user}"),
        ),
        source: "GitHub Gist",
        thumbnail: None,
    })
}

/// A post on X by its id, its author's name when written, or by its address.
pub(crate) fn post_on_x(user: Option<&str>, id: &str) -> Option<Card> {
    let (user, id) = match id.trim().split_once("/status/") {
        Some((before, after)) => (
            user.or_else(|| before.rsplit('/').next()),
            after.split(['?', '/', '#']).next()?,
        ),
        None => (user, id.trim()),
    };
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let user = user.filter(|user| is_token(user) && *user != "i");
    Some(Card {
        href: match user {
            Some(user) => format!("https://x.com/{user}/status/{id}"),
            None => format!("https://x.com/i/status/{id}"),
        },
        title: user.map_or_else(|| "Post on X".to_owned(), |user| format!("Post by @{user}")),
        source: "X",
        thumbnail: None,
    })
}

pub(crate) fn instagram(id: &str) -> Option<Card> {
    let id = id.trim().trim_end_matches('/').rsplit('/').next()?;
    is_token(id).then(|| Card {
        href: format!("https://www.instagram.com/p/{id}/"),
        title: "Post on Instagram".to_owned(),
        source: "Instagram",
        thumbnail: None,
    })
}

/// Inline markdown (a caption, a summary) as HTML, without a paragraph around it.
pub(crate) fn inline_markdown(text: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(text));
    let html = html.trim();
    let html = html.strip_prefix("<p>").unwrap_or(html);
    html.strip_suffix("</p>").unwrap_or(html).to_owned()
}

/// Inline markdown's words, for an image's `alt`.
pub(crate) fn inline_text(text: &str) -> String {
    let mut words = String::new();
    for event in pulldown_cmark::Parser::new(text) {
        if let pulldown_cmark::Event::Text(piece) | pulldown_cmark::Event::Code(piece) = event {
            words.push_str(&piece);
        }
    }
    words
}

/// Whether `value` can be an address at all: one with spaces, quotes or angle brackets is text
/// (the sanitiser judges the schemes of the rest).
fn is_address(value: &str) -> bool {
    !value.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
}

/// An `<img>` with the `width` and `height` its arguments give in whole pixels.
pub(crate) fn image_tag(src: &str, alt: &str, args: &Args) -> String {
    let mut image = format!(
        "<img src=\"{}\" alt=\"{}\"",
        xml_escape(src),
        xml_escape(alt)
    );
    for size in ["width", "height"] {
        if let Some(value) = args
            .named(size)
            .filter(|v| v.chars().all(|c| c.is_ascii_digit()))
        {
            image.push_str(&format!(" {size}=\"{value}\""));
        }
    }
    image.push('>');
    image
}

/// Hugo's `figure`: an image, its link, and a caption of a title, a caption and an attribution.
pub fn figure(args: &Args) -> Option<String> {
    let src = args.get("src", 0).filter(|src| is_address(src))?;
    let caption = args.named("caption");
    let title = args.named("title");
    let alt = args
        .named("alt")
        .map(str::to_owned)
        .or_else(|| caption.map(inline_text))
        .unwrap_or_default();
    let mut image = image_tag(src, &alt, args);
    if let Some(link) = args.named("link").filter(|link| is_address(link)) {
        image = format!("<a href=\"{}\">{image}</a>", xml_escape(link));
    }
    let mut figcaption = String::new();
    if let Some(title) = title {
        figcaption.push_str(&format!("<p><strong>{}</strong></p>", xml_escape(title)));
    }
    let attribution = args.named("attr").map(|attr| {
        let attr = inline_markdown(attr);
        match args.named("attrlink").filter(|link| is_address(link)) {
            Some(link) => format!(" <a href=\"{}\">{attr}</a>", xml_escape(link)),
            None => format!(" {attr}"),
        }
    });
    if caption.is_some() || attribution.is_some() {
        figcaption.push_str(&format!(
            "<p>{}{}</p>",
            caption.map(inline_markdown).unwrap_or_default(),
            attribution.unwrap_or_default()
        ));
    }
    let figcaption = if figcaption.is_empty() {
        String::new()
    } else {
        format!("<figcaption>{figcaption}</figcaption>")
    };
    Some(format!("<figure>{image}{figcaption}</figure>"))
}

/// A disclosure's opening markup: `<details>` with its summary.
pub(crate) fn details_open(summary: Option<&str>, open: bool) -> String {
    format!(
        "<details{}><summary>{}</summary>",
        if open { " open" } else { "" },
        inline_markdown(summary.unwrap_or("Details"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_and_post_addresses_become_cards_and_anything_else_is_refused() {
        for written in [
            "ZJthWmvUzzc",
            "https://www.youtube.com/watch?v=ZJthWmvUzzc&t=3",
            "https://youtu.be/ZJthWmvUzzc",
            "https://www.youtube.com/embed/ZJthWmvUzzc",
        ] {
            assert_eq!(youtube_id(written), Some("ZJthWmvUzzc"), "{written}");
        }
        assert_eq!(youtube_id("\"><script>"), None);
        assert_eq!(
            youtube("videoseries?list=PLaLq&amp;", None).unwrap().href,
            "https://www.youtube.com/playlist?list=PLaLq"
        );
        assert_eq!(
            vimeo("55073825", None).unwrap().href,
            "https://vimeo.com/55073825"
        );
        assert!(vimeo("javascript:alert(1)", None).is_none());
        assert_eq!(
            gist("spf13", Some("7896402"), Some("img.html"))
                .unwrap()
                .href,
            "https://gist.github.com/spf13/7896402#file-img-html"
        );
        assert_eq!(
            gist("https://gist.github.com/spf13/7896402", None, None)
                .unwrap()
                .href,
            "https://gist.github.com/spf13/7896402"
        );
        assert_eq!(
            post_on_x(
                None,
                "https://twitter.com/SanDiegoZoo/status/1453110110599868418"
            )
            .unwrap()
            .href,
            "https://x.com/SanDiegoZoo/status/1453110110599868418"
        );
        assert_eq!(
            post_on_x(None, "1453110110599868418").unwrap().href,
            "https://x.com/i/status/1453110110599868418"
        );
        assert!(post_on_x(Some("a"), "12ab").is_none());
        assert_eq!(
            instagram("BWNjjyYFxVx").unwrap().href,
            "https://www.instagram.com/p/BWNjjyYFxVx/"
        );
    }

    #[test]
    fn a_card_escapes_what_it_is_given() {
        let card = youtube("ZJthWmvUzzc", Some("A <b>talk</b> & more")).unwrap();
        assert_eq!(
            card.html(),
            "<a class=\"embed-card\" href=\"https://www.youtube.com/watch?v=ZJthWmvUzzc\"><img \
             class=\"embed-card-image\" src=\"https://i.ytimg.com/vi/ZJthWmvUzzc/hqdefault.jpg\" \
             alt=\"\" width=\"480\" height=\"360\" loading=\"lazy\"><span class=\"embed-card-text\">\
             <span class=\"embed-card-title\">A &lt;b&gt;talk&lt;/b&gt; &amp; more</span><span \
             class=\"embed-card-source\">YouTube</span></span></a>"
        );
    }
}
