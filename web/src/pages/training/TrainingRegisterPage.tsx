import { Group, SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { TrainingTable } from './TrainingTable.js';
import { useTrainingRegister } from './training-api.js';

/** Everyone's training (ISO 13485 6.2 records), and the overdue list for the quality lead. */
export function TrainingRegisterPage() {
  const [filter, setFilter] = useState<'all' | 'overdue'>('all');
  const list = useTrainingRegister(filter === 'overdue');
  return (
    <>
      <PageHeader
        title="Training register"
        description="Who was assigned which document version, when it was due, when it was completed and with what score."
        crumbs={[{ label: 'My training', to: '/training' }]}
      />
      <Group mb="lg">
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value === 'overdue' ? 'overdue' : 'all')}
          data={[
            { value: 'all', label: 'All' },
            { value: 'overdue', label: 'Overdue' },
          ]}
        />
      </Group>
      <QueryView query={list}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title={filter === 'overdue' ? 'Nothing overdue' : 'No training'}>
              {filter === 'overdue'
                ? 'Every assignment on an effective document is completed or still within its due date.'
                : 'Training is assigned when a document that requires it becomes effective.'}
            </EmptyMessage>
          ) : (
            <>
              <TrainingTable items={items} own={false} />
              <LoadMore list={list} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
