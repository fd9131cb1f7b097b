// Reads process.env once, validates it, and exports one frozen, typed Config. Nothing else in the
// code reads process.env, so every setting is documented here and in .env.example.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');
const optional = (s: z.ZodType<string, string>) =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .pipe(s.optional());

const EnvSchema = z.object({
  DISCORD_TOKEN: optional(z.string().min(1)),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) address' })),
  ANSWER_CHANNEL_IDS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(snowflake)),
  FEEDBACK_CHANNEL_ID: optional(snowflake),
  SHARD_COUNT: optional(z.string().regex(/^(auto|[1-9]\d*)$/, "must be 'auto' or a whole number above 0")),
  KNOWLEDGE_DIR: optional(z.string()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_PATH: z.string().default('data/questions.db'),
  ANALYTICS: z
    .enum(['on', 'off'], { message: "must be 'on' or 'off'" })
    .default('on')
    .transform((v) => v === 'on'),
  ANALYTICS_HASH_KEY: optional(z.string().min(16, 'must be at least 16 characters')),
  LOG_RETENTION_DAYS: z.coerce.number().int().min(1, 'must be at least 1 day').default(90),
  WATCH_KNOWLEDGE: z
    .enum(['on', 'off'], { message: "must be 'on' or 'off'" })
    .default('on')
    .transform((v) => v === 'on'),
  KNOWLEDGE_CACHE: z
    .enum(['on', 'off'], { message: "must be 'on' or 'off'" })
    .default('on')
    .transform((v) => v === 'on'),
  KNOWLEDGE_CACHE_DIR: optional(z.string()),
  HEALTH_PORT: optional(z.string().regex(/^\d{1,5}$/, 'must be a port number (1 to 65535), or empty for off'))
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(z.number().int().min(0).max(65_535, 'must be a port number (1 to 65535)').optional()),
  HEALTH_HOST: z.string().trim().min(1).default('127.0.0.1'),
  // Set by discord.js' ShardingManager in each shard process: the shard ids it runs ("0", "1,2").
  SHARDS: optional(z.string()),
  TEACH_SHARING: z
    .enum(['on', 'off'], { message: "must be 'on' or 'off'" })
    .default('on')
    .transform((v) => v === 'on'),
});

export type Config = Readonly<
  z.infer<typeof EnvSchema> & {
    knowledgeDir: string;
    /** The health endpoint's port in this process (HEALTH_PORT, plus the shard id under start:sharded); undefined: off. */
    healthPort: number | undefined;
    /** Where the start-up snapshot of the knowledge lives; undefined when KNOWLEDGE_CACHE=off. */
    knowledgeCacheDir: string | undefined;
  }
>;

/** node_modules/.cache/<package name> under the project root: the usual place for a package's cache. */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_CACHE_DIR = resolve(
  ROOT,
  'node_modules/.cache',
  (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { name: string }).name,
);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment (process.env by default) into a Config, or throws a ConfigError with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(
      `The configuration is not valid (check .env or the environment):\n${lines.join('\n')}`,
    );
  }
  const { KNOWLEDGE_CACHE, KNOWLEDGE_CACHE_DIR, HEALTH_PORT, SHARDS } = parsed.data;
  // Under start:sharded each shard process serves its own endpoint, on HEALTH_PORT + its first shard id.
  const firstShard = Number(SHARDS?.split(',')[0] ?? 0) || 0;
  return Object.freeze({
    ...parsed.data,
    healthPort: HEALTH_PORT === undefined ? undefined : HEALTH_PORT === 0 ? 0 : HEALTH_PORT + firstShard,
    knowledgeDir: parsed.data.KNOWLEDGE_DIR ?? 'knowledge',
    knowledgeCacheDir: KNOWLEDGE_CACHE ? resolve(KNOWLEDGE_CACHE_DIR ?? DEFAULT_CACHE_DIR) : undefined,
  });
}
