/** Standard output and error for the command line's `main`, captured as text for assertions. */
export function capture() {
  let out = "";
  let err = "";
  return {
    io: { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) } },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}
