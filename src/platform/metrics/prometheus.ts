/**
 * A small Prometheus registry written to the text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/): counters, histograms and gauges
 * whose values are read at scrape time. Label sets are whatever the caller passes, so callers
 * must only pass bounded values (a matched route pattern, never a raw URL).
 */

export type Labels = Record<string, string>;

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Label values escape backslash, double quote and line feed. */
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and line feed. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** One key per label set, with the names in a fixed order so `{a,b}` and `{b,a}` are one series. */
function seriesKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
}

interface Family {
  render(): Promise<string[]>;
}

export class Counter implements Family {
  private readonly series = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = seriesKey(labels);
    const entry = this.series.get(key);
    if (entry) entry.value += by;
    else this.series.set(key, { labels, value: by });
  }

  render(): Promise<string[]> {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.series.values())
      lines.push(`${this.name}${formatLabels(labels)} ${formatValue(value)}`);
    return Promise.resolve(lines);
  }
}

export class Histogram implements Family {
  private readonly series = new Map<
    string,
    { labels: Labels; buckets: number[]; sum: number; count: number }
  >();
  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds, ascending; `+Inf` is added when rendering. */
    readonly bounds: readonly number[],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = seriesKey(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels, buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    // Buckets are stored per bound and made cumulative when rendered.
    const index = this.bounds.findIndex((bound) => value <= bound);
    if (index >= 0) entry.buckets[index] = (entry.buckets[index] ?? 0) + 1;
    entry.sum += value;
    entry.count += 1;
  }

  render(): Promise<string[]> {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} histogram`];
    for (const { labels, buckets, sum, count } of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((bound, index) => {
        cumulative += buckets[index] ?? 0;
        lines.push(
          `${this.name}_bucket${formatLabels({ ...labels, le: formatValue(bound) })} ${cumulative}`,
        );
      });
      lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: '+Inf' })} ${count}`);
      lines.push(`${this.name}_sum${formatLabels(labels)} ${formatValue(sum)}`);
      lines.push(`${this.name}_count${formatLabels(labels)} ${count}`);
    }
    return Promise.resolve(lines);
  }
}

/** A gauge whose samples are read when scraped (a count in the database, a pool's state). */
export class Gauge implements Family {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly collect: () => Promise<{ labels?: Labels; value: number }[]>,
  ) {}

  async render(): Promise<string[]> {
    const samples = await this.collect();
    return [
      `# HELP ${this.name} ${escapeHelp(this.help)}`,
      `# TYPE ${this.name} gauge`,
      ...samples.map(
        (sample) => `${this.name}${formatLabels(sample.labels ?? {})} ${formatValue(sample.value)}`,
      ),
    ];
  }
}

/** The families of one process, rendered in registration order. */
export class MetricsRegistry {
  private readonly families: Family[] = [];

  register<T extends Family>(family: T): T {
    this.families.push(family);
    return family;
  }

  /** The whole exposition, one family after another, ending with a line feed. */
  async render(): Promise<string> {
    const lines: string[] = [];
    for (const family of this.families) lines.push(...(await family.render()));
    return `${lines.join('\n')}\n`;
  }
}
