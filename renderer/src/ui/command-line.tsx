// A shell command to type or copy: it wraps only between arguments (never inside "--allow-host"), scrolls when one
// argument is wider than the box, and copies as one line.
import { Fragment, useState } from 'react';
import { copyText } from './copy-text.js';

export function CommandLine({ parts, testId }: { parts: readonly string[]; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const line = parts.join(' ');
  return (
    <span className="command-line" data-testid={testId}>
      <code className="command-line-text">
        {parts.map((part, index) => (
          // The space between two arguments is the only place the line may wrap.
          <Fragment key={index}>
            {index > 0 ? ' ' : null}
            <span className="command-line-part">{part}</span>
          </Fragment>
        ))}
      </code>
      <button
        type="button"
        className="button command-line-copy"
        aria-label={`Copy the command: ${line}`}
        onClick={() => void copyText(line).then(setCopied)}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
