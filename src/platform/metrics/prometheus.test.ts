import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, MetricsRegistry } from './prometheus.js';

describe('Prometheus text exposition', () => {
  it('renders counters with HELP and TYPE, one line per label set, in any label order', async () => {
    const registry = new MetricsRegistry();
    const counter = registry.register(new Counter('jobs_total', 'Job runs'));
    counter.inc({ job: 'a', outcome: 'ok' });
    counter.inc({ outcome: 'ok', job: 'a' }, 2);
    counter.inc({ job: 'b', outcome: 'failed' });
    expect(await registry.render()).toBe(
      [
        '# HELP jobs_total Job runs',
        '# TYPE jobs_total counter',
        'jobs_total{job="a",outcome="ok"} 3',
        'jobs_total{job="b",outcome="failed"} 1',
        '',
      ].join('\n'),
    );
  });

  it('renders histograms with cumulative buckets, +Inf, sum and count', async () => {
    const registry = new MetricsRegistry();
    const histogram = registry.register(new Histogram('latency_seconds', 'Latency', [0.1, 1]));
    histogram.observe({ route: '/x' }, 0.05);
    histogram.observe({ route: '/x' }, 0.5);
    histogram.observe({ route: '/x' }, 5);
    expect(await registry.render()).toBe(
      [
        '# HELP latency_seconds Latency',
        '# TYPE latency_seconds histogram',
        'latency_seconds_bucket{route="/x",le="0.1"} 1',
        'latency_seconds_bucket{route="/x",le="1"} 2',
        'latency_seconds_bucket{route="/x",le="+Inf"} 3',
        'latency_seconds_sum{route="/x"} 5.55',
        'latency_seconds_count{route="/x"} 3',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values and help text as the format requires', async () => {
    const registry = new MetricsRegistry();
    registry.register(
      new Gauge('odd', 'Back\\slash and\nnewline', () =>
        Promise.resolve([{ labels: { value: 'a"b\\c\nd' }, value: 1 }]),
      ),
    );
    expect(await registry.render()).toBe(
      [
        '# HELP odd Back\\\\slash and\\nnewline',
        '# TYPE odd gauge',
        'odd{value="a\\"b\\\\c\\nd"} 1',
        '',
      ].join('\n'),
    );
  });
});
