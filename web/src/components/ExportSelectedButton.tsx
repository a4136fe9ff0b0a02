import { Button } from '@mantine/core';

/**
 * "Export N as CSV": the download of the rows selected in a table, a plain link to the export
 * route, so the browser saves the file with the session cookie it already sends.
 */
export function ExportSelectedButton({ href, count }: { href: string; count: number }) {
  return (
    <Button component="a" variant="default" href={href} download>
      Export {count} as CSV
    </Button>
  );
}
