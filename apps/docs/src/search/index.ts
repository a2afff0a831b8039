// The documentation search engine of the docs server: Markdown into sections and links, and a BM25 index over
// sections (titles and headings weighing more than body text) with typo and prefix tolerance. Knows nothing of MCP.
export { parseMarkdown, parsePlainText } from './markdown.ts';
export { SearchIndex } from './search-index.ts';
export { slugify } from './slug.ts';
export type { IndexStats, ParsedDoc, SearchFilters, SearchHit, SearchOptions, Section } from './types.ts';
