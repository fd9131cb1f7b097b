// What the bot reports for its metrics, without knowing whether anyone listens: the Discord layer and
// the knowledge reloader call these, and they do nothing until the health endpoint is on (HEALTH_PORT)
// and src/health/metrics.ts installs a sink. Kept apart from prom-client so that a bot without the
// endpoint never loads it.
export type QuestionSource = 'message' | 'ask' | 'ask-message';

export interface MetricsSink {
  question(source: QuestionSource, answered: boolean, latencyMs: number): void;
  vote(value: 1 | -1): void;
  reload(ok: boolean): void;
  reconnect(): void;
}

const none: MetricsSink = {
  question: () => undefined,
  vote: () => undefined,
  reload: () => undefined,
  reconnect: () => undefined,
};

let sink: MetricsSink = none;

/** Where the events go from now on; returns a function that stops sending them there. */
export function setMetricsSink(next: MetricsSink): () => void {
  sink = next;
  return () => {
    if (sink === next) sink = none;
  };
}

export const metricEvents: MetricsSink = {
  question: (source, answered, latencyMs) => sink.question(source, answered, latencyMs),
  vote: (value) => sink.vote(value),
  reload: (ok) => sink.reload(ok),
  reconnect: () => sink.reconnect(),
};
