// remark-lint-frontmatter-schema as its README sets it up: remark-frontmatter finds the
// YAML, the lint rule validates it against the schema associated with the files by glob.
// bench/run.sh copies this next to the peer's node_modules; remark runs from
// bench/corpus, so the schema path and the glob are relative to that folder.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from '@julian_cataldo/remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      { schemas: { 'peers-node/newsval.schema.draft-07.json': ['**/*.md'] } },
    ],
  ],
};
