// Typed errors with a stable code and a message that says what to do.

export class NewsgraphError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A layer or span broke the document model's invariants: a bug in the stage that made it. */
export class DocError extends NewsgraphError {}

/** The input cannot be read as an article (empty, binary, too large, malformed). */
export class InputError extends NewsgraphError {}
