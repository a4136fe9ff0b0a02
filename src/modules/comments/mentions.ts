/**
 * Mentions in a comment, resolved to people without I/O. `@` starts a mention at the start of the
 * text or after anything but a letter, digit or e-mail punctuation (so "ops@example.com" in a
 * sentence is not one). A mention is an e-mail address (`@ana@example.com`, which must be an
 * enabled person's) or a person's name as written (`@Ana Lima`, the longest name that matches,
 * ignoring case; a word that is nobody's name stays plain text).
 */

export interface MentionablePerson {
  id: string;
  name: string;
  email: string;
}

export interface ResolvedMentions<Person extends MentionablePerson> {
  /** Each person once, in the order first mentioned. */
  people: Person[];
  /** E-mail mentions that are nobody's address, as written. */
  unknownEmails: string[];
}

const EMAIL_AT_START = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const BEFORE_MENTION_FORBIDDEN = /[\p{L}\p{N}._%+-]/u;

export function resolveMentions<Person extends MentionablePerson>(
  text: string,
  candidates: readonly Person[],
): ResolvedMentions<Person> {
  const byEmail = new Map(candidates.map((person) => [person.email.toLowerCase(), person]));
  // Longest names first, so "Ana Lima" wins over "Ana".
  const byName = [...candidates]
    .filter((person) => person.name.trim().length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const people = new Map<string, Person>();
  const unknownEmails: string[] = [];
  for (let index = text.indexOf('@'); index !== -1; index = text.indexOf('@', index + 1)) {
    const before = index === 0 ? '' : text[index - 1]!;
    if (before !== '' && BEFORE_MENTION_FORBIDDEN.test(before)) continue;
    const rest = text.slice(index + 1);
    const email = EMAIL_AT_START.exec(rest)?.[0];
    if (email) {
      const person = byEmail.get(email.toLowerCase());
      if (person) people.set(person.id, person);
      else if (!unknownEmails.includes(email)) unknownEmails.push(email);
      index += email.length;
      continue;
    }
    const lower = rest.toLowerCase();
    const named = byName.find((person) => {
      const name = person.name.toLowerCase();
      return lower.startsWith(name) && !WORD_CHAR.test(rest.charAt(name.length));
    });
    if (named) {
      people.set(named.id, named);
      index += named.name.length;
    }
  }
  return { people: [...people.values()], unknownEmails };
}
