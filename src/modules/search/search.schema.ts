import { z } from 'zod';

/** What the search finds, in the order results of equal rank are shown. */
export const SEARCH_KINDS = [
  'asset',
  'supplier',
  'process',
  'control',
  'requirement',
  'work-order',
  'nonconformance',
  'incident',
  'document',
  'person',
  'user',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The most results one search answers: a palette shows this many, `more` says if there are others. */
export const SEARCH_RESULT_CAP = 20;

/** How well a result matches, best first: the order results are ranked in. */
export const SEARCH_MATCHES = ['exact', 'prefix', 'word', 'contains'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

export const searchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'is required: what to search for')
    .max(100, 'may be at most 100 characters')
    .describe(
      'What to look for: a key, a name or title, words of a description, a tag, an e-mail, a work order, nonconformance or incident number',
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(SEARCH_RESULT_CAP)
    .default(SEARCH_RESULT_CAP)
    .describe(`Results to answer, 1 to ${SEARCH_RESULT_CAP}`),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchResultSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string().describe('The record id (a UUID)'),
  key: z
    .string()
    .nullable()
    .describe(
      "The key its page is addressed by (assets, suppliers, processes, controls, documents; a requirement's framework); null otherwise",
    ),
  title: z.string().describe('Its name or title'),
  detail: z.string().describe('A second line: the key, number, e-mail, tags, framework or status'),
  match: z.enum(SEARCH_MATCHES).describe('How it matched: exact, prefix, word start or contains'),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchAnswerSchema = z.object({
  items: z.array(searchResultSchema).describe('Best matches first, at most `limit`'),
  more: z.boolean().describe('True when more records than `limit` match: refine the words'),
  limit: z.number().int(),
});
export type SearchAnswer = z.infer<typeof searchAnswerSchema>;
