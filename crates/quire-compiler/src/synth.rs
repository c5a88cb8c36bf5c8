//! Synthetic corpora for benchmarks and scale tests: realistic, varied articles from a seed,
//! written as YAML front matter that both Quire and Hugo build (`categories`, `tags`, `description`).

use quire_model::{Date, slugify};

/// The categories every synthetic corpus declares, in display order.
pub(crate) const CATEGORIES: &[&str] = &[
    "Architecture",
    "Split Testing & Tracking",
    "AI & Automation",
    "Engineering",
    "Growth Ops",
    "Leadership",
    "Infrastructure",
];

const TAGS: &[&str] = &[
    "Ecommerce",
    "Kubernetes",
    "LLM",
    "Postgres",
    "Observability",
    "Cost",
    "Testing",
    "CI",
    "Performance",
    "Security",
    "Analytics",
    "Privacy",
    "Caching",
    "Queues",
    "Incidents",
    "Hiring",
    "Planning",
    "Migration",
    "Serverless",
    "Edge",
    "Search",
    "Payments",
    "Mobile",
    "Data Quality",
    "Experimentation",
    "Feature Flags",
    "Rust",
    "TypeScript",
    "Go",
    "Python",
    "Terraform",
    "Networking",
    "Compliance",
    "Onboarding",
    "On-call",
    "SLOs",
    "Tracing",
    "Batch Jobs",
    "Streaming",
    "Recommendations",
];

const SUBJECTS: &[&str] = &[
    "the checkout service",
    "our deploy pipeline",
    "the billing job",
    "a read replica",
    "the search index",
    "the feature-flag client",
    "the event stream",
    "a payment webhook",
    "the staging cluster",
    "the recommendation model",
    "an internal dashboard",
    "the CDN layer",
    "the order database",
    "a retry loop",
    "the mobile release train",
    "the experiment platform",
];
const VERBS: &[&str] = &[
    "slowed down",
    "recovered",
    "doubled its throughput",
    "dropped events",
    "ran out of memory",
    "became the bottleneck",
    "paid for itself",
    "needed a rewrite",
    "was over-provisioned",
    "hid a race condition",
    "lost its owner",
    "stayed within budget",
];
const CLAUSES: &[&str] = &[
    "once traffic passed the weekly peak",
    "after the schema change landed",
    "when the cache was cold",
    "during the quarterly sale",
    "because nobody measured it",
    "as soon as retries were added",
    "under a realistic load test",
    "after we split the queue",
    "when the batch window shrank",
    "because the defaults were never revisited",
];
const OPENERS: &[&str] = &[
    "In practice,",
    "Looking back,",
    "The surprising part is that",
    "On paper,",
    "Within a week,",
    "For most teams,",
    "The data showed that",
    "As expected,",
];
const HEADINGS: &[&str] = &[
    "What we measured",
    "Where the time went",
    "The first fix",
    "Why it regressed",
    "What we would do again",
    "Costs and trade-offs",
    "Rolling it out",
    "Keeping it fixed",
    "The numbers",
    "Lessons for the next team",
];
const TITLE_PATTERNS: &[&str] = &[
    "How {s} {v}",
    "Why {s} {v}",
    "When {s} {v}",
    "The week {s} {v}",
    "What happened when {s} {v}",
];

/// SplitMix64: a tiny, well-distributed generator, so corpora are identical for a seed everywhere.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// One generated file: a path relative to the content folder and its text.
pub struct SynthFile {
    pub path: String,
    pub text: String,
}

/// `site.toml` declaring the synthetic categories.
pub(crate) fn site_toml() -> String {
    let mut text = String::from(
        "title = \"Synthetic Insights\"\ntagline = \"A generated corpus for benchmarks.\"\n",
    );
    for category in CATEGORIES {
        text.push_str(&format!("\n[[categories]]\nname = \"{category}\"\n"));
    }
    text
}

fn sentence(rng: &mut SplitMix64) -> String {
    format!(
        "{} {} {} {}.",
        rng.pick(OPENERS),
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(CLAUSES)
    )
}

