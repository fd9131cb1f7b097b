// The Prometheus metrics behind GET /metrics (prom-client), in a registry of their own: questions by
// source and outcome, answer latency, votes, knowledge reloads, gateway reconnects, and prom-client's
// default process metrics (event-loop lag, memory, CPU, handles).
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { setMetricsSink, type MetricsSink } from './events.js';

export interface BotMetrics {
  registry: Registry;
  /** Stops feeding the metrics (the registry keeps what it has). */
  stop(): void;
}

export function createMetrics(labels: Record<string, string> = {}): BotMetrics {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const questions = new Counter({
    name: 'bot_questions_total',
    help: 'Questions the bot answered or declined on Discord, by source and outcome.',
    labelNames: ['source', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'bot_answer_latency_seconds',
    help: 'From receiving a question to Discord accepting the reply.',
    labelNames: ['source'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const votes = new Counter({
    name: 'bot_votes_total',
    help: 'Votes on answers, by direction.',
    labelNames: ['vote'] as const,
    registers: [registry],
  });
  const reloads = new Counter({
    name: 'bot_knowledge_reloads_total',
    help: 'Knowledge base reloads (file change or /reload), by result.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const reconnects = new Counter({
    name: 'bot_gateway_reconnects_total',
    help: 'Times a gateway connection was lost and the client reconnected or resumed.',
    registers: [registry],
  });
  // Present from the first scrape, at zero, so dashboards and alerts need no special case.
  for (const source of ['message', 'ask', 'ask-message'])
    for (const outcome of ['answered', 'declined']) questions.inc({ source, outcome }, 0);
  votes.inc({ vote: 'up' }, 0);
  votes.inc({ vote: 'down' }, 0);
  reloads.inc({ result: 'ok' }, 0);
  reloads.inc({ result: 'failed' }, 0);

  const sink: MetricsSink = {
    question(source, answered, latencyMs) {
      questions.inc({ source, outcome: answered ? 'answered' : 'declined' });
      latency.observe({ source }, latencyMs / 1000);
    },
    vote: (value) => votes.inc({ vote: value === 1 ? 'up' : 'down' }),
    reload: (ok) => reloads.inc({ result: ok ? 'ok' : 'failed' }),
    reconnect: () => reconnects.inc(),
  };
  const unset = setMetricsSink(sink);
  return { registry, stop: unset };
}
