/**
 * Controlled documents as the web app reads them: the paged list, a document with its versions
 * and sign-offs, a version's rendered text, import, transitions and e-signed sign-offs. Types are
 * inferred from the server's zod schemas (imported as types only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../api/ApiProvider.js';
import { usePagedListUntyped } from '../../api/paging.js';
import type { SignatureCredentials } from '../../api/work-types.js';
import type {
  DocumentDetail,
  DocumentSummary,
  DocumentVersionView,
  ImportDocumentBody,
  ImportDocumentResult,
  PeriodicReviewBody,
  documentBodySchema,
} from '../../../../src/modules/documents/document.schema.js';
import type { QuizInput } from '../../../../src/modules/training/quiz.js';
import type { DocumentStatus } from '../../../../src/modules/documents/document-status.js';

export type {
  DocumentDetail,
  DocumentStatus,
  DocumentSummary,
  DocumentVersionView,
  ImportDocumentResult,
};
export type DocumentBody = z.infer<typeof documentBodySchema>;
export type SignoffMeaning = 'reviewed' | 'approved';

const DOCUMENTS = 'documents';
const documentPath = (key: string) => `/documents/${encodeURIComponent(key)}`;

/** Controlled documents by id, a page at a time; `status` filters on the latest version's. */
export function useDocuments(status: DocumentStatus | null) {
  const query = status ? { status } : {};
  return usePagedListUntyped<DocumentSummary>([DOCUMENTS, 'list', query], '/documents', query);
}

export function useDocument(key: string) {
  const api = useApi();
  return useQuery({
    queryKey: [DOCUMENTS, 'detail', key],
    queryFn: () => api.get<DocumentDetail>(documentPath(key)),
  });
}

/** Every version of a document, newest first, with its sign-offs (naturally few). */
export function useDocumentVersions(key: string) {
  const api = useApi();
  return useQuery({
    queryKey: [DOCUMENTS, 'versions', key],
    queryFn: () => api.get<{ items: DocumentVersionView[] }>(`${documentPath(key)}/versions`),
    select: (data) => data.items,
  });
}

/** A version's text rendered to HTML by the server (every text escaped). */
export function useDocumentBody(key: string, version: number) {
  const api = useApi();
  return useQuery({
    queryKey: [DOCUMENTS, 'body', key, version],
    queryFn: () => api.get<DocumentBody>(`${documentPath(key)}/versions/${version}/body`),
  });
}

/** The printable page (approval block included), opened in its own tab. */
export const printableUrl = (key: string, version: number) =>
  `/api/v1${documentPath(key)}/versions/${version}/printable`;

function useInvalidate() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [DOCUMENTS] });
    await queryClient.invalidateQueries({ queryKey: ['training'] });
  };
}

export function useImportDocument() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ImportDocumentBody) =>
      api.send<ImportDocumentResult>('POST', '/documents/import', body),
    onSuccess: invalidate,
  });
}

export function useTransitionDocument(key: string, version: number) {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { to: 'in_review' | 'retired'; note?: string }) =>
      api.send<DocumentDetail>('POST', `${documentPath(key)}/versions/${version}/transition`, body),
    onSuccess: invalidate,
  });
}

export function useSignDocument(key: string, version: number) {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: SignatureCredentials & { meaning: SignoffMeaning; note?: string }) =>
      api.send<DocumentDetail>('POST', `${documentPath(key)}/versions/${version}/sign`, body),
    onSuccess: invalidate,
  });
}

/** Attaches (or replaces) a version's quiz: questions, options, answer key and pass mark. */
export function useAttachQuiz(key: string, version: number) {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: QuizInput) =>
      api.send<DocumentDetail>('PUT', `${documentPath(key)}/versions/${version}/quiz`, body),
    onSuccess: invalidate,
  });
}

/** Signs the periodic review of the effective version as "reviewed, no change". */
export function useSignPeriodicReview(key: string, version: number) {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: PeriodicReviewBody) =>
      api.send<DocumentDetail>(
        'POST',
        `${documentPath(key)}/versions/${version}/periodic-review`,
        body,
      ),
    onSuccess: invalidate,
  });
}
