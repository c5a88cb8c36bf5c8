// Writes a content folder whose every author-controlled string is an XSS vector from the
// compiler's corpus (crates/quire-compiler/tests/fixtures/xss-vectors.txt): titles, summaries,
// tags, authors, category and section names, bodies, pages, case studies and every text in
// site.toml.
// `make test` compiles it into target/e2e-hostile, which hostile.spec.js reads in Chromium.
//
//   node tests/e2e/hostile/make-content.mjs <out-dir>
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] ?? 'target/e2e-hostile-content';
const vectors = readFileSync('crates/quire-compiler/tests/fixtures/xss-vectors.txt', 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

// JSON strings are valid YAML double-quoted scalars and TOML basic strings.
const quote = (text) => JSON.stringify(text);
const pick = (index) => vectors[index % vectors.length];

rmSync(out, { recursive: true, force: true });
for (const dir of ['articles', 'pages', 'case-studies']) mkdirSync(join(out, dir), { recursive: true });

writeFileSync(
  join(out, 'site.toml'),
  `title = ${quote(`Hostile ${pick(0)}`)}
tagline = ${quote(pick(3))}
base_url = "https://hostile.example"

[[nav]]
label = ${quote(pick(5))}
href = "/insights"

[[nav]]
label = ${quote(pick(7))}
href = "/archive"

[[footer]]
title = ${quote(pick(9))}
links = [{ label = ${quote(pick(11))}, href = "/about" }]

[call_to_action]
title = ${quote(pick(13))}
text = ${quote(pick(15))}
label = ${quote(pick(17))}
href = "/contact"

[[categories]]
name = ${quote(`Hostile ${pick(19)}`)}
slug = "hostile"
description = ${quote(pick(21))}

[[categories]]
name = "Plain"

[[case_study_sections]]
name = ${quote(`Section ${pick(23)}`)}
slug = "section"
`,
);

vectors.forEach((vector, index) => {
  const day = String((index % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(index / 28) % 12) + 1).padStart(2, '0');
  const name = `v${String(index).padStart(3, '0')}`;
  writeFileSync(
    join(out, 'articles', `${name}.md`),
    `---
title: ${quote(`${name} ${vector}`)}
date: 2026-${month}-${day}
summary: ${quote(vector)}
category: ${index % 2 ? 'Plain' : 'hostile'}
tags: [${quote(`tag ${vector}`)}, "plain"]
authors: [${quote(`author ${vector}`)}, "Plain Author"]
---

${vector}

## Section ${vector}

Text around ${vector} inline.

- ${vector}

> ${vector}
`,
  );
});

// Layout attacks: words too long for a phone's line, in a title, a tag (which the filter bar
// offers, since three articles share it), a summary, a link, inline code, a table and a code block.
const longWord = 'Unbrokenwordstretchingfarwiderthananyphonescreencouldeverhold';
for (const n of [1, 2, 3]) {
  writeFileSync(
    join(out, 'articles', `long-words-${n}.md`),
    `---
title: "${longWord} ${n}"
date: 2026-06-0${n}
summary: "https://example.com/${longWord.toLowerCase()}/${longWord.toLowerCase()}"
category: Plain
tags: ["${longWord}", "plain"]
---

See https://example.com/${longWord.toLowerCase()}/${longWord.toLowerCase()} and \`${longWord}${longWord}\`.

| ${['one', 'two', 'three', 'four', 'five', 'six'].join(' column | ')} column |
|${' --- |'.repeat(6)}
| ${Array(6).fill(longWord.slice(0, 14)).join(' | ')} |

\`\`\`rust
fn main() { let ${longWord.toLowerCase()} = "${longWord}${longWord}"; }
\`\`\`

## ${longWord} heading
`,
  );
}

writeFileSync(
  join(out, 'pages', 'about.md'),
  `---
title: ${quote(`About ${pick(25)}`)}
description: ${quote(pick(27))}
---

${vectors.join('\n\n')}
`,
);
writeFileSync(join(out, 'pages', 'contact.md'), `---\ntitle: Contact\n---\n\n${pick(29)}\n`);
writeFileSync(
  join(out, 'case-studies', 'hostile-study.md'),
  `---
title: ${quote(`Study ${pick(31)}`)}
subtitle: ${quote(pick(33))}
date: 2026-02-02
sections: [section]
---

${vectors.slice(0, 40).join('\n\n')}
`,
);
console.log(`wrote ${vectors.length} hostile articles and 3 of long words to ${out}`);
