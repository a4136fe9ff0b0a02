import { Alert, type AlertProps } from '@mantine/core';
import { ApiError } from '../api/web-client.js';

/** A failed request, explained in the API's own words. */
export function ErrorAlert({ error, ...props }: { error: unknown } & Omit<AlertProps, 'children'>) {
  const message =
    error instanceof ApiError || error instanceof Error ? error.message : 'Something went wrong.';
  const title = error instanceof ApiError && error.code === 'conflict' ? 'Conflict' : 'Error';
  return (
    <Alert color="red" title={title} role="alert" {...props}>
      {message}
    </Alert>
  );
}
