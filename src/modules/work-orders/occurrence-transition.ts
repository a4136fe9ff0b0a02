/**
 * Occurrence events are recorded by the occurrences module (record-occurrence-event.ts), which
 * checks the transition and keeps occurrence_state in step. This name stays only while the
 * recovery module, written against it, moves to `recordOccurrenceEvent`; then delete this file.
 */
export { recordOccurrenceEvent as appendOccurrenceEvent } from '../occurrences/record-occurrence-event.js';
