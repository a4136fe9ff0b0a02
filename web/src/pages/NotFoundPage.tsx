import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';

export function NotFoundPage() {
  return (
    <PageHeader
      title="Page not found"
      description={
        <>
          There is nothing at this address.{' '}
          <Anchor component={Link} to="/">
            Back to the dashboard
          </Anchor>
        </>
      }
    />
  );
}
