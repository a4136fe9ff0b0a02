import { Alert, Button, Checkbox, FileInput, List, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/form.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';
import { useImportDocument, type ImportDocumentResult } from './documents-api.js';

/** What the server decided about an imported file, in its own words. */
function ImportOutcome({ result }: { result: ImportDocumentResult }) {
  return (
    <Alert color={result.created > 0 ? 'teal' : 'blue'} data-testid="import-outcome">
      <Text size="sm" fw={500}>
        {result.key} v{result.version}: {result.created > 0 ? 'recorded' : 'already recorded'} (
        {result.status.replace('_', ' ')})
      </Text>
      <List size="sm">
        {result.notes.map((note) => (
          <List.Item key={note}>{note}</List.Item>
        ))}
      </List>
      {result.unmappedNames.length > 0 ? (
        <Text size="sm" mt="xs">
          Map {result.unmappedNames.join(', ')} to people before the version can leave review.
        </Text>
      ) : null}
    </Alert>
  );
}

/**
 * Import a Markdown file with YAML front matter (and its quiz file). A file with status approved
 * keeps it only with the importer's signature attesting the approval given outside Plumbline.
 */
export function ImportDocumentDialog({ onClose }: { onClose: () => void }) {
  const importDocument = useImportDocument();
  const [file, setFile] = useState<File | null>(null);
  const [quizFile, setQuizFile] = useState<File | null>(null);
  const [attest, setAttest] = useState(false);
  const [signing, setSigning] = useState(false);

  async function send(attestApproval?: { note: string; password?: string; totpCode?: string }) {
    if (!file) return;
    const markdown = await file.text();
    const quizYaml = quizFile ? await quizFile.text() : undefined;
    importDocument.mutate(
      {
        markdown,
        ...(quizYaml ? { quizYaml } : {}),
        ...(attestApproval ? { attestApproval } : {}),
      },
      { onSuccess: () => setSigning(false) },
    );
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    if (attest) setSigning(true);
    else void send();
  }

  return (
    <Modal opened onClose={onClose} title="Import a controlled document">
      <form onSubmit={submit} noValidate aria-label="Import a controlled document">
        <Stack gap="md">
          <FormError error={signing ? null : importDocument.error} fields={[]} />
          <FileInput
            label="Markdown file with front matter"
            accept=".md,text/markdown,text/plain"
            value={file}
            onChange={setFile}
            required
          />
          <FileInput
            label="Quiz file (optional)"
            accept=".yaml,.yml"
            value={quizFile}
            onChange={setQuizFile}
          />
          <Checkbox
            label="The file records an approval given outside Plumbline: I attest it with my signature"
            checked={attest}
            onChange={(event) => setAttest(event.currentTarget.checked)}
          />
          {importDocument.data ? <ImportOutcome result={importDocument.data} /> : null}
          <Button type="submit" disabled={!file} loading={importDocument.isPending && !signing}>
            Import
          </Button>
        </Stack>
      </form>
      {signing ? (
        <SignatureDialog
          title="Attest the approval"
          meaning="By signing you attest that this version was approved outside Plumbline by the approvers its front matter names."
          noteLabel="Where and when it was approved"
          noteRequired
          submitLabel="Sign and import"
          pending={importDocument.isPending}
          error={importDocument.error}
          onSign={(credentials, note) => void send({ note, ...credentials })}
          onClose={() => setSigning(false)}
        />
      ) : null}
    </Modal>
  );
}
