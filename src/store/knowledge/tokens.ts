// The tokens an article's people, names and speakers are indexed under, shared by every backend's
// search index: one token per person id, per capitalised name and per speaker (the `who` tokens).

/** One article's people as one document: a token per person id. */
export function peopleDocument(ids: Iterable<string>): string {
  return [...ids].map(idToken).join(' ');
}

/** A person id as one token (spaces written as `_`). */
export function idToken(id: string): string {
  return id.replace(/\s/g, '_');
}

/** One article's capitalised names as one document: a token per name. */
export function nameDocument(names: Iterable<string>): string {
  return [...names].map(nameToken).join(' ');
}

/** A name (lowercase words joined by spaces) as one token. */
export function nameToken(name: string): string {
  return name.replace(/ /g, '_');
}

/** The token standing for a person in the `who` part of a quote's or fact's index entry. */
export function whoToken(id: string): string {
  return 'p' + id.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The token standing for an unnamed source ("No10", "officials") in the `who` part. */
export function sourceToken(name: string): string {
  return 's' + name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
