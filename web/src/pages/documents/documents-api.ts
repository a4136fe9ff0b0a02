/**
 * Controlled documents as the web app reads them: the paged list, a document with its versions
 * and sign-offs, a version's rendered text, import, transitions and e-signed sign-offs. Types are
 * inferred from the server's zod schemas (imported as types only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiUrl } from '../../../../src/shared/api/api-client.js';
import { useApiClient } from '../../api/ApiProvider.js';
import { usePagedList } from '../../api/paging.js';
import type { SignatureCredentials } from '../../api/work-types.js';
import type {
  DocumentDetail,
  DocumentSummary,
  DocumentVersionView,
  ImportDocumentBody,
  ImportDocumentResult,
  PeriodicReviewBody,
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
export type SignoffMeaning = 'reviewed' | 'approved';

const DOCUMENTS = 'documents';

/** Controlled documents by id, a page at a time; `status` filters on the latest version's. */
export function useDocuments(status: DocumentStatus | null) {
  const query = status ? { status } : {};
  return usePagedList([DOCUMENTS, 'list', query], '/documents', { query });
}

export function useDocument(key: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [DOCUMENTS, 'detail', key],
    queryFn: () => api.get('/documents/{key}', { path: { key } }),
  });
}

/** Every version of a document, newest first, with its sign-offs (naturally few). */
export function useDocumentVersions(key: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [DOCUMENTS, 'versions', key],
    queryFn: () => api.get('/documents/{key}/versions', { path: { key } }),
    select: (data) => data.items,
  });
}

/** A version's text rendered to HTML by the server (every text escaped). */
export function useDocumentBody(key: string, version: number) {
  const api = useApiClient();
  return useQuery({
    queryKey: [DOCUMENTS, 'body', key, version],
    queryFn: () => api.get('/documents/{key}/versions/{version}/body', { path: { key, version } }),
  });
}

/** The printable page (approval block included), opened in its own tab. */
export const printableUrl = (key: string, version: number) =>
  apiUrl('/documents/{key}/versions/{version}/printable', { path: { key, version } });

function useInvalidate() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [DOCUMENTS] });
    await queryClient.invalidateQueries({ queryKey: ['training'] });
  };
}

export function useImportDocument() {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ImportDocumentBody) => api.send('POST', '/documents/import', { body }),
    onSuccess: invalidate,
  });
}

export function useTransitionDocument(key: string, version: number) {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { to: 'in_review' | 'retired'; note?: string }) =>
      api.send('POST', '/documents/{key}/versions/{version}/transition', {
        path: { key, version },
        body,
      }),
    onSuccess: invalidate,
  });
}

export function useSignDocument(key: string, version: number) {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: SignatureCredentials & { meaning: SignoffMeaning; note?: string }) =>
      api.send('POST', '/documents/{key}/versions/{version}/sign', {
        path: { key, version },
        body,
      }),
    onSuccess: invalidate,
  });
}

/** Attaches (or replaces) a version's quiz: questions, options, answer key and pass mark. */
export function useAttachQuiz(key: string, version: number) {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: QuizInput) =>
      api.send('PUT', '/documents/{key}/versions/{version}/quiz', { path: { key, version }, body }),
    onSuccess: invalidate,
  });
}

/** Signs the periodic review of the effective version as "reviewed, no change". */
export function useSignPeriodicReview(key: string, version: number) {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: PeriodicReviewBody) =>
      api.send('POST', '/documents/{key}/versions/{version}/periodic-review', {
        path: { key, version },
        body,
      }),
    onSuccess: invalidate,
  });
}
