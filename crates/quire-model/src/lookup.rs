//! Which lookup bucket holds a slug: FNV-1a, so the compiler and the app agree without a table.

/// FNV-1a over the slug's bytes: tiny, stable across platforms and versions, and well spread for
/// short keys. Not a security boundary; it only spreads slugs over files.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The bucket index of `slug` among `bucket_count` buckets (0 when there are none).
pub fn lookup_bucket(slug: &str, bucket_count: usize) -> usize {
    if bucket_count == 0 {
        return 0;
    }
    (fnv1a(slug.as_bytes()) % bucket_count as u64) as usize
}

/// How many buckets a bundle of `articles` uses: about 200 slugs a bucket, at most 256.
pub fn bucket_count_for(articles: usize) -> usize {
    articles.div_ceil(200).clamp(1, 256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn buckets_are_in_range_and_spread() {
        assert_eq!(lookup_bucket("anything", 0), 0);
        assert_eq!(lookup_bucket("anything", 1), 0);
        let mut sizes = [0usize; 16];
        for index in 0..16_000 {
            let bucket = lookup_bucket(&format!("article-{index}"), 16);
            sizes[bucket] += 1;
        }
        assert!(
            sizes.iter().all(|&size| (800..1200).contains(&size)),
            "{sizes:?}"
        );
    }

    #[test]
    fn bucket_counts_grow_with_the_corpus() {
        for (articles, buckets) in [
            (0, 1),
            (1, 1),
            (200, 1),
            (201, 2),
            (10_000, 50),
            (1_000_000, 256),
        ] {
            assert_eq!(bucket_count_for(articles), buckets, "{articles} articles");
        }
    }
}
