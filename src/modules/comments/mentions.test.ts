import { describe, expect, it } from 'vitest';
import { resolveMentions } from './mentions.js';

const ana = { id: '1', name: 'Ana Lima', email: 'ana@example.test' };
const anaB = { id: '2', name: 'Ana', email: 'ana.b@example.test' };
const bo = { id: '3', name: 'Bo Chen', email: 'bo@example.test' };
const people = [ana, anaB, bo];

describe('mentions in a comment', () => {
  it('resolves an e-mail address and a name written after @, each person once', () => {
    const found = resolveMentions(
      '@bo@example.test and @Ana Lima, please check. @BO CHEN too',
      people,
    );
    expect(found.people.map((person) => person.id)).toEqual(['3', '1']);
    expect(found.unknownEmails).toEqual([]);
  });

  it('takes the longest name that matches, and only whole words', () => {
    expect(resolveMentions('@Ana Lima', people).people).toEqual([ana]);
    expect(resolveMentions('@Ana, see this', people).people).toEqual([anaB]);
    expect(resolveMentions('@Anastasia', people).people).toEqual([]);
  });

  it('does not read an address in a sentence as a mention', () => {
    expect(resolveMentions('write to ana@example.test today', people).people).toEqual([]);
  });

  it('reports an e-mail mention that is nobody’s address, and leaves unknown words as text', () => {
    const found = resolveMentions('@nobody@example.test and @someone else', people);
    expect(found.people).toEqual([]);
    expect(found.unknownEmails).toEqual(['nobody@example.test']);
  });

  it('ends an e-mail mention before the sentence’s full stop', () => {
    expect(resolveMentions('Thanks @ana@example.test.', people).people).toEqual([ana]);
  });
});
