import { Alert, Button, Checkbox, Code, CopyButton, Group, SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import { AuthFrame } from './AuthFrame.js';

/** The recovery codes, shown this once; the person says they saved them before going on. */
export function RecoveryCodesStep({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <AuthFrame
      title="Save your recovery codes"
      description="Each code signs you in once if you lose your authenticator. They are shown only now."
      width={480}
    >
      <Alert color="yellow" variant="light">
        Store them in your password manager or print them. Plumbline keeps only their hashes.
      </Alert>
      <SimpleGrid cols={2} spacing="xs" data-testid="recovery-codes">
        {codes.map((code) => (
          <Code key={code} ta="center" fz="md" p="xs">
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Group justify="flex-end">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" onClick={copy}>
              {copied ? 'Copied' : 'Copy all'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Stack gap="md">
        <Checkbox
          label="I have saved these recovery codes"
          checked={saved}
          onChange={(event) => setSaved(event.currentTarget.checked)}
        />
        <Button disabled={!saved} onClick={onDone} fullWidth>
          Continue to Plumbline
        </Button>
      </Stack>
    </AuthFrame>
  );
}
