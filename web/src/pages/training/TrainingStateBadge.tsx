import { Badge } from '@mantine/core';
import type { TrainingAssignmentView } from './training-api.js';

type TrainingState = TrainingAssignmentView['state'];

const STATE_LABELS: Record<TrainingState, string> = {
  open: 'Open',
  overdue: 'Overdue',
  completed: 'Completed',
};
const STATE_COLORS: Record<TrainingState, string> = {
  open: 'blue',
  overdue: 'red',
  completed: 'teal',
};

export function TrainingStateBadge({ state }: { state: TrainingState }) {
  return (
    <Badge color={STATE_COLORS[state]} variant="light">
      {STATE_LABELS[state]}
    </Badge>
  );
}
