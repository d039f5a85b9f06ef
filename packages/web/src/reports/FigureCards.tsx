import { Paper, SimpleGrid, Text } from '@mantine/core';

export type Figures = { scope: string; graduateCycle: string | null; figures: { key: string; value: number; text: string }[] };

/** The bulletin figures as cards, in the bulletins' wording. */
export function FigureCards({ figures }: { figures: Figures | undefined }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      {figures?.figures.map((f) => (
        <Paper key={f.key} withBorder p="md" radius="md" data-figure={f.key}>
          <Text fw={600}>{f.text}</Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

