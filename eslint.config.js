// Lint rules: the recommended sets of ESLint and typescript-eslint, plus the layering of src/ (which
// folder may import which). Import cycles are checked by scripts/check-imports.ts in `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** No import of these folders (relative paths) or packages from the files a block applies to. */
const forbid = (message, folders, packages = []) => [
  'error',
  {
    paths: packages.map((name) => ({ name, message })),
    patterns: [{ group: folders.map((f) => `**/${f}/**`), message }],
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'coverage', 'dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Plain-Node scripts (the build runs before anything is compiled).
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // Text folding is shared by the knowledge layer and the brain: it depends on neither.
    files: ['src/text/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid('src/text/ is pure text folding and imports no other layer.', [
        'answer',
        'knowledge',
        'discord',
        'console',
        'startup',
        'analytics',
      ]),
    },
  },
  {
    // Files on disk -> validated data. The brain builds on it, never the other way round.
    files: ['src/knowledge/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        'src/knowledge/ must not import the brain or a transport (the brain imports knowledge, not the reverse).',
        ['answer', 'discord', 'console', 'startup', 'analytics'],
        ['discord.js'],
      ),
    },
  },
  {
    // The brain is pure: no transport, no files, no Discord.
    files: ['src/answer/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        'src/answer/ is the pure brain: no transport, no I/O (src/startup/ loads and caches).',
        ['discord', 'console', 'startup', 'analytics'],
        ['discord.js', 'node:fs', 'fs', 'node:fs/promises'],
      ),
    },
  },
);
