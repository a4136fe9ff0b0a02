/** How certificates are named and their expiry said, on the list and the detail page. */

/** The subject's common name, else the whole subject. */
export function commonName(certificate: { subject: string }): string {
  return /CN=([^,]+)/.exec(certificate.subject)?.[1] ?? certificate.subject;
}

/** Days left as words: "20 days left", "1 day left", "expired 3 days ago". */
export function daysText(daysLeft: number): string {
  if (daysLeft < 0) return `expired ${-daysLeft} days ago`;
  return daysLeft === 1 ? '1 day left' : `${daysLeft} days left`;
}
