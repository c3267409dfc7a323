/**
 * Thrown inside a check's body to say "not yet" with a one-line reason and an optional hint.
 * `check()` turns it into a result; it never reaches the student as a stack trace.
 */
export class NotYet extends Error {
  override name = "NotYet";
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Ends a check with "not yet": `notYet("passAtK(5, 2, 3) returned 0.5, expected 0.9", "use the product form")`. */
export function notYet(message: string, hint?: string): never {
  throw new NotYet(message, hint);
}
