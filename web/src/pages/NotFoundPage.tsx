import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyMessage } from '../components/EmptyMessage.js';

export function NotFoundPage() {
  return (
    <EmptyMessage title="Page not found">
      There is nothing at this address.{' '}
      <Anchor component={Link} to="/">
        Back to the dashboard
      </Anchor>
    </EmptyMessage>
  );
}
