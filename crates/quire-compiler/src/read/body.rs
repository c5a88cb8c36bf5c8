//! What every document (article, page, case study) carries from its body, whatever its kind.

use quire_model::TocEntry;

use crate::markdown::SitePath;
use crate::spill::Stored;

/// A document's rendered body and the site paths it names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    /// An article's is in the build's spill once it is compiled (see [`Stored`]).
    pub html: Stored,
    pub toc: Vec<TocEntry>,
    /// Images the body loads from the site, with their lines in the file.
    pub site_images: Vec<SitePath>,
    /// Paths on the site the body links to, with their lines in the file.
    pub site_links: Vec<SitePath>,
    /// Links the body gives relative to the page, with their lines in the file.
    pub relative_links: Vec<SitePath>,
    /// Site paths the document was published at before (`aliases`), each redirected to it.
    pub aliases: Vec<Alias>,
    /// The image a link to the document shows: a site path or an http(s) URL.
    pub image: Option<String>,
    /// `image` written in several widths, once the build has written them.
    pub picture: Option<quire_model::picture::Picture>,
    /// `image_alt`: what the image shows, for readers who do not see it.
    pub image_alt: Option<String>,
    /// The preview card drawn for a document without an `image`, once drawn.
    pub card: Option<String>,
}

/// A site path that redirects to a document, and the line of the file that asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// `/2019/05/old-title` or `/old.html`: no trailing `/`, no query or fragment.
    pub path: String,
    pub line: usize,
    /// Where the old site published the document, rather than an alias it wrote.
    pub old_address: bool,
}