fn paragraph(rng: &mut SplitMix64) -> String {
    let count = 3 + rng.below(4);
    (0..count)
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Article `index` of a corpus of `total`, dated across the years before `newest`.
pub fn article(index: usize, total: usize, newest: Date, rng: &mut SplitMix64) -> SynthFile {
    let subject = rng.pick(SUBJECTS);
    let verb = rng.pick(VERBS);
    let title = rng
        .pick(TITLE_PATTERNS)
        .replace("{s}", subject)
        .replace("{v}", verb);
    let title = format!("{} ({})", capitalise(&title), index + 1);
    // Spread evenly over the four years before `newest`, newest first.
    let offset = i64::try_from(index * 1460 / total.max(1)).unwrap_or(0);
    let date =
        Date::from_days_since_unix_epoch(newest.days_since_unix_epoch() - offset).unwrap_or(newest);
    let category = rng.pick(CATEGORIES);
    let tag_count = 1 + rng.below(4);
    let mut tags: Vec<&str> = Vec::new();
    while tags.len() < tag_count {
        let tag = rng.pick(TAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let mut body = String::new();
    body.push_str(&paragraph(rng));
    body.push_str("\n\n");
    let sections = 2 + rng.below(3);
    for section in 0..sections {
        body.push_str(&format!(
            "## {}\n\n",
            HEADINGS[(index + section) % HEADINGS.len()]
        ));
        for _ in 0..(1 + rng.below(3)) {
            body.push_str(&paragraph(rng));
            body.push_str("\n\n");
        }
        match rng.below(6) {
            0 => body.push_str(&format!(
                "```rust\nfn budget_ms(hop: &str) -> u32 {{\n    match hop {{ \"{}\" => {}, _ => 50 }}\n}}\n```\n\n",
                slugify(subject),
                20 + rng.below(300)
            )),
            1 => body.push_str(&format!(
                "| Metric | Before | After |\n|---|---|---|\n| p50 latency | {} ms | {} ms |\n| Error rate | {}% | {}% |\n\n",
                200 + rng.below(800),
                50 + rng.below(150),
                1 + rng.below(9),
                rng.below(2)
            )),
            _ => {}
        }
    }
    let description = paragraph(rng);
    let tags_yaml = tags
        .iter()
        .map(|tag| format!("\"{tag}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let text = format!(
        "---\ntitle: \"{title}\"\ndate: {date}\ncategories: [\"{category}\"]\ntags: [{tags_yaml}]\ndescription: \"{description}\"\n---\n\n{body}"
    );
    SynthFile {
        path: format!("articles/synthetic-{:06}.md", index + 1),
        text,
    }
}

fn capitalise(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

/// The cover of article `index` when a corpus has covers: where it is, and the line that names it.
pub fn cover_path(index: usize) -> String {
    format!("static/img/cover-{:06}.jpg", index + 1)
}

/// A photo-like 1600×900 JPEG for article `index`: a gradient in its own hues under soft grain,
/// which compresses like a photograph rather than like flat colour.
pub fn cover_image(index: usize, seed: u64) -> Result<Vec<u8>, String> {
    let mut rng = SplitMix64::new(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let (width, height) = (1600u32, 900u32);
    let from = [
        rng.below(256) as f32,
        rng.below(256) as f32,
        rng.below(256) as f32,
    ];
    let to = [
        rng.below(256) as f32,
        rng.below(256) as f32,
        rng.below(256) as f32,
    ];
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let t = (x + y) as f32 / (width + height) as f32;
        let grain = (rng.below(33) as f32) - 16.0;
        image::Rgb(std::array::from_fn(|c| {
            (from[c] * (1.0 - t) + to[c] * t + grain).clamp(0.0, 255.0) as u8
        }))
    });
    let mut out = Vec::new();
    let encoded = image::DynamicImage::ImageRgb8(image).write_with_encoder(
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85),
    );
    encoded
        .map(|()| out)
        .map_err(|error| format!("cover {} could not be encoded: {error}", index + 1))
}

/// The whole corpus: `site.toml` and `count` articles, identical for the same seed.
pub fn corpus(count: usize, seed: u64, newest: Date) -> Vec<SynthFile> {
    let mut rng = SplitMix64::new(seed);
    let mut files = vec![SynthFile {
        path: "site.toml".to_owned(),
        text: site_toml(),
    }];
    files.extend((0..count).map(|index| article(index, count, newest, &mut rng)));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpora_are_deterministic_and_varied() {
        let newest = Date::parse("2026-11-01").unwrap();
        let a = corpus(50, 7, newest);
        let b = corpus(50, 7, newest);
        assert_eq!(a.len(), 51);
        assert!(
            a.iter()
                .zip(&b)
                .all(|(x, y)| x.path == y.path && x.text == y.text)
        );
        let c = corpus(50, 8, newest);
        assert!(a.iter().zip(&c).any(|(x, y)| x.text != y.text));
        let titles: std::collections::BTreeSet<_> = a
            .iter()
            .skip(1)
            .map(|f| f.text.lines().nth(1).unwrap().to_owned())
            .collect();
        assert_eq!(titles.len(), 50, "titles are unique");
    }
}
