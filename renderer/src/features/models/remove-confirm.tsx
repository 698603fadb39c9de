// The inline question before a version is removed (or the store collected): what goes, what it frees, Remove or Keep.
import { useEffect, useRef } from 'react';
import { formatBytes } from '../../state/model-entries.js';
import { useStudio } from '../../state/store-context.js';

export function RemoveConfirm() {
  const confirm = useStudio((state) => state.modelConfirm);
  if (confirm?.kind !== 'remove') return null;
  return (
    <InlineConfirm
      question={`Remove ${confirm.name}@${confirm.version}?`}
      detail={
        confirm.active
          ? `It is the active version: the version active before it takes over if it is still installed, else ${confirm.name} has no active version until you activate one. Nothing is installed in its place; files other versions share stay.`
          : `Frees up to ${formatBytes(confirm.sizeBytes)}; files other versions share stay.`
      }
      action="Remove"
    />
  );
}

export function GcConfirm() {
  const confirm = useStudio((state) => state.modelConfirm);
  if (confirm?.kind !== 'gc') return null;
  const { preview, partialBytes } = confirm;
  const files = preview.removedBlobs.length;
  const parts = [
    files > 0 ? `${files} unused ${files === 1 ? 'file' : 'files'}` : null,
    partialBytes > 0 ? `${formatBytes(partialBytes)} of partial downloads` : null,
  ].filter(Boolean);
  return (
    <InlineConfirm
      question={`Delete ${parts.join(' and ')}?`}
      detail={`Frees about ${formatBytes(preview.freedBytes + partialBytes)}. No installed version uses them; an interrupted install would start over.`}
      action="Delete"
    />
  );
}

function InlineConfirm({ question, detail, action }: { question: string; detail: string; action: string }) {
  const confirmAction = useStudio((state) => state.confirmModelAction);
  const dismiss = useStudio((state) => state.dismissModelConfirm);
  const keep = useRef<HTMLButtonElement>(null);
  // The safe answer has the keyboard first; Escape keeps too.
  useEffect(() => keep.current?.focus(), []);
  return (
    <div
      className="inline-confirm"
      role="group"
      aria-label={question}
      data-testid="inline-confirm"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        dismiss();
      }}
    >
      <div>
        <strong>{question}</strong> <span className="muted">{detail}</span>
      </div>
      <div className="inline-confirm-buttons">
        <button type="button" className="button button-danger" onClick={() => void confirmAction()}>
          {action}
        </button>
        <button type="button" className="button" ref={keep} onClick={dismiss}>
          Keep
        </button>
      </div>
    </div>
  );
}
