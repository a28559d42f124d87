'use client';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DASHES } from './palette';

export type Series = { key: string; label: string; color: string; kind?: 'line' | 'bar'; stack?: string };

/**
 * Weekly trends (lines) or counts (bars), with labelled axes and a legend.
 * The chart is a picture for sighted readers; the same numbers sit in the
 * table under it, so the SVG itself is hidden from screen readers.
 */
export type ChartRow = Record<string, string | number | null>;

export function TrendChart({
  data,
  xKey,
  xLabel,
  yLabel,
  series,
  format,
  height = 220,
  type = 'line',
  yDomain,
}: {
  data: ChartRow[];
  xKey: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  format?: (v: number) => string;
  height?: number;
  type?: 'line' | 'bar';
  yDomain?: [number, number];
}) {
  const fmt = (v: unknown) => (typeof v === 'number' ? (format ? format(v) : String(v)) : String(v ?? '—'));
  const axes = (
    <>
      <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
      <XAxis
        dataKey={xKey}
        tick={{ fontSize: 11, fill: '#334155' }}
        label={{ value: xLabel, position: 'insideBottom', offset: 0, fontSize: 11, fill: '#334155' }}
        height={40}
      />
      <YAxis
        tick={{ fontSize: 11, fill: '#334155' }}
        tickFormatter={(v: number) => fmt(v)}
        domain={yDomain ?? [0, 'auto']}
        allowDecimals={type !== 'bar'}
        width={52}
        label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: 8, fontSize: 11, fill: '#334155', style: { textAnchor: 'middle' } }}
      />
      <Tooltip formatter={(v) => fmt(v)} contentStyle={{ fontSize: 12 }} />
      <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" height={24} />
    </>
  );
  // Hidden from assistive technology (the card's table holds the same numbers), so recharts'
  // keyboard layer is off too: a focus stop inside a hidden element leads nowhere.
  return (
    <div aria-hidden="true" style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        {type === 'bar' ? (
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 8, left: 4 }} accessibilityLayer={false}>
            {axes}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={s.stack} isAnimationActive={false} />
            ))}
          </BarChart>
        ) : (
          <LineChart data={data} margin={{ top: 4, right: 8, bottom: 8, left: 4 }} accessibilityLayer={false}>
            {axes}
            {series.map((s, i) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={DASHES[i % DASHES.length]}
                dot={{ r: 3 }}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

/** Horizontal bars for comparing groups (officers, kecamatan…), one bar per group. */
export function GroupBarChart({
  data,
  labelKey,
  valueKey,
  valueLabel,
  color,
  format,
}: {
  data: ChartRow[];
  labelKey: string;
  valueKey: string;
  valueLabel: string;
  color: string;
  format?: (v: number) => string;
}) {
  const fmt = (v: unknown) => (typeof v === 'number' ? (format ? format(v) : String(v)) : String(v ?? '—'));
  const height = Math.max(120, Math.min(data.length, 15) * 26 + 50);
  return (
    <div aria-hidden="true" style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.slice(0, 15)} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            tick={{ fontSize: 11, fill: '#334155' }}
            tickFormatter={(v: number) => fmt(v)}
            domain={[0, 'auto']}
            label={{ value: valueLabel, position: 'insideBottom', offset: 0, fontSize: 11, fill: '#334155' }}
            height={40}
          />
          <YAxis type="category" dataKey={labelKey} tick={{ fontSize: 11, fill: '#334155' }} width={150} />
          <Tooltip formatter={(v) => fmt(v)} contentStyle={{ fontSize: 12 }} />
          <Bar dataKey={valueKey} name={valueLabel} fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
