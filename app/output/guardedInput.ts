/**
 * The Input box's handlers: typing, pasting and dropping a file all stop at the stated maximum
 * (lib/input-limits.ts), say why in the workspace notice, and leave the input as it was.
 * A paste is checked before the field takes it, and a dropped file by its size before it is
 * read, so an oversized one is never copied into the page.
 */
import type { ChangeEvent, ClipboardEvent, DragEvent } from 'react';
import { formatSize } from '../lib/bytes';
import { inputRefusal, utf8Bytes } from '../lib/input-limits';
import { usePlayground } from '../store/playground';

const refuse = (text: string) => usePlayground.getState().setWorkspaceNotice({ tone: 'error', text });

type Field = HTMLInputElement | HTMLTextAreaElement;

export function guardedInput(setInput: (input: string) => void) {
  return {
    onChange(e: ChangeEvent<Field>) {
      const refusal = inputRefusal(utf8Bytes(e.target.value), 'The input');
      if (refusal) refuse(refusal);
      else setInput(e.target.value);
    },
    onPaste(e: ClipboardEvent<Field>) {
      const field = e.currentTarget;
      const pasted = e.clipboardData.getData('text/plain');
      const [start, end] = [field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length];
      // What the field would hold: the paste replaces the selection.
      const pastedBytes = utf8Bytes(pasted);
      const bytes = utf8Bytes(field.value.slice(0, start)) + pastedBytes + utf8Bytes(field.value.slice(end));
      const refusal = inputRefusal(bytes, `Pasting ${formatSize(pastedBytes)}`);
      if (!refusal) return;
      e.preventDefault();
      refuse(refusal);
    },
    onDrop(e: DragEvent<Field>) {
      const file = e.dataTransfer.files[0];
      if (!file) return;
      e.preventDefault();
      const refusal = inputRefusal(file.size, `The dropped file ${file.name}`);
      if (refusal) return refuse(refusal);
      file.text().then(setInput, (error: unknown) => refuse(`The dropped file ${file.name} could not be read: ${String(error)}`));
    },
  };
}
