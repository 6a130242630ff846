/** Long enough for the browser to start the download; the object URL is then let go. */
const REVOKE_AFTER_MS = 60_000;

/** Has the browser save these bytes as a file named `name`. */
export function saveFile(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
