// Write cost of the question log: how long record() holds up an answer. Runs alone with
// `npx tsx bench/analytics.ts [rows]`, or is imported by a bench runner.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src/analytics/db.js';
import { openQuestionLog } from '../src/analytics/question-log.js';
import { buildReport } from '../src/analytics/report.js';
import { createLogger } from '../src/log.js';

export interface AnalyticsBench {
  rows: number;
  /** record() per question, microseconds. */
  recordMeanUs: number;
  recordP50Us: number;
  recordP99Us: number;
  recordMaxUs: number;
  /** vote() per click, microseconds. */
  voteMeanUs: number;
  /** Database size (file and WAL) divided by rows. */
  bytesPerRow: number;
  /** buildReport over all the rows, milliseconds. */
  reportMs: number;
}

const QUESTIONS = [
  'is mexico in nato',
  '¿México está en la OTAN?',
  'what is the usmca and when was it signed',
  'is mexico part of brics',
  'Does Mexico belong to the Pacific Alliance?',
  '¿Cuándo entró México a la OCDE?',
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function benchAnalytics(rows = 5000): AnalyticsBench {
  const folder = mkdtempSync(join(tmpdir(), 'analytics-bench-'));
  const path = join(folder, 'questions.db');
  try {
    const log = openQuestionLog(
      {
        ANALYTICS: true,
        DATABASE_PATH: path,
        ANALYTICS_HASH_KEY: 'bench-key-0123456789',
        LOG_RETENTION_DAYS: 90,
      },
      createLogger('silent'),
    );
    const times: number[] = [];
    const ids: number[] = [];
    for (let i = 0; i < rows; i++) {
      const answered = i % 3 !== 0;
      const start = process.hrtime.bigint();
      const id = log.record({
        source: i % 4 === 0 ? 'terminal' : 'discord',
        guildId: '111111111111111111',
        channelId: '222222222222222222',
        userId: String(300_000_000_000_000_000n + BigInt(i % 500)),
        question: QUESTIONS[i % QUESTIONS.length]!,
        lang: i % 2 ? 'es' : 'en',
        tier: answered ? 'exact' : 'declined',
        factId: answered ? 'nato-membership' : null,
        confidence: answered ? 0.95 : 0.2,
        answered,
        latencyMs: 1.2,
      });
      times.push(Number(process.hrtime.bigint() - start) / 1000);
      if (id === null) throw new Error('record() failed during the bench');
      ids.push(id);
    }
    const voteStart = process.hrtime.bigint();
    const votes = Math.min(1000, ids.length);
    for (let i = 0; i < votes; i++)
      log.vote(ids[i]!, String(900_000_000_000_000_000n + BigInt(i % 50)), i % 2 ? 1 : -1);
    const voteMeanUs = Number(process.hrtime.bigint() - voteStart) / 1000 / votes;

    const bytes = statSync(path).size + (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    log.close();

    const db = openDatabase(path);
    const reportStart = process.hrtime.bigint();
    buildReport(db, { days: 30 });
    const reportMs = Number(process.hrtime.bigint() - reportStart) / 1e6;
    db.close();

    const sorted = [...times].sort((a, b) => a - b);
    return {
      rows,
      recordMeanUs: times.reduce((a, b) => a + b, 0) / times.length,
      recordP50Us: percentile(sorted, 50),
      recordP99Us: percentile(sorted, 99),
      recordMaxUs: sorted[sorted.length - 1]!,
      voteMeanUs,
      bytesPerRow: bytes / rows,
      reportMs,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 5000);
  const r = benchAnalytics(rows);
  const us = (n: number) => `${n.toFixed(1)} µs`;
  console.log(`Question log, ${r.rows} rows, WAL, synchronous=NORMAL, temp file:`);
  console.log(
    `  record(): mean ${us(r.recordMeanUs)}, p50 ${us(r.recordP50Us)}, p99 ${us(r.recordP99Us)}, max ${us(r.recordMaxUs)}`,
  );
  console.log(`  vote():   mean ${us(r.voteMeanUs)}`);
  console.log(`  size:     ${Math.round(r.bytesPerRow)} bytes per row (file + WAL)`);
  console.log(`  report:   ${r.reportMs.toFixed(1)} ms for 30 days over all rows`);
}
