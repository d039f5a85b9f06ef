import { Group, Stack, Text } from '@mantine/core';

export type Bar = { label: string; value: number; target?: number; parts?: { value: number; color: string }[] };

/**
 * A horizontal bar chart drawn with plain elements: each bar shows the value (split into coloured
 * parts when given) against an optional target marker, so it prints and reads without a chart library.
 */
export function Bars({ bars, format = (n) => String(n), label }: { bars: Bar[]; format?: (n: number) => string; label: string }) {
  const max = Math.max(1, ...bars.flatMap((b) => [b.value, b.target ?? 0]));
  return (
    <Stack gap={6} role="img" aria-label={label}>
      {bars.map((b) => (
        <div key={b.label}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="xs" truncate>{b.label}</Text>
            <Text size="xs" fw={600}>{format(b.value)}{b.target !== undefined ? ` / ${format(b.target)}` : ''}</Text>
          </Group>
          <div style={{ position: 'relative', height: 12, background: 'var(--mantine-color-gray-1)', borderRadius: 3 }}>
            <div style={{ display: 'flex', height: '100%', width: `${(b.value / max) * 100}%` }}>
              {(b.parts ?? [{ value: b.value, color: 'var(--mantine-color-blue-6)' }]).map((p, i) => (
                <div key={i} style={{ width: `${b.value ? (p.value / b.value) * 100 : 0}%`, background: p.color }} />
              ))}
            </div>
            {b.target !== undefined && <div style={{ position: 'absolute', top: -2, bottom: -2, left: `${(b.target / max) * 100}%`, width: 2, background: 'var(--mantine-color-dark-6)' }} />}
          </div>
        </div>
      ))}
    </Stack>
  );
}
