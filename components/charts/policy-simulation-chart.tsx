'use client';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PALETTE } from './palette';

export type SimulationChartPoint = {
  /** Threshold in whole percent, 50–99. */
  pct: number;
  /** Coverage in percent, or null without data. */
  coverage: number | null;
  error: number | null;
  /** [low, high] of the error's 95% interval, in percent. */
  errorBand: [number, number] | null;
};

export type SimulationChartLabels = {
  xAxis: string;
  yCoverage: string;
  yError: string;
  coverage: string;
  error: string;
  errorBand: string;
  current: string;
  candidate: string;
};

const TICKS = [50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 99];
const AXIS_TEXT = '#334155';

/**
 * Coverage (left axis, solid blue) and estimated error with its 95% band
 * (right axis, dashed vermillion) over the thresholds, with the current and
 * the candidate threshold as labelled vertical lines. Okabe–Ito colours, and
 * lines differ by dash as well as colour. The SVG is hidden from screen
 * readers: the same numbers are in the table next to it.
 */
export function PolicySimulationChart({
  points,
  currentPct,
  candidatePct,
  labels,
  formatThreshold,
  height = 300,
}: {
  points: SimulationChartPoint[];
  currentPct: number | null;
  candidatePct: number | null;
  labels: SimulationChartLabels;
  formatThreshold: (pct: number) => string;
  height?: number;
}) {
  const maxError = Math.max(5, ...points.map((p) => p.errorBand?.[1] ?? p.error ?? 0));
  const errorTop = Math.min(100, Math.ceil(maxError / 5) * 5);
  const pctText = (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : Array.isArray(v) ? v.map((x) => `${Number(x).toFixed(1)}%`).join(' – ') : '—');
  // Hidden from assistive technology (the table beside it holds the numbers); no keyboard layer either.
  return (
    <div aria-hidden="true" style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 22, right: 12, bottom: 8, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis
            dataKey="pct"
            type="number"
            domain={[50, 99]}
            ticks={TICKS}
            tickFormatter={(v: number) => formatThreshold(v)}
            tick={{ fontSize: 11, fill: AXIS_TEXT }}
            height={40}
            label={{ value: labels.xAxis, position: 'insideBottom', offset: -2, fontSize: 12, fill: AXIS_TEXT }}
          />
          <YAxis
            yAxisId="coverage"
            domain={[0, 100]}
            tickFormatter={(v: number) => `${v}%`}
            tick={{ fontSize: 11, fill: AXIS_TEXT }}
            width={56}
            label={{
              value: labels.yCoverage,
              angle: -90,
              position: 'insideLeft',
              offset: 10,
              fontSize: 12,
              fill: PALETTE.blue,
              style: { textAnchor: 'middle' },
            }}
          />
          <YAxis
            yAxisId="error"
            orientation="right"
            domain={[0, errorTop]}
            tickFormatter={(v: number) => `${v}%`}
            tick={{ fontSize: 11, fill: AXIS_TEXT }}
            width={56}
            label={{
              value: labels.yError,
              angle: 90,
              position: 'insideRight',
              offset: 10,
              fontSize: 12,
              fill: PALETTE.vermillion,
              style: { textAnchor: 'middle' },
            }}
          />
          <Tooltip
            formatter={(v) => pctText(v)}
            labelFormatter={(v) => `${labels.xAxis}: ${typeof v === 'number' ? formatThreshold(v) : String(v)}`}
            contentStyle={{ fontSize: 12 }}
          />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} />
          <Area
            yAxisId="error"
            dataKey="errorBand"
            name={labels.errorBand}
            legendType="square"
            stroke="none"
            fill={PALETTE.vermillion}
            fillOpacity={0.15}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            yAxisId="coverage"
            dataKey="coverage"
            name={labels.coverage}
            stroke={PALETTE.blue}
            strokeWidth={2.5}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            yAxisId="error"
            dataKey="error"
            name={labels.error}
            stroke={PALETTE.vermillion}
            strokeWidth={2.5}
            strokeDasharray="7 4"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          {currentPct !== null && (
            <ReferenceLine
              yAxisId="coverage"
              x={currentPct}
              stroke={PALETTE.black}
              strokeWidth={1.5}
              label={{ value: labels.current, position: 'top', fontSize: 11, fill: PALETTE.black }}
            />
          )}
          {candidatePct !== null && candidatePct !== currentPct && (
            <ReferenceLine
              yAxisId="coverage"
              x={candidatePct}
              stroke={PALETTE.orange}
              strokeWidth={2}
              strokeDasharray="3 3"
              label={{ value: labels.candidate, position: 'insideTopLeft', fontSize: 11, fill: '#8a5a00' }}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
