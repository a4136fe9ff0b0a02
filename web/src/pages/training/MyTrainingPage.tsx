import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useCan } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { TrainingTable } from './TrainingTable.js';
import { useMyTraining } from './training-api.js';

/** The signed-in person's training on effective documents: what to read, by when, and done. */
export function MyTrainingPage() {
  const can = useCan();
  const list = useMyTraining();
  return (
    <>
      <PageHeader
        title="My training"
        description="Documents you are asked to read (and, for some, pass a quiz on), acknowledged with your signature."
        actions={
          can('training:read') ? (
            <Anchor component={Link} to="/training/register">
              Training register
            </Anchor>
          ) : null
        }
      />
      <QueryView query={list}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No training">
              Training is assigned when a document that requires it becomes effective.
            </EmptyMessage>
          ) : (
            <>
              <TrainingTable items={items} own />
              <LoadMore list={list} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
